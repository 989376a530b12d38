package ui

import (
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/sahilm/fuzzy"
)

// fuzzyFilter matches a query fuzzily against the article targets. Results
// are cached per query, and a query that extends a cached one searches only
// that one's matches (every match of "mac" is a match of "ma"), so typing
// and deleting in the filter stay fast at any corpus size.
type fuzzyFilter struct {
	targets []string
	cache   map[string][]int // query → target indexes, best first
	// build makes the targets on the first match: most sessions never
	// filter, and 100,000 targets are 20 MB.
	build func() []string
}

const maxCachedQueries = 64

// parallelFuzzyFrom is the candidate count from which matching is split
// over the cores.
const parallelFuzzyFrom = 2000

func newFuzzyFilter(build func() []string) *fuzzyFilter {
	return &fuzzyFilter{build: build, cache: map[string][]int{}}
}

// match returns the indexes of the targets that match query, best first.
func (f *fuzzyFilter) match(query string) []int {
	if f.targets == nil {
		f.targets = f.build()
	}
	if got, ok := f.cache[query]; ok {
		return got
	}
	var candidates []int // nil: all targets
	best := ""
	for q, got := range f.cache {
		if len(q) > len(best) && strings.HasPrefix(query, q) {
			best, candidates = q, got
		}
	}
	if best == "" {
		candidates = nil
	}
	out := f.search(query, candidates)
	if len(f.cache) >= maxCachedQueries {
		clear(f.cache)
	}
	f.cache[query] = out
	return out
}

// subset is a fuzzy.Source over some of the targets.
type subset struct {
	targets []string
	idx     []int // nil: all
	from    int
	to      int
}

func (s subset) at(i int) int {
	if s.idx == nil {
		return s.from + i
	}
	return s.idx[s.from+i]
}

func (s subset) String(i int) string { return s.targets[s.at(i)] }
func (s subset) Len() int            { return s.to - s.from }

func (f *fuzzyFilter) search(query string, candidates []int) []int {
	n := len(f.targets)
	if candidates != nil {
		n = len(candidates)
	}
	parts := 1
	if n >= parallelFuzzyFrom {
		parts = min(runtime.GOMAXPROCS(0), 4)
	}
	results := make([][]fuzzy.Match, parts)
	sources := make([]subset, parts)
	var wg sync.WaitGroup
	for p := range parts {
		sources[p] = subset{targets: f.targets, idx: candidates, from: n * p / parts, to: n * (p + 1) / parts}
		wg.Go(func() { results[p] = fuzzy.FindFromNoSort(query, sources[p]) })
	}
	wg.Wait()
	type scored struct{ index, score int }
	var all []scored
	for p, ms := range results {
		for _, m := range ms {
			all = append(all, scored{sources[p].at(m.Index), m.Score})
		}
	}
	// Best first; equal scores keep corpus order (newest first).
	slices.SortStableFunc(all, func(a, b scored) int { return b.score - a.score })
	out := make([]int, len(all))
	for i, s := range all {
		out[i] = s.index
	}
	return out
}
