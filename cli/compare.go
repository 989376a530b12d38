package cli

import (
	"io"
	"strings"

	"github.com/spf13/cobra"

	"briefing/ui/render"
)

func newCompare(e env, c *common) *cobra.Command {
	var out outputOptions
	var topic string
	cmd := &cobra.Command{
		Use:   "compare [flags] A B [PATH...]",
		Short: "Print two articles side by side, aligned topic by topic",
		Long: `Compare prints two articles aligned topic by topic, as the app's comparison
does: for each topic a band with each article's paragraphs on it, "no
coverage" where one is silent. Below 100 columns the sides are printed one
after the other. A and B are ids (or unique prefixes) from 'briefing list'.`,
		Args: exactArgs(2, "articles A and B"),
		RunE: func(cmd *cobra.Command, args []string) error {
			width, style, err := out.resolve(cmd, e)
			if err != nil {
				return err
			}
			corpus, err := loadCorpus(e, c, args[2:])
			if err != nil {
				return err
			}
			ti, err := topicArg(cmd, corpus, topic)
			if err != nil {
				return err
			}
			left, err := corpus.Find(args[0])
			if err != nil {
				return err
			}
			right, err := corpus.Find(args[1])
			if err != nil {
				return err
			}
			st := render.NewStyles(style)
			o := render.CompareOptions{Width: width, Topic: ti, Stack: width < render.StackWidth}
			lines := render.Compare(st, corpus.Topics, left, right, o).Lines
			if o.Stack {
				o.Focus = 1
				lines = append(append(lines, ""), render.Compare(st, corpus.Topics, left, right, o).Lines...)
			}
			_, err = io.WriteString(e.stdout, strings.Join(lines, "\n")+"\n")
			return err
		},
	}
	out.addFlags(cmd)
	cmd.Flags().StringVar(&topic, "topic", "", "compare only topic `ID`")
	return cmd
}
