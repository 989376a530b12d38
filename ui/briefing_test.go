package ui

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"briefing/model"
	"briefing/store"
	"briefing/ui/render"
)

// pinsOf reads what the store holds for the app's user: the test's
// ground truth, beside what the screen says.
func pinsOf(t *testing.T, a *App) []model.Pin {
	t.Helper()
	pins, err := a.s.pins.st.Pins(a.s.pins.user)
	if err != nil {
		t.Fatal(err)
	}
	return pins
}

func TestPinAndNote(t *testing.T) {
	a := newApp(t, 120, 40)
	press(a, enter, "2", "]")
	para := cursorPara(a)
	press(a, "p")
	if len(pinsOf(t, a)) != 1 || !strings.Contains(statusLine(a), "pinned ¶") {
		t.Fatalf("p did not pin: %q", statusLine(a))
	}
	if !strings.Contains(screen(a), "›*TER") {
		t.Errorf("pin not marked in the gutter:\n%s", screen(a))
	}
	press(a, "a")
	if !strings.Contains(screen(a), "ctrl+s saves") {
		t.Fatal("a did not open the note editor")
	}
	// esc on an unchanged note closes it; with changes it asks first.
	press(a, esc)
	if strings.Contains(screen(a), "ctrl+s saves") {
		t.Error("esc did not close an unchanged note")
	}
	press(a, "a", "q", "x", esc)
	if !strings.Contains(statusLine(a), "discard note? y/n") {
		t.Fatalf("esc with changes did not ask: %q", statusLine(a))
	}
	press(a, "n")
	if !strings.Contains(screen(a), "qx") {
		t.Error("n lost the typed text")
	}
	// ctrl+c asks the same, and does not quit on n.
	if press(a, "ctrl+c") || !strings.Contains(statusLine(a), "discard the note and quit?") {
		t.Errorf("ctrl+c in the editor: %q", statusLine(a))
	}
	press(a, "n", esc, "y")
	if strings.Contains(screen(a), "ctrl+s saves") || pinsOf(t, a)[0].Note != "" {
		t.Error("y did not discard")
	}
	press(a, "a", "K", "y", "i", "v", "ctrl+s")
	if got := pinsOf(t, a)[0].Note; got != "Kyiv" || !strings.Contains(statusLine(a), "note saved") {
		t.Errorf("note %q, status %q", got, statusLine(a))
	}
	press(a, "a")
	if !strings.Contains(screen(a), "Kyiv") {
		t.Error("editing does not show the saved note")
	}
	// Unpinning keeps the note: the status says so and u brings it back.
	press(a, esc, "p")
	if len(pinsOf(t, a)) != 0 || !strings.Contains(statusLine(a), "note kept, u to undo") {
		t.Fatalf("unpin: %q", statusLine(a))
	}
	press(a, "u")
	if p := pinsOf(t, a); len(p) != 1 || p[0].Note != "Kyiv" {
		t.Errorf("u: %+v", p)
	}
	// p again after an unpin also keeps the note.
	press(a, "p", "p")
	if p := pinsOf(t, a); len(p) != 1 || p[0].Note != "Kyiv" || cursorPara(a) != para {
		t.Errorf("p p: %+v", p)
	}
	press(a, esc)
	if !strings.Contains(screen(a), "*1") {
		t.Errorf("list does not count the pin:\n%s", screen(a))
	}
}

func TestPinFiledUnderCurrentTopic(t *testing.T) {
	a := newApp(t, 120, 40)
	// A paragraph tagged SEC and TER, pinned while reading for territory.
	art := a.s.corpus.Articles[0]
	sec, ter := a.s.corpus.TopicIndex("security-guarantees"), a.s.corpus.TopicIndex("territory")
	target := -1
	for i, p := range art.Paragraphs {
		if p.Topics.Has(sec) && p.Topics.Has(ter) {
			target = i
			break
		}
	}
	if target < 0 {
		t.Skip("no paragraph on both topics")
	}
	press(a, enter, "2")
	for cursorPara(a) != target+1 {
		press(a, "]")
	}
	press(a, "p")
	if p := pinsOf(t, a); len(p) != 1 || p[0].Topic != "territory" {
		t.Fatalf("pinned under %+v", p)
	}
	// With no topic chosen, the pin is on no topic.
	press(a, "0", "j", "p")
	if p := pinsOf(t, a); len(p) != 2 || p[1].Topic != "" {
		t.Fatalf("no topic: %+v", p)
	}
	// m in the briefing moves a pin to another of its paragraph's topics.
	press(a, "b", "g")
	if !strings.Contains(screen(a), "── Territory (1)") || !strings.Contains(screen(a), "── No topic (1)") {
		t.Fatalf("groups:\n%s", screen(a))
	}
	press(a, "m")
	if !strings.Contains(screen(a), "── Security guarantees (1)") || !strings.Contains(statusLine(a), "moved to Security guarantees") {
		t.Errorf("m:\n%s", screen(a))
	}
	press(a, esc)
}

func TestStatusBelongsToItsArticle(t *testing.T) {
	a := newApp(t, 120, 40)
	press(a, enter, "p")
	if !strings.Contains(statusLine(a), "pinned ¶1") {
		t.Fatalf("status %q", statusLine(a))
	}
	press(a, esc, "j", enter)
	if strings.Contains(statusLine(a), "pinned") {
		t.Errorf("another article shows the old status: %q", statusLine(a))
	}
}

func TestBriefingKeys(t *testing.T) {
	a := newApp(t, 120, 40)
	// Pin three paragraphs: two on territory, one on security guarantees.
	press(a, enter, "2", "]", "p", "]", "p", "1", "g", "]", "p")
	press(a, "b")
	if viewName(a) != "briefing" || !strings.Contains(statusLine(a), "3 pins in 2 topics") {
		t.Fatalf("%q / %q", titleLine(a), statusLine(a))
	}
	s := screen(a)
	if strings.Index(s, "── Security guarantees") > strings.Index(s, "── Territory") {
		t.Error("groups not in topic order")
	}
	// K/J move within a group only.
	order := func() []int64 {
		var ids []int64
		for _, p := range model.GroupPins(pinsOf(t, a), a.s.corpus.Topics) {
			for _, q := range p.Pins {
				ids = append(ids, q.ID)
			}
		}
		return ids
	}
	before := order()
	press(a, "g", "j", "J") // the first territory pin, down
	after := order()
	if after[1] != before[2] || after[2] != before[1] {
		t.Errorf("J: %v -> %v", before, after)
	}
	press(a, "J")
	if got := order(); got[2] != before[1] || !strings.Contains(statusLine(a), "edge of its topic") {
		t.Errorf("J moved a pin out of its group: %v, %q", got, statusLine(a))
	}
	press(a, "K")
	if got := order(); got[1] != before[1] {
		t.Errorf("K: %v", got)
	}
	// g, G, pgdown and pgup move the cursor.
	press(a, "G")
	last := selected(a)
	press(a, "g")
	if selected(a) == last {
		t.Error("g and G select the same pin")
	}
	press(a, "pgdown", "pgup")
	// x removes, u restores in place.
	press(a, "j", "x")
	if len(pinsOf(t, a)) != 2 || !strings.Contains(statusLine(a), "removed") {
		t.Fatalf("x: %q", statusLine(a))
	}
	press(a, "u")
	if got := order(); len(got) != 3 {
		t.Errorf("u: %v", got)
	}
	// a edits the selected pin's note; a multi-line note stays indented.
	press(a, "a", "o", "n", "e", enter, "t", "w", "o", "ctrl+s")
	if !strings.Contains(screen(a), "Note: one") || !strings.Contains(screen(a), "          two") {
		t.Errorf("note in the briefing:\n%s", screen(a))
	}
	// enter opens the pin in the reader, on its paragraph.
	press(a, enter)
	if viewName(a) != "reader" || !strings.Contains(row(a, "›"), "*") {
		t.Fatalf("enter: %q, cursor row %q", titleLine(a), row(a, "›"))
	}
	press(a, "b", "e")
	st := statusLine(a)
	var name, dir string
	if _, err := fmt.Sscanf(st[strings.Index(st, "exported "):], "exported %s to %s", &name, &dir); err != nil {
		t.Fatalf("e: %q", st)
	}
	path := filepath.Join(dir, name)
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
	corpus := seedCorpus(t)
	open := func() *App {
		st, err := store.Open(dir)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { st.Close() })
		return startApp(New(corpus, Options{Style: render.StyleNoTTY, Store: st, User: "same", ExportDir: t.TempDir()}), 120, 40)
	}
	one, two := open(), open()
	press(one, enter, "p")
	press(two, enter, "j", "j", "j", "p")
	// Neither lost the other's pin: every write re-reads the whole board.
	press(one, "b")
	if !strings.Contains(statusLine(one), "2 pins") {
		t.Errorf("first instance: %q", statusLine(one))
	}
	press(one, esc, "j", "p") // a third pin, which two has not seen
	press(two, esc)
	if !strings.Contains(screen(two), "*2") {
		t.Errorf("second instance before refresh:\n%s", screen(two))
	}
	_, cmd := two.Update(tea.FocusMsg{})
	runCmd(two, cmd)
	if !strings.Contains(screen(two), "*3") {
		t.Errorf("focus did not refresh:\n%s", screen(two))
	}
	press(one, "p") // unpin in one
	press(two, "r")
	if !strings.Contains(screen(two), "*2") {
		t.Errorf("r did not refresh:\n%s", screen(two))
	}
}

func TestNoStore(t *testing.T) {
	a := startApp(New(seedCorpus(t), Options{Style: render.StyleNoTTY}), 100, 30)
	press(a, enter, "p")
	if !strings.Contains(statusLine(a), "unavailable") {
		t.Errorf("status %q", statusLine(a))
	}
	press(a, "b")
	if !strings.Contains(screen(a), "unavailable") {
		t.Error("briefing view does not say why")
	}
}

// failingStore fails every note save, as a full disk would.
type failingStore struct{ PinStore }

func (failingStore) SetNote(string, int64, string) error { return errors.New("disk full") }

func TestNoteThatFailsToSaveIsKept(t *testing.T) {
	st, err := store.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	a := startApp(New(seedCorpus(t), Options{Style: render.StyleNoTTY, Store: failingStore{st}, User: "u"}), 120, 40)
	press(a, enter, "a", "k", "e", "e", "p", "ctrl+s")
	if !strings.Contains(statusLine(a), "note not saved: disk full") || !strings.Contains(screen(a), "keep") {
		t.Errorf("failed save:\n%s", screen(a))
	}
}

func TestTooSmallKeepsAnOpenNote(t *testing.T) {
	a := newApp(t, 120, 40)
	press(a, enter, "a", "h", "i")
	a.Update(tea.WindowSizeMsg{Width: 30, Height: 8})
	if press(a, "q") || press(a, "ctrl+c") {
		t.Fatal("quit with a note open in a tiny window")
	}
	a.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
	if !strings.Contains(screen(a), "hi") || !strings.Contains(screen(a), "ctrl+s saves") {
		t.Errorf("the note did not survive:\n%s", screen(a))
	}
}

func TestStoreErrorIsShown(t *testing.T) {
	why := errors.New("briefing.db in /x is not a database: move it aside or use --state")
	a := startApp(New(seedCorpus(t), Options{Style: render.StyleNoTTY, StoreErr: why}), 120, 40)
	press(a, enter, "p")
	if !strings.Contains(statusLine(a), "not a database") {
		t.Errorf("reader: %q", statusLine(a))
	}
	press(a, "b")
	if !strings.Contains(screen(a), "move it aside") {
		t.Errorf("briefing view:\n%s", screen(a))
	}
}

// A note survives unpinning from the comparison too, and u there brings
// pin and note back.
func TestCompareUnpinKeepsNote(t *testing.T) {
	a := newApp(t, 120, 40)
	press(a, "1", "g", enter, "p", "a")
	typeKeys(a, "KEEP")
	press(a, "ctrl+s")
	if p := pinsOf(t, a); len(p) != 1 || p[0].Note != "KEEP" {
		t.Fatalf("pins %+v", p)
	}
	press(a, "c", "j")
	if !strings.Contains(screen(a), "▸*¶1") {
		t.Errorf("the pinned paragraph is not marked in compare:\n%s", screen(a))
	}
	press(a, "p")
	if len(pinsOf(t, a)) != 0 || !strings.Contains(statusLine(a), "note kept, u to undo") {
		t.Fatalf("unpin in compare: %q", statusLine(a))
	}
	press(a, "u")
	if p := pinsOf(t, a); len(p) != 1 || p[0].Note != "KEEP" {
		t.Errorf("u in compare: %+v", p)
	}
	// Removing in the briefing and pinning again in the reader keeps it too.
	press(a, "b", "x", esc, esc, "p")
	if p := pinsOf(t, a); len(p) != 1 || p[0].Note != "KEEP" {
		t.Errorf("x then p: %+v", p)
	}
}

// Two windows editing one note: the second save does not silently replace
// the first; it says so, keeps its text, and a second ctrl+s decides.
func TestNoteEditedInTwoWindows(t *testing.T) {
	dir := t.TempDir()
	corpus := seedCorpus(t)
	open := func() *App {
		st, err := store.Open(dir)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { st.Close() })
		return startApp(New(corpus, Options{Style: render.StyleNoTTY, Store: st, User: "same"}), 120, 40)
	}
	one, two := open(), open()
	press(one, enter, "p")
	press(two, enter, "r", "a")
	press(one, "a")
	typeKeys(one, "from-A")
	typeKeys(two, "from-B")
	press(two, "ctrl+s")
	press(one, "ctrl+s")
	if !strings.Contains(statusLine(one), "changed in another window") || !strings.Contains(screen(one), "from-A") {
		t.Fatalf("the later save: %q", statusLine(one))
	}
	if p := pinsOf(t, one); p[0].Note != "from-B" {
		t.Errorf("the first save was replaced: %q", p[0].Note)
	}
	press(one, "ctrl+s")
	if p := pinsOf(t, one); p[0].Note != "from-A" || !strings.Contains(statusLine(one), "note saved") {
		t.Errorf("a second ctrl+s: %q, %q", p[0].Note, statusLine(one))
	}
}

// A server going down saves the note being typed: the notice says the
// briefing is saved, and it is.
func TestShutdownSavesAnOpenNote(t *testing.T) {
	a := newApp(t, 120, 40)
	press(a, "enter", "a")
	typeKeys(a, "draft")
	_, cmd := a.Update(ShutdownMsg{})
	// Run what the shutdown asked for, but not the quit timer.
	for _, c := range cmd().(tea.BatchMsg)[:1] {
		runCmd(a, c)
	}
	if p := pinsOf(t, a); len(p) != 1 || p[0].Note != "draft" {
		t.Errorf("pins after shutdown: %+v", p)
	}
	if !strings.Contains(screen(a), "shutting down") {
		t.Errorf("no notice:\n%s", screen(a))
	}
}

// G and pgdn in a long briefing end with the last pin at the bottom, and
// the help offers no key the view uses otherwise (m refiles here).
func TestBriefingEndsAtTheBottom(t *testing.T) {
	a := newApp(t, 80, 24)
	press(a, enter)
	for range 8 {
		press(a, "p", "j")
	}
	press(a, esc, "b", "G")
	l := lines(a)
	if strings.TrimSpace(l[len(l)-3]) == "" {
		t.Errorf("G left the last pin mid-screen:\n%s", screen(a))
	}
	press(a, "?")
	if strings.Contains(screen(a), "coverage matrix") || !strings.Contains(screen(a), "refile") || !strings.Contains(screen(a), "quit") {
		t.Errorf("briefing help:\n%s", screen(a))
	}
	press(a, esc, esc, enter, "?")
	if !strings.Contains(screen(a), "quit") || !strings.Contains(screen(a), "choose topic") {
		t.Errorf("the reader's help at 80 columns leaves out the global keys:\n%s", screen(a))
	}
}
