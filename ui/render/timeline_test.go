package render

import (
	"testing"

	"charm.land/lipgloss/v2"
)

func TestShadeLevel(t *testing.T) {
	for _, c := range []struct{ n, most, want int }{
		{1, 1, 0}, {1, 7, 0}, {7, 7, 3}, {4, 7, 1}, {5, 7, 2}, {2, 2, 3}, {9, 7, 3}, {0, 3, 0},
	} {
		if got := ShadeLevel(c.n, c.most); got != c.want {
			t.Errorf("ShadeLevel(%d, %d) = %d, want %d", c.n, c.most, got, c.want)
		}
	}
}

// Every shade shows against the background (3:1, WCAG's contrast for
// graphics), and more paragraphs stand out more.
func TestShadeContrast(t *testing.T) {
	for style, bg := range map[string]string{StyleDark: AssumedDarkBackground, StyleLight: AssumedLightBackground} {
		st := NewStyles(style)
		last := 0.0
		for i, s := range st.Shade {
			c := contrast(s.GetForeground(), lipgloss.Color(bg))
			if c < 3 || c <= last {
				t.Errorf("%s shade %d: %.2f:1 (the one before %.2f:1)", style, i, c, last)
			}
			last = c
		}
	}
}
