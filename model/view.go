package model

import "slices"

// WithTopics returns a view of the corpus with extra topics after its own,
// every paragraph tagged with them: a user's saved searches over a corpus
// others share. The corpus itself is not changed; the view shares its text
// and its search index, copies each article's header (with longer topic
// counts) and copies the paragraph headers only of the articles an extra
// topic covers. It needs paragraphs, so not a corpus of summaries.
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
	var scratch []Paragraph
	for i, a := range c.Articles {
		// Tag a scratch copy with the extra topics alone; an article they
		// cover gets its own paragraphs with both.
		tmp := *a
		scratch = append(scratch[:0], a.Paragraphs...)
		tmp.Paragraphs = scratch
		tagger.TagArticle(&tmp)
		out := *a
		out.TopicCounts = append(slices.Clone(a.TopicCounts), tmp.TopicCounts...)
		if slices.ContainsFunc(tmp.TopicCounts, func(n int) bool { return n > 0 }) {
			out.Paragraphs = slices.Clone(a.Paragraphs)
			for j := range out.Paragraphs {
				p, extraP := &out.Paragraphs[j], &tmp.Paragraphs[j]
				if extraP.Topics == 0 {
					continue
				}
				p.Topics |= extraP.Topics << uint(base)
				spans := slices.Clone(p.Spans)
				for _, s := range extraP.Spans {
					s.Topic += base
					spans = append(spans, s)
				}
				p.Spans = spans
			}
		}
		articles[i] = &out
		view.byID[out.ID] = &out
	}
	c.carryCopies(view)
	return view, nil
}
