package ui

import (
	"errors"

	"briefing/model"
	"briefing/store"
)

// PinStore is what the app needs from persistence; *store.Store has it.
type PinStore interface {
	Pins(user string) ([]store.Pin, error)
	Add(user string, p store.Pin) (store.Pin, error)
	Remove(user string, id int64) (store.Pin, error)
	Restore(user string, p store.Pin) (store.Pin, error)
	SetNote(user string, id int64, note string) error
	Swap(user string, a, b int64) error
}

// errNoStore is shown when the app runs without a briefing database.
var errNoStore = errors.New("pins are unavailable: no briefing database")

// pinBoard is one user's pins as last read from the store. Every change is
// written first and the board re-read after, so what is on screen is what
// is committed, including other instances' changes.
type pinBoard struct {
	st      PinStore
	user    string
	pins    []store.Pin
	byPara  map[pinKey]int // index into pins
	version int            // bumped on every reload, for render caches
	err     error          // the last failure, shown to the user
}

type pinKey struct{ article, hash string }

func newPinBoard(st PinStore, user string) *pinBoard {
	b := &pinBoard{st: st, user: user}
	b.reload()
	return b
}

func (b *pinBoard) reload() {
	b.version++
	if b.st == nil {
		b.err = errNoStore
		return
	}
	pins, err := b.st.Pins(b.user)
	if err != nil {
		b.err = err
		return
	}
	b.pins, b.err = pins, nil
	b.byPara = make(map[pinKey]int, len(pins))
	for i, p := range pins {
		b.byPara[pinKey{p.ArticleID, p.ParaHash}] = i
	}
}

// find returns the pin on paragraph i of a.
func (b *pinBoard) find(a *model.Article, i int) (store.Pin, bool) {
	if a == nil || i < 0 || i >= len(a.Paragraphs) {
		return store.Pin{}, false
	}
	j, ok := b.byPara[pinKey{a.ID, a.Paragraphs[i].Hash()}]
	if !ok {
		return store.Pin{}, false
	}
	return b.pins[j], true
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

// toggle pins paragraph i of a, or unpins it. It reports whether the
// paragraph is pinned afterwards.
func (b *pinBoard) toggle(a *model.Article, i int, topics []model.Topic) (bool, error) {
	if b.st == nil {
		return false, errNoStore
	}
	var err error
	pinned := false
	if p, ok := b.find(a, i); ok {
		_, err = b.st.Remove(b.user, p.ID)
		if errors.Is(err, store.ErrNotFound) {
			err = nil // another instance removed it already
		}
	} else {
		_, err = b.st.Add(b.user, store.PinOf(a, i, topics))
		pinned = err == nil
	}
	b.reload()
	return pinned, err
}

// setNote saves a note on paragraph i of a, pinning it first if needed.
func (b *pinBoard) setNote(a *model.Article, i int, note string, topics []model.Topic) error {
	if b.st == nil {
		return errNoStore
	}
	p, ok := b.find(a, i)
	if !ok {
		var err error
		if p, err = b.st.Add(b.user, store.PinOf(a, i, topics)); err != nil {
			return err
		}
	}
	err := b.st.SetNote(b.user, p.ID, model.Sanitize(note))
	b.reload()
	return err
}
