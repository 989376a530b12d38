package cli

import (
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/spf13/cobra"

	"briefing/internal/safefile"
	"briefing/model"
	"briefing/store"
)

func newExport(e env, c *common) *cobra.Command {
	var (
		topics []string
		pins   bool
		format string
		output string
		force  bool
		tl     timelineFlag
	)
	cmd := &cobra.Command{
		Use:   "export [--topic ID]... [--pins] [--format md|json|txt] [-o FILE [--force]] [--state DIR] [PATH...]",
		Short: "Export a briefing with citations",
		Long: `Export writes a briefing: with --pins, your pinned paragraphs and notes in
the order you gave them in the app; with --topic (repeatable), every
paragraph on those topics across the corpus, grouped by topic, oldest
article first. With both, your pins on those topics. Each excerpt is cited
as "— Title, Source, YYYY-MM-DD, ¶N", leaving out what is unknown.`,
		Args: cobra.ArbitraryArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			switch format {
			case "md", "json", "txt":
			default:
				return usageError{err: fmt.Errorf("--format must be md, json or txt, not %q", format), usage: cmd.UseLine()}
			}
			if err := tl.check(cmd, format, topics); err != nil {
				return err
			}
			if !pins && len(topics) == 0 {
				return usageError{err: errors.New("say what to export: --pins, --topic ID, or both"), usage: cmd.UseLine()}
			}
			toFile := output != "" && output != "-"
			if toFile {
				// Refuse before any work, and again (atomically) when writing.
				if err := checkOutput(output, force, c.state); err != nil {
					return err
				}
			}
			corpus, err := loadCorpus(e, c, args)
			if err != nil {
				return err
			}
			var idx []int
			var ids []string // as pins record them, whatever the user typed
			for _, ref := range topics {
				i, err := topicArg(cmd, corpus, ref)
				if err != nil {
					return err
				}
				idx = append(idx, i)
				ids = append(ids, corpus.Topics[i].ID)
			}
			var b model.Briefing
			if pins {
				if b, err = pinBriefing(c.state, corpus, ids); err != nil {
					return err
				}
			} else {
				b = model.TopicBriefing(corpus, idx, time.Now())
			}
			out, err := renderBriefing(b, format)
			if err != nil {
				return err
			}
			out = tl.appendTo(out, corpus, idx)
			if !toFile {
				_, err = e.stdout.Write(out)
				return err
			}
			if err := safefile.Write(output, out, force); err != nil {
				return outputError(err)
			}
			fmt.Fprintf(e.stderr, "briefing: wrote %s\n", output)
			return nil
		},
	}
	cmd.Flags().StringArrayVar(&topics, "topic", nil, "export paragraphs on topic `ID` (repeatable)")
	cmd.Flags().BoolVar(&pins, "pins", false, "export your pinned paragraphs and notes")
	cmd.Flags().StringVar(&format, "format", "md", "md, json or txt")
	cmd.Flags().StringVarP(&output, "output", "o", "", "write to `FILE` instead of stdout (created 0600; never through a symbolic link)")
	cmd.Flags().BoolVar(&force, "force", false, "let -o replace an existing file")
	tl.addFlags(cmd)
	return cmd
}

func pinBriefing(state stateOptions, corpus *model.Corpus, topics []string) (model.Briefing, error) {
	// Reading only: a read-only state folder still exports.
	var all []model.Pin
	st, err := state.openReadOnly()
	switch {
	case errors.Is(err, store.ErrNoDatabase):
		// Nothing pinned yet: an empty briefing.
	case err != nil:
		return model.Briefing{}, err
	default:
		defer st.Close()
		if all, err = st.Pins(localUser()); err != nil {
			return model.Briefing{}, err
		}
	}
	if len(topics) > 0 {
		all = slices.DeleteFunc(all, func(p model.Pin) bool { return !slices.Contains(topics, p.Topic) })
	}
	return model.PinBriefing(model.GroupPins(all, corpus.Topics), corpus, time.Now()), nil
}

func renderBriefing(b model.Briefing, format string) ([]byte, error) {
	switch format {
	case "json":
		out, err := b.JSON()
		return append(out, '\n'), err
	case "txt":
		return []byte(b.Text(72)), nil
	}
	return []byte(b.Markdown()), nil
}
