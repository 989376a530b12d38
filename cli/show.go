package cli

import (
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"briefing/model"
	"briefing/ui/render"
)

// outputOptions are the flags that shape rendered output.
type outputOptions struct {
	width int
	color string
	style string
}

func (o *outputOptions) addFlags(cmd *cobra.Command) {
	cmd.Flags().IntVar(&o.width, "width", 0, "wrap at `N` columns (default: the terminal's width, else 80)")
	cmd.Flags().StringVar(&o.color, "color", "auto", "colour output: auto (when stdout is a terminal), always or never; NO_COLOR is honoured")
	cmd.Flags().StringVar(&o.style, "style", render.StyleDark, "rendering style: dark, light or notty")
}

// resolve checks the flags and decides the width and style to render with.
func (o outputOptions) resolve(cmd *cobra.Command, e env) (width int, style string, err error) {
	switch o.color {
	case "auto", "always", "never":
	default:
		return 0, "", usageError{err: fmt.Errorf("--color must be auto, always or never, not %q", o.color), usage: cmd.UseLine()}
	}
	if !render.ValidStyle(o.style) {
		return 0, "", usageError{err: fmt.Errorf("--style must be dark, light or notty, not %q", o.style), usage: cmd.UseLine()}
	}
	if err := checkWidth(cmd, o.width); err != nil {
		return 0, "", err
	}
	colour := o.color == "always" || (o.color == "auto" && e.isTerminal(e.stdout) && e.getenv("NO_COLOR") == "")
	style = o.style
	if !colour {
		style = render.StyleNoTTY
	}
	width = o.width
	if width == 0 {
		width = e.termWidth(e.stdout)
	}
	if width <= 0 {
		width = 80
	}
	return min(width, 1000), style, nil
}

func newShow(e env, c *common) *cobra.Command {
	var out outputOptions
	var topic string
	cmd := &cobra.Command{
		Use:   "show [flags] ARTICLE [PATH...]",
		Short: "Print an article as the reader shows it, with topic labels",
		Long: `Show renders one article with glamour, as the reader shows it. Tagged
paragraphs carry their topics as text labels ([territory]); --topic marks
that topic's paragraphs and sets its matched phrases in bold. ARTICLE is an
id from 'briefing list' (or a unique prefix of one) or a file path; a
paragraph address ID#pN (from 'briefing search') prints from paragraph N.`,
		Args: exactArgs(1, "ARTICLE"),
		RunE: func(cmd *cobra.Command, args []string) error {
			width, style, err := out.resolve(cmd, e)
			if err != nil {
				return err
			}
			ref, paths := args[0], args[1:]
			if len(paths) == 0 && looksLikePath(ref) && !model.LooksLikeLink(ref) {
				paths = []string{ref}
			}
			corpus, err := loadCorpus(e, c, paths)
			if err != nil {
				return err
			}
			ti, err := topicArg(cmd, corpus, topic)
			if err != nil {
				return err
			}
			a, para, err := findParagraph(corpus, ref)
			if err != nil {
				return err
			}
			page := render.NewRenderer(style).Article(a, corpus.Topics, render.PageOptions{Width: width, Topic: ti, Labels: render.LabelInline})
			// ID#pN starts at paragraph N.
			lines := page.Lines
			if para > 0 && para < len(page.ParaLine) {
				lines = lines[page.ParaLine[para]:]
			}
			_, err = io.WriteString(e.stdout, strings.Join(lines, "\n")+"\n")
			return err
		},
	}
	out.addFlags(cmd)
	cmd.Flags().StringVar(&topic, "topic", "", "mark the paragraphs on topic `ID` and emphasise its phrases")
	return cmd
}

// looksLikePath tells a file path from an article id, which never holds a
// slash or a dot.
func looksLikePath(s string) bool { return strings.ContainsAny(s, `/\.`) }

// minWidth is the narrowest output that still reads: below it words break
// mid-letter.
const minWidth = 20

// checkWidth refuses a --width too narrow to read (0 means the terminal's).
func checkWidth(cmd *cobra.Command, width int) error {
	if width != 0 && width < minWidth {
		return usageError{err: fmt.Errorf("--width must be at least %d", minWidth), usage: cmd.UseLine()}
	}
	return nil
}
