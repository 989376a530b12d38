package cli

import (
	"errors"
	"fmt"

	"github.com/spf13/cobra"

	"briefing/library"
)

func newAdd(e env, c *common) *cobra.Command {
	var o fetchOptions
	var feed, force bool
	cmd := &cobra.Command{
		Use:   "add [--feed] [--force] URL...",
		Short: "Save articles from links, or follow feeds, in the library",
		Long: `add downloads each page, keeps the story (title, author, outlet, date and
paragraphs, without the site's navigation, ads and comments) and saves it as
Markdown in the library: LIBRARY/<outlet>/<date>_<title>.md.

A URL already in the library is not saved twice; --force downloads it again
and, when its text changed, keeps the earlier version as NAME~1.md.

With --feed each URL is an RSS, Atom or JSON feed: add checks it and lists
it in LIBRARY/feeds.yaml, and 'briefing fetch' pulls its articles.

Pages are fetched over http and https only, with a 10 s connect and 30 s
total timeout, at most 5 MiB and 5 redirects. The library is --library DIR,
else library: in $XDG_CONFIG_HOME/briefing/config.yaml, else
$XDG_DATA_HOME/briefing/articles.`,
		Example: `  briefing add https://example.com/news/talks-resume
  briefing add --feed https://example.com/world/rss.xml
  briefing add --force https://example.com/news/talks-resume`,
		Args: exactArgs(1, "URL"),
		RunE: func(cmd *cobra.Command, args []string) error {
			if feed && force {
				return usageError{err: errors.New("--force applies to articles, not feeds"), usage: cmd.UseLine()}
			}
			lib, err := openLibrary(e, c, o)
			if err != nil {
				return err
			}
			ctx, stop := interruptible(cmd.Context())
			defer stop()
			failed := 0
			for _, u := range args {
				if ctx.Err() != nil {
					break
				}
				var line string
				if feed {
					f, added, err := lib.AddFeed(ctx, u)
					switch {
					case err != nil:
						failed++
						fmt.Fprintf(e.stderr, "briefing: %s: %v\n", u, err)
					case added:
						line = fmt.Sprintf("following: %s (%s); 'briefing fetch' pulls its articles", f.URL, orDash(f.Title))
					default:
						line = "already followed: " + f.URL
					}
				} else {
					res, err := lib.Add(ctx, u, force)
					if err != nil {
						failed++
						fmt.Fprintf(e.stderr, "briefing: %s: %v\n", u, err)
					} else {
						line = resultLine(res)
					}
				}
				if line != "" {
					fmt.Fprintln(e.stdout, line)
				}
			}
			if err := ctx.Err(); err != nil {
				return errors.New("interrupted; nothing partial was saved")
			}
			if failed > 0 {
				return fmt.Errorf("%d of %d failed (see above)", failed, len(args))
			}
			return nil
		},
	}
	cmd.Flags().BoolVar(&feed, "feed", false, "each URL is a feed (RSS, Atom or JSON Feed) to follow")
	cmd.Flags().BoolVar(&force, "force", false, "download articles already in the library again")
	addFetchFlags(cmd, &o)
	return cmd
}

func addFetchFlags(cmd *cobra.Command, o *fetchOptions) {
	cmd.Flags().BoolVar(&o.denyPrivate, "deny-private", false, "refuse to connect to loopback, private and link-local addresses, also after redirects")
}

// resultLine is what add and fetch print for a saved article.
func resultLine(r library.Result) string {
	switch r.Status {
	case library.Exists:
		return "already in the library: " + r.Path
	case library.Updated:
		return fmt.Sprintf("updated: %s (the earlier text is kept as %s)", r.Path, r.Kept)
	case library.Added:
		return "added: " + r.Path
	}
	return r.Status.String() + ": " + r.Path
}
