package model

import (
	"encoding/json"
	"strings"
	"testing"
	"time"
)

func TestCitation(t *testing.T) {
	d := time.Date(2025, 4, 18, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		e    Excerpt
		want string
	}{
		{Excerpt{Title: "T", Source: "S", Date: d, Index: 3}, "T, S, 2025-04-18, ¶3"},
		{Excerpt{Title: "T", Index: 3}, "T, ¶3"},
		{Excerpt{Title: "T", Date: d}, "T, 2025-04-18"},
	}
	for _, tt := range tests {
		if got := tt.e.Citation(); got != tt.want {
			t.Errorf("Citation = %q, want %q", got, tt.want)
		}
	}
}

func TestTopicBriefingOldestFirst(t *testing.T) {
	c := seedCorpus(t, defaultTagger(t))
	ti := c.TopicIndex("territory")
	b := TopicBriefing(c, []int{ti}, time.Date(2026, 1, 2, 0, 0, 0, 0, time.UTC))
	if len(b.Groups) != 1 || b.Groups[0].TopicID != "territory" {
		t.Fatalf("groups %+v", b.Groups)
	}
	ex := b.Groups[0].Excerpts
	// Body paragraphs only: a headline is counted in TopicCounts but is not
	// quoted.
	n := 0
	for _, a := range c.Articles {
		n += len(a.ParagraphsOn(ti))
	}
	if len(ex) != n {
		t.Errorf("%d excerpts, want %d", len(ex), n)
	}
	// Dated articles oldest first, undated last.
	if ex[0].Date.Format(time.DateOnly) != "2025-04-18" {
		t.Errorf("first excerpt dated %v", ex[0].Date)
	}
	seenUndated := false
	for i := 1; i < len(ex); i++ {
		if ex[i].Date.IsZero() {
			seenUndated = true
		} else if seenUndated || ex[i].Date.Before(ex[i-1].Date) {
			t.Errorf("excerpt %d out of order", i)
		}
	}
	md := b.Markdown()
	for _, want := range []string{"# Briefing: Territory", "Made 2026-01-02.", "## Territory", "\n> ", "— France hails 'positive process' as Europe, US discuss Ukraine ceasefire, 2025-04-18, ¶23"} {
		if !strings.Contains(md, want) {
			t.Errorf("Markdown lacks %q:\n%s", want, md)
		}
	}
	var data struct {
		Title  string
		Groups []struct {
			Topic    string
			Excerpts []struct{ Citation, Text, Date string }
		}
	}
	raw, err := b.JSON()
	if err != nil || json.Unmarshal(raw, &data) != nil {
		t.Fatalf("JSON: %v\n%s", err, raw)
	}
	if data.Groups[0].Topic != "territory" || len(data.Groups[0].Excerpts) != n || data.Groups[0].Excerpts[0].Citation == "" {
		t.Errorf("JSON content %+v", data)
	}
	for _, l := range strings.Split(b.Text(60), "\n") {
		if len([]rune(l)) > 60 {
			t.Errorf("text line too long: %q", l)
		}
	}
}

func TestMarkdownKeepsTextLiteral(t *testing.T) {
	b := Briefing{Title: "B", Groups: []Group{{Name: "G", Excerpts: []Excerpt{{Title: "T", Text: "<script>x</script> *bold* _it_", Note: "see `code`"}}}}}
	md := b.Markdown()
	if strings.Contains(md, "<script>") || strings.Contains(md, " *bold*") || !strings.Contains(md, `\*bold\*`) {
		t.Errorf("text not escaped:\n%s", md)
	}
}

func TestCitationURL(t *testing.T) {
	d := time.Date(2025, 4, 18, 0, 0, 0, 0, time.UTC)
	e := Excerpt{Title: "Talks [resume]", Source: "AP", URL: "https://apnews.com/article/a(b) c", Date: d, Index: 3, Text: "x"}
	if got, want := e.CitationMarkdown(), `[Talks \[resume\]](https://apnews.com/article/a%28b%29%20c), AP, 2025-04-18, ¶3`; got != want {
		t.Errorf("CitationMarkdown = %q, want %q", got, want)
	}
	if got, want := e.CitationText(), "Talks [resume], AP, 2025-04-18, ¶3, https://apnews.com/article/a(b) c"; got != want {
		t.Errorf("CitationText = %q, want %q", got, want)
	}
	if got := e.Citation(); strings.Contains(got, "http") {
		t.Errorf("Citation carries the URL: %q", got)
	}
	// Only web addresses become links.
	for _, bad := range []string{"javascript:alert(1)", "file:///etc/passwd", "//example.com/a", "https:///nohost"} {
		e.URL = bad
		if md := e.CitationMarkdown(); strings.Contains(md, "](") {
			t.Errorf("%q became a link: %s", bad, md)
		}
	}
	e.URL = ""
	if got, want := e.CitationMarkdown(), `Talks \[resume\], AP, 2025-04-18, ¶3`; got != want {
		t.Errorf("without URL: %q, want %q", got, want)
	}

	e.URL = "https://apnews.com/article/x"
	b := Briefing{Title: "B", Groups: []Group{{Name: "G", Excerpts: []Excerpt{e}}}}
	if md := b.Markdown(); !strings.Contains(md, "— [Talks \\[resume\\]](https://apnews.com/article/x), AP, 2025-04-18, ¶3\n") {
		t.Errorf("Markdown citation:\n%s", md)
	}
	if txt := b.Text(100); !strings.Contains(txt, "— Talks [resume], AP, 2025-04-18, ¶3, https://apnews.com/article/x\n") {
		t.Errorf("text citation:\n%s", txt)
	}
	raw, _ := b.JSON()
	var data struct {
		Groups []struct {
			Excerpts []struct{ URL, Source string }
		}
	}
	if err := json.Unmarshal(raw, &data); err != nil || data.Groups[0].Excerpts[0].URL != e.URL || data.Groups[0].Excerpts[0].Source != "AP" {
		t.Errorf("JSON: %v %s", err, raw)
	}
}
