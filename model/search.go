package model

import (
	"context"
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
	Article *Article // as the corpus holds it: a summary when indexed
	Para    int      // position in the article's body (0-based; cited as Para+1)
	Hits    []Range  // what matched, in the paragraph's text, in order
	Score   float64  // relevance; 0 when sorted by date
	para    *Paragraph
}

// Paragraph is the matching paragraph, with its text.
func (r Result) Paragraph() *Paragraph { return r.para }

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
// ends (a newer query replaced this one). A corpus of summaries has every
// file read to build the index, and the results' texts read on demand.
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
		full, err := c.Full(a)
		if err != nil || int(ref.para) >= len(full.Paragraphs) {
			continue // gone or changed since the index was built
		}
		r := Result{Article: a, Para: int(ref.para), Score: float64(m.score), para: &full.Paragraphs[ref.para]}
		r.Hits = hl.hits(q, r.para)
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
			ts := s.c.Articles[ref.article].paragraphTopics(int(ref.para))
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
