package ui

import (
	"fmt"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"briefing/model"
	"briefing/ui/render"
)

// compareView shows two articles side by side in one pager, so both sides
// scroll together. The current topic narrows the bands to it; a paragraph
// cursor on the focused side (j/k) chooses what p pins.
type compareView struct {
	s       *shared
	sides   [2]int            // corpus indexes
	full    [2]*model.Article // the sides with their text
	focus   int
	vp      pager
	anchors []render.Anchor // the focused side's paragraphs, in order shown
	cursor  int             // index into anchors, -1 for none
	save    saving
	notice  string
	width   int
}

func newCompareView(s *shared) *compareView { return &compareView{s: s, cursor: -1} }

func (c *compareView) SetSize(w, h int) {
	c.width = w
	c.vp.SetHeight(h)
	c.layout()
}

func (c *compareView) open(a, b string) {
	ia, ib := c.s.corpus.Position(a), c.s.corpus.Position(b)
	if ia < 0 || ib < 0 {
		return
	}
	c.sides = [2]int{ia, ib}
	c.focus, c.cursor, c.notice = 0, -1, ""
	c.readSides()
	c.vp.Top()
	c.layout()
}

// readSides reads the two articles' text, when the corpus holds only
// their summaries, once per opening rather than at every layout.
func (c *compareView) readSides() {
	for i, p := range c.sides {
		var err error
		if c.full[i], err = c.s.full(c.s.corpus.Articles[p]); err != nil {
			c.notice = err.Error()
		}
	}
}

func (c *compareView) article(side int) *model.Article { return c.full[side] }

func (c *compareView) layout() {
	if c.width <= 0 || len(c.s.corpus.Articles) == 0 {
		return
	}
	if c.full[0] == nil {
		return // nothing compared yet
	}
	pins := c.s.pins
	o := render.CompareOptions{Width: c.width, Topic: c.s.topic, Focus: c.focus, Stack: c.width < render.StackWidth,
		Pinned: func(a *model.Article, i int) bool { _, ok := pins.find(a, i); return ok }}
	if c.cursor >= 0 && c.cursor < len(c.anchors) {
		o.Cursor = &c.anchors[c.cursor]
	}
	cmp := render.Compare(c.s.styles, c.s.corpus.Topics, c.article(0), c.article(1), o)
	c.anchors = c.anchors[:0]
	for _, an := range cmp.Anchors {
		if an.Side == c.focus {
			c.anchors = append(c.anchors, an)
		}
	}
	c.cursor = min(c.cursor, len(c.anchors)-1)
	y := c.vp.Offset()
	c.vp.SetLines(cmp.Lines)
	c.vp.SetOffset(y)
}

// moveCursor steps the paragraph cursor and keeps it on screen.
func (c *compareView) moveCursor(dir int) {
	if len(c.anchors) == 0 {
		c.vp.ScrollDown(dir)
		return
	}
	c.cursor = min(max(c.cursor+dir, 0), len(c.anchors)-1)
	c.layout()
	line := c.anchors[c.cursor].Line
	if line < c.vp.Offset() || line >= c.vp.Offset()+c.vp.Height() {
		c.vp.SetOffset(max(line-c.vp.Height()/3, 0))
	}
}

// step switches the focused side to the previous or next article, skipping
// the one on the other side.
func (c *compareView) step(dir int, read bool) tea.Cmd {
	n := len(c.s.corpus.Articles)
	if n < 3 {
		return nil
	}
	next := c.sides[c.focus]
	for {
		next = ((next+dir)%n + n) % n
		if next != c.sides[1-c.focus] {
			break
		}
	}
	if work := c.s.readFirst(compareStepMsg{dir}, c.s.corpus.Articles[next]); !read && work != nil {
		return replyTo(viewCompare, work)
	}
	c.sides[c.focus] = next
	c.cursor = -1
	c.readSides()
	c.layout()
	return nil
}

// compareStepMsg repeats a step once the next article's text is read.
type compareStepMsg struct{ dir int }

func (c *compareView) Typing() bool { return false }

func (c *compareView) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case compareMsg:
		c.open(msg.a, msg.b)
	case compareStepMsg:
		return c.step(msg.dir, true)
	case topicChangedMsg:
		c.cursor = -1
		c.layout()
	case pinsChangedMsg:
		c.layout()
	case corpusChangedMsg:
		// Sides are positions: find the same articles in the new corpus.
		for i, p := range c.sides {
			if p < len(msg.old.Articles) {
				c.sides[i] = max(c.s.corpus.Position(msg.old.Articles[p].ID), 0)
			}
		}
		if len(c.s.corpus.Articles) > 0 {
			c.readSides()
		}
		c.cursor = -1
		c.layout()
	case pinWriteMsg:
		c.save.done()
		c.notice = c.s.pins.outcome(msg)
		if msg.err == nil {
			c.notice += " · " + msg.pin.ArticleID
		}
	case slowSaveMsg:
		c.save.tick(msg)
	case focusedMsg:
		c.notice = ""
	case tea.MouseWheelMsg:
		c.vp.Wheel(msg)
	case tea.KeyPressMsg:
		return c.handleKey(msg)
	}
	return nil
}

func (c *compareView) handleKey(msg tea.KeyPressMsg) tea.Cmd {
	k := c.s.keys
	c.notice = ""
	if c.vp.ScrollKey(k.Nav, msg) {
		return nil
	}
	switch {
	case key.Matches(msg, k.Nav.Up):
		c.moveCursor(-1)
	case key.Matches(msg, k.Nav.Down):
		c.moveCursor(1)
	case key.Matches(msg, k.Compare.SwitchSide):
		c.focus = 1 - c.focus
		c.cursor = -1
		c.layout()
	case key.Matches(msg, k.Compare.PrevArticle):
		return c.step(-1, false)
	case key.Matches(msg, k.Compare.NextArticle):
		return c.step(1, false)
	case key.Matches(msg, k.Compare.Pin):
		if c.cursor < 0 || c.cursor >= len(c.anchors) {
			c.notice = "choose a paragraph first: j/k"
			return nil
		}
		an := c.anchors[c.cursor]
		topic := c.s.corpus.Topics[an.Topic].ID
		return c.save.start(c.s.pins, viewCompare, c.s.pins.togglePin(viewCompare, c.article(an.Side), an.Para, topic))
	case key.Matches(msg, k.Compare.Undo):
		cmd := c.s.pins.undo(viewCompare)
		if cmd == nil {
			c.notice = "nothing to undo"
			return nil
		}
		return c.save.start(c.s.pins, viewCompare, cmd)
	case key.Matches(msg, k.Global.Back):
		return send(backMsg{})
	}
	return nil
}

func (c *compareView) View() string { return c.vp.View() }

func (c *compareView) Status() string {
	side := "A"
	if c.focus == 1 {
		side = "B"
	}
	s := fmt.Sprintf("focus %s · %3.0f%%", side, c.vp.Percent()*100)
	if name := c.s.topicName(); name != "" {
		s = "only " + name + " (0 shows all) · " + s
	}
	if c.notice != "" {
		s = c.notice + " · " + s
	}
	if c.save.slow {
		s = "saving… · " + s
	}
	return s
}

func (c *compareView) Keys() help.KeyMap {
	k := c.s.keys
	ck := k.Compare
	return keyHelp{
		short: []key.Binding{ck.SwitchSide, k.Nav.Down, ck.Pin, k.Global.Topic, ck.PrevArticle, ck.NextArticle, k.Global.Help, k.Global.Back},
		full:  [][]key.Binding{k.navHelp(), {ck.SwitchSide, ck.PrevArticle, ck.NextArticle, ck.Pin, ck.Undo}},
	}
}
