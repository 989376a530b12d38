package model_test

import (
	"context"
	"runtime"
	"slices"
	"sync"
	"testing"
	"time"

	. "briefing/model"
)

var (
	full10kOnce sync.Once
	full10k     *Corpus
)

// corpus10k loads the 10,000-article corpus with its text, once.
func corpus10k(b *testing.B) *Corpus {
	b.Helper()
	dir := benchCorpus(b)
	full10kOnce.Do(func() {
		c, _, err := LoadPaths([]string{dir}, LoadOptions{Tagger: SeedTagger(b)})
		if err != nil {
			b.Fatal(err)
		}
		full10k = c
	})
	return full10k
}

// BenchmarkSearchIndex10k builds the search index of 10,000 articles and
// reports the memory it holds.
func BenchmarkSearchIndex10k(b *testing.B) {
	c := corpus10k(b)
	var before, after runtime.MemStats
	var idx *Index
	b.ReportAllocs()
	for b.Loop() {
		b.StopTimer()
		idx = nil
		runtime.GC()
		runtime.ReadMemStats(&before)
		b.StartTimer()
		idx = NewIndex(c)
		b.StopTimer()
		runtime.GC()
		runtime.ReadMemStats(&after)
		b.StartTimer()
	}
	b.ReportMetric(float64(after.HeapAlloc-before.HeapAlloc)/(1<<20), "index-MiB")
	b.ReportMetric(float64(idx.Paragraphs()), "paragraphs")
	b.ReportMetric(float64(idx.Words()), "words")
}

// typed is what a user types, one key at a time.
var typed = []string{
	"zelensky trump",
	"security guarantees -nato",
	`"coalition of the willing" troops`,
	"ceasefire #territory after:2025-06-01",
	"frozen assets source:reuters",
	"minerals deal",
	"us europe ukraine russia",
}

// timeTyping runs every prefix of every typed query as the app does while
// the user types (the last word a prefix) and reports the median and 99th
// percentile per key press. A prefix that does not parse (an open quote)
// costs only its parse, as in the app, which keeps the last results.
func timeTyping(b *testing.B, order Order) {
	c := corpus10k(b)
	c.Index()
	var queries []string
	for _, s := range typed {
		for i := 1; i <= len(s); i++ {
			queries = append(queries, s[:i])
		}
	}
	ctx := context.Background()
	var times []time.Duration
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		start := time.Now()
		if q, err := ParseQuery(queries[i%len(queries)], c); err == nil {
			if _, err := c.Search(ctx, q.Typing(), SearchOptions{Order: order}); err != nil {
				b.Fatal(err)
			}
		}
		times = append(times, time.Since(start))
		i++
	}
	slices.Sort(times)
	b.ReportMetric(float64(times[len(times)/2].Nanoseconds()), "p50-ns")
	b.ReportMetric(float64(times[len(times)*99/100].Nanoseconds()), "p99-ns")
}

// BenchmarkSearchTyping10k is a search per key press at 10,000 articles,
// newest first.
func BenchmarkSearchTyping10k(b *testing.B) { timeTyping(b, Newest) }

// BenchmarkSearchTypingRelevance10k is the same sorted by relevance.
func BenchmarkSearchTypingRelevance10k(b *testing.B) { timeTyping(b, Relevance) }

// BenchmarkWithTopics10k is saving a search as a topic in the app: a view
// of the shared corpus with one more topic, every paragraph tagged with it.
func BenchmarkWithTopics10k(b *testing.B) {
	c := corpus10k(b)
	extra := []Topic{{ID: "coalition", Name: "Coalition", Badge: "COW", Patterns: []string{"coalition of the willing"}}}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := c.WithTopics(extra); err != nil {
			b.Fatal(err)
		}
	}
}
