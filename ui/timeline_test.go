package ui

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"

	"briefing/model"
	"briefing/seeds"
	"briefing/store"
	"briefing/ui/render"
)

// timelineCorpus is a few dated articles from named outlets over most of
// 2025, some on territory (topic 2) and one undated.
func timelineCorpus(t testing.TB) *model.Corpus {
	t.Helper()
	on := []string{
		"Kyiv refused to cede territory in the east.",
		"Moscow demanded the whole of Donbas.",
		"The occupied regions stayed under Russian control.",
		"A land swap was floated and dropped.",
	}
	off := "The weather in Geneva was mild."
	article := func(title, date, source string, paras ...string) string {
		front := "---\ntitle: " + title + "\n"
		if date != "" {
			front += "date: " + date + "\n"
		}
		if source != "" {
			front += "source: " + source + "\n"
		}
		return front + "---\n\n" + strings.Join(paras, "\n\n") + "\n"
	}
	files := map[string]string{
		"ap-early.md":  article("AP sees talk of land", "2025-02-04", "AP", off, on[0]),
		"reuters-a.md": article("Reuters on the east", "2025-02-05", "Reuters", on[0], on[1], off),
		"reuters-b.md": article("Reuters on the regions", "2025-03-12", "Reuters", on[2], off, on[3], on[1]),
		"kyiv.md":      article("Kyiv holds the line", "2025-03-14", "Kyiv Independent", on[0]),
		"monde.md":     article("Le Monde on borders", "2025-06-20", "Le Monde", on[0], on[1], on[2], on[3]),
		"ap-late.md":   article("AP on a late offer", "2025-11-24", "AP", on[3]),
		"undated.md":   article("An undated note", "", "Blog", on[1]),
		"minerals.md":  article("Minerals signed", "2025-04-30", "AP", "The minerals deal was signed in Washington."),
	}
	dir := t.TempDir()
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	topics, err := model.ParseTopics(seeds.Topics())
	if err != nil {
		t.Fatal(err)
	}
	tg, err := model.NewTagger(topics)
	if err != nil {
		t.Fatal(err)
	}
	c, _, err := model.LoadPaths([]string{dir}, model.LoadOptions{Tagger: tg})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func newTimelineApp(t testing.TB, w, h int, style string) *App {
	t.Helper()
	st, err := store.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return startApp(New(timelineCorpus(t), Options{Style: style, Store: st, User: "tester", ExportDir: t.TempDir()}), w, h)
}

// idOfTitle is the id the corpus gave the article titled title.
func idOfTitle(t *testing.T, a *App, title string) string {
	t.Helper()
	for _, art := range a.s.corpus.Articles {
		if art.Title == title {
			return art.ID
		}
	}
	t.Fatalf("no article %q", title)
	return ""
}

func TestTimelineKeys(t *testing.T) {
	a := newTimelineApp(t, 120, 40, render.StyleNoTTY)
	press(a, "T")
	if viewName(a) != "timeline" || !strings.Contains(statusLine(a), "choose a topic first: 1-9 or t") {
		t.Fatalf("T without a topic:\n%s", screen(a))
	}
	// Choosing a topic while it is open lays that topic out, the cursor on
	// its first mention.
	press(a, "2")
	if !strings.Contains(selected(a), "AP") || !strings.Contains(selected(a), "[1*   ]") {
		t.Errorf("cursor row %q", selected(a))
	}
	if got := statusLine(a); got != "AP, week of 02-03 · 1 paragraph · enter lists them · first mention" {
		t.Errorf("status %q", got)
	}
	if !strings.Contains(row(a, "OUTLET"), "02-03  02-10") || !strings.Contains(screen(a), "first mention 2025-02-04") {
		t.Errorf("grid:\n%s", screen(a))
	}
	press(a, "j")
	if got := statusLine(a); !strings.HasPrefix(got, "Reuters, week of 02-03 · 2 paragraphs") {
		t.Errorf("j: status %q", got)
	}
	// An empty cell has nothing to list.
	press(a, "l", enter)
	if !strings.HasPrefix(statusLine(a), "Reuters, week of 02-10 · nothing") || !strings.Contains(screen(a), "OUTLET") {
		t.Errorf("enter on an empty cell:\n%s", screen(a))
	}
	press(a, "right", "l", "l", "l")
	if !strings.Contains(selected(a), "[3    ]") || !strings.HasPrefix(statusLine(a), "Reuters, week of 03-10 · 3 paragraphs") {
		t.Errorf("→: %q / %q", selected(a), statusLine(a))
	}
	press(a, enter)
	if !strings.Contains(screen(a), "Reuters, week of 03-10 · 3 paragraphs on Territory") {
		t.Fatalf("enter did not list the cell:\n%s", screen(a))
	}
	for _, want := range []string{"2025-03-12 · Reuters · Reuters on the regions ¶1", "Reuters on the regions ¶3", "Reuters on the regions ¶4", "A land swap was floated"} {
		if row(a, want) == "" {
			t.Errorf("no %q in the list:\n%s", want, screen(a))
		}
	}
	press(a, "j", enter)
	id := idOfTitle(t, a, "Reuters on the regions")
	if viewName(a) != "reader" || !strings.Contains(titleLine(a), id) || cursorPara(a) != 3 {
		t.Errorf("enter opened %q at ¶%d", titleLine(a), cursorPara(a))
	}
	// esc comes back to the list, then the grid, then where T was pressed.
	press(a, esc)
	if viewName(a) != "timeline" || !strings.Contains(selected(a), "Reuters on the regions ¶3") {
		t.Errorf("esc from the reader:\n%s", screen(a))
	}
	press(a, esc)
	if !strings.Contains(selected(a), "[3    ]") {
		t.Errorf("esc from the list:\n%s", screen(a))
	}
	// tab cuts by month, keeping the cursor on the same outlet and time.
	press(a, "tab")
	if !strings.Contains(titleLine(a), "by month") || !strings.HasPrefix(statusLine(a), "Reuters, March 2025 · 3 paragraphs") {
		t.Errorf("tab: %q / %q", titleLine(a), statusLine(a))
	}
	press(a, "tab")
	if !strings.Contains(titleLine(a), "by week") || !strings.HasPrefix(statusLine(a), "Reuters, week of 03-10") {
		t.Errorf("tab again: %q / %q", titleLine(a), statusLine(a))
	}
	// A topic nobody dated wrote about says so; changing back rebuilds.
	press(a, "1")
	if !strings.Contains(screen(a), "Security guarantees: no dated article covers it") {
		t.Errorf("topic 1:\n%s", screen(a))
	}
	press(a, "2")
	if !strings.Contains(selected(a), "[1*   ]") {
		t.Errorf("topic 2 again: %q", selected(a))
	}
	press(a, esc)
	if viewName(a) != "articles" {
		t.Errorf("esc from the grid went to %q", viewName(a))
	}
}

func TestTimelineScrollsColumns(t *testing.T) {
	a := newTimelineApp(t, 80, 24, render.StyleNoTTY)
	press(a, "2", "T")
	if !strings.Contains(screen(a), "weeks 1-7 of 43") || strings.Contains(row(a, "OUTLET"), "11-24") {
		t.Errorf("first page:\n%s", screen(a))
	}
	for range 42 {
		press(a, "l")
	}
	if !strings.Contains(row(a, "OUTLET"), "11-24") || !strings.Contains(screen(a), "weeks 37-43 of 43") {
		t.Errorf("last page:\n%s", screen(a))
	}
	press(a, "k", "k", "k", "k")
	if !strings.Contains(selected(a), "AP") || !strings.Contains(selected(a), "[1    ]") {
		t.Errorf("AP's last mention: %q", selected(a))
	}
	press(a, "h")
	if strings.Contains(selected(a), "[1") || !strings.Contains(screen(a), "weeks 37-43 of 43") {
		t.Errorf("h moved the page: %q\n%s", selected(a), screen(a))
	}
	checkWidth(t, a)
}

func TestTimelinePrevTopicKey(t *testing.T) {
	a := newTimelineApp(t, 120, 40, render.StyleNoTTY)
	press(a, "3", "shift+tab")
	if !strings.Contains(titleLine(a), "topic: 2 Territory") || viewName(a) != "articles" {
		t.Errorf("shift+tab: %q", titleLine(a))
	}
	press(a, "?")
	if !strings.Contains(row(a, "topic timeline"), " T ") || !strings.Contains(row(a, "previous topic"), "⇧⇥") {
		t.Errorf("help:\n%s", screen(a))
	}
}

// The timeline's screens on a corpus with outlets and dates; the seeds'
// are in TestGoldenViews.
func TestGoldenTimeline(t *testing.T) {
	screens := map[string][]string{
		"grid":  {"2", "T", "j"},
		"cells": {"2", "T", "j", enter},
		"month": {"2", "T", "tab", "j", "j", "j", "l"},
	}
	for _, style := range []string{render.StyleNoTTY, render.StyleDark} {
		for _, size := range [][2]int{{120, 40}, {80, 24}} {
			if style == render.StyleDark && size[0] != 120 {
				continue
			}
			for name, keys := range screens {
				file := fmt.Sprintf("%s-%dx%d", name, size[0], size[1])
				if style == render.StyleDark {
					file += "-dark"
				}
				t.Run(file, func(t *testing.T) {
					a := newTimelineApp(t, size[0], size[1], style)
					press(a, keys...)
					checkWidth(t, a)
					golden.RequireEqual(t, screen(a))
				})
			}
		}
	}
}

// The grid and the list fit every window from the smallest usable one up,
// in colour and not, and resizing keeps the cursor on screen.
func TestTimelineSizes(t *testing.T) {
	for _, style := range []string{render.StyleNoTTY, render.StyleDark} {
		a := newTimelineApp(t, 120, 40, style)
		press(a, "2", "T", "j") // Reuters, 2 paragraphs the first week
		for _, keys := range [][]string{nil, {enter}} {
			press(a, keys...)
			for _, size := range [][2]int{{MinWidth, MinHeight}, {41, 11}, {57, 13}, {80, 24}, {200, 60}} {
				a.Update(tea.WindowSizeMsg{Width: size[0], Height: size[1]})
				checkWidth(t, a)
				listing := strings.HasPrefix(ansi.Strip(statusLine(a)), "paragraph 1/2")
				if !strings.Contains(screen(a), "▸") || (keys != nil) != listing {
					t.Errorf("%s %dx%d after %v: no cursor, or the list lost\n%s", style, size[0], size[1], keys, screen(a))
				}
			}
		}
	}
}

// BenchmarkTimelineKey10k moves the cursor over the grid of a topic on the
// 10,000-article corpus.
func BenchmarkTimelineKey10k(b *testing.B) {
	a := app(b, corpus10k(b), 120, 40)
	press(a, "2", "T")
	timeKeys(b, a, "l", "j", "h", "k")
}

// BenchmarkTimelineTopic10k changes the topic with the timeline open: each
// press lays out a new timeline.
func BenchmarkTimelineTopic10k(b *testing.B) {
	a := app(b, corpus10k(b), 120, 40)
	press(a, "2", "T")
	timeKeys(b, a, "t")
}
