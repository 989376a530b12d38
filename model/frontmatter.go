package model

import (
	"strings"

	"go.yaml.in/yaml/v3"
)

type frontMatter struct {
	Title  string `yaml:"title"`
	Date   string `yaml:"date"`
	Source string `yaml:"source"`
	Author string `yaml:"author"`
	URL    string `yaml:"url"`
}

// applyFrontMatter reads YAML front matter into a and returns the text after
// it. Front matter wins over anything inferred from the text. Text that only
// looks like front matter (it does not parse as a YAML mapping) is left as
// it is.
func applyFrontMatter(a *Article, text string) string {
	if !strings.HasPrefix(text, "---\n") {
		return text
	}
	body := text[4:]
	end := strings.Index(body, "\n---")
	if end < 0 {
		return text
	}
	rest := body[end+4:]
	if nl := strings.IndexByte(rest, '\n'); nl >= 0 {
		if strings.TrimSpace(rest[:nl]) != "" {
			return text
		}
		rest = rest[nl+1:]
	} else if strings.TrimSpace(rest) != "" {
		return text
	} else {
		rest = ""
	}
	var fm frontMatter
	if err := yaml.Unmarshal([]byte(body[:end]), &fm); err != nil {
		return text
	}
	a.Title = oneLine(fm.Title)
	a.Source = oneLine(fm.Source)
	a.Byline = oneLine(fm.Author)
	a.URL = oneLine(fm.URL)
	if d, ok := parseDate(fm.Date); ok {
		a.Date = d
	}
	return rest
}

// oneLine cleans a metadata value: YAML escapes can encode control
// characters, so values are sanitised like text, then kept to one line.
func oneLine(s string) string { return strings.Join(strings.Fields(Sanitize(s)), " ") }
