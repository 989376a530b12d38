package ui

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"briefing/store"
)

// briefingView lists the user's pins grouped by topic, to reorder, prune
// and export them.
type briefingView struct {
	s         *shared
	exportDir string
	groups    []store.PinGroup
	order     []store.Pin // pins in display order, for the cursor
	cursor    int
	removed   []store.Pin
	notice    string
	width     int
	height    int
}

func newBriefingView(s *shared, exportDir string) briefingView {
	return briefingView{s: s, exportDir: exportDir}
}

func (v *briefingView) SetSize(w, h int) {
	v.width, v.height = w, h
}

// refresh re-reads the pins; the cursor stays on the same pin if it can.
func (v *briefingView) refresh() {
	var at int64 = -1
	if v.cursor < len(v.order) {
		at = v.order[v.cursor].ID
	}
	v.s.pins.reload()
	v.groups = store.GroupPins(v.s.pins.pins, v.s.corpus.Topics)
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

func (v *briefingView) selected() (store.Pin, bool) {
	if v.cursor < 0 || v.cursor >= len(v.order) {
		return store.Pin{}, false
	}
	return v.order[v.cursor], true
}

// neighbour is the pin beside the selected one within its group.
func (v *briefingView) neighbour(dir int) (store.Pin, bool) {
	cur, ok := v.selected()
	j := v.cursor + dir
	if !ok || j < 0 || j >= len(v.order) || v.order[j].Topic != cur.Topic {
		return store.Pin{}, false
	}
	return v.order[j], true
}

// Update handles the briefing's keys. open is set when the user asked to
// jump to a pin in the reader.
func (v briefingView) Update(msg tea.KeyPressMsg) (view briefingView, open *store.Pin, used bool) {
	k := v.s.keys
	v.notice = ""
	st := v.s.pins.st
	switch {
	case key.Matches(msg, k.Up):
		v.cursor = max(v.cursor-1, 0)
	case key.Matches(msg, k.Down):
		v.cursor = min(v.cursor+1, max(len(v.order)-1, 0))
	case key.Matches(msg, k.MoveUp), key.Matches(msg, k.MoveDown):
		dir := -1
		if key.Matches(msg, k.MoveDown) {
			dir = 1
		}
		cur, _ := v.selected()
		other, ok := v.neighbour(dir)
		if !ok || st == nil {
			v.notice = "already at the edge of its topic"
			break
		}
		if err := st.Swap(v.s.pins.user, cur.ID, other.ID); err != nil {
			v.notice = "not saved: " + err.Error()
		}
		v.refresh()
	case key.Matches(msg, k.Remove):
		cur, ok := v.selected()
		if !ok || st == nil {
			break
		}
		p, err := st.Remove(v.s.pins.user, cur.ID)
		if err != nil {
			v.notice = "not removed: " + err.Error()
		} else {
			v.removed = append(v.removed, p)
			v.notice = "removed · u undoes"
		}
		v.refresh()
	case key.Matches(msg, k.Undo):
		if len(v.removed) == 0 || st == nil {
			v.notice = "nothing to undo"
			break
		}
		p := v.removed[len(v.removed)-1]
		if _, err := st.Restore(v.s.pins.user, p); err != nil {
			v.notice = "not restored: " + err.Error()
			break
		}
		v.removed = v.removed[:len(v.removed)-1]
		v.refresh()
		for i, q := range v.order {
			if q.ArticleID == p.ArticleID && q.ParaHash == p.ParaHash {
				v.cursor = i
			}
		}
		v.notice = "restored"
	case key.Matches(msg, k.Open):
		if p, ok := v.selected(); ok {
			return v, &p, true
		}
	case key.Matches(msg, k.Export):
		path, err := v.export()
		if err != nil {
			v.notice = "export failed: " + err.Error()
		} else {
			v.notice = "exported to " + path
		}
	default:
		return v, nil, false
	}
	return v, nil, true
}

// export writes the briefing as Markdown into the export folder and returns
// the file's path.
func (v *briefingView) export() (string, error) {
	if len(v.order) == 0 {
		return "", fmt.Errorf("the briefing is empty: pin paragraphs with p in the reader")
	}
	if err := os.MkdirAll(v.exportDir, 0o700); err != nil {
		return "", err
	}
	now := time.Now()
	b := store.Briefing(v.groups, v.s.corpus, now)
	path := filepath.Join(v.exportDir, "briefing-"+now.Format("20060102-150405")+".md")
	// O_EXCL: never overwrite an earlier export made in the same second.
	for n := 2; ; n++ {
		f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
		if os.IsExist(err) {
			path = filepath.Join(v.exportDir, fmt.Sprintf("briefing-%s-%d.md", now.Format("20060102-150405"), n))
			continue
		}
		if err != nil {
			return "", err
		}
		if _, err := f.WriteString(b.Markdown()); err != nil {
			f.Close()
			return "", err
		}
		return path, f.Close()
	}
}

func (v briefingView) View() string {
	st := v.s.styles
	if v.s.pins.err != nil && len(v.order) == 0 {
		return st.Error.Render(v.s.pins.err.Error())
	}
	if len(v.order) == 0 {
		return st.Dim.Render("No pins yet. In the reader, p pins the paragraph at the cursor and a adds a note.")
	}
	var lines []string
	cursorLine := 0
	i := 0
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
			cite += p.Title
			head := marker + cite + missing
			if i == v.cursor {
				head = st.Selected.Render(ansi.Truncate(head, v.width, "…"))
			} else {
				head = st.Title.Render(ansi.Truncate(head, v.width, "…"))
			}
			lines = append(lines, head)
			text := wrapText(p.Text, max(v.width-4, 8))
			if len(text) > 3 {
				text = append(text[:3:3], "…")
			}
			for _, l := range text {
				lines = append(lines, "    "+l)
			}
			if p.Note != "" {
				for _, l := range wrapText("Note: "+p.Note, max(v.width-4, 8)) {
					lines = append(lines, "    "+st.Notice.Render(l))
				}
			}
			i++
		}
	}
	// Keep the selected pin on screen.
	offset := 0
	if cursorLine >= v.height-4 {
		offset = max(cursorLine-v.height/3, 0)
	}
	lines = lines[min(offset, len(lines)):]
	return strings.Join(lines, "\n")
}

func (v briefingView) status() string {
	if v.notice != "" {
		return v.notice
	}
	if v.s.pins.err != nil {
		return v.s.pins.err.Error()
	}
	return fmt.Sprintf("%s in %s · e exports Markdown", plural(len(v.order), "pin"), plural(len(v.groups), "topic"))
}

// plural is "1 pin", "2 pins".
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
