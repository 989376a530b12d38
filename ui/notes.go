package ui

import (
	"fmt"
	"strings"

	tea "charm.land/bubbletea/v2"
)

// Pins and notes from the reader: p pins the paragraph at the cursor, a
// opens the note editor on it.

// togglePin pins or unpins the paragraph at the cursor; the page shows the
// result only once the store has committed it.
func (r *readerView) togglePin() {
	if r.cursor < 0 {
		return
	}
	pinned, err := r.s.pins.toggle(r.article, r.cursor, r.s.corpus.Topics)
	switch {
	case err != nil:
		r.notice = "not saved: " + err.Error()
	case pinned:
		r.notice = fmt.Sprintf("pinned ¶%d · b shows the briefing", r.cursor+1)
	default:
		r.notice = fmt.Sprintf("unpinned ¶%d", r.cursor+1)
	}
	r.render()
}

// openNote starts editing the note of the paragraph at the cursor.
func (r *readerView) openNote() tea.Cmd {
	if r.cursor < 0 {
		return nil
	}
	existing := ""
	if p, ok := r.s.pins.find(r.article, r.cursor); ok {
		existing = p.Note
	}
	r.note.SetValue(existing)
	r.noting = true
	r.SetSize(r.width, r.height)
	r.scrollToCursor()
	return r.note.Focus()
}

func (r *readerView) closeNote(save bool) {
	if save {
		if err := r.s.pins.setNote(r.article, r.cursor, strings.TrimSpace(r.note.Value()), r.s.corpus.Topics); err != nil {
			r.notice = "note not saved: " + err.Error()
		} else {
			r.notice = fmt.Sprintf("note saved on ¶%d", r.cursor+1)
		}
	}
	r.noting = false
	r.note.Blur()
	r.SetSize(r.width, r.height)
}
