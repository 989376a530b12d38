package model

import (
	"errors"
	"fmt"
	"go.yaml.in/yaml/v3"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func parseSeed(t *testing.T, name string) *Article {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "seeds", name))
	if err != nil {
		t.Fatal(err)
	}
	a, _, err := Parse(name, data)
	if err != nil {
		t.Fatalf("Parse(%s): %v", name, err)
	}
	return a
}

func kindsOf(a *Article) map[Kind][]int {
	out := map[Kind][]int{}
	for _, p := range a.Paragraphs {
		out[p.Kind] = append(out[p.Kind], p.Index)
	}
	return out
}

func TestParseSeeds(t *testing.T) {
	tests := []struct {
		file, title, date, byline, standfirst string
		paragraphs                            int
		subheadings, captions, datelines      []int
		firstWords                            string // of the first paragraph
	}{
		{
			file:  "000_b1fc9fadb82d1f89.txt",
			title: "Ukraine, US, Europeans still working on common stance for peace push, French official says",
			date:  "2025-12-13", byline: "John Irish and Louise Rasmussen",
			paragraphs: 10, firstWords: "PARIS, - Ukraine, the United States",
		},
		{
			file:       "001_ce98c727760cf0f0.txt",
			title:      "French President Emmanuel Macron has led a European push to influence US-Russia talks on a ceasefire in Ukraine with a series of meetings in Paris on Thursday attended by senior US and Ukrainian representatives",
			paragraphs: 17, subheadings: []int{6}, firstWords: "French President Emmanuel Macron has led",
		},
		{
			file:       "002_825e89b02fbe6b94.txt",
			title:      "French President Emmanuel Macron on Monday held talks with Ukraine's President Volodymyr Zelenskyy in Paris, as the US pushes a plan aimed at ending the war between Kyiv and Moscow",
			paragraphs: 25, subheadings: []int{9, 18}, firstWords: "French President Emmanuel Macron on Monday",
		},
		{
			file:  "003_2ce5218daafefbf4.txt",
			title: "France hails 'positive process' as Europe, US discuss Ukraine ceasefire",
			date:  "2025-04-18", paragraphs: 34, subheadings: []int{16, 27}, captions: []int{2}, datelines: []int{1},
			firstWords: "PARIS",
		},
		{
			file:       "004_d61a63dc223d8b64.txt",
			title:      "U.S. outlines peace deal, proposing to freeze war, leave Ukraine's territories under Russian control",
			standfirst: "The U.S. presents peace deal proposal, leaving occupied territories under Russian control, with further talks required with Kyiv",
			paragraphs: 11, firstWords: "The U.S. has presented its allies",
		},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			a := parseSeed(t, tt.file)
			if a.Title != tt.title {
				t.Errorf("title = %q, want %q", a.Title, tt.title)
			}
			if a.DateString() != tt.date {
				t.Errorf("date = %q, want %q", a.DateString(), tt.date)
			}
			if a.Author != tt.byline {
				t.Errorf("byline = %q, want %q", a.Author, tt.byline)
			}
			if a.Standfirst != tt.standfirst {
				t.Errorf("standfirst = %q, want %q", a.Standfirst, tt.standfirst)
			}
			if len(a.Paragraphs) != tt.paragraphs {
				t.Errorf("%d paragraphs, want %d", len(a.Paragraphs), tt.paragraphs)
			}
			if !strings.HasPrefix(a.Paragraphs[0].Text, tt.firstWords) {
				t.Errorf("first paragraph %q, want it to start %q", a.Paragraphs[0].Text, tt.firstWords)
			}
			kinds := kindsOf(a)
			for kind, want := range map[Kind][]int{Subheading: tt.subheadings, Caption: tt.captions, Dateline: tt.datelines} {
				if !slices.Equal(kinds[kind], want) {
					t.Errorf("%s paragraphs = %v, want %v", kind, kinds[kind], want)
				}
			}
			for i, p := range a.Paragraphs {
				if p.Index != i+1 {
					t.Errorf("paragraph %d has index %d", i, p.Index)
				}
				if p.Text != strings.TrimSpace(p.Text) || p.Text == "" {
					t.Errorf("paragraph %d text %q is not trimmed", p.Index, p.Text)
				}
				if strings.Contains(p.Text, "- News") {
					t.Errorf("trailing category tag kept as paragraph %d", p.Index)
				}
			}
		})
	}
}

func TestParseFormats(t *testing.T) {
	t.Run("front matter wins over inference", func(t *testing.T) {
		in := "---\ntitle: Kyiv weighs land swap\ndate: 2025-11-30\nsource: The Example Post\nauthor: Jane Roe\nurl: https://example.com/a\ntags: [x]\n---\n\n# Another heading\n\nBy John Doe\n\nKYIV (Reuters) - Officials met.\n"
		a, _, err := Parse("a.md", []byte(in))
		if err != nil {
			t.Fatal(err)
		}
		if a.Title != "Kyiv weighs land swap" || a.DateString() != "2025-11-30" || a.Source != "The Example Post" || a.Author != "Jane Roe" || a.URL != "https://example.com/a" {
			t.Errorf("front matter not applied: %+v", a)
		}
	})
	t.Run("markdown headings and list items", func(t *testing.T) {
		in := "# Talks resume in Geneva\n\nDelegations met on **Sunday** in [Geneva](https://example.com).\n\n## What changed\n\n- The plan has 20 points.\n- Territory is unresolved.\n"
		a, _, err := Parse("b.md", []byte(in))
		if err != nil {
			t.Fatal(err)
		}
		if a.Title != "Talks resume in Geneva" {
			t.Errorf("title %q", a.Title)
		}
		want := []string{"Delegations met on Sunday in Geneva.", "What changed", "The plan has 20 points.", "Territory is unresolved."}
		if len(a.Paragraphs) != len(want) {
			t.Fatalf("paragraphs %+v", a.Paragraphs)
		}
		for i, w := range want {
			if got := strings.TrimPrefix(a.Paragraphs[i].Text, "- "); got != w {
				t.Errorf("paragraph %d = %q, want %q", i+1, got, w)
			}
		}
		if a.Paragraphs[1].Kind != Subheading {
			t.Errorf("## heading parsed as %s", a.Paragraphs[1].Kind)
		}
	})
	t.Run("hard-wrapped paragraphs are joined", func(t *testing.T) {
		in := "Negotiators in Riyadh said on Tuesday that the draft\nframework would let monitors verify a halt to strikes on\nenergy infrastructure before wider talks began.\n\nA second paragraph follows here.\n"
		a, _, err := Parse("c.txt", []byte(in))
		if err != nil {
			t.Fatal(err)
		}
		if len(a.Paragraphs) != 2 || !strings.Contains(a.Paragraphs[0].Text, "draft framework would") {
			t.Errorf("paragraphs %+v", a.Paragraphs)
		}
	})
	t.Run("byline and date lines under a headline", func(t *testing.T) {
		in := "Europe readies troops for postwar Ukraine\nBy Maria Lopez and Tom O'Neill\nPublished: March 3, 2025\n\nLONDON (AFP) - Britain and France said on Monday they were ready.\n\nMore talks follow.\n"
		a, _, err := Parse("d.txt", []byte(in))
		if err != nil {
			t.Fatal(err)
		}
		if a.Title != "Europe readies troops for postwar Ukraine" || a.Author != "Maria Lopez and Tom O'Neill" || a.DateString() != "2025-03-03" || a.Source != "AFP" {
			t.Errorf("got title %q byline %q date %q source %q", a.Title, a.Author, a.DateString(), a.Source)
		}
		if len(a.Paragraphs) != 2 {
			t.Errorf("paragraphs %+v", a.Paragraphs)
		}
	})
	t.Run("date in the file name", func(t *testing.T) {
		a, _, err := Parse("coverage/2025-02-28_oval-office.txt", []byte("Talks in the Oval Office collapsed on Friday."))
		if err != nil {
			t.Fatal(err)
		}
		if a.DateString() != "2025-02-28" {
			t.Errorf("date %q", a.DateString())
		}
	})
	t.Run("CRLF", func(t *testing.T) {
		a, _, err := Parse("e.txt", []byte("Headline about the talks today\r\n\r\nFirst paragraph.\r\n\r\nSecond paragraph.\r\n"))
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range a.Paragraphs {
			if strings.ContainsRune(p.Text, '\r') {
				t.Errorf("CR kept in %q", p.Text)
			}
		}
		if a.Title != "Headline about the talks today" || len(a.Paragraphs) != 2 {
			t.Errorf("title %q, %d paragraphs", a.Title, len(a.Paragraphs))
		}
	})
	t.Run("long paragraph is split with a note", func(t *testing.T) {
		long := strings.Repeat("The talks went on late into the night. ", 600)
		a, notes, err := Parse("f.txt", []byte(long))
		if err != nil {
			t.Fatal(err)
		}
		if len(notes) != 1 || len(a.Paragraphs) < 3 {
			t.Fatalf("notes %v, %d paragraphs", notes, len(a.Paragraphs))
		}
		total := 0
		for _, p := range a.Paragraphs {
			if len(p.Text) > MaxParagraphBytes {
				t.Errorf("paragraph of %d bytes", len(p.Text))
			}
			total += len(strings.Fields(p.Text))
		}
		if total != len(strings.Fields(long)) {
			t.Errorf("split lost words: %d of %d", total, len(strings.Fields(long)))
		}
	})
}

func TestParseRejects(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want error
	}{
		{"empty", "", ErrEmpty},
		{"whitespace only", " \n\t\n  \r\n", ErrEmpty},
		{"binary", "PK\x03\x04\x00\x00abc", ErrBinary},
		{"mostly invalid UTF-8", "\xff\xfe\xfd\xfc\xfb\xfa\xf9ab", ErrNotUTF},
		{"only escape sequences", "\x1b[2J\x1b]0;x\x07", ErrEmpty},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := Parse("x.txt", []byte(tt.in))
			if !errors.Is(err, tt.want) {
				t.Errorf("err = %v, want %v", err, tt.want)
			}
		})
	}
}

func TestSplitByline(t *testing.T) {
	tests := []struct{ in, byline, rest string }{
		{"By John Irish and Louise Rasmussen Ukraine, US, Europeans still working", "John Irish and Louise Rasmussen", "Ukraine, US, Europeans still working"},
		{"By Anna J. Smith Talks stall", "Anna J. Smith", "Talks stall"},
		{"By Ana de Souza, Bo Li and Kim Park Leaders meet", "Ana de Souza, Bo Li and Kim Park", "Leaders meet"},
		{"Kyiv rejects plan", "", "Kyiv rejects plan"},
	}
	for _, tt := range tests {
		b, r := splitByline(tt.in)
		if b != tt.byline || r != tt.rest {
			t.Errorf("splitByline(%q) = %q, %q; want %q, %q", tt.in, b, r, tt.byline, tt.rest)
		}
	}
}

// TestSimpleFrontMatterAgreesWithYAML checks the fast path against the YAML
// parser on the forms it accepts, and that it declines the rest.
func TestSimpleFrontMatterAgreesWithYAML(t *testing.T) {
	accepted := []string{
		"title: Plain title\ndate: 2025-01-02\nsource: Outlet",
		"title: \"Quoted: with colon\"\nauthor: 'It''s me'\nurl: https://example.com/a?b=c",
		"# comment\ntitle: T\ntags: x\n\nsource:",
	}
	for _, in := range accepted {
		fast, ok := simpleFrontMatter(in)
		if !ok {
			t.Errorf("declined %q", in)
			continue
		}
		var slow frontMatter
		if err := yaml.Unmarshal([]byte(in), &slow); err != nil {
			t.Fatal(err)
		}
		if fast != slow {
			t.Errorf("%q: fast %+v, yaml %+v", in, fast, slow)
		}
	}
	for _, in := range []string{"title: \"esc\\taped\"", "tags: [a, b]", "title: |\n  block", "  nested: x", "title: x # comment", "title: \"unclosed"} {
		if _, ok := simpleFrontMatter(in); ok {
			t.Errorf("accepted %q", in)
		}
	}
}

func TestManyParagraphsAreMerged(t *testing.T) {
	var b strings.Builder
	b.WriteString("Headline of a pathological file\n\n")
	for i := range 3 * MaxParagraphs {
		fmt.Fprintf(&b, "Line %d.\n\n", i)
	}
	a, notes, err := Parse("many.txt", []byte(b.String()))
	if err != nil {
		t.Fatal(err)
	}
	if len(a.Paragraphs) > MaxParagraphs || len(notes) != 1 || !strings.Contains(notes[0], "merged") {
		t.Fatalf("%d paragraphs, notes %v", len(a.Paragraphs), notes)
	}
	words := 0
	for i, p := range a.Paragraphs {
		if p.Index != i+1 || len(p.Text) > MaxParagraphBytes {
			t.Fatalf("paragraph %d: index %d, %d bytes", i, p.Index, len(p.Text))
		}
		words += len(strings.Fields(p.Text))
	}
	if words != 2*3*MaxParagraphs {
		t.Errorf("merging lost words: %d", words)
	}
}

func TestFoldWords(t *testing.T) {
	f := newFoldWords("photo", "caption", "image")
	for s, want := range map[string]bool{
		"Photo: Reuters":               true,
		"a PHOTOGRAPH of the talks":    true,
		"see the Caption":              true,
		"cApTiOn":                      true,
		"phot":                         false,
		"Diplomats met in Geneva.":     false,
		"photon":                       true, // a guard: the regular expression decides
		"\x50\x48\x4f\x54\x4f":         true, // PHOTO
		"p\x80oto, pho\x7fo, ca ption": false,
	} {
		if got := f.in(s); got != want {
			t.Errorf("in(%q) = %v, want %v", s, got, want)
		}
	}
}

// A short question is a headline, and web pages' media labels are
// captions.
func TestQuestionHeadlineAndMediaLabels(t *testing.T) {
	a, _, err := Parse("q.txt", []byte("Can Europe guarantee Ukraine's security?\n\nEuropean leaders met in Paris on Tuesday to discuss a force.\n\nImage caption, Soldiers at a training ground near Kyiv\n\nMore talks are planned next week, officials said.\n"))
	if err != nil {
		t.Fatal(err)
	}
	if a.Title != "Can Europe guarantee Ukraine's security?" {
		t.Errorf("title %q", a.Title)
	}
	var kinds []string
	for _, p := range a.Paragraphs {
		kinds = append(kinds, p.Kind.String())
	}
	if got := strings.Join(kinds, " "); got != "body caption body" {
		t.Errorf("kinds %s", got)
	}
}

// A standfirst written as a sentence, full stop and all, sits between the
// headline and the byline; a sentence after the headline with no byline
// after it is the lead. Credit lines stay out of the counted text.
func TestStandfirstBeforeByline(t *testing.T) {
	tests := []struct {
		name, text, standfirst, author, first string
	}{
		{
			name:       "sentence standfirst, then byline",
			text:       "Merz backs plan to tap frozen Russian funds\n\nGermany's shift removes a major obstacle in Europe to using the money, but Belgium remains wary.\n\nBy Erik Lindqvist and Hannah Roth\n\nBERLIN — Chancellor Friedrich Merz on Thursday endorsed the plan.\n",
			standfirst: "Germany's shift removes a major obstacle in Europe to using the money, but Belgium remains wary.",
			author:     "Erik Lindqvist and Hannah Roth",
			first:      "BERLIN — Chancellor",
		},
		{
			name:       "sentence standfirst, then a date line",
			text:       "Merz backs plan to tap frozen Russian funds\n\nGermany's shift removes a major obstacle in Europe to using the money, but Belgium remains wary.\n\nPublished 26 September 2025\n\nBERLIN — Chancellor Friedrich Merz on Thursday endorsed the plan.\n",
			standfirst: "Germany's shift removes a major obstacle in Europe to using the money, but Belgium remains wary.",
			first:      "BERLIN — Chancellor",
		},
		{
			name:  "a lead and no byline stays the lead",
			text:  "Merz backs plan to tap frozen Russian funds\n\nGermany's chancellor on Thursday removed a major obstacle in Europe to using the money, officials said.\n\nBelgium remains wary of the plan, diplomats said on Friday.\n",
			first: "Germany's chancellor on Thursday",
		},
		{
			name:   "byline right after the headline",
			text:   "Merz backs plan to tap frozen Russian funds\n\nBy Erik Lindqvist\n\nGermany's chancellor on Thursday removed a major obstacle in Europe to using the money, officials said.\n\nBelgium remains wary.\n",
			author: "Erik Lindqvist",
			first:  "Germany's chancellor",
		},
		{
			name:   "too long for a standfirst",
			text:   "Merz backs plan to tap frozen Russian funds\n\n" + strings.Repeat("Germany's chancellor removed an obstacle to using the money. ", 6) + "\n\nBy Erik Lindqvist\n\nBelgium remains wary of the plan, diplomats said on Friday.\n",
			author: "Erik Lindqvist",
			first:  "Germany's chancellor removed",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, _, err := Parse("a.txt", []byte(tt.text))
			if err != nil {
				t.Fatal(err)
			}
			if a.Title != "Merz backs plan to tap frozen Russian funds" {
				t.Errorf("title %q", a.Title)
			}
			if a.Standfirst != tt.standfirst {
				t.Errorf("standfirst %q, want %q", a.Standfirst, tt.standfirst)
			}
			if a.Author != tt.author {
				t.Errorf("author %q, want %q", a.Author, tt.author)
			}
			if len(a.Paragraphs) == 0 || !strings.HasPrefix(a.Paragraphs[0].Text, tt.first) {
				t.Errorf("first paragraphs %v, want the first to start %q", a.Paragraphs, tt.first)
			}
		})
	}
	// Credit lines under a photo are captions: shown, never counted.
	a, _, err := Parse("c.txt", []byte("Merz backs plan to tap frozen Russian funds\n\nGermany's chancellor on Thursday removed a major obstacle to using the money, officials said.\n\nPhoto: Jane Roe\n\nChancellor Friedrich Merz in Berlin. (Photo: Reuters)\n\nSource: Zelensky during an online briefing for journalists\n\nBelgium remains wary of the plan, diplomats said on Friday.\n"))
	if err != nil {
		t.Fatal(err)
	}
	var kinds []string
	for _, p := range a.Paragraphs {
		kinds = append(kinds, p.Kind.String())
	}
	if got := strings.Join(kinds, " "); got != "body caption caption subheading body" {
		t.Errorf("kinds %s", got)
	}
	for _, p := range a.Paragraphs[1:4] {
		if p.Kind.Counts() {
			t.Errorf("%q is counted", p.Text)
		}
	}
}
