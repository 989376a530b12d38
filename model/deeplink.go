package model

import (
	"fmt"
	"strconv"
	"strings"
)

// Link is a paragraph's stable address, ARTICLE-ID#pN: the article's id
// and the paragraph's 1-based number as cited (¶N).
type Link struct {
	ID   string
	Para int // 1-based; 0 means the article's top
}

func (l Link) String() string {
	if l.Para <= 0 {
		return l.ID
	}
	return l.ID + "#p" + strconv.Itoa(l.Para)
}

// LooksLikeLink reports whether s is written as a paragraph address
// (something#pN), so callers can tell it from an id or a path before
// parsing it.
func LooksLikeLink(s string) bool {
	i := strings.LastIndex(s, "#p")
	if i <= 0 || i+2 >= len(s) {
		return false
	}
	_, err := strconv.Atoi(s[i+2:])
	return err == nil
}

// ParseLink reads ARTICLE-ID#pN. The id must look like an article id
// (lower-case letters, digits and dashes), so a link can never name a path.
func ParseLink(s string) (Link, error) {
	id, frag, ok := strings.Cut(s, "#")
	if !ok {
		return Link{}, fmt.Errorf("%q is not a paragraph address (ARTICLE-ID#pN)", s)
	}
	if !topicID.MatchString(id) {
		return Link{}, fmt.Errorf("%q: an article id is lower-case letters, digits and dashes", id)
	}
	n, err := strconv.Atoi(strings.TrimPrefix(frag, "p"))
	if !strings.HasPrefix(frag, "p") || err != nil || n < 1 {
		return Link{}, fmt.Errorf("%q: the paragraph is written #pN with N from 1, as in %s#p12", s, id)
	}
	return Link{ID: id, Para: n}, nil
}

// Resolve finds the linked article (by exact id) and the paragraph's
// position in it (0-based). A paragraph past the article's end is an error
// that still returns the article, so a caller may open it at the top.
func (c *Corpus) Resolve(l Link) (*Article, int, error) {
	a := c.Article(l.ID)
	if a == nil {
		// A unique prefix names an article, as it does for show.
		var err error
		if a, err = c.Find(l.ID); err != nil {
			if strings.HasPrefix(err.Error(), "no article") {
				err = fmt.Errorf("no article %s", l.ID)
			}
			return nil, 0, err // or which of several it could be
		}
	}
	if l.Para <= 0 {
		return a, 0, nil
	}
	if n := a.NumParagraphs(); l.Para > n {
		return a, 0, fmt.Errorf("%s has %d paragraphs, not %d", a.ID, n, l.Para)
	}
	return a, l.Para - 1, nil
}
