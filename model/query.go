package model

import (
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// The search language, one term after another, all of which must hold for a
// paragraph to match:
//
//	zaporizhzhia plant       words, anywhere in the paragraph (plurals folded, as topics do)
//	"land swap"              words in sequence
//	guarant*                 any word starting so (three letters at least)
//	-word  -"a phrase"       paragraphs without it
//	#territory  -#strikes    paragraphs on (not on) a topic: id, badge or unique id prefix
//	source:reuters           articles whose outlet contains it; source:"new york"
//	after:2025-11-01         articles dated on or after; before: is strictly before
//
// Common words (the, of, said) on their own are ignored; inside quotes they
// count.

// Query is a parsed, checked search.
type Query struct {
	Text    string
	Terms   []Term // all must occur
	Not     []Term // none may occur
	Topics  []int  // topic indexes the paragraph must carry
	NoTopic []int  // topic indexes it must not carry
	Sources []string
	After   time.Time // zero for none; inclusive
	Before  time.Time // zero for none; exclusive
	filters []int     // where #topic, source:, after: and before: terms start
}

// Term is a word or phrase of a query.
type Term struct {
	Words  []string // index keys: normalised, stemmed (the prefix unstemmed)
	Prefix bool     // the last word matches any word starting with it
	Pos    int      // byte offset in the query text, for errors
	Raw    string   // as typed, without quotes or the leading -
	Quoted bool
	// Closed is the closed form of a hyphenated word ("cease-fire" →
	// "ceasefire"), which it also matches, as topic patterns do.
	Closed string
}

// QueryError says what is wrong with a query and where: Col is the 1-based
// column (in characters) of the offending term.
type QueryError struct {
	Col int
	Msg string
}

func (e *QueryError) Error() string { return fmt.Sprintf("column %d: %s", e.Col, e.Msg) }

func queryErr(text string, pos int, format string, args ...any) *QueryError {
	pos = min(max(pos, 0), len(text))
	return &QueryError{Col: utf8.RuneCountInString(text[:pos]) + 1, Msg: fmt.Sprintf(format, args...)}
}

// stopWords are words too common to narrow a search on their own.
var stopWords = map[string]bool{}

func init() {
	for w := range strings.FieldsSeq(`a an and are as at be been but by for from had has have he her his
	i if in into is it its not of on or our said says she so than that the their them then there they
	this to was we were which who will with would you`) {
		stopWords[w] = true
	}
}

// ParseQuery reads a search and checks it against the corpus: topics must
// exist and a source: must name an outlet some article has.
func ParseQuery(text string, c *Corpus) (*Query, error) {
	q := &Query{Text: text}
	var stops, negs []int // positions, for the errors below
	i := 0
	for {
		for i < len(text) && isQuerySpace(text[i]) {
			i++
		}
		if i >= len(text) {
			break
		}
		start := i
		neg := false
		if text[i] == '-' && i+1 < len(text) && !isQuerySpace(text[i+1]) {
			neg = true
			i++
		}
		// A quoted phrase.
		if open, size := quoteAt(text, i); open {
			end, closeSize, ok := closingQuote(text, i+size)
			if !ok {
				return nil, queryErr(text, i, "unclosed quote")
			}
			raw := text[i+size : end]
			i = end + closeSize
			t, err := phraseTerm(text, start, raw)
			if err != nil {
				return nil, err
			}
			if t == nil {
				return nil, queryErr(text, start, "%q has no letters or digits", raw)
			}
			t.Quoted = true
			if neg {
				q.Not = append(q.Not, *t)
				negs = append(negs, start)
			} else {
				q.Terms = append(q.Terms, *t)
			}
			continue
		}
		tokStart := i
		for i < len(text) && !isQuerySpace(text[i]) {
			if open, _ := quoteAt(text, i); open {
				// source:"new york" is a filter with a quoted value.
				if key := strings.ToLower(text[tokStart:i]); key == "source:" {
					end, closeSize, ok := closingQuote(text, i+1)
					if !ok {
						return nil, queryErr(text, i, "unclosed quote")
					}
					i = end + closeSize
					break
				}
				return nil, queryErr(text, i, "unbalanced quote")
			}
			i++
		}
		tok := text[tokStart:i]
		if err := q.addToken(text, start, tok, neg, c, &stops, &negs); err != nil {
			return nil, err
		}
	}
	if !q.After.IsZero() && !q.Before.IsZero() && !q.After.Before(q.Before) {
		return nil, queryErr(text, strings.Index(strings.ToLower(text), "before:"), "before: must be later than after:")
	}
	if len(q.Terms) == 0 && len(q.Topics) == 0 && len(q.Sources) == 0 && q.After.IsZero() && q.Before.IsZero() {
		switch {
		case len(negs) > 0:
			return nil, queryErr(text, negs[0], "only excluded terms: add a word to look for")
		case len(stops) > 0:
			return nil, queryErr(text, stops[0], "only common words (the, of, said…): add a word that narrows the search")
		}
		return nil, queryErr(text, 0, `empty query: type words, "a phrase", -word, #topic, source:NAME or after:YYYY-MM-DD`)
	}
	return q, nil
}

// addToken reads one unquoted term (or filter) of the query.
func (q *Query) addToken(text string, pos int, tok string, neg bool, c *Corpus, stops, negs *[]int) error {
	lower := strings.ToLower(tok)
	if strings.HasPrefix(tok, "#") || strings.HasPrefix(lower, "source:") || strings.HasPrefix(lower, "after:") || strings.HasPrefix(lower, "before:") {
		q.filters = append(q.filters, pos)
	}
	switch {
	case strings.HasPrefix(tok, "#"):
		ti, err := queryTopic(text, pos, tok[1:], c)
		if err != nil {
			return err
		}
		if neg {
			q.NoTopic = append(q.NoTopic, ti)
			*negs = append(*negs, pos)
		} else {
			q.Topics = append(q.Topics, ti)
		}
		return nil
	case strings.HasPrefix(lower, "source:"):
		if neg {
			return queryErr(text, pos, "-source: is not supported")
		}
		v := strings.Trim(tok[len("source:"):], `"“”`)
		if strings.TrimSpace(v) == "" {
			return queryErr(text, pos, "source: needs an outlet, as in source:reuters")
		}
		v = strings.ToLower(v)
		if !hasSource(c, v) {
			return queryErr(text, pos, "no article's source contains %q", v)
		}
		q.Sources = append(q.Sources, v)
		return nil
	case strings.HasPrefix(lower, "after:"), strings.HasPrefix(lower, "before:"):
		key, v, _ := strings.Cut(lower, ":")
		if neg {
			return queryErr(text, pos, "-%s: is not supported; use %s", key, map[string]string{"after": "before:", "before": "after:"}[key])
		}
		d, err := parseQueryDate(v)
		if err != nil {
			return queryErr(text, pos+len(key)+1, "%s: wants a date such as 2025-11-01, not %q", key, v)
		}
		if key == "after" {
			q.After = d
		} else {
			q.Before = d
		}
		return nil
	}
	prefix := strings.HasSuffix(tok, "*")
	word := strings.TrimSuffix(tok, "*")
	if strings.Contains(word, "*") {
		return queryErr(text, pos, "* may only end a word")
	}
	t, err := phraseTerm(text, pos, word)
	if err != nil {
		return err
	}
	if t == nil {
		if tok == "-" {
			return queryErr(text, pos, "- must be followed by the word to leave out")
		}
		return nil // punctuation alone: nothing to look for
	}
	if prefix {
		if len(t.Words) > 1 {
			return queryErr(text, pos, "* ends a single word, not %q", word)
		}
		if utf8.RuneCountInString(t.Words[0]) < 3 {
			return queryErr(text, pos, "a prefix* needs at least three letters")
		}
		// A prefix is not stemmed: "sanctions*" stays a prefix of "sanctionsx".
		// The index compares it with stemmed words, so "guarant*" finds
		// "guarantees" but "territori*" misses "territories" (→ "territory").
		var tz tokenizer
		tz.tokenize(word)
		t.Words[0] = string(tz.norm(tz.tokens[0]))
		t.Prefix = true
	}
	if len(t.Words) == 2 && !t.Prefix {
		var tz tokenizer
		tz.tokenize(word)
		if len(tz.tokens) == 2 && tz.tokens[0].joinedByHyphen {
			t.Closed = string(stem(nil, append(slices.Clone(tz.norm(tz.tokens[0])), tz.norm(tz.tokens[1])...)))
		}
	}
	if len(t.Words) == 1 && !t.Prefix && stopWords[t.Words[0]] {
		*stops = append(*stops, pos)
		return nil
	}
	if neg {
		q.Not = append(q.Not, *t)
		*negs = append(*negs, pos)
	} else {
		q.Terms = append(q.Terms, *t)
	}
	return nil
}

// phraseTerm tokenizes raw as text is tokenized, so a query word finds the
// words the index holds; nil when raw has no words.
func phraseTerm(text string, pos int, raw string) (*Term, error) {
	var tz tokenizer
	tz.tokenize(raw)
	if len(tz.tokens) == 0 {
		return nil, nil
	}
	if len(tz.tokens) > 32 {
		return nil, queryErr(text, pos, "a phrase of more than 32 words")
	}
	t := &Term{Pos: pos, Raw: raw}
	for _, tok := range tz.tokens {
		t.Words = append(t.Words, string(stem(nil, tz.norm(tok))))
	}
	return t, nil
}

func queryTopic(text string, pos int, ref string, c *Corpus) (int, error) {
	if ref == "" {
		return -1, queryErr(text, pos, "# needs a topic, as in #territory")
	}
	i, err := c.LookupTopic(ref)
	if err != nil {
		return -1, queryErr(text, pos, "%v", err)
	}
	return i, nil
}

// LookupTopic finds a topic as people name it: its id, its badge (any
// case), or a prefix of one id only.
func (c *Corpus) LookupTopic(ref string) (int, error) {
	lower := strings.ToLower(ref)
	var found []int
	for i, t := range c.Topics {
		if t.ID == lower || strings.EqualFold(t.Badge, ref) {
			return i, nil
		}
		if strings.HasPrefix(t.ID, lower) {
			found = append(found, i)
		}
	}
	if len(found) == 1 {
		return found[0], nil
	}
	if len(found) > 1 {
		return -1, fmt.Errorf("#%s could be %s or %s", ref, c.Topics[found[0]].ID, c.Topics[found[1]].ID)
	}
	return -1, fmt.Errorf("unknown topic #%s (see 'briefing topics')", ref)
}

func hasSource(c *Corpus, v string) bool {
	return slices.ContainsFunc(c.Articles, func(a *Article) bool {
		return strings.Contains(strings.ToLower(a.Attribution()), v)
	})
}

// parseQueryDate reads 2025-11-01, 2025-11 or 2025.
func parseQueryDate(s string) (time.Time, error) {
	var err error
	for _, layout := range []string{time.DateOnly, "2006-01", "2006"} {
		var d time.Time
		if d, err = time.Parse(layout, s); err == nil {
			return d, nil
		}
	}
	return time.Time{}, err
}

func isQuerySpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// quoteAt reports whether a straight or curly opening quote starts at i.
func quoteAt(s string, i int) (bool, int) {
	if s[i] == '"' {
		return true, 1
	}
	if strings.HasPrefix(s[i:], "“") || strings.HasPrefix(s[i:], "”") {
		return true, len("“")
	}
	return false, 0
}

// closingQuote finds the quote that closes one opened before i.
func closingQuote(s string, i int) (end, size int, ok bool) {
	for j := i; j < len(s); j++ {
		if s[j] == '"' {
			return j, 1, true
		}
		if strings.HasPrefix(s[j:], "”") || strings.HasPrefix(s[j:], "“") {
			return j, len("”"), true
		}
	}
	return 0, 0, false
}

// Typing returns the query as it should run while the user is still typing
// it: a last bare word not yet followed by a space is taken as a prefix
// (from three letters), so "zapor" already finds "Zaporizhzhia". The query
// itself is not changed.
func (q *Query) Typing() *Query {
	if len(q.Terms) == 0 || strings.HasSuffix(q.Text, " ") {
		return q
	}
	last := q.Terms[len(q.Terms)-1]
	if last.Quoted || last.Prefix || len(last.Words) != 1 || last.Pos+len(last.Raw) != len(q.Text) {
		return q
	}
	// The stemmed key, as the index holds words: a plural typed in full
	// ("guarantees") must still find its word as a prefix.
	w := last.Words[0]
	if utf8.RuneCountInString(w) < 3 {
		return q
	}
	out := *q
	out.Terms = slices.Clone(q.Terms)
	last.Words = []string{w}
	last.Prefix = true
	out.Terms[len(out.Terms)-1] = last
	return &out
}
