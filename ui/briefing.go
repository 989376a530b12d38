package ui

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/dustin/go-humanize"

	"briefing/model"
	"briefing/ui/render"
)

// briefingView lists the user's pins grouped by topic, to reorder, refile,
// annotate, prune and export them.
type briefingView struct {
	s      *shared
	groups []model.PinGroup
	order  []model.Pin // pins in display order, for the cursor
	cursor int
	offset int // first line shown
	note   noteEditor
	save   saving
	// exported is when e last exported, to rate-limit it.
	exported time.Time
	notice   string
	width    int
	height   int
}

func newBriefingView(s *shared) *briefingView {
	v := &briefingView{s: s, note: newNoteEditor(s.plain)}
	v.regroup()
	return v
}

func (v *briefingView) SetSize(w, h int) {
	v.width, v.height = w, h
	v.note.setWidth(w)
}

// regroup rebuilds the groups from the board; the cursor stays on the same
// pin if it can.
func (v *briefingView) regroup() {
	var at int64 = -1
	if v.cursor < len(v.order) {
		at = v.order[v.cursor].ID
	}
	v.groups = model.GroupPins(v.s.pins.pins, v.s.corpus.Topics)
	v.order = v.order[:0]
	for _, g := range v.groups {
		v.order = append(v.order, g.Pins...)
	}
	v.cursor = min(v.cursor, max(len(v.order)-1, 0))
	for i, p := range v.order {
		if p.ID == at {
			v.cursor = i
		}
	}
}

func (v *briefingView) selected() (model.Pin, bool) {
	if v.cursor < 0 || v.cursor >= len(v.order) {
		return model.Pin{}, false
	}
	return v.order[v.cursor], true
}

// neighbour is the pin beside the selected one within its group.
func (v *briefingView) neighbour(dir int) (model.Pin, bool) {
	cur, ok := v.selected()
	j := v.cursor + dir
	if !ok || j < 0 || j >= len(v.order) || v.order[j].Topic != cur.Topic {
		return model.Pin{}, false
	}
	return v.order[j], true
}

func (v *briefingView) Typing() bool { return v.note.open }

func (v *briefingView) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case pinsChangedMsg, corpusChangedMsg:
		v.regroup()
	case focusedMsg:
		v.notice = ""
		v.regroup()
	case pinWriteMsg:
		return v.written(msg)
	case exportedMsg:
		v.save.done()
		if msg.err != nil {
			v.notice = "export failed: " + msg.err.Error()
		} else {
			v.notice = "exported " + filepath.Base(msg.path) + " to " + filepath.Dir(msg.path)
		}
	case slowSaveMsg:
		v.save.tick(msg)
	case ShutdownMsg:
		if cur, ok := v.selected(); ok && v.note.open && v.note.changed() && !v.note.saving {
			v.note.saving = true
			return v.s.pins.setNote(viewBriefing, cur, v.note.text(), v.note.original)
		}
	case tea.KeyPressMsg:
		if v.note.open {
			return v.noteKey(msg)
		}
		return v.handleKey(msg)
	}
	return nil
}

func (v *briefingView) handleKey(msg tea.KeyPressMsg) tea.Cmd {
	k := v.s.keys
	bk := k.Briefing
	v.notice = ""
	pins := v.s.pins
	if cursor, moved := k.moveCursor(msg, v.cursor, len(v.order), max(v.height/4, 1)); moved {
		v.cursor = min(max(cursor, 0), max(len(v.order)-1, 0))
		return nil
	}
	switch {
	case key.Matches(msg, bk.MoveUp), key.Matches(msg, bk.MoveDown):
		dir := -1
		if key.Matches(msg, bk.MoveDown) {
			dir = 1
		}
		cur, _ := v.selected()
		other, ok := v.neighbour(dir)
		if !ok {
			v.notice = "already at the edge of its topic"
			return nil
		}
		return v.save.start(pins, viewBriefing, pins.write(viewBriefing, opSwap, func(st PinStore, user string) (model.Pin, error) {
			return cur, st.Swap(user, cur.ID, other.ID)
		}))
	case key.Matches(msg, bk.Remove):
		cur, ok := v.selected()
		if !ok {
			return nil
		}
		return v.save.start(pins, viewBriefing, pins.write(viewBriefing, opUnpin, func(st PinStore, user string) (model.Pin, error) {
			return st.Remove(user, cur.ID)
		}))
	case key.Matches(msg, bk.Undo):
		cmd := pins.undo(viewBriefing)
		if cmd == nil {
			v.notice = "nothing to undo"
			return nil
		}
		return v.save.start(pins, viewBriefing, cmd)
	case key.Matches(msg, bk.Refile):
		return v.refile()
	case key.Matches(msg, bk.Note):
		p, ok := v.selected()
		if !ok {
			return nil
		}
		v.note.area.SetValue(p.Note)
		v.note.original = p.Note
		v.note.open, v.note.confirm, v.note.quit, v.note.err = true, false, false, ""
		return v.note.area.Focus()
	case key.Matches(msg, bk.Open):
		p, ok := v.selected()
		if !ok {
			return nil
		}
		if v.s.corpus.Article(p.ArticleID) == nil {
			v.notice = "source no longer loaded: " + p.Title
			return nil
		}
		return send(openPinMsg{p})
	case key.Matches(msg, bk.Export):
		if len(v.order) == 0 {
			v.notice = "the briefing is empty: pin paragraphs with p in the reader"
			return nil
		}
		now := time.Now()
		if now.Sub(v.exported) < exportEvery {
			v.notice = "exported a moment ago: wait a second to export again"
			return nil
		}
		v.exported = now
		return v.save.start(pins, viewBriefing, v.export())
	case key.Matches(msg, k.Global.Back):
		return send(backMsg{})
	}
	return nil
}

// refile moves the selected pin to the next topic its paragraph carries,
// round again; a paragraph with one topic moves between it and no topic.
func (v *briefingView) refile() tea.Cmd {
	cur, ok := v.selected()
	if !ok {
		return nil
	}
	choices := model.TopicsOfPin(cur, v.s.corpus)
	if len(choices) < 2 {
		choices = append(choices, "")
	}
	if len(choices) == 1 {
		v.notice = "its paragraph carries no topic to move it to"
		return nil
	}
	next := choices[(slices.Index(choices, cur.Topic)+1)%len(choices)]
	pins := v.s.pins
	return v.save.start(pins, viewBriefing, pins.write(viewBriefing, opRefile, func(st PinStore, user string) (model.Pin, error) {
		cur.Topic = next
		return cur, st.SetTopic(user, cur.ID, next)
	}))
}

func (v *briefingView) noteKey(msg tea.KeyPressMsg) tea.Cmd {
	act, cmd := v.note.key(msg, v.s.keys)
	switch act {
	case noteSave:
		cur, ok := v.selected()
		if !ok {
			v.note.saving = false
			return nil
		}
		return v.save.start(v.s.pins, viewBriefing, v.s.pins.setNote(viewBriefing, cur, v.note.text(), v.note.original))
	case noteClose:
		v.note.close()
	case noteQuit:
		v.note.close()
		return tea.Quit
	}
	return cmd
}

// written reports a write's outcome; the board is already re-read.
func (v *briefingView) written(m pinWriteMsg) tea.Cmd {
	v.save.done()
	v.regroup()
	if m.op == opNote {
		v.note.saving = false
		if m.err != nil {
			v.note.failed(m.err)
			return nil
		}
		v.note.close()
		v.notice = fmt.Sprintf("note saved on ¶%d", m.pin.Index)
		return nil
	}
	if m.err != nil {
		v.notice = "not saved: " + m.err.Error()
		return nil
	}
	switch m.op {
	case opUnpin:
		v.notice = "removed · u undoes"
	case opRestore:
		for i, q := range v.order {
			if q.SamePara(m.pin) {
				v.cursor = i
			}
		}
		v.notice = "restored"
	case opRefile:
		name := "no topic"
		if ti := v.s.corpus.TopicIndex(m.pin.Topic); ti >= 0 {
			name = v.s.corpus.Topics[ti].Name
		}
		for i, q := range v.order {
			if q.ID == m.pin.ID {
				v.cursor = i
			}
		}
		v.notice = "moved to " + name
	}
	return nil
}

func (v *briefingView) View() string {
	st := v.s.styles
	if v.s.pins.err != nil && len(v.order) == 0 {
		return st.Error.Render(v.s.pins.err.Error())
	}
	if len(v.order) == 0 {
		return st.Dim.Render("No pins yet. In the reader, p pins the paragraph at the cursor and a adds a note.")
	}
	height := v.height
	if v.note.open {
		height -= noteHeight
	}
	lines, cursorLine := v.lines()
	// Keep the selected pin on screen, a third of the way down when moved.
	if cursorLine < v.offset || cursorLine >= v.offset+height-3 {
		v.offset = max(cursorLine-height/3, 0)
	}
	// Never past the end: the last pin sits at the bottom, not mid-screen.
	v.offset = max(0, min(v.offset, len(lines)-height))
	lines = lines[min(v.offset, len(lines)):]
	if len(lines) > height {
		lines = lines[:max(height, 0)]
	}
	body := strings.Join(lines, "\n")
	if v.note.open {
		p, _ := v.selected()
		body += strings.Repeat("\n", max(height-len(lines), 0)) + "\n" + v.note.view(st, p.Index)
	}
	return body
}

// lines draws every group, and says on which line the selected pin starts.
func (v *briefingView) lines() (lines []string, cursorLine int) {
	st := v.s.styles
	i := 0
	textW := max(v.width-4, 8)
	for _, g := range v.groups {
		if len(lines) > 0 {
			lines = append(lines, "")
		}
		header := "── " + g.Name + fmt.Sprintf(" (%d) ", len(g.Pins))
		lines = append(lines, st.Header.Render(header+strings.Repeat("─", max(v.width-ansi.StringWidth(header), 0))))
		for _, p := range g.Pins {
			marker := "  "
			if i == v.cursor {
				marker = "▸ "
				cursorLine = len(lines)
			}
			missing := ""
			if v.s.corpus.Article(p.ArticleID) == nil {
				missing = " · source no longer loaded"
			}
			cite := fmt.Sprintf("¶%d · ", p.Index)
			if p.Date != "" {
				cite += p.Date + " · "
			}
			if p.Source != "" {
				cite += p.Source + " · "
			}
			head := marker + render.Truncate(cite+p.Title, max(v.width-2-ansi.StringWidth(missing), 8)) + missing
			if i == v.cursor {
				head = st.Selected.Render(head)
			} else {
				head = st.Title.Render(head)
			}
			lines = append(lines, head)
			for _, l := range render.Wrap(p.Text, textW) {
				lines = append(lines, "    "+l)
			}
			lines = append(lines, noteLines(st, p.Note, textW)...)
			i++
		}
	}
	return lines, cursorLine
}

// noteLines sets a note under "Note:", every line of it indented alike.
func noteLines(st render.Styles, note string, width int) []string {
	if note == "" {
		return nil
	}
	var out []string
	prefix := "Note: "
	for _, para := range strings.Split(note, "\n") {
		for _, l := range render.Wrap(para, max(width-6, 8)) {
			out = append(out, "    "+st.Notice.Render(prefix+l))
			prefix = "      "
		}
	}
	return out
}

func (v *briefingView) Status() string {
	if v.note.open {
		return v.note.status()
	}
	var parts []string
	if v.save.slow {
		parts = append(parts, "saving…")
	}
	switch {
	case v.notice != "":
		parts = append(parts, v.notice)
	case v.s.pins.err != nil:
		parts = append(parts, v.s.pins.err.Error())
	default:
		parts = append(parts, fmt.Sprintf("%s in %s · e exports Markdown", plural(len(v.order), "pin"), plural(len(v.groups), "topic")))
	}
	return strings.Join(parts, " · ")
}

func (v *briefingView) Keys() help.KeyMap {
	k := v.s.keys
	if v.note.open {
		return v.note.keys(k)
	}
	bk := k.Briefing
	return keyHelp{
		short: []key.Binding{bk.Open, bk.Note, bk.Refile, bk.MoveUp, bk.MoveDown, bk.Remove, bk.Undo, bk.Export, k.Global.Help, k.Global.Back},
		full:  [][]key.Binding{k.navHelp(), {bk.Open, bk.MoveUp, bk.MoveDown, bk.Refile, bk.Note, bk.Remove, bk.Undo, bk.Export}},
	}
}

// plural is "1 pin", "2 pins", "1,240 files".
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return humanize.Comma(int64(n)) + " " + noun + "s"
}
