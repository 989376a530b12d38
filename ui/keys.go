package ui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// KeyMap is every binding of the app. Help is generated from it, so the help
// line can never drift from the keys that work. Each program has its own
// KeyMap (views enable and disable bindings as they change).
type KeyMap struct {
	// Everywhere.
	Quit, Help, Back, Topic, ClearTopic, NextTopic, PrevTopic, Matrix key.Binding
	// Lists and grids.
	Up, Down, Left, Right, Open, Mark, Compare, Filter key.Binding
	// Reader.
	PageUp, PageDown, Top, Bottom, NextMatch, PrevMatch, Search, NextHit, PrevHit key.Binding
	// Comparison.
	SwitchSide, PrevArticle, NextArticle key.Binding
	// Briefing: pins and notes.
	Pin, Note, SaveNote, Briefing, Refresh, MoveUp, MoveDown, Remove, Undo, Export key.Binding
}

// DefaultKeyMap returns the standard bindings: arrows and vim keys both work.
func DefaultKeyMap() KeyMap {
	b := func(keys []string, helpKey, desc string) key.Binding {
		return key.NewBinding(key.WithKeys(keys...), key.WithHelp(helpKey, desc))
	}
	return KeyMap{
		Quit:        b([]string{"q", "ctrl+c"}, "q", "quit"),
		Help:        b([]string{"?"}, "?", "help"),
		Back:        b([]string{"esc"}, "esc", "back"),
		Topic:       b([]string{"1", "2", "3", "4", "5", "6", "7", "8", "9"}, "1-9", "choose topic"),
		ClearTopic:  b([]string{"0"}, "0", "clear topic"),
		NextTopic:   b([]string{"t"}, "t/T", "cycle topics"),
		PrevTopic:   b([]string{"T"}, "T", "previous topic"),
		Matrix:      b([]string{"m"}, "m", "coverage matrix"),
		Up:          b([]string{"up", "k"}, "↑/k", "up"),
		Down:        b([]string{"down", "j"}, "↓/j", "down"),
		Left:        b([]string{"left", "h"}, "←/h", "left"),
		Right:       b([]string{"right", "l"}, "→/l", "right"),
		Open:        b([]string{"enter"}, "enter", "open"),
		Mark:        b([]string{"space"}, "space", "mark for compare"),
		Compare:     b([]string{"c"}, "c", "compare"),
		Filter:      b([]string{"/"}, "/", "filter (#topic narrows)"),
		PageUp:      b([]string{"pgup", "ctrl+u"}, "pgup", "page up"),
		PageDown:    b([]string{"pgdown", "ctrl+d"}, "pgdn", "page down"),
		Top:         b([]string{"g", "home"}, "g", "top"),
		Bottom:      b([]string{"G", "end"}, "G", "bottom"),
		NextMatch:   b([]string{"]"}, "]", "next on topic"),
		PrevMatch:   b([]string{"["}, "[", "previous on topic"),
		Search:      b([]string{"/"}, "/", "search"),
		NextHit:     b([]string{"n"}, "n/N", "next/prev hit"),
		PrevHit:     b([]string{"N"}, "N", "previous hit"),
		SwitchSide:  b([]string{"tab"}, "tab", "switch side"),
		PrevArticle: b([]string{"<"}, "<", "previous article"),
		NextArticle: b([]string{">"}, ">", "next article"),
		Pin:         b([]string{"p"}, "p", "pin paragraph"),
		Note:        b([]string{"a"}, "a", "note on paragraph"),
		SaveNote:    b([]string{"ctrl+s"}, "ctrl+s", "save note"),
		Briefing:    b([]string{"b"}, "b", "briefing"),
		Refresh:     b([]string{"r"}, "r", "refresh pins"),
		MoveUp:      b([]string{"K"}, "K/J", "move pin up/down"),
		MoveDown:    b([]string{"J"}, "J", "move pin down"),
		Remove:      b([]string{"x"}, "x", "remove pin"),
		Undo:        b([]string{"u"}, "u", "undo remove"),
		Export:      b([]string{"e"}, "e", "export Markdown"),
	}
}

// keyHelp is a help.KeyMap built from bindings chosen per view.
type keyHelp struct {
	short []key.Binding
	full  [][]key.Binding
}

func (k keyHelp) ShortHelp() []key.Binding  { return k.short }
func (k keyHelp) FullHelp() [][]key.Binding { return k.full }

func (k KeyMap) global() []key.Binding {
	return []key.Binding{k.Topic, k.ClearTopic, k.NextTopic, k.Matrix, k.Briefing, k.Refresh, k.Back, k.Help, k.Quit}
}

func (k KeyMap) listHelp() keyHelp {
	return keyHelp{
		short: []key.Binding{k.Up, k.Down, k.Open, k.Filter, k.Mark, k.Compare, k.Topic, k.Matrix, k.Help, k.Quit},
		full:  [][]key.Binding{{k.Up, k.Down, k.Open, k.Filter}, {k.Mark, k.Compare}, k.global()},
	}
}

func (k KeyMap) readerHelp() keyHelp {
	return keyHelp{
		short: []key.Binding{k.Down, k.NextMatch, k.PrevMatch, k.Topic, k.Pin, k.Note, k.Briefing, k.Search, k.Compare, k.Back, k.Help},
		full: [][]key.Binding{
			{k.Up, k.Down, k.PageUp, k.PageDown, k.Top, k.Bottom},
			{k.NextMatch, k.PrevMatch, k.Search, k.NextHit, k.Compare},
			{k.Pin, k.Note, k.SaveNote},
			k.global(),
		},
	}
}

func (k KeyMap) compareHelp() keyHelp {
	return keyHelp{
		short: []key.Binding{k.Down, k.SwitchSide, k.PrevArticle, k.NextArticle, k.Topic, k.Back, k.Help},
		full:  [][]key.Binding{{k.Up, k.Down, k.PageUp, k.PageDown, k.Top, k.Bottom}, {k.SwitchSide, k.PrevArticle, k.NextArticle}, k.global()},
	}
}

func (k KeyMap) briefingHelp() keyHelp {
	return keyHelp{
		short: []key.Binding{k.Up, k.Down, k.MoveUp, k.Remove, k.Undo, k.Open, k.Export, k.Back, k.Help},
		full:  [][]key.Binding{{k.Up, k.Down, k.MoveUp, k.Open}, {k.Remove, k.Undo, k.Export, k.Refresh}, k.global()},
	}
}

func (k KeyMap) noteHelp() keyHelp {
	return keyHelp{short: []key.Binding{k.SaveNote, k.Back}, full: [][]key.Binding{{k.SaveNote, k.Back}}}
}

func (k KeyMap) matrixHelp() keyHelp {
	return keyHelp{
		short: []key.Binding{k.Up, k.Down, k.Left, k.Right, k.Open, k.Back, k.Help},
		full:  [][]key.Binding{{k.Up, k.Down, k.Left, k.Right, k.Open}, k.global()},
	}
}

// moveCursor applies the keys that move a cursor over n rows shown page at
// a time. It reports whether msg was one of them; callers clamp.
func (k KeyMap) moveCursor(msg tea.KeyPressMsg, cursor, n, page int) (int, bool) {
	switch {
	case key.Matches(msg, k.Up):
		return cursor - 1, true
	case key.Matches(msg, k.Down):
		return cursor + 1, true
	case key.Matches(msg, k.PageUp):
		return cursor - page, true
	case key.Matches(msg, k.PageDown):
		return cursor + page, true
	case key.Matches(msg, k.Top):
		return 0, true
	case key.Matches(msg, k.Bottom):
		return n - 1, true
	}
	return cursor, false
}
