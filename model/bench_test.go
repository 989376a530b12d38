package model_test

import (
	"os"
	"path/filepath"
	"sync"
	"testing"

	"briefing/internal/corpusgen"
	. "briefing/model"
)

var (
	benchOnce sync.Once
	benchDir  string
	benchErr  error
)

// benchCorpus writes the 10,000-article corpus once per test binary run.
func benchCorpus(b *testing.B) string {
	b.Helper()
	benchOnce.Do(func() {
		benchDir, benchErr = os.MkdirTemp("", "briefing-bench")
		if benchErr == nil {
			benchErr = corpusgen.Write(filepath.Join(benchDir, "c"), 10000, 1)
		}
	})
	if benchErr != nil {
		b.Fatal(benchErr)
	}
	return filepath.Join(benchDir, "c")
}

// BenchmarkLoad10k loads and tags 10,000 articles (about 45 MB) from disk.
func BenchmarkLoad10k(b *testing.B) {
	dir := benchCorpus(b)
	tg := SeedTagger(b)
	b.ReportAllocs()
	for b.Loop() {
		c, _, err := LoadPaths([]string{dir}, LoadOptions{Tagger: tg})
		if err != nil || len(c.Articles) != 10000 {
			b.Fatalf("%v, %d articles", err, len(c.Articles))
		}
	}
}

// BenchmarkLoad10kSummaries is BenchmarkLoad10k as 'briefing list' loads:
// metadata and topic counts kept, the text let go.
func BenchmarkLoad10kSummaries(b *testing.B) {
	dir := benchCorpus(b)
	tg := SeedTagger(b)
	b.ReportAllocs()
	for b.Loop() {
		c, _, err := LoadPaths([]string{dir}, LoadOptions{Tagger: tg, Summaries: true})
		if err != nil || len(c.Articles) != 10000 {
			b.Fatalf("%v, %d articles", err, len(c.Articles))
		}
	}
}

// BenchmarkTagParagraph is the tagger alone on one seed-sized paragraph.
func BenchmarkTagParagraph(b *testing.B) {
	tg := SeedTagger(b)
	text := "Officials exchanged views on security guarantees for Ukraine, including the UK-French led initiative of possibly deploying European troops on the ground to deter further Russian attacks – after a ceasefire is reached."
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		tg.Tag(text)
	}
}

// BenchmarkParseArticle is the parser alone on one 4 KB article.
func BenchmarkParseArticle(b *testing.B) {
	dir := benchCorpus(b)
	data, err := os.ReadFile(filepath.Join(dir, "000", "00000.txt"))
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, _, err := Parse("a.txt", data); err != nil {
			b.Fatal(err)
		}
	}
}
