package index_test

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"sync"
	"testing"

	"briefing/index"
	"briefing/internal/corpusgen"
	"briefing/model"
)

// benchArticles is the corpus size of the start benchmarks: 10,000, or
// BRIEFING_BENCH_ARTICLES (the README's growth table uses 1,000 to
// 100,000).
func benchArticles() int {
	if n, err := strconv.Atoi(os.Getenv("BRIEFING_BENCH_ARTICLES")); err == nil && n > 0 {
		return n
	}
	return 10000
}

var (
	benchOnce sync.Once
	benchDir  string
	benchErr  error
)

// benchCorpus writes the generated corpus once per test binary run.
func benchCorpus(b *testing.B) string {
	b.Helper()
	benchOnce.Do(func() {
		benchDir, benchErr = os.MkdirTemp("", "briefing-index-bench")
		if benchErr == nil {
			benchErr = corpusgen.Write(filepath.Join(benchDir, "c"), benchArticles(), 1)
		}
	})
	if benchErr != nil {
		b.Fatal(benchErr)
	}
	return filepath.Join(benchDir, "c")
}

// TestMain removes the benchmarks' corpus, which they share.
func TestMain(m *testing.M) {
	code := m.Run()
	if benchDir != "" {
		os.RemoveAll(benchDir)
	}
	os.Exit(code)
}

// indexed builds an index of dir in a new state folder.
func indexed(b *testing.B, dir string, tg *model.Tagger) string {
	b.Helper()
	state := b.TempDir()
	load(b, state, dir, tg)
	return state
}

// BenchmarkStartWarm is what the app does before its first frame when
// nothing changed: the index's summaries of every file, decoded into a
// corpus, without looking at the files.
func BenchmarkStartWarm(b *testing.B) {
	dir := benchCorpus(b)
	tg := tagger(b)
	state := indexed(b, dir, tg)
	x, err := index.Open(state, tg.CacheKey())
	if err != nil {
		b.Fatal(err)
	}
	defer x.Close()
	b.ReportAllocs()
	for b.Loop() {
		c, _, err := model.FromCache([]string{dir}, model.LoadOptions{Tagger: tg, Cache: x})
		if err != nil || len(c.Articles) != benchArticles() {
			b.Fatalf("%v, %d articles", err, len(c.Articles))
		}
	}
}

// BenchmarkCheckWarm is what follows, behind the first frame and in
// 'briefing list': every file found and stat'ed, nothing to read.
func BenchmarkCheckWarm(b *testing.B) {
	dir := benchCorpus(b)
	tg := tagger(b)
	state := indexed(b, dir, tg)
	b.ReportAllocs()
	for b.Loop() {
		c, stats, _ := load(b, state, dir, tg)
		if len(c.Articles) != benchArticles() || stats.Unchanged != stats.Files {
			b.Fatalf("%d articles, %+v", len(c.Articles), stats)
		}
	}
}

// BenchmarkStartCold reads, parses and tags every file into a new index.
func BenchmarkStartCold(b *testing.B) {
	dir := benchCorpus(b)
	tg := tagger(b)
	b.ReportAllocs()
	for b.Loop() {
		b.StopTimer()
		state := b.TempDir()
		b.StartTimer()
		c, stats, _ := load(b, state, dir, tg)
		if len(c.Articles) != benchArticles() || stats.Parsed != stats.Files {
			b.Fatalf("%d articles, %+v", len(c.Articles), stats)
		}
	}
}

// BenchmarkStartChanged100 is a start after 100 files changed: they are
// read and the groups of copies found again.
func BenchmarkStartChanged100(b *testing.B) {
	dir := benchCorpus(b)
	tg := tagger(b)
	files, err := filepath.Glob(filepath.Join(dir, "*", "*.md"))
	if err != nil || len(files) < 100 {
		b.Fatalf("%d files: %v", len(files), err)
	}
	slices.Sort(files)
	files = files[:100]
	originals := make([][]byte, len(files))
	for i, f := range files {
		if originals[i], err = os.ReadFile(f); err != nil {
			b.Fatal(err)
		}
	}
	defer func() {
		for i, f := range files {
			os.WriteFile(f, originals[i], 0o644)
		}
	}()
	state := indexed(b, dir, tg)
	b.ReportAllocs()
	round := 0
	for b.Loop() {
		b.StopTimer()
		round++
		for i, f := range files {
			text := fmt.Sprintf("%s\nA late paragraph, version %d.\n", originals[i], round)
			if err := os.WriteFile(f, []byte(text), 0o644); err != nil {
				b.Fatal(err)
			}
		}
		b.StartTimer()
		_, stats, _ := load(b, state, dir, tg)
		if stats.Parsed != 100 {
			b.Fatalf("%+v", stats)
		}
	}
}

// BenchmarkReadOnDemand is opening an indexed article: its file read,
// parsed and tagged again (each iteration a different article, so none is
// kept from before).
func BenchmarkReadOnDemand(b *testing.B) {
	dir := benchCorpus(b)
	tg := tagger(b)
	state := indexed(b, dir, tg)
	c, _, _ := load(b, state, dir, tg)
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		a := c.Articles[i%len(c.Articles)]
		i += 97
		if full, err := c.Full(a); err != nil || len(full.Paragraphs) == 0 {
			b.Fatalf("%s: %v", a.ID, err)
		}
	}
}
