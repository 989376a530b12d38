package ui

import (
	tea "charm.land/bubbletea/v2"

	"os"
	"path/filepath"
	"strings"
	"testing"

	"briefing/model"
	"briefing/store"
	"briefing/ui/render"
)

func typeText(a *App, s string) {
	for _, r := range s {
		k := string(r)
		if r == ' ' {
			k = "space"
		}
		press(a, k)
	}
}

func TestCorpusSearch(t *testing.T) {
	a := newApp(t, 120, 40)
	press(a, "s")
	if viewName(a) != "search" {
		t.Fatalf("s: %q", titleLine(a))
	}
	typeText(a, "nato")
	s := screen(a)
	if !strings.Contains(s, "paragraphs in") || !strings.Contains(s, "#p") || !strings.Contains(s, "\x1b[7m") {
		t.Fatalf("results as you type:\n%s", s)
	}
	press(a, enter) // leave the field for the results
	first := row(a, "▸")
	press(a, "j")
	if row(a, "▸") == first {
		t.Error("j did not move through the results")
	}
	press(a, "k", "o")
	if !strings.Contains(screen(a), "most relevant first") {
		t.Errorf("o:\n%s", screen(a))
	}
	press(a, "o")
	// enter opens the reader at the paragraph, the hits marked; n walks on.
	link := first[strings.LastIndex(first, " ")+1:]
	id, para, _ := strings.Cut(link, "#p")
	press(a, enter)
	if viewName(a) != "reader" || !strings.Contains(titleLine(a), id) || !strings.Contains(statusLine(a), "¶"+strings.TrimSpace(para)) {
		t.Fatalf("enter on %q: %q / %q", link, titleLine(a), statusLine(a))
	}
	if !strings.Contains(statusLine(a), "search hit 1/") || !strings.Contains(screen(a), "\x1b[7mNATO") {
		t.Errorf("reader after a search: %q", statusLine(a))
	}
	press(a, "n")
	if !strings.Contains(statusLine(a), "search hit 2/") {
		t.Errorf("n: %q", statusLine(a))
	}
	press(a, "N", "N")
	if !strings.Contains(statusLine(a), "search wrapped") {
		t.Errorf("N past the first: %q", statusLine(a))
	}
}

func TestCorpusSearchBadQueryKeepsResults(t *testing.T) {
	a := newApp(t, 120, 40)
	press(a, "s")
	typeText(a, "nato ")
	before := strings.Count(screen(a), "#p")
	typeText(a, `"land`)
	if !strings.Contains(screen(a), "column") || strings.Count(screen(a), "#p") != before || before == 0 {
		t.Errorf("an unclosed quote:\n%s", screen(a))
	}
	press(a, esc, esc)
	if viewName(a) != "articles" {
		t.Errorf("esc esc: %q", titleLine(a))
	}
}

func TestSaveSearchAsTopic(t *testing.T) {
	st, err := store.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	path := filepath.Join(t.TempDir(), "topics.yaml")
	a := startApp(New(seedCorpus(t), Options{Style: render.StyleNoTTY, Store: st, User: "u", TopicsPath: path}), 120, 40)
	press(a, "s")
	typeText(a, "zelensky")
	press(a, enter, "S")
	if !strings.Contains(statusLine(a), "name the topic") {
		t.Fatalf("S: %q", statusLine(a))
	}
	typeText(a, "Zelensky")
	press(a, enter)
	if !strings.Contains(screen(a), "badge") {
		t.Fatalf("no badge prompt:\n%s", screen(a))
	}
	press(a, enter)
	if !strings.Contains(statusLine(a), "saved as topic Zelensky (ZEL)") {
		t.Fatalf("save: %q", statusLine(a))
	}
	data, err := os.ReadFile(path)
	if err != nil || !strings.Contains(string(data), "zelensky") {
		t.Fatalf("topics file: %v\n%s", err, data)
	}
	if _, err := model.LoadUserTopics(path); err != nil {
		t.Errorf("the saved file does not load: %v", err)
	}
	// Every view uses it at once: the list's badges, the topic keys.
	press(a, esc)
	if !strings.Contains(screen(a), "ZEL") {
		t.Errorf("the list does not show the new topic:\n%s", screen(a))
	}
	press(a, "m")
	for range 12 {
		press(a, "l")
	}
	if !strings.Contains(screen(a), "ZEL = Zelensky") {
		t.Errorf("the matrix does not have the new topic:\n%s", screen(a))
	}
}

func TestCopyLink(t *testing.T) {
	a := newApp(t, 120, 40)
	press(a, enter, "j", "y")
	if !strings.Contains(statusLine(a), "copied "+a.s.corpus.Articles[0].ID+"#p2") {
		t.Errorf("y: %q", statusLine(a))
	}
}

func TestStartAddress(t *testing.T) {
	corpus := seedCorpus(t)
	id := corpus.Articles[0].ID
	for _, tc := range []struct{ start, title, status string }{
		{id + "#p6", "briefing · reader · " + id, "¶6 ·"},
		{"nowhere#p2", "briefing · articles", "no article nowhere"},
		{"not a link", "briefing · articles", "is not a paragraph address"},
	} {
		a := New(corpus, Options{Style: render.StyleNoTTY, Start: tc.start})
		runCmd(a, a.Init())
		startApp(a, 120, 40)
		if !strings.Contains(titleLine(a), tc.title) || !strings.Contains(statusLine(a), tc.status) {
			t.Errorf("%q: %q / %q", tc.start, titleLine(a), statusLine(a))
		}
		if tc.status == "¶6 ·" && !strings.Contains(row(a, "›"), "Britain, France") {
			t.Errorf("%q: the cursor paragraph is not on screen:\n%s", tc.start, screen(a))
		}
	}
}

func TestStartAddressByPrefixAndPastTheEnd(t *testing.T) {
	corpus := seedCorpus(t)
	art := corpus.Articles[len(corpus.Articles)-1]
	a := New(corpus, Options{Style: render.StyleNoTTY, Start: art.ID[:8] + "#p2"})
	runCmd(a, a.Init())
	startApp(a, 120, 40)
	if !strings.Contains(titleLine(a), art.ID) || !strings.Contains(statusLine(a), "¶2 ·") {
		t.Errorf("a prefix: %q / %q", titleLine(a), statusLine(a))
	}
	a = New(corpus, Options{Style: render.StyleNoTTY, Start: art.ID + "#p99"})
	runCmd(a, a.Init())
	startApp(a, 120, 40)
	if !strings.Contains(statusLine(a), "paragraphs, not 99") {
		t.Errorf("past the end: %q", statusLine(a))
	}
}

func TestMatrixAndReaderAfterATinyWindow(t *testing.T) {
	a := newApp(t, 120, 40)
	press(a, "m", "G")
	a.Update(tea.WindowSizeMsg{Width: 30, Height: 8})
	a.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
	if !strings.Contains(screen(a), a.s.corpus.Articles[0].Title[:20]) {
		t.Errorf("the matrix lost its first rows:\n%s", screen(a))
	}
	press(a, esc, "2", "G", enter, "]")
	para := cursorPara(a)
	a.Update(tea.WindowSizeMsg{Width: 40, Height: 10})
	if !strings.Contains(screen(a), "›") {
		t.Errorf("¶%d is not on screen at 40x10:\n%s", para, screen(a))
	}
}

func TestSaveSearchBadges(t *testing.T) {
	st, err := store.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	path := filepath.Join(t.TempDir(), "topics.yaml")
	a := startApp(New(seedCorpus(t), Options{Style: render.StyleNoTTY, Store: st, User: "u", TopicsPath: path}), 120, 40)
	// A search with a filter cannot be a topic: said at once.
	press(a, "s")
	typeText(a, "guarantee #sec")
	press(a, enter, "S")
	if !strings.Contains(statusLine(a), "cannot be saved as a topic") {
		t.Errorf("S on a filtered search: %q", statusLine(a))
	}
	// A name whose letters make a taken badge gets a free one.
	press(a, "/")
	for range len("guarantee #sec") {
		press(a, "backspace")
	}
	typeText(a, "guarantee")
	press(a, enter, "S")
	typeText(a, "Sec guarantee")
	press(a, enter)
	if !strings.Contains(screen(a), "SE2") {
		t.Errorf("badge offered:\n%s", screen(a))
	}
	// A badge that is not letters or digits is refused, saying why.
	for range 3 {
		press(a, "backspace")
	}
	typeText(a, "g!")
	press(a, enter)
	if !strings.Contains(statusLine(a), "only letters and digits") {
		t.Errorf("badge g!: %q", statusLine(a))
	}
}
