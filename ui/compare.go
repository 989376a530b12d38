package ui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"briefing/model"
)

// StackWidth is the width below which a comparison shows one side at a
// time, as tabs, instead of squeezing two columns.
const StackWidth = 100

// CompareOptions choose what a comparison shows.
type CompareOptions struct {
	Width int
	Topic int  // only this topic, -1 for all
	Focus int  // 0 left, 1 right: the side shown when stacked
	Stack bool // one side at a time
}

// Compare lays out two articles topic by topic: for each topic a band with
// each side's paragraphs on it, or "no coverage" where a side is silent.
func Compare(st Styles, topics []model.Topic, left, right *model.Article, o CompareOptions) []string {
	width := max(o.Width, 1)
	sides := []*model.Article{left, right}
	var out []string
	add := func(lines ...string) {
		for _, l := range lines {
			out = append(out, model.StripNonSGR(ansi.Truncate(l, width, "…")))
		}
	}
	colW := width
	if !o.Stack {
		colW = max((width-3)/2, 1)
	}
	// Titles.
	if o.Stack {
		var tabs []string
		for i, a := range sides {
			label := fmt.Sprintf(" %c: %s ", 'A'+i, a.ID)
			if i == o.Focus {
				tabs = append(tabs, st.Selected.Render("▸"+label))
			} else {
				tabs = append(tabs, st.Dim.Render(" "+label))
			}
		}
		add(strings.Join(tabs, " "))
		add(wrapText(st.Title.Render(sides[o.Focus].Title), width)...)
		if meta := metaLine(sides[o.Focus]); meta != "" {
			add(st.Meta.Render(meta))
		}
	} else {
		var heads [2][]string
		for i, a := range sides {
			title := st.Title
			if i == o.Focus {
				title = st.Marker
			}
			heads[i] = wrapText(title.Render(fmt.Sprintf("%c: %s", 'A'+i, a.Title)), colW)
			if meta := metaLine(a); meta != "" {
				heads[i] = append(heads[i], st.Meta.Render(ansi.Truncate(meta, colW, "…")))
			}
		}
		add(besideEachOther(heads[0], heads[1], colW, st)...)
	}
	var silent []string
	for ti, t := range topics {
		if o.Topic >= 0 && ti != o.Topic {
			continue
		}
		if !left.Covers(ti) && !right.Covers(ti) {
			silent = append(silent, t.ID)
			continue
		}
		add("")
		header := "── " + t.Name + " "
		add(st.Header.Render(header + strings.Repeat("─", max(width-ansi.StringWidth(header), 0))))
		var cols [2][]string
		for i, a := range sides {
			cols[i] = topicColumn(st, a, ti, colW)
		}
		if o.Stack {
			add(cols[o.Focus]...)
		} else {
			add(besideEachOther(cols[0], cols[1], colW, st)...)
		}
	}
	if len(silent) > 0 {
		add("")
		add(wrapText(st.Dim.Render("Neither covers: "+strings.Join(silent, ", ")), width)...)
	}
	return out
}

// topicColumn is one side of a band: its paragraphs on topic ti, each
// numbered as cited, or "no coverage".
func topicColumn(st Styles, a *model.Article, ti, width int) []string {
	on := a.ParagraphsOn(ti)
	if len(on) == 0 {
		return []string{st.Dim.Render("no coverage")}
	}
	var lines []string
	for n, i := range on {
		if n > 0 {
			lines = append(lines, "")
		}
		p := a.Paragraphs[i]
		lines = append(lines, wrapText(st.Gutter.Render(fmt.Sprintf("¶%d", p.Index))+" "+p.Text, width)...)
	}
	return lines
}

// wrapText wraps styled text at width cells into lines.
func wrapText(s string, width int) []string {
	return strings.Split(ansi.Wrap(s, max(width, 1), ""), "\n")
}

// besideEachOther joins two columns line by line with a rule between them.
func besideEachOther(left, right []string, colW int, st Styles) []string {
	n := max(len(left), len(right))
	out := make([]string, n)
	rule := st.Dim.Render(" │ ")
	for i := range n {
		var l, r string
		if i < len(left) {
			l = ansi.Truncate(left[i], colW, "…")
		}
		if i < len(right) {
			r = ansi.Truncate(right[i], colW, "…")
		}
		out[i] = strings.TrimRight(l+strings.Repeat(" ", max(colW-ansi.StringWidth(l), 0))+rule+r, " ")
	}
	return out
}

// compareView shows two articles side by side in one viewport, so both
// sides scroll together.
type compareView struct {
	s     *shared
	sides [2]int // corpus indexes
	focus int
	vp    pager
	width int
}

func newCompareView(s *shared) compareView {
	return compareView{s: s}
}

func (c *compareView) SetSize(w, h int) {
	c.width = w
	c.vp.SetHeight(h)
	c.layout()
}

func (c *compareView) open(a, b int) {
	c.sides = [2]int{a, b}
	c.focus = 0
	c.vp.Top()
	c.layout()
}

func (c *compareView) layout() {
	if c.width <= 0 || len(c.s.corpus.Articles) == 0 {
		return
	}
	arts := c.s.corpus.Articles
	y := c.vp.Offset()
	c.vp.SetLines(Compare(c.s.styles, c.s.corpus.Topics, arts[c.sides[0]], arts[c.sides[1]], CompareOptions{
		Width: c.width, Topic: -1, Focus: c.focus, Stack: c.width < StackWidth,
	}))
	c.vp.SetOffset(y)
}

// step switches the focused side to the previous or next article, skipping
// the one on the other side.
func (c *compareView) step(dir int) {
	n := len(c.s.corpus.Articles)
	if n < 3 {
		return
	}
	next := c.sides[c.focus]
	for {
		next = ((next+dir)%n + n) % n
		if next != c.sides[1-c.focus] {
			break
		}
	}
	c.sides[c.focus] = next
	c.layout()
}

func (c compareView) Update(msg tea.Msg) (compareView, tea.Cmd, bool) {
	if wheel, ok := msg.(tea.MouseWheelMsg); ok {
		c.vp.Wheel(wheel)
		return c, nil, true
	}
	kmsg, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return c, nil, false
	}
	k := c.s.keys
	if c.vp.ScrollKey(k, kmsg) {
		return c, nil, true
	}
	switch {
	case key.Matches(kmsg, k.Up):
		c.vp.ScrollUp(1)
	case key.Matches(kmsg, k.Down):
		c.vp.ScrollDown(1)
	case key.Matches(kmsg, k.SwitchSide):
		c.focus = 1 - c.focus
		c.layout()
	case key.Matches(kmsg, k.PrevArticle):
		c.step(-1)
	case key.Matches(kmsg, k.NextArticle):
		c.step(1)
	default:
		return c, nil, false
	}
	return c, nil, true
}

func (c compareView) View() string { return c.vp.View() }

func (c compareView) status() string {
	side := "A"
	if c.focus == 1 {
		side = "B"
	}
	return fmt.Sprintf("focus %s · %3.0f%%", side, c.vp.Percent()*100)
}
