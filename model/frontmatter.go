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
	fm, ok := simpleFrontMatter(body[:end])
	if !ok {
		if err := yaml.Unmarshal([]byte(body[:end]), &fm); err != nil {
			return text
		}
	}
	a.Title = oneLine(fm.Title)
	a.offerSource(fm.Source, sourceFrontMatter)
	a.Author = oneLine(fm.Author)
	a.URL = oneLine(fm.URL)
	if d, ok := parseDate(fm.Date); ok {
		a.Date = d
	}
	return rest
}

// oneLine cleans a metadata value: YAML escapes can encode control
// characters, so values are sanitised like text, then kept to one line.
func oneLine(s string) string { return strings.Join(strings.Fields(Sanitize(s)), " ") }

// simpleFrontMatter reads the common case, flat "key: value" lines with
// plain or simply quoted values, without a YAML parser (a tenth of the time
// of loading Markdown). Anything else is left to YAML: ok is false.
func simpleFrontMatter(block string) (fm frontMatter, ok bool) {
	for line := range strings.SplitSeq(block, "\n") {
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		key, value, found := strings.Cut(line, ":")
		if !found || key == "" || strings.ContainsAny(key, " \t\"'") {
			return fm, false
		}
		value = strings.TrimSpace(value)
		switch {
		case value == "":
		case value[0] == '"':
			if len(value) < 2 || value[len(value)-1] != '"' || strings.ContainsAny(value[1:len(value)-1], "\\\"") {
				return fm, false
			}
			value = value[1 : len(value)-1]
		case value[0] == '\'':
			if len(value) < 2 || value[len(value)-1] != '\'' {
				return fm, false
			}
			value = strings.ReplaceAll(value[1:len(value)-1], "''", "'")
		case strings.ContainsAny(value[:1], "[{|>&*!%@`") || strings.Contains(value, " #"):
			return fm, false
		}
		switch key {
		case "title":
			fm.Title = value
		case "date":
			fm.Date = value
		case "source":
			fm.Source = value
		case "author":
			fm.Author = value
		case "url":
			fm.URL = value
		}
	}
	return fm, true
}
