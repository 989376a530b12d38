package library

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"strings"
	"time"
)

// Status is what adding a URL did.
type Status int

const (
	Added     Status = iota // a new article
	Exists                  // already in the library; nothing was done
	Updated                 // refreshed with new text; the old version was kept
	Refreshed               // refreshed: same text, new details (title, date…)
	Unchanged               // refreshed: nothing had changed; the file is as it was
)

func (s Status) String() string {
	return [...]string{"added", "already in the library", "updated", "refreshed", "unchanged"}[s]
}

// Result tells what happened to one URL.
type Result struct {
	URL    string
	Status Status
	Path   string // the article's file
	Kept   string // for Updated: where the earlier version was kept
}

// Hint is what a feed says about an item, used where its page is silent.
type Hint struct {
	Title     string
	Author    string
	Published time.Time
}

// Add fetches the page at rawURL, extracts its story and saves it. A URL
// already in the library is not fetched again unless force is set; then
// the article is refreshed, and its earlier version is kept as NAME~N.md
// when the text changed. On any error nothing in the library is touched.
func (l *Library) Add(ctx context.Context, rawURL string, force bool) (Result, error) {
	return l.add(ctx, rawURL, force, Hint{})
}

func (l *Library) add(ctx context.Context, rawURL string, force bool, hint Hint) (Result, error) {
	res := Result{URL: strings.TrimSpace(rawURL)}
	u, err := ParseURL(rawURL)
	if err != nil {
		return res, err
	}
	res.URL = u.String()
	if p, ok := l.lookup(u); ok && !force {
		res.Status, res.Path = Exists, p
		return res, nil
	}
	resp, err := l.Client.Get(ctx, u, Conditional{})
	if err != nil {
		return res, err
	}
	if !isHTML(resp.ContentType) {
		return res, fmt.Errorf("not an HTML page (%s)", orUnknown(resp.ContentType))
	}
	story, err := Extract(resp.Body, resp.ContentType+"; charset="+resp.Charset, resp.URL)
	if err != nil {
		return res, err
	}
	doc := l.document(story, resp.URL, hint)
	l.saveMu.Lock()
	defer l.saveMu.Unlock()
	existing, ok := l.lookup(u)
	if !ok {
		existing, ok = l.lookup(resp.URL)
	}
	switch {
	case ok && !force:
		// Reached through a redirect to a page already saved.
		res.Status, res.Path = Exists, existing
		return res, nil
	case ok:
		res, err = l.refresh(ctx, res, existing, doc)
	default:
		res.Status, res.Path = Added, l.filePath(doc)
		err = writeAtomic(ctx, res.Path, doc.Markdown())
	}
	if err != nil {
		return res, err
	}
	l.remember(u, res.Path)
	l.remember(resp.URL, res.Path)
	return res, nil
}

func (l *Library) document(s Story, u *url.URL, hint Hint) Document {
	now := time.Now
	if l.Now != nil {
		now = l.Now
	}
	d := Document{Title: s.Title, Source: s.Site, Author: s.Byline, Date: s.Published, URL: u.String(), Fetched: now(), Blocks: s.Blocks}
	if d.Title == "" {
		d.Title = hint.Title
	}
	if d.Author == "" {
		d.Author = hint.Author
	}
	if d.Date.IsZero() {
		d.Date = hint.Published
	}
	if d.Source == "" {
		d.Source = strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")
	}
	return d
}

// refresh rewrites the article at path with doc, keeping the old file as
// the next PATH~N.md when its text changed.
func (l *Library) refresh(ctx context.Context, res Result, path string, doc Document) (Result, error) {
	res.Path = path
	old, err := os.ReadFile(path)
	if err != nil {
		return res, err
	}
	meta, body, _ := splitFrontMatter(old)
	if body != doc.Text() {
		n := len(Versions(path)) + 1
		res.Status, res.Kept = Updated, versionPath(path, n)
		if err := writeAtomic(ctx, res.Kept, old); err != nil {
			return res, err
		}
		return res, writeAtomic(ctx, path, doc.Markdown())
	}
	date := ""
	if !doc.Date.IsZero() {
		date = doc.Date.Format(time.DateOnly)
	}
	if meta.Title == oneLine(doc.Title) && meta.Source == oneLine(doc.Source) && meta.Author == oneLine(doc.Author) && meta.Date == date && meta.URL == doc.URL {
		res.Status = Unchanged
		return res, nil
	}
	res.Status = Refreshed
	return res, writeAtomic(ctx, path, doc.Markdown())
}

func isHTML(mediaType string) bool {
	return mediaType == "text/html" || mediaType == "application/xhtml+xml"
}

func orUnknown(s string) string {
	if s == "" {
		return "unknown type"
	}
	return s
}
