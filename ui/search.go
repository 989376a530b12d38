package ui

import (
	"fmt"
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"briefing/model"
)

// Search inside the reader's article: / asks, n and N move between the
// paragraphs that contain the query, and every hit on screen is shown in
// reverse video, which reads without colour.

func (r *readerView) searchKey(msg tea.KeyPressMsg) tea.Cmd {
	k := r.s.keys
	switch {
	case key.Matches(msg, k.Field.Accept):
		r.searching = false
		r.search.Blur()
		r.runSearch(r.search.Value())
	case key.Matches(msg, k.Field.Cancel):
		r.searching = false
		r.search.Blur()
	case key.Matches(msg, k.Global.ForceQuit):
		return tea.Quit
	default:
		var cmd tea.Cmd
		r.search, cmd = r.search.Update(msg)
		return cmd
	}
	return nil
}

// runSearch finds the paragraphs containing the query and goes to the first
// one after the cursor.
func (r *readerView) runSearch(q string) {
	r.query = strings.TrimSpace(q)
	r.hits = r.hits[:0]
	r.results, r.marks = nil, nil
	if r.query == "" || r.article == nil {
		return
	}
	r.marks = []string{strings.ToLower(r.query)}
	needle := strings.ToLower(r.query)
	for i, p := range r.article.Paragraphs {
		if strings.Contains(strings.ToLower(p.Text), needle) {
			r.hits = append(r.hits, i)
		}
	}
	if len(r.hits) == 0 {
		r.notice = fmt.Sprintf("%q not found", r.query)
		return
	}
	r.nextHit(1, true)
}

func (r *readerView) nextHit(dir int, inclusive bool) {
	if r.results != nil {
		r.stepResult(dir)
		return
	}
	if len(r.hits) == 0 {
		r.notice = "no search: press / to search"
		return
	}
	for _, h := range orderFrom(r.hits, dir) {
		if (dir > 0 && (h > r.cursor || inclusive && h == r.cursor)) || (dir < 0 && h < r.cursor) {
			r.moveCursor(h)
			return
		}
	}
	// Wrap around, as a pager's search does.
	if dir > 0 {
		r.moveCursor(r.hits[0])
	} else {
		r.moveCursor(r.hits[len(r.hits)-1])
	}
	r.notice = "search wrapped"
}

// openHit shows result at of a corpus search, marking what matched in
// its article.
func (r *readerView) openHit(results []model.Result, at int) {
	if at < 0 || at >= len(results) {
		return
	}
	res := results[at]
	a := r.s.corpus.Article(res.Article.ID)
	if a == nil {
		return
	}
	if r.article == nil || r.article.ID != a.ID {
		r.open(a, res.Para)
	} else {
		r.moveCursor(res.Para)
	}
	r.results, r.at = results, at
	r.marks = marksIn(results, a.ID)
}

// marksIn are the texts a corpus search matched in one article, to mark.
func marksIn(results []model.Result, id string) []string {
	var marks []string
	for _, o := range results {
		if o.Article.ID != id {
			continue
		}
		text := o.Paragraph().Text
		for _, h := range o.Hits {
			if m := strings.ToLower(text[h.Start:h.End]); !slices.Contains(marks, m) {
				marks = append(marks, m)
			}
		}
	}
	return marks
}

// stepResult walks a corpus search's results, across articles.
func (r *readerView) stepResult(dir int) {
	next := r.at + dir
	wrapped := next < 0 || next >= len(r.results)
	next = (next + len(r.results)) % len(r.results)
	r.openHit(r.results, next)
	if wrapped {
		r.notice = "search wrapped"
	}
}

var hitStyle = lipgloss.NewStyle().Reverse(true)

// highlight shows every occurrence of the query in a line in reverse video.
func (r *readerView) highlight(line string) string {
	if len(r.marks) == 0 {
		return line
	}
	plain := ansi.Strip(line)
	lower := strings.ToLower(plain)
	if len(lower) != len(plain) {
		return line // case folding changed byte offsets: leave the line be
	}
	// Mark every occurrence of every mark, leftmost first, never overlapping.
	var ranges []lipgloss.Range
	for at := 0; at < len(lower); {
		start, end := -1, -1
		for _, m := range r.marks {
			if i := strings.Index(lower[at:], m); i >= 0 && m != "" && (start < 0 || at+i < start) {
				start, end = at+i, at+i+len(m)
			}
		}
		if start < 0 {
			break
		}
		ranges = append(ranges, lipgloss.NewRange(ansi.StringWidth(plain[:start]), ansi.StringWidth(plain[:end]), hitStyle))
		at = end
	}
	return lipgloss.StyleRanges(line, ranges...)
}
