package ui

import (
	"fmt"
	"slices"
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"briefing/model"
	"briefing/ui/render"
)

// pageKey is what a rendered page depends on.
type pageKey struct {
	article string // id; the corpus changing clears the cache
	width   int
	topic   int
	pins    int // pin board version
}

// readerView shows one article in a pager with a paragraph cursor.
type readerView struct {
	s       *shared
	article *model.Article
	vp      pager
	page    render.Page
	cache   map[pageKey]render.Page
	cursor  int // paragraph index, -1 when the article has none
	// prefetching is set while the next article on the topic renders in
	// the background.
	prefetching bool

	note noteEditor
	why  bool // the "why these topics" panel is open

	search    textinput.Model
	searching bool
	query     string
	hits      []int // paragraphs containing the query
	// results, when set, are a corpus search's, which n and N walk across
	// articles; at is the one shown.
	results []model.Result
	at      int
	// marks are the texts shown in reverse video (lower-case).
	marks []string

	save saving

	scrollPending bool // scroll to the cursor once there is a page
	// notice is a one-shot status about this article; opening another
	// article clears it.
	notice string
	width  int
	height int
}

func newReaderView(s *shared) *readerView {
	return &readerView{s: s, search: newTextInput("search: ", s.plain), note: newNoteEditor(s.plain), cache: map[pageKey]render.Page{}, cursor: -1}
}

func (r *readerView) SetSize(w, h int) {
	r.width, r.height = w, h
	r.search.SetWidth(max(w-10, 1))
	r.note.setWidth(w)
	r.vp.SetHeight(max(h-r.panelHeight(), 1))
	if r.article != nil {
		r.render()
		if r.scrollPending && w > 0 {
			// Opened before the window's size was known (a start address).
			r.scrollPending = false
			r.scrollToCursor()
		}
		// The paragraph p or a act on is always on screen.
		if r.cursor >= 0 && r.cursor < len(r.page.ParaLine) &&
			(r.page.ParaEnd[r.cursor] <= r.vp.Offset() || r.page.ParaLine[r.cursor] >= r.vp.Offset()+r.vp.Height()) {
			r.scrollToCursor()
		}
	}
}

// panelHeight is the room the note editor or the why panel takes.
func (r *readerView) panelHeight() int {
	switch {
	case r.note.open:
		return noteHeight
	case r.why:
		return min(len(r.whyLines())+1, max(r.height/2, 1))
	}
	return 0
}

// pageWidth caps prose at a readable measure, beside the gutter.
func (r *readerView) pageWidth() int {
	if r.s.readingWidth > 0 {
		return min(r.width, r.s.readingWidth+render.GutterWidth+1)
	}
	return r.width
}

// open shows article a with the cursor on paragraph para (or the top).
// Its text is read now when the corpus holds only its summary; when that
// fails the reader shows the header and says why.
func (r *readerView) open(a *model.Article, para int) {
	a, err := r.s.full(a)
	r.article = a
	r.hits, r.query, r.results, r.marks = nil, "", nil, nil
	r.notice = ""
	if err != nil {
		r.notice = err.Error()
	}
	r.why = false
	r.cursor = -1
	if len(a.Paragraphs) > 0 {
		r.cursor = min(max(para, 0), len(a.Paragraphs)-1)
	}
	r.render()
	r.scrollPending = para >= 0 && r.width <= 0
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
	k := pageKey{r.article.ID, r.pageWidth(), r.s.topic, r.s.pins.version}
	p, ok := r.cache[k]
	if !ok {
		p = r.s.renderer.Article(r.article, r.s.corpus.Topics, r.pageOptions(r.article))
		r.remember(k, p)
	}
	r.page = p
	r.vp.SetLines(r.page.Lines)
}

func (r *readerView) pageOptions(a *model.Article) render.PageOptions {
	pinned := r.s.pins.pinnedIn(a)
	return render.PageOptions{
		Width: r.pageWidth(), Topic: r.s.topic, Labels: render.LabelGutter,
		Pinned: func(i int) bool { return pinned[i] },
	}
}

// decorate draws the cursor in the gutter's first column and highlights
// search hits, on visible lines only.
func (r *readerView) decorate(i int, line string) string {
	line = r.highlight(line)
	if r.cursor < 0 || r.cursor >= len(r.page.ParaLine) || i < r.page.ParaLine[r.cursor] || i >= r.page.ParaEnd[r.cursor] {
		return line
	}
	if strings.HasPrefix(line, " ") {
		return r.s.styles.Marker.Render("›") + line[1:]
	}
	return line
}

func (r *readerView) Typing() bool { return r.searching || r.note.open }

func (r *readerView) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case openArticleMsg:
		if a := r.s.corpus.Article(msg.id); a != nil {
			r.open(a, msg.para)
			if msg.notice != "" {
				r.notice = msg.notice
			}
		}
		return nil
	case openPinMsg:
		r.openPin(msg.pin)
		return nil
	case openHitMsg:
		r.openHit(msg.results, msg.at)
		return nil
	case jumpMsg:
		r.jump(msg.dir, true)
		return r.prefetch(msg.dir)
	case returnedMsg:
		r.notice = ""
		return nil
	case ShutdownMsg:
		if r.note.open && r.note.changed() && !r.note.saving {
			r.note.saving = true
			want := model.PinOf(r.article, r.cursor, r.s.topicID())
			return r.s.pins.setNote(viewReader, want, r.note.text(), r.note.original)
		}
		return nil
	case corpusChangedMsg:
		// The articles are new copies: find ours again, and render anew.
		clear(r.cache)
		if r.article != nil {
			if a := r.s.corpus.Article(r.article.ID); a != nil {
				r.article, _ = r.s.full(a)
			}
			r.render()
		}
		return nil
	case topicChangedMsg, pinsChangedMsg:
		if r.article != nil {
			r.render()
		}
		return nil
	case pageReadyMsg:
		r.prefetching = false
		if msg.key.article != "" {
			r.remember(msg.key, msg.page)
		}
		return nil
	case pinWriteMsg:
		return r.written(msg)
	case slowSaveMsg:
		r.save.tick(msg)
		return nil
	case tea.MouseWheelMsg:
		r.vp.Wheel(msg)
		r.followScroll()
		return nil
	case tea.KeyPressMsg:
		return r.handleKey(msg)
	}
	return nil
}

func (r *readerView) handleKey(msg tea.KeyPressMsg) tea.Cmd {
	if r.note.open {
		return r.noteKey(msg)
	}
	if r.searching {
		return r.searchKey(msg)
	}
	r.notice = ""
	k := r.s.keys
	if r.vp.ScrollKey(k.Nav, msg) {
		r.followScroll()
		return nil
	}
	switch {
	case key.Matches(msg, k.Nav.Up):
		r.step(-1)
	case key.Matches(msg, k.Nav.Down):
		r.step(1)
	case key.Matches(msg, k.Reader.NextOnTopic):
		if cmd := r.jump(1, false); cmd != nil {
			return cmd
		}
		return r.prefetch(1)
	case key.Matches(msg, k.Reader.PrevOnTopic):
		if cmd := r.jump(-1, false); cmd != nil {
			return cmd
		}
		return r.prefetch(-1)
	case key.Matches(msg, k.Reader.Search):
		r.searching = true
		r.search.SetValue("")
		return r.search.Focus()
	case key.Matches(msg, k.Reader.Pin):
		return r.togglePin()
	case key.Matches(msg, k.Reader.Undo):
		return r.undoUnpin()
	case key.Matches(msg, k.Reader.Note):
		return r.openNote()
	case key.Matches(msg, k.Reader.Why):
		r.why = !r.why
		r.SetSize(r.width, r.height)
		r.scrollToCursor()
	case key.Matches(msg, k.Reader.NextHit):
		r.nextHit(1, false)
	case key.Matches(msg, k.Reader.PrevHit):
		r.nextHit(-1, false)
	case key.Matches(msg, k.Reader.Copy):
		return r.copyLink()
	case key.Matches(msg, k.Reader.Compare):
		return r.compareWithNext()
	case key.Matches(msg, k.Global.Back):
		switch {
		case r.why:
			r.why = false
			r.SetSize(r.width, r.height)
			return nil
		case r.query != "" || r.results != nil:
			// esc clears a search before it leaves the article.
			r.query, r.hits, r.results, r.marks = "", nil, nil, nil
			r.notice = "search cleared"
			return nil
		}
		return send(backMsg{})
	}
	return nil
}

// compareWithNext compares this article with the one after it.
func (r *readerView) compareWithNext() tea.Cmd {
	arts := r.s.corpus.Articles
	if r.article == nil || len(arts) < 2 {
		return nil
	}
	i := r.s.articleIndex(r.article)
	return send(compareMsg{r.article.ID, arts[(i+1)%len(arts)].ID})
}

// openPin shows a pinned paragraph, found by its text so that edits to the
// file elsewhere do not misplace it.
func (r *readerView) openPin(p model.Pin) {
	art := r.s.corpus.Article(p.ArticleID)
	if art == nil {
		return
	}
	art, _ = r.s.full(art)
	para := p.Index - 1
	for i, q := range art.Paragraphs {
		if q.Hash() == p.ParaHash {
			para = i
			break
		}
	}
	r.open(art, para)
}

func (r *readerView) View() string {
	r.vp.decorate = r.decorate
	switch {
	case r.note.open:
		return r.vp.View() + "\n" + r.note.view(r.s.styles, r.cursor+1)
	case r.why:
		return r.vp.View() + "\n" + r.whyView()
	}
	return r.vp.View()
}

// Status is the reader's part of the status bar: position on the current
// topic ("territory 2/5"), search hits and scroll position.
func (r *readerView) Status() string {
	if r.searching {
		return r.search.View()
	}
	if r.note.open {
		return r.note.status()
	}
	var parts []string
	if r.save.slow {
		parts = append(parts, "saving…")
	}
	if r.article != nil && r.article.Unreadable() {
		// Its counts say it covers topics; its text is what is missing.
		parts = append(parts, "its file cannot be read")
	} else if r.s.topic >= 0 && r.article != nil {
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
	switch {
	case r.results != nil:
		parts = append(parts, fmt.Sprintf("search hit %d/%d", r.at+1, len(r.results)))
	case r.query != "":
		pos := slices.Index(r.hits, r.cursor) + 1
		parts = append(parts, fmt.Sprintf("%q hit %d/%d", r.query, pos, len(r.hits)))
	}
	if r.cursor >= 0 {
		parts = append(parts, fmt.Sprintf("¶%d", r.cursor+1))
	}
	parts = append(parts, fmt.Sprintf("%3.0f%%", r.vp.Percent()*100))
	pos := strings.Join(parts, " · ")
	if r.notice == "" {
		return pos
	}
	// The notice leads, cut to leave the position whole.
	notice := r.notice
	if room := r.width - ansi.StringWidth(pos) - 3; room >= 20 {
		notice = render.Truncate(notice, room)
	}
	return notice + " · " + pos
}

func (r *readerView) Keys() help.KeyMap {
	k := r.s.keys
	switch {
	case r.note.open:
		return r.note.keys(k)
	case r.searching:
		return keyHelp{short: []key.Binding{k.Field.Accept, k.Field.Cancel}, full: [][]key.Binding{{k.Field.Accept, k.Field.Cancel}}}
	}
	rk := k.Reader
	return keyHelp{
		short: []key.Binding{rk.NextOnTopic, rk.Pin, rk.Note, k.Global.Briefing, rk.Search, k.Global.Help, rk.Why, k.Global.Topic, k.Global.Back},
		// Three columns with the global one, so that ? fits 80 columns; [
		// and N are named with ] and n.
		full: [][]key.Binding{
			append(k.navHelp(), rk.Pin, rk.Undo, rk.Note),
			{rk.NextOnTopic, rk.Search, rk.NextHit, rk.Compare, rk.Why, rk.Copy},
		},
	}
}

// Title is the article shown, for the title bar.
func (r *readerView) Title() string {
	if r.article == nil {
		return ""
	}
	return r.article.ID
}

// copyLink puts the paragraph's address (ARTICLE-ID#pN) on the clipboard
// through the terminal (OSC 52, which works over SSH where the terminal
// allows it) and shows it, for terminals that do not.
func (r *readerView) copyLink() tea.Cmd {
	if r.article == nil || r.cursor < 0 {
		return nil
	}
	link := model.Link{ID: r.article.ID, Para: r.cursor + 1}.String()
	r.notice = "copied " + link + " (if the terminal allows it)"
	return tea.SetClipboard(link)
}
