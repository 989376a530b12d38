package model

import (
	"testing"

	"briefing/seeds"
)

// FuzzRecord feeds damaged index records to the decoder: a record is
// refused or read, never a panic or a huge allocation, and what is read
// has an outline that lines up with its paragraphs.
func FuzzRecord(f *testing.F) {
	tg := defaultTagger(f)
	c, _, err := LoadFS(seeds.Articles(), LoadOptions{Tagger: tg})
	if err != nil {
		f.Fatal(err)
	}
	for _, a := range c.Articles {
		cp := *a
		cp.summarise()
		f.Add(encodeRecord(&fileResult{article: &cp, notes: []string{"a note"}, source: a.Source, folder: "Wire"}))
	}
	f.Add(encodeRecord(&fileResult{failure: "empty (no text)"}))
	f.Fuzz(func(t *testing.T, rec []byte) {
		r, err := decodeRecord("x.md", rec)
		if err != nil {
			return
		}
		if r.article == nil {
			if r.failure == "" {
				t.Fatal("neither an article nor a failure")
			}
			return
		}
		a := r.article
		for i, p := range a.outline {
			if int(p.index) >= a.paras || i > 0 && p.index <= a.outline[i-1].index {
				t.Fatalf("outline out of order or range: %+v of %d", a.outline, a.paras)
			}
		}
		for ti := range 64 {
			for _, i := range a.ParagraphsOn(ti) {
				if i >= a.NumParagraphs() {
					t.Fatalf("paragraph %d of %d", i, a.NumParagraphs())
				}
			}
		}
		// What decodes encodes to the same record.
		again, err := decodeRecord("x.md", encodeRecord(r))
		if err != nil || again.article.Title != a.Title || len(again.article.outline) != len(a.outline) {
			t.Fatalf("re-encoded record: %v", err)
		}
	})
}
