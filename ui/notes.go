package ui

import (
	"errors"
	"fmt"
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textarea"
	tea "charm.land/bubbletea/v2"

	"briefing/model"
	"briefing/ui/render"
)

// Pins and notes from the reader: p pins the paragraph at the cursor under
// the current topic, a opens the note editor on it, u brings back what was
// unpinned. Every write is a command; the page changes only when the store
// has committed it.

// noteHeight is the editor's share of the reader while a note is open.
const noteHeight = 6

// noteEditor is the note being typed. Nothing typed is lost but by an
// explicit discard: esc or ctrl+c with changes ask first, and a note that
// fails to save stays in the editor.
type noteEditor struct {
	area     textarea.Model
	open     bool
	original string // the note as saved, to tell whether anything changed
	confirm  bool   // "discard note? y/n" is asked
	quit     bool   // quit after discarding (ctrl+c)
	saving   bool
	err      string // why the last save failed
}

func newNoteEditor(plain bool) noteEditor {
	ta := newTextArea(plain)
	ta.Placeholder = "Why this matters…"
	ta.ShowLineNumbers = false
	ta.CharLimit = 4000
	return noteEditor{area: ta}
}

func (n *noteEditor) setWidth(w int) {
	n.area.SetWidth(max(w-2, 1))
	n.area.SetHeight(noteHeight - 2)
}

// failed keeps the text and says why it was not saved; a note changed
// elsewhere becomes the one the next save replaces.
func (n *noteEditor) failed(err error) {
	n.err = err.Error()
	var changed noteChangedError
	if errors.As(err, &changed) {
		n.original = changed.now
	}
}

func (n *noteEditor) text() string { return strings.TrimSpace(n.area.Value()) }

func (n *noteEditor) changed() bool { return n.text() != n.original }

// noteAction is what a key in the editor asks of the view around it.
type noteAction int

const (
	noteTyping noteAction = iota // nothing more: the editor handled it
	noteSave                     // write the note
	noteClose                    // close the editor, the note left as saved
	noteQuit                     // close it and quit
)

// key handles a key in the editor. Leaving with unsaved changes asks first;
// only y discards them.
func (n *noteEditor) key(msg tea.KeyPressMsg, k KeyMap) (noteAction, tea.Cmd) {
	if n.confirm {
		switch {
		case key.Matches(msg, k.Confirm.Yes):
			if n.quit {
				return noteQuit, nil
			}
			return noteClose, nil
		case key.Matches(msg, k.Confirm.No):
			n.confirm, n.quit = false, false
		}
		return noteTyping, nil
	}
	switch {
	case key.Matches(msg, k.Note.Save):
		if n.saving {
			return noteTyping, nil
		}
		n.saving, n.err = true, ""
		return noteSave, nil
	case key.Matches(msg, k.Note.Cancel), key.Matches(msg, k.Note.Quit):
		quit := key.Matches(msg, k.Note.Quit)
		if n.changed() {
			n.confirm, n.quit = true, quit
			return noteTyping, nil
		}
		if quit {
			return noteQuit, nil
		}
		return noteClose, nil
	}
	var cmd tea.Cmd
	n.area, cmd = n.area.Update(msg)
	return noteTyping, cmd
}

// close ends editing.
func (n *noteEditor) close() {
	n.open, n.confirm, n.saving, n.err = false, false, false, ""
	n.area.Blur()
}

func (n *noteEditor) view(st render.Styles, para int) string {
	label := fmt.Sprintf("Note on ¶%d — ctrl+s saves, esc cancels", para)
	return st.Header.Render(label) + "\n" + n.area.View()
}

func (n *noteEditor) status() string {
	switch {
	case n.confirm && n.quit:
		return "discard the note and quit? y/n"
	case n.confirm:
		return "discard note? y/n"
	case n.err != "":
		return "note not saved: " + n.err + " (your text is kept)"
	case n.saving:
		return "saving note…"
	}
	return ""
}

func (n *noteEditor) keys(k KeyMap) help.KeyMap {
	if n.confirm {
		return keyHelp{short: []key.Binding{k.Confirm.Yes, k.Confirm.No}, full: [][]key.Binding{{k.Confirm.Yes, k.Confirm.No}}}
	}
	return keyHelp{short: []key.Binding{k.Note.Save, k.Note.Cancel}, full: [][]key.Binding{{k.Note.Save, k.Note.Cancel, k.Note.Quit}}}
}

// togglePin pins or unpins the paragraph at the cursor.
func (r *readerView) togglePin() tea.Cmd {
	if r.cursor < 0 || r.article == nil {
		return nil
	}
	return r.save.start(r.s.pins, viewReader, r.s.pins.togglePin(viewReader, r.article, r.cursor, r.s.topicID()))
}

// undoUnpin restores the last pin unpinned, note and all.
func (r *readerView) undoUnpin() tea.Cmd {
	cmd := r.s.pins.undo(viewReader)
	if cmd == nil {
		r.notice = "nothing to undo"
		return nil
	}
	return r.save.start(r.s.pins, viewReader, cmd)
}

// written reports a pin write's outcome.
func (r *readerView) written(m pinWriteMsg) tea.Cmd {
	r.save.done()
	if m.op == opNote {
		return r.noteSaved(m)
	}
	r.notice = r.s.pins.outcome(m)
	if m.err == nil && (r.article == nil || r.article.ID != m.pin.ArticleID) {
		r.notice = "" // it spoke of an article no longer shown
	}
	return nil
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
	r.note.area.SetValue(existing)
	r.note.original = existing
	r.note.open, r.note.confirm, r.note.quit, r.note.err = true, false, false, ""
	r.SetSize(r.width, r.height)
	r.scrollToCursor()
	return r.note.area.Focus()
}

func (r *readerView) closeNote() {
	r.note.close()
	r.SetSize(r.width, r.height)
}

func (r *readerView) noteKey(msg tea.KeyPressMsg) tea.Cmd {
	act, cmd := r.note.key(msg, r.s.keys)
	switch act {
	case noteSave:
		want := model.PinOf(r.article, r.cursor, r.s.topicID())
		return r.save.start(r.s.pins, viewReader, r.s.pins.setNote(viewReader, want, r.note.text(), r.note.original))
	case noteClose:
		r.closeNote()
	case noteQuit:
		r.closeNote()
		return tea.Quit
	}
	return cmd
}

// noteSaved closes the editor once the note is committed, or keeps the
// text and says why it was not.
func (r *readerView) noteSaved(m pinWriteMsg) tea.Cmd {
	r.note.saving = false
	if m.err != nil {
		r.note.failed(m.err)
		return nil
	}
	r.closeNote()
	r.notice = fmt.Sprintf("note saved on ¶%d", m.pin.Index)
	return nil
}
