package model_test

import (
	"path/filepath"
	"slices"
	"testing"

	"briefing/internal/corpusgen"
	. "briefing/model"
)

// TestSummariesMatchFullLoad loads the same generated files both ways. The
// summary loader reads every file into one buffer per worker, so a title
// still pointing into that buffer would show another article's bytes here.
func TestSummariesMatchFullLoad(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "c")
	if err := corpusgen.Write(dir, 300, 7); err != nil {
		t.Fatal(err)
	}
	tagger := SeedTagger(t)
	full, _, err := LoadPaths([]string{dir}, LoadOptions{Tagger: tagger})
	if err != nil {
		t.Fatal(err)
	}
	sum, _, err := LoadPaths([]string{dir}, LoadOptions{Tagger: tagger, Summaries: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(sum.Articles) != len(full.Articles) || len(full.Articles) != 300 {
		t.Fatalf("%d summaries, %d articles", len(sum.Articles), len(full.Articles))
	}
	for i, want := range full.Articles {
		got := sum.Articles[i]
		if got.Paragraphs != nil {
			t.Fatalf("%s: summary kept its paragraphs", got.Path)
		}
		if got.ID != want.ID || got.Path != want.Path || got.Title != want.Title || got.Standfirst != want.Standfirst ||
			got.Author != want.Author || got.Source != want.Source || got.URL != want.URL || !got.Date.Equal(want.Date) {
			t.Errorf("article %d differs:\n got %s %q %q %q %s\nwant %s %q %q %q %s", i,
				got.ID, got.Title, got.Author, got.Source, got.DateString(), want.ID, want.Title, want.Author, want.Source, want.DateString())
		}
		if got.NumParagraphs() != len(want.Paragraphs) || got.NumParagraphs() == 0 {
			t.Errorf("%s: %d paragraphs, want %d", got.ID, got.NumParagraphs(), len(want.Paragraphs))
		}
		if !slices.Equal(got.TopicCounts, want.TopicCounts) {
			t.Errorf("%s: topic counts %v, want %v", got.ID, got.TopicCounts, want.TopicCounts)
		}
	}
}
