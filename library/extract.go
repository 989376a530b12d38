package library

import (
	"bytes"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"
	"unicode"

	readability "codeberg.org/readeck/go-readability/v2"
	"codeberg.org/readeck/go-readability/v2/render"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/net/html/charset"
)

// minStoryWords is the least text a page needs to count as an article: a
// cookie wall, a paywall or a front page yields a few dozen words of links.
const minStoryWords = 40

// ErrNoArticle is a page where no story text was found.
var ErrNoArticle = errors.New("no article text found on the page")

// Story is what extraction found on a page.
type Story struct {
	Title     string
	Byline    string
	Site      string    // the outlet's name, "" when the page does not say
	Published time.Time // zero when the page does not say
	// Blocks are the story's paragraphs in order; subheadings start "## ".
	Blocks []string
}

// Extract finds the story on an HTML page with readability, which drops the
// navigation, ads, comments and other chrome around it. contentType is the
// response's Content-Type, whose charset (else the page's own <meta>, else
// a guess) decodes the page: news sites still serve windows-1251 and
// ISO-8859-1.
func Extract(body []byte, contentType string, pageURL *url.URL) (Story, error) {
	r, err := charset.NewReader(bytes.NewReader(body), contentType)
	if err != nil {
		return Story{}, fmt.Errorf("cannot decode the page: %v", err)
	}
	doc, err := html.Parse(r)
	if err != nil {
		return Story{}, ErrNoArticle
	}
	dropChrome(doc)
	art, err := readability.FromDocument(doc, pageURL)
	if err != nil || art.Node == nil {
		return Story{}, ErrNoArticle
	}
	s := Story{Title: oneLine(art.Title()), Byline: oneLine(art.Byline()), Site: oneLine(art.SiteName())}
	if t, err := art.PublishedTime(); err == nil {
		s.Published = t
	}
	var b blocks
	b.walk(art.Node)
	b.flush()
	words := 0
	for i, blk := range b.out {
		// readability often keeps the headline as the first heading, and
		// the byline as a line of the story; both are in the front matter.
		if i == 0 && strings.EqualFold(strings.TrimPrefix(blk, "## "), s.Title) {
			continue
		}
		if i < 3 && isBylineBlock(blk, s.Byline) {
			continue
		}
		s.Blocks = append(s.Blocks, blk)
		if !strings.HasPrefix(blk, "## ") {
			words += len(strings.Fields(blk))
		}
	}
	if words < minStoryWords {
		return Story{}, ErrNoArticle
	}
	return s, nil
}

// blocks turns the cleaned-up article tree into paragraphs.
type blocks struct {
	out     []string
	pending strings.Builder // inline text not yet in a paragraph
}

func (b *blocks) walk(n *html.Node) {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		switch {
		case c.Type == html.TextNode:
			b.pending.WriteString(c.Data)
		case c.Type != html.ElementNode:
		case c.DataAtom == atom.Br:
			b.pending.WriteByte(' ')
		case skipped[c.DataAtom]:
		case inline[c.DataAtom]:
			b.pending.WriteString(render.InnerText(c))
		case headings[c.DataAtom]:
			b.flush()
			b.add("## ", render.InnerText(c))
		case leafBlocks[c.DataAtom] && !hasBlockChild(c):
			b.flush()
			b.add("", render.InnerText(c))
		default:
			b.flush()
			b.walk(c)
			b.flush()
		}
	}
}

func (b *blocks) flush() {
	b.add("", b.pending.String())
	b.pending.Reset()
}

func (b *blocks) add(prefix, text string) {
	if text = oneLine(text); text != "" {
		b.out = append(b.out, prefix+text)
	}
}

func hasBlockChild(n *html.Node) bool {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && !inline[c.DataAtom] && c.DataAtom != atom.Br {
			return true
		}
	}
	return false
}

var (
	headings   = atomSet(atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6)
	leafBlocks = atomSet(atom.P, atom.Li, atom.Blockquote, atom.Pre, atom.Dd, atom.Dt, atom.Td, atom.Th)
	inline     = atomSet(atom.A, atom.Abbr, atom.B, atom.Cite, atom.Code, atom.Em, atom.I, atom.Mark, atom.Q, atom.S, atom.Small, atom.Span, atom.Strong, atom.Sub, atom.Sup, atom.Time, atom.U, atom.Font, atom.Bdi, atom.Bdo, atom.Dfn, atom.Kbd, atom.Samp, atom.Var, atom.Ins, atom.Del)
	// Photo captions and credits are not the story's text.
	skipped = atomSet(atom.Header, atom.Footer, atom.Nav, atom.Aside, atom.Figcaption, atom.Img, atom.Picture, atom.Svg, atom.Video, atom.Audio, atom.Iframe, atom.Script, atom.Style, atom.Noscript, atom.Button, atom.Form, atom.Input, atom.Select, atom.Textarea)
)

func atomSet(as ...atom.Atom) map[atom.Atom]bool {
	m := make(map[atom.Atom]bool, len(as))
	for _, a := range as {
		m[a] = true
	}
	return m
}

// oneLine collapses whitespace, including newlines, to single spaces, and
// drops control characters, which a page could use to drive a terminal.
func oneLine(s string) string {
	s = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) && !unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
	return strings.Join(strings.Fields(s), " ")
}

// dropChrome removes what readability keeps when it sits inside the story:
// elements whose class or id names them as ads, promotions, sign-up boxes
// or share buttons.
func dropChrome(n *html.Node) {
	for c := n.FirstChild; c != nil; {
		next := c.NextSibling
		if c.Type == html.ElementNode && isChrome(c) {
			n.RemoveChild(c)
		} else {
			dropChrome(c)
		}
		c = next
	}
}

func isChrome(n *html.Node) bool {
	for _, attr := range n.Attr {
		if attr.Key != "class" && attr.Key != "id" {
			continue
		}
		for _, name := range strings.Fields(strings.ToLower(attr.Val)) {
			if chromeNames[name] || strings.HasPrefix(name, "ad-") || strings.HasSuffix(name, "-ad") || strings.HasPrefix(name, "promo") {
				return true
			}
		}
	}
	return false
}

var chromeNames = map[string]bool{
	"ad": true, "ads": true, "advert": true, "advertisement": true, "sponsored": true,
	"newsletter": true, "newsletter-signup": true, "paywall": true, "cookie-banner": true,
	"share": true, "share-tools": true, "social-share": true,
}

// isBylineBlock reports a block that only repeats the byline ("By Jane Roe",
// "## By Jane Roe", "Jane Roe").
func isBylineBlock(blk, byline string) bool {
	if byline == "" {
		return false
	}
	t := strings.TrimSpace(strings.TrimPrefix(blk, "## "))
	by := strings.TrimSpace(byline)
	for _, p := range []string{"By ", "by ", "BY "} {
		by = strings.TrimPrefix(by, p)
		t = strings.TrimPrefix(t, p)
	}
	return strings.EqualFold(t, by)
}
