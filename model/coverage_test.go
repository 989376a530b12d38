package model

import (
	"encoding/json"
	"strings"
	"testing"
	"time"
)

// outletCorpus is two AP articles (one by folder file), a Reuters one and
// one of an unknown outlet.
func outletCorpus(t *testing.T) *Corpus {
	t.Helper()
	dir := writeFiles(t, map[string]string{
		"ap/" + FolderFile: "source: AP\n",
		"ap/kyiv.md":       "---\ntitle: Kyiv weighs a land swap\ndate: 2025-11-30\n---\n\nKyiv said on Sunday that any deal on territory would need a referendum.\n",
		"ap/minerals.txt":  "---\ndate: 2025-04-30\n---\nMinerals deal signed\n\nThe minerals deal was signed in Washington on Wednesday.\n",
		"reuters.txt":      "Europe offers troops\n\nPARIS (Reuters) - Europe offered troops as security guarantees after a ceasefire.\n\nThe offer was discussed on Monday.\n",
		"blog.txt":         "Notes from Geneva\n\nThe security guarantees were the main item, a diplomat said.\n",
	})
	c, _, err := LoadPaths([]string{dir}, LoadOptions{Tagger: defaultTagger(t)})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestCoverageBy(t *testing.T) {
	c := outletCorpus(t)
	sec, ter, mineral := c.TopicIndex("security-guarantees"), c.TopicIndex("territory"), c.TopicIndex("minerals-deal")

	byArticle := c.CoverageBy(ByArticle)
	if len(byArticle) != 4 {
		t.Fatalf("%d rows by article", len(byArticle))
	}
	for i, r := range byArticle {
		if r.Articles[0] != c.Articles[i] || r.Outlet != c.Articles[i].Source {
			t.Errorf("row %d is not article %d", i, i)
		}
	}

	rows := c.CoverageBy(ByOutlet)
	var labels []string
	for _, r := range rows {
		labels = append(labels, r.Label(ByOutlet))
	}
	if got := strings.Join(labels, " | "); got != "AP | Reuters | Notes from Geneva" {
		t.Fatalf("rows by outlet: %s", got)
	}
	ap := rows[0]
	// Headlines count as coverage: each AP article's title is on its topic.
	if len(ap.Articles) != 2 || ap.Counts[ter] != 2 || ap.Counts[mineral] != 2 || ap.Covers(sec) {
		t.Errorf("AP row: %d articles, counts %v", len(ap.Articles), ap.Counts)
	}
	if got := strings.Join(ap.Dates(), ","); got != "2025-04-30,2025-11-30" {
		t.Errorf("AP dates %s", got)
	}
	if got := strings.Join(rows[1].Dates(), ","); got != "undated" {
		t.Errorf("Reuters dates %s", got)
	}
	// Counts are copies: summing an outlet's rows never changes an article.
	if c.Articles[0].TopicCounts[mineral]+c.Articles[1].TopicCounts[mineral] != 2 {
		t.Errorf("article counts changed: %v %v", c.Articles[0].TopicCounts, c.Articles[1].TopicCounts)
	}

	// Unknown outlets are never merged, however many there are.
	seeds := seedCorpus(t, defaultTagger(t))
	if n := len(seeds.CoverageBy(ByOutlet)); n != len(seeds.Articles) {
		t.Errorf("seeds by outlet: %d rows for %d articles of unknown outlets", n, len(seeds.Articles))
	}
}

func TestSilentOn(t *testing.T) {
	c := outletCorpus(t)
	var got []string
	for _, s := range c.SilentOn(c.TopicIndex("territory")) {
		got = append(got, s.String())
	}
	if want := "Reuters (undated) | “Notes from Geneva” (unknown outlet, undated)"; strings.Join(got, " | ") != want {
		t.Errorf("silent on territory: %s, want %s", strings.Join(got, " | "), want)
	}
	got = got[:0]
	for _, s := range c.SilentOn(c.TopicIndex("security-guarantees")) {
		got = append(got, s.String())
	}
	if want := "AP (2025-04-30, 2025-11-30)"; strings.Join(got, " | ") != want {
		t.Errorf("silent on security guarantees: %s, want %s", strings.Join(got, " | "), want)
	}
}

func TestTopicBriefingEndsWithSilence(t *testing.T) {
	c := outletCorpus(t)
	b := TopicBriefing(c, []int{c.TopicIndex("territory"), c.TopicIndex("frozen-assets")}, time.Date(2026, 1, 2, 0, 0, 0, 0, time.UTC))
	md := b.Markdown()
	for _, want := range []string{
		"— Kyiv weighs a land swap, AP, 2025-11-30, ¶1\n\nNot covered by: Reuters (undated), “Notes from Geneva” (unknown outlet, undated).\n\n## Frozen assets",
		"No coverage.\n\nNot covered by: AP (2025-04-30, 2025-11-30), Reuters (undated), “Notes from Geneva” (unknown outlet, undated).\n",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("Markdown lacks %q:\n%s", want, md)
		}
	}
	if txt := b.Text(200); !strings.Contains(txt, "\nNot covered by: Reuters (undated), “Notes from Geneva” (unknown outlet, undated).\n") {
		t.Errorf("text lacks the silence:\n%s", txt)
	}
	raw, err := b.JSON()
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Groups []struct {
			NotCoveredBy []Silence `json:"not_covered_by"`
		}
	}
	if err := json.Unmarshal(raw, &doc); err != nil || len(doc.Groups[0].NotCoveredBy) != 2 || doc.Groups[0].NotCoveredBy[0].Outlet != "Reuters" || doc.Groups[0].NotCoveredBy[1].Title != "Notes from Geneva" || doc.Groups[0].NotCoveredBy[1].Article != "notes-geneva" || !doc.Groups[0].NotCoveredBy[0].Undated {
		t.Errorf("JSON silence: %v\n%s", err, raw)
	}
	// Every outlet speaking is said too; a briefing of pins has no silence.
	all := TopicBriefing(c, nil, time.Time{})
	all.Groups = []Group{{Name: "G", Silent: []Silence{}}, {Name: "Pins"}}
	md = all.Markdown()
	if strings.Count(md, "Not covered by") != 1 || !strings.Contains(md, "Not covered by: none.") {
		t.Errorf("silence lines:\n%s", md)
	}
	if raw, _ := all.JSON(); strings.Count(string(raw), "not_covered_by") != 1 {
		t.Errorf("JSON silence for pins:\n%s", raw)
	}
}
