package model

import (
	"context"
	"math"
	"slices"
	"strings"
)

// Order is how search results are sorted.
type Order uint8

const (
	// Newest lists the newest article first, its paragraphs in order.
	Newest Order = iota
	// Relevance lists the paragraphs where the words are densest and rarest
	// first (BM25), newest first among equals.
	Relevance
)

func (o Order) String() string {
	if o == Relevance {
		return "relevance"
	}
	return "newest"
}

// DefaultSearchLimit is how many results a search returns when not told.
const DefaultSearchLimit = 200

// SearchOptions shape a search.
type SearchOptions struct {
	Order Order
	Limit int // results returned (Total counts them all); 0 means DefaultSearchLimit
}

// Range is a stretch of a paragraph's text, in byte offsets, end exclusive.
type Range struct{ Start, End int }

// Result is one matching paragraph.
type Result struct {
	Article *Article
	Para    int     // position in Article.Paragraphs (0-based; cited as Para+1)
	Hits    []Range // what matched, in the paragraph's text, in order
	Score   float64 // relevance; 0 when sorted by date
}

// Paragraph is the matching paragraph.
func (r Result) Paragraph() *Paragraph { return &r.Article.Paragraphs[r.Para] }

// Link is the paragraph's address, ARTICLE-ID#pN.
func (r Result) Link() Link { return Link{ID: r.Article.ID, Para: r.Para + 1} }

// Results are a search's answer.
type Results struct {
	Query    *Query
	Order    Order
	Total    int // paragraphs that match
	Articles int // articles with at least one
	Items    []Result
}

// Search runs a query over every paragraph. It builds the index on first
// use, is safe for concurrent use, and gives up with ctx's error when ctx
// ends (a newer query replaced this one). The corpus must hold its text: a
// corpus of summaries (LoadOptions.Summaries) has no paragraphs to find.
func (c *Corpus) Search(ctx context.Context, q *Query, opts SearchOptions) (*Results, error) {
	idx := c.Index()
	if opts.Limit <= 0 {
		opts.Limit = DefaultSearchLimit
	}
	s := searcher{ctx: ctx, idx: idx, c: c, q: q, rank: opts.Order == Relevance}
	ids, scores, err := s.run()
	if err != nil {
		return nil, err
	}
	res := &Results{Query: q, Order: opts.Order, Total: len(ids)}
	last := int32(-1)
	for _, id := range ids {
		if a := idx.paras[id].article; a != last {
			res.Articles++
			last = a
		}
	}
	top := topIDs(ids, scores, opts.Limit, s.rank)
	res.Items = make([]Result, 0, len(top))
	var hl highlighter
	for _, m := range top {
		ref := idx.paras[m.id]
		a := c.Articles[ref.article]
		r := Result{Article: a, Para: int(ref.para), Score: float64(m.score)}
		r.Hits = hl.hits(q, &a.Paragraphs[ref.para])
		res.Items = append(res.Items, r)
	}
	return res, ctx.Err()
}

// termList is the paragraphs holding one term, with how often.
type termList struct {
	docs []uint32
	tf   func(i int) int
	idf  float64
}

type searcher struct {
	ctx  context.Context
	idx  *Index
	c    *Corpus
	q    *Query
	rank bool
	tick int
}

// cancelled checks the context every few thousand steps: often enough to
// stop within a millisecond, rarely enough to cost nothing.
func (s *searcher) cancelled() bool {
	s.tick++
	return s.tick&4095 == 0 && s.ctx.Err() != nil
}

// run finds every matching paragraph id, ascending, with its score when
// ranking.
func (s *searcher) run() ([]uint32, []float32, error) {
	lists := make([]termList, 0, len(s.q.Terms))
	for _, t := range s.q.Terms {
		l, err := s.list(t)
		if err != nil {
			return nil, nil, err
		}
		if len(l.docs) == 0 {
			return nil, nil, s.ctx.Err()
		}
		lists = append(lists, l)
	}
	nots := make([]termList, 0, len(s.q.Not))
	for _, t := range s.q.Not {
		l, err := s.list(t)
		if err != nil {
			return nil, nil, err
		}
		nots = append(nots, l)
	}
	articleOK := s.articleFilter()
	var want, unwanted TopicSet
	for _, ti := range s.q.Topics {
		want = want.With(ti)
	}
	for _, ti := range s.q.NoTopic {
		unwanted = unwanted.With(ti)
	}
	keep := func(id uint32) bool {
		ref := s.idx.paras[id]
		if articleOK != nil && !articleOK[ref.article] {
			return false
		}
		if want|unwanted != 0 {
			ts := s.c.Articles[ref.article].Paragraphs[ref.para].Topics
			if ts&want != want || ts&unwanted != 0 {
				return false
			}
		}
		return true
	}
	notCur := make([]int, len(nots))
	excluded := func(id uint32) bool {
		for i := range nots {
			if gallop(nots[i].docs, &notCur[i], id) {
				return true
			}
		}
		return false
	}
	var ids []uint32
	var scores []float32
	if len(lists) == 0 {
		// Only topics and filters: every paragraph is a candidate.
		for id := range uint32(len(s.idx.paras)) {
			if s.cancelled() {
				return nil, nil, s.ctx.Err()
			}
			if keep(id) && !excluded(id) {
				ids = append(ids, id)
			}
		}
		if s.rank {
			scores = make([]float32, len(ids))
		}
		return ids, scores, nil
	}
	// Walk the shortest list and leap through the others.
	slices.SortFunc(lists, func(a, b termList) int { return len(a.docs) - len(b.docs) })
	cur := make([]int, len(lists))
	drive := lists[0]
outer:
	for i, id := range drive.docs {
		if s.cancelled() {
			return nil, nil, s.ctx.Err()
		}
		for k := 1; k < len(lists); k++ {
			if !gallop(lists[k].docs, &cur[k], id) {
				continue outer
			}
		}
		if !keep(id) || excluded(id) {
			continue
		}
		ids = append(ids, id)
		if s.rank {
			length := float64(s.idx.paras[id].length)
			score := s.bm25(drive, i, length)
			for k := 1; k < len(lists); k++ {
				score += s.bm25(lists[k], cur[k], length)
			}
			scores = append(scores, float32(score))
		}
	}
	return ids, scores, nil
}

// bm25 is the usual ranking weight of a term found tf times in a paragraph.
func (s *searcher) bm25(l termList, i int, length float64) float64 {
	const k1, b = 1.2, 0.75
	tf := float64(l.tf(i))
	return l.idf * tf * (k1 + 1) / (tf + k1*(1-b+b*length/max(s.idx.avgLen, 1)))
}

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

// articleFilter marks the articles that pass source:, after: and before:;
// nil when the query has none.
func (s *searcher) articleFilter() []bool {
	q := s.q
	if len(q.Sources) == 0 && q.After.IsZero() && q.Before.IsZero() {
		return nil
	}
	ok := make([]bool, len(s.c.Articles))
	for i, a := range s.c.Articles {
		ok[i] = (q.After.IsZero() || a.HasDate() && !a.Date.Before(q.After)) &&
			(q.Before.IsZero() || a.HasDate() && a.Date.Before(q.Before))
		for _, src := range q.Sources {
			ok[i] = ok[i] && strings.Contains(s.idx.sources[i], src)
		}
	}
	return ok
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
