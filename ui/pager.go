package ui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// pager scrolls pre-rendered lines that already fit the width. bubbles'
// viewport measures and pads every line on every frame, which alone spent
// the reader's whole 2 ms budget per key press; the pages here are cut to
// width once, when rendered, so a frame only joins the visible lines.
type pager struct {
	lines  []string
	offset int
	height int
	// decorate, when set, may change a visible line before it is shown
	// (the reader draws its cursor this way without re-rendering).
	decorate func(index int, line string) string
}

func (p *pager) SetLines(lines []string) {
	p.lines = lines
	p.clamp()
}

func (p *pager) SetHeight(h int) {
	p.height = max(h, 1)
	p.clamp()
}

func (p *pager) maxOffset() int { return max(len(p.lines)-p.height, 0) }

func (p *pager) clamp() { p.offset = min(max(p.offset, 0), p.maxOffset()) }

func (p *pager) SetOffset(y int) {
	p.offset = y
	p.clamp()
}

func (p *pager) Offset() int      { return p.offset }
func (p *pager) Height() int      { return p.height }
func (p *pager) AtBottom() bool   { return p.offset >= p.maxOffset() }
func (p *pager) ScrollDown(n int) { p.SetOffset(p.offset + n) }
func (p *pager) ScrollUp(n int)   { p.SetOffset(p.offset - n) }
func (p *pager) PageDown()        { p.ScrollDown(p.height) }
func (p *pager) PageUp()          { p.ScrollUp(p.height) }
func (p *pager) Top()             { p.offset = 0 }
func (p *pager) Bottom()          { p.offset = p.maxOffset() }

// Percent is how far down the pager is, from 0 to 1.
func (p *pager) Percent() float64 {
	if p.maxOffset() == 0 {
		return 1
	}
	return float64(p.offset) / float64(p.maxOffset())
}

// ScrollKey applies the paging keys (page up and down, top, bottom) and
// reports whether msg was one of them.
func (p *pager) ScrollKey(k NavKeys, msg tea.KeyPressMsg) bool {
	switch {
	case key.Matches(msg, k.PageUp):
		p.PageUp()
	case key.Matches(msg, k.PageDown):
		p.PageDown()
	case key.Matches(msg, k.Top):
		p.Top()
	case key.Matches(msg, k.Bottom):
		p.Bottom()
	default:
		return false
	}
	return true
}

// Wheel scrolls by three lines per notch, as terminals do.
func (p *pager) Wheel(msg tea.MouseWheelMsg) {
	switch msg.Button {
	case tea.MouseWheelDown:
		p.ScrollDown(3)
	case tea.MouseWheelUp:
		p.ScrollUp(3)
	}
}

// View is the visible lines, exactly height of them.
func (p *pager) View() string {
	var b strings.Builder
	for i := range p.height {
		if i > 0 {
			b.WriteByte('\n')
		}
		j := p.offset + i
		if j >= len(p.lines) {
			continue
		}
		line := p.lines[j]
		if p.decorate != nil {
			line = p.decorate(j, line)
		}
		b.WriteString(line)
	}
	return b.String()
}
