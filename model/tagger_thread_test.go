package model

import (
	"slices"
	"testing"
)

// TestThreads: a paragraph that names nothing carries the thread topic of
// the paragraph before it when one of the topic's follow words, or a quote
// by the same speaker, ties the two, with a reason that says which ¶ it
// continues; a short aside, a paragraph that turns away ("Separately") and
// one with no tie do not.
func TestThreads(t *testing.T) {
	tg := defaultTagger(t)
	fi := slices.IndexFunc(tg.Topics(), func(t Topic) bool { return t.ID == "frozen-assets" })
	text := "EU leaders again put off a decision on frozen Russian assets\n\n" +
		"Leaders meeting in Brussels failed to agree on lending Ukraine money raised from frozen Russian assets, officials said on Friday.\n\n" +
		"Several capitals want guarantees that they will not be left to pay alone if a court rules against the bloc in the coming years.\n\n" +
		"\"We are not there yet, but we will get there before the end of the year,\" she said after the meeting.\n\n" +
		"It rained in the evening.\n\n" +
		"Separately, the finance ministers agreed new rules on the spending limits of member states, officials said on Friday.\n\n" +
		"A trade official said the bloc would also discuss tariffs on steel imports from third countries next week.\n"
	a, _, err := Parse("t.txt", []byte(text))
	if err != nil {
		t.Fatal(err)
	}
	tg.TagArticle(a)
	for i, want := range []bool{true, true, true, false, false, false} {
		if got := a.Paragraphs[i].Topics.Has(fi); got != want {
			t.Errorf("¶%d tagged %v, want %v: %s", i+1, got, want, a.Paragraphs[i].Text)
		}
	}
	r := a.Reasons(2, tg.Topics())
	if len(r) != 1 || r[0].Via != ViaThread || r[0].Antecedent != 2 {
		t.Fatalf("reasons %+v", r)
	}
	if a.TopicCounts[fi] != 4 {
		t.Errorf("count %d, want 4 (the title and three paragraphs)", a.TopicCounts[fi])
	}
}

// TestShellNouns: the switch and the set agree.
func TestShellNouns(t *testing.T) {
	for w := range shellNoun {
		if !isShellNoun([]byte(w)) {
			t.Errorf("%q", w)
		}
	}
	if isShellNoun([]byte("planet")) {
		t.Error("planet")
	}
}
