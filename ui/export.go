package ui

import (
	"time"

	tea "charm.land/bubbletea/v2"

	"briefing/model"
	"briefing/store"
)

// exportedMsg is an export's outcome.
type exportedMsg struct {
	path string
	err  error
}

// exportEvery is the least time between two exports from one program: a
// held-down e must not fill a disk.
const exportEvery = time.Second

// export writes the briefing as Markdown into the user's exports folder,
// off the Update path, and answers the briefing view with exportedMsg. The
// folder keeps the newest exports within its quota.
func (v *briefingView) export() tea.Cmd {
	now := time.Now()
	b := model.PinBriefing(v.groups, v.s.corpus, now)
	dir, quota := v.s.exportDir, v.s.exportQuota
	name := "briefing-" + now.Format("20060102-150405") + ".md"
	return replyTo(viewBriefing, func() tea.Msg {
		path, err := store.WriteExport(dir, name, []byte(b.Markdown()), quota)
		return exportedMsg{path, err}
	})
}
