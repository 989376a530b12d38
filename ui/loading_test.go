package ui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

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
	if s := screen(a); !strings.Contains(s, "0 articles") || !strings.Contains(s, "articles appear when they are indexed") {
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

// summaryCorpus loads the seeds as the index gives them: summaries whose
// text is read on demand.
func summaryCorpus(t *testing.T) *model.Corpus {
	t.Helper()
	full := seedCorpus(t)
	tg, err := model.NewTagger(full.Topics)
	if err != nil {
		t.Fatal(err)
	}
	c, _, err := model.LoadPaths([]string{filepath.Join("..", "seeds")}, model.LoadOptions{Tagger: tg, Summaries: true})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// On an indexed corpus, opening an article reads its file in a command,
// never in Update: the list stays until the text is there, then the
// reader shows it; ] moving on to another article and compare do the same.
func TestTextReadOffTheMainLoop(t *testing.T) {
	st, err := store.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	c := summaryCorpus(t)
	a := startApp(New(c, Options{Style: render.StyleNoTTY, Store: st, User: "tester", ExportDir: t.TempDir()}), 120, 40)
	_, cmd := a.Update(keyMsg(enter))
	if viewName(a) != "articles" || cmd == nil {
		t.Fatalf("enter on a summary: view %s, command %v", viewName(a), cmd != nil)
	}
	runCmd(a, cmd)
	if viewName(a) != "reader" || !strings.Contains(screen(a), "¶") {
		t.Fatalf("after the read:\n%s", screen(a))
	}
	press(a, "1")
	for range 30 {
		if s := statusLine(a); strings.Contains(s, "moved on to") || strings.Contains(s, "wrapped to") {
			break
		}
		press(a, "]")
	}
	if s := statusLine(a); !strings.Contains(s, "moved on to") && !strings.Contains(s, "wrapped to") {
		t.Errorf("] across articles: %q", s)
	}
	press(a, esc, "c")
	if viewName(a) != "compare" || !strings.Contains(screen(a), "B:") {
		t.Errorf("compare:\n%s", screen(a))
	}
	press(a, ">")
	if !strings.Contains(screen(a), "¶") {
		t.Errorf("> in compare:\n%s", screen(a))
	}
}

// An article whose file went away after the index was read opens, compares
// and jumps without a panic, saying why its text is missing.
func TestGoneFileNeverPanics(t *testing.T) {
	dir := t.TempDir()
	files, _ := filepath.Glob(filepath.Join("..", "seeds", "*.txt"))
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, filepath.Base(f)), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	full := seedCorpus(t)
	tg, err := model.NewTagger(full.Topics)
	if err != nil {
		t.Fatal(err)
	}
	c, _, err := model.LoadPaths([]string{dir}, model.LoadOptions{Tagger: tg, Summaries: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range c.Articles[:2] {
		if err := os.Remove(a.Path); err != nil {
			t.Fatal(err)
		}
	}
	a := startApp(New(c, Options{Style: render.StyleNoTTY}), 120, 40)
	press(a, enter)
	if !strings.Contains(screen(a), "cannot read") {
		t.Errorf("opening a gone file:\n%s", screen(a))
	}
	press(a, "2", "j")
	if s := statusLine(a); !strings.Contains(s, "its file cannot be read") || strings.Contains(s, "no coverage") {
		t.Errorf("a gone file's status claims silence: %q", s)
	}
	press(a, "1", "]", "[", "w", "p", esc, "c", ">", "<", "tab", "j", "p", esc, "m", enter)
	a.Update(tea.WindowSizeMsg{Width: 60, Height: 20})
	_ = screen(a)
}
