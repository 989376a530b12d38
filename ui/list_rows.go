package ui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"briefing/model"
	"briefing/ui/render"
)

// Drawing the list's rows: columns shared out by width, titles cut so that
// rows tell apart, and the "also in" line under a story.

// title is article i's title cut to width, told apart from the titles
// that start alike; the cut is worked out once per width.
func (l *listView) title(i, width int) string {
	arts := l.s.corpus.Articles
	if l.titles == nil || l.titlesWidth != width || l.titlesOf != len(arts) {
		full := make([]string, len(arts))
		for j, a := range arts {
			full[j] = a.Title
			if l.s.adds.updated[a.Path] {
				full[j] = "[updated] " + a.Title
			}
		}
		l.titles, l.titlesWidth, l.titlesOf = render.NewDistinct(full, width), width, len(arts)
	}
	return l.titles.Title(i)
}

// header counts what the list shows and says where it comes from.
func (l *listView) header() string {
	from := ""
	if l.s.origin != "" {
		from = " from " + l.s.origin
	}
	add := ""
	if l.s.adds.refusal() == "" {
		add = " · A adds a URL"
	}
	progress := ""
	if l.s.indexing != "" {
		// Before where they come from: a long path must not cut it.
		progress = " · " + l.s.indexing
	}
	return fmt.Sprintf("%s%s%s · / to filter%s", plural(len(l.items), "article"), progress, from, add)
}

// alsoIn is the line under a story that other outlets ran too, starting
// under its title: "also in: Outlet B, Outlet C".
func (l *listView) alsoIn(c listColumns, a *model.Article) string {
	names := l.s.corpus.AlsoIn(a)
	text := "also in: " + strings.Join(names, ", ")
	if len(names) == 0 {
		// Copies of unknown outlets, or of the same outlet, still count.
		text = "1 other copy of this story"
		if n := len(l.s.corpus.Duplicates(a)); n > 1 {
			text = fmt.Sprintf("%d other copies of this story", n)
		}
	}
	indent := 3
	if c.date > 0 {
		indent += c.date + 1
	}
	return ansi.Truncate(strings.Repeat(" ", indent)+text, l.width, "…")
}

type listColumns struct{ date, title, source, badges int }

// columns shares the width out: the title takes what is left, but a wide
// window also widens the outlet and topic columns, which are what tell
// alike titles apart.
func (l *listView) columns() listColumns {
	c := listColumns{date: 10, source: 22}
	switch {
	case l.width < 70:
		c.source = 0
	case l.width < 100:
		c.source = 14
	case l.width >= 160:
		c.source = 30
	}
	if l.width < 50 {
		c.date = 0
	}
	c.badges = min(30, max(l.width/4, 8))
	if l.width >= 100 {
		c.badges = min(36, l.width/3)
	}
	if l.width >= 160 {
		c.badges = min(48, l.width/4)
	}
	c.title = max(l.width-3-c.date-c.source-c.badges-3, 8)
	return c
}

func (l *listView) row(c listColumns, mark, date, title, source, badges string) string {
	cell := func(s string, w int) string {
		if w <= 0 {
			return ""
		}
		s = render.Truncate(s, w)
		return s + strings.Repeat(" ", max(w-ansi.StringWidth(s), 0)) + " "
	}
	line := mark + " " + cell(date, c.date) + cell(title, c.title) + cell(source, c.source) + render.Truncate(badges, c.badges)
	return ansi.Truncate(line, l.width, "")
}
