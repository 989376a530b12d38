package model

import (
	"slices"
	"testing"
)

func TestReasons(t *testing.T) {
	tg := defaultTagger(t)
	a, _, err := Parse("r.txt", []byte("Kyiv and Washington sign minerals deal\n\nThe deal gives the US a share of future revenues.\n\nUkraine's parliament must still ratify the deal, and the minerals deal, officials said.\n\nThe agreement was welcomed in Kyiv.\n"))
	if err != nil {
		t.Fatal(err)
	}
	tg.TagArticle(a)
	mi := slices.IndexFunc(tg.Topics(), func(t Topic) bool { return t.ID == "minerals-deal" })
	tests := []struct {
		i    int
		want []string
	}{
		{0, []string{`"The deal" refers to the headline (Minerals deal)`}},
		{1, []string{`"minerals" (phrase)`}},
		{2, []string{`"The agreement" refers to ¶2 (Minerals deal)`}},
	}
	for _, tt := range tests {
		var got []string
		for _, r := range a.Reasons(tt.i, tg.Topics()) {
			if r.Topic == mi {
				got = append(got, r.Text)
			}
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("¶%d: %q, want %q", tt.i+1, got, tt.want)
		}
	}
	if got := a.Head[0].Reasons(tg.Topics()); len(got) != 1 || got[0].Text != `"minerals" (phrase)` {
		t.Errorf("title: %+v", got)
	}
	if a.Reasons(-1, tg.Topics()) != nil || a.Reasons(3, tg.Topics()) != nil {
		t.Error("out of range should give nil")
	}
}
