package model

import (
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// SavedNear is how close the two words or phrases of a saved search must be
// in a paragraph: a topic pattern can join two sides with ~N, and 50 words
// is the most it allows, a long paragraph.
const SavedNear = 50

// Topic turns the query into a topic the tagger can apply everywhere. A
// topic is made of patterns, so only what patterns can say is accepted:
// one word or "phrase" (word* included), or two joined as "within 50
// words"; each -word becomes an exception near the first. Filters
// (#topic, source:, after:, before:) are not about the text and are
// refused, naming the term's column.
func (q *Query) Topic(name, badge string) (Topic, error) {
	t := Topic{Name: oneLine(name), Badge: strings.ToUpper(oneLine(badge))}
	t.ID = nameToID(t.Name)
	if t.ID == "" {
		return Topic{}, errors.New("a topic name needs letters or digits")
	}
	if t.Badge == "" {
		t.Badge = defaultBadge(t.ID)
	}
	if n := utf8.RuneCountInString(t.Badge); n < 2 || n > 5 {
		return Topic{}, fmt.Errorf("badge %q is %d characters: give 2 to 5 letters or digits", t.Badge, n)
	}
	for _, r := range t.Badge {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			return Topic{}, fmt.Errorf("badge %q: only letters and digits read well in lists and the gutter", t.Badge)
		}
	}
	if len(q.filters) > 0 {
		return Topic{}, queryErr(q.Text, q.filters[0], "#topic, source:, after: and before: narrow a search but cannot be saved in a topic; leave them out")
	}
	switch len(q.Terms) {
	case 0:
		return Topic{}, queryErr(q.Text, 0, "nothing to save: the query has no word to look for")
	case 1:
		t.Patterns = []string{q.Terms[0].pattern()}
	case 2:
		t.Patterns = []string{fmt.Sprintf("%s ~%d %s", q.Terms[0].pattern(), SavedNear, q.Terms[1].pattern())}
	default:
		return Topic{}, queryErr(q.Text, q.Terms[2].Pos, "a saved topic takes at most two words or phrases (found within %d words of each other); quote a phrase to join words", SavedNear)
	}
	for _, n := range q.Not {
		t.Except = append(t.Except, fmt.Sprintf("%s ~%d %s", n.pattern(), SavedNear, q.Terms[0].pattern()))
	}
	t.Description = "Saved search: " + oneLine(q.Text)
	// The patterns are built from words alone, so they parse; checking
	// keeps that promise if the pattern language changes.
	for _, p := range append(slices.Clone(t.Patterns), t.Except...) {
		if _, err := parsePattern(p); err != nil {
			return Topic{}, queryErr(q.Text, 0, "cannot be saved as a topic: %v", err)
		}
	}
	return t, nil
}

// pattern writes the term in the topics' pattern language: its words as
// the index reads them, which hold only letters and digits.
func (t Term) pattern() string {
	s := strings.Join(t.Words, " ")
	if t.Closed != "" {
		s = strings.Join(t.Words, "-") // open, closed and hyphenated, as typed
	}
	if t.Prefix {
		s += "*"
	}
	return s
}

var nonID = regexp.MustCompile(`[^a-z0-9]+`)

// nameToID makes a topic id from a name: "Zaporizhzhia plant" →
// "zaporizhzhia-plant".
func nameToID(name string) string {
	return strings.Trim(nonID.ReplaceAllString(strings.ToLower(name), "-"), "-")
}
