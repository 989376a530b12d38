package ui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"briefing/ui/render"
)

var fuzzKeys = []string{
	"j", "k", "up", "down", "pgdown", "g", "G", enter, esc, "space", "c", "/", "n", "N",
	"]", "[", "t", "T", "0", "1", "2", "4", "9", "m", "?", "tab", "<", ">", "h", "l", "q", "a", "#",
	"s", "S", "o", "w", "y", "u", "p", "x", "b", "ctrl+s", "backspace",
}

// FuzzApp plays random key presses, mouse wheels and resizes (0×0 to
// 300×100) against the app over the seeds: it must never panic nor draw a
// line wider than the window.
func FuzzApp(f *testing.F) {
	f.Add([]byte{0, 7, 1, 20, 22, 9})
	f.Add([]byte{9, 6, 1, 1, 7, 17, 18, 16, 6, 255, 255, 27, 12})
	f.Add([]byte{23, 6, 30, 5, 11, 2, 18, 18, 18, 10, 26, 27, 6, 100, 40})
	corpus := seedCorpus(f)
	f.Fuzz(func(t *testing.T, ops []byte) {
		if len(ops) > 400 {
			ops = ops[:400]
		}
		a := New(corpus, Options{Style: render.StyleDark})
		a.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
		for i := 0; i < len(ops); i++ {
			switch op := ops[i]; {
			case op%16 == 6 && i+2 < len(ops):
				a.Update(tea.WindowSizeMsg{Width: int(ops[i+1]) % 301, Height: int(ops[i+2]) % 101})
				i += 2
			case op%16 == 7:
				button := tea.MouseWheelDown
				if op&0x80 != 0 {
					button = tea.MouseWheelUp
				}
				a.Update(tea.MouseWheelMsg{Button: button})
			default:
				a.Update(keyMsg(fuzzKeys[int(op)%len(fuzzKeys)]))
			}
			s := a.render()
			if s == "" {
				continue
			}
			lines := strings.Split(s, "\n")
			if len(lines) > a.height {
				t.Fatalf("%d lines on a %dx%d window", len(lines), a.width, a.height)
			}
			for _, l := range lines {
				if w := ansi.StringWidth(l); w > a.width {
					t.Fatalf("line %d wide on a %dx%d window: %q", w, a.width, a.height, l)
				}
			}
		}
	})
}
