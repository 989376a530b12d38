package store

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestWriteExportKeepsTheNewest(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "exports", "user")
	base := time.Now().Add(-time.Hour)
	for i := range 300 {
		name := fmt.Sprintf("briefing-%04d.md", i)
		path, err := WriteExport(dir, name, []byte("# Briefing\n"), DefaultExportQuota)
		if err != nil {
			t.Fatal(err)
		}
		// Distinct times, as exports made seconds apart have.
		os.Chtimes(path, base.Add(time.Duration(i)*time.Second), base.Add(time.Duration(i)*time.Second))
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != KeepExports {
		t.Fatalf("%d files kept, want %d", len(entries), KeepExports)
	}
	if entries[0].Name() != "briefing-0280.md" || entries[len(entries)-1].Name() != "briefing-0299.md" {
		t.Errorf("kept %s … %s", entries[0].Name(), entries[len(entries)-1].Name())
	}
	info, _ := os.Stat(filepath.Join(dir, "briefing-0299.md"))
	if info.Mode().Perm() != 0o600 {
		t.Errorf("mode %04o", info.Mode().Perm())
	}
}

func TestWriteExportReplacesTheSameName(t *testing.T) {
	dir := t.TempDir()
	WriteExport(dir, "briefing.md", []byte("old"), 0)
	path, err := WriteExport(dir, "briefing.md", []byte("new"), 0)
	if err != nil {
		t.Fatal(err)
	}
	if data, _ := os.ReadFile(path); string(data) != "new" {
		t.Errorf("content %q", data)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("%d files", len(entries))
	}
}

func TestWriteExportQuota(t *testing.T) {
	dir := t.TempDir()
	big := []byte(strings.Repeat("x", 400))
	for i := range 2 {
		if _, err := WriteExport(dir, fmt.Sprintf("b%d.md", i), big, 1000); err != nil {
			t.Fatal(err)
		}
	}
	_, err := WriteExport(dir, "b2.md", big, 1000)
	if !errors.Is(err, ErrExportQuota) || !strings.Contains(err.Error(), "delete old exports in "+dir) {
		t.Errorf("over quota: %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "b2.md")); !errors.Is(err, os.ErrNotExist) {
		t.Error("an export over quota was written")
	}
	// Replacing a file counts its new size, not both.
	if _, err := WriteExport(dir, "b1.md", big, 1000); err != nil {
		t.Errorf("replacing within quota: %v", err)
	}
}

func TestWriteExportRefusesPaths(t *testing.T) {
	for _, name := range []string{"", "..", "../x.md", "a/b.md", ".hidden"} {
		if _, err := WriteExport(t.TempDir(), name, []byte("x"), 0); err == nil {
			t.Errorf("%q accepted", name)
		}
	}
}
