package ui

import (
	"os"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"briefing/store"
)

func TestPinAndNote(t *testing.T) {
	a := newApp(t, 120, 40)
	press(a, "enter", "2", "]")
	art, para := a.reader.article, a.reader.cursor
	press(a, "p")
	if _, ok := a.s.pins.find(art, para); !ok {
		t.Fatal("p did not pin")
	}
	if !strings.Contains(screen(a), "›*TER") {
		t.Errorf("pin not marked in the gutter:\n%s", screen(a))
	}
	press(a, "a")
	if !a.reader.noting {
		t.Fatal("a did not open the note editor")
	}
	press(a, "q", "x", "esc")
	if p, _ := a.s.pins.find(art, para); p.Note != "" || a.reader.noting {
		t.Errorf("esc saved the note %q", p.Note)
	}
	press(a, "a", "K", "y", "i", "v", "ctrl+s")
	if p, _ := a.s.pins.find(art, para); p.Note != "Kyiv" {
		t.Errorf("note %q", p.Note)
	}
	press(a, "a")
	if a.reader.note.Value() != "Kyiv" {
		t.Errorf("editing shows %q", a.reader.note.Value())
	}
	press(a, "esc", "p")
	if _, ok := a.s.pins.find(art, para); ok {
		t.Error("second p did not unpin")
	}
	// a on an unpinned paragraph pins it with the note.
	press(a, "a", "h", "i", "ctrl+s")
	if p, ok := a.s.pins.find(art, para); !ok || p.Note != "hi" {
		t.Errorf("note on unpinned paragraph: %+v %v", p, ok)
	}
	press(a, "esc")
	if !strings.Contains(screen(a), "*1") {
		t.Errorf("list does not count the pin:\n%s", screen(a))
	}
}

func TestBriefingKeys(t *testing.T) {
	a := newApp(t, 120, 40)
	// Pin three paragraphs: two on territory, one on security guarantees.
	press(a, "enter", "2", "]", "p", "]", "p", "1", "g", "]", "p")
	press(a, "b")
	if a.view != viewBriefing || len(a.brief.order) != 3 {
		t.Fatalf("view %v with %d pins", a.view, len(a.brief.order))
	}
	for i := 1; i < len(a.brief.groups); i++ {
		if a.s.corpus.TopicIndex(a.brief.groups[i-1].Topic) > a.s.corpus.TopicIndex(a.brief.groups[i].Topic) {
			t.Errorf("groups not in topic order: %s before %s", a.brief.groups[i-1].Topic, a.brief.groups[i].Topic)
		}
	}
	// K/J move within a group only: find a group of two.
	start := -1
	for i := 0; i+1 < len(a.brief.order); i++ {
		if a.brief.order[i].Topic == a.brief.order[i+1].Topic {
			start = i
			break
		}
	}
	if start < 0 {
		t.Fatalf("no group holds two pins: %+v", a.brief.groups)
	}
	a.brief.cursor = start
	first := a.brief.order[start].ID
	press(a, "J")
	if a.brief.order[start+1].ID != first || a.brief.cursor != start+1 {
		t.Errorf("J: cursor %d", a.brief.cursor)
	}
	press(a, "J")
	if a.brief.order[start+1].ID != first {
		t.Error("J moved a pin out of its group")
	}
	press(a, "K")
	if a.brief.order[start].ID != first {
		t.Error("K did not move it back")
	}
	press(a, "K")
	if a.brief.order[start].ID != first {
		t.Error("K moved a pin out of its group")
	}
	// x removes, u restores in place.
	press(a, "x")
	if len(a.brief.order) != 2 {
		t.Fatalf("x left %d pins", len(a.brief.order))
	}
	press(a, "u")
	if len(a.brief.order) != 3 || a.brief.order[1].ID == 0 {
		t.Errorf("u: %d pins", len(a.brief.order))
	}
	// enter opens the pin in the reader.
	press(a, "enter")
	if a.view != viewReader {
		t.Fatal("enter did not open the reader")
	}
	if _, ok := a.s.pins.find(a.reader.article, a.reader.cursor); !ok {
		t.Error("reader cursor is not on the pinned paragraph")
	}
	press(a, "b", "e")
	if !strings.Contains(a.brief.notice, "exported to ") {
		t.Fatalf("e: %q", a.brief.notice)
	}
	path := strings.TrimPrefix(a.brief.notice, "exported to ")
	md, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Count(string(md), "\n> ") != 3 || !strings.Contains(string(md), "## Territory") || !strings.Contains(string(md), "¶") {
		t.Errorf("export:\n%s", md)
	}
}

func TestBriefingSeesOtherInstance(t *testing.T) {
	dir := t.TempDir()
	open := func() *App {
		st, err := store.Open(dir)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { st.Close() })
		a := New(seedCorpus(t), Options{Style: StyleNoTTY, Store: st, User: "same", ExportDir: t.TempDir()})
		a.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
		return a
	}
	one, two := open(), open()
	press(one, "enter", "p")
	press(two, "enter", "j", "j", "j")
	two.reader.moveCursor(3)
	press(two, "p")
	// Neither lost the other's pin.
	press(one, "b")
	if len(one.brief.order) != 2 {
		t.Errorf("first instance sees %d pins", len(one.brief.order))
	}
	press(two, "esc", "3") // no change yet
	two.Update(tea.FocusMsg{})
	if len(two.s.pins.pins) != 2 {
		t.Errorf("focus did not refresh: %d pins", len(two.s.pins.pins))
	}
	press(one, "esc", "enter", "p") // unpin in one
	press(two, "r")
	if len(two.s.pins.pins) != 1 {
		t.Errorf("r did not refresh: %d pins", len(two.s.pins.pins))
	}
}

func TestNoStore(t *testing.T) {
	a := New(seedCorpus(t), Options{Style: StyleNoTTY})
	a.Update(tea.WindowSizeMsg{Width: 100, Height: 30})
	press(a, "enter", "p")
	if !strings.Contains(a.reader.notice, "unavailable") {
		t.Errorf("notice %q", a.reader.notice)
	}
	press(a, "b")
	if !strings.Contains(screen(a), "unavailable") {
		t.Error("briefing view does not say why")
	}
}
