package cli

import (
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"briefing/model"
)

func newTag(e env, c *common) *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "tag [--json] [PATH...]",
		Short: "Print every paragraph with the topics it speaks to",
		Long: `Tag prints every paragraph in corpus order with its kind and topics.
--json prints JSON Lines with the normalised text and the matched spans
(byte offsets into the text, end exclusive).`,
		Args: cobra.ArbitraryArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			corpus, err := loadCorpus(e, c, args)
			if err != nil {
				return err
			}
			if asJSON {
				return tagJSON(e, corpus)
			}
			tagTable(e, corpus)
			return nil
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON Lines: {article, index, kind, text, topics, spans}")
	return cmd
}

type spanJSON struct {
	Topic string `json:"topic"`
	Start int    `json:"start"`
	End   int    `json:"end"`
}

type paragraphJSON struct {
	Article string     `json:"article"`
	Index   int        `json:"index"`
	Kind    string     `json:"kind"`
	Text    string     `json:"text"`
	Topics  []string   `json:"topics"`
	Spans   []spanJSON `json:"spans"`
}

func topicIDs(topics []model.Topic, set model.TopicSet) []string {
	ids := []string{}
	for _, i := range set.Indexes() {
		ids = append(ids, topics[i].ID)
	}
	return ids
}

func tagJSON(e env, corpus *model.Corpus) error {
	enc := newJSONLines(e.stdout)
	for _, a := range corpus.Articles {
		for _, p := range a.Paragraphs {
			spans := make([]spanJSON, len(p.Spans))
			for i, s := range p.Spans {
				spans[i] = spanJSON{corpus.Topics[s.Topic].ID, s.Start, s.End}
			}
			row := paragraphJSON{a.ID, p.Index, p.Kind.String(), p.Text, topicIDs(corpus.Topics, p.Topics), spans}
			if err := enc.Encode(row); err != nil {
				return err
			}
		}
	}
	return enc.Flush()
}

func tagTable(e env, corpus *model.Corpus) {
	t := table{header: []string{"ARTICLE", "¶", "KIND", "TOPICS", "TEXT"}, max: []int{32, 0, 0, 40, 60}}
	for _, a := range corpus.Articles {
		for _, p := range a.Paragraphs {
			t.rows = append(t.rows, []string{a.ID, strconv.Itoa(p.Index), p.Kind.String(), orDash(strings.Join(topicIDs(corpus.Topics, p.Topics), ",")), p.Text})
		}
	}
	t.write(e.stdout)
}
