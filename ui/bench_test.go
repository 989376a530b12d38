package ui

import (
	"os"
	"path/filepath"
	"slices"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"briefing/internal/corpusgen"
	"briefing/model"
	"briefing/ui/render"
)

var (
	bigOnce   sync.Once
	bigCorpus *model.Corpus
	bigErr    error
)

// corpus10k loads the generated 10,000-article corpus once per run.
func corpus10k(b *testing.B) *model.Corpus {
	b.Helper()
	bigOnce.Do(func() {
		dir, err := os.MkdirTemp("", "briefing-ui-bench")
		if err != nil {
			bigErr = err
			return
		}
		if bigErr = corpusgen.Write(dir, 10000, 1); bigErr != nil {
			return
		}
		topics := seedCorpus(b).Topics
		tg, _ := model.NewTagger(topics)
		bigCorpus, _, bigErr = model.LoadPaths([]string{dir}, model.LoadOptions{Tagger: tg})
		os.RemoveAll(dir)
	})
	if bigErr != nil {
		b.Fatal(bigErr)
	}
	return bigCorpus
}

// longArticle is one article of about 5,000 words.
func longArticle(b *testing.B) *model.Corpus {
	b.Helper()
	text, err := corpusgen.LongArticle(5000)
	if err != nil {
		b.Fatal(err)
	}
	dir := b.TempDir()
	path := filepath.Join(dir, "long.txt")
	os.WriteFile(path, []byte(text), 0o644)
	tg, _ := model.NewTagger(seedCorpus(b).Topics)
	c, _, err := model.LoadPaths([]string{path}, model.LoadOptions{Tagger: tg})
	if err != nil {
		b.Fatal(err)
	}
	return c
}

// timeKeys measures each iteration (one key press: Update and View) and
// reports the median and the 99th percentile, the latency a user feels.
func timeKeys(b *testing.B, a *App, keys ...string) {
	b.Helper()
	msgs := make([]tea.KeyPressMsg, len(keys))
	for i, k := range keys {
		msgs[i] = keyMsg(k)
	}
	var times []time.Duration
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		start := time.Now()
		_, cmd := a.Update(msgs[i%len(msgs)])
		_ = a.View()
		times = append(times, time.Since(start))
		// Background work (a prefetch) runs between presses, as the
		// runtime runs commands while the user reads.
		if cmd != nil && a.focus == viewReader && !a.focused().Typing() {
			if msg := cmd(); msg != nil {
				a.Update(msg)
			}
		}
		i++
	}
	slices.Sort(times)
	b.ReportMetric(float64(times[len(times)/2].Nanoseconds()), "p50-ns")
	b.ReportMetric(float64(times[len(times)*99/100].Nanoseconds()), "p99-ns")
}

func app(b *testing.B, c *model.Corpus, w, h int) *App {
	a := New(c, Options{Style: render.StyleDark})
	a.Update(tea.WindowSizeMsg{Width: w, Height: h})
	return a
}

func BenchmarkListKey10k(b *testing.B) {
	timeKeys(b, app(b, corpus10k(b), 120, 40), "j", "j", "k")
}

// BenchmarkListFilterKey10k types a word into the filter and deletes it,
// starting from nothing each time: the first letter searches all 10,000
// articles.
func BenchmarkListFilterKey10k(b *testing.B) {
	a := app(b, corpus10k(b), 120, 40)
	press(a, "/")
	keys := []string{"m", "a", "c", "r", "o", "n", "backspace", "backspace", "backspace", "backspace", "backspace", "backspace"}
	timeKeys(b, a, keys...)
}

// BenchmarkListFilterColdKey10k measures the worst case: a first letter
// with nothing cached.
func BenchmarkListFilterColdKey10k(b *testing.B) {
	a := app(b, corpus10k(b), 120, 40)
	press(a, "/")
	letters := "abcdefghijklmnopqrstuvwxyz"
	var times []time.Duration
	i := 0
	for b.Loop() {
		a.views[viewList].(*listView).fuzzy.cache = map[string][]int{}
		k := string(letters[i%len(letters)])
		start := time.Now()
		a.Update(keyMsg(k))
		_ = a.View()
		times = append(times, time.Since(start))
		a.Update(keyMsg("backspace"))
		i++
	}
	slices.Sort(times)
	b.ReportMetric(float64(times[len(times)/2].Nanoseconds()), "p50-ns")
	b.ReportMetric(float64(times[len(times)*99/100].Nanoseconds()), "p99-ns")
}

func BenchmarkListTopicFilterKey10k(b *testing.B) {
	a := app(b, corpus10k(b), 120, 40)
	press(a, "/", "#", "t", "e", "r", " ")
	timeKeys(b, a, "w", "backspace")
}

func BenchmarkReaderScrollKey(b *testing.B) {
	a := app(b, longArticle(b), 120, 40)
	press(a, enter, "2")
	timeKeys(b, a, "j", "j", "k", "]", "pgdown", "pgup")
}

func BenchmarkReaderKey10k(b *testing.B) {
	a := app(b, corpus10k(b), 120, 40)
	press(a, enter, "1")
	timeKeys(b, a, "j", "]", "k", "[")
}

// BenchmarkTopicJump10k presses ] through the corpus: most presses move on
// to the next article on the topic, a page render (cache miss) each time.
func BenchmarkTopicJump10k(b *testing.B) {
	a := app(b, corpus10k(b), 120, 40)
	press(a, enter, "4")
	timeKeys(b, a, "]")
}

func BenchmarkRenderCached(b *testing.B) {
	a := app(b, longArticle(b), 120, 40)
	press(a, enter)
	b.ReportAllocs()
	for b.Loop() {
		// A topic change re-renders the page: from the cache.
		a.views[viewReader].Update(topicChangedMsg{})
	}
}
