package ui

import (
	"fmt"
	"slices"

	tea "charm.land/bubbletea/v2"
)

// Moving through an article: the paragraph cursor (j/k), scrolling that
// keeps it on screen, and ]/[ along the current topic, across articles.

// scrollToCursor puts the cursor paragraph a third of the way down.
func (r *readerView) scrollToCursor() {
	if r.cursor < 0 || r.cursor >= len(r.page.ParaLine) {
		return
	}
	r.vp.SetOffset(max(r.page.ParaLine[r.cursor]-r.vp.Height()/3, 0))
}

// followScroll moves the cursor onto the screen after the view scrolled.
func (r *readerView) followScroll() {
	if r.cursor < 0 {
		return
	}
	top, bottom := r.vp.Offset(), r.vp.Offset()+r.vp.Height()
	if r.page.ParaEnd[r.cursor] > top && r.page.ParaLine[r.cursor] < bottom {
		return
	}
	for i, start := range r.page.ParaLine {
		if start >= top && start < bottom || (i == len(r.page.ParaLine)-1) {
			r.cursor = i
			break
		}
	}
}

// step is j and k: the cursor moves to the next or previous paragraph,
// scrolling to show it; a paragraph taller than the screen is read line by
// line first.
func (r *readerView) step(dir int) {
	if r.cursor < 0 {
		r.vp.ScrollDown(dir)
		return
	}
	top, bottom := r.vp.Offset(), r.vp.Offset()+r.vp.Height()
	start, end := r.page.ParaLine[r.cursor], r.page.ParaEnd[r.cursor]
	switch {
	case dir > 0 && end > bottom:
		r.vp.ScrollDown(1)
	case dir < 0 && start < top:
		r.vp.ScrollUp(1)
	case dir > 0 && r.cursor+1 < len(r.page.ParaLine):
		r.cursor++
		start, end = r.page.ParaLine[r.cursor], r.page.ParaEnd[r.cursor]
		if end > bottom {
			// Show the whole paragraph, or its start when it is taller.
			r.vp.SetOffset(min(start, end-r.vp.Height()))
		}
	case dir < 0 && r.cursor > 0:
		r.cursor--
		if start = r.page.ParaLine[r.cursor]; start < top {
			r.vp.SetOffset(start)
		}
	default:
		// Past the first or last paragraph: the header or the end.
		r.vp.ScrollDown(dir)
	}
}

// topicParagraphs lists the paragraphs on the current topic.
func (r *readerView) topicParagraphs() []int {
	if r.article == nil || r.s.topic < 0 {
		return nil
	}
	return r.article.ParagraphsOn(r.s.topic)
}

// jumpMsg repeats a jump once the next article's text is read.
type jumpMsg struct{ dir int }

// jump moves the cursor to the next (dir 1) or previous (-1) paragraph on
// the current topic, moving on to the next or previous article that covers
// it at the ends, and saying so. Moving on to an article whose text is not
// in memory returns a command that reads it and jumps again (read set).
func (r *readerView) jump(dir int, read bool) tea.Cmd {
	if r.s.topic < 0 {
		r.notice = "choose a topic first: 1-9 or t"
		return nil
	}
	for _, p := range orderFrom(r.topicParagraphs(), dir) {
		if (dir > 0 && p > r.cursor) || (dir < 0 && p < r.cursor) {
			r.moveCursor(p)
			return nil
		}
	}
	next, wrapped := r.nextOnTopic(dir)
	if next == nil {
		r.notice = fmt.Sprintf("no other article covers %s", r.s.topicID())
		return nil
	}
	if work := r.s.readFirst(jumpMsg{dir}, next); work != nil && !read {
		return replyTo(viewReader, work)
	}
	on := next.ParagraphsOn(r.s.topic)
	target := on[0]
	if dir < 0 {
		target = on[len(on)-1]
	}
	// A corpus search being walked stays walkable from the next article.
	results, at := r.results, r.at
	r.open(next, target)
	if results != nil {
		r.results, r.at = results, at
		r.marks = marksIn(results, next.ID)
	}
	switch {
	case wrapped && dir > 0:
		r.notice = fmt.Sprintf("wrapped to the first article on %s: %s", r.s.topicID(), next.ID)
	case wrapped:
		r.notice = fmt.Sprintf("wrapped to the last article on %s: %s", r.s.topicID(), next.ID)
	case dir > 0:
		r.notice = fmt.Sprintf("moved on to %s, the next article on %s", next.ID, r.s.topicID())
	default:
		r.notice = fmt.Sprintf("moved back to %s, the previous article on %s", next.ID, r.s.topicID())
	}
	return nil
}

func orderFrom(xs []int, dir int) []int {
	if dir > 0 {
		return xs
	}
	out := slices.Clone(xs)
	slices.Reverse(out)
	return out
}

func (r *readerView) moveCursor(p int) {
	r.cursor = p
	top, bottom := r.vp.Offset(), r.vp.Offset()+r.vp.Height()
	if r.page.ParaLine[p] < top || r.page.ParaEnd[p] > bottom {
		r.scrollToCursor()
	}
}
