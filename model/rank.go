package model

import "slices"

// bm25 is the usual ranking weight of a term found tf times in a paragraph.
func (s *searcher) bm25(l termList, i int, length float64) float64 {
	const k1, b = 1.2, 0.75
	tf := float64(l.tf(i))
	return l.idf * tf * (k1 + 1) / (tf + k1*(1-b+b*length/max(s.idx.avgLen, 1)))
}

type scored struct {
	id    uint32
	score float32
}

// topIDs picks the first limit ids: in id order (newest first), or the
// best scores (a bounded heap, so a huge result set is never fully sorted).
func topIDs(ids []uint32, scores []float32, limit int, rank bool) []scored {
	if !rank {
		out := make([]scored, 0, min(limit, len(ids)))
		for _, id := range ids[:min(limit, len(ids))] {
			out = append(out, scored{id: id})
		}
		return out
	}
	// better reports whether a sorts before b: higher score, then newer.
	better := func(a, b scored) bool { return a.score > b.score || a.score == b.score && a.id < b.id }
	h := make([]scored, 0, min(limit, len(ids)))
	// h is a min-heap by better: h[0] is the worst kept.
	down := func(i int) {
		for {
			l := 2*i + 1
			if l >= len(h) {
				return
			}
			w := l
			if r := l + 1; r < len(h) && better(h[l], h[r]) {
				w = r
			}
			if !better(h[i], h[w]) {
				return
			}
			h[i], h[w] = h[w], h[i]
			i = w
		}
	}
	for i, id := range ids {
		m := scored{id, scores[i]}
		if len(h) < limit {
			h = append(h, m)
			for j := len(h) - 1; j > 0; {
				p := (j - 1) / 2
				if !better(h[p], h[j]) {
					break
				}
				h[p], h[j] = h[j], h[p]
				j = p
			}
			continue
		}
		if better(m, h[0]) {
			h[0] = m
			down(0)
		}
	}
	slices.SortFunc(h, func(a, b scored) int {
		if better(a, b) {
			return -1
		}
		if better(b, a) {
			return 1
		}
		return 0
	})
	return h
}
