package model

import (
	"fmt"
	"hash/fnv"
	"slices"
	"testing"
	"time"
)

// Ids of articles whose titles clash carry a tag of their path; pins name
// articles by id, so the tag must stay what it has always been.
func TestPathTagIsStable(t *testing.T) {
	for _, p := range []string{"", "a.md", "/tmp/c100k/folder001/2025-03-04-talks.md", "seeds/ünïcode.txt"} {
		h := fnv.New32a()
		h.Write([]byte(p))
		if want := fmt.Sprintf("%04x", h.Sum32()&0xffff); pathTag(p) != want {
			t.Errorf("pathTag(%q) = %s, want %s", p, pathTag(p), want)
		}
	}
}

// Sorting a large corpus in halves gives the corpus order.
func TestSortArticlesInHalves(t *testing.T) {
	var articles []*Article
	for i := range 25000 {
		a := &Article{Title: fmt.Sprintf("t%d", i*7919%100), Path: fmt.Sprintf("p%05d", i)}
		if i%3 != 0 {
			a.Date = time.Date(2025, time.Month(1+i%12), 1+i%28, 0, 0, 0, 0, time.UTC)
		}
		articles = append(articles, a)
	}
	want := slices.Clone(articles)
	slices.SortFunc(want, compareArticles)
	sortArticles(articles)
	if !slices.Equal(articles, want) {
		t.Fatal("sorted in halves, the order differs")
	}
}
