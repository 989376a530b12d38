package render

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"briefing/model"
)

// StackWidth is the width below which a comparison shows one side at a
// time, as tabs, instead of squeezing two columns.
const StackWidth = 100

// CompareOptions choose what a comparison shows.
type CompareOptions struct {
	Width int
	Topic int  // only this topic, -1 for all
	Focus int  // 0 left, 1 right: the side shown when stacked
	Stack bool // one side at a time
	// Cursor, when set, is the paragraph drawn as selected.
	Cursor *Anchor
	// Pinned, when set, says which paragraphs to mark with *.
	Pinned func(a *model.Article, i int) bool
}

// Anchor is where one paragraph of a side stands in a comparison.
type Anchor struct {
	Side  int // 0 left, 1 right
	Para  int // 0-based index into the article's paragraphs
	Topic int // the band it is shown in
	Line  int // its first line
}

// Comparison is a laid-out comparison: its lines, and where each
// paragraph shown stands, band by band.
type Comparison struct {
	Lines   []string
	Anchors []Anchor
}

// Compare lays out two articles topic by topic: for each topic a band with
// each side's paragraphs on it, or "no coverage" where a side is silent.
func Compare(st Styles, topics []model.Topic, left, right *model.Article, o CompareOptions) Comparison {
	width := max(o.Width, 1)
	sides := []*model.Article{left, right}
	var c Comparison
	add := func(lines ...string) {
		for _, l := range lines {
			// Columns are wrapped to fit; the cut only guards the frame.
			c.Lines = append(c.Lines, model.StripNonSGR(ansi.Truncate(l, width, "…")))
		}
	}
	colW := width
	if !o.Stack {
		colW = max((width-3)/2, 1)
	}
	// Titles.
	if o.Stack {
		var tabs []string
		for i, a := range sides {
			label := fmt.Sprintf(" %c: %s ", 'A'+i, a.ID)
			if i == o.Focus {
				tabs = append(tabs, st.Selected.Render("▸"+label))
			} else {
				tabs = append(tabs, st.Dim.Render(" "+label))
			}
		}
		add(strings.Join(tabs, " "))
		add(Wrap(st.Title.Render(sides[o.Focus].Title), width)...)
		if meta := MetaLine(sides[o.Focus]); meta != "" {
			add(Wrap(st.Meta.Render(meta), width)...)
		}
	} else {
		var heads [2][]string
		for i, a := range sides {
			title := st.Title
			if i == o.Focus {
				title = st.Marker
			}
			heads[i] = Wrap(title.Render(fmt.Sprintf("%c: %s", 'A'+i, a.Title)), colW)
			if meta := MetaLine(a); meta != "" {
				heads[i] = append(heads[i], Wrap(st.Meta.Render(meta), colW)...)
			}
		}
		add(besideEachOther(heads[0], heads[1], colW, st)...)
	}
	var silent []string
	for ti, t := range topics {
		if o.Topic >= 0 && ti != o.Topic {
			continue
		}
		if !left.Covers(ti) && !right.Covers(ti) {
			silent = append(silent, t.ID)
			continue
		}
		add("")
		header := "── " + t.Name + " "
		add(st.Header.Render(header + strings.Repeat("─", max(width-ansi.StringWidth(header), 0))))
		var cols [2]column
		for i, a := range sides {
			cols[i] = topicColumn(st, a, i, ti, colW, o)
		}
		top := len(c.Lines)
		for i, col := range cols {
			if o.Stack && i != o.Focus {
				continue
			}
			for _, an := range col.anchors {
				an.Line += top
				c.Anchors = append(c.Anchors, an)
			}
		}
		if o.Stack {
			add(cols[o.Focus].lines...)
		} else {
			add(besideEachOther(cols[0].lines, cols[1].lines, colW, st)...)
		}
	}
	if len(silent) > 0 {
		add("")
		add(Wrap(st.Dim.Render("Neither covers: "+strings.Join(silent, ", ")), width)...)
	}
	return c
}

type column struct {
	lines   []string
	anchors []Anchor
}

// topicColumn is one side of a band: its paragraphs on topic ti, each
// numbered as cited, or "no coverage".
func topicColumn(st Styles, a *model.Article, side, ti, width int, o CompareOptions) column {
	cursor := o.Cursor
	on := a.ParagraphsOn(ti)
	switch {
	case a.Unreadable():
		return column{lines: []string{st.Dim.Render("its file cannot be read")}}
	case len(on) == 0:
		return column{lines: []string{st.Dim.Render("no coverage")}}
	}
	var col column
	for n, i := range on {
		if i >= len(a.Paragraphs) {
			break // an outline without its text
		}
		if n > 0 {
			col.lines = append(col.lines, "")
		}
		p := a.Paragraphs[i]
		num := fmt.Sprintf("¶%d", p.Index)
		if o.Pinned != nil && o.Pinned(a, i) {
			num = "*" + num
		}
		label := st.Gutter.Render(num)
		if cursor != nil && cursor.Side == side && cursor.Para == i && cursor.Topic == ti {
			label = st.Selected.Render("▸" + num)
		}
		col.anchors = append(col.anchors, Anchor{Side: side, Para: i, Topic: ti, Line: len(col.lines)})
		col.lines = append(col.lines, Wrap(label+" "+p.Text, width)...)
	}
	return col
}

// besideEachOther joins two columns line by line with a rule between them.
func besideEachOther(left, right []string, colW int, st Styles) []string {
	n := max(len(left), len(right))
	out := make([]string, n)
	rule := st.Dim.Render(" │ ")
	for i := range n {
		var l, r string
		if i < len(left) {
			l = ansi.Truncate(left[i], colW, "…")
		}
		if i < len(right) {
			r = ansi.Truncate(right[i], colW, "…")
		}
		out[i] = strings.TrimRight(l+strings.Repeat(" ", max(colW-ansi.StringWidth(l), 0))+rule+r, " ")
	}
	return out
}
