package model

import (
	"os"
	"path/filepath"
	"testing"

	"briefing/seeds"
)

// ownTagger is the seed topics' tagger, built here so that these tests do
// not lean on helpers in files other work is changing.
func ownTagger(t testing.TB) *Tagger {
	t.Helper()
	topics, err := ParseTopics(seeds.Topics())
	if err != nil {
		t.Fatal(err)
	}
	tg, err := NewTagger(topics)
	if err != nil {
		t.Fatal(err)
	}
	return tg
}

func TestIsOldVersion(t *testing.T) {
	for name, want := range map[string]bool{
		"2025-05-16_talks~1.md": true, "a/b/x~12.md": true, "x~1.txt": true,
		"x.md": false, "x~.md": false, "x~a1.md": false, "~1": true, "notes~draft.md": false,
	} {
		if got := IsOldVersion(name); got != want {
			t.Errorf("IsOldVersion(%q) = %v, want %v", name, got, want)
		}
	}
}

func TestLoadSkipsOldVersions(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "talks.md"), []byte("# Talks resume\n\nThe talks resumed on Friday in Istanbul.\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "talks~1.md"), []byte("# Talks to resume\n\nThe talks will resume on Friday.\n"), 0o644)
	c, _, err := LoadPaths([]string{dir}, LoadOptions{Tagger: ownTagger(t)})
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Articles) != 1 || c.Articles[0].Title != "Talks resume" {
		t.Errorf("loaded %d articles, want the current version only", len(c.Articles))
	}
}
