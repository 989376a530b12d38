package model

import (
	"fmt"
	"net/url"
	"strings"
	"time"
)

// citeParts are a citation's parts after the title, leaving out what is
// unknown: source, date, ¶N.
func (e Excerpt) citeParts() []string {
	var parts []string
	if e.Source != "" {
		parts = append(parts, e.Source)
	}
	if !e.Date.IsZero() {
		parts = append(parts, e.Date.Format(time.DateOnly))
	}
	if e.Index > 0 {
		parts = append(parts, fmt.Sprintf("¶%d", e.Index))
	}
	return parts
}

// CitationMarkdown is the citation in Markdown: the title links to the
// article's URL when that is a web address, and article text cannot add
// formatting or links of its own.
func (e Excerpt) CitationMarkdown() string {
	title := markdownLinkText(e.Title)
	link, isWeb := WebLink(e.URL)
	if isWeb {
		title = "[" + title + "](" + link + ")"
	}
	parts := []string{title}
	for _, p := range e.citeParts() {
		parts = append(parts, markdownLinkText(p))
	}
	if e.URL != "" && !isWeb {
		parts = append(parts, markdownLinkText(e.URL)) // shown, never linked
	}
	return strings.Join(parts, ", ")
}

// CitationText is the plain citation with the URL, when there is one, last.
func (e Excerpt) CitationText() string {
	if e.URL == "" {
		return e.Citation()
	}
	return e.Citation() + ", " + e.URL
}

// markdownLinkText escapes text for Markdown, brackets too, so a title
// cannot close the link it sits in.
func markdownLinkText(s string) string {
	return strings.NewReplacer("[", `\[`, "]", `\]`).Replace(markdownText(s))
}

// WebLink is rawURL made safe as a Markdown link destination: only http
// and https addresses with a host qualify (never javascript: or file:),
// and characters that would end the destination are percent-encoded.
func WebLink(rawURL string) (string, bool) {
	u, err := url.Parse(strings.TrimSpace(rawURL))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return "", false
	}
	var b strings.Builder
	for _, c := range []byte(u.String()) {
		if c <= ' ' || c == 0x7f || strings.IndexByte(`()<>"\`+"`", c) >= 0 {
			fmt.Fprintf(&b, "%%%02X", c)
			continue
		}
		b.WriteByte(c)
	}
	return b.String(), true
}
