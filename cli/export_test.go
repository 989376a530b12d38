package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"briefing/model"
	"briefing/store"
)

func TestExportTopics(t *testing.T) {
	r := runCLI(t, false, nil, "export", "--topic", "frozen-assets", "--topic", "minerals-deal")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	for _, want := range []string{"# Briefing: Frozen assets, Minerals deal", "## Frozen assets", "## Minerals deal", "\n> ", ", ¶"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("export lacks %q:\n%s", want, r.stdout)
		}
	}
	j := runCLI(t, false, nil, "export", "--topic", "territory", "--format", "json")
	var doc struct {
		Groups []struct{ Excerpts []map[string]any }
	}
	if err := json.Unmarshal([]byte(j.stdout), &doc); err != nil || len(doc.Groups) != 1 || len(doc.Groups[0].Excerpts) == 0 {
		t.Errorf("json: %v %s", err, j.stdout)
	}
	txt := runCLI(t, false, nil, "export", "--topic", "territory", "--format", "txt")
	if txt.code != 0 || strings.Contains(txt.stdout, "\n> ") || !strings.Contains(txt.stdout, "Territory\n---------") {
		t.Errorf("txt:\n%s", txt.stdout)
	}
	out := filepath.Join(t.TempDir(), "b.md")
	if r := runCLI(t, false, nil, "export", "--topic", "territory", "-o", out); r.code != 0 {
		t.Fatal(r.stderr)
	}
	if data, err := os.ReadFile(out); err != nil || !strings.HasPrefix(string(data), "# Briefing: Territory") {
		t.Errorf("-o: %v %q", err, data)
	}
}

func TestExportPins(t *testing.T) {
	state := t.TempDir()
	st, err := store.Open(state)
	if err != nil {
		t.Fatal(err)
	}
	// A pin on an article that is not loaded still exports.
	st.Add(localUser(), model.Pin{ArticleID: "gone", ParaHash: "h", Index: 4, Text: "Kept text.", Title: "Removed story", Date: "2025-03-01", Topic: "territory", Note: "follow up"})
	st.Add("local:someone-else", model.Pin{ArticleID: "x", ParaHash: "h", Index: 1, Text: "Not mine.", Title: "Other"})
	st.Close()
	r := runCLI(t, false, nil, "export", "--pins", "--state", state)
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	for _, want := range []string{"## Territory", "> Kept text.", "— Removed story, 2025-03-01, ¶4 (source no longer loaded)", "**Note:** follow up"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("lacks %q:\n%s", want, r.stdout)
		}
	}
	if strings.Contains(r.stdout, "Not mine") {
		t.Error("another user's pin exported")
	}
	if r := runCLI(t, false, nil, "export", "--pins", "--topic", "frozen-assets", "--state", state); strings.Contains(r.stdout, "Kept text") {
		t.Error("--topic did not filter pins")
	}
}

func TestExportUsage(t *testing.T) {
	for _, args := range [][]string{{"export"}, {"export", "--topic", "territory", "--format", "pdf"}, {"export", "--topic", "weather"}} {
		if r := runCLI(t, false, nil, args...); r.code != 2 {
			t.Errorf("%v: exit %d", args, r.code)
		}
	}
}

func TestExportCleansStoredText(t *testing.T) {
	state := t.TempDir()
	st, err := store.Open(state)
	if err != nil {
		t.Fatal(err)
	}
	st.Add(localUser(), model.Pin{ArticleID: "x", ParaHash: "h", Index: 1, Text: "Text \x1b]52;c;ZXZpbA==\x07here", Title: "T\x1b[2J", Note: "note \x1b[6n"})
	st.Close()
	for _, format := range []string{"md", "txt", "json"} {
		r := runCLI(t, false, nil, "export", "--pins", "--state", state, "--format", format)
		if r.code != 0 || strings.ContainsRune(r.stdout, 0x1b) || strings.Contains(r.stdout, `\u001b`) {
			t.Errorf("%s: exit %d, output %q", format, r.code, r.stdout)
		}
	}
}

// coverageDir is a small corpus of two outlets and an unknown one.
func coverageDir(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	files := map[string]string{
		"ap/" + ".briefing.yaml": "source: AP\n",
		"ap/kyiv.md":             "---\ntitle: Kyiv weighs a land swap\ndate: 2025-11-30\nurl: https://apnews.com/article/kyiv-land\nauthor: Jane Roe\n---\n\nKyiv said on Sunday that any deal on territory would need a referendum.\n",
		"ap/minerals.txt":        "---\ndate: 2025-04-30\n---\nMinerals deal signed\n\nThe minerals deal was signed in Washington on Wednesday.\n",
		"reuters.txt":            "Europe offers troops\n\nPARIS (Reuters) - Europe offered troops as security guarantees after a ceasefire.\n\nThe offer was discussed on Monday.\n",
		"blog.txt":               "Notes from Geneva\n\nThe security guarantees were the main item, a diplomat said.\n",
	}
	for name, body := range files {
		p := filepath.Join(dir, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestExportCitesOutletAndURL(t *testing.T) {
	dir := coverageDir(t)
	md := runCLI(t, false, nil, "export", "--topic", "territory", dir)
	if want := "— [Kyiv weighs a land swap](https://apnews.com/article/kyiv-land), AP, 2025-11-30, ¶1"; md.code != 0 || !strings.Contains(md.stdout, want) {
		t.Errorf("md lacks %q:\n%s%s", want, md.stdout, md.stderr)
	}
	txt := runCLI(t, false, nil, "export", "--topic", "territory", "--format", "txt", dir)
	if want := "— Kyiv weighs a land swap, AP, 2025-11-30, ¶1,\n  https://apnews.com/article/kyiv-land"; !strings.Contains(txt.stdout, want) {
		t.Errorf("txt lacks %q:\n%s", want, txt.stdout)
	}
	j := runCLI(t, false, nil, "export", "--topic", "territory", "--format", "json", dir)
	if !strings.Contains(j.stdout, `"url": "https://apnews.com/article/kyiv-land"`) || !strings.Contains(j.stdout, `"source": "AP"`) {
		t.Errorf("json lacks url or source:\n%s", j.stdout)
	}

	// A pin saved with a byline as its source cites the loaded article's
	// outlet and url.
	state := t.TempDir()
	st, err := store.Open(state)
	if err != nil {
		t.Fatal(err)
	}
	st.Add(localUser(), model.Pin{ArticleID: "kyiv-weighs-land-swap", ParaHash: "h", Index: 1, Text: "Kyiv said.", Title: "Kyiv weighs a land swap", Source: "Jane Roe", Date: "2025-11-30", Topic: "territory"})
	st.Close()
	pins := runCLI(t, false, nil, "export", "--pins", "--state", state, dir)
	if want := "— [Kyiv weighs a land swap](https://apnews.com/article/kyiv-land), AP, 2025-11-30, ¶1"; !strings.Contains(pins.stdout, want) {
		t.Errorf("pins lack %q:\n%s", want, pins.stdout)
	}
}
