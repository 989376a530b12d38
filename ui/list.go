package ui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"briefing/model"
	"briefing/ui/render"
)

// listView is the article list: newest first, each story once (a wire
// copy run by other outlets shows under it as "also in"), filterable, with
// up to two articles marked for comparison.
type listView struct {
	s         *shared
	filter    textinput.Model
	filtering bool  // the filter field has focus
	items     []int // corpus indexes that pass the filter, in display order
	fuzzy     *fuzzyFilter
	cursor    int
	offset    int
	marked    []int // corpus indexes, at most two
	// filterErr says what is wrong with the filter ("unknown topic #xyz").
	filterErr string
	notice    string    // one-shot, cleared by the next key
	add       addPrompt // A: add an article from a URL
	// titles cuts the titles for titlesWidth columns, a row at a time.
	titles      *render.Distinct
	titlesOf    int // articles it was made for
	titlesWidth int
	width       int
	height      int
}

func newListView(s *shared) *listView {
	ti := newTextInput("/ ", s.plain)
	ti.Placeholder = "filter titles and sources; #topic narrows, !#topic leaves out"
	l := &listView{s: s, filter: ti, add: newAddPrompt(s.plain)}
	l.index()
	return l
}

func (l *listView) SetSize(w, h int) {
	l.width, l.height = w, h
	l.filter.SetWidth(max(w-4, 1))
	l.add.input.SetWidth(max(w-12, 1))
	l.clamp()
}

// selected is the article under the cursor, or nil when the filter hides
// everything.
func (l *listView) selected() *model.Article {
	if l.cursor < 0 || l.cursor >= len(l.items) {
		return nil
	}
	return l.s.corpus.Articles[l.items[l.cursor]]
}

// clamp keeps the cursor on an item and in sight. A story with copies
// takes two lines (its "also in" line), so what fits is counted in lines,
// walking at most a screen's worth of items.
func (l *listView) clamp() {
	l.cursor = min(max(l.cursor, 0), max(len(l.items)-1, 0))
	if len(l.items) == 0 {
		l.offset = 0
		return
	}
	rows := l.rows()
	l.offset = min(l.offset, l.cursor)
	// The earliest start from which the cursor's item still shows.
	first, n := l.cursor, 0
	for ; first >= 0; first-- {
		if n += l.itemLines(first); n > rows {
			break
		}
	}
	l.offset = max(l.offset, min(first+1, l.cursor))
	// No blank lines at the bottom while earlier items would fit there.
	tail, n := len(l.items), 0
	for ; tail > 0; tail-- {
		if n += l.itemLines(tail - 1); n > rows {
			break
		}
	}
	l.offset = max(0, min(l.offset, tail))
}

// rows is how many lines of articles fit under the column header and
// filter.
func (l *listView) rows() int { return max(l.height-2, 1) }

// itemLines is 2 for a story other outlets also ran, else 1.
func (l *listView) itemLines(r int) int {
	if l.s.corpus.HasCopies(l.s.corpus.Articles[l.items[r]]) {
		return 2
	}
	return 1
}

// toggleMark marks or unmarks the selected article for comparison, keeping
// at most two.
func (l *listView) toggleMark() {
	a := l.selected()
	if a == nil {
		return
	}
	i := l.items[l.cursor]
	for j, m := range l.marked {
		if m == i {
			l.marked = append(l.marked[:j], l.marked[j+1:]...)
			return
		}
	}
	l.marked = append(l.marked, i)
	if len(l.marked) > 2 {
		l.marked = l.marked[1:]
	}
}

// comparePair is the two marked articles, or the selected one and the next.
func (l *listView) comparePair() (int, int, bool) {
	if len(l.marked) == 2 {
		return l.marked[0], l.marked[1], true
	}
	if len(l.items) < 2 && len(l.s.corpus.Articles) < 2 {
		return 0, 0, false
	}
	if len(l.marked) == 1 && l.selected() != nil && l.items[l.cursor] != l.marked[0] {
		return l.marked[0], l.items[l.cursor], true
	}
	if l.cursor+1 < len(l.items) {
		return l.items[l.cursor], l.items[l.cursor+1], true
	}
	if l.cursor > 0 {
		return l.items[l.cursor-1], l.items[l.cursor], true
	}
	return 0, 0, false
}

// comparePairIDs is the pair c compares, as article ids.
func (l *listView) compareCmd() tea.Cmd {
	a, b, ok := l.comparePair()
	if !ok {
		return nil
	}
	arts := l.s.corpus.Articles
	l.marked = nil // the marks did their job
	return send(compareMsg{arts[a].ID, arts[b].ID})
}

func (l *listView) Typing() bool { return l.filtering || l.add.open }

func (l *listView) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case corpusChangedMsg:
		l.titles = nil // the corpus changed
		l.rebuild(msg.old)
		return nil
	case noticeMsg:
		l.notice = msg.text
		return nil
	case returnedMsg:
		l.notice, l.add.notice = "", ""
		return nil
	case addedMsg:
		l.add.done(msg)
		if msg.id != "" {
			l.selectArticle(l.s.corpus.Position(msg.id))
		}
		return nil
	case tea.PasteMsg:
		// A URL is more often pasted than typed.
		if l.add.open {
			var cmd tea.Cmd
			l.add.input, cmd = l.add.input.Update(msg)
			return cmd
		}
		return nil
	}
	kmsg, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return nil
	}
	k := l.s.keys
	if l.add.open {
		return l.add.update(l.s, kmsg)
	}
	if !l.add.busy {
		l.add.notice = "" // said once; the next key clears it
	}
	if l.filtering {
		switch {
		case key.Matches(kmsg, k.Field.Accept):
			l.filtering = false
			l.filter.Blur()
			return nil
		case key.Matches(kmsg, k.Field.Cancel):
			l.filtering = false
			l.filter.Blur()
			l.filter.SetValue("")
			l.applyFilter()
			return nil
		case key.Matches(kmsg, k.Global.ForceQuit):
			return tea.Quit
		case key.Matches(kmsg, k.Nav.Up), key.Matches(kmsg, k.Nav.Down):
			if kmsg.Text == "" { // arrows move; j and k are text
				cursor, _ := k.moveCursor(kmsg, l.cursor, len(l.items), l.rows())
				l.cursor = cursor
				l.clamp()
				return nil
			}
		}
		var cmd tea.Cmd
		l.filter, cmd = l.filter.Update(kmsg)
		l.applyFilter()
		return cmd
	}
	l.notice = ""
	if cursor, moved := k.moveCursor(kmsg, l.cursor, len(l.items), l.rows()); moved {
		l.cursor = cursor
		l.clamp()
		return nil
	}
	switch {
	case key.Matches(kmsg, k.List.Open):
		if a := l.selected(); a != nil {
			return send(openArticleMsg{id: a.ID, para: -1, topic: -1})
		}
	case key.Matches(kmsg, k.List.Compare):
		return l.compareCmd()
	case key.Matches(kmsg, k.List.Filter):
		l.filtering = true
		return l.filter.Focus()
	case key.Matches(kmsg, k.List.Mark):
		l.toggleMark()
	case key.Matches(kmsg, k.List.Add):
		return l.add.start(l.s)
	case key.Matches(kmsg, k.Global.Back):
		if l.filter.Value() != "" {
			l.filter.SetValue("")
			l.applyFilter()
			return nil
		}
		return send(backMsg{})
	}
	l.clamp()
	return nil
}

func (l *listView) Keys() help.KeyMap {
	k := l.s.keys
	if l.filtering || l.add.open {
		return keyHelp{short: []key.Binding{k.Field.Accept, k.Field.Cancel}, full: [][]key.Binding{{k.Field.Accept, k.Field.Cancel}}}
	}
	return keyHelp{
		short: []key.Binding{k.List.Open, k.List.Filter, k.Global.Topic, k.List.Mark, k.List.Compare, k.Global.Matrix, k.Global.Briefing, k.Global.Help, k.Global.Quit},
		full:  [][]key.Binding{k.navHelp(), {k.List.Open, k.List.Filter, k.List.Mark, k.List.Compare, k.List.Add}},
	}
}

func (l *listView) Status() string {
	if l.notice != "" {
		return l.notice
	}
	if l.add.notice != "" {
		return l.add.notice
	}
	if n := len(l.marked); n > 0 {
		return fmt.Sprintf("%d marked · c compares", n)
	}
	return ""
}

func (l *listView) View() string {
	st := l.s.styles
	var b strings.Builder
	switch {
	case l.add.open:
		b.WriteString(ansi.Truncate(l.add.input.View(), l.width, ""))
	case l.filtering || l.filter.Value() != "":
		b.WriteString(ansi.Truncate(l.filter.View(), l.width, ""))
	default:
		b.WriteString(st.Dim.Render(ansi.Truncate(l.header(), l.width, "…")))
	}
	b.WriteString("\n")
	cols := l.columns()
	b.WriteString(st.Header.Render(l.row(cols, "  ", "DATE", "TITLE", "SOURCE", "TOPICS")))
	switch {
	case l.filterErr != "":
		b.WriteString("\n" + st.Error.Render("  "+l.filterErr))
	case len(l.items) == 0 && len(l.s.corpus.Articles) == 0 && l.s.indexing != "":
		b.WriteString("\n" + st.Dim.Render(render.Truncate("  articles appear when they are indexed", l.width)))
	case len(l.items) == 0:
		b.WriteString("\n" + st.Dim.Render("  no articles match"))
	}
	used := 0
	for r := l.offset; r < len(l.items) && used < l.rows(); r++ {
		used += l.itemLines(r)
		i := l.items[r]
		a := l.s.corpus.Articles[i]
		mark := " "
		for _, m := range l.marked {
			if m == i {
				mark = "●"
			}
		}
		pointer := " "
		if r == l.cursor {
			pointer = "▸"
		}
		line := l.row(cols, pointer+mark, orDash(a.DateString()), l.title(i, cols.title), outlet(a), l.badgeText(a))
		b.WriteString("\n")
		switch {
		case r == l.cursor:
			b.WriteString(st.Selected.Render(line))
		case mark != " ":
			b.WriteString(st.Marked.Render(line))
		default:
			b.WriteString(line)
		}
		if l.itemLines(r) == 2 && used <= l.rows() {
			b.WriteString("\n" + st.Dim.Render(l.alsoIn(cols, a)))
		}
	}
	return b.String()
}

// badgeText is "*2 SEC3 TER2 …": pins, then topics with the current one
// first.
func (l *listView) badgeText(a *model.Article) string {
	var parts []string
	if n := l.s.pins.count(a); n > 0 {
		parts = append(parts, fmt.Sprintf("*%d", n))
	}
	for i, n := range a.TopicCounts {
		if n == 0 {
			continue
		}
		part := fmt.Sprintf("%s%d", l.s.corpus.Topics[i].Badge, n)
		if i == l.s.topic {
			parts = append([]string{"[" + part + "]"}, parts...)
			continue
		}
		parts = append(parts, part)
	}
	return strings.Join(parts, " ")
}

// outlet is an article's outlet for a row or citation: unknown outlets
// say so rather than pass off a byline as one.
func outlet(a *model.Article) string {
	if a.Source != "" {
		return a.Source
	}
	return "unknown outlet"
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
