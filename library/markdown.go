package library

import (
	"bytes"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"
)

// Document is one saved article: its front matter and its text.
type Document struct {
	Title   string
	Source  string
	Author  string
	Date    time.Time // zero when unknown
	URL     string
	Fetched time.Time
	Blocks  []string
}

// Markdown renders the document as the reader loads it: YAML front matter
// with title, source, author, date, url and fetched, then the paragraphs
// separated by blank lines.
func (d Document) Markdown() []byte {
	var b bytes.Buffer
	b.WriteString("---\n")
	field(&b, "title", d.Title)
	field(&b, "source", d.Source)
	field(&b, "author", d.Author)
	if !d.Date.IsZero() {
		b.WriteString("date: " + d.Date.Format(time.DateOnly) + "\n")
	}
	field(&b, "url", d.URL)
	b.WriteString("fetched: " + d.Fetched.UTC().Format(time.RFC3339) + "\n")
	b.WriteString("---\n")
	b.WriteString(d.Text())
	return b.Bytes()
}

// Text is the document's body: what decides whether a refresh changed it.
func (d Document) Text() string {
	var b strings.Builder
	for _, blk := range d.Blocks {
		b.WriteString("\n")
		b.WriteString(blk)
		b.WriteString("\n")
	}
	return b.String()
}

// field writes a single-quoted YAML value, which needs no escapes beyond
// doubling quotes; values are one line already.
func field(b *bytes.Buffer, key, value string) {
	if value == "" {
		return
	}
	b.WriteString(key + ": '" + strings.ReplaceAll(oneLine(value), "'", "''") + "'\n")
}

// storedMeta is the front matter of a file in the library.
type storedMeta struct {
	Title   string `yaml:"title"`
	Source  string `yaml:"source"`
	Author  string `yaml:"author"`
	Date    string `yaml:"date"`
	URL     string `yaml:"url"`
	Fetched string `yaml:"fetched"`
}

// splitFrontMatter returns a Markdown file's front matter block and the
// text after it; ok is false when the file has none.
func splitFrontMatter(data []byte) (meta storedMeta, body string, ok bool) {
	text := strings.ReplaceAll(string(data), "\r\n", "\n")
	if !strings.HasPrefix(text, "---\n") {
		return meta, text, false
	}
	end := strings.Index(text[4:], "\n---\n")
	if end < 0 {
		return meta, text, false
	}
	block, body := text[4:4+end+1], text[4+end+5:]
	if err := yaml.Unmarshal([]byte(block), &meta); err != nil {
		return meta, body, false
	}
	return meta, body, true
}
