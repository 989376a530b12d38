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
	recent []*Article // summaries' full articles, most recent last
	of     []*Article // of[i] is the summary recent[i] was read for
}

// Full returns the article with its paragraphs: a itself when it holds
// them, else its file read, parsed and tagged again (about a millisecond;
// the last few are kept). The summary stays the article's identity in the
// corpus (Duplicates, Position); the full article carries the same id,
// outlet and date. When the file has changed since it was indexed, the
// text is what the file says now. It is safe for concurrent use.
func (c *Corpus) Full(a *Article) (*Article, error) {
	if a == nil || !a.IsSummary() || c.text == nil {
		return a, nil
	}
	t := c.text
	t.mu.Lock()
	if i := slices.Index(t.of, a); i >= 0 {
		full := t.recent[i]
		t.of = append(slices.Delete(t.of, i, i+1), a)
		t.recent = append(slices.Delete(t.recent, i, i+1), full)
		t.mu.Unlock()
		return full, nil
	}
	t.mu.Unlock()
	full, err := t.read(a)
	if err != nil {
		return nil, err
	}
	t.mu.Lock()
	if len(t.recent) == recentArticles {
		t.recent, t.of = t.recent[1:], t.of[1:]
	}
	t.recent, t.of = append(t.recent, full), append(t.of, a)
	t.mu.Unlock()
	return full, nil
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
	if a == nil || !a.IsSummary() || c.text == nil {
		return true
	}
	c.text.mu.Lock()
	defer c.text.mu.Unlock()
	return slices.Contains(c.text.of, a)
}

// readText is Full without keeping the article, for passes over many.
func (c *Corpus) readText(a *Article) (*Article, error) {
	if !a.IsSummary() || c.text == nil {
		return a, nil
	}
	return c.text.read(a)
}

// readUntagged is a's file read and parsed, its paragraphs without
// topics: what the search index needs (tagging is most of the cost).
func (t *textSource) readUntagged(a *Article) (*Article, error) {
	data, err := t.data(a)
	if err != nil {
		return nil, err
	}
	full, _, err := Parse(a.Path, data)
	return full, err
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
	data, err := t.data(a)
	if err != nil {
		return nil, fmt.Errorf("cannot read %s: %s", a.Path, describe(err))
	}
	full, _, err := Parse(a.Path, data)
	if err != nil {
		return nil, fmt.Errorf("cannot read %s: %w", a.Path, err)
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
