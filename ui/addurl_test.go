package ui

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/exp/golden"

	"briefing/library"
	"briefing/model"
	"briefing/seeds"
	"briefing/store"
	"briefing/ui/render"
)

// wireText is one agency story, long enough to be compared.
const wireText = "ODESA, June 2 (Wire Agency) - A drone strike set fire to an energy depot near the port city of Odesa overnight, regional officials said on Monday, hours before negotiators were due to meet for a second round of talks.\n\n" +
	"The strike came as delegations prepared to discuss a memorandum on the terms of a ceasefire, which both sides have said they would present in writing before the meeting.\n\n" +
	"Analysts said the timing of the attack underlined how far apart the parties remained, with each accusing the other of using the talks to regroup on the battlefield.\n"

// libraryFiles is a small library: one wire story run by two outlets, a
// story of its own that was refreshed with new text (its earlier version
// kept beside it), and one more.
var libraryFiles = map[string]string{
	"harbour-times/2025-06-02_drone-strike.md":  "---\ntitle: 'Drone strike hits energy depot near Odesa'\nsource: 'Harbour Times'\ndate: 2025-06-02\nurl: 'https://harbour.example/a/drone-strike'\n---\n\n" + wireText,
	"valley-courier/2025-06-03_drone-strike.md": "---\ntitle: 'Energy depot ablaze after drone attack'\nsource: 'Valley Courier'\ndate: 2025-06-03\nurl: 'https://valley.example/b/drone-strike'\n---\n\n" + wireText,
	"northern-ledger/2025-05-16_prisoners.md":   "---\ntitle: 'Negotiators agree a prisoner exchange'\nsource: 'Northern Ledger'\ndate: 2025-05-16\n---\n\nNegotiators agreed on Friday to exchange a thousand prisoners each, the first concrete result of the talks in Istanbul.\n",
	"northern-ledger/2025-05-16_prisoners~1.md": "---\ntitle: 'Negotiators agree a prisoner exchange'\nsource: 'Northern Ledger'\ndate: 2025-05-16\n---\n\nNegotiators met on Friday.\n",
	"northern-ledger/2025-05-20_ceasefire.md":   "---\ntitle: 'Ceasefire memorandum drafted'\nsource: 'Northern Ledger'\ndate: 2025-05-20\n---\n\nBoth delegations said a memorandum on the terms of a ceasefire would be drafted within days.\n",
}

// libraryApp is the app over a library folder, as 'briefing' with no path
// opens it when the library has articles.
func libraryApp(t *testing.T, w, h int, allowAdd bool) (*App, string) {
	return styledLibraryApp(t, w, h, allowAdd, render.StyleNoTTY)
}

func styledLibraryApp(t *testing.T, w, h int, allowAdd bool, style string) (*App, string) {
	t.Helper()
	dir := t.TempDir()
	for name, text := range libraryFiles {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
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
	st, err := store.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	lib := library.Open(dir, library.NewClient(library.ClientOptions{UserAgent: library.UserAgent("test")}))
	// The header's folder is fixed, so the screens compare.
	a := New(c, Options{Style: style, Store: st, User: "tester", ExportDir: t.TempDir(),
		Origin: "your library (~/news)", Library: lib, AllowAdd: allowAdd})
	return startApp(a, w, h), dir
}

func TestGoldenLibrary(t *testing.T) {
	views := map[string][]string{
		"library-list":           nil,
		"library-matrix":         {"m"},
		"library-matrix-outlets": {"m", "o"},
	}
	for _, size := range [][2]int{{120, 24}, {80, 24}} {
		for name, keys := range views {
			t.Run(fmt.Sprintf("%s-%dx%d", name, size[0], size[1]), func(t *testing.T) {
				a, _ := libraryApp(t, size[0], size[1], true)
				press(a, keys...)
				checkWidth(t, a)
				golden.RequireEqual(t, screen(a))
			})
		}
	}
	// One screen in colour, to see the styles.
	t.Run("library-list-120x24-dark", func(t *testing.T) {
		a, _ := styledLibraryApp(t, 120, 24, true, render.StyleDark)
		golden.RequireEqual(t, screen(a))
	})
}

func TestListShowsAStoryOnce(t *testing.T) {
	for _, w := range []int{120, 80, 60} {
		a, _ := libraryApp(t, w, 24, true)
		if got := lines(a)[1]; !strings.Contains(got, "3 articles from your library (~/news)") {
			t.Errorf("%d columns: header %q", w, got)
		}
		if row(a, "Energy depot ablaze") != "" {
			t.Errorf("%d columns: the copy has a row of its own", w)
		}
		if row(a, "also in: Valley Courier") == "" || row(a, "Drone strike hits") == "" {
			t.Errorf("%d columns: the story or its 'also in' line is missing:\n%s", w, screen(a))
		}
		if got := row(a, "[updated] "); !strings.Contains(got, "Negotiators agree") {
			t.Errorf("%d columns: the refreshed article is not marked: %q", w, got)
		}
		if got := row(a, "Ceasefire memorandum"); strings.Contains(got, "updated") {
			t.Errorf("%d columns: an article never refreshed is marked: %q", w, got)
		}
	}
	// The other outlet finds the story.
	a, _ := libraryApp(t, 120, 24, true)
	press(a, "/", "V", "a", "l", "l", "e", "y", enter)
	if row(a, "Drone strike hits") == "" || row(a, "Ceasefire memorandum") != "" {
		t.Errorf("filtering by the other outlet:\n%s", screen(a))
	}
}

// TestListScrollsOverTwoLineRows: with "also in" lines, the cursor stays
// in sight and the screen never overflows.
func TestListScrollsOverTwoLineRows(t *testing.T) {
	a, _ := libraryApp(t, 80, MinHeight, true)
	for range 3 {
		press(a, "j")
		checkWidth(t, a)
		if selected(a) == "" {
			t.Fatalf("the cursor left the screen:\n%s", screen(a))
		}
	}
	press(a, "g")
	if !strings.Contains(selected(a), "Drone strike hits") {
		t.Errorf("g: %q", selected(a))
	}
}

func TestMatrixCountsAStoryOnce(t *testing.T) {
	a, _ := libraryApp(t, 120, 24, true)
	press(a, "m")
	if row(a, "Energy depot ablaze") != "" || row(a, "Drone strike hits") == "" {
		t.Errorf("by article, the copy has a row:\n%s", screen(a))
	}
	press(a, "o")
	if row(a, "Valley Courier") != "" || !strings.Contains(row(a, "Harbour Times"), "1 article") {
		t.Errorf("by outlet, the copy counts for its outlet:\n%s", screen(a))
	}
}

// newsSite serves the library package's fixture article page.
func newsSite(t *testing.T) *httptest.Server {
	t.Helper()
	page, err := os.ReadFile(filepath.Join("..", "library", "testdata", "news.html"))
	if err != nil {
		t.Fatal(err)
	}
	var srv *httptest.Server
	srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/news/prisoner-exchange" {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte(strings.ReplaceAll(string(page), "{{BASE}}", srv.URL)))
	}))
	t.Cleanup(srv.Close)
	return srv
}

// typeText types s into the focused field, a key per character.
func typeKeys(a *App, s string) {
	for _, r := range s {
		press(a, string(r))
	}
}

func TestAddURL(t *testing.T) {
	site := newsSite(t)
	// Wide enough for the status to show the whole path.
	a, dir := libraryApp(t, 250, 24, true)
	press(a, enter) // the reader has an article open meanwhile
	press(a, esc, "A")
	if !strings.Contains(lines(a)[1], "add URL: ") {
		t.Fatalf("A opened no prompt: %q", lines(a)[1])
	}
	// Letters are text in the prompt, not keys.
	typeKeys(a, site.URL+"/news/prisoner-exchange")
	if viewName(a) != "articles" {
		t.Fatalf("typing left the list for %s", viewName(a))
	}
	_, cmd := a.Update(keyMsg(enter))
	if got := statusLine(a); !strings.Contains(got, "fetching "+site.URL) {
		t.Errorf("while fetching, the status says %q", got)
	}
	runCmd(a, cmd)
	want := filepath.Join(dir, "northern-ledger", "2025-05-16_negotiators-agree-prisoner-exchange-framework-in-istanbul.md")
	if got := statusLine(a); !strings.Contains(got, "added: Negotiators agree prisoner exchange framework in Istanbul ("+want) {
		t.Errorf("after the add, the status says %q", got)
	}
	if _, err := os.Stat(want); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(selected(a), "Negotiators agree prisoner exchange framework") || !strings.Contains(lines(a)[1], "4 articles") {
		t.Errorf("the new article is not in the list, selected:\n%s", screen(a))
	}
	// The next key clears the notice; the new article opens.
	press(a, enter)
	if !strings.Contains(titleLine(a), "negotiators-agree-prisoner-exchange-") {
		t.Errorf("the new article does not open: %q", titleLine(a))
	}
	press(a, esc)

	// The same URL again is not saved again.
	press(a, "A")
	a.Update(tea.PasteMsg{Content: site.URL + "/news/prisoner-exchange"})
	press(a, enter)
	if got := statusLine(a); !strings.Contains(got, "already in the library: "+want) {
		t.Errorf("adding twice: %q", got)
	}
	if n := strings.Count(screen(a), "prisoner exchange framework"); n != 1 {
		t.Errorf("the article shows %d times", n)
	}

	// A bad URL is one line naming it and the reason, and changes nothing.
	press(a, "A")
	typeKeys(a, site.URL+"/missing")
	press(a, enter)
	if got := statusLine(a); !strings.Contains(got, "not added: "+site.URL+"/missing: HTTP 404") {
		t.Errorf("a 404: %q", got)
	}
	press(a, "A")
	typeKeys(a, "file:///etc/passwd")
	press(a, enter)
	if got := statusLine(a); !strings.Contains(got, "not added: file:///etc/passwd: ") || !strings.Contains(got, "only http and https") {
		t.Errorf("a file URL: %q", got)
	}
	if !strings.Contains(lines(a)[1], "4 articles") {
		t.Errorf("after failures: %q", lines(a)[1])
	}

	// esc closes the prompt and adds nothing.
	press(a, "A", "x", esc)
	if strings.Contains(lines(a)[1], "add URL") || viewName(a) != "articles" {
		t.Errorf("esc: %q", lines(a)[1])
	}
}

// TestAddRefusedOverSSH: a server started without --allow-add builds its
// programs with AllowAdd off; A says why and opens nothing.
func TestAddRefusedOverSSH(t *testing.T) {
	a, _ := libraryApp(t, 120, 24, false)
	press(a, "A")
	if a.focused().Typing() || strings.Contains(lines(a)[1], "add URL") {
		t.Error("A opened the prompt")
	}
	if got := statusLine(a); !strings.Contains(got, "--allow-add") {
		t.Errorf("A says %q", got)
	}
	// q still quits: no field took it.
	if !press(a, "q") {
		t.Error("q did not quit after the refusal")
	}
}

// TestAddWithoutLibrary: with no library folder, A says why.
func TestAddWithoutLibrary(t *testing.T) {
	st, err := store.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	a := startApp(New(seedCorpus(t), Options{Style: render.StyleNoTTY, Store: st, AllowAdd: true}), 120, 24)
	press(a, "A")
	if got := statusLine(a); !strings.Contains(got, "no library") {
		t.Errorf("A says %q", got)
	}
}

// TestViewsFollowANewCorpus: an article added ahead of the others shifts
// every position; the reader and the comparison keep showing what they
// showed, and the list keeps its cursor and marks.
func TestViewsFollowANewCorpus(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "newest.md")
	if err := os.WriteFile(p, []byte("---\ntitle: 'Talks resume in Geneva'\nsource: 'Eastern Post'\ndate: 2026-01-05\n---\n\nTalks resumed in Geneva on Monday.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	grow := func(a *App) {
		tg, err := model.NewTagger(a.s.corpus.Topics)
		if err != nil {
			t.Fatal(err)
		}
		more, _, err := model.LoadPaths([]string{p}, model.LoadOptions{Tagger: tg})
		if err != nil {
			t.Fatal(err)
		}
		runCmd(a, a.swapCorpus(a.s.corpus.With(more.Articles...)))
	}
	for _, keys := range [][]string{{"j", enter}, {"j", "c"}, {"j", "space", "j"}, {"m", "j"}, {"m", "o", "j"}} {
		a, _ := libraryApp(t, 120, 24, true)
		press(a, keys...)
		before, cursor, marks := screen(a), selected(a), strings.Count(screen(a), "●")
		grow(a)
		after := screen(a)
		if keys[len(keys)-1] == "j" {
			// The list and matrix gain a row; the cursor and marks stay.
			if !strings.Contains(after, "Eastern Post") || selected(a) != cursor || strings.Count(after, "●") != marks {
				t.Errorf("%v: before\n%s\nafter\n%s", keys, before, after)
			}
			continue
		}
		if after != before {
			t.Errorf("%v: the view changed with the corpus: before\n%s\nafter\n%s", keys, before, after)
		}
	}
}

// TestAddWhileAnotherProgramReads: over SSH programs share one corpus; an
// add in one builds its own and never writes to the shared articles (run
// with -race).
func TestAddWhileAnotherProgramReads(t *testing.T) {
	site := newsSite(t)
	a, _ := libraryApp(t, 120, 24, true)
	shared := a.s.corpus
	n := len(shared.Articles)
	other := startApp(New(shared, Options{Style: render.StyleNoTTY}), 120, 24)
	done := make(chan struct{})
	go func() {
		defer close(done)
		for range 50 {
			_ = screen(other)
			for _, art := range shared.Articles {
				_ = art.ID + art.Title
			}
		}
	}()
	press(a, "A")
	a.Update(tea.PasteMsg{Content: site.URL + "/news/prisoner-exchange"})
	press(a, enter)
	<-done
	if !strings.Contains(statusLine(a), "added: ") || len(shared.Articles) != n || !strings.Contains(lines(other)[1], "3 articles") {
		t.Errorf("status %q; the shared corpus has %d articles", statusLine(a), len(shared.Articles))
	}
}
