package library

import (
	"net/url"
	"strings"
	"testing"
	"time"
)

func TestExtractKeepsStoryDropsChrome(t *testing.T) {
	u, _ := url.Parse("https://ledger.example/news/prisoner-exchange")
	s, err := Extract(fixture(t, "news.html", ""), "text/html", u)
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Join(s.Blocks, "\n")
	t.Logf("%q", s.Blocks)
	for _, want := range []string{
		"ISTANBUL — Ukrainian and Russian delegations agreed on Friday",
		"The agreement was announced after less than two hours",
		`"We agreed on the exchange of one thousand for one thousand,"`,
		"## Ceasefire remains out of reach",
		"Western officials said the outcome fell short",
		"The Russian delegation said it would present",
		"Turkish mediators said they hoped the exchange",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("story text lacks %q", want)
		}
	}
	for _, chrome := range []string{"ADVERTISEMENT", "COMMENT", "RELATED", "FOOTER", "TICKER", "Subscribe", "Share on social", "Most read", "Privacy"} {
		if strings.Contains(text, chrome) {
			t.Errorf("story text keeps chrome %q", chrome)
		}
	}
	if s.Title != "Negotiators agree prisoner exchange framework in Istanbul" {
		t.Errorf("title %q", s.Title)
	}
	if s.Site != "Northern Ledger" {
		t.Errorf("site %q", s.Site)
	}
	if s.Byline != "Olena Marchenko" {
		t.Errorf("byline %q", s.Byline)
	}
	if want := time.Date(2025, 5, 16, 9, 30, 0, 0, time.UTC); !s.Published.Equal(want) {
		t.Errorf("published %v, want %v", s.Published, want)
	}
}

func TestExtractSyndicatedCopiesHaveTheSameText(t *testing.T) {
	u, _ := url.Parse("https://example.test/story")
	a, err := Extract(fixture(t, "wire-a.html", ""), "text/html", u)
	if err != nil {
		t.Fatal(err)
	}
	b, err := Extract(fixture(t, "wire-b.html", ""), "text/html", u)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := strings.Join(b.Blocks, "\n"), strings.Join(a.Blocks, "\n"); got != want {
		t.Errorf("the two outlets' copies differ:\n%s\n---\n%s", want, got)
	}
	if len(a.Blocks) != 5 {
		t.Errorf("%d paragraphs, want 5: %q", len(a.Blocks), a.Blocks)
	}
	if a.Site != "Harbour Times" || b.Site != "Valley Courier" {
		t.Errorf("sites %q and %q", a.Site, b.Site)
	}
}

func TestExtractNoStory(t *testing.T) {
	u, _ := url.Parse("https://ledger.example/front")
	if _, err := Extract(fixture(t, "nostory.html", ""), "text/html", u); err != ErrNoArticle {
		t.Fatalf("err = %v, want ErrNoArticle", err)
	}
}

// TestExtractDecodesCharsets reads a windows-1251 page, once told by the
// Content-Type and once by the page's own <meta>.
func TestExtractDecodesCharsets(t *testing.T) {
	u, _ := url.Parse("https://kyiv.example/news")
	page := fixture(t, "cp1251.html", "")
	for _, ct := range []string{"text/html; charset=windows-1251", "text/html; charset="} {
		s, err := Extract(page, ct, u)
		if err != nil {
			t.Fatalf("%s: %v", ct, err)
		}
		if s.Title != "Переговори у Стамбулі" || !strings.Contains(strings.Join(s.Blocks, " "), "Делегації України та Росії домовилися") {
			t.Errorf("%s: title %q, text %q", ct, s.Title, s.Blocks)
		}
	}
}

// A byline kept by the page inside the story is not saved as its first
// paragraph: it is the author, in the front matter.
func TestExtractDropsBylineParagraph(t *testing.T) {
	page := `<html><head><title>Talks resume</title><meta name="author" content="Jane Roe"></head><body><article>
<h1>Talks resume</h1><p>By Jane Roe</p>` + strings.Repeat(`<p>Negotiators met again in Geneva on Sunday to discuss the draft framework, officials said, and more talks were planned.</p>`, 6) +
		`</article></body></html>`
	u, _ := url.Parse("https://example.test/talks")
	s, err := Extract([]byte(page), "text/html; charset=utf-8", u)
	if err != nil {
		t.Fatal(err)
	}
	if s.Byline == "" {
		t.Skip("readability found no byline in this page")
	}
	for _, b := range s.Blocks {
		if strings.Contains(b, "Jane Roe") {
			t.Errorf("the byline stayed in the text: %q", b)
		}
	}
}
