package ui

import (
	"strings"
	"testing"

	"briefing/model"
	"briefing/store"
	"briefing/ui/render"
)

// A first start shows the list at once with the indexing progress in its
// header, then the articles when they are read; the cursor and the topic
// chosen meanwhile stay.
func TestBackgroundLoading(t *testing.T) {
	full := seedCorpus(t)
	st, err := store.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	loading := make(chan model.LoadUpdate, 1)
	empty := model.NewCorpus(nil, full.Topics)
	a := startApp(New(empty, Options{Style: render.StyleNoTTY, Store: st, User: "tester", ExportDir: t.TempDir(), Loading: loading}), 100, 30)
	if a.Init() == nil {
		t.Fatal("no command waits for the load")
	}
	if s := screen(a); !strings.Contains(s, "0 articles") || !strings.Contains(s, "show here as soon as they are indexed") {
		t.Errorf("before any news:\n%s", s)
	}
	// The commands that wait on the channel are not run: each blocks until
	// the next news, which the test hands over itself.
	if _, wait := a.Update(loadingMsg{u: model.LoadUpdate{Done: 1240, Total: 3000}}); wait == nil {
		t.Error("progress stopped the waiting")
	}
	if s := screen(a); !strings.Contains(s, "indexing 1,240 of 3,000…") {
		t.Errorf("progress not in the header:\n%s", s)
	}
	press(a, "2") // a topic chosen while it loads
	_, cmd := a.Update(loadingMsg{u: model.LoadUpdate{Done: 3000, Total: 3000, Corpus: full, Final: true}})
	runCmd(a, cmd)
	s := screen(a)
	if !strings.Contains(s, "5 articles") || strings.Contains(s, "indexing") || !strings.Contains(s, "indexed 3,000 new or changed files") {
		t.Errorf("after the load:\n%s", s)
	}
	if !strings.Contains(titleLine(a), "Territory") {
		t.Errorf("the topic chosen meanwhile was lost: %q", titleLine(a))
	}
	// The articles open: their text is there.
	press(a, enter)
	if viewName(a) != "reader" || !strings.Contains(screen(a), "¶") {
		t.Errorf("opening an article after the load:\n%s", screen(a))
	}
}

// When the check behind the first frame finds nothing changed, the list
// stays as it is and says nothing.
func TestBackgroundCheckFindsNothing(t *testing.T) {
	loading := make(chan model.LoadUpdate, 1)
	a := startApp(New(seedCorpus(t), Options{Style: render.StyleNoTTY, Loading: loading}), 100, 30)
	before := screen(a)
	_, cmd := a.Update(loadingMsg{u: model.LoadUpdate{Final: true}})
	runCmd(a, cmd)
	if after := screen(a); after != before {
		t.Errorf("an unchanged check changed the screen:\n%s\n---\n%s", before, after)
	}
}
