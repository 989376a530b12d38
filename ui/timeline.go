package ui

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"briefing/model"
	"briefing/ui/render"
)

// timelineView is when each outlet wrote about the current topic: outlets
// down, weeks (or months) across, each cell shaded by its paragraph count
// (the count itself in notty), the first mention marked. enter on a cell
// lists its paragraphs; enter on one of those opens the reader there.
type timelineView struct {
	s  *shared
	by model.Period
	// tl is the timeline shown, nil before the view is first opened and
	// while no topic is chosen; built says it was opened.
	tl    *model.Timeline
	built bool
	// The grid's cursor and scroll.
	row, col             int
	rowOffset, colOffset int
	// listing shows the cell's paragraphs instead of the grid.
	listing    bool
	refs       []model.ParaRef
	openings   []string // each ref's first line, read when the list opened
	item       int
	itemOffset int
	width      int
	height     int
}

func newTimelineView(s *shared) *timelineView { return &timelineView{s: s} }

// build makes the timeline of the current topic and puts the cursor on its
// first mention.
func (m *timelineView) build() {
	m.built = true
	m.listing = false
	m.tl = nil
	m.row, m.col, m.rowOffset, m.colOffset = 0, 0, 0, 0
	if m.s.topic < 0 || m.s.topic >= len(m.s.corpus.Topics) {
		return
	}
	m.tl = m.s.corpus.Timeline(m.s.topic, m.by)
	if m.tl.FirstRow >= 0 {
		m.row, m.col = m.tl.FirstRow, m.tl.FirstCol
	}
	m.clamp()
}

// togglePeriod switches weeks and months, keeping the cursor on the same
// outlet and time: on the first new column that overlaps the old one and
// holds paragraphs, else on the first that overlaps it.
func (m *timelineView) togglePeriod() {
	var (
		outlet   string
		from, to time.Time
	)
	if m.hasRows() {
		outlet = m.tl.Rows[m.row].Outlet
		from = m.tl.Periods[m.col]
		to = periodEnd(m.by, from)
	}
	if m.by == model.Month {
		m.by = model.Week
	} else {
		m.by = model.Month
	}
	m.build()
	if outlet == "" || !m.hasRows() {
		return
	}
	for r, row := range m.tl.Rows {
		if row.Outlet == outlet {
			m.row = r
		}
	}
	m.col = -1
	for c, p := range m.tl.Periods {
		if !p.Before(to) || !periodEnd(m.by, p).After(from) {
			continue
		}
		if m.col < 0 {
			m.col = c
		}
		if m.tl.Rows[m.row].Count(c) > 0 {
			m.col = c
			break
		}
	}
	m.clamp()
}

// periodEnd is the first day after the period starting at start.
func periodEnd(by model.Period, start time.Time) time.Time {
	if by == model.Month {
		return start.AddDate(0, 1, 0)
	}
	return start.AddDate(0, 0, 7)
}

func (m *timelineView) hasRows() bool { return m.tl != nil && len(m.tl.Rows) > 0 }

func (m *timelineView) SetSize(w, h int) {
	m.width, m.height = w, h
	m.clamp()
}

// labelWidth is a column's width: its period label's.
func (m *timelineView) labelWidth() int { return len(m.by.Label(time.Time{})) }

// slot is a column on screen: the cell between two spaces, or brackets
// under the cursor.
func (m *timelineView) slot() int { return m.labelWidth() + 2 }

const timelineTotal = "  TOTAL"

func (m *timelineView) outletWidth() int {
	w := len("OUTLET")
	if m.tl != nil {
		for _, r := range m.tl.Rows {
			w = max(w, ansi.StringWidth(r.Outlet))
		}
	}
	return min(w, max(12, m.width/4))
}

func (m *timelineView) visibleCols() int {
	return max((m.width-3-m.outletWidth()-len(timelineTotal))/m.slot(), 1)
}

// The grid has a heading, a blank line and the column header above the
// rows, and a blank line and the legend below.
func (m *timelineView) visibleRows() int { return max(m.height-5, 1) }

// Each listed paragraph takes two lines, under a heading and a blank line.
func (m *timelineView) visibleItems() int { return max((m.height-2)/2, 1) }

func (m *timelineView) clamp() {
	if m.hasRows() {
		m.row = min(max(m.row, 0), len(m.tl.Rows)-1)
		m.col = min(max(m.col, 0), max(len(m.tl.Periods)-1, 0))
		m.rowOffset = followCursor(m.rowOffset, m.row, m.visibleRows())
		m.colOffset = followCursor(m.colOffset, m.col, m.visibleCols())
	}
	m.item = min(max(m.item, 0), max(len(m.refs)-1, 0))
	m.itemOffset = followCursor(m.itemOffset, m.item, m.visibleItems())
}

// followCursor is the offset that keeps cursor within a window of n from the
// current offset, moving it as little as possible.
func followCursor(offset, cursor, n int) int {
	if cursor < offset {
		return cursor
	}
	if cursor >= offset+n {
		return cursor - n + 1
	}
	return offset
}

func (m *timelineView) Typing() bool { return false }

func (m *timelineView) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case focusedMsg:
		if !m.built || m.topic() != m.s.topic {
			m.build()
		}
	case topicChangedMsg:
		// Opening a paragraph sets the topic it already has: the list
		// stays as it was for esc to come back to.
		if m.built && m.topic() != m.s.topic {
			m.build()
		}
	case corpusChangedMsg:
		// Laid out again over the new articles (a first start's index
		// arriving, an added article).
		if m.built {
			m.build()
		}
	case tea.KeyPressMsg:
		if m.listing {
			return m.updateList(msg)
		}
		return m.updateGrid(msg)
	}
	return nil
}

// topic is the topic the timeline shows, -1 for none.
func (m *timelineView) topic() int {
	if m.tl == nil {
		return -1
	}
	return m.tl.Topic
}

func (m *timelineView) updateGrid(msg tea.KeyPressMsg) tea.Cmd {
	k := m.s.keys
	if key.Matches(msg, k.Global.Back) {
		return send(backMsg{})
	}
	if !m.hasRows() {
		return nil
	}
	row, moved := k.moveCursor(msg, m.row, len(m.tl.Rows), m.visibleRows())
	switch {
	case moved:
		m.row = row
	case key.Matches(msg, k.Timeline.Left):
		m.col--
	case key.Matches(msg, k.Timeline.Right):
		m.col++
	case key.Matches(msg, k.Timeline.Period):
		m.togglePeriod()
	case key.Matches(msg, k.Timeline.Open):
		if refs := m.tl.Rows[m.row].Cells[m.col]; len(refs) > 0 {
			m.listing, m.refs, m.item, m.itemOffset = true, refs, 0, 0
			m.openings = m.openingLines(refs)
		}
	}
	m.clamp()
	return nil
}

func (m *timelineView) updateList(msg tea.KeyPressMsg) tea.Cmd {
	k := m.s.keys
	item, moved := k.moveCursor(msg, m.item, len(m.refs), m.visibleItems())
	switch {
	case moved:
		m.item = item
	case key.Matches(msg, k.Timeline.Open):
		ref := m.refs[m.item]
		return send(openArticleMsg{id: ref.Article.ID, para: ref.Para, topic: m.tl.Topic})
	case key.Matches(msg, k.Global.Back):
		m.listing = false
	}
	m.clamp()
	return nil
}

// cellName is where the cursor is, as words: "Reuters, week of 04-14".
func (m *timelineView) cellName() string {
	p := m.tl.Periods[m.col]
	when := "week of " + m.by.Label(p)
	if m.by == model.Month {
		when = p.Format("January 2006")
	}
	return m.tl.Rows[m.row].Outlet + ", " + when
}

func (m *timelineView) View() string {
	st := m.s.styles
	switch {
	case m.tl == nil:
		return st.Dim.Render("choose a topic first: 1-9 or t")
	case !m.hasRows():
		s := m.s.topicName() + ": no dated article covers it" + m.s.yet()
		if m.tl.Undated > 0 {
			s += fmt.Sprintf(" (%s in undated articles)", plural(m.tl.Undated, "paragraph"))
		}
		return st.Dim.Render(s)
	case m.listing:
		return m.listView()
	}
	return m.gridView()
}

func (m *timelineView) gridView() string {
	st := m.s.styles
	tl := m.tl
	ow, lw := m.outletWidth(), m.labelWidth()
	last := min(m.colOffset+m.visibleCols(), len(tl.Periods))
	var b strings.Builder
	head := fmt.Sprintf(": paragraphs per outlet and %s · first mention %s, %s", tl.By, tl.First.Article.DateString(), tl.First.Link())
	b.WriteString(ansi.Truncate(st.Title.Render(m.s.topicName())+st.Dim.Render(head), m.width, "…") + "\n\n")
	b.WriteString(st.Header.Render("  " + padCell("OUTLET", ow+1)))
	for c := m.colOffset; c < last; c++ {
		b.WriteString(st.Header.Render(" " + padCell(tl.By.Label(tl.Periods[c]), lw) + " "))
	}
	b.WriteString(st.Header.Render(timelineTotal))
	most := tl.Max()
	for r := m.rowOffset; r < len(tl.Rows) && r < m.rowOffset+m.visibleRows(); r++ {
		row := tl.Rows[r]
		marker := "  "
		if r == m.row {
			marker = "▸ "
		}
		b.WriteString("\n" + marker + padCell(render.Truncate(row.Outlet, ow), ow+1))
		for c := m.colOffset; c < last; c++ {
			b.WriteString(m.cell(row.Count(c), most, r == tl.FirstRow && c == tl.FirstCol, r == m.row && c == m.col))
		}
		b.WriteString(fmt.Sprintf("%*d", len(timelineTotal), row.Total))
	}
	b.WriteString("\n\n" + st.Dim.Render(ansi.Truncate(m.legend(most), m.width, "…")))
	return b.String()
}

// cell draws one period of one outlet: the count in notty, a shade in
// colour; · for silence. Brackets mark the cursor without relying on
// colour.
func (m *timelineView) cell(n, most int, first, cursor bool) string {
	st := m.s.styles
	lw := m.labelWidth()
	var s string
	switch {
	case n == 0:
		s = st.CellEmpty.Render(padCell("·", lw))
	case m.s.plain:
		s = strconv.Itoa(n)
		if first {
			s += "*"
		}
		s = st.Cell.Render(padCell(s, lw))
	default:
		level := render.ShadeLevel(n, most)
		glyphs := strings.Repeat(render.Shades[level], lw)
		if first {
			glyphs = "◆" + strings.Repeat(render.Shades[level], lw-1)
		}
		s = st.Shade[level].Render(glyphs)
	}
	if cursor {
		return st.CellCursor.Render("[") + s + st.CellCursor.Render("]")
	}
	return " " + s + " "
}

// legend says how to read the cells, where the columns are and what the
// grid leaves out.
func (m *timelineView) legend(most int) string {
	tl := m.tl
	parts := []string{"cells count paragraphs; * first mention, · none"}
	if !m.s.plain {
		parts = []string{fmt.Sprintf("%s 1 … %s %d paragraphs; ◆ first mention, · none", render.Shades[0], render.Shades[render.ShadeLevels-1], most)}
	}
	if n, cols := m.visibleCols(), len(tl.Periods); n < cols {
		last := min(m.colOffset+n, cols)
		parts = append(parts, fmt.Sprintf("%ss %d-%d of %d", tl.By, m.colOffset+1, last, cols))
	}
	if tl.Undated > 0 {
		parts = append(parts, strconv.Itoa(tl.Undated)+" undated")
	}
	return strings.Join(parts, " · ")
}

func (m *timelineView) listView() string {
	st := m.s.styles
	var b strings.Builder
	head := fmt.Sprintf("%s · %s on %s", m.cellName(), plural(len(m.refs), "paragraph"), m.s.topicName())
	b.WriteString(st.Title.Render(ansi.Truncate(head, m.width, "…")) + "\n")
	for i := m.itemOffset; i < len(m.refs) && i < m.itemOffset+m.visibleItems(); i++ {
		ref := m.refs[i]
		a := ref.Article
		marker := "  "
		if i == m.item {
			marker = "▸ "
		}
		meta := fmt.Sprintf("%s · %s · ", orDash(a.DateString()), m.tl.Rows[m.row].Outlet)
		para := fmt.Sprintf(" ¶%d", ref.Para+1)
		title := render.Truncate(a.Title, max(m.width-2-ansi.StringWidth(meta+para), 8))
		line := marker + meta + title + para
		if i == m.item {
			line = st.Selected.Render(line)
		}
		b.WriteString("\n" + line + "\n    " + st.Dim.Render(render.Truncate(m.openings[i], max(m.width-4, 1))))
	}
	return b.String()
}

// openingLines are the starts of the refs' paragraphs, one line each,
// read here so that View reads no file.
func (m *timelineView) openingLines(refs []model.ParaRef) []string {
	out := make([]string, len(refs))
	for i, ref := range refs {
		a, err := m.s.full(ref.Article)
		if err != nil || ref.Para < 0 || ref.Para >= len(a.Paragraphs) {
			continue
		}
		out[i], _, _ = strings.Cut(a.Paragraphs[ref.Para].Text, "\n")
	}
	return out
}

// padCell pads s with spaces to w cells.
func padCell(s string, w int) string {
	return s + strings.Repeat(" ", max(w-ansi.StringWidth(s), 0))
}

func (m *timelineView) Status() string {
	switch {
	case m.tl == nil:
		return "choose a topic first: 1-9 or t"
	case !m.hasRows():
		return m.s.topicName() + ": nothing dated to lay out" + m.s.yet()
	case m.listing:
		return fmt.Sprintf("paragraph %d/%d · enter opens it in the reader · esc back to the grid", m.item+1, len(m.refs))
	}
	n := m.tl.Rows[m.row].Count(m.col)
	parts := []string{m.cellName()}
	if n == 0 {
		parts = append(parts, "nothing")
	} else {
		parts = append(parts, plural(n, "paragraph"), "enter lists them")
	}
	if m.row == m.tl.FirstRow && m.col == m.tl.FirstCol {
		parts = append(parts, "first mention")
	}
	return strings.Join(parts, " · ")
}

// Title says how the columns are cut, for the title bar.
func (m *timelineView) Title() string {
	if !m.hasRows() {
		return ""
	}
	return "by " + m.by.String()
}

func (m *timelineView) Keys() help.KeyMap {
	k := m.s.keys
	tk := k.Timeline
	switch {
	case m.listing:
		return keyHelp{
			short: []key.Binding{tk.Open, k.Nav.Down, k.Nav.Up, k.Global.Help, k.Global.Back},
			full:  [][]key.Binding{k.navHelp(), {tk.Open}},
		}
	case !m.hasRows():
		return keyHelp{short: []key.Binding{k.Global.Topic, k.Global.NextTopic, k.Global.Back}}
	}
	return keyHelp{
		short: []key.Binding{tk.Open, tk.Period, tk.Left, tk.Right, k.Nav.Down, k.Global.Help, k.Global.Back},
		full:  [][]key.Binding{k.navHelp(), {tk.Left, tk.Right, tk.Open, tk.Period}},
	}
}
