package cli

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"briefing/model"
)

func newList(e env, c *common) *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "list [--json] [PATH...]",
		Short: "List the articles with their dates, sources and topic counts",
		Long: `List prints one row per article, newest first: its id (use it with 'show'),
date, title, source, paragraph count and how many paragraphs speak to each
topic. --json prints JSON Lines instead.`,
		Args: cobra.ArbitraryArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			corpus, err := loadSummaries(e, c, args)
			if err != nil {
				return err
			}
			if asJSON {
				return listJSON(e, corpus)
			}
			listTable(e, corpus)
			return nil
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON Lines: {id, title, date, source, paragraphs, topics}")
	return cmd
}

// topicCounts is a {"topic id": count} object that keeps topic order.
type topicCounts struct {
	keys   []string // the topic ids, quoted once per listing
	counts []int
}

// quotedTopicIDs is the topic ids as JSON strings.
func quotedTopicIDs(topics []model.Topic) []string {
	keys := make([]string, len(topics))
	for i, t := range topics {
		key, _ := json.Marshal(t.ID)
		keys[i] = string(key)
	}
	return keys
}

func (t topicCounts) MarshalJSON() ([]byte, error) {
	b := make([]byte, 0, 16*len(t.keys))
	b = append(b, '{')
	for i, key := range t.keys {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, key...)
		b = append(b, ':')
		b = strconv.AppendInt(b, int64(t.counts[i]), 10)
	}
	return append(b, '}'), nil
}

type listRow struct {
	ID         string      `json:"id"`
	Title      string      `json:"title"`
	Date       string      `json:"date"`
	Source     string      `json:"source"`
	Paragraphs int         `json:"paragraphs"`
	Topics     topicCounts `json:"topics"`
}

func listJSON(e env, corpus *model.Corpus) error {
	enc := newJSONLines(e.stdout)
	keys := quotedTopicIDs(corpus.Topics)
	for _, a := range corpus.Articles {
		row := listRow{a.ID, a.Title, a.DateString(), a.Attribution(), a.NumParagraphs(), topicCounts{keys, a.TopicCounts}}
		if err := enc.Encode(row); err != nil {
			return err
		}
	}
	return enc.Flush()
}

func listTable(e env, corpus *model.Corpus) {
	t := table{header: []string{"ID", "DATE", "TITLE", "SOURCE", "¶", "TOPICS"}, max: []int{0, 10, 48, 24, 4, 0}}
	for _, a := range corpus.Articles {
		t.rows = append(t.rows, []string{a.ID, orDash(a.DateString()), a.Title, orDash(a.Attribution()), strconv.Itoa(a.NumParagraphs()), topicBadges(corpus.Topics, a.TopicCounts)})
	}
	t.write(e.stdout)
}

// topicBadges is "SEC 3 TER 1" for the topics an article covers.
func topicBadges(topics []model.Topic, counts []int) string {
	var parts []string
	for i, n := range counts {
		if n > 0 {
			parts = append(parts, fmt.Sprintf("%s %d", topics[i].Badge, n))
		}
	}
	return strings.Join(parts, "  ")
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
