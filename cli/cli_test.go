package cli

import (
	"bytes"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

type result struct {
	code           int
	stdout, stderr string
}

// runCLI runs briefing in-process; terminal says whether stdout is a TTY.
func runCLI(t *testing.T, terminal bool, environ map[string]string, args ...string) result {
	t.Helper()
	var out, errb bytes.Buffer
	e := env{
		stdout: &out, stderr: &errb,
		getenv:     func(k string) string { return environ[k] },
		isTerminal: func(io.Writer) bool { return terminal },
		termWidth:  func(io.Writer) int { return 0 },
	}
	code := run(args, e)
	return result{code, out.String(), errb.String()}
}

func TestListJSON(t *testing.T) {
	r := runCLI(t, false, nil, "list", "--json")
	if r.code != 0 || r.stderr != "" {
		t.Fatalf("exit %d, stderr %q", r.code, r.stderr)
	}
	lines := strings.Split(strings.TrimSpace(r.stdout), "\n")
	if len(lines) != 5 {
		t.Fatalf("%d lines", len(lines))
	}
	for _, l := range lines {
		var row map[string]json.RawMessage
		if err := json.Unmarshal([]byte(l), &row); err != nil {
			t.Fatalf("%v: %s", err, l)
		}
		for _, k := range []string{"id", "title", "date", "source", "author", "paragraphs", "topics"} {
			if _, ok := row[k]; !ok {
				t.Errorf("missing %q in %s", k, l)
			}
		}
		var topics map[string]int
		if err := json.Unmarshal(row["topics"], &topics); err != nil || len(topics) < 4 {
			t.Errorf("topics %s", row["topics"])
		}
		if !strings.Contains(string(row["topics"]), `{"security-guarantees":`) {
			t.Errorf("topics not in topic order: %s", row["topics"])
		}
	}
	var first struct{ Date, Source, Author string }
	json.Unmarshal([]byte(lines[0]), &first)
	if first.Date != "2025-12-13" {
		t.Errorf("first date %q", first.Date)
	}
	// The byline is the author; the seed names no outlet, so none is made up.
	if first.Source != "" || first.Author != "John Irish and Louise Rasmussen" {
		t.Errorf("source %q, author %q", first.Source, first.Author)
	}
}

func TestListTable(t *testing.T) {
	r := runCLI(t, false, nil, "list")
	if r.code != 0 || !strings.HasPrefix(r.stdout, "ID") || strings.Count(r.stdout, "\n") != 6 {
		t.Errorf("exit %d\n%s", r.code, r.stdout)
	}
}

func TestTagJSON(t *testing.T) {
	r := runCLI(t, false, nil, "tag", "--json")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	n, heads, tagged, refs := 0, 0, 0, 0
	for _, l := range strings.Split(strings.TrimSpace(r.stdout), "\n") {
		var p paragraphJSON
		if err := json.Unmarshal([]byte(l), &p); err != nil {
			t.Fatal(err)
		}
		n++
		head := p.Kind == "title" || p.Kind == "standfirst"
		if head {
			heads++
		}
		if p.Article == "" || (p.Index < 1) != head || p.Text == "" || p.Topics == nil || p.Spans == nil {
			t.Errorf("incomplete row %s", l)
		}
		switch p.Kind {
		case "body", "subheading", "caption", "dateline", "title", "standfirst":
		default:
			t.Errorf("kind %q", p.Kind)
		}
		if len(p.Topics) > 0 {
			tagged++
		}
		for _, s := range p.Spans {
			if s.Start < 0 || s.End > len(p.Text) || s.Start >= s.End {
				t.Errorf("span %+v out of %q", s, p.Text)
			}
			switch s.Via {
			case "phrase":
				if s.Ref != "" || s.Antecedent != nil {
					t.Errorf("phrase span with a reference: %s", l)
				}
			case "reference":
				refs++
				if s.Ref != p.Text[s.Start:s.End] || s.Antecedent == nil || *s.Antecedent >= p.Index {
					t.Errorf("reference span %+v in %s", s, l)
				}
			case "thread":
				if s.Ref != "" || s.Antecedent == nil || *s.Antecedent >= p.Index {
					t.Errorf("thread span %+v in %s", s, l)
				}
			default:
				t.Errorf("via %q in %s", s.Via, l)
			}
		}
	}
	// The seeds' 97 body paragraphs, three titles (the other two are taken from the
	// lead) and a standfirst; "the deal" in the Macron article refers to ¶13.
	if n != 101 || heads != 4 || tagged == 0 || refs == 0 {
		t.Errorf("%d paragraphs, %d head, %d tagged, %d references", n, heads, tagged, refs)
	}
}

func TestShow(t *testing.T) {
	r := runCLI(t, false, nil, "show", "--width", "70", "ukraine-us-europeans")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	if strings.Contains(r.stdout, "\x1b") {
		t.Error("colour written to a non-terminal")
	}
	for _, want := range []string{"Ukraine, US, Europeans still working", "2025-12-13", "John Irish and Louise Rasmussen", "[security-guarantees]", "[territory]"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("show output lacks %q", want)
		}
	}
	for _, l := range strings.Split(r.stdout, "\n") {
		if w := len([]rune(l)); w > 70 {
			t.Errorf("line of %d columns: %q", w, l)
		}
	}
	colour := runCLI(t, false, nil, "show", "--color", "always", "--topic", "territory", "ukraine-us-europeans")
	if !strings.Contains(colour.stdout, "\x1b[") {
		t.Error("--color always wrote no colour")
	}
	noColour := runCLI(t, true, map[string]string{"NO_COLOR": "1"}, "show", "ukraine-us-europeans")
	if strings.Contains(noColour.stdout, "\x1b") {
		t.Error("NO_COLOR not honoured")
	}
	tty := runCLI(t, true, nil, "show", "ukraine-us-europeans")
	if !strings.Contains(tty.stdout, "\x1b[") {
		t.Error("no colour on a terminal")
	}
	topic := runCLI(t, false, nil, "show", "--topic", "territory", "ukraine-us-europeans")
	if !strings.Contains(topic.stdout, "▌") || !strings.Contains(topic.stdout, "**territory**") {
		t.Errorf("--topic did not mark paragraphs and phrases:\n%s", topic.stdout)
	}
}

func TestShowPath(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "story.md")
	os.WriteFile(p, []byte("---\ntitle: A story\n---\nMinerals deal signed.\n"), 0o644)
	r := runCLI(t, false, nil, "show", p)
	if r.code != 0 || !strings.Contains(r.stdout, "A story") || !strings.Contains(r.stdout, "[minerals-deal]") {
		t.Errorf("exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
}

func TestTopics(t *testing.T) {
	r := runCLI(t, false, nil, "topics", "--json")
	lines := strings.Split(strings.TrimSpace(r.stdout), "\n")
	if r.code != 0 || len(lines) < 8 {
		t.Fatalf("exit %d, %d topics", r.code, len(lines))
	}
	var first topicJSON
	json.Unmarshal([]byte(lines[0]), &first)
	if first.ID != "security-guarantees" || first.Paragraphs == 0 || first.Description == "" {
		t.Errorf("first topic %+v", first)
	}
	if r := runCLI(t, false, nil, "topics"); r.code != 0 || !strings.Contains(r.stdout, "frozen-assets") {
		t.Errorf("table: %d %s", r.code, r.stdout)
	}
}

func TestExitCodes(t *testing.T) {
	dir := t.TempDir()
	empty := filepath.Join(dir, "empty.txt")
	os.WriteFile(empty, nil, 0o644)
	tests := []struct {
		name   string
		args   []string
		code   int
		stderr string
	}{
		{"unknown flag", []string{"list", "--bogus"}, 2, "Usage: briefing list"},
		{"show without article", []string{"show"}, 2, "missing ARTICLE"},
		{"bad colour", []string{"show", "--color", "sometimes", "x"}, 2, "--color"},
		{"unknown topic", []string{"show", "--topic", "weather", "ukraine"}, 2, "unknown topic"},
		{"unknown article", []string{"show", "no-such-thing"}, 1, "no article"},
		{"no articles", []string{"list", empty}, 1, "no articles found"},
		{"missing path", []string{"list", filepath.Join(dir, "nope")}, 1, "no such file"},
		{"bad topics file", []string{"list", "--topics", empty}, 1, "topics file"},
		{"mistyped command", []string{"lsit"}, 2, `did you mean "list"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := runCLI(t, false, nil, tt.args...)
			if r.code != tt.code || !strings.Contains(r.stderr, tt.stderr) {
				t.Errorf("exit %d, stderr %q; want %d and %q", r.code, r.stderr, tt.code, tt.stderr)
			}
		})
	}
	if r := runCLI(t, false, nil, "list", empty); strings.Count(r.stderr, "warning: ") != 1 || !strings.Contains(r.stderr, "empty.txt: empty") {
		t.Errorf("want one warning naming the file: %q", r.stderr)
	}
}

func TestHelpAndVersion(t *testing.T) {
	for _, args := range [][]string{{"--help"}, {"list", "--help"}, {"tag", "--help"}, {"show", "--help"}, {"topics", "--help"}} {
		r := runCLI(t, false, nil, args...)
		if r.code != 0 || !strings.Contains(r.stdout, "Usage:") {
			t.Errorf("%v: exit %d\n%s", args, r.code, r.stdout)
		}
	}
	if r := runCLI(t, false, nil, "--version"); r.code != 0 || !strings.HasPrefix(r.stdout, "briefing ") {
		t.Errorf("--version: %d %q", r.code, r.stdout)
	}
}
