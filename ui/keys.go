package ui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// KeyMap is every binding of the app, grouped by where it works. Help and
// the footer are generated from it, so they can never drift from the keys
// that work. Each program has its own KeyMap.
type KeyMap struct {
	Global   GlobalKeys
	Nav      NavKeys
	Field    FieldKeys
	List     ListKeys
	Reader   ReaderKeys
	Note     NoteKeys
	Compare  CompareKeys
	Matrix   MatrixKeys
	Timeline TimelineKeys
	Briefing BriefingKeys
	Search   SearchKeys
	Confirm  ConfirmKeys
}

// GlobalKeys work in every view unless a text field has focus.
type GlobalKeys struct {
	Quit, ForceQuit, Help, Back, Topic, ClearTopic, NextTopic, PrevTopic, Matrix, Timeline, Briefing, Refresh, Search key.Binding
}

// NavKeys move a cursor or scroll, in every view that has rows.
type NavKeys struct {
	Up, Down, PageUp, PageDown, Top, Bottom key.Binding
}

// FieldKeys end a one-line text field: accept or cancel.
type FieldKeys struct {
	Accept, Cancel key.Binding
}

// ListKeys are the article list's own keys.
type ListKeys struct {
	Open, Filter, Mark, Compare, Add key.Binding
}

// ReaderKeys are the reader's own keys.
type ReaderKeys struct {
	NextOnTopic, PrevOnTopic, Search, NextHit, PrevHit, Compare, Pin, Note, Undo, Why, Copy key.Binding
}

// NoteKeys work while a note is being edited.
type NoteKeys struct {
	Save, Cancel, Quit key.Binding
}

// CompareKeys are the comparison's own keys.
type CompareKeys struct {
	SwitchSide, PrevArticle, NextArticle, Pin, Undo key.Binding
}

// MatrixKeys are the coverage matrix's own keys.
type MatrixKeys struct {
	Left, Right, Open, GroupByOutlet key.Binding
}

// TimelineKeys are the timeline's own keys.
type TimelineKeys struct {
	Left, Right, Open, Period key.Binding
}

// BriefingKeys are the briefing view's own keys.
type BriefingKeys struct {
	Open, MoveUp, MoveDown, Remove, Undo, Export, Note, Refile key.Binding
}

// SearchKeys are the corpus search's own keys.
type SearchKeys struct {
	Open, Edit, Order, Save key.Binding
}

// ConfirmKeys answer a yes/no question.
type ConfirmKeys struct {
	Yes, No key.Binding
}

// DefaultKeyMap returns the standard bindings: arrows and vim keys both work.
func DefaultKeyMap() KeyMap {
	b := func(keys []string, helpKey, desc string) key.Binding {
		return key.NewBinding(key.WithKeys(keys...), key.WithHelp(helpKey, desc))
	}
	return KeyMap{
		Global: GlobalKeys{
			Quit:       b([]string{"q"}, "q", "quit"),
			ForceQuit:  b([]string{"ctrl+c"}, "ctrl+c", "quit"),
			Help:       b([]string{"?"}, "?", "help"),
			Back:       b([]string{"esc"}, "esc", "back"),
			Topic:      b([]string{"1", "2", "3", "4", "5", "6", "7", "8", "9"}, "1-9", "choose topic"),
			ClearTopic: b([]string{"0"}, "0", "clear topic"),
			NextTopic:  b([]string{"t"}, "t", "cycle topics"),
			PrevTopic:  b([]string{"shift+tab"}, "⇧⇥", "previous topic"),
			Matrix:     b([]string{"m"}, "m", "coverage matrix"),
			Timeline:   b([]string{"T"}, "T", "topic timeline"),
			Briefing:   b([]string{"b"}, "b", "briefing"),
			Refresh:    b([]string{"r"}, "r", "refresh pins"),
			Search:     b([]string{"s"}, "s", "search everything"),
		},
		Nav: NavKeys{
			Up:       b([]string{"up", "k"}, "↑/k", "up"),
			Down:     b([]string{"down", "j"}, "↓/j", "down"),
			PageUp:   b([]string{"pgup", "ctrl+u"}, "pgup", "page up"),
			PageDown: b([]string{"pgdown", "ctrl+d"}, "pgdn", "page down"),
			Top:      b([]string{"g", "home"}, "g", "top"),
			Bottom:   b([]string{"G", "end"}, "G", "bottom"),
		},
		Field: FieldKeys{
			Accept: b([]string{"enter"}, "enter", "done"),
			Cancel: b([]string{"esc"}, "esc", "cancel"),
		},
		List: ListKeys{
			Open:    b([]string{"enter"}, "enter", "open"),
			Filter:  b([]string{"/"}, "/", "filter (#topic, !#topic)"),
			Mark:    b([]string{"space"}, "space", "mark for compare"),
			Compare: b([]string{"c"}, "c", "compare"),
			Add:     b([]string{"A"}, "A", "add an article from a URL"),
		},
		Reader: ReaderKeys{
			NextOnTopic: b([]string{"]"}, "]/[", "next/prev on topic"),
			PrevOnTopic: b([]string{"["}, "[", "previous on topic"),
			Search:      b([]string{"/"}, "/", "search"),
			NextHit:     b([]string{"n"}, "n/N", "next/prev hit"),
			PrevHit:     b([]string{"N"}, "N", "previous hit"),
			Compare:     b([]string{"c"}, "c", "compare with next"),
			Pin:         b([]string{"p"}, "p", "pin"),
			Note:        b([]string{"a"}, "a", "note"),
			Undo:        b([]string{"u"}, "u", "undo unpin"),
			Why:         b([]string{"w"}, "w", "why tagged"),
			Copy:        b([]string{"y"}, "y", "copy ¶ address"),
		},
		Note: NoteKeys{
			Save:   b([]string{"ctrl+s"}, "ctrl+s", "save note"),
			Cancel: b([]string{"esc"}, "esc", "cancel"),
			Quit:   b([]string{"ctrl+c"}, "ctrl+c", "quit"),
		},
		Compare: CompareKeys{
			SwitchSide:  b([]string{"tab"}, "tab", "switch side"),
			PrevArticle: b([]string{"<"}, "<", "previous article"),
			NextArticle: b([]string{">"}, ">", "next article"),
			Pin:         b([]string{"p"}, "p", "pin focused side"),
			Undo:        b([]string{"u"}, "u", "undo unpin"),
		},
		Matrix: MatrixKeys{
			Left:          b([]string{"left", "h"}, "←/h", "left"),
			Right:         b([]string{"right", "l"}, "→/l", "right"),
			Open:          b([]string{"enter"}, "enter", "open"),
			GroupByOutlet: b([]string{"o"}, "o", "rows: outlets/articles"),
		},
		Timeline: TimelineKeys{
			Left:   b([]string{"left", "h"}, "←/h", "earlier"),
			Right:  b([]string{"right", "l"}, "→/l", "later"),
			Open:   b([]string{"enter"}, "enter", "list / open"),
			Period: b([]string{"tab"}, "tab", "weeks/months"),
		},
		Briefing: BriefingKeys{
			Open:     b([]string{"enter"}, "enter", "open in reader"),
			MoveUp:   b([]string{"K"}, "K", "move pin up"),
			MoveDown: b([]string{"J"}, "J", "move pin down"),
			Remove:   b([]string{"x"}, "x", "remove pin"),
			Undo:     b([]string{"u"}, "u", "undo remove"),
			Export:   b([]string{"e"}, "e", "export Markdown"),
			Note:     b([]string{"a"}, "a", "edit note"),
			Refile:   b([]string{"m"}, "m", "refile under another topic"),
		},
		Search: SearchKeys{
			Open:  b([]string{"enter"}, "enter", "open paragraph"),
			Edit:  b([]string{"/"}, "/", "edit query"),
			Order: b([]string{"o"}, "o", "newest/relevance"),
			Save:  b([]string{"S"}, "S", "save as topic"),
		},
		Confirm: ConfirmKeys{
			Yes: b([]string{"y"}, "y", "yes"),
			No:  b([]string{"n", "esc"}, "n", "no"),
		},
	}
}

// keyHelp is a help.KeyMap built from bindings chosen per view.
type keyHelp struct {
	short []key.Binding
	full  [][]key.Binding
}

func (k keyHelp) ShortHelp() []key.Binding  { return k.short }
func (k keyHelp) FullHelp() [][]key.Binding { return k.full }

// globalHelp is the global keys' column of the full help.
func (k KeyMap) globalHelp() []key.Binding {
	g := k.Global
	return []key.Binding{g.Topic, g.ClearTopic, g.NextTopic, g.PrevTopic, g.Search, g.Matrix, g.Timeline, g.Briefing, g.Refresh, g.Back, g.Help, g.Quit}
}

func (k KeyMap) navHelp() []key.Binding {
	n := k.Nav
	return []key.Binding{n.Up, n.Down, n.PageUp, n.PageDown, n.Top, n.Bottom}
}

// moveCursor applies the keys that move a cursor over n rows shown page at
// a time. It reports whether msg was one of them; callers clamp.
func (k KeyMap) moveCursor(msg tea.KeyPressMsg, cursor, n, page int) (int, bool) {
	switch {
	case key.Matches(msg, k.Nav.Up):
		return cursor - 1, true
	case key.Matches(msg, k.Nav.Down):
		return cursor + 1, true
	case key.Matches(msg, k.Nav.PageUp):
		return cursor - page, true
	case key.Matches(msg, k.Nav.PageDown):
		return cursor + page, true
	case key.Matches(msg, k.Nav.Top):
		return 0, true
	case key.Matches(msg, k.Nav.Bottom):
		return n - 1, true
	}
	return cursor, false
}
