// Package ui is briefing's terminal app (bubbletea v2). Rendering lives in
// ui/render, shared with the command line.
package ui

import (
	"errors"
	"time"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"briefing/library"
	"briefing/model"
	"briefing/ui/render"
)

// Minimum usable window; below it the app shows a notice instead.
const (
	MinWidth  = 40
	MinHeight = 10
)

// ShutdownMsg tells a program its server is going down: it says so and
// quits shortly after. Pins are already saved.
type ShutdownMsg struct{}

// Options configure one program.
type Options struct {
	Style     string   // dark, light or notty
	Store     PinStore // where pins live; nil runs without pins
	StoreErr  error    // why there is no Store, shown instead of a generic reason
	User      string   // whose briefing this program shows
	ExportDir string   // where e writes exported briefings
	// ReadingWidth caps the reader's prose at a readable measure, in
	// columns (default 100; negative for the whole window).
	ReadingWidth int
	// ExportQuota bounds the bytes the exports folder may hold; 0 for none.
	ExportQuota int64
	// TopicsPath is the user's topics file, where S saves a search as a
	// topic; empty disables saving.
	TopicsPath string
	// BuiltinTopics is how many of the corpus's topics come before the
	// user's own (0: all of them).
	BuiltinTopics int
	// Start is a paragraph address (ARTICLE-ID#pN) to open at start; an
	// unknown one opens the list saying so.
	Start string
	// Origin says where the articles came from, for the list's header:
	// "the built-in seeds", "your library (DIR)" or the paths read.
	Origin string
	// Library is where A saves articles from links; nil when there is
	// none (no HOME to find it from).
	Library *library.Library
	// AllowAdd lets A add articles: always locally, over SSH only when
	// the server was started with --allow-add.
	AllowAdd bool
	// Loading, when set, brings the rest of the corpus while the app
	// shows what the index held, with progress for the list's header.
	Loading <-chan model.LoadUpdate
}

// DefaultReadingWidth is the reader's measure unless set otherwise.
const DefaultReadingWidth = 100

// App is the root model. It owns the frame, the global keys and the
// routing; each screen is a view in a table.
type App struct {
	loading  <-chan model.LoadUpdate // the rest of the corpus, while it loads
	s        *shared
	views    [viewCount]view
	focus    viewID
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
	start    string // the address to open first
}

// New builds the app over a corpus. The corpus is only read.
func New(corpus *model.Corpus, opts Options) *App {
	if !render.ValidStyle(opts.Style) {
		opts.Style = render.StyleDark
	}
	if opts.ExportDir == "" {
		opts.ExportDir = "."
	}
	s := &shared{
		corpus: corpus, keys: DefaultKeyMap(), styles: render.NewStyles(opts.Style),
		renderer: render.NewRenderer(opts.Style), background: render.NewRenderer(opts.Style), topic: -1,
		exportDir: opts.ExportDir, exportQuota: opts.ExportQuota, readingWidth: opts.ReadingWidth, plain: opts.Style == render.StyleNoTTY,
	}
	if s.readingWidth == 0 {
		s.readingWidth = DefaultReadingWidth
	}
	s.pins = newPinBoard(opts.Store, opts.User, opts.StoreErr)
	s.topicsPath, s.builtinTopics = opts.TopicsPath, opts.BuiltinTopics
	if s.builtinTopics <= 0 || s.builtinTopics > len(corpus.Topics) {
		s.builtinTopics = len(corpus.Topics)
	}
	s.adds, s.origin = newAdder(corpus, opts), opts.Origin
	h := help.New()
	st := s.styles
	h.Styles = help.Styles{
		ShortKey: st.HelpKey, ShortDesc: st.HelpDesc, ShortSeparator: st.HelpSep,
		FullKey: st.HelpKey, FullDesc: st.HelpDesc, FullSeparator: st.HelpSep, Ellipsis: st.HelpSep,
	}
	a := &App{s: s, help: h, start: opts.Start, loading: opts.Loading}
	if opts.Loading != nil && len(corpus.Articles) == 0 {
		s.indexing = "indexing…" // a first start: the count comes with the first news
	}
	a.views = [viewCount]view{
		viewList:     newListView(s),
		viewReader:   newReaderView(s),
		viewCompare:  newCompareView(s),
		viewMatrix:   newMatrixView(s),
		viewBriefing: newBriefingView(s),
		viewSearch:   newResultsView(s),
		viewTimeline: newTimelineView(s),
	}
	return a
}

// Init opens the start address, if any: at that paragraph when it is
// known, else on the list with why.
func (a *App) Init() tea.Cmd {
	return tea.Batch(a.waitLoading(), a.openStart())
}

func (a *App) openStart() tea.Cmd {
	if a.start == "" {
		return nil
	}
	link, err := model.ParseLink(a.start)
	if err != nil {
		return send(noticeMsg{err.Error()})
	}
	art, para, err := a.s.corpus.Resolve(link)
	if art == nil {
		return send(noticeMsg{"no article " + link.ID})
	}
	if err != nil {
		// Past its end: the article's top, saying why.
		return send(openArticleMsg{id: art.ID, para: -1, topic: -1, notice: err.Error()})
	}
	return send(openArticleMsg{id: art.ID, para: para, topic: -1})
}

func (a *App) focused() view { return a.views[a.focus] }

func (a *App) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		a.width, a.height = msg.Width, msg.Height
		a.layout()
		return a, nil
	case tea.KeyPressMsg:
		return a, a.handleKey(msg)
	case tea.MouseWheelMsg:
		return a, a.focused().Update(msg)
	case ShutdownMsg:
		// Views save what is being typed (a note) before the program ends.
		a.shuttingDown = true
		return a, tea.Batch(a.broadcast(msg), tea.Tick(time.Second, func(time.Time) tea.Msg { return tea.QuitMsg{} }))
	case tea.FocusMsg:
		// Another instance may have changed the briefing meanwhile.
		return a, a.s.pins.load()
	case pinsLoadedMsg:
		if a.s.pins.apply(msg) {
			return a, a.broadcast(pinsChangedMsg{})
		}
		return a, nil
	case textReadMsg:
		return a, a.navigate(msg.msg)
	case openArticleMsg, openPinMsg, openHitMsg, compareMsg:
		if work := a.s.readFirst(textReadMsg{msg}, articlesOf(a.s.corpus, msg)...); work != nil {
			return a, work
		}
		return a, a.navigate(msg)
	case openSearchMsg:
		return a, a.show(viewSearch, msg)
	case saveTopicMsg:
		return a, a.saveTopic(msg.topic)
	case corpusReadyMsg:
		if msg.err == nil {
			return a, tea.Batch(a.swapCorpus(msg.corpus), a.views[viewSearch].Update(topicSavedMsg{topic: msg.topic}))
		}
		return a, a.views[viewSearch].Update(topicSavedMsg{topic: msg.topic, err: msg.err})
	case noticeMsg:
		return a, a.views[viewList].Update(msg)
	case loadingMsg:
		return a, a.loaded(msg)
	case backMsg:
		a.pop()
		return a, nil
	case replyMsg:
		// A write's re-read board is applied before its view hears how
		// the write went, so the view's notice and the screen agree.
		var changed tea.Cmd
		if w, ok := msg.msg.(pinWriteMsg); ok {
			if a.s.pins.apply(w.loaded) {
				changed = a.broadcast(pinsChangedMsg{})
			}
			a.s.pins.record(w)
		}
		// An added article: every view rebuilds over the new corpus before
		// the list says what was added.
		if r, ok := msg.msg.(addedMsg); ok && r.corpus != nil {
			changed = a.swapCorpus(r.corpus)
		}
		return a, tea.Batch(changed, a.views[msg.to].Update(msg.msg))
	}
	return a, a.focused().Update(msg)
}

// show brings view id to the front, first handing it msg (when not nil).
// navigate opens what a navigation message asks for, its text in memory.
func (a *App) navigate(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case openArticleMsg:
		if msg.topic >= 0 {
			a.s.topic = msg.topic
			cmd := a.broadcast(topicChangedMsg{})
			return tea.Batch(cmd, a.show(viewReader, msg))
		}
		return a.show(viewReader, msg)
	case openPinMsg, openHitMsg:
		return a.show(viewReader, msg)
	case compareMsg:
		return a.show(viewCompare, msg)
	}
	return nil
}

func (a *App) show(id viewID, msg tea.Msg) tea.Cmd {
	var cmd tea.Cmd
	if msg != nil {
		cmd = a.views[id].Update(msg)
	}
	if a.focus != id {
		a.back = append(a.back, a.focus)
		a.focus = id
	}
	return tea.Batch(cmd, a.views[id].Update(focusedMsg{}))
}

func (a *App) pop() {
	if n := len(a.back); n > 0 {
		a.focus = a.back[n-1]
		a.back = a.back[:n-1]
		a.views[a.focus].Update(focusedMsg{})
		a.views[a.focus].Update(returnedMsg{})
	}
}

// broadcast hands msg to every view.
func (a *App) broadcast(msg tea.Msg) tea.Cmd {
	cmds := make([]tea.Cmd, 0, len(a.views))
	for _, v := range a.views {
		cmds = append(cmds, v.Update(msg))
	}
	return tea.Batch(cmds...)
}

// handleKey applies the one routing rule for keys: a view's own bindings
// and text fields come first, then the global keys, then the view again
// for whatever is left (esc going back, for one).
func (a *App) handleKey(msg tea.KeyPressMsg) tea.Cmd {
	g := a.s.keys.Global
	v := a.focused()
	if a.tooSmall() {
		// Nothing typed is lost in a window too small to show it: only
		// quitting works, and not over an open text field.
		if !v.Typing() && (key.Matches(msg, g.Quit) || key.Matches(msg, g.ForceQuit)) {
			return tea.Quit
		}
		return nil
	}
	if v.Typing() {
		return v.Update(msg)
	}
	if a.fullHelp && key.Matches(msg, g.Back) {
		a.fullHelp = false
		a.layout()
		return nil
	}
	if owns(v.Keys(), msg) {
		return v.Update(msg)
	}
	switch {
	case key.Matches(msg, g.Quit), key.Matches(msg, g.ForceQuit):
		return tea.Quit
	case key.Matches(msg, g.Help):
		a.fullHelp = !a.fullHelp
		a.layout()
		return nil
	case key.Matches(msg, g.Topic):
		return a.setTopic(int(msg.String()[0] - '1'))
	case key.Matches(msg, g.ClearTopic):
		return a.setTopic(-1)
	case key.Matches(msg, g.NextTopic):
		return a.cycleTopic(1)
	case key.Matches(msg, g.PrevTopic):
		return a.cycleTopic(-1)
	case key.Matches(msg, g.Matrix) && a.focus != viewMatrix:
		return a.show(viewMatrix, nil)
	case key.Matches(msg, g.Timeline) && a.focus != viewTimeline:
		return a.show(viewTimeline, nil)
	case key.Matches(msg, g.Briefing) && a.focus != viewBriefing:
		return tea.Batch(a.s.pins.load(), a.show(viewBriefing, nil))
	case key.Matches(msg, g.Refresh):
		return a.s.pins.load()
	case key.Matches(msg, g.Search) && a.focus != viewSearch:
		return a.show(viewSearch, openSearchMsg{})
	}
	return v.Update(msg)
}

// owns reports whether msg is one of a view's own bindings, which win over
// the global keys (m refiles a pin in the briefing rather than opening the
// matrix).
func owns(k help.KeyMap, msg tea.KeyPressMsg) bool {
	for _, col := range k.FullHelp() {
		for _, b := range col {
			if key.Matches(msg, b) {
				return true
			}
		}
	}
	return false
}

func (a *App) setTopic(i int) tea.Cmd {
	if i >= len(a.s.corpus.Topics) {
		return nil
	}
	a.s.topic = i
	return a.broadcast(topicChangedMsg{})
}

func (a *App) cycleTopic(dir int) tea.Cmd {
	n := len(a.s.corpus.Topics)
	if n == 0 {
		return nil
	}
	// -1 (no topic) is part of the cycle.
	a.s.topic = ((a.s.topic+1+dir)%(n+1)+n+1)%(n+1) - 1
	return a.broadcast(topicChangedMsg{})
}

// corpusReadyMsg carries the corpus re-tagged with a newly saved topic.
type corpusReadyMsg struct {
	corpus *model.Corpus
	topic  model.Topic
	err    error
}

// saveTopic writes a search as the user's topic and re-tags this program's
// corpus with it, off the Update path. Other programs keep theirs.
func (a *App) saveTopic(t model.Topic) tea.Cmd {
	path, corpus, builtin := a.s.topicsPath, a.s.corpus, a.s.corpus.Topics[:a.s.builtinTopics]
	if path == "" {
		return a.views[viewSearch].Update(topicSavedMsg{topic: t, err: errors.New("this session has no topics file")})
	}
	return func() tea.Msg {
		if err := model.AppendTopic(path, t, builtin); err != nil {
			return corpusReadyMsg{topic: t, err: err}
		}
		view, err := corpus.WithTopics([]model.Topic{t})
		return corpusReadyMsg{corpus: view, topic: t, err: err}
	}
}
