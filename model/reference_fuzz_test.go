package model

import (
	"testing"
)

// FuzzTagArticle parses and tags whole articles, references and all, and
// checks what the views rely on: spans inside their text, references back
// to earlier paragraphs (the head's forward to the lead at the furthest),
// counts that match the counted paragraphs, and reasons for every topic.
func FuzzTagArticle(f *testing.F) {
	for _, s := range hostile {
		f.Add([]byte(s))
	}
	for _, d := range devSet {
		f.Add([]byte(d.text))
	}
	tg := defaultTagger(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		a, _, err := Parse("a.txt", data)
		if err != nil {
			return
		}
		tg.TagArticle(a)
		counts := make([]int, len(tg.Topics()))
		for _, p := range a.Counted() {
			for ti := range p.Topics.All() {
				counts[ti]++
			}
		}
		for ti, n := range counts {
			if a.TopicCounts[ti] != n {
				t.Fatalf("topic %d counted %d, paragraphs say %d", ti, a.TopicCounts[ti], n)
			}
		}
		// The head may refer forward, to the lead (its first body
		// paragraph) at the furthest.
		lead := 0
		if p, ok := firstBody(a.Paragraphs); ok {
			lead = p.Index
		}
		for _, ps := range [][]Paragraph{a.Head, a.Paragraphs} {
			for _, p := range ps {
				var seen TopicSet
				for _, s := range p.Spans {
					if s.Start < 0 || s.End > len(p.Text) || s.Start >= s.End || !p.Topics.Has(s.Topic) {
						t.Fatalf("span %+v out of %q", s, p.Text)
					}
					back := s.Antecedent < p.Index || s.Antecedent == 0 && p.Index == 0
					if s.Via == ViaReference && !back && !(p.Index == 0 && s.Antecedent == lead) {
						t.Fatalf("reference in ¶%d to ¶%d", p.Index, s.Antecedent)
					}
					seen = seen.With(s.Topic)
				}
				if seen != p.Topics {
					t.Fatalf("topics %b, spans %b", p.Topics, seen)
				}
				if len(p.Reasons(tg.Topics())) != p.Topics.Len() {
					t.Fatalf("reasons for %d topics", p.Topics.Len())
				}
			}
		}
	})
}
