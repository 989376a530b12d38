package ui

import (
	"fmt"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"

	"briefing/model"
	"briefing/seeds"
	"briefing/store"
)

func seedCorpus(t testing.TB) *model.Corpus {
	t.Helper()
	topics, err := model.ParseTopics(seeds.Topics())
	if err != nil {
		t.Fatal(err)
	}
	tg, err := model.NewTagger(topics)
	if err != nil {
		t.Fatal(err)
	}
	c, _, err := model.LoadFS(seeds.Articles(), model.LoadOptions{Tagger: tg})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// newApp builds an app at a size, in the notty style so screens compare as
// plain text.
func newApp(t testing.TB, w, h int) *App {
	t.Helper()
	st, err := store.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	a := New(seedCorpus(t), Options{Style: StyleNoTTY, Store: st, User: "tester", ExportDir: t.TempDir()})
	a.Update(tea.WindowSizeMsg{Width: w, Height: h})
	return a
}

// keyMsg turns a key name as bubbletea prints it into a key press.
func keyMsg(k string) tea.KeyPressMsg {
	switch k {
	case "enter":
		return tea.KeyPressMsg{Code: tea.KeyEnter}
	case "esc":
		return tea.KeyPressMsg{Code: tea.KeyEscape}
	case "tab":
		return tea.KeyPressMsg{Code: tea.KeyTab}
	case "space":
		return tea.KeyPressMsg{Code: tea.KeySpace, Text: " "}
	case "up":
		return tea.KeyPressMsg{Code: tea.KeyUp}
	case "down":
		return tea.KeyPressMsg{Code: tea.KeyDown}
	case "pgdown":
		return tea.KeyPressMsg{Code: tea.KeyPgDown}
	case "ctrl+c":
		return tea.KeyPressMsg{Code: 'c', Mod: tea.ModCtrl}
	case "backspace":
		return tea.KeyPressMsg{Code: tea.KeyBackspace}
	case "pgup":
		return tea.KeyPressMsg{Code: tea.KeyPgUp}
	case "ctrl+s":
		return tea.KeyPressMsg{Code: 's', Mod: tea.ModCtrl}
	}
	r := []rune(k)[0]
	msg := tea.KeyPressMsg{Code: r, Text: k}
	if r >= 'A' && r <= 'Z' {
		msg.Code = r + 'a' - 'A'
		msg.ShiftedCode = r
		msg.Mod = tea.ModShift
	}
	return msg
}

func press(a *App, keys ...string) tea.Cmd {
	var cmd tea.Cmd
	for _, k := range keys {
		_, cmd = a.Update(keyMsg(k))
	}
	return cmd
}

func isQuit(cmd tea.Cmd) bool {
	if cmd == nil {
		return false
	}
	_, ok := cmd().(tea.QuitMsg)
	return ok
}

func screen(a *App) string { return a.render() }

func checkWidth(t *testing.T, a *App) {
	t.Helper()
	s := screen(a)
	if s == "" {
		return
	}
	lines := strings.Split(s, "\n")
	if len(lines) > a.height {
		t.Errorf("%d lines on a %d-line window", len(lines), a.height)
	}
	for _, l := range lines {
		if w := ansi.StringWidth(l); w > a.width {
			t.Errorf("line %d wide on a %d-wide window: %q", w, a.width, l)
		}
	}
}

func TestGoldenViews(t *testing.T) {
	views := map[string][]string{
		"list":           nil,
		"list-filter":    {"/", "f", "r", "a", "n", "c", "e", "enter"},
		"list-marked":    {"space", "j", "space"},
		"reader":         {"enter"},
		"reader-topic":   {"2", "enter", "]"},
		"compare":        {"c"},
		"matrix":         {"m", "j", "l"},
		"help":           {"enter", "?"},
		"reader-note":    {"enter", "2", "]", "p", "a", "N", "o", "t", "e"},
		"briefing":       {"enter", "2", "]", "p", "a", "w", "h", "y", "ctrl+s", "]", "p", "1", "]", "p", "b"},
		"briefing-empty": {"b"},
	}
	for _, size := range [][2]int{{120, 40}, {80, 24}} {
		for name, keys := range views {
			t.Run(fmt.Sprintf("%s-%dx%d", name, size[0], size[1]), func(t *testing.T) {
				a := newApp(t, size[0], size[1])
				press(a, keys...)
				checkWidth(t, a)
				golden.RequireEqual(t, screen(a))
			})
		}
	}
}

func TestQuit(t *testing.T) {
	a := newApp(t, 120, 40)
	if !isQuit(press(a, "q")) {
		t.Error("q did not quit")
	}
	if !isQuit(press(a, "ctrl+c")) {
		t.Error("ctrl+c did not quit")
	}
	// In the filter field q is text.
	a = newApp(t, 120, 40)
	if isQuit(press(a, "/", "q")) || a.list.filter.Value() != "q" {
		t.Errorf("q in the filter quit or was lost: %q", a.list.filter.Value())
	}
	press(a, "esc")
	if a.list.filtering || a.list.filter.Value() != "" {
		t.Error("esc did not clear the filter")
	}
}

func TestListKeys(t *testing.T) {
	a := newApp(t, 120, 40)
	press(a, "j")
	if a.list.cursor != 1 {
		t.Errorf("j: cursor %d", a.list.cursor)
	}
	press(a, "down", "k", "up")
	if a.list.cursor != 0 {
		t.Errorf("down k up: cursor %d", a.list.cursor)
	}
	press(a, "G")
	if a.list.cursor != len(a.s.corpus.Articles)-1 {
		t.Errorf("G: cursor %d", a.list.cursor)
	}
	press(a, "g")
	if a.list.cursor != 0 {
		t.Errorf("g: cursor %d", a.list.cursor)
	}
	// Filter narrows by topic with #.
	press(a, "/", "#", "f", "r", "z", "enter")
	if len(a.list.items) != 1 || !a.list.selected().Covers(a.s.corpus.TopicIndex("frozen-assets")) {
		t.Errorf("#frz left %d articles", len(a.list.items))
	}
	press(a, "esc")
	if len(a.list.items) != 5 {
		t.Errorf("esc left %d articles", len(a.list.items))
	}
	// Marking keeps at most two.
	press(a, "space", "j", "space", "j", "space")
	if len(a.list.marked) != 2 || a.list.marked[0] != 1 || a.list.marked[1] != 2 {
		t.Errorf("marked %v", a.list.marked)
	}
	press(a, "c")
	if a.view != viewCompare || a.compare.sides != [2]int{1, 2} {
		t.Errorf("c: view %v sides %v", a.view, a.compare.sides)
	}
	press(a, "esc")
	if a.view != viewList {
		t.Errorf("esc from compare: view %v", a.view)
	}
	press(a, "enter")
	if a.view != viewReader || a.reader.article != a.s.corpus.Articles[2] {
		t.Error("enter did not open the selected article")
	}
}

func TestCompareSelectedAndNext(t *testing.T) {
	a := newApp(t, 120, 40)
	press(a, "j", "c")
	if a.compare.sides != [2]int{1, 2} {
		t.Errorf("sides %v", a.compare.sides)
	}
}

func TestTopicKeys(t *testing.T) {
	a := newApp(t, 120, 40)
	press(a, "1")
	if a.s.topicID() != "security-guarantees" {
		t.Errorf("1: %q", a.s.topicID())
	}
	press(a, "4")
	if a.s.topicID() != "frozen-assets" {
		t.Errorf("4: %q", a.s.topicID())
	}
	press(a, "0")
	if a.s.topic != -1 {
		t.Errorf("0: %d", a.s.topic)
	}
	press(a, "t")
	if a.s.topic != 0 {
		t.Errorf("t: %d", a.s.topic)
	}
	press(a, "T", "T")
	if a.s.topic != len(a.s.corpus.Topics)-1 {
		t.Errorf("T T: %d", a.s.topic)
	}
	if !strings.Contains(screen(a), "topic: 10 Strikes") {
		t.Errorf("title bar does not show the topic:\n%s", screen(a))
	}
}

func TestReaderKeys(t *testing.T) {
	a := newApp(t, 120, 20)
	press(a, "enter")
	first := a.s.corpus.Articles[0]
	// j and k move the paragraph cursor, scrolling to keep it in view.
	press(a, "j")
	if a.reader.cursor != 1 {
		t.Errorf("j: cursor %d", a.reader.cursor)
	}
	press(a, "k")
	if a.reader.cursor != 0 {
		t.Errorf("k: cursor %d", a.reader.cursor)
	}
	for range len(first.Paragraphs) - 1 {
		press(a, "j")
	}
	last := len(first.Paragraphs) - 1
	if a.reader.cursor != last || a.reader.page.ParaEnd[last] > a.reader.vp.Offset()+a.reader.vp.Height() {
		t.Errorf("j to the end: cursor %d, offset %d", a.reader.cursor, a.reader.vp.Offset())
	}
	for range len(first.Paragraphs) {
		press(a, "k")
	}
	if a.reader.cursor != 0 || a.reader.page.ParaLine[0] < a.reader.vp.Offset() {
		t.Errorf("k to the start: cursor %d, offset %d", a.reader.cursor, a.reader.vp.Offset())
	}
	press(a, "pgdown")
	if a.reader.vp.Offset() == 0 {
		t.Error("pgdown did not scroll")
	}
	press(a, "G")
	if !a.reader.vp.AtBottom() {
		t.Error("G did not reach the bottom")
	}
	press(a, "g")
	if a.reader.vp.Offset() != 0 {
		t.Error("g did not reach the top")
	}
	a.Update(tea.MouseWheelMsg{Button: tea.MouseWheelDown})
	if a.reader.vp.Offset() == 0 {
		t.Error("mouse wheel did not scroll")
	}
	// ] and [ walk the topic's paragraphs, then move on to the next article.
	press(a, "2")
	territory := a.s.corpus.TopicIndex("territory")
	on := first.ParagraphsOn(territory)
	press(a, "g", "]")
	if a.reader.cursor != on[0] || !strings.Contains(a.reader.status(), fmt.Sprintf("territory 1/%d", len(on))) {
		t.Errorf("]: cursor %d, status %q", a.reader.cursor, a.reader.status())
	}
	press(a, "]")
	if a.reader.cursor != on[1] || !strings.Contains(a.reader.status(), fmt.Sprintf("territory 2/%d", len(on))) {
		t.Errorf("]]: cursor %d, status %q", a.reader.cursor, a.reader.status())
	}
	press(a, "[")
	if a.reader.cursor != on[0] {
		t.Errorf("[: cursor %d", a.reader.cursor)
	}
	press(a, "]", "]")
	if a.reader.article == first || !strings.Contains(a.reader.status(), "moved on to") {
		t.Errorf("] at the last match stayed: %q", a.reader.status())
	}
	if !a.reader.article.Paragraphs[a.reader.cursor].Topics.Has(territory) {
		t.Error("moved on to a paragraph off the topic")
	}
	// Search.
	press(a, "/", "N", "A", "T", "O", "enter")
	if len(a.reader.hits) == 0 || a.reader.cursor != a.reader.hits[0] && !containsInt(a.reader.hits, a.reader.cursor) {
		t.Errorf("search: hits %v cursor %d", a.reader.hits, a.reader.cursor)
	}
	before := a.reader.cursor
	press(a, "n")
	if len(a.reader.hits) > 1 && a.reader.cursor == before {
		t.Error("n did not move")
	}
	press(a, "N")
	if a.reader.cursor != before {
		t.Errorf("N: cursor %d, want %d", a.reader.cursor, before)
	}
	press(a, "c")
	if a.view != viewCompare || a.s.corpus.Articles[a.compare.sides[0]] != a.reader.article {
		t.Error("c in the reader did not compare with the next article")
	}
	press(a, "esc", "esc")
	if a.view != viewList {
		t.Errorf("esc esc: view %v", a.view)
	}
}

func containsInt(xs []int, x int) bool {
	for _, v := range xs {
		if v == x {
			return true
		}
	}
	return false
}

func TestCompareKeys(t *testing.T) {
	a := newApp(t, 120, 40)
	press(a, "c")
	press(a, "tab")
	if a.compare.focus != 1 {
		t.Error("tab did not switch focus")
	}
	press(a, ">")
	if a.compare.sides[1] != 2 {
		t.Errorf(">: sides %v", a.compare.sides)
	}
	press(a, "<", "<")
	if a.compare.sides[1] != 4 { // wraps past the left side's article
		t.Errorf("< <: sides %v", a.compare.sides)
	}
	press(a, "j")
	if a.compare.vp.Offset() != 1 {
		t.Error("j did not scroll both sides")
	}
	if !strings.Contains(strings.Join(a.compare.vp.lines, "\n"), "no coverage") {
		t.Error("silence not shown")
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
	if a.view != viewMatrix {
		t.Fatal("m did not open the matrix")
	}
	press(a, "j", "l", "l", "l", "h")
	if a.matrix.row != 1 || a.matrix.col != 2 {
		t.Errorf("cursor %d,%d", a.matrix.row, a.matrix.col)
	}
	// Row 3 (Macron on Monday) covers frozen assets.
	press(a, "j", "j", "l", "enter")
	art := a.s.corpus.Articles[3]
	frz := a.s.corpus.TopicIndex("frozen-assets")
	if a.view != viewReader || a.reader.article != art || a.s.topic != frz || a.reader.cursor != art.ParagraphsOn(frz)[0] {
		t.Errorf("enter: view %v topic %d cursor %d", a.view, a.s.topic, a.reader.cursor)
	}
	press(a, "esc")
	if a.view != viewMatrix {
		t.Errorf("esc returned to %v", a.view)
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
}

func TestTinyAndHugeWindows(t *testing.T) {
	a := newApp(t, 120, 40)
	press(a, "enter", "2", "]")
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
