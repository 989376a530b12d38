package cli

import (
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"briefing/model"
	"briefing/store"
)

func TestRefusedServeCreatesNoState(t *testing.T) {
	busy, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer busy.Close()
	for _, listen := range []string{"nonsense", "127.0.0.1:notaport", "127.0.0.1:99999", "0.0.0.0:2222", busy.Addr().String()} {
		state := filepath.Join(t.TempDir(), "state")
		r := runCLI(t, false, nil, "serve", "--listen", listen, "--state", state)
		if r.code == 0 {
			t.Errorf("--listen %s: served", listen)
		}
		if !strings.Contains(r.stderr, "listen") && !strings.Contains(r.stderr, "authorized-keys") {
			t.Errorf("--listen %s: %q", listen, r.stderr)
		}
		if _, err := os.Stat(state); !os.IsNotExist(err) {
			t.Errorf("--listen %s created %s", listen, state)
		}
	}
}

func TestServeRejectsABadQuota(t *testing.T) {
	if r := runCLI(t, false, nil, "serve", "--export-quota", "lots", "--state", t.TempDir()); r.code != 2 || !strings.Contains(r.stderr, "not a size") {
		t.Errorf("exit %d: %s", r.code, r.stderr)
	}
	for in, want := range map[string]int64{"50MB": 50 << 20, "512k": 512 << 10, "1G": 1 << 30, "1000": 1000} {
		if got, err := parseSize(in); err != nil || got != want {
			t.Errorf("%s: %d %v", in, got, err)
		}
	}
}

func TestExportOutputIsCareful(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "b.md")
	os.WriteFile(out, []byte("mine"), 0o644)
	export := func(extra ...string) result {
		return runCLI(t, false, nil, append([]string{"export", "--topic", "territory", "--state", filepath.Join(dir, "state")}, extra...)...)
	}
	r := export("-o", out)
	if r.code == 0 || !strings.Contains(r.stderr, "--force") {
		t.Errorf("overwrote silently: exit %d %q", r.code, r.stderr)
	}
	if data, _ := os.ReadFile(out); string(data) != "mine" {
		t.Error("the existing file changed")
	}
	if r := export("-o", out, "--force"); r.code != 0 {
		t.Fatalf("--force: %s", r.stderr)
	}
	if data, _ := os.ReadFile(out); !strings.HasPrefix(string(data), "# Briefing") {
		t.Error("--force did not replace the file")
	}

	fresh := filepath.Join(dir, "fresh.md")
	if r := export("-o", fresh); r.code != 0 {
		t.Fatal(r.stderr)
	}
	if info, _ := os.Stat(fresh); info.Mode().Perm() != 0o600 {
		t.Errorf("mode %04o, want 0600", info.Mode().Perm())
	}

	// A dangling link must not create its target, even with --force.
	target := filepath.Join(dir, "target.md")
	link := filepath.Join(dir, "link.md")
	os.Symlink(target, link)
	for _, extra := range [][]string{nil, {"--force"}} {
		if r := export(append([]string{"-o", link}, extra...)...); r.code == 0 || !strings.Contains(r.stderr, "symbolic link") {
			t.Errorf("wrote through a link %v: %q", extra, r.stderr)
		}
	}
	if _, err := os.Lstat(target); !os.IsNotExist(err) {
		t.Error("the link's target was created")
	}

	// A failed export leaves nothing behind.
	missing := filepath.Join(dir, "no", "such", "folder", "b.md")
	if r := export("-o", missing); r.code == 0 {
		t.Error("wrote into a missing folder")
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".") {
			t.Errorf("left behind %s", e.Name())
		}
	}
}

func TestExportNeverWritesTheDatabase(t *testing.T) {
	state := t.TempDir()
	st, err := store.Open(state)
	if err != nil {
		t.Fatal(err)
	}
	st.Add(localUser(), model.Pin{ArticleID: "a", ParaHash: "h", Index: 1, Text: "Kept.", Title: "T"})
	st.Close()
	alias := filepath.Join(t.TempDir(), "alias")
	os.Symlink(state, alias)
	for _, out := range []string{
		filepath.Join(state, "briefing.db"), filepath.Join(state, "briefing.db-wal"),
		filepath.Join(alias, "briefing.db"), filepath.Join(state, ".", "briefing.db-shm"),
	} {
		r := runCLI(t, false, nil, "export", "--pins", "--state", state, "-o", out, "--force")
		if r.code == 0 || !strings.Contains(r.stderr, "database") {
			t.Errorf("-o %s: exit %d %q", out, r.code, r.stderr)
		}
	}
	r := runCLI(t, false, nil, "export", "--pins", "--state", state)
	if r.code != 0 || !strings.Contains(r.stdout, "Kept.") {
		t.Errorf("pins lost: %d %q %q", r.code, r.stdout, r.stderr)
	}
}

func TestExportPinsWithoutStateCreatesNone(t *testing.T) {
	state := filepath.Join(t.TempDir(), "state")
	if r := runCLI(t, false, nil, "export", "--pins", "--state", state); r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	if _, err := os.Stat(state); !os.IsNotExist(err) {
		t.Error("reading pins created the state folder")
	}
}
