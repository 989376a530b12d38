package index_test

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"briefing/index"
	"briefing/internal/corpusgen"
	"briefing/model"
	"briefing/seeds"
)

func tagger(t testing.TB) *model.Tagger {
	t.Helper()
	topics, err := model.ParseTopics(seeds.Topics())
	if err != nil {
		t.Fatal(err)
	}
	tg, err := model.NewTagger(topics)
	if err != nil {
		t.Fatal(err)
	}
	return tg
}

// library writes n generated articles and a folder with its own outlet.
func library(t testing.TB, n int) string {
	t.Helper()
	dir := t.TempDir()
	if err := corpusgen.Write(filepath.Join(dir, "gen"), n, 7); err != nil {
		t.Fatal(err)
	}
	write(t, filepath.Join(dir, "wire", ".briefing.yaml"), "source: Wire Service\n")
	write(t, filepath.Join(dir, "wire", "a.md"), "# Allies weigh a reassurance force\n\nKYIV - European allies discussed security guarantees for Ukraine on Monday.\n\nThe coalition of the willing would send troops after a ceasefire.\n")
	write(t, filepath.Join(dir, "wire", "b.txt"), "Minerals deal signed\n\nThe United States and Ukraine signed the minerals deal.\n\nThe agreement sets up a joint fund.\n")
	write(t, filepath.Join(dir, "wire", "empty.md"), "")
	return dir
}

func write(t testing.TB, path, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// load loads dir through the index in state and commits it.
func load(t testing.TB, state, dir string, tg *model.Tagger) (*model.Corpus, model.LoadStats, *index.Index) {
	t.Helper()
	x, err := index.Open(state, tg.CacheKey())
	if err != nil {
		t.Fatal(err)
	}
	p, err := x.Plan([]string{dir}, model.LoadOptions{Tagger: tg})
	if err != nil {
		t.Fatal(err)
	}
	c, _, err := p.Load()
	if err != nil {
		t.Fatal(err)
	}
	if err := x.Commit(); err != nil {
		t.Fatal(err)
	}
	if err := x.Close(); err != nil {
		t.Fatal(err)
	}
	return c, p.Stats(), x
}

// fresh loads dir reading every file, as --no-index does.
func fresh(t testing.TB, dir string, tg *model.Tagger) *model.Corpus {
	t.Helper()
	c, _, err := model.LoadPaths([]string{dir}, model.LoadOptions{Tagger: tg})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// describe is everything a view shows of the corpus without opening an
// article: one line per article.
func describe(c *model.Corpus) []string {
	var out []string
	for _, a := range c.Articles {
		var on []string
		for ti := range c.Topics {
			on = append(on, fmt.Sprint(a.ParagraphsOn(ti)))
		}
		var copies []string
		for _, d := range c.Duplicates(a) {
			copies = append(copies, d.ID)
		}
		out = append(out, fmt.Sprintf("%s|%s|%s|%s|%s|%s|%d|%v|%s|%v", a.ID, a.Title, a.DateString(), a.Source, a.Author, a.URL,
			a.NumParagraphs(), a.TopicCounts, strings.Join(on, ""), copies))
	}
	return out
}

func sameCorpus(t *testing.T, got, want *model.Corpus) {
	t.Helper()
	g, w := describe(got), describe(want)
	if len(g) != len(w) {
		t.Fatalf("%d articles, want %d", len(g), len(w))
	}
	for i := range g {
		if g[i] != w[i] {
			t.Fatalf("article %d:\n got %s\nwant %s", i, g[i], w[i])
		}
	}
	// The text read on demand is the text a full load holds.
	for _, i := range []int{0, len(want.Articles) / 2, len(want.Articles) - 1} {
		full, err := got.Full(got.Articles[i])
		if err != nil {
			t.Fatal(err)
		}
		wa, err := want.Full(want.Articles[i])
		if err != nil {
			t.Fatal(err)
		}
		if len(full.Paragraphs) != len(wa.Paragraphs) {
			t.Fatalf("%s: %d paragraphs read, want %d", wa.ID, len(full.Paragraphs), len(wa.Paragraphs))
		}
		for j := range wa.Paragraphs {
			if full.Paragraphs[j].Text != wa.Paragraphs[j].Text || full.Paragraphs[j].Topics != wa.Paragraphs[j].Topics {
				t.Fatalf("%s ¶%d differs", wa.ID, j+1)
			}
		}
	}
}

// A start after files were edited, touched, added and deleted, and a
// folder's outlet changed, shows what a fresh load of the files shows, and
// reads only what changed.
func TestChangesBetweenStartsEqualFreshLoad(t *testing.T) {
	tg := tagger(t)
	dir, state := library(t, 300), t.TempDir()
	first, stats, _ := load(t, state, dir, tg)
	sameCorpus(t, first, fresh(t, dir, tg))
	if stats.Files != 303 || stats.Parsed != 302 || stats.Unchanged != 0 || stats.Failed != 1 {
		t.Errorf("first load: %+v", stats)
	}

	gen := filepath.Join(dir, "gen")
	files, _ := filepath.Glob(filepath.Join(gen, "*", "*.md"))
	if len(files) < 10 {
		files, _ = filepath.Glob(filepath.Join(gen, "*.md"))
	}
	slices.Sort(files)
	edited, touched, deleted := files[0], files[1], files[2]
	data, _ := os.ReadFile(edited)
	write(t, edited, strings.Replace(string(data), "\n\n", "\n\nThe reparations loan from frozen Russian assets was discussed again.\n\n", 1))
	later := time.Now().Add(time.Hour)
	if err := os.Chtimes(touched, later, later); err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(deleted); err != nil {
		t.Fatal(err)
	}
	write(t, filepath.Join(dir, "wire", "c.md"), "# Land swap talk\n\nRussia demands that Ukraine withdraw from Donetsk.\n")
	write(t, filepath.Join(dir, "wire", ".briefing.yaml"), "source: Another Wire\n")

	second, stats, _ := load(t, state, dir, tg)
	sameCorpus(t, second, fresh(t, dir, tg))
	// The empty file is not an article, and the index remembers that.
	want := model.LoadStats{Files: 303, Unchanged: 300, Touched: 1, Parsed: 2, Removed: 1, Failed: 1}
	if stats != want {
		t.Errorf("second load: %+v, want %+v", stats, want)
	}
	if a := second.Article("land-swap-talk"); a == nil || a.Source != "Another Wire" {
		t.Errorf("new file or new folder outlet missing: %+v", a)
	}

	// Nothing changed: nothing is read, and the groups of copies are kept.
	third, stats, _ := load(t, state, dir, tg)
	sameCorpus(t, third, second)
	if stats.Unchanged != 303 || stats.Parsed+stats.Touched+stats.Removed != 0 {
		t.Errorf("third load: %+v", stats)
	}
}

// The app shows what the index held before looking at the files; Check
// then finds the changes, and loading them gives the fresh corpus.
func TestSnapshotThenCheck(t *testing.T) {
	tg := tagger(t)
	dir, state := library(t, 120), t.TempDir()
	before, _, _ := load(t, state, dir, tg)
	x, err := index.Open(state, tg.CacheKey())
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	opts := model.LoadOptions{Tagger: tg, Cache: x}
	shown, snap, err := model.FromCache([]string{dir}, opts)
	if err != nil {
		t.Fatal(err)
	}
	sameCorpus(t, shown, before)

	p, err := snap.Check([]string{dir})
	if err != nil {
		t.Fatal(err)
	}
	if p.Changed() {
		t.Errorf("nothing changed, yet Check says so: %+v pending %d", p.Stats(), p.Pending())
	}

	write(t, filepath.Join(dir, "wire", "b.txt"), "Minerals deal ratified\n\nUkraine's parliament ratified the minerals deal.\n")
	p, err = snap.Check([]string{dir})
	if err != nil {
		t.Fatal(err)
	}
	if !p.Changed() || p.Pending() != 1 {
		t.Fatalf("an edited file: changed %v, pending %d", p.Changed(), p.Pending())
	}
	after, _, err := p.Load()
	if err != nil {
		t.Fatal(err)
	}
	sameCorpus(t, after, fresh(t, dir, tg))
	// What was shown is untouched by the new load.
	sameCorpus(t, shown, before)
}

// A damaged index is moved aside with a notice and built again; loading
// never fails because of it.
func TestDamagedIndexIsMovedAside(t *testing.T) {
	tg := tagger(t)
	dir := library(t, 150)
	want := fresh(t, dir, tg)
	for name, damage := range map[string]func(path string) error{
		"truncated": func(path string) error {
			info, err := os.Stat(path)
			if err != nil {
				return err
			}
			return os.Truncate(path, info.Size()/3)
		},
		"garbage": func(path string) error { return os.WriteFile(path, []byte("not a database at all, sorry"), 0o600) },
		"header only": func(path string) error {
			data, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			return os.WriteFile(path, data[:100], 0o600)
		},
	} {
		t.Run(name, func(t *testing.T) {
			state := t.TempDir()
			load(t, state, dir, tg)
			path := filepath.Join(state, index.FileName)
			// Fold the write-ahead log in, so the damage hits the data.
			os.Remove(path + "-wal")
			os.Remove(path + "-shm")
			if err := damage(path); err != nil {
				t.Fatal(err)
			}
			x, err := index.Open(state, tg.CacheKey())
			if err != nil {
				t.Fatalf("open: %v", err)
			}
			p, err := x.Plan([]string{dir}, model.LoadOptions{Tagger: tg})
			if err != nil {
				t.Fatalf("plan: %v", err)
			}
			got, _, err := p.Load()
			if err != nil {
				t.Fatal(err)
			}
			if err := x.Commit(); err != nil {
				t.Fatal(err)
			}
			x.Close()
			sameCorpus(t, got, want)
			aside, _ := filepath.Glob(path + ".bad-*")
			if x.Notice == "" || len(aside) != 1 {
				t.Errorf("notice %q, moved aside: %v", x.Notice, aside)
			}
			// And the new index serves the next start.
			_, stats, _ := load(t, state, dir, tg)
			if stats.Unchanged != stats.Files {
				t.Errorf("after rebuild: %+v", stats)
			}
		})
	}
}

// Another program's database at the index's path is moved aside, never
// emptied.
func TestForeignDatabaseIsKept(t *testing.T) {
	tg := tagger(t)
	state := t.TempDir()
	path := filepath.Join(state, index.FileName)
	db := sqliteFile(t, path)
	x, err := index.Open(state, tg.CacheKey())
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	aside, _ := filepath.Glob(path + ".bad-*")
	if len(aside) != 1 || x.Notice == "" {
		t.Fatalf("foreign database: notice %q, aside %v", x.Notice, aside)
	}
	if data, _ := os.ReadFile(aside[0]); string(data) != string(db) {
		t.Error("the foreign database was changed")
	}
}

// Other topics re-tag every file; the index keeps one set of tags.
func TestTopicsChangeReadsAgain(t *testing.T) {
	tg := tagger(t)
	dir, state := library(t, 60), t.TempDir()
	load(t, state, dir, tg)
	topics := append(slices.Clone(tg.Topics()), model.Topic{ID: "energy", Name: "Energy", Badge: "NRG", Patterns: []string{"power plant", "energy"}})
	other, err := model.NewTagger(topics)
	if err != nil {
		t.Fatal(err)
	}
	c, stats, _ := load(t, state, dir, other)
	if stats.Unchanged != 0 || stats.Parsed != stats.Files-1 || stats.Failed != 1 {
		t.Errorf("new topics: %+v", stats)
	}
	sameCorpus(t, c, fresh(t, dir, other))
}

// Two folders read with the same state keep each other's files.
func TestFoldersShareAnIndex(t *testing.T) {
	tg := tagger(t)
	a, b, state := library(t, 40), library(t, 30), t.TempDir()
	load(t, state, a, tg)
	load(t, state, b, tg)
	_, stats, _ := load(t, state, a, tg)
	if stats.Unchanged != stats.Files || stats.Removed != 0 {
		t.Errorf("folder a after b: %+v", stats)
	}
}

// sqliteFile makes a SQLite database of some other program at path and
// returns its bytes.
func sqliteFile(t *testing.T, path string) []byte {
	t.Helper()
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec("CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('keep me')"); err != nil {
		t.Fatal(err)
	}
	db.Close()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// What reads text (search, saved topics, topic briefings, pins) gives the
// same answers on an indexed corpus, whose text is read on demand, as on
// a corpus that holds it.
func TestIndexedCorpusReadsTextOnDemand(t *testing.T) {
	tg := tagger(t)
	dir, state := library(t, 200), t.TempDir()
	load(t, state, dir, tg)
	got, _, _ := load(t, state, dir, tg)
	want := fresh(t, dir, tg)
	if !got.Articles[0].IsSummary() || want.Articles[0].IsSummary() {
		t.Fatal("the indexed corpus should hold summaries, the fresh one text")
	}

	search := func(c *model.Corpus, text string) []string {
		q, err := model.ParseQuery(text, c)
		if err != nil {
			t.Fatal(err)
		}
		res, err := c.Search(context.Background(), q, model.SearchOptions{})
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, r := range res.Items {
			out = append(out, fmt.Sprintf("%s#%d %v %q", r.Article.ID, r.Para, r.Hits, r.Paragraph().Text))
		}
		return append(out, fmt.Sprint(res.Total, res.Articles))
	}
	for _, q := range []string{"frozen assets", `"security guarantees" #territory`, "minerals !#minerals-deal"} {
		if g, w := search(got, q), search(want, q); !slices.Equal(g, w) {
			t.Errorf("search %q: %d results, want %d\n%v\n%v", q, len(g), len(w), g[:min(3, len(g))], w[:min(3, len(w))])
		}
	}

	extra := []model.Topic{{ID: "reactor", Name: "Reactor", Badge: "NUC", Patterns: []string{"nuclear plant", "Zaporizhzhia plant"}}}
	gv, err := got.WithTopics(extra)
	if err != nil {
		t.Fatal(err)
	}
	wv, err := want.WithTopics(extra)
	if err != nil {
		t.Fatal(err)
	}
	sameCorpus(t, gv, wv)

	day := time.Date(2026, 1, 2, 0, 0, 0, 0, time.UTC)
	if g, w := model.TopicBriefing(got, []int{0, 3}, day).Markdown(), model.TopicBriefing(want, []int{0, 3}, day).Markdown(); g != w {
		t.Errorf("topic briefing differs:\n%.300s\nwant\n%.300s", g, w)
	}

	wa := want.Articles[5]
	pin := model.PinOf(wa, len(wa.Paragraphs)-1, "")
	if g, w := model.TopicsOfPin(pin, got), model.TopicsOfPin(pin, want); !slices.Equal(g, w) {
		t.Errorf("topics of a pin: %v, want %v", g, w)
	}
}

// A file gone since the index was read says so when opened.
func TestFullOfAGoneFile(t *testing.T) {
	tg := tagger(t)
	dir, state := library(t, 10), t.TempDir()
	c, _, _ := load(t, state, dir, tg)
	a := c.Article("minerals-deal-signed")
	if a == nil {
		t.Fatal("no minerals-deal-signed")
	}
	if err := os.Remove(a.Path); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Full(a); err == nil || !strings.Contains(err.Error(), "no such file") {
		t.Errorf("reading a gone file: %v", err)
	}
}

// An article added in the app (A) joins an indexed corpus: the others keep
// their text on demand and their copies.
func TestWithOnIndexedCorpus(t *testing.T) {
	tg := tagger(t)
	dir, state := library(t, 200), t.TempDir()
	// A wire copy: the same story in another outlet's folder.
	files, _ := filepath.Glob(filepath.Join(dir, "gen", "*", "*.md"))
	data, err := os.ReadFile(files[0])
	if err != nil {
		t.Fatal(err)
	}
	write(t, filepath.Join(dir, "mirror", ".briefing.yaml"), "source: Mirror\n")
	write(t, filepath.Join(dir, "mirror", "copy.md"), string(data))
	load(t, state, dir, tg)
	c, _, _ := load(t, state, dir, tg)
	extra := filepath.Join(t.TempDir(), "new.md")
	write(t, extra, "# Frozen assets loan agreed\n\nEU leaders agreed the reparations loan backed by frozen Russian assets.\n")
	added, _, err := model.LoadPaths([]string{extra}, model.LoadOptions{Tagger: tg})
	if err != nil {
		t.Fatal(err)
	}
	out := c.With(added.Articles[0])
	if len(out.Articles) != len(c.Articles)+1 || out.Article("frozen-assets-loan-agreed") == nil {
		t.Fatalf("%d articles after adding one to %d", len(out.Articles), len(c.Articles))
	}
	copies := 0
	for _, a := range c.Articles {
		if n := len(c.Duplicates(a)); n > 0 {
			copies++
			if len(out.Duplicates(out.Article(a.ID))) != n {
				t.Fatalf("%s lost its copies", a.ID)
			}
		}
	}
	if copies == 0 {
		t.Fatal("the generated library has no copies to keep")
	}
	full, err := out.Full(out.Article(c.Articles[3].ID))
	if err != nil || len(full.Paragraphs) == 0 {
		t.Errorf("an old article's text after adding: %v, %d paragraphs", err, len(full.Paragraphs))
	}
}
