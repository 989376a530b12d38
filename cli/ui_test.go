package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestReadingWidthFromConfig(t *testing.T) {
	environ, _ := libraryEnv(t)
	e := env{getenv: func(k string) string { return environ[k] }}
	if w, err := readingWidth(e, uiOptions{}, false); err != nil || w != 0 {
		t.Errorf("no config: %d %v, want 0 (the app's default)", w, err)
	}
	cfg := filepath.Join(environ["XDG_CONFIG_HOME"], "briefing", "config.yaml")
	if err := os.MkdirAll(filepath.Dir(cfg), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(cfg, []byte("width: 72\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if w, err := readingWidth(e, uiOptions{}, false); err != nil || w != 72 {
		t.Errorf("config width: %d %v, want 72", w, err)
	}
	if w, err := readingWidth(e, uiOptions{width: 90}, true); err != nil || w != 90 {
		t.Errorf("--width 90 over the config: %d %v", w, err)
	}
	if err := os.WriteFile(cfg, []byte("width: 5\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := readingWidth(e, uiOptions{}, false); err == nil || !strings.Contains(err.Error(), cfg) {
		t.Errorf("a bad width: %v, want an error naming the file", err)
	}
}

// TestOriginSaysWhereArticlesCameFrom: the app's list header, after loading.
func TestOriginSaysWhereArticlesCameFrom(t *testing.T) {
	environ, lib := libraryEnv(t)
	e := env{getenv: func(k string) string { return environ[k] }, stderr: &strings.Builder{}}
	var c common
	if _, err := loadCorpus(e, &c, nil); err != nil {
		t.Fatal(err)
	}
	if got := origin(&c, nil); got != "the built-in seeds" {
		t.Errorf("empty library: %q", got)
	}
	if err := os.MkdirAll(filepath.Join(lib, "ledger"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(lib, "ledger", "a.md"), []byte("---\ntitle: Talks resume\n---\n\nTalks resumed in Geneva.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	c = common{}
	if _, err := loadCorpus(e, &c, nil); err != nil {
		t.Fatal(err)
	}
	if got := origin(&c, nil); got != "your library ("+lib+")" {
		t.Errorf("library: %q", got)
	}
	c = common{}
	paths := []string{filepath.Join(lib, "ledger"), filepath.Join(lib, "ledger", "a.md")}
	if _, err := loadCorpus(e, &c, paths); err != nil {
		t.Fatal(err)
	}
	if got := origin(&c, paths); got != strings.Join(paths, ", ") {
		t.Errorf("paths: %q", got)
	}
}

func TestServeHasAllowAdd(t *testing.T) {
	r := runCLI(t, false, nil, "serve", "--help")
	if !strings.Contains(r.stdout, "--allow-add") {
		t.Errorf("serve --help does not offer --allow-add:\n%s", r.stdout)
	}
}
