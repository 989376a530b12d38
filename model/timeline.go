package model

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Period is the width of a timeline's columns.
type Period uint8

const (
	Week  Period = iota // Monday to Sunday
	Month               // calendar months
)

// ParsePeriod reads "week" or "month".
func ParsePeriod(s string) (Period, error) {
	switch s {
	case "week":
		return Week, nil
	case "month":
		return Month, nil
	}
	return Week, fmt.Errorf("a period is week or month, not %q", s)
}

func (p Period) String() string {
	if p == Month {
		return "month"
	}
	return "week"
}

// start is the first day of the period holding t.
func (p Period) start(t time.Time) time.Time {
	t = time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
	if p == Month {
		return t.AddDate(0, 0, 1-t.Day())
	}
	return t.AddDate(0, 0, -((int(t.Weekday()) + 6) % 7))
}

func (p Period) next(t time.Time) time.Time {
	if p == Month {
		return t.AddDate(0, 1, 0)
	}
	return t.AddDate(0, 0, 7)
}

// Label names a column compactly: the Monday (01-02) for weeks, 2025-11 for
// months.
func (p Period) Label(start time.Time) string {
	if p == Month {
		return start.Format("2006-01")
	}
	return start.Format("01-02")
}

// ParaRef names one paragraph of the corpus.
type ParaRef struct {
	Article *Article
	Para    int // position in Article.Paragraphs (0-based)
}

// Link is the paragraph's address.
func (r ParaRef) Link() Link { return Link{ID: r.Article.ID, Para: r.Para + 1} }

// Timeline is when each outlet wrote about a topic: one row per outlet, one
// column per period from the first dated mention to the last.
type Timeline struct {
	Topic   int
	By      Period
	Periods []time.Time // each column's first day
	Rows    []TimelineRow
	// First is the earliest dated paragraph on the topic (Row, Col locate
	// its cell); Row is -1 when no dated article covers the topic.
	First              ParaRef
	FirstRow, FirstCol int
	// Undated counts paragraphs on the topic in articles without a date,
	// which no column can hold.
	Undated int
}

// TimelineRow is one outlet's paragraphs on the topic, per period.
type TimelineRow struct {
	Outlet string
	Cells  [][]ParaRef // Cells[col]: the paragraphs, newest article first
	Total  int
}

// Count is how many paragraphs a cell holds.
func (r TimelineRow) Count(col int) int { return len(r.Cells[col]) }

// UnknownOutlet labels articles with neither a source nor a byline.
const UnknownOutlet = "(unknown outlet)"

// Timeline counts, per outlet and period, the paragraphs that carry topic
// ti. Rows are ordered by the outlet's first mention, then by name.
func (c *Corpus) Timeline(ti int, by Period) *Timeline {
	tl := &Timeline{Topic: ti, By: by, FirstRow: -1, FirstCol: -1}
	var first, last time.Time
	for _, a := range c.Articles {
		if !a.Covers(ti) || !a.HasDate() {
			continue
		}
		if first.IsZero() || a.Date.Before(first) {
			first = a.Date
		}
		if last.IsZero() || a.Date.After(last) {
			last = a.Date
		}
	}
	if !first.IsZero() {
		for p := by.start(first); !p.After(last); p = by.next(p) {
			tl.Periods = append(tl.Periods, p)
		}
	}
	rows := map[string]int{}
	earliest := map[string]time.Time{}
	for _, a := range c.Articles {
		on := a.ParagraphsOn(ti)
		if len(on) == 0 {
			continue
		}
		if !a.HasDate() {
			tl.Undated += len(on)
			continue
		}
		outlet := cmp.Or(strings.TrimSpace(a.Attribution()), UnknownOutlet)
		r, ok := rows[outlet]
		if !ok {
			r = len(tl.Rows)
			rows[outlet] = r
			tl.Rows = append(tl.Rows, TimelineRow{Outlet: outlet, Cells: make([][]ParaRef, len(tl.Periods))})
		}
		col := tl.column(a.Date)
		for _, p := range on {
			tl.Rows[r].Cells[col] = append(tl.Rows[r].Cells[col], ParaRef{a, p})
		}
		tl.Rows[r].Total += len(on)
		if e, ok := earliest[outlet]; !ok || a.Date.Before(e) {
			earliest[outlet] = a.Date
		}
		// Articles come newest first, so the last one seen on the earliest
		// date is the oldest; its first paragraph on the topic is the first
		// mention.
		if tl.First.Article == nil || !a.Date.After(tl.First.Article.Date) {
			tl.First = ParaRef{a, on[0]}
		}
	}
	slices.SortStableFunc(tl.Rows, func(x, y TimelineRow) int {
		return cmp.Or(earliest[x.Outlet].Compare(earliest[y.Outlet]), strings.Compare(x.Outlet, y.Outlet))
	})
	if tl.First.Article != nil {
		tl.FirstCol = tl.column(tl.First.Article.Date)
		tl.FirstRow = slices.IndexFunc(tl.Rows, func(r TimelineRow) bool {
			return r.Outlet == cmp.Or(strings.TrimSpace(tl.First.Article.Attribution()), UnknownOutlet)
		})
	}
	return tl
}

// column is the period holding date d.
func (tl *Timeline) column(d time.Time) int {
	s := tl.By.start(d)
	i, _ := slices.BinarySearchFunc(tl.Periods, s, time.Time.Compare)
	return i
}

// Max is the largest cell count, for shading.
func (tl *Timeline) Max() int {
	m := 0
	for _, r := range tl.Rows {
		for c := range r.Cells {
			m = max(m, r.Count(c))
		}
	}
	return m
}

// Markdown renders the timeline as a Markdown table: counts per cell, an
// empty cell for silence, the first mention starred.
func (tl *Timeline) Markdown(topicName string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "## Timeline: %s\n\n", topicName)
	if len(tl.Rows) == 0 {
		b.WriteString("No dated article covers this topic.\n")
		return b.String()
	}
	unit := "week of"
	if tl.By == Month {
		unit = "month"
	}
	fmt.Fprintf(&b, "Paragraphs per outlet and %s; * marks the first mention (%s, %s).\n\n", strings.TrimSuffix(unit, " of"), tl.First.Article.DateString(), tl.First.Link())
	b.WriteString("| outlet |")
	for _, p := range tl.Periods {
		b.WriteString(" " + tl.By.Label(p) + " |")
	}
	b.WriteString(" total |\n|---|")
	for range tl.Periods {
		b.WriteString("--:|")
	}
	b.WriteString("--:|\n")
	for r, row := range tl.Rows {
		b.WriteString("| " + escapeCell(row.Outlet) + " |")
		for c := range tl.Periods {
			cell := ""
			if n := row.Count(c); n > 0 {
				cell = strconv.Itoa(n)
			}
			if r == tl.FirstRow && c == tl.FirstCol {
				cell += "*"
			}
			b.WriteString(" " + cell + " |")
		}
		b.WriteString(" " + strconv.Itoa(row.Total) + " |\n")
	}
	if tl.Undated > 0 {
		fmt.Fprintf(&b, "\n%d more paragraphs are in undated articles.\n", tl.Undated)
	}
	return b.String()
}

// escapeCell keeps an outlet's name from breaking the table.
func escapeCell(s string) string { return strings.ReplaceAll(s, "|", `\|`) }
