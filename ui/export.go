package ui

import (
	"fmt"
	"os"
	"path/filepath"
	"time"

	tea "charm.land/bubbletea/v2"

	"briefing/model"
)

// exportedMsg is an export's outcome.
type exportedMsg struct {
	path string
	err  error
}

// export writes the briefing as Markdown into the export folder, off the
// Update path, and answers the briefing view with exportedMsg.
func (v *briefingView) export() tea.Cmd {
	b := model.PinBriefing(v.groups, v.s.corpus, time.Now())
	dir := v.s.exportDir
	return replyTo(viewBriefing, func() tea.Msg {
		path, err := writeExport(dir, b)
		return exportedMsg{path, err}
	})
}

func writeExport(dir string, b model.Briefing) (string, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", err
	}
	stamp := b.Made.Format("20060102-150405")
	path := filepath.Join(dir, "briefing-"+stamp+".md")
	// O_EXCL: never overwrite an earlier export made in the same second.
	for n := 2; ; n++ {
		f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
		if os.IsExist(err) {
			path = filepath.Join(dir, fmt.Sprintf("briefing-%s-%d.md", stamp, n))
			continue
		}
		if err != nil {
			return "", err
		}
		if _, err := f.WriteString(b.Markdown()); err != nil {
			f.Close()
			return "", err
		}
		return path, f.Close()
	}
}
