// Package ui is briefing's terminal app (bubbletea v2) and the renderer
// that turns articles into styled pages.
package ui

import (
	"time"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"briefing/model"
	"briefing/store"
)

// Minimum usable window; below it the app shows a notice instead.
const (
	MinWidth  = 40
	MinHeight = 10
)

// ShutdownMsg tells a program its server is going down: it says so and
// quits shortly after. Pins are already saved.
type ShutdownMsg struct{}

type viewID int

const (
	viewList viewID = iota
	viewReader
	viewCompare
	viewMatrix
	viewBriefing
)

var viewNames = map[viewID]string{viewList: "articles", viewReader: "reader", viewCompare: "compare", viewMatrix: "coverage", viewBriefing: "briefing"}

// Options configure one program.
type Options struct {
	Style     string   // dark, light or notty
	Store     PinStore // where pins live; nil runs without pins
	User      string   // whose briefing this program shows
	ExportDir string   // where e writes exported briefings
}

// App is the root model. It owns layout, global keys and routing: keys go
// to the focused view, WindowSizeMsg to every view.
type App struct {
	s        *shared
	view     viewID
	back     []viewID // where esc returns to
	fullHelp bool
	help     help.Model
	// shuttingDown is set when the server is going down.
	shuttingDown bool
	// helpLine caches the rendered help, which only changes with the
	// view, the width and the ? toggle; rendering it was a third of a frame.
	helpLine helpCache
	width    int
	height   int

	list    listView
	reader  readerView
	compare compareView
	matrix  matrixView
	brief   briefingView
}

// New builds the app over a corpus. The corpus is only read.
func New(corpus *model.Corpus, opts Options) *App {
	if !ValidStyle(opts.Style) {
		opts.Style = StyleDark
	}
	s := &shared{corpus: corpus, keys: DefaultKeyMap(), styles: NewStyles(opts.Style), renderer: NewRenderer(opts.Style), background: NewRenderer(opts.Style), topic: -1}
	s.pins = newPinBoard(opts.Store, opts.User)
	if opts.ExportDir == "" {
		opts.ExportDir = "."
	}
	h := help.New()
	if opts.Style == StyleNoTTY {
		h.Styles = help.Styles{}
	} else {
		h.Styles = help.DefaultStyles(opts.Style != StyleLight)
	}
	return &App{
		s: s, help: h,
		list: newListView(s), reader: newReaderView(s), compare: newCompareView(s), matrix: newMatrixView(s),
		brief: newBriefingView(s, opts.ExportDir),
	}
}

func (a *App) Init() tea.Cmd { return nil }

func (a *App) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		a.width, a.height = msg.Width, msg.Height
		a.layout()
		return a, nil
	case tea.KeyPressMsg:
		return a, a.handleKey(msg)
	case pageReadyMsg:
		a.reader.pageReady(msg)
		return a, nil
	case ShutdownMsg:
		a.shuttingDown = true
		return a, tea.Tick(time.Second, func(time.Time) tea.Msg { return tea.QuitMsg{} })
	case tea.FocusMsg:
		// Another instance may have changed the briefing meanwhile.
		a.refreshPins()
		return a, nil
	case tea.MouseWheelMsg:
		var cmd tea.Cmd
		switch a.view {
		case viewReader:
			a.reader, cmd, _ = a.reader.Update(msg)
		case viewCompare:
			a.compare, cmd, _ = a.compare.Update(msg)
		}
		return a, cmd
	}
	return a, nil
}

// typing reports whether a text field has focus, so that letters are text.
func (a *App) typing() bool {
	return (a.view == viewList && a.list.filtering) || (a.view == viewReader && (a.reader.searching || a.reader.noting))
}

func (a *App) handleKey(msg tea.KeyPressMsg) tea.Cmd {
	k := a.s.keys
	if msg.String() == "ctrl+c" {
		return tea.Quit
	}
	if a.tooSmall() {
		if key.Matches(msg, k.Quit) {
			return tea.Quit
		}
		return nil
	}
	if a.typing() {
		return a.routeKey(msg)
	}
	switch {
	case key.Matches(msg, k.Quit):
		return tea.Quit
	case key.Matches(msg, k.Help):
		a.fullHelp = !a.fullHelp
		a.layout()
		return nil
	case key.Matches(msg, k.Topic):
		a.setTopic(int(msg.String()[0] - '1'))
		return nil
	case key.Matches(msg, k.ClearTopic):
		a.setTopic(-1)
		return nil
	case key.Matches(msg, k.NextTopic):
		a.cycleTopic(1)
		return nil
	case key.Matches(msg, k.PrevTopic):
		a.cycleTopic(-1)
		return nil
	case key.Matches(msg, k.Matrix) && a.view != viewMatrix:
		a.push(viewMatrix)
		return nil
	case key.Matches(msg, k.Briefing) && a.view != viewBriefing:
		a.brief.refresh()
		a.push(viewBriefing)
		return nil
	case key.Matches(msg, k.Refresh):
		a.refreshPins()
		return nil
	}
	if cmd, used := a.viewKey(msg); used {
		return cmd
	}
	if key.Matches(msg, k.Back) {
		a.pop()
	}
	return nil
}

// routeKey sends a key to the focused view only.
func (a *App) routeKey(msg tea.KeyPressMsg) tea.Cmd {
	cmd, _ := a.viewKey(msg)
	return cmd
}

// viewKey lets the focused view handle a key, then acts on the keys that
// move between views.
func (a *App) viewKey(msg tea.KeyPressMsg) (tea.Cmd, bool) {
	k := a.s.keys
	var cmd tea.Cmd
	var used bool
	switch a.view {
	case viewList:
		a.list, cmd, used = a.list.Update(msg)
		if used {
			return cmd, true
		}
		switch {
		case key.Matches(msg, k.Open):
			if art := a.list.selected(); art != nil {
				a.openReader(art, -1)
			}
			return nil, true
		case key.Matches(msg, k.Compare):
			if l, r, ok := a.list.comparePair(); ok {
				a.openCompare(l, r)
			}
			return nil, true
		}
	case viewReader:
		a.reader, cmd, used = a.reader.Update(msg)
		if used {
			return cmd, true
		}
		if key.Matches(msg, k.Compare) && len(a.s.corpus.Articles) > 1 {
			i := a.s.articleIndex(a.reader.article)
			a.openCompare(i, (i+1)%len(a.s.corpus.Articles))
			return nil, true
		}
	case viewCompare:
		a.compare, cmd, used = a.compare.Update(msg)
		return cmd, used
	case viewBriefing:
		var pin *store.Pin
		a.brief, pin, used = a.brief.Update(msg)
		if pin != nil {
			a.openPin(*pin)
		}
		return nil, used
	case viewMatrix:
		a.matrix, used = a.matrix.Update(msg)
		if used {
			return nil, true
		}
		if key.Matches(msg, k.Open) && len(a.s.corpus.Articles) > 0 {
			art := a.s.corpus.Articles[a.matrix.row]
			a.s.topic = a.matrix.col
			a.topicChanged()
			first := -1
			if on := art.ParagraphsOn(a.matrix.col); len(on) > 0 {
				first = on[0]
			}
			a.openReader(art, first)
			return nil, true
		}
	}
	return nil, false
}

func (a *App) push(v viewID) {
	if a.view != v {
		a.back = append(a.back, a.view)
	}
	a.view = v
}

func (a *App) pop() {
	if n := len(a.back); n > 0 {
		a.view = a.back[n-1]
		a.back = a.back[:n-1]
	}
}

func (a *App) openReader(art *model.Article, para int) {
	a.reader.open(art, para)
	a.push(viewReader)
}

// openPin shows a pinned paragraph in the reader, found by its text so that
// edits to the file elsewhere do not misplace it.
func (a *App) openPin(p store.Pin) {
	art := a.s.corpus.Article(p.ArticleID)
	if art == nil {
		a.brief.notice = "source no longer loaded: " + p.Title
		return
	}
	para := p.Index - 1
	for i, q := range art.Paragraphs {
		if q.Hash() == p.ParaHash {
			para = i
			break
		}
	}
	a.openReader(art, para)
}

// refreshPins re-reads the briefing from the store and redraws what shows
// pins.
func (a *App) refreshPins() {
	if a.view == viewBriefing {
		a.brief.refresh()
	} else {
		a.s.pins.reload()
	}
	if a.reader.article != nil {
		a.reader.render()
	}
}

func (a *App) openCompare(l, r int) {
	a.compare.open(l, r)
	a.push(viewCompare)
}

func (a *App) setTopic(i int) {
	if i >= len(a.s.corpus.Topics) {
		return
	}
	a.s.topic = i
	a.topicChanged()
}

func (a *App) cycleTopic(dir int) {
	n := len(a.s.corpus.Topics)
	if n == 0 {
		return
	}
	// -1 (no topic) is part of the cycle.
	a.s.topic = ((a.s.topic+1+dir)%(n+1)+n+1)%(n+1) - 1
	a.topicChanged()
}

// topicChanged re-renders what depends on the current topic.
func (a *App) topicChanged() {
	if a.reader.article != nil {
		a.reader.render()
	}
}

func (a *App) keyHelp() keyHelp {
	switch a.view {
	case viewReader:
		if a.reader.noting {
			return a.s.keys.noteHelp()
		}
		return a.s.keys.readerHelp()
	case viewBriefing:
		return a.s.keys.briefingHelp()
	case viewCompare:
		return a.s.keys.compareHelp()
	case viewMatrix:
		return a.s.keys.matrixHelp()
	}
	return a.s.keys.listHelp()
}
