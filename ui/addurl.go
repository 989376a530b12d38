package ui

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"briefing/library"
	"briefing/model"
)

// This file is A: a one-line prompt for a URL, whose article is fetched
// into the library off the main loop and joins this program's corpus.

// corpusChangedMsg is broadcast when the program reads a new corpus (an
// article was added): views rebuild their rows, finding what they showed
// in old by id.
type corpusChangedMsg struct{ old *model.Corpus }

// addedMsg is the outcome of adding a URL, for the list.
type addedMsg struct {
	url    string
	path   string        // the article's file, when there is one
	title  string        // the added article's title
	id     string        // and its id in corpus
	exists bool          // it was in the library already: nothing was done
	corpus *model.Corpus // the corpus with the article; nil when none was added
	err    error
}

// addTimeout bounds one add; the library's client has its own, shorter
// limits, and this is the backstop should a page trickle.
const addTimeout = time.Minute

// adder is what A needs to know: where to save, whether it may, and which
// library articles were refreshed with new text ("updated").
type adder struct {
	lib     *library.Library
	allowed bool
	updated map[string]bool // paths of updated articles
}

// newAdder reads, once, which of the corpus's library articles were
// updated: View and Update never touch the disk.
func newAdder(c *model.Corpus, o Options) adder {
	ad := adder{lib: o.Library, allowed: o.AllowAdd, updated: map[string]bool{}}
	if o.Library == nil {
		return ad
	}
	dir := filepath.Clean(o.Library.Dir) + string(filepath.Separator)
	for _, a := range c.Articles {
		if strings.HasPrefix(a.Path, dir) && library.IsUpdated(a.Path) {
			ad.updated[a.Path] = true
		}
	}
	return ad
}

// refusal says why A cannot add here, or "" when it can.
func (ad adder) refusal() string {
	switch {
	case !ad.allowed:
		return "adding articles is off on this server (it must be started with --allow-add)"
	case ad.lib == nil:
		return "no library to add to: set XDG_DATA_HOME or HOME, or use --library DIR"
	}
	return ""
}

// add fetches raw into the library and builds corpus plus the new article;
// it runs in a command, never in Update.
func (ad adder) add(corpus *model.Corpus, raw string) addedMsg {
	ctx, cancel := context.WithTimeout(context.Background(), addTimeout)
	defer cancel()
	res, err := ad.lib.Add(ctx, raw, false)
	out := addedMsg{url: res.URL, path: res.Path, err: err}
	if err != nil || res.Status == library.Exists {
		out.exists = err == nil
		return out
	}
	// Tagged like the rest of the corpus, with the topics it was built with.
	tagger, err := model.NewTagger(corpus.Topics)
	if err != nil {
		out.err = err
		return out
	}
	loaded, _, err := model.LoadPaths([]string{res.Path}, model.LoadOptions{Tagger: tagger})
	if err != nil {
		out.err = fmt.Errorf("saved as %s, but it does not read back: %w", res.Path, err)
		return out
	}
	a := loaded.Articles[0]
	out.corpus = corpus.With(a)
	out.title, out.id = a.Title, a.ID
	return out
}

// status is the one line that tells how an add went.
func (m addedMsg) status() string {
	switch {
	case m.err != nil:
		return fmt.Sprintf("not added: %s: %v", m.url, m.err)
	case m.exists:
		return "already in the library: " + m.path
	}
	return fmt.Sprintf("added: %s (%s)", m.title, m.path)
}

// addPrompt is the list's URL field and the state of the add it starts.
type addPrompt struct {
	input  textinput.Model
	open   bool
	busy   bool   // an add is running; one at a time, so none is lost
	notice string // how the last A went, until the next key
}

func newAddPrompt(plain bool) addPrompt {
	ti := newTextInput("add URL: ", plain)
	ti.Placeholder = "https://… (the article is saved in your library)"
	ti.CharLimit = 2048
	return addPrompt{input: ti}
}

// start opens the prompt, or says why not.
func (p *addPrompt) start(s *shared) tea.Cmd {
	switch {
	case p.busy:
		p.notice = "still fetching the last URL…"
		return nil
	case s.adds.refusal() != "":
		p.notice = s.adds.refusal()
		return nil
	}
	p.open, p.notice = true, ""
	p.input.SetValue("")
	return p.input.Focus()
}

// update handles a key while the prompt is open: enter starts the fetch
// in a command, esc closes it.
func (p *addPrompt) update(s *shared, msg tea.KeyPressMsg) tea.Cmd {
	k := s.keys
	switch {
	case key.Matches(msg, k.Global.ForceQuit):
		return tea.Quit
	case key.Matches(msg, k.Field.Cancel):
		p.open = false
		p.input.Blur()
		return nil
	case key.Matches(msg, k.Field.Accept):
		raw := strings.TrimSpace(p.input.Value())
		p.open = false
		p.input.Blur()
		if raw == "" {
			return nil
		}
		p.busy = true
		p.notice = "fetching " + raw + "…"
		// The corpus is read here, in Update: the command gets this
		// program's corpus as it is now.
		ad, corpus := s.adds, s.corpus
		return replyTo(viewList, func() tea.Msg { return ad.add(corpus, raw) })
	}
	var cmd tea.Cmd
	p.input, cmd = p.input.Update(msg)
	return cmd
}

// done records how an add went.
func (p *addPrompt) done(m addedMsg) {
	p.busy = false
	p.notice = m.status()
}

// swapCorpus makes c this program's corpus and tells every view. Only the
// root changes what the views share.
func (a *App) swapCorpus(c *model.Corpus) tea.Cmd {
	old := a.s.corpus
	a.s.corpus = c
	if a.s.topic >= len(c.Topics) {
		a.s.topic = -1
	}
	return a.broadcast(corpusChangedMsg{old: old})
}
