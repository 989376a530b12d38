package ui

import (
	"strings"

	"briefing/model"
)

// The list's filter: fuzzy words over titles and outlets, #topic and
// !#topic; and following a new corpus.

// index prepares the filter over the corpus: a story is also found by the
// other outlets that ran it.
func (l *listView) index() {
	c := l.s.corpus
	l.fuzzy = newFuzzyFilter(func() []string {
		targets := make([]string, len(c.Articles))
		for i, a := range c.Articles {
			targets[i] = a.Title + " " + a.Attribution()
			if also := c.AlsoIn(a); len(also) > 0 {
				targets[i] += " " + strings.Join(also, " ")
			}
		}
		return targets
	})
	l.applyFilter()
}

// rebuild follows a new corpus, keeping the cursor and the marks on the
// same articles: the same files, as an id can pass to another article
// when the one that had it is gone (ids settle clashes in corpus order).
func (l *listView) rebuild(old *model.Corpus) {
	byPath := make(map[string]int, len(l.s.corpus.Articles))
	for i, a := range l.s.corpus.Articles {
		byPath[a.Path] = i
	}
	at := func(i int) int {
		if j, ok := byPath[old.Articles[i].Path]; ok {
			return j
		}
		return -1
	}
	cur := -1
	if l.cursor < len(l.items) {
		cur = at(l.items[l.cursor])
	}
	marked := l.marked[:0]
	for _, m := range l.marked {
		if i := at(m); i >= 0 {
			marked = append(marked, i)
		}
	}
	l.marked = marked
	l.index()
	l.selectArticle(cur)
}

// selectArticle puts the cursor on corpus index i, when it is shown.
func (l *listView) selectArticle(i int) {
	for r, j := range l.items {
		if j == i {
			l.cursor = r
		}
	}
	l.clamp()
}

// applyFilter recomputes the visible items: "#word" keeps articles
// covering a topic (its id, badge or a prefix of one id), "!#word" leaves
// them out; the rest is matched fuzzily against title and source.
func (l *listView) applyFilter() {
	var words []string
	var want, without []int
	l.filterErr = ""
	for _, term := range strings.Fields(l.filter.Value()) {
		exclude := strings.HasPrefix(term, "!#")
		if (exclude && len(term) > 2) || (strings.HasPrefix(term, "#") && len(term) > 1) {
			ti, err := l.s.corpus.LookupTopic(strings.TrimLeft(term, "!#"))
			switch {
			case err != nil:
				l.filterErr = err.Error()
			case exclude:
				without = append(without, ti)
			default:
				want = append(want, ti)
			}
			continue
		}
		words = append(words, term)
	}
	keep := func(i int) bool {
		a := l.s.corpus.Articles[i]
		if l.s.corpus.IsCopy(a) {
			return false // shown with its story
		}
		for _, t := range want {
			if !a.Covers(t) {
				return false
			}
		}
		for _, t := range without {
			if a.Covers(t) {
				return false
			}
		}
		return true
	}
	l.items = l.items[:0]
	if l.filterErr != "" {
		l.clamp()
		return
	}
	if len(words) == 0 {
		for i := range l.s.corpus.Articles {
			if keep(i) {
				l.items = append(l.items, i)
			}
		}
	} else {
		for _, i := range l.fuzzy.match(strings.Join(words, " ")) {
			if keep(i) {
				l.items = append(l.items, i)
			}
		}
	}
	l.clamp()
}
