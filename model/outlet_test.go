package model

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"briefing/seeds"
)

func TestOutletFromText(t *testing.T) {
	const head = "Europe weighs troops for postwar Ukraine\n\n"
	const body = "Britain and France said on Monday they were ready to lead a force.\n\nMore talks follow next week in London.\n"
	tests := []struct {
		name, file, in string
		source, author string
	}{
		{"capital dateline", "a.txt", head + "KYIV (AP) - Officials met on Monday.\n\n" + body, "AP", ""},
		{"dateline with the agency's long name", "a.txt", head + "KYIV (Associated Press) — Officials met.\n\n" + body, "AP", ""},
		{"mixed-case dateline", "a.txt", head + "Paris (Reuters) - Officials met.\n\n" + body, "Reuters", ""},
		{"agency alone", "a.txt", head + "(AFP) - Officials met.\n\n" + body, "AFP", ""},
		{"Reuters' dateline with a date", "a.txt", head + "KYIV, Dec 12 (Reuters) - Officials met.\n\n" + body, "Reuters", ""},
		{"two places", "a.txt", head + "LONDON/KYIV, April 17 (Reuters) - Officials met.\n\n" + body, "Reuters", ""},
		{"AP's dateline with a country", "a.txt", head + "KYIV, Ukraine (AP) — Officials met.\n\n" + body, "AP", ""},
		{"byline with the outlet after a comma", "a.txt", head + "By Jane Roe, Reuters\n\n" + body, "Reuters", "Jane Roe"},
		{"byline with the outlet after a bar", "a.txt", head + "By Jane Roe and John Doe | Herald\n\n" + body, "Herald", "Jane Roe and John Doe"},
		{"byline with the outlet after a dash", "a.txt", head + "By Jane Roe - The Kyiv Independent\n\n" + body, "The Kyiv Independent", "Jane Roe"},
		{"byline of two people", "a.txt", head + "By Jane Roe, John Doe\n\n" + body, "", "Jane Roe and John Doe"},
		{"Reuters' closing credit", "a.txt", head + body + "\n(Reporting by Jane Roe; Editing by John Doe)\n", "Reuters", ""},
		{"credit with a writer", "a.txt", head + body + "\nReporting by Jane Roe in Kyiv; Writing by Ann Lee; Editing by John Doe\n", "Reuters", ""},
		{"dateline beats the credit", "a.txt", head + "KYIV (AP) - Officials met.\n\n" + body + "\n(Reporting by Jane Roe; Editing by John Doe)\n", "AP", ""},
		{"told the BBC", "a.txt", head + "Zelensky told the BBC that talks would go on.\n\n" + body, "", ""},
		{"according to Reuters", "a.txt", head + "Kyiv rejected the plan, according to Reuters.\n\n" + body, "", ""},
		{"an interview with CNN", "a.txt", head + "Rubio said in an interview with CNN that Europe had a role.\n\n" + body, "", ""},
		{"reports this", "a.txt", head + "The U.S. has presented its allies with proposals. Bloomberg reports this.\n\n" + body, "", ""},
		{"a caption marker is no outlet", "a.txt", head + "President Macron (L) - Officials met.\n\n" + body, "", ""},
		{"url host", "a.txt", "---\nurl: https://www.theguardian.com/world/2025/apr/18/x\n---\n" + head + body, "The Guardian", ""},
		{"unknown url host", "a.md", "---\nurl: https://news.example.co.uk/a\n---\n" + head + body, "example.co.uk", ""},
		{"text beats the url", "a.txt", "---\nurl: https://apnews.com/article/x\n---\n" + head + "PARIS (Reuters) - Officials met.\n\n" + body, "Reuters", ""},
		{"front matter beats the text", "a.md", "---\nsource: Le Monde\nauthor: Jane Roe\n---\n" + head + "PARIS (Reuters) - Officials met.\n\n" + body, "Le Monde", "Jane Roe"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, _, err := Parse(tt.file, []byte(tt.in))
			if err != nil {
				t.Fatal(err)
			}
			if a.Source != tt.source || a.Author != tt.author {
				t.Errorf("source %q author %q, want %q %q", a.Source, a.Author, tt.source, tt.author)
			}
			if a.Attribution() != tt.source {
				t.Errorf("Attribution() = %q, want the outlet %q", a.Attribution(), tt.source)
			}
			for _, p := range a.Paragraphs {
				if strings.HasPrefix(p.Text, "By ") {
					t.Errorf("byline kept as paragraph %d: %q", p.Index, p.Text)
				}
			}
		})
	}
}

func TestOutletOfURL(t *testing.T) {
	for in, want := range map[string]string{
		"https://www.reuters.com/world/europe/x-2025-12-12/": "Reuters",
		"https://apnews.com/article/abc":                     "AP",
		"https://www.bbc.co.uk/news/articles/c1":             "BBC",
		"https://www.bbc.com/news/articles/c1":               "BBC",
		"https://kyivindependent.com/x":                      "The Kyiv Independent",
		"https://www.france24.com/en/europe/x":               "France 24",
		"https://www.aljazeera.com/news/x":                   "Al Jazeera",
		"https://www.nytimes.com/2025/04/17/x.html":          "The New York Times",
		"http://WWW.Example.COM./a":                          "example.com",
		"https://news.example.co.uk/a":                       "example.co.uk",
		"example.org/a":                                      "example.org",
		"https://notreuters.com/a":                           "notreuters.com",
		"":                                                   "",
		"not a url":                                          "",
		"https://localhost/a":                                "",
		"mailto:desk@example.com":                            "",
		"ftp://files.example.com/a":                          "",
	} {
		if got := OutletOfURL(in); got != want {
			t.Errorf("OutletOfURL(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestFrontMatterInPlainText(t *testing.T) {
	in := "---\nsource: Reuters\ndate: 2025-04-18\n---\nTalks resume in Geneva\n\nDelegations met on *Sunday* in [Geneva](x).\n\n# not a heading in plain text\n"
	a, _, err := Parse("a.txt", []byte(in))
	if err != nil {
		t.Fatal(err)
	}
	if a.Source != "Reuters" || a.DateString() != "2025-04-18" || a.Title != "Talks resume in Geneva" {
		t.Errorf("front matter not read: source %q date %q title %q", a.Source, a.DateString(), a.Title)
	}
	if len(a.Paragraphs) != 2 || a.Paragraphs[0].Text != "Delegations met on *Sunday* in [Geneva](x)." || a.Paragraphs[1].Kind == Subheading {
		t.Errorf("plain text body read as Markdown: %+v", a.Paragraphs)
	}
}

func TestFolderFile(t *testing.T) {
	art := func(extra string) string {
		return extra + "Talks resume on security guarantees\n\nDiplomats met in Geneva on Sunday to discuss it.\n"
	}
	dir := writeFiles(t, map[string]string{
		FolderFile:              "# the wire copy\nsource: Reuters\n",
		"a.txt":                 art(""),
		"own/" + FolderFile:     "source: AP\n",
		"own/b.txt":             art(""),
		"inherit/c.txt":         art(""),
		"inherit/deeper/d.txt":  art(""),
		"fm.md":                 art("---\nsource: Le Monde\n---\n"),
		"dated/" + FolderFile:   "source: AP\ndate: 2025-01-01\n",
		"dated/e.txt":           art(""),
		"broken/" + FolderFile:  "source: [unclosed\n",
		"broken/f.txt":          art(""),
		"empty/" + FolderFile:   "",
		"empty/g.txt":           art(""),
		"lone/" + FolderFile:    "source: Kyiv Herald\n",
		"lone/h.txt":            art(""),
		"lone/sub/i.txt":        art(""),
		"text/" + FolderFile:    "source: AP\n",
		"text/j.txt":            art("Talks resume\n\nPARIS (Reuters) - Officials met.\n\n"),
		"notext/k.txt":          art("Talks resume\n\nPARIS (AFP) - Officials met.\n\n"),
		"notext/" + FolderFile:  "source:\n",
		"unknown/" + FolderFile: "sorce: AP\n",
		"unknown/l.txt":         art(""),
	})
	c, warns, err := LoadPaths([]string{dir}, LoadOptions{Tagger: defaultTagger(t)})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		"a.txt": "Reuters", "own/b.txt": "AP", "inherit/c.txt": "Reuters", "inherit/deeper/d.txt": "Reuters",
		"fm.md": "Le Monde", "broken/f.txt": "Reuters", "empty/g.txt": "Reuters", "lone/sub/i.txt": "Kyiv Herald",
		"text/j.txt": "AP", "notext/k.txt": "Reuters", "unknown/l.txt": "Reuters", "dated/e.txt": "Reuters",
	}
	for _, a := range c.Articles {
		rel, _ := filepath.Rel(dir, a.Path)
		if w, ok := want[filepath.ToSlash(rel)]; ok && a.Source != w {
			t.Errorf("%s: source %q, want %q", rel, a.Source, w)
		}
	}
	var reasons []string
	for _, w := range warns {
		reasons = append(reasons, w.String())
	}
	got := strings.Join(reasons, "\n")
	for _, want := range []string{"broken/" + FolderFile + ": not read: yaml:", "unknown/" + FolderFile + `: not read: unknown key "sorce"`, "dated/" + FolderFile + `: not read: unknown key "date"`} {
		if !strings.Contains(got, want) {
			t.Errorf("warnings lack %q:\n%s", want, got)
		}
	}
	if len(warns) != 3 || strings.Contains(got, "\n\n") {
		t.Errorf("want three one-line warnings, got:\n%s", got)
	}

	// A named file reads the folder file beside it, and only that one.
	c, _, err = LoadPaths([]string{filepath.Join(dir, "lone", "h.txt"), filepath.Join(dir, "lone", "sub", "i.txt")}, LoadOptions{Tagger: defaultTagger(t)})
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range c.Articles {
		w := "Kyiv Herald"
		if strings.Contains(a.Path, "sub") {
			w = ""
		}
		if a.Source != w {
			t.Errorf("%s: source %q, want %q", a.Path, a.Source, w)
		}
	}
}

func TestFolderFileSummaries(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		FolderFile: "source: Reuters\n",
		"a.txt":    "Talks resume on security guarantees\n\nDiplomats met in Geneva on Sunday to discuss it.\n",
	})
	c, _, err := LoadPaths([]string{dir}, LoadOptions{Tagger: defaultTagger(t), Summaries: true})
	if err != nil || c.Articles[0].Source != "Reuters" {
		t.Fatalf("summary source %q, %v", c.Articles[0].Source, err)
	}
	if _, err := os.Stat(filepath.Join(dir, FolderFile)); err != nil {
		t.Fatal(err)
	}
}

// TestSeedOutlets: no seed names its outlet in its text, so each is an
// honest unknown; the byline is the author, never the source.
func TestSeedOutlets(t *testing.T) {
	c, _, err := LoadFS(seeds.Articles(), LoadOptions{Tagger: defaultTagger(t)})
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range c.Articles {
		if a.Source != "" {
			t.Errorf("%s: source %q, but its text names no outlet", a.ID, a.Source)
		}
	}
	a, err := c.Find("ukraine-us-europeans")
	if err != nil {
		t.Fatal(err)
	}
	if a.Author != "John Irish and Louise Rasmussen" || a.Attribution() != "" {
		t.Errorf("author %q, attribution %q", a.Author, a.Attribution())
	}
}
