package cli

import (
	"bufio"
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
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON Lines: {id, title, date, source, author, paragraphs, topics, duplicates}")
	return cmd
}

// quotedTopicIDs is the topic ids as JSON strings, quoted once per listing.
func quotedTopicIDs(topics []model.Topic) []string {
	keys := make([]string, len(topics))
	for i, t := range topics {
		keys[i] = string(appendJSONString(nil, t.ID))
	}
	return keys
}

// listJSON writes a JSON line per article: {id, title, date, source (the
// outlet), author (the byline), paragraphs, topics: {topic id: count, in
// topic order}}.
func listJSON(e env, corpus *model.Corpus) error {
	out := bufio.NewWriterSize(e.stdout, 64<<10)
	keys := quotedTopicIDs(corpus.Topics)
	var line []byte
	for _, a := range corpus.Articles {
		line = appendListRow(line[:0], a, keys)
		line = appendDuplicates(line, corpus.Duplicates(a))
		if _, err := out.Write(line); err != nil {
			return err
		}
	}
	return out.Flush()
}

func appendListRow(b []byte, a *model.Article, topicKeys []string) []byte {
	b = append(b, `{"id":`...)
	b = appendJSONString(b, a.ID)
	b = append(b, `,"title":`...)
	b = appendJSONString(b, a.Title)
	b = append(b, `,"date":`...)
	b = appendJSONString(b, a.DateString())
	b = append(b, `,"source":`...)
	b = appendJSONString(b, a.Source)
	b = append(b, `,"author":`...)
	b = appendJSONString(b, a.Author)
	b = append(b, `,"paragraphs":`...)
	b = strconv.AppendInt(b, int64(a.NumParagraphs()), 10)
	b = append(b, `,"topics":{`...)
	for i, key := range topicKeys {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, key...)
		b = append(b, ':')
		b = strconv.AppendInt(b, int64(a.TopicCounts[i]), 10)
	}
	return append(b, "}}\n"...)
}

// appendDuplicates adds "duplicates":[ids of the story's other copies] to
// the row in b, which ends "}\n".
func appendDuplicates(b []byte, dups []*model.Article) []byte {
	b = append(b[:len(b)-2], `,"duplicates":[`...)
	for i, d := range dups {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendJSONString(b, d.ID)
	}
	return append(b, "]}\n"...)
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
