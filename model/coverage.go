package model

import (
	"slices"
	"strings"
)

// Grouping says what a coverage matrix's rows are.
type Grouping uint8

const (
	ByArticle Grouping = iota // one row per article, in corpus order
	ByOutlet                  // one row per outlet, by name
)

// ParseGrouping reads "article" or "outlet".
func ParseGrouping(s string) (Grouping, bool) {
	switch s {
	case "article":
		return ByArticle, true
	case "outlet":
		return ByOutlet, true
	}
	return ByArticle, false
}

func (g Grouping) String() string {
	if g == ByOutlet {
		return "outlet"
	}
	return "article"
}

// CoverageRow is one row of the coverage matrix: an article, or every
// article of one outlet. An article whose outlet is unknown is a row of its
// own even by outlet: two unknowns need not be the same outlet.
type CoverageRow struct {
	Outlet   string     // "" when unknown
	Articles []*Article // newest first, undated last
	Counts   []int      // paragraphs per topic, in topic order
}

// Label names the row for people: the outlet, or for an article of an
// unknown outlet its title.
func (r CoverageRow) Label(by Grouping) string {
	if by == ByOutlet && r.Outlet != "" {
		return r.Outlet
	}
	return r.Articles[0].Title
}

// Dates are the row's articles' dates, oldest first, as YYYY-MM-DD, with
// "undated" last when an article has no date.
func (r CoverageRow) Dates() []string {
	var dates []string
	undated := false
	for _, a := range r.Articles {
		if a.HasDate() {
			dates = append(dates, a.DateString())
		} else {
			undated = true
		}
	}
	slices.Sort(dates)
	dates = slices.Compact(dates)
	if undated {
		dates = append(dates, "undated")
	}
	return dates
}

// Covers reports whether any of the row's articles speaks to topic ti.
func (r CoverageRow) Covers(ti int) bool { return ti >= 0 && ti < len(r.Counts) && r.Counts[ti] > 0 }

// CoverageBy is the coverage matrix: per row, how many paragraphs speak to
// each topic; a zero is silence. By outlet, rows are ordered by outlet name,
// unknown outlets last in corpus order. A wire copy counts once, for the
// article that stands for its story (Story): copies add no rows or counts.
func (c *Corpus) CoverageBy(by Grouping) []CoverageRow { return c.coverage(by, false) }

// coverage is CoverageBy, with copies counted for their own outlets when
// withCopies is set.
func (c *Corpus) coverage(by Grouping, withCopies bool) []CoverageRow {
	var rows []CoverageRow
	index := map[string]int{} // outlet, folded → row
	for _, a := range c.Articles {
		if !withCopies && c.IsCopy(a) {
			continue
		}
		key := strings.ToLower(a.Source)
		if i, ok := index[key]; ok && by == ByOutlet && key != "" {
			rows[i].Articles = append(rows[i].Articles, a)
			for t, n := range a.TopicCounts {
				rows[i].Counts[t] += n
			}
			continue
		}
		index[key] = len(rows)
		rows = append(rows, CoverageRow{Outlet: a.Source, Articles: []*Article{a}, Counts: slices.Clone(a.TopicCounts)})
	}
	if by == ByOutlet {
		slices.SortStableFunc(rows, func(x, y CoverageRow) int {
			switch {
			case x.Outlet == "" || y.Outlet == "":
				return strings.Compare(y.Outlet, x.Outlet) // the known one first
			}
			return strings.Compare(strings.ToLower(x.Outlet), strings.ToLower(y.Outlet))
		})
	}
	return rows
}

// Silence is an outlet (or an article of an unknown outlet) that says
// nothing on a topic, with the dates of its articles.
type Silence struct {
	Outlet  string   `json:"outlet,omitempty"`
	Article string   `json:"article,omitempty"` // for an unknown outlet: the article's id
	Title   string   `json:"title,omitempty"`   // and title
	Dates   []string `json:"dates"`             // YYYY-MM-DD, oldest first
	Undated bool     `json:"undated,omitempty"` // an article has no date
}

// String is "AP (2025-04-30, 2025-11-30)", or for an unknown outlet
// "“Title” (unknown outlet, 2025-04-18)".
func (s Silence) String() string {
	name, details := s.Outlet, slices.Clone(s.Dates)
	if name == "" {
		name, details = "“"+s.Title+"”", append([]string{"unknown outlet"}, details...)
	}
	if s.Undated {
		details = append(details, "undated")
	}
	if len(details) == 0 {
		return name
	}
	return name + " (" + strings.Join(details, ", ") + ")"
}

// SilentOn lists who says nothing on topic ti: every outlet none of whose
// articles covers it, and every article of an unknown outlet that does not.
// An outlet that ran a wire copy on the topic is not silent on it.
func (c *Corpus) SilentOn(ti int) []Silence {
	out := []Silence{}
	for _, r := range c.coverage(ByOutlet, true) {
		if r.Covers(ti) {
			continue
		}
		s := Silence{Outlet: r.Outlet, Dates: []string{}}
		for _, d := range r.Dates() {
			if d == "undated" {
				s.Undated = true
			} else {
				s.Dates = append(s.Dates, d)
			}
		}
		if r.Outlet == "" {
			s.Article, s.Title = r.Articles[0].ID, r.Articles[0].Title
		}
		out = append(out, s)
	}
	return out
}

// notCoveredBy is the line that ends a topic in an export.
func notCoveredBy(silent []Silence) string {
	if len(silent) == 0 {
		return "Not covered by: none."
	}
	parts := make([]string, len(silent))
	for i, s := range silent {
		parts[i] = s.String()
	}
	return "Not covered by: " + strings.Join(parts, ", ") + "."
}
