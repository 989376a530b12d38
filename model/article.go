// Package model is briefing's domain: articles and their paragraphs, the
// topics analysts follow, the tagger that links the two, and the corpus that
// holds them. It does no terminal I/O.
package model

import (
	"crypto/sha256"
	"encoding/hex"
	"slices"
	"time"
)

// Kind says what a paragraph is, so views can style it and the tagger's
// counts can leave out what is not reporting.
type Kind uint8

const (
	Body Kind = iota
	Subheading
	Caption
	Dateline
	// Title and Standfirst are the headline and standfirst as paragraphs of
	// Article.Head, so they are tagged and counted like the body.
	Title
	Standfirst
)

func (k Kind) String() string {
	switch k {
	case Subheading:
		return "subheading"
	case Caption:
		return "caption"
	case Dateline:
		return "dateline"
	case Title:
		return "title"
	case Standfirst:
		return "standfirst"
	}
	return "body"
}

// Counts reports whether paragraphs of this kind are coverage: counted in
// TopicCounts, jumped to and exported. Subheadings, captions and datelines
// are shown but are not reporting.
func (k Kind) Counts() bool { return k == Body || k == Title || k == Standfirst }

// Paragraph is one block of an article's text.
type Paragraph struct {
	Index  int // 1-based position in the body, as cited (¶N); 0 in Article.Head
	Kind   Kind
	Text   string
	Topics TopicSet
	Spans  []Span // sorted by topic, then start
}

// Hash identifies the paragraph's text independently of its position, so
// that saved pins survive files being edited or reordered.
func (p Paragraph) Hash() string {
	sum := sha256.Sum256([]byte(p.Text))
	return hex.EncodeToString(sum[:8])
}

// Article is one piece of coverage.
type Article struct {
	ID         string // short slug, unique in its corpus
	Title      string
	Standfirst string
	Author     string // the byline: the authors' names, never the outlet
	Source     string // the outlet ("Reuters"); "" when unknown
	URL        string
	Date       time.Time // zero when unknown
	Path       string    // where it was loaded from
	// Head holds the headline and the standfirst as paragraphs of kind Title
	// and Standfirst (Index 0), so that they are tagged, counted and can be
	// antecedents of references in the body. It is empty when the title was
	// taken from the lead, which then stays in the body as ¶1. Paragraphs is
	// the body only, so body ¶ numbers and jumps (ParagraphsOn) are
	// unchanged by it.
	Head       []Paragraph
	Paragraphs []Paragraph
	// TopicCounts[i] is how many paragraphs (head and body, of kinds that
	// count) carry topic i.
	TopicCounts []int

	idBase string // the id before clashes are settled
	// A summary (summary.go) keeps of its body only how many paragraphs
	// there are and the outline of those that carry a topic or are not
	// plain body: enough for counts, jumps and the timeline.
	summary    bool
	unreadable bool // Bare: the file could not be read
	paras      int
	outline    []paraOutline // by index
	// sourceFrom is what set Source, so that stronger evidence wins.
	sourceFrom sourceOrigin
}

// NumParagraphs is how many paragraphs the article has, also when it was
// loaded as a summary without them.
func (a *Article) NumParagraphs() int {
	if a.summary {
		return a.paras
	}
	return len(a.Paragraphs)
}

// HasDate reports whether the article's date is known.
func (a *Article) HasDate() bool { return !a.Date.IsZero() }

// DateString is the date as YYYY-MM-DD, or "" when unknown.
func (a *Article) DateString() string {
	if a.Date.IsZero() {
		return ""
	}
	return a.Date.Format(time.DateOnly)
}

// Attribution is the outlet the article is from, or "" when it is unknown.
// It never falls back to the byline: a person is not an outlet, and "what
// each outlet says" must not count authors as outlets. Views decide how to
// show an unknown outlet.
func (a *Article) Attribution() string { return a.Source }

// Covers reports whether any paragraph carries topic index ti.
func (a *Article) Covers(ti int) bool {
	return ti >= 0 && ti < len(a.TopicCounts) && a.TopicCounts[ti] > 0
}

// ParagraphsOn returns the positions (0-based, into Paragraphs) of the body
// paragraphs that carry topic index ti and count as coverage: never a
// subheading or a caption.
func (a *Article) ParagraphsOn(ti int) []int {
	var out []int
	if a.summary {
		for _, p := range a.outline {
			if p.kind.Counts() && p.topics.Has(ti) {
				out = append(out, int(p.index))
			}
		}
		return out
	}
	for i, p := range a.Paragraphs {
		if p.Kind.Counts() && p.Topics.Has(ti) {
			out = append(out, i)
		}
	}
	return out
}

// paragraphTopics is body paragraph i's topics, from the outline when a
// is a summary.
func (a *Article) paragraphTopics(i int) TopicSet {
	if a.summary {
		j, found := slices.BinarySearchFunc(a.outline, i, func(p paraOutline, i int) int { return int(p.index) - i })
		if found {
			return a.outline[j].topics
		}
		return 0
	}
	if i < len(a.Paragraphs) {
		return a.Paragraphs[i].Topics
	}
	return 0
}

// Counted returns the paragraphs that count as coverage, head first.
func (a *Article) Counted() []Paragraph {
	out := make([]Paragraph, 0, len(a.Head)+len(a.Paragraphs))
	for _, ps := range [][]Paragraph{a.Head, a.Paragraphs} {
		for _, p := range ps {
			if p.Kind.Counts() {
				out = append(out, p)
			}
		}
	}
	return out
}
