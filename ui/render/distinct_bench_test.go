package render

import (
	"fmt"
	"testing"
)

// BenchmarkNewDistinct100k finds the alike titles of a 100,000-article
// list, as its first frame does.
func BenchmarkNewDistinct100k(b *testing.B) {
	titles := make([]string, 100000)
	for i := range titles {
		titles[i] = fmt.Sprintf("France hails 'positive process' as Europe, US discuss Ukraine ceasefire (%d Dec, report %d)", i%31, i)
	}
	b.ReportAllocs()
	for b.Loop() {
		d := NewDistinct(titles, 45)
		_ = d.Title(0)
	}
}
