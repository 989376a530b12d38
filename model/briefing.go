package model

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"
)

// Excerpt is one paragraph in a briefing with what its citation needs. It
// carries its own text so a briefing survives its article being removed.
type Excerpt struct {
	ArticleID string    `json:"article"`
	Title     string    `json:"title"`
	Source    string    `json:"source,omitempty"` // the outlet
	URL       string    `json:"url,omitempty"`
	Date      time.Time `json:"-"`
	Index     int       `json:"paragraph"`
	Text      string    `json:"text"`
	Note      string    `json:"note,omitempty"`
	Missing   bool      `json:"source_missing,omitempty"` // the article is no longer loaded
}

// Citation is "Title, Source, YYYY-MM-DD, ¶N", leaving out what is unknown.
// CitationMarkdown and CitationText add the URL.
func (e Excerpt) Citation() string {
	return strings.Join(append([]string{e.Title}, e.citeParts()...), ", ")
}

// Group is the excerpts under one topic; TopicID is empty for the
// ungrouped ones.
type Group struct {
	TopicID  string    `json:"topic,omitempty"`
	Name     string    `json:"name"`
	Excerpts []Excerpt `json:"excerpts"`
	// Silent is who says nothing on the topic, for a briefing of the whole
	// corpus; nil when not known (a briefing of pins).
	Silent []Silence `json:"not_covered_by,omitempty"`
}

// Briefing is a document to hand over: grouped excerpts with citations.
type Briefing struct {
	Title  string    `json:"title"`
	Made   time.Time `json:"made"`
	Groups []Group   `json:"groups"`
}

// ExcerptOf builds the excerpt of paragraph i of a.
func ExcerptOf(a *Article, i int) Excerpt {
	p := a.Paragraphs[i]
	return Excerpt{ArticleID: a.ID, Title: a.Title, Source: a.Attribution(), URL: a.URL, Date: a.Date, Index: p.Index, Text: p.Text}
}

// TopicBriefing collects every paragraph on the given topics across the
// corpus, grouped by topic, oldest article first, so a reader can follow
// how a question moved over time. Undated articles come last.
func TopicBriefing(c *Corpus, topics []int, made time.Time) Briefing {
	b := Briefing{Title: "Briefing", Made: made}
	names := make([]string, 0, len(topics))
	articles := slices.Clone(c.Articles)
	slices.SortStableFunc(articles, func(x, y *Article) int { return byDate(x, y, 1) })
	for _, ti := range topics {
		t := c.Topics[ti]
		names = append(names, t.Name)
		g := Group{TopicID: t.ID, Name: t.Name, Silent: c.SilentOn(ti)}
		for _, a := range articles {
			on := a.ParagraphsOn(ti)
			if len(on) == 0 {
				continue
			}
			full, err := c.readText(a)
			if err != nil {
				continue // gone since the corpus was loaded
			}
			for _, i := range on {
				if i < len(full.Paragraphs) {
					g.Excerpts = append(g.Excerpts, ExcerptOf(full, i))
				}
			}
		}
		b.Groups = append(b.Groups, g)
	}
	if len(names) > 0 {
		b.Title = "Briefing: " + strings.Join(names, ", ")
	}
	return b
}

// Markdown renders the briefing: a title, the date it was made, then per
// topic a heading and each excerpt as a block quote with its citation.
func (b Briefing) Markdown() string {
	var s strings.Builder
	fmt.Fprintf(&s, "# %s\n\n", b.Title)
	fmt.Fprintf(&s, "Made %s.\n", b.Made.Format(time.DateOnly))
	for _, g := range b.Groups {
		fmt.Fprintf(&s, "\n## %s\n", g.Name)
		if len(g.Excerpts) == 0 {
			s.WriteString("\nNo coverage.\n")
		}
		for _, e := range g.Excerpts {
			s.WriteString("\n")
			for line := range strings.SplitSeq(e.Text, "\n") {
				fmt.Fprintf(&s, "> %s\n", markdownText(line))
			}
			fmt.Fprintf(&s, "\n— %s", e.CitationMarkdown())
			if e.Missing {
				s.WriteString(" (source no longer loaded)")
			}
			s.WriteString("\n")
			if e.Note != "" {
				fmt.Fprintf(&s, "\n**Note:** %s\n", strings.ReplaceAll(markdownText(e.Note), "\n", "  \n"))
			}
		}
		if g.Silent != nil {
			fmt.Fprintf(&s, "\n%s\n", markdownText(notCoveredBy(g.Silent)))
		}
	}
	return s.String()
}

// markdownText keeps article text literal in Markdown without making it
// unreadable: emphasis and code markers are escaped, and so is HTML.
var markdownText = strings.NewReplacer(`\`, `\\`, "*", `\*`, "_", `\_`, "`", "\\`", "<", "&lt;", ">", "&gt;").Replace

// JSON is the briefing as data.
func (b Briefing) JSON() ([]byte, error) {
	type excerptJSON struct {
		Excerpt
		Date     string `json:"date,omitempty"`
		Citation string `json:"citation"`
	}
	type groupJSON struct {
		TopicID      string        `json:"topic,omitempty"`
		Name         string        `json:"name"`
		Excerpts     []excerptJSON `json:"excerpts"`
		NotCoveredBy *[]Silence    `json:"not_covered_by,omitempty"`
	}
	out := struct {
		Title  string      `json:"title"`
		Made   string      `json:"made"`
		Groups []groupJSON `json:"groups"`
	}{Title: b.Title, Made: b.Made.Format(time.DateOnly), Groups: []groupJSON{}}
	for _, g := range b.Groups {
		gj := groupJSON{TopicID: g.TopicID, Name: g.Name, Excerpts: []excerptJSON{}}
		if g.Silent != nil {
			gj.NotCoveredBy = &g.Silent
		}
		for _, e := range g.Excerpts {
			ej := excerptJSON{Excerpt: e, Citation: e.Citation()}
			if !e.Date.IsZero() {
				ej.Date = e.Date.Format(time.DateOnly)
			}
			gj.Excerpts = append(gj.Excerpts, ej)
		}
		out.Groups = append(out.Groups, gj)
	}
	return json.MarshalIndent(out, "", "  ")
}

// Text renders the briefing as plain text wrapped at width, for email.
func (b Briefing) Text(width int) string {
	width = max(width, 20)
	var s strings.Builder
	s.WriteString(b.Title + "\n" + strings.Repeat("=", min(len([]rune(b.Title)), width)) + "\n")
	fmt.Fprintf(&s, "Made %s.\n", b.Made.Format(time.DateOnly))
	for _, g := range b.Groups {
		fmt.Fprintf(&s, "\n%s\n%s\n", g.Name, strings.Repeat("-", min(len([]rune(g.Name)), width)))
		if len(g.Excerpts) == 0 {
			s.WriteString("\nNo coverage.\n")
		}
		for _, e := range g.Excerpts {
			s.WriteString("\n")
			for _, l := range wrapWords(e.Text, width-2) {
				s.WriteString("  " + l + "\n")
			}
			cite := "— " + e.CitationText()
			if e.Missing {
				cite += " (source no longer loaded)"
			}
			for _, l := range wrapWords(cite, width-2) {
				s.WriteString("  " + l + "\n")
			}
			if e.Note != "" {
				for _, l := range wrapWords("Note: "+e.Note, width) {
					s.WriteString(l + "\n")
				}
			}
		}
		if g.Silent != nil {
			s.WriteString("\n")
			for _, l := range wrapWords(notCoveredBy(g.Silent), width) {
				s.WriteString(l + "\n")
			}
		}
	}
	return s.String()
}

// wrapWords wraps plain text at width runes on spaces.
func wrapWords(t string, width int) []string {
	var lines []string
	for para := range strings.SplitSeq(t, "\n") {
		line := ""
		for _, w := range strings.Fields(para) {
			switch {
			case line == "":
				line = w
			case len([]rune(line))+1+len([]rune(w)) > width:
				lines = append(lines, line)
				line = w
			default:
				line += " " + w
			}
		}
		lines = append(lines, line)
	}
	return lines
}
