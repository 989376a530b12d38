package render

import (
	"charm.land/lipgloss/v2"
)

// Styles is every style the app draws with, built once per program so that
// SSH sessions with different terminals never share one.
type Styles struct {
	Title         lipgloss.Style
	Meta          lipgloss.Style
	Dim           lipgloss.Style
	Marker        lipgloss.Style // the current-topic bar and labels
	Pin           lipgloss.Style
	Gutter        lipgloss.Style
	GutterCurrent lipgloss.Style
	Selected      lipgloss.Style
	Marked        lipgloss.Style
	BadgeCurrent  lipgloss.Style
	StatusBar     lipgloss.Style
	Notice        lipgloss.Style
	Error         lipgloss.Style
	Header        lipgloss.Style
	Cell          lipgloss.Style
	CellEmpty     lipgloss.Style
	CellCursor    lipgloss.Style
	// Shade colours a timeline cell's Shades glyphs, by ShadeLevel.
	Shade [ShadeLevels]lipgloss.Style
	// The footer's help: keys, their descriptions and separators.
	HelpKey, HelpDesc, HelpSep lipgloss.Style
}

// The backgrounds the styles assume, for contrast: a dark terminal is at
// most this light, a light one at least this light.
const (
	AssumedDarkBackground  = "#1E1E1E"
	AssumedLightBackground = "#FFFFFF"
)

// NewStyles builds the styles for a glamour style name. The style is chosen
// by flag, never by asking the terminal for its background.
func NewStyles(style string) Styles {
	if style == StyleNoTTY {
		plain := lipgloss.NewStyle()
		return Styles{
			Title: plain, Meta: plain, Dim: plain, Marker: plain, Pin: plain,
			Gutter: plain, GutterCurrent: plain, Selected: plain, Marked: plain,
			BadgeCurrent: plain, StatusBar: plain, Notice: plain,
			Error: plain, Header: plain, Cell: plain, CellEmpty: plain, CellCursor: plain,
			Shade:   [ShadeLevels]lipgloss.Style{plain, plain, plain, plain},
			HelpKey: plain, HelpDesc: plain, HelpSep: plain,
		}
	}
	ld := lipgloss.LightDark(style != StyleLight)
	var shade [ShadeLevels]lipgloss.Style
	// Fewer paragraphs fade toward the background, more stand out of it;
	// even one is 3:1 against it (WCAG's contrast for graphics).
	for i, c := range [ShadeLevels][2]string{{"#8F88E6", "#6B63C0"}, {"#6660DC", "#8C80E8"}, {"#4A44C8", "#B0A2FF"}, {"#2F2A9E", "#D6CCFF"}} {
		shade[i] = lipgloss.NewStyle().Foreground(ld(lipgloss.Color(c[0]), lipgloss.Color(c[1])))
	}
	accent := ld(lipgloss.Color("#5A56E0"), lipgloss.Color("#B9A6FF"))
	text := ld(lipgloss.Color("#1A1A1A"), lipgloss.Color("#E4E4E4"))
	subtle := ld(lipgloss.Color("#6B6B6B"), lipgloss.Color("#8A8A8A"))
	faint := ld(lipgloss.Color("#DDDAF5"), lipgloss.Color("#2E2A4F"))
	pin := ld(lipgloss.Color("#C2410C"), lipgloss.Color("#FDBA74"))
	warn := ld(lipgloss.Color("#B91C1C"), lipgloss.Color("#FCA5A5"))
	return Styles{
		Title:         lipgloss.NewStyle().Bold(true).Foreground(text),
		Meta:          lipgloss.NewStyle().Foreground(subtle),
		Dim:           lipgloss.NewStyle().Foreground(subtle),
		Marker:        lipgloss.NewStyle().Foreground(accent).Bold(true),
		Pin:           lipgloss.NewStyle().Foreground(pin).Bold(true),
		Gutter:        lipgloss.NewStyle().Foreground(subtle),
		GutterCurrent: lipgloss.NewStyle().Foreground(accent).Bold(true),
		Selected:      lipgloss.NewStyle().Foreground(text).Background(faint).Bold(true),
		Marked:        lipgloss.NewStyle().Foreground(pin).Bold(true),
		BadgeCurrent:  lipgloss.NewStyle().Foreground(accent).Bold(true),
		StatusBar:     lipgloss.NewStyle().Foreground(text),
		Notice:        lipgloss.NewStyle().Foreground(pin),
		Error:         lipgloss.NewStyle().Foreground(warn).Bold(true),
		Header:        lipgloss.NewStyle().Foreground(accent).Bold(true),
		Cell:          lipgloss.NewStyle().Foreground(text),
		CellEmpty:     lipgloss.NewStyle().Foreground(subtle),
		CellCursor:    lipgloss.NewStyle().Foreground(text).Background(faint).Bold(true),
		Shade:         shade,
		// bubbles' default help colours are 1.9:1 to 3.2:1 against these
		// backgrounds; these meet WCAG AA (4.5:1).
		HelpKey:  lipgloss.NewStyle().Foreground(text),
		HelpDesc: lipgloss.NewStyle().Foreground(subtle),
		HelpSep:  lipgloss.NewStyle().Foreground(subtle),
	}
}
