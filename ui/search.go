package ui

import (
	"fmt"
	"strings"
)

// Search inside the reader's article: / asks, n and N move between the
// paragraphs that contain the query.

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
