package ui

import (
	"fmt"
	"slices"
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"briefing/model"
	"briefing/ui/render"
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
	a.helpLine = helpCache{}
	h := a.bodyHeight()
	for _, v := range a.views {
		v.SetSize(a.width, h)
	}
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
		last := "q quits"
		if a.focused().Typing() {
			last = "a text field is open: enlarge the window to finish it"
		}
		lines = []string{"Window too small", fmt.Sprintf("need %d×%d, have %d×%d", MinWidth, MinHeight, a.width, a.height), last}
	} else {
		lines = append(lines, a.titleBar())
		body := strings.Split(a.focused().View(), "\n")
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

// helpLines is the short or full help for the focused view. The short
// help is the view's choice, globals included, most useful first; the full
// help adds a column of the global keys.
func (a *App) helpLines() []string {
	own := a.focused().Keys()
	// The key names what the help shows: the view, the size, and which
	// bindings (a question's y/n has as many as the editor's keys).
	var shown strings.Builder
	for _, b := range own.ShortHelp() {
		shown.WriteString(b.Help().Key + b.Help().Desc)
	}
	cacheKey := fmt.Sprintf("%d/%d/%t/%s", a.focus, a.width, a.fullHelp, shown.String())
	if a.helpLine.key != cacheKey {
		var s string
		if a.fullHelp {
			s = a.help.FullHelpView(append(own.FullHelp(), globalsBesides(own, a.s.keys.globalHelp())))
		} else {
			short := own.ShortHelp()
			s = a.help.ShortHelpView(short)
		}
		a.helpLine = helpCache{cacheKey, strings.Split(s, "\n")}
	}
	return a.helpLine.lines
}

// titleBar is "briefing · view · article" on the left and the current
// topic on the right; when both do not fit, the article id gives way first.
func (a *App) titleBar() string {
	st := a.s.styles
	left := st.Header.Render("briefing") + st.Dim.Render(" · "+viewNames[a.focus])
	if t, ok := a.focused().(titled); ok && t.Title() != "" {
		left += st.Dim.Render(" · " + t.Title())
	}
	right := st.Dim.Render("topic: none (1-9, t)")
	if name := a.s.topicName(); name != "" {
		right = st.Dim.Render("topic: ") + st.Marker.Render(fmt.Sprintf("%d %s", a.s.topic+1, name))
	}
	room := a.width - ansi.StringWidth(right) - 1
	if ansi.StringWidth(left) > room {
		left = ansi.Truncate(left, max(room, 0), "…")
	}
	gap := a.width - ansi.StringWidth(left) - ansi.StringWidth(right)
	if gap < 1 {
		return left
	}
	return left + strings.Repeat(" ", gap) + right
}

// globalsBesides leaves out the global keys a view uses for itself (m
// refiles a pin in the briefing): help never offers a key that does
// something else there.
func globalsBesides(own help.KeyMap, globals []key.Binding) []key.Binding {
	var out []key.Binding
	for _, g := range globals {
		taken := false
		for _, col := range own.FullHelp() {
			for _, b := range col {
				taken = taken || slices.ContainsFunc(g.Keys(), func(k string) bool { return slices.Contains(b.Keys(), k) })
			}
		}
		if !taken {
			out = append(out, g)
		}
	}
	return out
}

// titled is a view that names what it shows (the reader, its article).
type titled interface{ Title() string }

// statusBar is the focused view's status, clipped with "…" when long.
func (a *App) statusBar() string {
	st := a.s.styles
	if a.shuttingDown {
		return st.Error.Render("The server is shutting down. Your briefing is saved.")
	}
	s := a.focused().Status()
	if ansi.StringWidth(s) > a.width {
		s = render.Truncate(s, a.width)
	}
	return st.StatusBar.Render(s)
}
