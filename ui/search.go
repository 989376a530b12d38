package ui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
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
	if r.query == "" || r.article == nil {
		return
	}
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

var hitStyle = lipgloss.NewStyle().Reverse(true)

// highlight shows every occurrence of the query in a line in reverse video.
func (r *readerView) highlight(line string) string {
	if r.query == "" || len(r.hits) == 0 {
		return line
	}
	plain := ansi.Strip(line)
	lower, needle := strings.ToLower(plain), strings.ToLower(r.query)
	if len(lower) != len(plain) {
		return line // case folding changed byte offsets: leave the line be
	}
	var ranges []lipgloss.Range
	for at := 0; ; {
		i := strings.Index(lower[at:], needle)
		if i < 0 {
			break
		}
		start := at + i
		end := start + len(needle)
		ranges = append(ranges, lipgloss.NewRange(ansi.StringWidth(plain[:start]), ansi.StringWidth(plain[:end]), hitStyle))
		at = end
	}
	return lipgloss.StyleRanges(line, ranges...)
}
