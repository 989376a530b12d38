package model

import (
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
)

// WithTopics returns a view of the corpus with extra topics after its own,
// every paragraph tagged with them: a user's saved searches over a corpus
// others share. The corpus itself is not changed; the view shares its text
// and its search index, copies each article's header (with longer topic
// counts) and copies the paragraph headers only of the articles an extra
// topic covers. A corpus of summaries has each file read once, on every
// core, and its view reads text on demand with the extra topics too.
func (c *Corpus) WithTopics(extra []Topic) (*Corpus, error) {
	topics, err := MergeTopics(c.Topics, extra)
	if err != nil {
		return nil, err
	}
	tagger, err := NewTagger(extra)
	if err != nil {
		return nil, err
	}
	base := len(c.Topics)
	articles := make([]*Article, len(c.Articles))
	view := &Corpus{Articles: articles, Topics: topics, byID: make(map[string]*Article, len(c.Articles))}
	view.search.base = c
	if c.search.base != nil {
		view.search.base = c.search.base
	}
	if c.text != nil {
		view.text = &textSource{tagger: c.text.tagger, limit: c.text.limit, fsys: c.text.fsys, extra: tagger, base: base}
		if c.text.extra != nil {
			// A view of a view tags with both views' topics.
			both, err := NewTagger(topics[len(c.text.tagger.Topics()):])
			if err != nil {
				return nil, err
			}
			view.text.extra, view.text.base = both, len(c.text.tagger.Topics())
		}
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), max(len(c.Articles)/64, 1)) {
		wg.Go(func() {
			for {
				i := int(next.Add(1) - 1)
				if i >= len(c.Articles) {
					return
				}
				articles[i] = c.withTopics(c.Articles[i], tagger, base)
			}
		})
	}
	wg.Wait()
	for _, a := range articles {
		view.byID[a.ID] = a
	}
	c.carryCopies(view)
	return view, nil
}

// withTopics is a's copy in a view with the extra topics. A summary's
// text is read for it and let go; one that cannot be read any more, or no
// longer lines up with its outline, gets no extra topics.
func (c *Corpus) withTopics(a *Article, tagger *Tagger, base int) *Article {
	out := *a
	if a.IsSummary() {
		out.TopicCounts = append(slices.Clone(a.TopicCounts), make([]int, len(tagger.Topics()))...)
		full, err := c.text.read(a)
		if err != nil || len(full.Paragraphs) != a.paras {
			return &out
		}
		addTopics(full, tagger, base)
		out.TopicCounts = full.TopicCounts
		// full has this corpus's topics as the outline does, and the extra.
		out.outline = outlineOf(full.Paragraphs)
		return &out
	}
	tmp := *a
	tmp.Paragraphs, tmp.Head = slices.Clone(a.Paragraphs), slices.Clone(a.Head)
	addTopics(&tmp, tagger, base)
	out.TopicCounts = tmp.TopicCounts
	if slices.ContainsFunc(out.TopicCounts[base:], func(n int) bool { return n > 0 }) {
		// Only articles the extra topics cover get paragraphs of their own.
		out.Paragraphs, out.Head = tmp.Paragraphs, tmp.Head
	}
	return &out
}

// addTopics tags a, already tagged with base topics, with extra topics
// numbered from base: their topics and spans join each paragraph's, and
// their counts follow a's. a's paragraphs must be its own to change.
func addTopics(a *Article, tagger *Tagger, base int) {
	tmp := *a
	tmp.Paragraphs, tmp.Head = slices.Clone(a.Paragraphs), slices.Clone(a.Head)
	tagger.TagArticle(&tmp)
	a.TopicCounts = append(slices.Clone(a.TopicCounts[:base]), tmp.TopicCounts...)
	for _, pair := range [][2][]Paragraph{{a.Head, tmp.Head}, {a.Paragraphs, tmp.Paragraphs}} {
		for j := range pair[0] {
			p, extra := &pair[0][j], &pair[1][j]
			if extra.Topics == 0 {
				continue
			}
			p.Topics |= extra.Topics << uint(base)
			spans := slices.Clone(p.Spans)
			for _, s := range extra.Spans {
				s.Topic += base
				spans = append(spans, s)
			}
			p.Spans = spans
		}
	}
}
