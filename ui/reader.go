package ui

import (
	"fmt"
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textarea"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"briefing/model"
)

// pageKey is what a rendered page depends on.
type pageKey struct {
	article *model.Article
	width   int
	topic   int
	pins    int // pin board version
}

// readerView shows one article in a viewport with a paragraph cursor.
type readerView struct {
	s       *shared
	article *model.Article
	vp      pager
	page    Page
	cache   map[pageKey]Page
	cursor  int // paragraph index, -1 when the article has none
	// prefetching is set while the next article on the topic renders in
	// the background.
	prefetching bool

	note   textarea.Model
	noting bool

	search    textinput.Model
	searching bool
	query     string
	hits      []int // paragraphs containing the query

	notice string // one-shot status, e.g. "moved on to the next article"
	width  int
	height int
}

func newReaderView(s *shared) readerView {
	ti := textinput.New()
	ti.Prompt = "search: "
	ti.CharLimit = 200
	ta := textarea.New()
	ta.Placeholder = "Why this matters…"
	ta.ShowLineNumbers = false
	ta.CharLimit = 4000
	return readerView{s: s, search: ti, note: ta, cache: map[pageKey]Page{}, cursor: -1}
}

// noteHeight is the editor's share of the reader while a note is open.
const noteHeight = 6

func (r *readerView) SetSize(w, h int) {
	r.width, r.height = w, h
	r.search.SetWidth(max(w-10, 1))
	r.note.SetWidth(max(w-2, 1))
	r.note.SetHeight(noteHeight - 2)
	vh := h
	if r.noting {
		vh -= noteHeight
	}
	r.vp.SetHeight(max(vh, 1))
	if r.article != nil {
		r.render()
	}
}

// open shows article a with the cursor on paragraph para (or the top).
func (r *readerView) open(a *model.Article, para int) {
	r.article = a
	r.hits, r.query = nil, ""
	r.cursor = -1
	if len(a.Paragraphs) > 0 {
		r.cursor = min(max(para, 0), len(a.Paragraphs)-1)
	}
	r.render()
	if para >= 0 {
		r.scrollToCursor()
	} else {
		r.vp.Top()
	}
}

// render fetches the page for the current width and topic from the cache,
// rendering it on a miss. View never renders.
func (r *readerView) render() {
	if r.article == nil || r.width <= 0 {
		return
	}
	k := pageKey{r.article, r.width, r.s.topic, r.s.pins.version}
	p, ok := r.cache[k]
	if !ok {
		pinned := r.s.pins.pinnedIn(r.article)
		p = r.s.renderer.Article(r.article, r.s.corpus.Topics, PageOptions{
			Width: r.width, Topic: r.s.topic, Labels: LabelGutter,
			Pinned: func(i int) bool { return pinned[i] },
		})
		r.remember(k, p)
	}
	r.page = p
	r.setContent()
}

// setContent gives the pager the page; the cursor is drawn in the gutter's
// first column as lines are shown.
func (r *readerView) setContent() {
	r.vp.SetLines(r.page.Lines)
}

func (r readerView) drawCursor(i int, line string) string {
	if r.cursor < 0 || r.cursor >= len(r.page.ParaLine) || i < r.page.ParaLine[r.cursor] || i >= r.page.ParaEnd[r.cursor] {
		return line
	}
	if strings.HasPrefix(line, " ") {
		return r.s.styles.Marker.Render("›") + line[1:]
	}
	return line
}

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

// jump moves the cursor to the next (dir 1) or previous (-1) paragraph on
// the current topic, moving on to the next article that covers it at the
// ends. It returns false when there is nowhere to go.
func (r *readerView) jump(dir int) {
	if r.s.topic < 0 {
		r.notice = "choose a topic first: 1-9 or t"
		return
	}
	paras := r.topicParagraphs()
	for _, p := range orderFrom(paras, dir) {
		if (dir > 0 && p > r.cursor) || (dir < 0 && p < r.cursor) {
			r.moveCursor(p)
			return
		}
	}
	if next := r.nextOnTopic(dir); next != nil {
		on := next.ParagraphsOn(r.s.topic)
		target := on[0]
		if dir < 0 {
			target = on[len(on)-1]
		}
		r.open(next, target)
		r.notice = fmt.Sprintf("moved on to %s, the next article on %s", next.ID, r.s.topicID())
		return
	}
	r.notice = fmt.Sprintf("no other article covers %s", r.s.topicID())
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

// Update handles a key for the reader; it reports whether it used the key.
func (r readerView) Update(msg tea.Msg) (readerView, tea.Cmd, bool) {
	if wheel, ok := msg.(tea.MouseWheelMsg); ok {
		r.vp.Wheel(wheel)
		r.followScroll()
		return r, nil, true
	}
	kmsg, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return r, nil, false
	}
	if r.noting {
		switch {
		case key.Matches(kmsg, r.s.keys.SaveNote):
			r.closeNote(true)
		case kmsg.String() == "esc":
			r.closeNote(false)
		default:
			var cmd tea.Cmd
			r.note, cmd = r.note.Update(kmsg)
			return r, cmd, true
		}
		return r, nil, true
	}
	if r.searching {
		switch kmsg.String() {
		case "enter":
			r.searching = false
			r.search.Blur()
			r.runSearch(r.search.Value())
		case "esc":
			r.searching = false
			r.search.Blur()
		default:
			var cmd tea.Cmd
			r.search, cmd = r.search.Update(kmsg)
			return r, cmd, true
		}
		return r, nil, true
	}
	r.notice = ""
	k := r.s.keys
	if r.vp.ScrollKey(k, kmsg) {
		r.followScroll()
		return r, nil, true
	}
	switch {
	case key.Matches(kmsg, k.Up):
		r.step(-1)
	case key.Matches(kmsg, k.Down):
		r.step(1)
	case key.Matches(kmsg, k.NextMatch):
		r.jump(1)
		return r, r.prefetch(1), true
	case key.Matches(kmsg, k.PrevMatch):
		r.jump(-1)
		return r, r.prefetch(-1), true
	case key.Matches(kmsg, k.Search):
		r.searching = true
		r.search.SetValue("")
		return r, r.search.Focus(), true
	case key.Matches(kmsg, k.Pin):
		r.togglePin()
	case key.Matches(kmsg, k.Note):
		return r, r.openNote(), true
	case key.Matches(kmsg, k.NextHit):
		r.nextHit(1, false)
	case key.Matches(kmsg, k.PrevHit):
		r.nextHit(-1, false)
	default:
		return r, nil, false
	}
	return r, nil, true
}

func (r readerView) View() string {
	// Bound here, to this copy of the view, so the cursor is never stale.
	r.vp.decorate = r.drawCursor
	if !r.noting {
		return r.vp.View()
	}
	label := fmt.Sprintf("Note on ¶%d — ctrl+s saves, esc cancels", r.cursor+1)
	return r.vp.View() + "\n" + r.s.styles.Header.Render(label) + "\n" + r.note.View()
}

// status is the reader's part of the status bar: position on the current
// topic ("territory 2/5"), search hits and scroll position.
func (r readerView) status() string {
	var parts []string
	if r.notice != "" {
		parts = append(parts, r.notice)
	}
	if r.s.topic >= 0 && r.article != nil {
		paras := r.topicParagraphs()
		if len(paras) == 0 {
			parts = append(parts, r.s.topicID()+": no coverage here")
		} else {
			pos := 0
			for i, p := range paras {
				if p <= r.cursor {
					pos = i + 1
				}
			}
			parts = append(parts, fmt.Sprintf("%s %d/%d", r.s.topicID(), pos, len(paras)))
		}
	}
	if r.query != "" {
		pos := slices.Index(r.hits, r.cursor) + 1
		parts = append(parts, fmt.Sprintf("%q %d/%d", r.query, pos, len(r.hits)))
	}
	if r.cursor >= 0 {
		parts = append(parts, fmt.Sprintf("¶%d", r.cursor+1))
	}
	parts = append(parts, fmt.Sprintf("%3.0f%%", r.vp.Percent()*100))
	return strings.Join(parts, " · ")
}
