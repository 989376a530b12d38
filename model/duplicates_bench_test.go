package model_test

import (
	"testing"

	. "briefing/model"
)

// BenchmarkNearDuplicates10k is near-duplicate detection alone over the
// 10,000 generated articles, on one core (loading spreads the signatures
// over every core): compare with BenchmarkLoad10kSummaries.
func BenchmarkNearDuplicates10k(b *testing.B) {
	dir := benchCorpus(b)
	c, _, err := LoadPaths([]string{dir}, LoadOptions{Tagger: SeedTagger(b)})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	var n int
	for b.Loop() {
		n = NearDuplicates(c.Articles)
	}
	b.ReportMetric(float64(n), "copies")
}
