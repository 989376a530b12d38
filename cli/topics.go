package cli

import (
	"strconv"

	"github.com/spf13/cobra"

	"briefing/model"
)

func newTopics(e env, c *common) *cobra.Command {
	var asJSON bool
	var add, badge string
	cmd := &cobra.Command{
		Use:   "topics [--json] [PATH...] | topics --add NAME [--badge B] QUERY [PATH...]",
		Short: "List the topics with their descriptions and how often the corpus covers them",
		Args:  cobra.ArbitraryArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if cmd.Flags().Changed("add") {
				return addTopic(cmd, e, c, add, badge, args)
			}
			corpus, err := loadSummaries(e, c, args)
			if err != nil {
				return err
			}
			paras, arts := corpus.TopicTotals()
			if asJSON {
				return topicsJSON(e, corpus.Topics, paras, arts)
			}
			t := table{header: []string{"#", "ID", "BADGE", "¶", "ARTICLES", "DESCRIPTION"}, max: []int{0, 0, 0, 0, 0, 70}}
			for i, topic := range corpus.Topics {
				t.rows = append(t.rows, []string{strconv.Itoa(i + 1), topic.ID, topic.Badge, strconv.Itoa(paras[i]), strconv.Itoa(arts[i]) + "/" + strconv.Itoa(len(corpus.Articles)), topic.Description})
			}
			t.write(e.stdout)
			return nil
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON Lines: {id, name, badge, description, paragraphs, articles}")
	cmd.Flags().StringVar(&add, "add", "", "save the search QUERY as topic `NAME` in your topics file ($XDG_CONFIG_HOME/briefing/topics.yaml)")
	cmd.Flags().StringVar(&badge, "badge", "", "with --add: the topic's badge, up to 5 letters (default: from the name)")
	return cmd
}

type topicJSON struct {
	ID          string `json:"id"`
	Name        string `json:"name"`
	Badge       string `json:"badge"`
	Description string `json:"description"`
	Paragraphs  int    `json:"paragraphs"`
	Articles    int    `json:"articles"`
}

func topicsJSON(e env, topics []model.Topic, paras, arts []int) error {
	enc := newJSONLines(e.stdout)
	for i, t := range topics {
		if err := enc.Encode(topicJSON{t.ID, t.Name, t.Badge, t.Description, paras[i], arts[i]}); err != nil {
			return err
		}
	}
	return enc.Flush()
}
