package cli

import (
	"errors"
	"fmt"
	"io"

	"charm.land/bubbles/v2/progress"
	"github.com/charmbracelet/x/ansi"
	"github.com/spf13/cobra"

	"briefing/library"
)

func newFetch(e env, c *common) *cobra.Command {
	var o fetchOptions
	cmd := &cobra.Command{
		Use:   "fetch",
		Short: "Pull the new articles of every feed in the library",
		Long: `fetch reads every feed in LIBRARY/feeds.yaml (see 'briefing add --feed') and
saves its new articles, as 'briefing add' does: four downloads at a time,
one at a time per site, asking each feed only for what changed since the last
fetch. An article the feed marks as changed since it was saved is fetched
again, and kept as NAME~1.md when its text changed.

On a terminal a progress bar shows how far it is; otherwise it prints one
line per article. It ends with a summary: "12 new, 3 updated, 2 failed".
The exit status is 1 when anything failed. ctrl+c stops it and leaves no
partial file.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			lib, err := openLibrary(e, c, o)
			if err != nil {
				return err
			}
			feeds, err := lib.Feeds()
			if err != nil {
				return err
			}
			if len(feeds) == 0 {
				fmt.Fprintf(e.stderr, "briefing: no feeds in %s yet: follow one with 'briefing add --feed URL'\n", lib.Dir)
				return nil
			}
			ctx, stop := interruptible(cmd.Context())
			defer stop()
			p := newFetchProgress(e)
			sum, err := lib.Fetch(ctx, p.report)
			p.finish()
			if errors.Is(err, ctx.Err()) && err != nil {
				return fmt.Errorf("interrupted after %s; nothing partial was saved", summaryLine(sum))
			}
			if err != nil {
				return err
			}
			fmt.Fprintln(e.stdout, summaryLine(sum))
			if sum.Failed > 0 {
				return fmt.Errorf("%d failed", sum.Failed)
			}
			return nil
		},
	}
	addFetchFlags(cmd, &o)
	return cmd
}

// summaryLine is "12 new, 3 updated, 2 failed (see above)".
func summaryLine(s library.Summary) string {
	line := fmt.Sprintf("%d new, %d updated, %d failed", s.New, s.Updated, s.Failed)
	if s.Failed > 0 {
		line += " (see above)"
	}
	return line
}

// fetchProgress shows fetch's progress: a bar on a terminal, else a line
// per article. Failures are always a line of their own, on stderr.
type fetchProgress struct {
	e       env
	bar     *progress.Model
	noColor bool
	shown   bool // the bar is on screen
}

func newFetchProgress(e env) *fetchProgress {
	p := &fetchProgress{e: e, noColor: e.getenv("NO_COLOR") != ""}
	if e.isTerminal(e.stdout) {
		width := e.termWidth(e.stdout)
		if width <= 0 {
			width = 80
		}
		bar := progress.New(progress.WithWidth(min(max(width-16, 10), 60)), progress.WithDefaultBlend())
		p.bar = &bar
	}
	return p
}

func (p *fetchProgress) report(ev library.Event) {
	var line string
	var to io.Writer = p.e.stdout
	switch {
	case ev.Feed == "":
		// The start: the bar appears at 0 %.
	case ev.Err != nil && ev.Item:
		line, to = fmt.Sprintf("briefing: %s: %v", ev.Result.URL, ev.Err), p.e.stderr
	case ev.Err != nil:
		line, to = fmt.Sprintf("briefing: feed %s: %v", ev.Feed, ev.Err), p.e.stderr
	case p.bar == nil && ev.Result.Status != library.Unchanged:
		line = resultLine(ev.Result)
	}
	if p.bar == nil {
		if line != "" {
			fmt.Fprintln(to, line)
		}
		return
	}
	p.clear()
	if line != "" {
		fmt.Fprintln(to, line)
	}
	if ev.Total > 0 {
		view := p.bar.ViewAs(float64(ev.Done) / float64(ev.Total))
		if p.noColor {
			view = ansi.Strip(view)
		}
		fmt.Fprintf(p.e.stdout, "%s %d/%d", view, ev.Done, ev.Total)
		p.shown = true
	}
}

// clear removes the bar so that a line can be printed in its place.
func (p *fetchProgress) clear() {
	if p.shown {
		fmt.Fprint(p.e.stdout, "\r"+ansi.EraseEntireLine)
		p.shown = false
	}
}

func (p *fetchProgress) finish() {
	if p.bar != nil {
		p.clear()
	}
}
