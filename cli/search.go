package cli

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/charmbracelet/x/ansi"
	"github.com/spf13/cobra"

	"briefing/model"
)

// colourOptions are --width and --color for plain-text outputs.
type colourOptions struct {
	width int
	color string
}

func (o *colourOptions) addFlags(cmd *cobra.Command) {
	cmd.Flags().IntVar(&o.width, "width", 0, "fit `N` columns (default: the terminal's width, else 80)")
	cmd.Flags().StringVar(&o.color, "color", "auto", "colour output: auto (when stdout is a terminal), always or never; NO_COLOR is honoured")
}

// resolve decides the width and whether to colour.
func (o colourOptions) resolve(cmd *cobra.Command, e env) (width int, colour bool, err error) {
	switch o.color {
	case "auto", "always", "never":
	default:
		return 0, false, usageError{err: fmt.Errorf("--color must be auto, always or never, not %q", o.color), usage: cmd.UseLine()}
	}
	if err := checkWidth(cmd, o.width); err != nil {
		return 0, false, err
	}
	colour = o.color == "always" || (o.color == "auto" && e.isTerminal(e.stdout) && e.getenv("NO_COLOR") == "")
	width = o.width
	if width == 0 {
		width = e.termWidth(e.stdout)
	}
	if width <= 0 {
		width = 80
	}
	return min(width, 1000), colour, nil
}

func newSearch(e env, c *common) *cobra.Command {
	var (
		asJSON bool
		order  string
		limit  int
		out    colourOptions
	)
	cmd := &cobra.Command{
		Use:   "search [--json] [--order newest|relevance] [--limit N] QUERY [PATH...]",
		Short: "Find paragraphs across every article",
		Long: `Search prints every paragraph that matches QUERY, newest article first (or
by relevance), with its date, outlet, title, address (ID#pN) and the hit in
context. QUERY is one argument (quote it in the shell):

  words            all of them, anywhere in the paragraph (plurals folded)
  "exact phrase"   the words in sequence
  word*            any word starting so
  -word            paragraphs without it (-"a phrase" too)
  #topic           paragraphs on a topic (id, badge or prefix); -#topic: not on it
  source:reuters   articles whose outlet contains it
  after:2025-11-01 articles dated on or after; before: is strictly before`,
		Args: exactArgs(1, "QUERY"),
		RunE: func(cmd *cobra.Command, args []string) error {
			var opts model.SearchOptions
			switch order {
			case "newest":
			case "relevance":
				opts.Order = model.Relevance
			default:
				return usageError{err: fmt.Errorf("--order must be newest or relevance, not %q", order), usage: cmd.UseLine()}
			}
			if limit < 0 {
				return usageError{err: fmt.Errorf("--limit must be positive"), usage: cmd.UseLine()}
			}
			opts.Limit = limit
			width, colour, err := out.resolve(cmd, e)
			if err != nil {
				return err
			}
			corpus, err := loadCorpus(e, c, args[1:])
			if err != nil {
				return err
			}
			q, err := model.ParseQuery(args[0], corpus)
			if err != nil {
				return fmt.Errorf("query: %w", err)
			}
			res, err := corpus.Search(context.Background(), q, opts)
			if err != nil {
				return err
			}
			if asJSON {
				return searchJSON(e.stdout, res)
			}
			return searchText(e.stdout, res, width, colour)
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, `print JSON Lines: {"article","title","date","source","paragraph","link","text","hits":[{"start","end"}],"score"}`)
	cmd.Flags().StringVar(&order, "order", "newest", "newest (article date) or relevance")
	cmd.Flags().IntVar(&limit, "limit", 0, "print at most `N` paragraphs (default 200; 0 for the default)")
	out.addFlags(cmd)
	return cmd
}

type hitJSON struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

type searchResultJSON struct {
	Article   string    `json:"article"`
	Title     string    `json:"title"`
	Date      string    `json:"date"`
	Source    string    `json:"source"`
	Paragraph int       `json:"paragraph"`
	Link      string    `json:"link"`
	Text      string    `json:"text"`
	Hits      []hitJSON `json:"hits"`
	Score     float64   `json:"score,omitempty"`
}

func searchJSON(w io.Writer, res *model.Results) error {
	enc := newJSONLines(w)
	for _, r := range res.Items {
		hits := make([]hitJSON, len(r.Hits))
		for i, h := range r.Hits {
			hits[i] = hitJSON{h.Start, h.End}
		}
		a := r.Article
		if err := enc.Encode(searchResultJSON{a.ID, a.Title, a.DateString(), a.Attribution(), r.Para + 1, r.Link().String(), r.Paragraph().Text, hits, r.Score}); err != nil {
			return err
		}
	}
	return enc.Flush()
}

// Hits are reverse video on a colour terminal and «marked» without one.
const (
	hitOn, hitOff         = "\x1b[1;7m", "\x1b[0m"
	hitOnPlain, hitOffPln = "«", "»"
)

func searchText(w io.Writer, res *model.Results, width int, colour bool) error {
	var b strings.Builder
	switch {
	case res.Total == 0:
		b.WriteString("no paragraph matches\n")
	default:
		by := "newest first"
		if res.Order == model.Relevance {
			by = "most relevant first"
		}
		fmt.Fprintf(&b, "%d %s in %d %s, %s", res.Total, plural(res.Total, "paragraph"), res.Articles, plural(res.Articles, "article"), by)
		if len(res.Items) < res.Total {
			fmt.Fprintf(&b, "; the first %d (--limit)", len(res.Items))
		}
		b.WriteString("\n")
	}
	on, off := hitOnPlain, hitOffPln
	if colour {
		on, off = hitOn, hitOff
	}
	// Columns line up across rows; the address is kept whole, as it is
	// what a reader copies, and the title takes what is left.
	outletW, linkW := 1, 0
	for _, r := range res.Items {
		outletW = max(outletW, min(20, ansi.StringWidth(r.Article.Attribution())))
		linkW = max(linkW, len(r.Link().String()))
	}
	titleW := max(width-10-outletW-linkW-6, 12)
	pad := func(s string, w int) string {
		s = ansi.Truncate(s, w, "…")
		return s + strings.Repeat(" ", max(0, w-ansi.StringWidth(s)))
	}
	for _, r := range res.Items {
		a := r.Article
		date, outlet := a.DateString(), a.Attribution()
		if date == "" {
			date = "-"
		}
		if outlet == "" {
			outlet = "-"
		}
		fmt.Fprintf(&b, "%s  %s  %s  %s\n", pad(date, 10), pad(outlet, outletW), pad(a.Title, titleW), r.Link())
		snip, hits := model.Snippet(r.Paragraph().Text, r.Hits, width-4)
		b.WriteString("  " + mark(snip, hits, on, off) + "\n")
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// mark wraps each hit of s in on and off.
func mark(s string, hits []model.Range, on, off string) string {
	var b strings.Builder
	at := 0
	for _, h := range hits {
		b.WriteString(s[at:h.Start] + on + s[h.Start:h.End] + off)
		at = h.End
	}
	b.WriteString(s[at:])
	return b.String()
}

func plural(n int, word string) string {
	if n == 1 {
		return word
	}
	return word + "s"
}
