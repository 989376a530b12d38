package render

import (
	"os"
	"path/filepath"
	"testing"

	"briefing/internal/corpusgen"
	"briefing/model"
	"briefing/seeds"
)

func seedCorpus(t testing.TB) *model.Corpus {
	t.Helper()
	topics, err := model.ParseTopics(seeds.Topics())
	if err != nil {
		t.Fatal(err)
	}
	tg, err := model.NewTagger(topics)
	if err != nil {
		t.Fatal(err)
	}
	c, _, err := model.LoadFS(seeds.Articles(), model.LoadOptions{Tagger: tg})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// longArticle is one article of about 5,000 words.
func longArticle(b *testing.B) *model.Article {
	b.Helper()
	text, err := corpusgen.LongArticle(5000)
	if err != nil {
		b.Fatal(err)
	}
	path := filepath.Join(b.TempDir(), "long.txt")
	os.WriteFile(path, []byte(text), 0o644)
	tg, _ := model.NewTagger(seedCorpus(b).Topics)
	c, _, err := model.LoadPaths([]string{path}, model.LoadOptions{Tagger: tg})
	if err != nil {
		b.Fatal(err)
	}
	return c.Articles[0]
}

func BenchmarkRenderFirst5000Words(b *testing.B) {
	art := longArticle(b)
	topics := seedCorpus(b).Topics
	b.ReportAllocs()
	for b.Loop() {
		r := NewRenderer(StyleDark) // a new renderer: nothing cached
		r.Article(art, topics, PageOptions{Width: 120, Topic: 1, Labels: LabelGutter})
	}
}

func BenchmarkCompare(b *testing.B) {
	c := seedCorpus(b)
	st := NewStyles(StyleDark)
	b.ReportAllocs()
	for b.Loop() {
		Compare(st, c.Topics, c.Articles[2], c.Articles[3], CompareOptions{Width: 120, Topic: -1})
	}
}

// BenchmarkRenderNew5000Words renders an article not seen before with the
// program's renderer already warm, as opening an article does.
func BenchmarkRenderNew5000Words(b *testing.B) {
	art := longArticle(b)
	topics := seedCorpus(b).Topics
	r := NewRenderer(StyleDark)
	r.Article(art, topics, PageOptions{Width: 120, Topic: -1, Labels: LabelGutter})
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		r.Article(art, topics, PageOptions{Width: 120, Topic: i % len(topics), Labels: LabelGutter})
		i++
	}
}
