package model

import (
	"fmt"
	"io/fs"
	"slices"
	"sync"
)

// recentArticles is how many articles read on demand a corpus keeps: the
// ones on screen and a few the reader goes back to.
const recentArticles = 16

// textSource reads a summary's text again, as its corpus was loaded.
type textSource struct {
	tagger *Tagger
	limit  int64
	fsys   fs.FS // the embedded seeds; nil for files on disk
	// extra and base are a view's own topics (WithTopics), tagged after
	// tagger's and numbered from base.
	extra *Tagger
	base  int

	mu     sync.Mutex
	recent []readArticle // most recent last
}

// readArticle is a summary and its text, read.
type readArticle struct{ summary, full *Article }

// Full returns the article with its paragraphs: a itself when it holds
// them, else its file read, parsed and tagged again (about a millisecond;
// the last few are kept). The summary stays the article's identity in the
// corpus (Duplicates, Position); the full article carries the same id,
// outlet and date. When the file has changed since it was indexed, the
// text is what the file says now. It is safe for concurrent use.
func (c *Corpus) Full(a *Article) (*Article, error) {
	if c.holdsText(a) {
		return a, nil
	}
	t := c.text
	t.mu.Lock()
	if i := t.find(a); i >= 0 {
		r := t.recent[i]
		t.recent = append(slices.Delete(t.recent, i, i+1), r)
		t.mu.Unlock()
		return r.full, nil
	}
	t.mu.Unlock()
	full, err := t.read(a)
	if err != nil {
		return nil, err
	}
	t.mu.Lock()
	if len(t.recent) == recentArticles {
		t.recent = t.recent[1:]
	}
	t.recent = append(t.recent, readArticle{a, full})
	t.mu.Unlock()
	return full, nil
}

// holdsText reports whether a is its own text: not a summary, or a
// corpus with nothing to read it from.
func (c *Corpus) holdsText(a *Article) bool { return a == nil || !a.IsSummary() || c.text == nil }

// find is where a's text is among the recent ones, or -1; t.mu is held.
func (t *textSource) find(a *Article) int {
	return slices.IndexFunc(t.recent, func(r readArticle) bool { return r.summary == a })
}

// Bare is a copy of a with its metadata and counts but no paragraphs, not
// even an outline: what a view shows of an article whose file cannot be
// read any more, so that nothing indexes text that is not there.
func (a *Article) Bare() *Article {
	b := *a
	b.summary, b.paras, b.outline = false, 0, nil
	b.Head, b.Paragraphs = nil, []Paragraph{}
	b.unreadable = true
	return &b
}

// Unreadable reports a bare copy of an article whose file could not be
// read: its silence on every topic is not the outlet's.
func (a *Article) Unreadable() bool { return a.unreadable }

// HasText reports whether Full would answer from memory, without reading
// a file: for callers that read files only off their main loop.
func (c *Corpus) HasText(a *Article) bool {
	if c.holdsText(a) {
		return true
	}
	c.text.mu.Lock()
	defer c.text.mu.Unlock()
	return c.text.find(a) >= 0
}

// readText is Full without keeping the article, for passes over many.
func (c *Corpus) readText(a *Article) (*Article, error) {
	if c.holdsText(a) {
		return a, nil
	}
	return c.text.read(a)
}

// readUntagged is a's file read and parsed, its paragraphs without
// topics: what the search index needs (tagging is most of the cost).
func (t *textSource) readUntagged(a *Article) (*Article, error) {
	data, err := t.data(a)
	if err != nil {
		return nil, fmt.Errorf("cannot read %s: %s", a.Path, describe(err))
	}
	full, _, err := Parse(a.Path, data)
	if err != nil {
		return nil, fmt.Errorf("cannot read %s: %w", a.Path, err)
	}
	return full, nil
}

// data is a's file, from the embedded seeds or the disk.
func (t *textSource) data(a *Article) ([]byte, error) {
	if t.fsys != nil {
		return fs.ReadFile(t.fsys, a.Path)
	}
	return readFile(a.Path, t.limit, nil)
}

// read reads, parses and tags a's file; what the list shows of it (id,
// outlet) stays as the summary has it.
func (t *textSource) read(a *Article) (*Article, error) {
	full, err := t.readUntagged(a)
	if err != nil {
		return nil, err
	}
	t.tagger.TagArticle(full)
	if t.extra != nil {
		addTopics(full, t.extra, t.base)
	}
	full.ID, full.idBase = a.ID, a.idBase
	full.Source, full.sourceFrom = a.Source, a.sourceFrom
	full.TopicCounts = a.TopicCounts
	return full, nil
}
