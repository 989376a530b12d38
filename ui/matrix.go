package ui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"briefing/model"
	"briefing/ui/render"
)

// matrixView is the coverage matrix: articles (or, with o, outlets) down,
// topics across, with paragraph counts; a · cell is silence.
type matrixView struct {
	s        *shared
	byOutlet bool
	rows     []model.CoverageRow
	// built says rows are made: on first use, not at start (counting
	// coverage takes a tenth of a second at 100,000 articles).
	built bool
	// labels are the rows' names cut for labelsWidth columns.
	labels      []string
	labelsWidth int
	row, col    int
	rowOffset   int
	colOffset   int
	width       int
	height      int
}

func newMatrixView(s *shared) *matrixView { return &matrixView{s: s} }

// ensure builds the rows the first time they are needed.
func (m *matrixView) ensure() {
	if !m.built {
		m.build()
	}
}

// build makes the rows for the current grouping.
func (m *matrixView) build() {
	m.built = true
	m.labels = nil
	by := model.ByArticle
	if m.byOutlet {
		by = model.ByOutlet
	}
	m.rows = m.s.corpus.CoverageBy(by)
	m.clamp()
}

// follow rebuilds the rows over a new corpus, keeping the cursor on the
// same outlet or article (ids are the same in the new corpus).
func (m *matrixView) follow() {
	if !m.built {
		return // built for the new corpus when first shown
	}
	var id, outletName string
	if m.row < len(m.rows) {
		id, outletName = m.rows[m.row].Articles[0].ID, m.rows[m.row].Outlet
	}
	m.build()
	for i, r := range m.rows {
		sameOutlet := m.byOutlet && outletName != "" && strings.EqualFold(r.Outlet, outletName)
		if sameOutlet || (!m.byOutlet || outletName == "") && r.Articles[0].ID == id {
			m.row = i
			break
		}
	}
	m.clamp()
}

// label is row r's name cut to width, told apart from the names that start
// alike; the cut is worked out once per width and grouping.
func (m *matrixView) label(r, width int) string {
	if m.labelsWidth != width || len(m.labels) != len(m.rows) {
		full := make([]string, len(m.rows))
		for i, row := range m.rows {
			// By outlet, a row of an unknown outlet is named by its
			// article's title; the next column says it has no outlet.
			full[i] = row.Label(model.ByArticle)
			if m.byOutlet {
				full[i] = row.Label(model.ByOutlet)
			}
		}
		m.labels, m.labelsWidth = render.TruncateDistinct(full, width), width
	}
	return m.labels[r]
}

// rowMeta is what stands beside a row's label: its outlet and date, or by
// outlet how many articles it has.
func (m *matrixView) rowMeta(r model.CoverageRow) (outletName, date string) {
	if m.byOutlet && r.Outlet == "" {
		return "", "no outlet"
	}
	if m.byOutlet {
		return "", plural(len(r.Articles), "article")
	}
	return outlet(r.Articles[0]), orDash(r.Articles[0].DateString())
}

func (m *matrixView) SetSize(w, h int) {
	m.width, m.height = w, h
	m.clamp()
}

const matrixCell = 5

// metaWidth is the outlet and date columns beside the titles, when there is
// room for them.
func (m *matrixView) metaWidths() (outletW, dateW int) {
	if m.byOutlet {
		return 0, 12
	}
	if m.width >= 100 {
		return 16, 11
	}
	return 0, 0
}

func (m *matrixView) titleWidth() int {
	ow, dw := m.metaWidths()
	return min(max(m.width-2-ow-dw-len(m.s.corpus.Topics)*matrixCell, 16), 48)
}

// visibleCols is how many topic columns fit beside the titles.
func (m *matrixView) visibleCols() int {
	ow, dw := m.metaWidths()
	return max((m.width-2-m.titleWidth()-ow-dw)/matrixCell, 1)
}

func (m *matrixView) visibleRows() int { return max(m.height-2, 1) }

func (m *matrixView) clamp() {
	if !m.built {
		return // sizes apply when it is built
	}
	rows, cols := len(m.rows), len(m.s.corpus.Topics)
	m.row = min(max(m.row, 0), max(rows-1, 0))
	m.col = min(max(m.col, 0), max(cols-1, 0))
	if m.row < m.rowOffset {
		m.rowOffset = m.row
	}
	if m.row >= m.rowOffset+m.visibleRows() {
		m.rowOffset = m.row - m.visibleRows() + 1
	}
	if m.col < m.colOffset {
		m.colOffset = m.col
	}
	if m.col >= m.colOffset+m.visibleCols() {
		m.colOffset = m.col - m.visibleCols() + 1
	}
	// A taller or wider window shows rows and columns from the top again
	// rather than empty space.
	m.rowOffset = max(0, min(m.rowOffset, rows-m.visibleRows()))
	m.colOffset = max(0, min(m.colOffset, cols-m.visibleCols()))
}

func (m *matrixView) Typing() bool { return false }

func (m *matrixView) Update(msg tea.Msg) tea.Cmd {
	if _, ok := msg.(corpusChangedMsg); !ok {
		m.ensure()
	}
	if _, ok := msg.(topicChangedMsg); ok && m.s.topic >= 0 {
		m.col = m.s.topic // the cursor is on the topic chosen
		m.clamp()
		return nil
	}
	if _, ok := msg.(corpusChangedMsg); ok {
		m.follow()
		return nil
	}
	kmsg, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return nil
	}
	k := m.s.keys
	row, moved := k.moveCursor(kmsg, m.row, len(m.rows), m.visibleRows())
	switch {
	case moved:
		m.row = row
	case key.Matches(kmsg, k.Matrix.Left):
		m.col--
	case key.Matches(kmsg, k.Matrix.Right):
		m.col++
	case key.Matches(kmsg, k.Matrix.GroupByOutlet):
		m.byOutlet = !m.byOutlet
		m.row, m.rowOffset = 0, 0
		m.build()
	case key.Matches(kmsg, k.Matrix.Open):
		return m.open()
	case key.Matches(kmsg, k.Global.Back):
		return send(backMsg{})
	}
	m.clamp()
	return nil
}

// open asks for the row's (first covering) article at its first paragraph
// on the cell's topic, which becomes the current topic.
func (m *matrixView) open() tea.Cmd {
	if m.row >= len(m.rows) || len(m.s.corpus.Topics) == 0 {
		return nil
	}
	r := m.rows[m.row]
	art := r.Articles[0]
	for _, a := range r.Articles {
		if a.Covers(m.col) {
			art = a
			break
		}
	}
	first := -1
	if on := art.ParagraphsOn(m.col); len(on) > 0 {
		first = on[0]
	}
	return send(openArticleMsg{id: art.ID, para: first, topic: m.col})
}

func (m *matrixView) View() string {
	m.ensure() // shown before any message reached it (tests)
	st := m.s.styles
	tw := m.titleWidth()
	ow, dw := m.metaWidths()
	topics := m.s.corpus.Topics
	last := min(m.colOffset+m.visibleCols(), len(topics))
	pad := func(s string, w int) string {
		if w <= 0 {
			return ""
		}
		s = render.Truncate(s, w-1)
		return s + strings.Repeat(" ", max(w-ansi.StringWidth(s), 0))
	}
	var b strings.Builder
	rowHead, metaHead := "ARTICLE", "DATE"
	if m.byOutlet {
		rowHead, metaHead = "OUTLET", "ARTICLES"
	}
	b.WriteString(st.Header.Render("  " + pad(rowHead, tw) + pad("OUTLET", ow) + pad(metaHead, dw)))
	for c := m.colOffset; c < last; c++ {
		style := st.Header
		if c == m.s.topic {
			style = st.BadgeCurrent
		}
		b.WriteString(style.Render(fmt.Sprintf("%*s ", matrixCell-1, ansi.Truncate(topics[c].Badge, matrixCell-1, ""))))
	}
	if len(m.rows) == 0 {
		b.WriteString("\n" + st.Dim.Render("  no articles"+m.s.yet()))
	}
	for r := m.rowOffset; r < len(m.rows) && r < m.rowOffset+m.visibleRows(); r++ {
		row := m.rows[r]
		b.WriteString("\n")
		marker := "  "
		if r == m.row {
			marker = "▸ "
		}
		on, date := m.rowMeta(row)
		b.WriteString(marker + pad(m.label(r, tw-1), tw) + st.Dim.Render(pad(on, ow)+pad(date, dw)))
		for c := m.colOffset; c < last; c++ {
			cell := fmt.Sprintf("%*s ", matrixCell-1, "·")
			style := st.CellEmpty
			if row.Covers(c) {
				cell = fmt.Sprintf("%*d ", matrixCell-1, row.Counts[c])
				style = st.Cell
			}
			if r == m.row && c == m.col {
				// Brackets mark the cell without relying on colour.
				style = st.CellCursor
				cell = fmt.Sprintf("[%*s]", matrixCell-2, strings.TrimSpace(cell))
			}
			b.WriteString(style.Render(cell))
		}
	}
	b.WriteString("\n" + st.Dim.Render(ansi.Truncate(m.legend(), m.width, "…")))
	return b.String()
}

// legend names the topic under the cursor, so badges need no memorising.
func (m *matrixView) legend() string {
	if len(m.s.corpus.Topics) == 0 {
		return ""
	}
	t := m.s.corpus.Topics[m.col]
	more := ""
	if m.colOffset > 0 || m.colOffset+m.visibleCols() < len(m.s.corpus.Topics) {
		more = " · ←/→ for more topics"
	}
	return fmt.Sprintf("%s = %s · · = silent%s", t.Badge, t.Name, more)
}

func (m *matrixView) Status() string {
	if m.byOutlet {
		return "rows are outlets · enter opens an outlet's article on the topic · o shows articles"
	}
	return "enter opens the article at its first paragraph on the topic · o groups by outlet"
}

func (m *matrixView) Keys() help.KeyMap {
	k := m.s.keys
	mk := k.Matrix
	return keyHelp{
		short: []key.Binding{mk.Open, mk.GroupByOutlet, k.Nav.Down, mk.Left, mk.Right, k.Global.Help, k.Global.Back},
		full:  [][]key.Binding{k.navHelp(), {mk.Left, mk.Right, mk.Open, mk.GroupByOutlet}},
	}
}
