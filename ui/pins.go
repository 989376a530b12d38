package ui

import (
	"errors"
	"fmt"
	"slices"
	"sync"
	"time"

	tea "charm.land/bubbletea/v2"

	"briefing/model"
	"briefing/store"
)

// PinStore is what the app needs from persistence; *store.Store has it.
type PinStore interface {
	Pins(user string) ([]model.Pin, error)
	Add(user string, p model.Pin) (model.Pin, error)
	Remove(user string, id int64) (model.Pin, error)
	Restore(user string, p model.Pin) (model.Pin, error)
	SetNote(user string, id int64, note string) error
	SetTopic(user string, id int64, topic string) error
	Swap(user string, a, b int64) error
}

// errNoStore is shown when the app runs without a briefing database.
var errNoStore = errors.New("pins are unavailable: no briefing database")

// pinBoard is one user's pins as last read from the store. Every change is
// a command that writes, then re-reads the whole board, off the Update
// path; the screen shows the board only as re-read, so what is on screen is
// what is committed, other instances' changes included.
type pinBoard struct {
	st      PinStore
	user    string
	pins    []model.Pin
	byPara  map[pinKey]int // index into pins
	version int            // bumped on every change, for render caches
	err     error          // the last failure to read, shown to the user
	applied int64          // generation of the board shown
	// io serialises this program's store commands, and gen numbers their
	// re-reads so a late answer never replaces a newer one.
	io  sync.Mutex
	gen int64
	// slowAfter is how long a write may take before the view says
	// "saving…"; zero or less never says it.
	slowAfter time.Duration
	noStore   error // why there is no store
	// unpinned are the pins this program unpinned or removed, newest
	// last, so that u, or pinning the paragraph again, brings a pin back
	// with its note.
	unpinned []model.Pin
}

type pinKey struct{ article, hash string }

func newPinBoard(st PinStore, user string, why error) *pinBoard {
	b := &pinBoard{st: st, user: user, slowAfter: 100 * time.Millisecond, noStore: errNoStore}
	if why != nil {
		b.noStore = fmt.Errorf("pins are unavailable: %w", why)
	}
	// The first read happens before the program starts, not in Update.
	b.apply(b.read())
	return b
}

// pinsLoadedMsg is the board as re-read from the store.
type pinsLoadedMsg struct {
	pins []model.Pin
	err  error
	gen  int64
}

// read re-reads the board; callers hold io (or run before the program).
func (b *pinBoard) read() pinsLoadedMsg {
	b.gen++
	if b.st == nil {
		return pinsLoadedMsg{err: b.noStore, gen: b.gen}
	}
	pins, err := b.st.Pins(b.user)
	return pinsLoadedMsg{pins: pins, err: err, gen: b.gen}
}

// load re-reads the board in the background.
func (b *pinBoard) load() tea.Cmd {
	return func() tea.Msg {
		b.io.Lock()
		defer b.io.Unlock()
		return b.read()
	}
}

// apply takes a re-read board unless a newer one is shown already. It
// reports whether the board changed.
func (b *pinBoard) apply(m pinsLoadedMsg) bool {
	if m.gen <= b.applied {
		return false
	}
	b.applied = m.gen
	b.version++
	if m.err != nil {
		b.err = m.err
		return true
	}
	b.pins, b.err = m.pins, nil
	b.byPara = make(map[pinKey]int, len(m.pins))
	for i, p := range m.pins {
		b.byPara[pinKey{p.ArticleID, p.ParaHash}] = i
	}
	return true
}

// pinWriteMsg is a write's outcome and the board re-read after it.
type pinWriteMsg struct {
	op     pinOp
	pin    model.Pin // the pin written, or removed
	err    error
	loaded pinsLoadedMsg
}

type pinOp int

const (
	opPin pinOp = iota
	opUnpin
	opRestore
	opNote
	opRefile
	opSwap
)

// write runs fn against the store in the background and answers view to
// with a pinWriteMsg.
func (b *pinBoard) write(to viewID, op pinOp, fn func(st PinStore, user string) (model.Pin, error)) tea.Cmd {
	return replyTo(to, func() tea.Msg {
		if b.st == nil {
			return pinWriteMsg{op: op, err: b.noStore}
		}
		b.io.Lock()
		defer b.io.Unlock()
		p, err := fn(b.st, b.user)
		return pinWriteMsg{op: op, pin: p, err: err, loaded: b.read()}
	})
}

// toggle pins paragraph i of a under topic, or unpins it when it is
// pinned in the store (which may differ from the board on screen when
// another instance changed it).
func (b *pinBoard) toggle(to viewID, a *model.Article, i int, topic string) tea.Cmd {
	want := model.PinOf(a, i, topic)
	return b.write(to, opPin, func(st PinStore, user string) (model.Pin, error) {
		pins, err := st.Pins(user)
		if err != nil {
			return model.Pin{}, err
		}
		for _, p := range pins {
			if p.SamePara(want) {
				return st.Remove(user, p.ID)
			}
		}
		return st.Add(user, want)
	})
}

// togglePin pins paragraph i of a under topic, or unpins it; a paragraph
// unpinned in this program comes back with its note.
func (b *pinBoard) togglePin(to viewID, a *model.Article, i int, topic string) tea.Cmd {
	if _, pinned := b.find(a, i); !pinned {
		want := model.PinOf(a, i, topic)
		for j := len(b.unpinned) - 1; j >= 0; j-- {
			if old := b.unpinned[j]; old.SamePara(want) {
				b.unpinned = slices.Delete(b.unpinned, j, j+1)
				old.Topic = topic
				return b.restore(to, old)
			}
		}
	}
	return b.toggle(to, a, i, topic)
}

// undo restores the pin unpinned last, or returns nil when there is none.
func (b *pinBoard) undo(to viewID) tea.Cmd {
	if len(b.unpinned) == 0 {
		return nil
	}
	p := b.unpinned[len(b.unpinned)-1]
	b.unpinned = b.unpinned[:len(b.unpinned)-1]
	return b.restore(to, p)
}

// record remembers a pin a write took away, for undo; the root calls it
// for every write, whichever view asked.
func (b *pinBoard) record(m pinWriteMsg) {
	if m.err != nil || (m.op != opPin && m.op != opUnpin) {
		return
	}
	if _, pinned := b.byPara[pinKey{m.pin.ArticleID, m.pin.ParaHash}]; !pinned {
		b.unpinned = append(b.unpinned, m.pin)
	}
}

// outcome says in a status line what a pin, unpin or restore did.
func (b *pinBoard) outcome(m pinWriteMsg) string {
	if m.err != nil {
		return "not saved: " + notFoundIsDone(m.err).Error()
	}
	para := m.pin.Index
	_, pinned := b.byPara[pinKey{m.pin.ArticleID, m.pin.ParaHash}]
	switch {
	case pinned && m.op == opRestore && m.pin.Note != "":
		return fmt.Sprintf("restored ¶%d with its note", para)
	case pinned && m.op == opRestore:
		return fmt.Sprintf("restored ¶%d", para)
	case pinned:
		return fmt.Sprintf("pinned ¶%d · b shows the briefing", para)
	case m.pin.Note != "":
		return fmt.Sprintf("unpinned ¶%d (note kept, u to undo)", para)
	}
	return fmt.Sprintf("unpinned ¶%d · u undoes", para)
}

// restore puts back an unpinned pin with its note.
func (b *pinBoard) restore(to viewID, p model.Pin) tea.Cmd {
	return b.write(to, opRestore, func(st PinStore, user string) (model.Pin, error) { return st.Restore(user, p) })
}

// setNote saves a note on pin want's paragraph, pinning it first when it
// is not pinned. original is the note as the editor opened it: when the
// store holds another by now (another window saved one meanwhile), nothing
// is written and the answer says so, so neither text is lost unseen.
func (b *pinBoard) setNote(to viewID, want model.Pin, note, original string) tea.Cmd {
	note = model.Sanitize(note)
	return b.write(to, opNote, func(st PinStore, user string) (model.Pin, error) {
		p, err := st.Add(user, want) // the existing pin when there is one
		if err != nil {
			return model.Pin{}, err
		}
		if p.Note != original {
			return p, noteChangedError{now: p.Note}
		}
		p.Note = note
		return p, st.SetNote(user, p.ID, note)
	})
}

// noteChangedError is a note changed elsewhere while it was being edited.
type noteChangedError struct{ now string }

func (e noteChangedError) Error() string {
	if e.now == "" {
		return "removed in another window; ctrl+s again saves yours"
	}
	return fmt.Sprintf("changed in another window; ctrl+s again saves yours over %q", e.now)
}

// find returns the pin on paragraph i of a.
func (b *pinBoard) find(a *model.Article, i int) (model.Pin, bool) {
	if a == nil || i < 0 || i >= len(a.Paragraphs) {
		return model.Pin{}, false
	}
	j, ok := b.byPara[pinKey{a.ID, a.Paragraphs[i].Hash()}]
	if !ok {
		return model.Pin{}, false
	}
	return b.pins[j], true
}

// pinnedHashes are the paragraph hashes pinned in the article with this
// id: a copy, for a command to match against text it reads itself.
func (b *pinBoard) pinnedHashes(id string) map[string]bool {
	out := map[string]bool{}
	for _, p := range b.pins {
		if p.ArticleID == id {
			out[p.ParaHash] = true
		}
	}
	return out
}

// pinnedIn returns which paragraphs of a are pinned.
func (b *pinBoard) pinnedIn(a *model.Article) map[int]bool {
	out := map[int]bool{}
	if b.count(a) == 0 {
		return out // no paragraph to hash
	}
	for i := range a.Paragraphs {
		if _, ok := b.find(a, i); ok {
			out[i] = true
		}
	}
	return out
}

func (b *pinBoard) count(a *model.Article) int {
	n := 0
	for _, p := range b.pins {
		if p.ArticleID == a.ID {
			n++
		}
	}
	return n
}

// saving tracks a view's write in flight, to say "saving…" only when it is
// slow.
type saving struct {
	seq    int
	active bool
	slow   bool
}

type slowSaveMsg struct{ seq int }

// start begins tracking cmd, a write that answers view to.
func (s *saving) start(b *pinBoard, to viewID, cmd tea.Cmd) tea.Cmd {
	s.seq++
	s.active, s.slow = true, false
	if b.slowAfter <= 0 {
		return cmd
	}
	seq := s.seq
	return tea.Batch(cmd, tea.Tick(b.slowAfter, func(time.Time) tea.Msg { return replyMsg{to, slowSaveMsg{seq}} }))
}

func (s *saving) done() { s.active, s.slow = false, false }

func (s *saving) tick(m slowSaveMsg) {
	if s.active && m.seq == s.seq {
		s.slow = true
	}
}

// notFoundIsDone treats a pin another instance removed already as removed.
func notFoundIsDone(err error) error {
	if errors.Is(err, store.ErrNotFound) {
		return nil
	}
	return err
}
