package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"briefing/index"
)

// library copies the seed articles into a folder of their own.
func seedLibrary(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	files, err := filepath.Glob(filepath.Join("..", "seeds", "*.txt"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no seeds: %v", err)
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, filepath.Base(f)), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// briefing index says what it did at each start, as the files change.
func TestIndexCommand(t *testing.T) {
	dir, state := seedLibrary(t), t.TempDir()
	run := func(args ...string) string {
		t.Helper()
		r := runCLI(t, false, nil, append([]string{"--state", state}, args...)...)
		if r.code != 0 || r.stderr != "" {
			t.Fatalf("%v: exit %d, stderr %q", args, r.code, r.stderr)
		}
		return r.stdout
	}
	expect := func(out string, parts ...string) {
		t.Helper()
		for _, p := range parts {
			if !strings.Contains(out, p) {
				t.Errorf("%q not in:\n%s", p, out)
			}
		}
	}
	expect(run("index", dir), "5 files in", "0 unchanged, 5 read and tagged", filepath.Join(state, index.FileName))
	expect(run("index", dir), "5 unchanged, 0 read and tagged")

	files, _ := filepath.Glob(filepath.Join(dir, "*.txt"))
	if err := os.WriteFile(files[0], []byte("Ceasefire talk\n\nEnvoys met in Geneva to discuss a ceasefire.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(files[1]); err != nil {
		t.Fatal(err)
	}
	expect(run("index", dir), "4 files in", "3 unchanged, 1 read and tagged", "1 removed")
	expect(run("index", "--rebuild", dir), "0 unchanged, 4 read and tagged")

	// The list read through the index is the list read from the files.
	indexed, fresh := run("list", "--json", dir), run("list", "--json", "--no-index", dir)
	if indexed != fresh || !strings.Contains(indexed, "envoys-met-geneva") {
		t.Errorf("list through the index:\n%s\nfrom the files:\n%s", indexed, fresh)
	}
}

// --no-index reads every file and writes nothing to the state folder.
func TestNoIndexWritesNothing(t *testing.T) {
	dir, state := seedLibrary(t), t.TempDir()
	r := runCLI(t, false, nil, "--state", state, "--no-index", "list", dir)
	if r.code != 0 || r.stderr != "" {
		t.Fatalf("exit %d, stderr %q", r.code, r.stderr)
	}
	if entries, _ := os.ReadDir(state); len(entries) != 0 {
		t.Errorf("--no-index wrote %v", entries)
	}
	r = runCLI(t, false, nil, "--state", state, "--no-index", "index", dir)
	if r.code == 0 || !strings.Contains(r.stderr, "--no-index") {
		t.Errorf("index --no-index: exit %d, %q", r.code, r.stderr)
	}
}

// A state folder that cannot hold an index (read-only media) costs a
// warning, never the listing.
func TestUnwritableStateStillLists(t *testing.T) {
	dir := seedLibrary(t)
	state := filepath.Join(t.TempDir(), "state")
	// A file where the folder should be: no index can be made there.
	if err := os.WriteFile(state, []byte("not a folder"), 0o600); err != nil {
		t.Fatal(err)
	}
	r := runCLI(t, false, nil, "--state", state, "list", "--json", dir)
	if r.code != 0 || strings.Count(r.stdout, "\n") != 5 {
		t.Fatalf("exit %d, %d lines, stderr %q", r.code, strings.Count(r.stdout, "\n"), r.stderr)
	}
	if !strings.Contains(r.stderr, "reading every file") || strings.Count(r.stderr, "\n") != 1 {
		t.Errorf("want one warning line, got %q", r.stderr)
	}
	// briefing index itself fails there: it exists to write one.
	if r := runCLI(t, false, nil, "--state", state, "index", dir); r.code == 0 || !strings.Contains(r.stderr, "not updated") {
		t.Errorf("index with no place for one: exit %d, %q", r.code, r.stderr)
	}
}
