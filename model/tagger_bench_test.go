package model

import "testing"

// BenchmarkTagSeedsWarm tags the seed articles with one reused state, as
// each loading worker does: the word cache is warm after the first pass, so
// this is the steady-state cost per byte of text.
func BenchmarkTagSeedsWarm(b *testing.B) {
	tg := defaultTagger(b)
	c := seedCorpus(b, tg)
	size := 0
	for _, a := range c.Articles {
		for _, p := range a.Paragraphs {
			size += len(p.Text)
		}
	}
	var st tagState
	b.SetBytes(int64(size))
	b.ReportAllocs()
	for b.Loop() {
		for _, a := range c.Articles {
			tg.tagArticle(&st, a)
		}
	}
}
