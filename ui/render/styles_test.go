package render

import (
	"image/color"
	"math"
	"testing"

	"charm.land/lipgloss/v2"
)

// luminance is WCAG 2's relative luminance.
func luminance(c color.Color) float64 {
	r, g, b, _ := c.RGBA()
	lin := func(v uint32) float64 {
		x := float64(v) / 0xffff
		if x <= 0.03928 {
			return x / 12.92
		}
		return math.Pow((x+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(r) + 0.7152*lin(g) + 0.0722*lin(b)
}

func contrast(a, b color.Color) float64 {
	la, lb := luminance(a), luminance(b)
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

// Every text style meets WCAG AA (4.5:1) against the background its style
// assumes, or against its own background when it sets one.
func TestContrast(t *testing.T) {
	for style, bg := range map[string]string{StyleDark: AssumedDarkBackground, StyleLight: AssumedLightBackground} {
		st := NewStyles(style)
		for name, s := range map[string]lipgloss.Style{
			"Title": st.Title, "Meta": st.Meta, "Dim": st.Dim, "Marker": st.Marker, "Pin": st.Pin,
			"Gutter": st.Gutter, "GutterCurrent": st.GutterCurrent, "Selected": st.Selected, "Marked": st.Marked,
			"BadgeCurrent": st.BadgeCurrent, "StatusBar": st.StatusBar, "Notice": st.Notice, "Error": st.Error,
			"Header": st.Header, "Cell": st.Cell, "CellEmpty": st.CellEmpty, "CellCursor": st.CellCursor,
			"HelpKey": st.HelpKey, "HelpDesc": st.HelpDesc,
		} {
			back := color.Color(lipgloss.Color(bg))
			if b := s.GetBackground(); b != nil {
				if _, none := b.(lipgloss.NoColor); !none {
					back = b
				}
			}
			if c := contrast(s.GetForeground(), back); c < 4.5 {
				t.Errorf("%s %s: %.2f:1 against %v", style, name, c, back)
			}
		}
	}
}
