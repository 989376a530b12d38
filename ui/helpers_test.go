package ui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"briefing/model"
	"briefing/seeds"
	"briefing/store"
	"briefing/ui/render"
)

func seedCorpus(t testing.TB) *model.Corpus {
	t.Helper()
	topics, err := model.ParseTopics(seeds.Topics())
	if err != nil {
		t.Fatal(err)
	}
	tg, err := model.NewTagger(topics)
	if err != nil {
		t.Fatal(err)
	}
	c, _, err := model.LoadFS(seeds.Articles(), model.LoadOptions{Tagger: tg})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// newApp builds an app at a size, in the notty style so screens compare as
// plain text, with its own store in a temporary folder.
func newApp(t testing.TB, w, h int) *App {
	t.Helper()
	return newStyledApp(t, w, h, render.StyleNoTTY)
}

func newStyledApp(t testing.TB, w, h int, style string) *App {
	t.Helper()
	st, err := store.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return startApp(New(seedCorpus(t), Options{Style: style, Store: st, User: "tester", ExportDir: t.TempDir()}), w, h)
}

// startApp sizes an app; "saving…" timers are off, so commands finish at
// once.
func startApp(a *App, w, h int) *App {
	a.s.pins.slowAfter = 0
	a.Update(tea.WindowSizeMsg{Width: w, Height: h})
	return a
}

// The keys tests press most, by the names bubbletea gives them (key
// strings belong to the KeyMap, so tests spell them through tea).
var (
	enter = tea.KeyPressMsg{Code: tea.KeyEnter}.String()
	esc   = tea.KeyPressMsg{Code: tea.KeyEscape}.String()
)

// keyMsg turns a key name as bubbletea prints it into a key press.
func keyMsg(k string) tea.KeyPressMsg {
	codes := map[string]rune{
		enter: tea.KeyEnter, esc: tea.KeyEscape, "tab": tea.KeyTab, "up": tea.KeyUp, "down": tea.KeyDown,
		"pgdown": tea.KeyPgDown, "pgup": tea.KeyPgUp, "backspace": tea.KeyBackspace, "left": tea.KeyLeft, "right": tea.KeyRight,
	}
	if c, ok := codes[k]; ok {
		return tea.KeyPressMsg{Code: c}
	}
	switch k {
	case "space":
		return tea.KeyPressMsg{Code: tea.KeySpace, Text: " "}
	case "ctrl+c":
		return tea.KeyPressMsg{Code: 'c', Mod: tea.ModCtrl}
	case "ctrl+s":
		return tea.KeyPressMsg{Code: 's', Mod: tea.ModCtrl}
	case "shift+tab":
		return tea.KeyPressMsg{Code: tea.KeyTab, Mod: tea.ModShift}
	}
	r := []rune(k)[0]
	msg := tea.KeyPressMsg{Code: r, Text: k}
	if r >= 'A' && r <= 'Z' {
		msg.Code = r + 'a' - 'A'
		msg.ShiftedCode = r
		msg.Mod = tea.ModShift
	}
	return msg
}

// press sends keys one by one, running each key's commands as the runtime
// would (writes, renders, navigation), and reports whether the last one
// asked to quit.
func press(a *App, keys ...string) (quit bool) {
	for _, k := range keys {
		_, cmd := a.Update(keyMsg(k))
		quit = runCmd(a, cmd)
	}
	return quit
}

// runCmd runs cmd and every command its messages lead to.
func runCmd(a *App, cmd tea.Cmd) (quit bool) {
	queue := []tea.Cmd{cmd}
	for n := 0; len(queue) > 0; n++ {
		if n > 10000 {
			panic("commands never settle")
		}
		c := queue[0]
		queue = queue[1:]
		if c == nil {
			continue
		}
		switch msg := c().(type) {
		case nil:
		case tea.QuitMsg:
			quit = true
		case tea.BatchMsg:
			queue = append(queue, msg...)
		default:
			_, next := a.Update(msg)
			queue = append(queue, next)
		}
	}
	return quit
}

func screen(a *App) string { return a.render() }

// lines is the screen's lines.
func lines(a *App) []string { return strings.Split(screen(a), "\n") }

// titleLine is the title bar; statusLine is the line above the short help.
func titleLine(a *App) string { return lines(a)[0] }

func statusLine(a *App) string {
	l := lines(a)
	return l[len(l)-2]
}

// row is the first screen line holding s, or "".
func row(a *App, s string) string {
	for _, l := range lines(a) {
		if strings.Contains(l, s) {
			return l
		}
	}
	return ""
}

// viewName is the view the title bar names.
func viewName(a *App) string {
	parts := strings.Split(titleLine(a), " · ")
	if len(parts) < 2 {
		return ""
	}
	return strings.Fields(parts[1])[0]
}

func checkWidth(t *testing.T, a *App) {
	t.Helper()
	s := screen(a)
	if s == "" {
		return
	}
	ls := strings.Split(s, "\n")
	if len(ls) > a.height {
		t.Errorf("%d lines on a %d-line window", len(ls), a.height)
	}
	for _, l := range ls {
		if w := ansi.StringWidth(l); w > a.width {
			t.Errorf("line %d wide on a %d-wide window: %q", w, a.width, l)
		}
	}
}
