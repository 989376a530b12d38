package ui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

// matrixView is the coverage matrix: articles down, topics across, with
// paragraph counts; a blank cell is an outlet's silence.
type matrixView struct {
	s         *shared
	row, col  int
	rowOffset int
	colOffset int
	width     int
	height    int
}

func newMatrixView(s *shared) matrixView { return matrixView{s: s} }

func (m *matrixView) SetSize(w, h int) {
	m.width, m.height = w, h
	m.clamp()
}

const matrixCell = 5

func (m *matrixView) titleWidth() int {
	return min(max(m.width-2-len(m.s.corpus.Topics)*matrixCell, 16), 48)
}

// visibleCols is how many topic columns fit beside the titles.
func (m *matrixView) visibleCols() int {
	return max((m.width-2-m.titleWidth())/matrixCell, 1)
}

func (m *matrixView) visibleRows() int { return max(m.height-2, 1) }

func (m *matrixView) clamp() {
	rows, cols := len(m.s.corpus.Articles), len(m.s.corpus.Topics)
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
}

// Update moves the cell cursor. Enter is handled by the app, which opens
// the reader.
func (m matrixView) Update(msg tea.KeyPressMsg) (matrixView, bool) {
	k := m.s.keys
	row, moved := k.moveCursor(msg, m.row, len(m.s.corpus.Articles), m.visibleRows())
	switch {
	case moved:
		m.row = row
	case key.Matches(msg, k.Left):
		m.col--
	case key.Matches(msg, k.Right):
		m.col++
	default:
		return m, false
	}
	m.clamp()
	return m, true
}

func (m matrixView) View() string {
	st := m.s.styles
	tw := m.titleWidth()
	topics := m.s.corpus.Topics
	last := min(m.colOffset+m.visibleCols(), len(topics))
	pad := func(s string, w int) string {
		s = ansi.Truncate(s, w, "…")
		return s + strings.Repeat(" ", max(w-ansi.StringWidth(s), 0))
	}
	var b strings.Builder
	b.WriteString(st.Header.Render(pad("ARTICLE", tw+2)))
	for c := m.colOffset; c < last; c++ {
		style := st.Header
		if c == m.s.topic {
			style = st.BadgeCurrent
		}
		b.WriteString(style.Render(pad(fmt.Sprintf("%*s", matrixCell-1, topics[c].Badge), matrixCell)))
	}
	for r := m.rowOffset; r < len(m.s.corpus.Articles) && r < m.rowOffset+m.visibleRows(); r++ {
		a := m.s.corpus.Articles[r]
		b.WriteString("\n")
		marker := "  "
		if r == m.row {
			marker = "▸ "
		}
		b.WriteString(marker + pad(a.Title, tw))
		for c := m.colOffset; c < last; c++ {
			cell := fmt.Sprintf("%*s ", matrixCell-1, "·")
			style := st.CellEmpty
			if n := a.TopicCounts[c]; n > 0 {
				cell = fmt.Sprintf("%*d ", matrixCell-1, n)
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
func (m matrixView) legend() string {
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
