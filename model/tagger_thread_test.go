package model

import (
	"slices"
	"testing"
)

// TestThreads: a paragraph that names nothing, between two paragraphs on a
// thread topic, carries it, with a reason that says where the run began;
// a short aside does not, nor does the off-topic tail after the run.
func TestThreads(t *testing.T) {
	tg := defaultTagger(t)
	fi := slices.IndexFunc(tg.Topics(), func(t Topic) bool { return t.ID == "frozen-assets" })
	text := "EU leaders again put off a decision on frozen Russian assets\n\n" +
		"Leaders meeting in Brussels failed to agree on lending Ukraine money raised from frozen Russian assets, officials said on Friday.\n\n" +
		"The finance ministers of three northern countries said they were disappointed, and asked for a new meeting before the end of the month.\n\n" +
		"Euroclear, which holds most of the money, has warned of legal risks.\n\n" +
		"It rained.\n\n" +
		"Euroclear declined to comment.\n\n" +
		"Separately, air raid sirens sounded across the capital overnight as residents sheltered in metro stations until the morning.\n\n" +
		"The national railway said several trains were delayed by up to three hours because of damage to the power lines near the border.\n"
	a, _, err := Parse("t.txt", []byte(text))
	if err != nil {
		t.Fatal(err)
	}
	tg.TagArticle(a)
	for i, want := range []bool{true, true, true, false, true, false, false} {
		if got := a.Paragraphs[i].Topics.Has(fi); got != want {
			t.Errorf("¶%d tagged %v, want %v: %s", i+1, got, want, a.Paragraphs[i].Text)
		}
	}
	r := a.Reasons(1, tg.Topics())
	if len(r) != 1 || r[0].Via != ViaThread || r[0].Antecedent != 1 {
		t.Fatalf("reasons %+v", r)
	}
	if a.TopicCounts[fi] != 5 {
		t.Errorf("count %d, want 5 (the title and four paragraphs)", a.TopicCounts[fi])
	}
}
