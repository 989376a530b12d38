package cli

import (
	"bufio"
	"encoding/csv"
	"fmt"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"briefing/model"
)

func newCoverage(e env, c *common) *cobra.Command {
	var (
		asJSON, asCSV bool
		by            string
	)
	cmd := &cobra.Command{
		Use:   "coverage [--json|--csv] [--by outlet|article] [PATH...]",
		Short: "Print the coverage matrix: paragraphs per topic for each article or outlet",
		Long: `Coverage prints how many paragraphs each article (or, with --by outlet, each
outlet) has on each topic; · marks silence. An article whose outlet is
unknown stays a row of its own by outlet. --csv writes the matrix for a
spreadsheet (0 for silence), --json JSON Lines
{"outlet","articles":[{"id","title","date"}],"topics":{"<topic id>":count}}.`,
		Args: cobra.ArbitraryArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			grouping, ok := model.ParseGrouping(by)
			if !ok {
				return usageError{err: fmt.Errorf("--by must be outlet or article, not %q", by), usage: cmd.UseLine()}
			}
			if asJSON && asCSV {
				return usageError{err: fmt.Errorf("choose one of --json and --csv"), usage: cmd.UseLine()}
			}
			corpus, err := loadSummaries(e, c, args)
			if err != nil {
				return err
			}
			rows := corpus.CoverageBy(grouping)
			switch {
			case asJSON:
				return coverageJSON(e, corpus.Topics, rows)
			case asCSV:
				return coverageCSV(e, corpus.Topics, rows, grouping)
			}
			coverageTable(e, corpus.Topics, rows, grouping)
			return nil
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, `print JSON Lines: {outlet, articles: [{id, title, date}], topics: {id: count}}`)
	cmd.Flags().BoolVar(&asCSV, "csv", false, "print CSV with a header row, 0 for silence")
	cmd.Flags().StringVar(&by, "by", "article", "one row per `article` or per outlet")
	return cmd
}

// coverageLabel names a row by outlet; an article of an unknown outlet is
// named by its id in the table (unique where titles can start alike) and by
// its whole title in the CSV.
func coverageLabel(r model.CoverageRow, byTitle bool) string {
	switch {
	case r.Outlet != "":
		return r.Outlet
	case byTitle:
		return "unknown outlet: " + r.Articles[0].Title
	}
	return "unknown outlet: " + r.Articles[0].ID
}

func coverageTable(e env, topics []model.Topic, rows []model.CoverageRow, by model.Grouping) {
	var t table
	if by == model.ByOutlet {
		t = table{header: []string{"OUTLET", "ARTICLES", "DATES"}, max: []int{56, 0, 36}}
	} else {
		t = table{header: []string{"TITLE", "OUTLET", "DATE"}, max: []int{48, 24, 0}}
	}
	for _, tp := range topics {
		t.header = append(t.header, tp.Badge)
	}
	for _, r := range rows {
		var cells []string
		if by == model.ByOutlet {
			cells = []string{coverageLabel(r, false), strconv.Itoa(len(r.Articles)), orDash(strings.Join(r.Dates(), ", "))}
		} else {
			a := r.Articles[0]
			cells = []string{a.Title, orDash(a.Source), orDash(a.DateString())}
		}
		for _, n := range r.Counts {
			cells = append(cells, countOrDot(n))
		}
		t.rows = append(t.rows, cells)
	}
	t.write(e.stdout)
}

// countOrDot is a paragraph count, or · for silence, as the app shows it.
func countOrDot(n int) string {
	if n == 0 {
		return "·"
	}
	return strconv.Itoa(n)
}

func coverageCSV(e env, topics []model.Topic, rows []model.CoverageRow, by model.Grouping) error {
	w := csv.NewWriter(e.stdout)
	header := []string{"id", "title", "outlet", "date"}
	if by == model.ByOutlet {
		header = []string{"outlet", "articles", "dates"}
	}
	for _, tp := range topics {
		header = append(header, tp.ID)
	}
	w.Write(header)
	for _, r := range rows {
		var rec []string
		if by == model.ByOutlet {
			ids := make([]string, len(r.Articles))
			for i, a := range r.Articles {
				ids[i] = a.ID
			}
			rec = []string{coverageLabel(r, true), strings.Join(ids, " "), strings.Join(r.Dates(), " ")}
		} else {
			a := r.Articles[0]
			rec = []string{a.ID, a.Title, a.Source, a.DateString()}
		}
		for _, n := range r.Counts {
			rec = append(rec, strconv.Itoa(n))
		}
		w.Write(rec)
	}
	w.Flush()
	return w.Error()
}

// coverageJSON writes a JSON line per row, topics in topic order as in
// 'list --json'.
func coverageJSON(e env, topics []model.Topic, rows []model.CoverageRow) error {
	out := bufio.NewWriterSize(e.stdout, 64<<10)
	keys := quotedTopicIDs(topics)
	var b []byte
	for _, r := range rows {
		b = append(b[:0], `{"outlet":`...)
		b = appendJSONString(b, r.Outlet)
		b = append(b, `,"articles":[`...)
		for i, a := range r.Articles {
			if i > 0 {
				b = append(b, ',')
			}
			b = append(b, `{"id":`...)
			b = appendJSONString(b, a.ID)
			b = append(b, `,"title":`...)
			b = appendJSONString(b, a.Title)
			b = append(b, `,"date":`...)
			b = appendJSONString(b, a.DateString())
			b = append(b, '}')
		}
		b = append(b, `],"topics":{`...)
		for i, key := range keys {
			if i > 0 {
				b = append(b, ',')
			}
			b = append(b, key...)
			b = append(b, ':')
			b = strconv.AppendInt(b, int64(r.Counts[i]), 10)
		}
		b = append(b, "}}\n"...)
		if _, err := out.Write(b); err != nil {
			return err
		}
	}
	return out.Flush()
}
