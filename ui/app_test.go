package ui

import (
	"fmt"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/exp/golden"

	"briefing/model"
	"briefing/ui/render"
)

func TestGoldenViews(t *testing.T) {
	views := map[string][]string{
		"list":           nil,
		"list-filter":    {"/", "f", "r", "a", "n", "c", "e", enter},
		"list-marked":    {"space", "j", "space"},
		"reader":         {enter},
		"reader-topic":   {"2", enter, "]"},
		"reader-why":     {"2", enter, "]", "w"},
		"reader-search":  {enter, "/", "n", "a", "t", "o", enter},
		"compare":        {"c"},
		"compare-topic":  {"c", "1", "j"},
		"matrix":         {"m", "j", "l"},
		"matrix-outlets": {"m", "o"},
		"help":           {enter, "?"},
		"reader-note":    {enter, "2", "]", "p", "a", "N", "o", "t", "e"},
		"briefing":       {enter, "2", "]", "p", "a", "w", "h", "y", "ctrl+s", "]", "p", "1", "]", "p", "b"},
		"briefing-empty": {"b"},
		"timeline":       {"2", "T"},
		"timeline-cells": {"2", "T", enter},
	}
	for _, style := range []string{render.StyleNoTTY, render.StyleDark} {
		for _, size := range [][2]int{{120, 40}, {80, 24}} {
			for name, keys := range views {
				if style == render.StyleDark && size[0] != 120 {
					continue // one size in colour is enough to see the styles
				}
				file := fmt.Sprintf("%s-%dx%d", name, size[0], size[1])
				if style == render.StyleDark {
					file += "-dark"
				}
				t.Run(file, func(t *testing.T) {
					a := newStyledApp(t, size[0], size[1], style)
					press(a, keys...)
					checkWidth(t, a)
					golden.RequireEqual(t, screen(a))
				})
			}
		}
	}
}

func TestQuit(t *testing.T) {
	a := newApp(t, 120, 40)
	if !press(a, "q") {
		t.Error("q did not quit")
	}
	if !press(a, "ctrl+c") {
		t.Error("ctrl+c did not quit")
	}
	// In the filter field q is text.
	a = newApp(t, 120, 40)
	if press(a, "/", "q") || !strings.Contains(lines(a)[1], "/ q") {
		t.Errorf("q in the filter quit or was lost: %q", lines(a)[1])
	}
	press(a, esc)
	if !strings.Contains(lines(a)[1], "5 articles") {
		t.Errorf("esc did not clear the filter: %q", lines(a)[1])
	}
}

// selected is the list row under the cursor.
func selected(a *App) string { return row(a, "▸") }

func TestListKeys(t *testing.T) {
	a := newApp(t, 120, 40)
	arts := a.s.corpus.Articles
	at := func(i int) string { return arts[i].Title[:20] }
	press(a, "j")
	if !strings.Contains(selected(a), at(1)) {
		t.Errorf("j: %q", selected(a))
	}
	press(a, "down", "k", "up")
	if !strings.Contains(selected(a), at(0)) {
		t.Errorf("down k up: %q", selected(a))
	}
	press(a, "G")
	if !strings.Contains(selected(a), at(len(arts)-1)) {
		t.Errorf("G: %q", selected(a))
	}
	press(a, "g")
	if !strings.Contains(selected(a), at(0)) {
		t.Errorf("g: %q", selected(a))
	}
	// Filter narrows by topic with # and leaves a topic out with !#.
	press(a, "/", "#", "f", "r", "z", enter)
	if n := strings.Count(screen(a), "FRZ"); n != 1 || !strings.Contains(selected(a), "FRZ") {
		t.Errorf("#frz shows %d FRZ rows:\n%s", n, screen(a))
	}
	press(a, esc, "/", "!", "#", "f", "r", "z", enter)
	if strings.Contains(screen(a), "FRZ") || !strings.Contains(screen(a), at(0)) {
		t.Errorf("!#frz:\n%s", screen(a))
	}
	press(a, esc, "/", "#", "x", "y", "z")
	if !strings.Contains(screen(a), "unknown topic #xyz") || strings.Contains(screen(a), "no articles match") {
		t.Errorf("#xyz:\n%s", screen(a))
	}
	press(a, esc)
	for i := range arts {
		if !strings.Contains(screen(a), at(i)) {
			t.Errorf("esc did not bring back %q", at(i))
		}
	}
	// Marking keeps at most two.
	press(a, "space", "j", "space", "j", "space")
	if n := strings.Count(screen(a), "●"); n != 2 || !strings.Contains(statusLine(a), "2 marked") {
		t.Errorf("%d marked, status %q", n, statusLine(a))
	}
	press(a, "c")
	if viewName(a) != "compare" || !strings.Contains(screen(a), "A: "+arts[1].Title[:15]) || !strings.Contains(screen(a), "B: "+arts[2].Title[:15]) {
		t.Errorf("c did not compare the marked two:\n%s", screen(a))
	}
	press(a, esc)
	if viewName(a) != "articles" {
		t.Errorf("esc from compare: %q", titleLine(a))
	}
	press(a, enter)
	if viewName(a) != "reader" || !strings.Contains(titleLine(a), arts[2].ID) {
		t.Errorf("enter did not open the selected article: %q", titleLine(a))
	}
}

func TestCompareSelectedAndNext(t *testing.T) {
	a := newApp(t, 120, 40)
	arts := a.s.corpus.Articles
	press(a, "j", "c")
	if !strings.Contains(screen(a), "A: "+arts[1].Title[:15]) || !strings.Contains(screen(a), "B: "+arts[2].Title[:15]) {
		t.Errorf("c compares the selected and the next:\n%s", screen(a))
	}
}

func TestTopicKeys(t *testing.T) {
	a := newApp(t, 120, 40)
	for _, tc := range []struct{ key, want string }{
		{"1", "topic: 1 Security guarantees"}, {"4", "topic: 4 Frozen assets"}, {"0", "topic: none"},
		{"t", "topic: 1 Security guarantees"}, {"shift+tab", "topic: none"}, {"shift+tab", "topic: 10 Strikes"},
	} {
		press(a, tc.key)
		if !strings.Contains(titleLine(a), tc.want) {
			t.Errorf("after %s: %q", tc.key, titleLine(a))
		}
	}
}

// cursorPara is the ¶ number the reader's status line gives.
func cursorPara(a *App) int {
	var n int
	for _, part := range strings.Split(statusLine(a), " · ") {
		if strings.HasPrefix(part, "¶") {
			fmt.Sscanf(part, "¶%d", &n)
		}
	}
	return n
}

func TestReaderKeys(t *testing.T) {
	a := newApp(t, 120, 20)
	press(a, enter)
	first := a.s.corpus.Articles[0]
	// j and k move the paragraph cursor, scrolling to keep it in view.
	press(a, "j")
	if cursorPara(a) != 2 {
		t.Errorf("j: %q", statusLine(a))
	}
	press(a, "k")
	if cursorPara(a) != 1 {
		t.Errorf("k: %q", statusLine(a))
	}
	for range len(first.Paragraphs) - 1 {
		press(a, "j")
	}
	if cursorPara(a) != len(first.Paragraphs) || !strings.Contains(screen(a), "›") {
		t.Errorf("j to the end: %q, cursor shown: %v", statusLine(a), strings.Contains(screen(a), "›"))
	}
	for range len(first.Paragraphs) {
		press(a, "k")
	}
	if cursorPara(a) != 1 || !strings.Contains(screen(a), "›") {
		t.Errorf("k to the start: %q", statusLine(a))
	}
	top := screen(a)
	press(a, "pgdown")
	if screen(a) == top {
		t.Error("pgdown did not scroll")
	}
	press(a, "G")
	if !strings.Contains(statusLine(a), "100%") {
		t.Errorf("G: %q", statusLine(a))
	}
	press(a, "g")
	if !strings.Contains(statusLine(a), " 0%") {
		t.Errorf("g: %q", statusLine(a))
	}
	_, cmd := a.Update(tea.MouseWheelMsg{Button: tea.MouseWheelDown})
	runCmd(a, cmd)
	if strings.Contains(statusLine(a), " 0%") {
		t.Error("mouse wheel did not scroll")
	}
	// ] and [ walk the topic's paragraphs, then move on to the next article.
	press(a, "2")
	territory := a.s.corpus.TopicIndex("territory")
	on := first.ParagraphsOn(territory)
	press(a, "g", "]")
	if cursorPara(a) != on[0]+1 || !strings.Contains(statusLine(a), fmt.Sprintf("territory 1/%d", len(on))) {
		t.Errorf("]: %q", statusLine(a))
	}
	press(a, "]")
	if cursorPara(a) != on[1]+1 || !strings.Contains(statusLine(a), fmt.Sprintf("territory 2/%d", len(on))) {
		t.Errorf("]]: %q", statusLine(a))
	}
	press(a, "[")
	if cursorPara(a) != on[0]+1 {
		t.Errorf("[: %q", statusLine(a))
	}
	press(a, "]", "]")
	if strings.Contains(titleLine(a), first.ID) || !strings.Contains(statusLine(a), "moved on to") {
		t.Errorf("] at the last match stayed: %q", statusLine(a))
	}
	if !strings.Contains(row(a, "›"), "TER") {
		t.Errorf("moved on to a paragraph off the topic: %q", row(a, "›"))
	}
	// [ back into the previous article says so.
	press(a, "[")
	if !strings.Contains(titleLine(a), first.ID) || !strings.Contains(statusLine(a), "previous article on territory") {
		t.Errorf("[ back: %q / %q", titleLine(a), statusLine(a))
	}
	// Search: every hit on screen is marked, and the status counts them.
	press(a, "g", "/", "N", "A", "T", "O", enter)
	if !strings.Contains(statusLine(a), `"NATO" hit 1/`) {
		t.Errorf("search: %q", statusLine(a))
	}
	before := cursorPara(a)
	press(a, "n")
	if !strings.Contains(statusLine(a), `"NATO" hit 2/`) || cursorPara(a) == before {
		t.Errorf("n: %q", statusLine(a))
	}
	press(a, "N")
	if cursorPara(a) != before {
		t.Errorf("N: %q, want ¶%d", statusLine(a), before)
	}
	press(a, "c")
	if viewName(a) != "compare" || !strings.Contains(screen(a), "A: "+first.Title[:15]) {
		t.Errorf("c in the reader did not compare with the next article:\n%s", screen(a))
	}
	// esc leaves the comparison, then clears the search, then the reader.
	press(a, esc, esc)
	if viewName(a) != "reader" || !strings.Contains(statusLine(a), "search cleared") {
		t.Errorf("esc esc: %q / %q", titleLine(a), statusLine(a))
	}
	press(a, esc)
	if viewName(a) != "articles" {
		t.Errorf("esc esc esc: %q", titleLine(a))
	}
}

func TestSearchHighlightsWithoutColour(t *testing.T) {
	a := newApp(t, 120, 40)
	press(a, enter, "/", "n", "a", "t", "o", enter)
	// Reverse video is SGR 7, which shows in any terminal.
	if !strings.Contains(screen(a), "\x1b[7mNATO") {
		t.Errorf("hits are not reversed:\n%q", row(a, "NATO"))
	}
}

func TestWrapsPastTheLastArticle(t *testing.T) {
	a := newApp(t, 120, 40)
	frz := a.s.corpus.TopicIndex("frozen-assets")
	var covering []*model.Article
	for _, art := range a.s.corpus.Articles {
		if art.Covers(frz) {
			covering = append(covering, art)
		}
	}
	if len(covering) != 1 {
		t.Skipf("the seeds have %d articles on frozen assets", len(covering))
	}
	press(a, "4", enter, "]")
	for range covering[0].TopicCounts[frz] + 1 {
		press(a, "]")
	}
	if !strings.Contains(statusLine(a), "no other article covers frozen-assets") {
		t.Errorf("] past the only article on a topic: %q", statusLine(a))
	}
}

func TestCompareKeys(t *testing.T) {
	a := newApp(t, 120, 40)
	arts := a.s.corpus.Articles
	press(a, "c", "tab")
	if !strings.Contains(statusLine(a), "focus B") {
		t.Errorf("tab: %q", statusLine(a))
	}
	press(a, ">")
	if !strings.Contains(screen(a), "B: "+arts[2].Title[:15]) {
		t.Errorf(">:\n%s", screen(a))
	}
	press(a, "<", "<")
	if !strings.Contains(screen(a), "B: "+arts[4].Title[:15]) { // wraps past the left side's article
		t.Errorf("< <:\n%s", screen(a))
	}
	silence := false
	for range 10 {
		silence = silence || strings.Contains(screen(a), "no coverage")
		press(a, "pgdown")
	}
	if !silence {
		t.Error("silence not shown")
	}
	press(a, "g")
	// A topic narrows the bands to it; 0 shows all again.
	press(a, "2")
	if strings.Contains(screen(a), "── Security guarantees") || !strings.Contains(screen(a), "── Territory") {
		t.Errorf("2 did not narrow to territory:\n%s", screen(a))
	}
	press(a, "0")
	if !strings.Contains(screen(a), "── Security guarantees") {
		t.Errorf("0 did not show all bands:\n%s", screen(a))
	}
	// j moves a paragraph cursor on the focused side; p pins it under the
	// band's topic.
	press(a, "j")
	if !strings.Contains(screen(a), "▸¶") {
		t.Fatalf("no paragraph cursor:\n%s", screen(a))
	}
	press(a, "p")
	if p := pinsOf(t, a); !strings.Contains(statusLine(a), "pinned ¶") || len(p) != 1 || p[0].Topic != "security-guarantees" {
		t.Errorf("p in compare: %q, %+v", statusLine(a), p)
	}
	// Stacked below 100 columns.
	a.Update(tea.WindowSizeMsg{Width: 90, Height: 30})
	press(a, "g")
	if !strings.Contains(screen(a), "▸ B:") {
		t.Errorf("not stacked as tabs at 90 columns:\n%s", screen(a))
	}
}

func TestMatrixKeys(t *testing.T) {
	a := newApp(t, 120, 40)
	press(a, "m")
	if viewName(a) != "coverage" {
		t.Fatal("m did not open the matrix")
	}
	press(a, "j", "l", "l", "l", "h")
	if !strings.Contains(selected(a), a.s.corpus.Articles[1].Title[:15]) || row(a, "MIN = Minerals deal") == "" || !strings.Contains(selected(a), "[  1]") {
		t.Errorf("cursor: %q", selected(a))
	}
	// Row 3 (Macron on Monday) covers frozen assets.
	press(a, "j", "j", "l", enter)
	art := a.s.corpus.Articles[3]
	frz := a.s.corpus.TopicIndex("frozen-assets")
	first := art.ParagraphsOn(frz)[0]
	if viewName(a) != "reader" || !strings.Contains(titleLine(a), "topic: 4 Frozen assets") || cursorPara(a) != first+1 {
		t.Errorf("enter: %q / %q", titleLine(a), statusLine(a))
	}
	press(a, esc)
	if viewName(a) != "coverage" {
		t.Errorf("esc returned to %q", titleLine(a))
	}
	// o groups rows by outlet.
	press(a, "o")
	if !strings.Contains(lines(a)[1], "OUTLET") || !strings.Contains(screen(a), "article") {
		t.Errorf("o:\n%s", screen(a))
	}
}

func TestHelpKey(t *testing.T) {
	a := newApp(t, 120, 40)
	short := screen(a)
	press(a, "?")
	full := screen(a)
	for _, want := range []string{"quit", "coverage matrix", "choose topic", "cycle topics", "mark for compare", "filter"} {
		if !strings.Contains(full, want) {
			t.Errorf("full help lacks %q", want)
		}
	}
	if full == short {
		t.Error("? changed nothing")
	}
	press(a, "?")
	if screen(a) != short {
		t.Error("? did not close the help")
	}
	// esc closes the help before it goes back.
	press(a, enter, "?", esc)
	if viewName(a) != "reader" || strings.Contains(screen(a), "coverage matrix") {
		t.Errorf("esc with help open: %q", titleLine(a))
	}
}

func TestTinyAndHugeWindows(t *testing.T) {
	a := newApp(t, 120, 40)
	press(a, enter, "2", "]")
	for _, size := range [][2]int{{1, 1}, {0, 0}, {20, 6}, {39, 9}, {40, 10}, {300, 100}, {1000, 5}, {120, 40}} {
		a.Update(tea.WindowSizeMsg{Width: size[0], Height: size[1]})
		checkWidth(t, a)
		s := screen(a)
		if (size[0] < MinWidth || size[1] < MinHeight) && size[0] > 0 && size[1] > 0 && !strings.Contains(s, "Window") && size[0] >= 6 {
			t.Errorf("%v: no too-small notice: %q", size, s)
		}
	}
	if !strings.Contains(screen(a), "territory") {
		t.Error("did not recover after growing")
	}
}

func TestNarrowReaderKeepsTopic(t *testing.T) {
	a := newApp(t, 80, 24)
	press(a, "2", enter)
	if !strings.Contains(titleLine(a), "topic: 2 Territory") {
		t.Errorf("80 columns lost the topic: %q", titleLine(a))
	}
	// Long status messages end in … rather than being cut silently.
	press(a, "]", "]", "]", "]")
	if s := statusLine(a); len([]rune(s)) >= 80 && !strings.HasSuffix(strings.TrimRight(s, " "), "…") {
		t.Errorf("clipped status without …: %q", s)
	}
	// The footer puts the reader's own keys before scrolling.
	help := lines(a)[len(lines(a))-1]
	if !strings.HasPrefix(help, "]/[ next/prev on topic • p pin • a note • b briefing • / search • ? help") {
		t.Errorf("footer: %q", help)
	}
}

func TestReadingWidth(t *testing.T) {
	a := newApp(t, 200, 40)
	press(a, enter)
	for _, l := range lines(a)[1 : len(lines(a))-2] {
		if w := len([]rune(strings.TrimRight(l, " "))); w > DefaultReadingWidth+render.GutterWidth+1 {
			t.Fatalf("prose past the reading width (%d): %q", w, l)
		}
	}
}
