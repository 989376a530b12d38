package store

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

func TestDatabaseFilesArePrivate(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "state")
	s := open(t, dir)
	if _, err := s.Add("u", pin("a", "h")); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{FileName, FileName + "-wal", FileName + "-shm"} {
		info, err := os.Stat(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		if perm := info.Mode().Perm(); perm != 0o600 {
			t.Errorf("%s mode %04o, want 0600", name, perm)
		}
	}
	if s.Notice() != "" {
		t.Errorf("notice on a fresh folder: %q", s.Notice())
	}
}

func TestOpenTightensAnExistingState(t *testing.T) {
	dir := t.TempDir()
	os.Chmod(dir, 0o755)
	open(t, dir).Close()
	os.Chmod(filepath.Join(dir, FileName), 0o644)
	s := open(t, dir)
	if !strings.Contains(s.Notice(), "readable by other users") {
		t.Errorf("notice %q", s.Notice())
	}
	for path, want := range map[string]os.FileMode{dir: 0o700, filepath.Join(dir, FileName): 0o600} {
		if info, _ := os.Stat(path); info.Mode().Perm() != want {
			t.Errorf("%s mode %04o, want %04o", path, info.Mode().Perm(), want)
		}
	}
}

// TestAnyPathIsAPath: characters with a meaning in a file: URI must not
// move the database elsewhere or drop its settings.
func TestAnyPathIsAPath(t *testing.T) {
	for _, name := range []string{"a#b", "c?d=e", "p%20q", "x?mode=memory#frag", "sp ace"} {
		t.Run(name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), name)
			s := open(t, dir)
			if _, err := s.Add("u", pin("a", "h")); err != nil {
				t.Fatal(err)
			}
			var mode string
			var timeout int
			s.db.QueryRow(`PRAGMA journal_mode`).Scan(&mode)
			s.db.QueryRow(`PRAGMA busy_timeout`).Scan(&timeout)
			if mode != "wal" || timeout != 10000 {
				t.Errorf("journal_mode %q, busy_timeout %d", mode, timeout)
			}
			s.Close()
			if _, err := os.Stat(filepath.Join(dir, FileName)); err != nil {
				t.Fatalf("database not in its folder: %v", err)
			}
			entries, _ := os.ReadDir(filepath.Dir(dir))
			if len(entries) != 1 {
				t.Errorf("files beside the state folder: %v", entries)
			}
			pins, err := open(t, dir).Pins("u")
			if err != nil || len(pins) != 1 {
				t.Errorf("reopened: %v %v", pins, err)
			}
		})
	}
}

func TestNotADatabaseSaysSo(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, FileName)
	junk := []byte(strings.Repeat("not sqlite at all\n", 300))
	os.WriteFile(path, junk, 0o600)
	for name, openFn := range map[string]func(string) (*Store, error){"Open": Open, "OpenReadOnly": OpenReadOnly} {
		_, err := openFn(dir)
		if !errors.Is(err, ErrNotDatabase) || !strings.Contains(err.Error(), "briefing.db in "+dir+" is not a database: move it aside or use --state") {
			t.Errorf("%s: %v", name, err)
		}
	}
	if data, _ := os.ReadFile(path); string(data) != string(junk) {
		t.Error("the file was changed")
	}
}

func TestOpenReadOnlyWithoutDatabase(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "none")
	if _, err := OpenReadOnly(dir); !errors.Is(err, ErrNoDatabase) {
		t.Errorf("err %v", err)
	}
	if _, err := os.Stat(dir); !errors.Is(err, os.ErrNotExist) {
		t.Error("reading created the state folder")
	}
}

// TestOpenReadOnlyOnAReadOnlyFolder reads pins from a folder the process
// cannot write. Root can write anywhere, so as root the check runs in a
// child process as nobody.
func TestOpenReadOnlyOnAReadOnlyFolder(t *testing.T) {
	if dir := os.Getenv("BRIEFING_RO_STATE"); dir != "" {
		s, err := OpenReadOnly(dir)
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		pins, err := s.Pins("u")
		if err != nil || len(pins) != 2 {
			t.Fatalf("pins %v, %v", pins, err)
		}
		return
	}
	base := t.TempDir()
	dir := filepath.Join(base, "state")
	s := open(t, dir)
	s.Add("u", pin("a", "h1"))
	s.Add("u", pin("a", "h2"))
	s.Close()
	before := listing(t, dir)
	if os.Geteuid() != 0 {
		os.Chmod(dir, 0o500)
		defer os.Chmod(dir, 0o700)
		t.Setenv("BRIEFING_RO_STATE", dir)
		TestOpenReadOnlyOnAReadOnlyFolder(t)
	} else {
		const nobody = 65534
		for _, p := range []string{filepath.Join(dir, FileName), dir} {
			os.Chown(p, nobody, nobody)
		}
		os.Chmod(dir, 0o500)
		for p := base; p != "/"; p = filepath.Dir(p) {
			if info, err := os.Stat(p); err == nil && info.Mode().Perm()&0o001 == 0 {
				os.Chmod(p, info.Mode().Perm()|0o001)
				defer os.Chmod(p, info.Mode().Perm())
			}
		}
		// The test binary's own folder is private to root: run a copy.
		bin := filepath.Join(base, "store.test")
		data, err := os.ReadFile(os.Args[0])
		if err != nil {
			t.Fatal(err)
		}
		os.WriteFile(bin, data, 0o755)
		cmd := exec.Command(bin, "-test.run=^TestOpenReadOnlyOnAReadOnlyFolder$", "-test.v")
		cmd.Env = append(os.Environ(), "BRIEFING_RO_STATE="+dir)
		cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: nobody, Gid: nobody}}
		out, err := cmd.CombinedOutput()
		if err != nil || !strings.Contains(string(out), "--- PASS: TestOpenReadOnlyOnAReadOnlyFolder") {
			t.Fatalf("as nobody: %v\n%s", err, out)
		}
		os.Chmod(dir, 0o700)
	}
	if after := listing(t, dir); after != before {
		t.Errorf("reading changed the folder:\n%s\n%s", before, after)
	}
}

func listing(t *testing.T, dir string) string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, e := range entries {
		info, _ := e.Info()
		b.WriteString(e.Name() + " " + info.ModTime().String() + "\n")
	}
	return b.String()
}
