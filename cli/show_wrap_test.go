package cli

import (
	"strings"
	"testing"
	"unicode"

	"github.com/charmbracelet/x/ansi"

	"briefing/model"
	"briefing/seeds"
	"briefing/store"
)

// words reduces text to its words, lower-case and single-spaced, so that
// wrapped, marked and styled output compares with the article's text.
func words(s string) string {
	s = ansi.Strip(s)
	var b strings.Builder
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(unicode.ToLower(r))
		} else {
			b.WriteByte(' ')
		}
	}
	return strings.Join(strings.Fields(b.String()), " ")
}

// The paragraphs a user asks to see with --topic are shown whole, at any
// width, on a terminal and on a pipe.
func TestShowTopicNeverCutsText(t *testing.T) {
	topics, _ := model.ParseTopics(seeds.Topics())
	tg, _ := model.NewTagger(topics)
	corpus, _, err := model.LoadFS(seeds.Articles(), model.LoadOptions{Tagger: tg})
	if err != nil {
		t.Fatal(err)
	}
	ter := corpus.TopicIndex("territory")
	for _, a := range corpus.Articles {
		for _, width := range []string{"40", "80", "120"} {
			for _, terminal := range []bool{false, true} {
				r := runCLI(t, terminal, nil, "show", "--width", width, "--topic", "territory", a.ID)
				if r.code != 0 {
					t.Fatalf("exit %d: %s", r.code, r.stderr)
				}
				for _, l := range strings.Split(r.stdout, "\n") {
					if strings.HasSuffix(ansi.Strip(l), "…") {
						t.Errorf("%s at %s: a line is cut: %q", a.ID, width, ansi.Strip(l))
					}
				}
				out := words(r.stdout)
				for _, i := range a.ParagraphsOn(ter) {
					if p := words(a.Paragraphs[i].Text); !strings.Contains(out, p) {
						t.Errorf("%s at %s (terminal %v): ¶%d is not whole:\n%s", a.ID, width, terminal, i+1, p)
					}
				}
			}
		}
	}
}

// show ID#pN starts at the paragraph with its topic labels.
func TestShowFromParagraphKeepsLabels(t *testing.T) {
	r := runCLI(t, false, nil, "show", "--width", "60", "ukraine-us-europeans-still-working#p7")
	first := strings.SplitN(r.stdout, "\n", 2)[0]
	if r.code != 0 || !strings.Contains(first, "[territory]") {
		t.Errorf("exit %d, first line %q", r.code, first)
	}
}

// --topic takes a topic as people name it: id, badge or unique prefix.
func TestTopicByBadgeOrPrefix(t *testing.T) {
	for _, ref := range []string{"security-guarantees", "SEC", "sec", "secur"} {
		r := runCLI(t, false, nil, "export", "--topic", ref)
		if r.code != 0 || !strings.HasPrefix(r.stdout, "# Briefing: Security guarantees") {
			t.Errorf("--topic %s: exit %d, %q", ref, r.code, r.stderr)
		}
	}
	if r := runCLI(t, false, nil, "show", "--width", "5", "ukraine"); r.code != 2 || !strings.Contains(r.stderr, "at least 20") {
		t.Errorf("--width 5: exit %d, %q", r.code, r.stderr)
	}
}

// export --pins --topic takes a badge or prefix too, and filters by it.
func TestExportPinsByBadge(t *testing.T) {
	dir := t.TempDir()
	st, err := store.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	st.Add(localUser(), model.Pin{ArticleID: "x", ParaHash: "h", Index: 2, Text: "Kept.", Title: "T", Topic: "territory"})
	st.Add(localUser(), model.Pin{ArticleID: "y", ParaHash: "i", Index: 3, Text: "Other.", Title: "U", Topic: "sanctions"})
	st.Close()
	for _, ref := range []string{"territory", "TER", "terr"} {
		r := runCLI(t, false, nil, "export", "--pins", "--state", dir, "--topic", ref)
		if r.code != 0 || !strings.Contains(r.stdout, "Kept.") || strings.Contains(r.stdout, "Other.") {
			t.Errorf("--topic %s: exit %d\n%s%s", ref, r.code, r.stdout, r.stderr)
		}
	}
}
