package cli

import (
	"errors"

	"github.com/spf13/cobra"

	"briefing/model"
)

// timelineFlag is export's --timeline: a timeline table per exported topic,
// after the briefing.
type timelineFlag struct {
	by string // "" when not asked for
}

func (f *timelineFlag) addFlags(cmd *cobra.Command) {
	cmd.Flags().StringVar(&f.by, "timeline", "", "add a Markdown table per topic of when each outlet wrote about it, by `week|month`")
	cmd.Flags().Lookup("timeline").NoOptDefVal = "week"
}

// check refuses --timeline where it cannot go.
func (f timelineFlag) check(cmd *cobra.Command, format string, topics []string) error {
	if f.by == "" {
		return nil
	}
	if _, err := model.ParsePeriod(f.by); err != nil {
		return usageError{err: err, usage: cmd.UseLine()}
	}
	if format != "md" || len(topics) == 0 {
		return usageError{err: errors.New("--timeline needs --format md and at least one --topic"), usage: cmd.UseLine()}
	}
	return nil
}

// appendTo adds the timelines of the topic indexes to a Markdown export.
func (f timelineFlag) appendTo(out []byte, corpus *model.Corpus, topics []int) []byte {
	if f.by == "" {
		return out
	}
	by, _ := model.ParsePeriod(f.by)
	for _, ti := range topics {
		out = append(out, '\n')
		out = append(out, corpus.Timeline(ti, by).Markdown(corpus.Topics[ti].Name)...)
	}
	return out
}
