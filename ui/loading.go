package ui

import (
	"fmt"

	tea "charm.land/bubbletea/v2"
	"github.com/dustin/go-humanize"

	"briefing/model"
)

// loadingMsg is news of the corpus loading in the background.
type loadingMsg struct {
	u        model.LoadUpdate
	retagged bool // topics saved meanwhile have been tried on its corpus
}

// waitLoading waits for the next news of the background load.
func (a *App) waitLoading() tea.Cmd {
	ch := a.loading
	if ch == nil {
		return nil
	}
	return func() tea.Msg {
		u, ok := <-ch
		if !ok {
			return nil
		}
		return loadingMsg{u: u}
	}
}

// loaded shows the load's progress in the list's header and, once it is
// done, makes its corpus this program's, keeping any topic saved
// meanwhile.
func (a *App) loaded(msg loadingMsg) tea.Cmd {
	u := msg.u
	if !u.Final {
		a.s.indexing = fmt.Sprintf("indexing %s of %s…", humanize.Comma(int64(u.Done)), humanize.Comma(int64(u.Total)))
		if u.Done == u.Total {
			a.s.indexing = "indexed; grouping copies…" // the last seconds at 100,000
		}
		return a.waitLoading()
	}
	a.s.indexing, a.loading = "", nil
	if u.Err != nil {
		return send(noticeMsg{"indexing failed: " + u.Err.Error()})
	}
	if u.Corpus == nil {
		return nil // the files are as the index said
	}
	var notice string
	if u.Total > 0 {
		notice = "indexed " + plural(u.Total, "new or changed file")
		if n := len(u.Warnings); n > 0 {
			notice += fmt.Sprintf(" · %s skipped ('briefing index' lists why)", plural(n, "file"))
		}
	}
	if extra := a.s.corpus.Topics[min(len(u.Corpus.Topics), len(a.s.corpus.Topics)):]; len(extra) > 0 && !msg.retagged {
		// Topics saved while it loaded: tagged in (reading every file)
		// off the Update path, then this again.
		return func() tea.Msg {
			if view, err := u.Corpus.WithTopics(extra); err == nil {
				u.Corpus = view
			}
			return loadingMsg{u: u, retagged: true}
		}
	}
	return tea.Batch(a.swapCorpus(u.Corpus), send(noticeMsg{notice}))
}
