package model

import (
	"fmt"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// Corpus is the loaded, tagged set of articles. It is built once and never
// changed afterwards, so many programs (SSH sessions) can share it.
type Corpus struct {
	Articles []*Article // newest first, undated last
	Topics   []Topic
	byID     map[string]*Article
	copies   map[*Article][]*Article // near-duplicates: duplicates.go
	search   searchCache             // the search index, built on first use (search.go)
	text     *textSource             // reads summaries' text on demand (full.go)
	numbered map[string]int          // settleID: the next number to try per id
}

// NewCorpus orders the articles and gives each a unique id.
func NewCorpus(articles []*Article, topics []Topic) *Corpus {
	sortArticles(articles)
	c := &Corpus{Articles: articles, Topics: topics, byID: make(map[string]*Article, len(articles))}
	for _, a := range articles {
		c.settleID(a)
	}
	return c
}

// sortArticles puts articles in corpus order. compareArticles is a total
// order (paths differ), so no stable sort is needed; a large corpus is
// sorted in two halves at once and merged (a tenth of a second less at
// 100,000 articles).
func sortArticles(articles []*Article) {
	if len(articles) < 20000 || runtime.GOMAXPROCS(0) < 2 {
		slices.SortFunc(articles, compareArticles)
		return
	}
	half := len(articles) / 2
	left, right := articles[:half], articles[half:]
	var wg sync.WaitGroup
	wg.Go(func() { slices.SortFunc(left, compareArticles) })
	slices.SortFunc(right, compareArticles)
	wg.Wait()
	merged := make([]*Article, 0, len(articles))
	i, j := 0, 0
	for i < len(left) && j < len(right) {
		if compareArticles(left[i], right[j]) <= 0 {
			merged, i = append(merged, left[i]), i+1
		} else {
			merged, j = append(merged, right[j]), j+1
		}
	}
	merged = append(append(merged, left[i:]...), right[j:]...)
	copy(articles, merged)
}

// compareArticles is the corpus order: newest first, then by title and path.
func compareArticles(a, b *Article) int {
	if c := byDate(a, b, -1); c != 0 {
		return c
	}
	if c := strings.Compare(a.Title, b.Title); c != 0 {
		return c
	}
	return strings.Compare(a.Path, b.Path)
}

// settleID gives a an id no article of c has yet. Ids come from titles; a
// clash is settled by a hash of the path, so an article keeps its id when
// other files come and go.
func (c *Corpus) settleID(a *Article) {
	id := a.idBase
	if id == "" {
		id = idBase(a)
	}
	if _, taken := c.byID[id]; taken {
		id = id + "-" + pathTag(a.Path)
	}
	if _, taken := c.byID[id]; taken {
		// Numbered from 2; every number below the last one given is taken
		// (ids are never removed), so the search starts there.
		base := strings.TrimRight(id, "0123456789-")
		if c.numbered == nil {
			c.numbered = map[string]int{}
		}
		n := max(c.numbered[base], 2)
		for ; ; n++ {
			id = base + "-" + strconv.Itoa(n)
			if _, taken := c.byID[id]; !taken {
				break
			}
		}
		c.numbered[base] = n + 1
	}
	a.ID = id
	c.byID[id] = a
}

// byDate orders dated articles before undated ones, and dated ones by date:
// oldest first when dir is 1, newest first when it is -1.
func byDate(a, b *Article, dir int) int {
	if a.HasDate() != b.HasDate() {
		if a.HasDate() {
			return -1
		}
		return 1
	}
	return dir * a.Date.Compare(b.Date)
}

// idBase is the article's id before clashes are settled: a slug of its
// title, else of its file name.
func idBase(a *Article) string {
	if id := slug(a.Title); id != "" {
		return id
	}
	if id := slug(strings.TrimSuffix(filepath.Base(a.Path), filepath.Ext(a.Path))); id != "" {
		return id
	}
	return "article"
}

var slugStopWords = map[string]bool{"a": true, "an": true, "the": true, "of": true, "to": true, "in": true, "on": true, "for": true, "and": true, "as": true, "with": true, "at": true, "by": true, "is": true, "are": true, "was": true, "has": true, "have": true, "be": true, "its": true, "from": true, "that": true, "this": true, "s": true}

// slug makes a short command-line-friendly id from the first significant
// words of a title.
func slug(title string) string {
	words := strings.FieldsFunc(strings.ToLower(joinInitials(title)), func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9')
	})
	var kept []string
	length := 0
	for _, w := range words {
		if slugStopWords[w] {
			continue
		}
		if len(kept) == 5 || length+len(w) > 40 {
			break
		}
		kept = append(kept, w)
		length += len(w) + 1
	}
	return strings.Join(kept, "-")
}

// joinInitials drops the dot after a letter that starts a word, so that
// "U.S." reads as "US", not as "U" and "S". A word starts where an ASCII
// word character meets anything else, as \b does in regexp.
func joinInitials(s string) string {
	if !strings.Contains(s, ".") {
		return s
	}
	isWord := func(r rune) bool {
		return r < utf8.RuneSelf && (isASCIILetter(byte(r)) || r >= '0' && r <= '9' || r == '_')
	}
	var b strings.Builder
	b.Grow(len(s))
	prev := rune(0) // before the text: not a word character
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		b.WriteString(s[i : i+size])
		i += size
		if unicode.IsLetter(r) && isWord(prev) != isWord(r) && i < len(s) && s[i] == '.' {
			i++ // an initial: leave its dot out
			r = '.'
		}
		prev = r
	}
	return b.String()
}

// Article returns the article with exactly this id.
func (c *Corpus) Article(id string) *Article { return c.byID[id] }

// Position is where article id stands in Articles, or -1.
func (c *Corpus) Position(id string) int {
	a := c.byID[id]
	if a == nil {
		return -1
	}
	return slices.Index(c.Articles, a)
}

// Find resolves what a user typed: an id, a unique id prefix or a path.
func (c *Corpus) Find(ref string) (*Article, error) {
	if a := c.byID[ref]; a != nil {
		return a, nil
	}
	if abs, err := filepath.Abs(ref); err == nil {
		for _, a := range c.Articles {
			if p, err := filepath.Abs(a.Path); err == nil && p == abs {
				return a, nil
			}
		}
	}
	var matches []*Article
	for _, a := range c.Articles {
		if strings.HasPrefix(a.ID, ref) {
			matches = append(matches, a)
		}
	}
	switch len(matches) {
	case 1:
		return matches[0], nil
	case 0:
		return nil, fmt.Errorf("no article %q (see 'briefing list' for ids)", ref)
	}
	ids := make([]string, 0, 3)
	for _, a := range matches[:min(3, len(matches))] {
		ids = append(ids, a.ID)
	}
	return nil, fmt.Errorf("%q matches %d articles (%s…); give more of the id", ref, len(matches), strings.Join(ids, ", "))
}

// TopicIndex returns the position of the topic with this id, or -1.
func (c *Corpus) TopicIndex(id string) int {
	return slices.IndexFunc(c.Topics, func(t Topic) bool { return t.ID == id })
}

// TopicTotals returns, per topic, how many paragraphs and how many articles
// carry it.
func (c *Corpus) TopicTotals() (paragraphs, articles []int) {
	paragraphs = make([]int, len(c.Topics))
	articles = make([]int, len(c.Topics))
	for _, a := range c.Articles {
		for i, n := range a.TopicCounts {
			paragraphs[i] += n
			if n > 0 {
				articles[i]++
			}
		}
	}
	return paragraphs, articles
}

// pathTag is four hex digits of the path's FNV-1a hash: what tells apart
// articles whose titles make the same id, the same at every load.
func pathTag(path string) string {
	h := uint32(2166136261)
	for i := 0; i < len(path); i++ {
		h = (h ^ uint32(path[i])) * 16777619
	}
	const hex = "0123456789abcdef"
	return string([]byte{hex[h>>12&0xf], hex[h>>8&0xf], hex[h>>4&0xf], hex[h&0xf]})
}
