// Command grepphrases prints the topics' patterns as one extended regular
// expression, so that `grep -r -c -i -E` can be timed on the same phrases as
// the tagger (the README's performance comparison). Proximity rules become
// their two sides; the regular expression is an approximation for timing,
// not a second tagger.
//
//	grep -r -c -i -E "$(go run ./cmd/grepphrases)" /tmp/corpus10k
package main

import (
	"fmt"
	"os"
	"regexp"
	"strings"

	"briefing/model"
	"briefing/seeds"
)

func main() {
	data := seeds.Topics()
	if len(os.Args) > 1 {
		var err error
		if data, err = os.ReadFile(os.Args[1]); err != nil {
			fmt.Fprintln(os.Stderr, "grepphrases:", err)
			os.Exit(1)
		}
	}
	topics, err := model.ParseTopics(data)
	if err != nil {
		fmt.Fprintln(os.Stderr, "grepphrases:", err)
		os.Exit(1)
	}
	near := regexp.MustCompile(`\s~\d+\s`)
	var alts []string
	for _, t := range topics {
		for _, p := range t.Patterns {
			for _, side := range near.Split(p, -1) {
				alts = append(alts, toERE(side))
			}
		}
	}
	fmt.Println(strings.Join(alts, "|"))
}

// toERE turns one side of a pattern into ERE: * becomes [a-z]*, spaces
// allow any run of spaces or hyphens.
func toERE(p string) string {
	var b strings.Builder
	for _, r := range strings.TrimSpace(p) {
		switch r {
		case '*':
			b.WriteString("[a-z]*")
		case ' ':
			b.WriteString("[ -]+")
		case '.', '+', '?', '[', ']', '{', '}', '^', '$', '\\':
			b.WriteString(`\` + string(r))
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}
