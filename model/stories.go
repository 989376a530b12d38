package model

import (
	"slices"
	"strings"
)

// Stories returns the articles that stand for a story, each story once, in
// corpus order: copies of a story another article stands for are left out.
func (c *Corpus) Stories() []*Article {
	if len(c.copies) == 0 {
		return c.Articles
	}
	out := make([]*Article, 0, len(c.Articles))
	for _, a := range c.Articles {
		if !c.IsCopy(a) {
			out = append(out, a)
		}
	}
	return out
}

// HasCopies reports whether another article carries a's story.
func (c *Corpus) HasCopies(a *Article) bool { return c.copies[a] != nil }

// AlsoIn names the other outlets that carried a's story, in corpus order,
// each once; a's own outlet and unknown outlets are left out.
func (c *Corpus) AlsoIn(a *Article) []string {
	var out []string
	for _, b := range c.Duplicates(a) {
		if b.Source == "" || strings.EqualFold(b.Source, a.Source) {
			continue
		}
		if !slices.ContainsFunc(out, func(s string) bool { return strings.EqualFold(s, b.Source) }) {
			out = append(out, b.Source)
		}
	}
	return out
}

// With returns a new corpus holding c's articles and more, with copies
// found anew. c is not changed, nor are its articles, which other programs
// may be reading: the new corpus has its own copies of them, under the same
// ids, and the added articles get ids that clash with none.
//
// A corpus of summaries (loaded through the index) keeps its groups of
// copies as they are: its articles' text is not at hand to compare with the
// new ones, which the next start's check groups.
func (c *Corpus) With(more ...*Article) *Corpus {
	articles := make([]*Article, 0, len(c.Articles)+len(more))
	byID := make(map[string]*Article, len(c.Articles)+len(more))
	summaries := false
	for _, a := range c.Articles {
		b := *a
		articles = append(articles, &b)
		byID[b.ID] = &b
		summaries = summaries || a.IsSummary()
	}
	out := &Corpus{Topics: c.Topics, byID: byID, text: c.text}
	var groups [][]*Article
	if summaries {
		out.Articles = articles
		c.carryCopies(out)
	}
	articles = append(articles, more...)
	if !summaries {
		sigs := make([]*signature, len(articles))
		for i, a := range articles {
			sigs[i] = articleSignature(a)
		}
		// Grouped before sorting, which reorders articles.
		groups = findDuplicates(articles, sigs)
	}
	slices.SortStableFunc(articles, compareArticles)
	out.Articles = articles
	for _, a := range more {
		out.settleID(a)
	}
	if !summaries {
		out.setDuplicates(groups)
	}
	return out
}

// carryCopies gives to, whose articles are copies of c's in the same order,
// c's wire copies.
func (c *Corpus) carryCopies(to *Corpus) {
	if len(c.copies) == 0 {
		return
	}
	to.copies = make(map[*Article][]*Article, len(c.copies))
	counterpart := make(map[*Article]*Article, len(c.Articles))
	for i, a := range c.Articles {
		counterpart[a] = to.Articles[i]
	}
	for _, a := range c.Articles {
		g := c.copies[a]
		if g == nil || to.copies[counterpart[a]] != nil {
			continue
		}
		ng := make([]*Article, len(g))
		for j, b := range g {
			ng[j] = counterpart[b]
		}
		for _, b := range ng {
			to.copies[b] = ng
		}
	}
}
