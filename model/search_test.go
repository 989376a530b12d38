package model

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestParseQueryErrors(t *testing.T) {
	c := seedCorpus(t, defaultTagger(t))
	for _, tc := range []struct{ query, want string }{
		{"", "column 1: empty query"},
		{"   ", "column 1: empty query"},
		{"the of said", "column 1: only common words"},
		{"-war -troops", "column 1: only excluded terms"},
		{"#territory -#strikes", ""},
		{"-#strikes", "column 1: only excluded terms"},
		{`peace "land swap`, "column 7: unclosed quote"},
		{`peace land"swap`, "column 11: unbalanced quote"},
		{"troops #nope", "column 8: unknown topic #nope"},
		{"troops source:nobodyhere", "column 8: no article's source contains"},
		{"troops after:tomorrow", `column 14: after: wants a date such as 2025-11-01, not "tomorrow"`},
		{"troops before:2025-13-01", "column 15: before: wants a date"},
		{"troops after:2025-06-01 before:2025-05-01", "column 25: before: must be later"},
		{"gu*", "column 1: a prefix* needs at least three letters"},
		{"gu*ar", "column 1: * may only end a word"},
		{"«Україна» troops", ""},
		{`"the war"`, ""},
		{"#ter", ""},
		{"#SEC troops", ""},
	} {
		_, err := ParseQuery(tc.query, c)
		switch {
		case tc.want == "" && err != nil:
			t.Errorf("%q: unexpected error %v", tc.query, err)
		case tc.want != "" && (err == nil || !strings.HasPrefix(err.Error(), tc.want)):
			t.Errorf("%q: error %v, want %q…", tc.query, err, tc.want)
		}
		var qe *QueryError
		if err != nil && !errors.As(err, &qe) {
			t.Errorf("%q: %T is not a *QueryError", tc.query, err)
		}
	}
}

func TestParseQueryTerms(t *testing.T) {
	c := seedCorpus(t, defaultTagger(t))
	q, err := ParseQuery(`Security guarantees -"air defence" guarant* #territory after:2025-04 -U.S.`, c)
	if err != nil {
		t.Fatal(err)
	}
	var words [][]string
	for _, tm := range q.Terms {
		words = append(words, tm.Words)
	}
	if want := [][]string{{"security"}, {"guarantee"}, {"guarant"}}; !slices.EqualFunc(words, want, slices.Equal) {
		t.Errorf("terms %q, want %q", words, want)
	}
	if !q.Terms[2].Prefix || len(q.Not) != 2 || !slices.Equal(q.Not[0].Words, []string{"air", "defence"}) || q.Not[1].Words[0] != "us" {
		t.Errorf("prefix/negations wrong: %+v", q)
	}
	if len(q.Topics) != 1 || c.Topics[q.Topics[0]].ID != "territory" || !q.After.Equal(time.Date(2025, 4, 1, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("filters wrong: %+v", q)
	}
}

// bruteForce is the search without the index: every paragraph read in
// turn, for checking the index's answers.
func bruteForce(c *Corpus, q *Query) []Link {
	var hl highlighter
	var out []Link
	has := func(t Term) bool {
		for i := range hl.keys {
			if t.matchAt(hl.keys, i) > 0 || t.Closed != "" && hl.keys[i] == t.Closed {
				return true
			}
			if len(t.Words) == 1 && !t.Prefix && i+1 < len(hl.keys) && hl.tz.tokens[i].joinedByHyphen && joinedKey(&hl, i) == t.Words[0] {
				return true
			}
		}
		return false
	}
	for _, a := range c.Articles {
		if !q.After.IsZero() && (!a.HasDate() || a.Date.Before(q.After)) || !q.Before.IsZero() && (!a.HasDate() || !a.Date.Before(q.Before)) {
			continue
		}
		if slices.ContainsFunc(q.Sources, func(s string) bool { return !strings.Contains(strings.ToLower(a.Attribution()), s) }) {
			continue
		}
		for pi, p := range a.Paragraphs {
			hl.tz.tokenize(p.Text)
			hl.keys = hl.keys[:0]
			for _, tok := range hl.tz.tokens {
				hl.keys = append(hl.keys, string(stem(nil, hl.tz.norm(tok))))
			}
			ok := !slices.ContainsFunc(q.Topics, func(ti int) bool { return !p.Topics.Has(ti) }) &&
				!slices.ContainsFunc(q.NoTopic, p.Topics.Has) &&
				!slices.ContainsFunc(q.Terms, func(t Term) bool { return !has(t) }) &&
				!slices.ContainsFunc(q.Not, has)
			if ok {
				out = append(out, Link{a.ID, pi + 1})
			}
		}
	}
	return out
}

func TestSearchMatchesBruteForce(t *testing.T) {
	c := seedCorpus(t, defaultTagger(t))
	var source string // some outlet's first word, whatever the seeds say
	for _, a := range c.Articles {
		if f := strings.Fields(strings.ToLower(a.Attribution())); len(f) > 0 && source == "" {
			source = f[0]
		}
	}
	queries := []string{"after:2025-05-01 ukraine"}
	if source != "" { // the seeds name no outlet
		queries = append(queries, "source:"+source+" ukraine")
	}
	for _, query := range append(queries,
		"ceasefire", "Ceasefires", "ceasefire -russia", `"coalition of the willing"`, `"the war"`,
		"troops europe", "guarant*", "secur* -guarantee*", "#territory", "#territory -putin",
		"#sec -#ter", "macron #frz", "after:2025-05-01 troops", "before:2025-05-01 troops",
		`"security guarantees" -"article 5"`, "zelensky trump", "us", "U.S.", "nosuchwordanywhere",
		"cease-fire", "-cease-fire troops", "long-range", "Kyiv-backed -cease-fire",
	) {
		q, err := ParseQuery(query, c)
		if err != nil {
			t.Fatalf("%q: %v", query, err)
		}
		res, err := c.Search(context.Background(), q, SearchOptions{Limit: 10000})
		if err != nil {
			t.Fatal(err)
		}
		var got []Link
		for _, r := range res.Items {
			got = append(got, r.Link())
		}
		want := bruteForce(c, q)
		if !slices.Equal(got, want) || res.Total != len(want) {
			t.Errorf("%q: index found %d %v,\nbrute force %d %v", query, res.Total, got, len(want), want)
		}
		for _, r := range res.Items {
			if len(r.Hits) == 0 {
				t.Errorf("%q: %s has no hits", query, r.Link())
			}
		}
	}
}

func TestSearchRelevanceAndHits(t *testing.T) {
	c := seedCorpus(t, defaultTagger(t))
	q, err := ParseQuery(`ceasefire "security guarantees"`, c)
	if err != nil {
		t.Fatal(err)
	}
	newest, _ := c.Search(context.Background(), q, SearchOptions{})
	ranked, err := c.Search(context.Background(), q, SearchOptions{Order: Relevance, Limit: 2})
	if err != nil {
		t.Fatal(err)
	}
	if ranked.Total != newest.Total || len(ranked.Items) != min(2, newest.Total) {
		t.Fatalf("limit: %d of %d, want 2 of %d", len(ranked.Items), ranked.Total, newest.Total)
	}
	for i := 1; i < len(ranked.Items); i++ {
		if ranked.Items[i].Score > ranked.Items[i-1].Score {
			t.Errorf("scores not descending: %v", ranked.Items)
		}
	}
	for _, r := range newest.Items {
		text := r.Paragraph().Text
		var seen []string
		for _, h := range r.Hits {
			seen = append(seen, strings.ToLower(text[h.Start:h.End]))
		}
		if !slices.Contains(seen, "ceasefire") || !slices.Contains(seen, "security guarantees") {
			t.Errorf("%s: hits %q, want ceasefire and security guarantees", r.Link(), seen)
		}
	}
}

func TestSearchCancelled(t *testing.T) {
	c := seedCorpus(t, defaultTagger(t))
	q, _ := ParseQuery("ukraine", c)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := c.Search(ctx, q, SearchOptions{}); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled search: %v", err)
	}
}

func TestSnippet(t *testing.T) {
	text := "One two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen."
	i := strings.Index(text, "eleven")
	s, hits := Snippet(text, []Range{{i, i + len("eleven")}}, 30)
	if !strings.HasPrefix(s, "…") || !strings.HasSuffix(s, "…") || len(hits) != 1 || s[hits[0].Start:hits[0].End] != "eleven" {
		t.Errorf("snippet %q hits %v", s, hits)
	}
	if n := len([]rune(s)); n > 30 {
		t.Errorf("snippet is %d characters, want ≤ 30", n)
	}
	if s, _ := Snippet("short", nil, 30); s != "short" {
		t.Errorf("short text: %q", s)
	}
}

func TestLinks(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want Link
		err  bool
	}{
		{"us-outlines-peace-deal-proposing#p3", Link{"us-outlines-peace-deal-proposing", 3}, false},
		{"abc#p0", Link{}, true},
		{"abc#3", Link{}, true},
		{"abc", Link{}, true},
		{"../etc#p1", Link{}, true},
		{"abc#p1x", Link{}, true},
	} {
		got, err := ParseLink(tc.in)
		if (err != nil) != tc.err || got != tc.want {
			t.Errorf("ParseLink(%q) = %v, %v", tc.in, got, err)
		}
		if err == nil && got.String() != tc.in {
			t.Errorf("%v prints as %q", got, got.String())
		}
		if looks := tc.in != "abc" && tc.in != "abc#3" && tc.in != "abc#p1x"; LooksLikeLink(tc.in) != looks {
			t.Errorf("LooksLikeLink(%q) = %v", tc.in, LooksLikeLink(tc.in))
		}
	}
	c := seedCorpus(t, defaultTagger(t))
	if a, i, err := c.Resolve(Link{"us-outlines-peace-deal-proposing", 3}); err != nil || a.ID != "us-outlines-peace-deal-proposing" || i != 2 {
		t.Errorf("Resolve: %v %d %v", a, i, err)
	}
	if _, _, err := c.Resolve(Link{"nope", 1}); err == nil || err.Error() != "no article nope" {
		t.Errorf("unknown article: %v", err)
	}
	if a, _, err := c.Resolve(Link{"us-outlines-peace-deal-proposing", 999}); err == nil || a == nil {
		t.Errorf("paragraph past the end: %v %v", a, err)
	}
}

// TestSearchConcurrent has many sessions search one shared corpus at once,
// the first of them building its index (run with -race).
func TestSearchConcurrent(t *testing.T) {
	c := seedCorpus(t, defaultTagger(t))
	view, err := c.WithTopics([]Topic{{ID: "cow", Name: "Coalition", Badge: "COW", Patterns: []string{"coalition of the willing"}}})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]int{}
	queries := []string{"ceasefire", `"security guarantees"`, "troop* -europe", "#territory"}
	for _, s := range queries {
		q, _ := ParseQuery(s, c)
		want[s] = len(bruteForce(c, q))
	}
	done := make(chan error)
	for i := range 8 {
		go func() {
			corpus := c
			if i%2 == 1 {
				corpus = view
			}
			for _, s := range queries {
				q, err := ParseQuery(s, corpus)
				if err == nil {
					var res *Results
					if res, err = corpus.Search(context.Background(), q, SearchOptions{Order: Order(i % 2)}); err == nil && res.Total != want[s] {
						err = errors.New(s + ": wrong count")
					}
				}
				if err != nil {
					done <- err
					return
				}
			}
			done <- nil
		}()
	}
	for range 8 {
		if err := <-done; err != nil {
			t.Error(err)
		}
	}
}

// TestSearchHyphenForms finds a hyphenated word written closed, as topic
// patterns do, and the closed word written hyphenated.
func TestSearchHyphenForms(t *testing.T) {
	c := seedCorpus(t, defaultTagger(t))
	count := func(s string) int {
		q, err := ParseQuery(s, c)
		if err != nil {
			t.Fatal(err)
		}
		res, _ := c.Search(context.Background(), q, SearchOptions{})
		return res.Total
	}
	if n, want := count("cease-fire"), count("ceasefire"); n != want || n == 0 {
		t.Errorf("cease-fire finds %d, ceasefire %d", n, want)
	}
	if n, want := count("decisionmaking"), count("decision-making"); n != want || n == 0 {
		t.Errorf("decisionmaking finds %d, decision-making %d", n, want)
	}
}

// While typing, a last word typed in full, plural or not, still finds
// what the finished query finds.
func TestTypingFindsWhatTheQueryFinds(t *testing.T) {
	c := seedCorpus(t, defaultTagger(t))
	for _, text := range []string{"security guarantees", "territories", "frozen assets", "ceasefire"} {
		q, err := ParseQuery(text, c)
		if err != nil {
			t.Fatal(err)
		}
		done, err := c.Search(context.Background(), q, SearchOptions{})
		if err != nil {
			t.Fatal(err)
		}
		typing, err := c.Search(context.Background(), q.Typing(), SearchOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if done.Total == 0 || typing.Total < done.Total {
			t.Errorf("%q: %d results as typed, %d when done", text, typing.Total, done.Total)
		}
	}
}

func TestQueryTyping(t *testing.T) {
	c := seedCorpus(t, defaultTagger(t))
	for _, tc := range []struct {
		query  string
		prefix bool
	}{
		{"security guarant", true}, // the word being typed
		{"security guarant ", false},
		{"guarantees security", true},
		{"security gu", false}, // too short to be worth a prefix
		{`"security guarant"`, false},
		{"guarant -nato", false}, // the last term is not the one being typed
	} {
		q, err := ParseQuery(tc.query, c)
		if err != nil {
			t.Fatal(err)
		}
		typing := q.Typing()
		last := typing.Terms[len(typing.Terms)-1]
		if last.Prefix != tc.prefix || q.Terms[len(q.Terms)-1].Prefix {
			t.Errorf("%q: typing prefix %v, want %v (query changed: %v)", tc.query, last.Prefix, tc.prefix, q.Terms[len(q.Terms)-1].Prefix)
		}
	}
	q, _ := ParseQuery("security guarant", c)
	full, _ := ParseQuery("security guarantees", c)
	a, _ := c.Search(context.Background(), q.Typing(), SearchOptions{})
	b, _ := c.Search(context.Background(), full, SearchOptions{})
	if a.Total < b.Total || b.Total == 0 {
		t.Errorf("typing finds %d, the whole word %d", a.Total, b.Total)
	}
}
