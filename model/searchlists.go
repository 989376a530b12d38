package model

import (
	"math"
	"slices"
)

// list finds the paragraphs holding a term.
func (s *searcher) list(t Term) (termList, error) {
	var l termList
	switch {
	case t.Prefix:
		l = s.prefixList(t.Words[0])
	case len(t.Words) == 1:
		p := s.idx.word(t.Words[0])
		if p == nil {
			return l, nil
		}
		l = termList{docs: p.docs, tf: p.tf}
	default:
		var err error
		if l, err = s.phraseList(t.Words); err != nil {
			return l, err
		}
		if p := s.idx.word(t.Closed); t.Closed != "" && p != nil {
			l = union(l, termList{docs: p.docs, tf: p.tf})
		}
	}
	n := float64(len(s.idx.paras))
	df := float64(len(l.docs))
	l.idf = math.Log(1 + (n-df+0.5)/(df+0.5))
	return l, nil
}

// prefixList merges the lists of every word starting with prefix.
func (s *searcher) prefixList(prefix string) termList {
	ps := s.idx.withPrefix(prefix)
	switch len(ps) {
	case 0:
		return termList{}
	case 1:
		return termList{docs: ps[0].docs, tf: ps[0].tf}
	}
	// Many words: count into one slot per paragraph, then read the slots in
	// order (cheaper than merging dozens of lists).
	counts := make([]uint16, len(s.idx.paras))
	for _, p := range ps {
		for i, d := range p.docs {
			counts[d] = uint16(min(int(counts[d])+p.tf(i), math.MaxUint16))
		}
	}
	var docs []uint32
	var tfs []uint16
	for d, n := range counts {
		if n > 0 {
			docs = append(docs, uint32(d))
			tfs = append(tfs, n)
		}
	}
	return termList{docs: docs, tf: func(i int) int { return int(tfs[i]) }}
}

// phraseList finds the paragraphs where the words follow each other.
func (s *searcher) phraseList(words []string) (termList, error) {
	ps := make([]*postings, len(words))
	for i, w := range words {
		if ps[i] = s.idx.word(w); ps[i] == nil {
			return termList{}, nil
		}
	}
	// Drive with the rarest word.
	drive := 0
	for i, p := range ps {
		if len(p.docs) < len(ps[drive].docs) {
			drive = i
		}
	}
	cur := make([]int, len(ps))
	var docs []uint32
	var tfs []uint16
outer:
	for i, d := range ps[drive].docs {
		if s.cancelled() {
			return termList{}, s.ctx.Err()
		}
		cur[drive] = i
		for k := range ps {
			if k != drive && !gallop(ps[k].docs, &cur[k], d) {
				continue outer
			}
		}
		n := 0
		for _, start := range ps[0].positions(cur[0]) {
			if followedBy(ps, cur, int(start)) {
				n++
			}
		}
		if n > 0 {
			docs = append(docs, d)
			tfs = append(tfs, uint16(min(n, math.MaxUint16)))
		}
	}
	return termList{docs: docs, tf: func(i int) int { return int(tfs[i]) }}, nil
}

// union merges two lists, adding the counts of a paragraph in both.
func union(a, b termList) termList {
	docs := make([]uint32, 0, len(a.docs)+len(b.docs))
	tfs := make([]uint16, 0, cap(docs))
	i, j := 0, 0
	for i < len(a.docs) || j < len(b.docs) {
		switch {
		case j == len(b.docs) || i < len(a.docs) && a.docs[i] < b.docs[j]:
			docs, tfs = append(docs, a.docs[i]), append(tfs, uint16(a.tf(i)))
			i++
		case i == len(a.docs) || b.docs[j] < a.docs[i]:
			docs, tfs = append(docs, b.docs[j]), append(tfs, uint16(b.tf(j)))
			j++
		default:
			docs, tfs = append(docs, a.docs[i]), append(tfs, uint16(min(a.tf(i)+b.tf(j), math.MaxUint16)))
			i++
			j++
		}
	}
	return termList{docs: docs, tf: func(i int) int { return int(tfs[i]) }}
}

// followedBy reports whether word k of the phrase sits at start+k for every k.
func followedBy(ps []*postings, cur []int, start int) bool {
	for k := 1; k < len(ps); k++ {
		if _, ok := slices.BinarySearch(ps[k].positions(cur[k]), uint16(start+k)); !ok {
			return false
		}
	}
	return true
}

// gallop moves *i forward in docs to the first entry ≥ id (doubling steps,
// then bisecting) and reports whether it is id. Callers look up ascending
// ids, so *i never moves back.
func gallop(docs []uint32, i *int, id uint32) bool {
	lo := *i
	if lo >= len(docs) {
		return false
	}
	if docs[lo] < id {
		step := 1
		hi := lo + step
		for hi < len(docs) && docs[hi] < id {
			lo = hi
			step *= 2
			hi = lo + step
		}
		hi = min(hi, len(docs))
		// docs[lo] < id ≤ docs[hi] (or hi is the end).
		j, _ := slices.BinarySearch(docs[lo+1:hi], id)
		lo += 1 + j
	}
	*i = lo
	return lo < len(docs) && docs[lo] == id
}
