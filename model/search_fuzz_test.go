package model

import (
	"context"
	"errors"
	"slices"
	"testing"
	"unicode/utf8"
)

// FuzzSearch holds the index to a plain reading of every paragraph, for
// any query that parses, and every refusal to a *QueryError whose column
// lies within the query.
func FuzzSearch(f *testing.F) {
	for _, s := range []string{
		"ceasefire", `"coalition of the willing" -air`, "guarant* #sec", "-#ter troops", `"land swap`,
		"source:x after:2025-01 before:2026", "U.S. cease-fire", "«Україна»", "#", "-", `""`, "a*b", "the",
		"us europe ukraine russia -putin", `-"the war" peace`, "troops\tafter:2025-13-40",
	} {
		f.Add(s)
	}
	c := seedCorpus(f, defaultTagger(f))
	f.Fuzz(func(t *testing.T, query string) {
		q, err := ParseQuery(query, c)
		if err != nil {
			var qe *QueryError
			if !errors.As(err, &qe) || qe.Col < 1 || qe.Col > utf8.RuneCountInString(query)+1 {
				t.Fatalf("%q: %v", query, err)
			}
			return
		}
		res, err := c.Search(context.Background(), q, SearchOptions{Limit: 100000})
		if err != nil {
			t.Fatal(err)
		}
		var got []Link
		for _, r := range res.Items {
			got = append(got, r.Link())
			snip, hits := Snippet(r.Paragraph().Text, r.Hits, 40)
			for _, h := range hits {
				if h.Start < 0 || h.End > len(snip) || !utf8.ValidString(snip[h.Start:h.End]) {
					t.Fatalf("%q: bad snippet hit %v in %q", query, h, snip)
				}
			}
			for _, h := range r.Hits {
				text := r.Paragraph().Text
				if h.Start < 0 || h.End > len(text) || h.Start >= h.End || !utf8.ValidString(text[h.Start:h.End]) {
					t.Fatalf("%q: bad hit %v in %s", query, h, r.Link())
				}
			}
		}
		if want := bruteForce(c, q); !slices.Equal(got, want) {
			t.Fatalf("%q: index %v, brute force %v", query, got, want)
		}
		if _, err := c.Search(context.Background(), q.Typing(), SearchOptions{Order: Relevance}); err != nil {
			t.Fatal(err)
		}
		if _, err := q.Topic("Fuzzed", ""); err != nil {
			var qe *QueryError
			if errors.As(err, &qe) && (qe.Col < 1 || qe.Col > utf8.RuneCountInString(query)+1) {
				t.Fatalf("%q: saving: %v", query, err)
			}
		}
	})
}
