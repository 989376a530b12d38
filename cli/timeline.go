package cli

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/charmbracelet/x/ansi"
	"github.com/spf13/cobra"

	"briefing/model"
	"briefing/ui/render"
)

func newTimeline(e env, c *common) *cobra.Command {
	var (
		topic string
		by    string
		out   colourOptions
	)
	cmd := &cobra.Command{
		Use:   "timeline --topic ID [--by week|month] [PATH...]",
		Short: "Show when each outlet wrote about a topic",
		Long: `Timeline prints one row per outlet and one column per week (or month), from
the topic's first dated mention to its last. On a colour terminal each cell
is shaded by how many paragraphs the outlet gave the topic that week;
otherwise it holds the count, with · for none. The first mention of the
topic is marked (◆ shaded, * in counts). Undated articles are counted below.`,
		Args: cobra.ArbitraryArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if topic == "" {
				return usageError{err: fmt.Errorf("say which topic: --topic ID"), usage: cmd.UseLine()}
			}
			period, err := model.ParsePeriod(by)
			if err != nil {
				return usageError{err: fmt.Errorf("--by: %w", err), usage: cmd.UseLine()}
			}
			width, colour, err := out.resolve(cmd, e)
			if err != nil {
				return err
			}
			corpus, err := loadCorpus(e, c, args)
			if err != nil {
				return err
			}
			ti, err := topicArg(cmd, corpus, topic)
			if err != nil {
				return err
			}
			// Fit a terminal (or --width); a pipe gets every column.
			if out.width == 0 && e.termWidth(e.stdout) <= 0 {
				width = 0
			}
			_, err = io.WriteString(e.stdout, timelineText(corpus.Timeline(ti, period), corpus.Topics[ti].Name, width, colour))
			return err
		},
	}
	cmd.Flags().StringVar(&topic, "topic", "", "the topic `ID`")
	cmd.Flags().StringVar(&by, "by", "week", "columns: week or month")
	out.addFlags(cmd)
	return cmd
}

// timelineText lays the timeline out as text: outlets down the side,
// periods across. Wider than width (when not 0), it keeps the latest
// periods that fit and says so.
func timelineText(tl *model.Timeline, name string, width int, colour bool) string {
	var b strings.Builder
	if len(tl.Rows) == 0 {
		fmt.Fprintf(&b, "%s: no dated article covers it", name)
		if tl.Undated > 0 {
			fmt.Fprintf(&b, " (%d paragraphs in undated articles)", tl.Undated)
		}
		b.WriteString("\n")
		return b.String()
	}
	fmt.Fprintf(&b, "%s: paragraphs per outlet and %s; first mention %s, %s\n\n", name, tl.By, tl.First.Article.DateString(), tl.First.Link())
	cell := 0
	for _, p := range tl.Periods {
		cell = max(cell, len(tl.By.Label(p)))
	}
	outletW := 0
	for _, r := range tl.Rows {
		outletW = max(outletW, ansi.StringWidth(r.Outlet))
	}
	if width > 0 {
		outletW = min(outletW, max(12, width/4))
	}
	from := 0 // the first period shown
	if width > 0 {
		if fit := (width - outletW - 7) / (cell + 1); fit < len(tl.Periods) {
			from = len(tl.Periods) - max(fit, 1)
		}
	}
	most := tl.Max()
	pad := func(s string, w int) string { return s + strings.Repeat(" ", max(0, w-ansi.StringWidth(s))) }
	b.WriteString(pad("OUTLET", outletW))
	for _, p := range tl.Periods[from:] {
		b.WriteString(" " + pad(tl.By.Label(p), cell))
	}
	b.WriteString("  TOTAL\n")
	for r, row := range tl.Rows {
		b.WriteString(pad(ansi.Truncate(row.Outlet, outletW, "…"), outletW))
		for col := from; col < len(tl.Periods); col++ {
			n := row.Count(col)
			first := r == tl.FirstRow && col == tl.FirstCol
			var s string
			switch {
			case colour && n == 0:
				s = strings.Repeat(" ", cell)
			case colour:
				shade := render.Shades[render.ShadeLevel(n, most)]
				s = strings.Repeat(shade, cell)
				if first {
					s = "◆" + strings.Repeat(shade, cell-1)
				}
			case n == 0:
				s = pad("·", cell)
			default:
				s = strconv.Itoa(n)
				if first {
					s += "*"
				}
				s = pad(s, cell)
			}
			b.WriteString(" " + s)
		}
		b.WriteString("  " + strconv.Itoa(row.Total) + "\n")
	}
	if colour {
		fmt.Fprintf(&b, "\n%s 1 paragraph … %s %d; ◆ first mention\n", render.Shades[0], render.Shades[render.ShadeLevels-1], most)
	}
	if from > 0 {
		fmt.Fprintf(&b, "The last %d of %d %ss fit; --by month or a larger --width shows more. TOTAL counts them all.\n", len(tl.Periods)-from, len(tl.Periods), tl.By)
	}
	if tl.Undated > 0 {
		fmt.Fprintf(&b, "%d more paragraphs are in undated articles.\n", tl.Undated)
	}
	return b.String()
}
