package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

func TestSearchCommand(t *testing.T) {
	r := runCLI(t, false, nil, "search", `ceasefire "security guarantees"`)
	if r.code != 0 || r.stderr != "" {
		t.Fatalf("exit %d, stderr %q", r.code, r.stderr)
	}
	header := regexp.MustCompile(`^[1-9]\d* paragraphs? in [1-9]\d* articles?, newest first\n`)
	if !header.MatchString(r.stdout) || !strings.Contains(r.stdout, "«security guarantees»") || !regexp.MustCompile(`(?m)  [a-z0-9-]+#p\d+$`).MatchString(r.stdout) {
		t.Errorf("output:\n%s", r.stdout)
	}

	r = runCLI(t, false, nil, "search", "--json", "--order", "relevance", "ceasefire")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	lines := strings.Split(strings.TrimSpace(r.stdout), "\n")
	var prev float64 = 1e9
	for _, l := range lines {
		var row searchResultJSON
		if err := json.Unmarshal([]byte(l), &row); err != nil {
			t.Fatal(err)
		}
		for _, h := range row.Hits {
			if strings.ToLower(row.Text[h.Start:h.End]) != "ceasefire" {
				t.Errorf("%s: hit %q", row.Link, row.Text[h.Start:h.End])
			}
		}
		if row.Score > prev || row.Score <= 0 || row.Link != row.Article+"#p"+itoa(row.Paragraph) {
			t.Errorf("row %+v after score %v", row, prev)
		}
		prev = row.Score
	}

	for _, tc := range []struct {
		args []string
		code int
		msg  string
	}{
		{[]string{"search", `"land swap`}, 1, "briefing: query: column 1: unclosed quote\n"},
		{[]string{"search", "the of"}, 1, "briefing: query: column 1: only common words"},
		{[]string{"search", "#nope"}, 1, "briefing: query: column 1: unknown topic #nope"},
		{[]string{"search", "--order", "best", "x"}, 2, "briefing: --order must be"},
		{[]string{"search"}, 2, "briefing: missing QUERY"},
	} {
		r := runCLI(t, false, nil, tc.args...)
		if r.code != tc.code || !strings.HasPrefix(r.stderr, tc.msg) {
			t.Errorf("%q: exit %d, stderr %q; want %d, %q", tc.args, r.code, r.stderr, tc.code, tc.msg)
		}
	}
}

func firstLine(s string) string { return strings.SplitN(s, "\n", 2)[0] }

func itoa(n int) string { b, _ := json.Marshal(n); return string(b) }

func TestTopicsAdd(t *testing.T) {
	dir := t.TempDir()
	env := map[string]string{"XDG_CONFIG_HOME": dir}
	r := runCLI(t, false, env, "topics", "--add", "Coalition of the willing", "--badge", "COW", `"coalition of the willing"`)
	path := filepath.Join(dir, "briefing", "topics.yaml")
	if r.code != 0 || r.stdout != "added topic coalition-of-the-willing (COW) to "+path+"\n" {
		t.Fatalf("exit %d, %q %q", r.code, r.stdout, r.stderr)
	}
	// Every command now knows it, after the built-in topics.
	r = runCLI(t, false, env, "topics")
	lines := strings.Split(strings.TrimSpace(r.stdout), "\n")
	if !regexp.MustCompile(`^\d+\s+coalition-of-the-willing\s+COW\s+[1-9]`).MatchString(lines[len(lines)-1]) {
		t.Errorf("topics:\n%s", r.stdout)
	}
	byTopic, byPhrase := runCLI(t, false, env, "search", "#cow"), runCLI(t, false, env, "search", `"coalition of the willing"`)
	if byTopic.code != 0 || firstLine(byTopic.stdout) != firstLine(byPhrase.stdout) {
		t.Errorf("search #cow: %d %q, the phrase: %q", byTopic.code, firstLine(byTopic.stdout), firstLine(byPhrase.stdout))
	}
	r = runCLI(t, false, env, "topics", "--add", "Territory", "land")
	if r.code != 1 || !strings.Contains(r.stderr, "built-in") {
		t.Errorf("a clash: %d %q", r.code, r.stderr)
	}
	r = runCLI(t, false, env, "topics", "--add", "Three", "troops europe ceasefire")
	if r.code != 1 || !strings.HasPrefix(r.stderr, "briefing: cannot save: column 15: a saved topic takes at most two") {
		t.Errorf("three terms: %d %q", r.code, r.stderr)
	}
	// A broken file is reported and left out; reading goes on.
	os.WriteFile(path, []byte("topics: [oops"), 0o600)
	r = runCLI(t, false, env, "list")
	if r.code != 0 || !strings.Contains(r.stderr, "your topics are left out") {
		t.Errorf("broken file: %d %q", r.code, r.stderr)
	}
}

func TestTimelineCommand(t *testing.T) {
	r := runCLI(t, false, nil, "timeline", "--topic", "territory", "--by", "month")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	for _, want := range []string{
		`^Territory: paragraphs per outlet and month; first mention 2025-\d\d-\d\d, [a-z0-9-]+#p\d+\n\n`,
		`\nOUTLET +2025-\d\d 2025-\d\d .*  TOTAL\n`,
		`\n.+ +[1-9]\d*\* +[·\d]`, // the first mention, starred
		`\n\d+ more paragraphs are in undated articles.\n$`,
	} {
		if !regexp.MustCompile(want).MatchString(r.stdout) {
			t.Errorf("no %s in\n%s", want, r.stdout)
		}
	}
	r = runCLI(t, false, nil, "timeline", "--topic", "territory", "--by", "year")
	if r.code != 2 || !strings.Contains(r.stderr, "week or month") {
		t.Errorf("--by year: %d %q", r.code, r.stderr)
	}
	r = runCLI(t, false, nil, "export", "--topic", "territory", "--timeline=month")
	if r.code != 0 || !strings.Contains(r.stdout, "## Timeline: Territory") || !regexp.MustCompile(`\n\| .+ \| [1-9]\d*\* \|`).MatchString(r.stdout) {
		t.Errorf("export --timeline: %d %q", r.code, r.stderr)
	}
	r = runCLI(t, false, nil, "export", "--topic", "territory", "--format", "json", "--timeline")
	if r.code != 2 {
		t.Errorf("--timeline with json: %d %q", r.code, r.stderr)
	}
}

func TestShowLink(t *testing.T) {
	// The paragraph a search finds is where show starts.
	var hit searchResultJSON
	json.Unmarshal([]byte(runCLI(t, false, nil, "search", "--json", "--limit", "1", `"will lose meaning"`).stdout), &hit)
	r := runCLI(t, false, nil, "show", "--width", "70", hit.Link)
	// It starts with the paragraph's topic labels, then its text.
	body := r.stdout
	if strings.HasPrefix(body, "[") {
		body = body[strings.Index(body, "\n")+1:]
	}
	if want := strings.Join(strings.Fields(hit.Text)[:3], " "); hit.Link == "" || r.code != 0 || !strings.HasPrefix(body, want) {
		t.Errorf("show %s: exit %d, %q %q", hit.Link, r.code, r.stdout, r.stderr)
	}
	r = runCLI(t, false, nil, "show", "nope#p5")
	if r.code != 1 || r.stderr != "briefing: no article nope\n" {
		t.Errorf("unknown article: %d %q", r.code, r.stderr)
	}
}

func TestSplitLink(t *testing.T) {
	link, paths := splitLink([]string{"a/b", "us-outlines-peace-deal-proposing#p3", "c.md"})
	if link != "us-outlines-peace-deal-proposing#p3" || strings.Join(paths, " ") != "a/b c.md" {
		t.Errorf("%q %q", link, paths)
	}
	if link, paths := splitLink([]string{"dir"}); link != "" || len(paths) != 1 {
		t.Errorf("%q %q", link, paths)
	}
}

func TestTimelineFitsWidth(t *testing.T) {
	r := runCLI(t, false, nil, "timeline", "--topic", "territory", "--width", "40")
	for _, l := range strings.Split(strings.TrimSpace(r.stdout), "\n")[2:4] {
		if len([]rune(l)) > 40 {
			t.Errorf("%d columns: %q", len([]rune(l)), l)
		}
	}
	if r.code != 0 || !regexp.MustCompile(`The last \d+ of \d+ weeks fit`).MatchString(r.stdout) {
		t.Errorf("exit %d:\n%s", r.code, r.stdout)
	}
}
