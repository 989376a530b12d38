package ui

import (
	"fmt"
	"strings"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"briefing/model"
)

// This file draws the frame: the title bar, the focused view, the status
// line and the help, sized once per resize.

// bodyHeight is what is left for the view between the title and the
// status and help lines.
func (a *App) bodyHeight() int {
	h := a.height - 3
	if a.fullHelp {
		h -= len(a.helpLines()) - 1
	}
	return max(h, 1)
}

// layout sizes every view once per resize (and when the help grows).
func (a *App) layout() {
	a.help.SetWidth(a.width)
	h := a.bodyHeight()
	a.list.SetSize(a.width, h)
	a.reader.SetSize(a.width, h)
	a.compare.SetSize(a.width, h)
	a.matrix.SetSize(a.width, h)
	a.brief.SetSize(a.width, h)
}

func (a *App) tooSmall() bool { return a.width < MinWidth || a.height < MinHeight }

func (a *App) View() tea.View {
	v := tea.NewView(a.render())
	v.AltScreen = true
	v.MouseMode = tea.MouseModeCellMotion
	v.WindowTitle = "briefing"
	v.ReportFocus = true
	return v
}

// render draws the screen; every line is cut to the window's width and the
// screen to its height, whatever a view produced.
func (a *App) render() string {
	if a.width <= 0 || a.height <= 0 {
		return ""
	}
	var lines []string
	if a.tooSmall() {
		lines = []string{"Window too small", fmt.Sprintf("need %d×%d, have %d×%d", MinWidth, MinHeight, a.width, a.height), "q quits"}
	} else {
		lines = append(lines, a.titleBar())
		body := strings.Split(a.body(), "\n")
		h := a.bodyHeight()
		if len(body) > h {
			body = body[:h]
		}
		for len(body) < h {
			body = append(body, "")
		}
		lines = append(lines, body...)
		lines = append(lines, a.statusBar())
		lines = append(lines, a.helpLines()...)
	}
	if len(lines) > a.height {
		lines = lines[:a.height]
	}
	for i, l := range lines {
		// A line has at least as many bytes as cells: short ones fit.
		if len(l) > a.width {
			lines[i] = ansi.Truncate(l, a.width, "")
		}
	}
	// Whatever a view drew, only styling reaches the terminal.
	return model.StripNonSGR(strings.Join(lines, "\n"))
}

type helpCache struct {
	key   string
	lines []string
}

// helpLines is the short or full help for the current view.
func (a *App) helpLines() []string {
	key := fmt.Sprintf("%d/%d/%t/%t", a.view, a.width, a.fullHelp, a.reader.noting)
	if a.helpLine.key != key {
		var s string
		if a.fullHelp {
			s = a.help.FullHelpView(a.keyHelp().FullHelp())
		} else {
			s = a.help.ShortHelpView(a.keyHelp().ShortHelp())
		}
		a.helpLine = helpCache{key, strings.Split(s, "\n")}
	}
	return a.helpLine.lines
}

func (a *App) body() string {
	switch a.view {
	case viewReader:
		return a.reader.View()
	case viewCompare:
		return a.compare.View()
	case viewMatrix:
		return a.matrix.View()
	case viewBriefing:
		return a.brief.View()
	}
	return a.list.View()
}

func (a *App) titleBar() string {
	st := a.s.styles
	left := st.Header.Render("briefing") + st.Dim.Render(" · "+viewNames[a.view])
	if a.view == viewReader && a.reader.article != nil {
		left += st.Dim.Render(" · " + a.reader.article.ID)
	}
	right := st.Dim.Render("topic: none (1-9, t)")
	if name := a.s.topicName(); name != "" {
		right = st.Dim.Render("topic: ") + st.Marker.Render(fmt.Sprintf("%d %s", a.s.topic+1, name))
	}
	gap := a.width - ansi.StringWidth(left) - ansi.StringWidth(right)
	if gap < 1 {
		return left
	}
	return left + strings.Repeat(" ", gap) + right
}

func (a *App) statusBar() string {
	st := a.s.styles
	if a.shuttingDown {
		return st.Error.Render("The server is shutting down. Your briefing is saved.")
	}
	switch a.view {
	case viewReader:
		if a.reader.searching {
			return a.reader.search.View()
		}
		return st.StatusBar.Render(a.reader.status())
	case viewCompare:
		return st.StatusBar.Render(a.compare.status())
	case viewMatrix:
		return st.StatusBar.Render("enter opens the article at its first paragraph on the topic")
	case viewBriefing:
		return st.StatusBar.Render(a.brief.status())
	}
	if n := len(a.list.marked); n > 0 {
		return st.Notice.Render(fmt.Sprintf("%d marked · c compares", n))
	}
	return ""
}
