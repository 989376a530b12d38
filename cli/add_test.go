package cli

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// newsSite serves the library package's fixture pages and feeds.
func newsSite(t *testing.T) *httptest.Server {
	t.Helper()
	pages := map[string]string{
		"/news/prisoner-exchange": "news.html",
		"/a/drone-strike":         "wire-a.html",
		"/b/drone-strike":         "wire-b.html",
	}
	var srv *httptest.Server
	srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		name, ok := pages[r.URL.Path]
		kind := "text/html"
		switch r.URL.Path {
		case "/feeds/atom.xml":
			name, ok, kind = "atom.xml", true, "application/atom+xml"
		case "/feeds/rss.xml":
			name, ok, kind = "rss.xml", true, "application/rss+xml"
		}
		if !ok {
			http.NotFound(w, r)
			return
		}
		data, err := os.ReadFile(filepath.Join("..", "library", "testdata", name))
		if err != nil {
			t.Error(err)
		}
		w.Header().Set("Content-Type", kind)
		w.Write([]byte(strings.ReplaceAll(string(data), "{{BASE}}", srv.URL)))
	}))
	t.Cleanup(srv.Close)
	return srv
}

// libraryEnv is an environment whose data and config folders are temporary.
func libraryEnv(t *testing.T) (map[string]string, string) {
	t.Helper()
	home := t.TempDir()
	env := map[string]string{"HOME": home, "XDG_DATA_HOME": filepath.Join(home, "data"), "XDG_CONFIG_HOME": filepath.Join(home, "config")}
	return env, filepath.Join(home, "data", "briefing", "articles")
}

func TestAddThenListReadsTheLibrary(t *testing.T) {
	site := newsSite(t)
	env, lib := libraryEnv(t)
	r := runCLI(t, false, env, "add", site.URL+"/news/prisoner-exchange")
	want := filepath.Join(lib, "northern-ledger", "2025-05-16_negotiators-agree-prisoner-exchange-framework-in-istanbul.md")
	if r.code != 0 || r.stdout != "added: "+want+"\n" || r.stderr != "" {
		t.Fatalf("exit %d\nstdout %q\nstderr %q", r.code, r.stdout, r.stderr)
	}
	r = runCLI(t, false, env, "add", site.URL+"/news/prisoner-exchange")
	if r.code != 0 || r.stdout != "already in the library: "+want+"\n" {
		t.Fatalf("again: exit %d, %q %q", r.code, r.stdout, r.stderr)
	}
	// With no PATH, list reads the library now that it has an article.
	r = runCLI(t, false, env, "list", "--json")
	if r.code != 0 || strings.Count(r.stdout, "\n") != 1 {
		t.Fatalf("list: exit %d, %q %q", r.code, r.stdout, r.stderr)
	}
	var row struct{ Title, Source, Date string }
	json.Unmarshal([]byte(r.stdout), &row)
	if row.Title != "Negotiators agree prisoner exchange framework in Istanbul" || row.Source != "Northern Ledger" || row.Date != "2025-05-16" {
		t.Errorf("row %+v", row)
	}
}

func TestAddBadURLsEachOneLine(t *testing.T) {
	site := newsSite(t)
	env, lib := libraryEnv(t)
	r := runCLI(t, false, env, "add", site.URL+"/missing", "file:///etc/passwd", site.URL+"/a/drone-strike", "not a url")
	if r.code != 1 {
		t.Errorf("exit %d, want 1", r.code)
	}
	if !strings.HasPrefix(r.stdout, "added: "+filepath.Join(lib, "harbour-times")) {
		t.Errorf("stdout %q", r.stdout)
	}
	want := []string{
		"briefing: " + site.URL + "/missing: HTTP 404 Not Found",
		"briefing: file:///etc/passwd: only http and https URLs are fetched, not file URLs",
		"briefing: not a url: invalid URL: not absolute (it needs http:// or https://)",
		"briefing: 3 of 4 failed (see above)",
	}
	if got := strings.Split(strings.TrimSpace(r.stderr), "\n"); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("stderr\n%s\nwant\n%s", r.stderr, strings.Join(want, "\n"))
	}
}

func TestAddLibraryFlagAndConfig(t *testing.T) {
	site := newsSite(t)
	env, defaultLib := libraryEnv(t)
	flagLib := filepath.Join(t.TempDir(), "flag")
	r := runCLI(t, false, env, "add", "--library", flagLib, site.URL+"/a/drone-strike")
	if r.code != 0 || !strings.HasPrefix(r.stdout, "added: "+flagLib+string(filepath.Separator)) {
		t.Fatalf("--library: exit %d %q %q", r.code, r.stdout, r.stderr)
	}
	cfgLib := filepath.Join(t.TempDir(), "from-config")
	cfg := filepath.Join(env["XDG_CONFIG_HOME"], "briefing", "config.yaml")
	os.MkdirAll(filepath.Dir(cfg), 0o755)
	os.WriteFile(cfg, []byte("library: "+cfgLib+"\nwidth: 80\n"), 0o644)
	r = runCLI(t, false, env, "add", site.URL+"/b/drone-strike")
	if r.code != 0 || !strings.HasPrefix(r.stdout, "added: "+cfgLib+string(filepath.Separator)) {
		t.Fatalf("config: exit %d %q %q", r.code, r.stdout, r.stderr)
	}
	if _, err := os.Stat(defaultLib); err == nil {
		t.Error("the default library was written to")
	}
	os.WriteFile(cfg, []byte("libary: /x\n"), 0o644)
	r = runCLI(t, false, env, "list")
	if r.code != 1 || !strings.Contains(r.stderr, "config.yaml: line 1: field libary not found") {
		t.Errorf("bad config: exit %d, %q", r.code, r.stderr)
	}
}

func TestAddFeedThenFetch(t *testing.T) {
	site := newsSite(t)
	env, lib := libraryEnv(t)
	r := runCLI(t, false, env, "add", "--feed", site.URL+"/feeds/atom.xml", site.URL+"/feeds/rss.xml")
	if r.code != 0 || strings.Count(r.stdout, "following: ") != 2 {
		t.Fatalf("add --feed: exit %d %q %q", r.code, r.stdout, r.stderr)
	}
	r = runCLI(t, false, env, "add", "--feed", site.URL+"/news/prisoner-exchange")
	if r.code != 1 || !strings.Contains(r.stderr, "/news/prisoner-exchange: not a feed") {
		t.Errorf("a page as a feed: exit %d %q", r.code, r.stderr)
	}
	r = runCLI(t, false, env, "fetch")
	if r.code != 1 {
		t.Errorf("exit %d, want 1 (one item is gone)", r.code)
	}
	lines := strings.Split(strings.TrimSpace(r.stdout), "\n")
	if len(lines) != 4 || lines[3] != "3 new, 0 updated, 1 failed (see above)" {
		t.Errorf("stdout:\n%s", r.stdout)
	}
	for _, l := range lines[:3] {
		if !strings.HasPrefix(l, "added: "+lib) {
			t.Errorf("line %q", l)
		}
	}
	if want := "briefing: " + site.URL + "/gone: HTTP 404 Not Found\nbriefing: 1 failed\n"; r.stderr != want {
		t.Errorf("stderr %q, want %q", r.stderr, want)
	}
	// On a terminal: a progress bar, then the summary.
	r = runCLI(t, true, env, "fetch")
	if !strings.Contains(r.stdout, "0 new, 0 updated, 1 failed (see above)") || !strings.Contains(r.stdout, "1/1") || !strings.Contains(r.stdout, "100%") {
		t.Errorf("terminal fetch: %q", r.stdout)
	}
}

func TestFetchWithoutFeeds(t *testing.T) {
	env, _ := libraryEnv(t)
	r := runCLI(t, false, env, "fetch")
	if r.code != 0 || !strings.Contains(r.stderr, "no feeds in") {
		t.Errorf("exit %d, %q", r.code, r.stderr)
	}
}

func TestAddAndFetchHelp(t *testing.T) {
	for _, c := range []struct{ cmd, want string }{
		{"add", "--feed"}, {"add", "--force"}, {"add", "--deny-private"}, {"add", "--library"},
		{"fetch", "progress bar"}, {"fetch", "--library"},
	} {
		r := runCLI(t, false, nil, c.cmd, "--help")
		if r.code != 0 || !strings.Contains(r.stdout, c.want) {
			t.Errorf("%s --help lacks %q:\n%s", c.cmd, c.want, r.stdout)
		}
	}
	if r := runCLI(t, false, nil, "add"); r.code != 2 || !strings.Contains(r.stderr, "missing URL") {
		t.Errorf("add with no URL: exit %d %q", r.code, r.stderr)
	}
}

// TestWireCopiesAreOneStory saves one agency story from two outlets with
// different pages around it: list --json names each as the other's copy.
func TestWireCopiesAreOneStory(t *testing.T) {
	site := newsSite(t)
	env, _ := libraryEnv(t)
	r := runCLI(t, false, env, "add", site.URL+"/a/drone-strike", site.URL+"/b/drone-strike", site.URL+"/news/prisoner-exchange")
	if r.code != 0 {
		t.Fatalf("add: exit %d %q", r.code, r.stderr)
	}
	r = runCLI(t, false, env, "list", "--json")
	rows := map[string]struct {
		ID         string
		Duplicates []string
	}{}
	for _, line := range strings.Split(strings.TrimSpace(r.stdout), "\n") {
		var row struct {
			ID, Source string
			Duplicates []string
		}
		if err := json.Unmarshal([]byte(line), &row); err != nil {
			t.Fatalf("%v: %s", err, line)
		}
		rows[row.Source] = struct {
			ID         string
			Duplicates []string
		}{row.ID, row.Duplicates}
	}
	a, b, other := rows["Harbour Times"], rows["Valley Courier"], rows["Northern Ledger"]
	if len(a.Duplicates) != 1 || a.Duplicates[0] != b.ID || len(b.Duplicates) != 1 || b.Duplicates[0] != a.ID {
		t.Errorf("copies: %+v %+v", a, b)
	}
	if other.Duplicates == nil || len(other.Duplicates) != 0 {
		t.Errorf("a story of its own: duplicates %#v, want []", other.Duplicates)
	}
}
