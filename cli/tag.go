package cli

import (
	"slices"
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
		Long: `Tag prints every paragraph in corpus order with its kind and topics,
each article's title and standfirst first (index 0, kind "title" and
"standfirst"). --json prints JSON Lines with the normalised text and the
spans that gave each topic: a phrase that matched (byte offsets into the
text, end exclusive; "via":"phrase"), or a reference back to a topic named
earlier ("via":"reference", "ref":"the deal", "antecedent": the ¶ that
named it, 0 for the title or standfirst).`,
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
	Topic      string `json:"topic"`
	Start      int    `json:"start"`
	End        int    `json:"end"`
	Via        string `json:"via"`
	Ref        string `json:"ref,omitempty"`
	Antecedent *int   `json:"antecedent,omitempty"` // a pointer: ¶0 (the head) is a real antecedent
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
		for _, ps := range [][]model.Paragraph{a.Head, a.Paragraphs} {
			for _, p := range ps {
				row := paragraphJSON{a.ID, p.Index, p.Kind.String(), p.Text, topicIDs(corpus.Topics, p.Topics), spansJSON(corpus.Topics, p)}
				if err := enc.Encode(row); err != nil {
					return err
				}
			}
		}
	}
	return enc.Flush()
}

func spansJSON(topics []model.Topic, p model.Paragraph) []spanJSON {
	spans := make([]spanJSON, len(p.Spans))
	for i, s := range p.Spans {
		spans[i] = spanJSON{Topic: topics[s.Topic].ID, Start: s.Start, End: s.End, Via: s.Via.String()}
		switch s.Via {
		case model.ViaReference:
			spans[i].Ref = p.Text[s.Start:s.End]
			spans[i].Antecedent = &s.Antecedent
		case model.ViaThread:
			spans[i].Antecedent = &s.Antecedent
		}
	}
	return spans
}

func tagTable(e env, corpus *model.Corpus) {
	t := table{header: []string{"ARTICLE", "¶", "KIND", "TOPICS", "TEXT"}, max: []int{32, 0, 0, 40, 60}}
	for _, a := range corpus.Articles {
		for _, p := range slices.Concat(a.Head, a.Paragraphs) {
			t.rows = append(t.rows, []string{a.ID, strconv.Itoa(p.Index), p.Kind.String(), orDash(strings.Join(topicIDs(corpus.Topics, p.Topics), ",")), p.Text})
		}
	}
	t.write(e.stdout)
}
