package safefile

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

func TestWrite(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "out.md")
	if err := Write(path, []byte("one"), false); err != nil {
		t.Fatal(err)
	}
	if info, _ := os.Stat(path); info.Mode().Perm() != 0o600 {
		t.Errorf("mode %04o", info.Mode().Perm())
	}
	if err := Write(path, []byte("two"), false); !errors.Is(err, ErrExists) {
		t.Errorf("overwrote without asking: %v", err)
	}
	if err := Write(path, []byte("two"), true); err != nil {
		t.Fatal(err)
	}
	if data, _ := os.ReadFile(path); string(data) != "two" {
		t.Errorf("content %q", data)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("left behind: %v", entries)
	}
}

func TestWriteNeverFollowsLinks(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "target")
	link := filepath.Join(dir, "link")
	os.Symlink(target, link) // dangling
	for _, overwrite := range []bool{false, true} {
		if err := Write(link, []byte("x"), overwrite); !errors.Is(err, ErrSymlink) {
			t.Errorf("overwrite=%v: %v", overwrite, err)
		}
	}
	if _, err := os.Lstat(target); !errors.Is(err, os.ErrNotExist) {
		t.Error("wrote through a dangling link")
	}
	if err := Write(dir, []byte("x"), true); !errors.Is(err, ErrSpecial) {
		t.Errorf("a folder: %v", err)
	}
}

func TestFailedWriteLeavesNothing(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "missing")
	if err := Write(filepath.Join(dir, "out.md"), []byte("x"), false); err == nil {
		t.Fatal("wrote into a missing folder")
	}
	if _, err := os.Stat(dir); !errors.Is(err, os.ErrNotExist) {
		t.Error("created the folder")
	}
}
