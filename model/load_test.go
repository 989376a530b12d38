package model

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"briefing/seeds"
)

func TestLoadSeeds(t *testing.T) {
	c, warns, err := LoadFS(seeds.Articles(), LoadOptions{Tagger: defaultTagger(t)})
	if err != nil || len(warns) != 0 {
		t.Fatalf("err %v, warnings %v", err, warns)
	}
	if len(c.Articles) != 5 {
		t.Fatalf("%d articles", len(c.Articles))
	}
	// Newest first, undated last.
	if c.Articles[0].DateString() != "2025-12-13" || c.Articles[1].DateString() != "2025-04-18" || c.Articles[4].HasDate() {
		t.Errorf("order: %s, %s, … %s", c.Articles[0].DateString(), c.Articles[1].DateString(), c.Articles[4].DateString())
	}
	seen := map[string]bool{}
	for _, a := range c.Articles {
		if a.ID == "" || seen[a.ID] || strings.ContainsAny(a.ID, " /.") {
			t.Errorf("bad or duplicate id %q", a.ID)
		}
		seen[a.ID] = true
		if got, err := c.Find(a.ID); err != nil || got != a {
			t.Errorf("Find(%q) = %v, %v", a.ID, got, err)
		}
	}
	if _, err := c.Find("no-such-article"); err == nil {
		t.Error("Find accepted an unknown id")
	}
	if _, err := c.Find("french"); err == nil || !strings.Contains(err.Error(), "matches 2") {
		t.Errorf("ambiguous prefix: %v", err)
	}
}

func writeFiles(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, body := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestLoadBadInput(t *testing.T) {
	good := "Talks resume on security guarantees\n\nDiplomats met in Geneva on Sunday.\n"
	dir := writeFiles(t, map[string]string{
		"good.txt":            good,
		"nested/deeper/ok.md": "---\ntitle: Nested\n---\nA paragraph about frozen assets.\n",
		"escapes.txt":         "Headline with escapes\n\nText \x1b]52;c;ZXZpbA==\x07with \x1b[2Jsequences\x1b]0;pwned\x07.\n",
		"crlf.txt":            "Headline in CRLF\r\n\r\nFirst.\r\n\r\nSecond.\r\n",
		"latin1.txt":          "Caf\xe9 talks in Gen\xe8ve\n\nThe d\xe9l\xe9gation met.\n",
		"empty.txt":           "",
		"blank.md":            "  \n\n\t \n",
		"binary.txt":          "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
		"nul-invalid.txt":     "abc\xff\xfe\x00def",
		"long.txt":            strings.Repeat("word ", 5000),
		"notes.json":          "{}",
		".hidden/skip.txt":    "should not load",
	})
	if err := os.Mkdir(filepath.Join(dir, "folder.txt"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(dir, "missing"), filepath.Join(dir, "dangling.txt")); err != nil {
		t.Fatal(err)
	}
	c, warns, err := LoadPaths([]string{dir, filepath.Join(dir, "does-not-exist")}, LoadOptions{Tagger: defaultTagger(t), MaxFileBytes: 64 << 10})
	if err != nil {
		t.Fatal(err)
	}
	titles := map[string]bool{}
	for _, a := range c.Articles {
		titles[a.Title] = true
		for _, p := range a.Paragraphs {
			if strings.ContainsAny(p.Text, "\x1b\x00\r\x07") {
				t.Errorf("%s: control characters kept in %q", a.Path, p.Text)
			}
		}
	}
	for _, want := range []string{"Talks resume on security guarantees", "Nested", "Headline with escapes", "Headline in CRLF", "Caf\ufffd talks in Gen\ufffdve"} {
		if !titles[want] {
			t.Errorf("article %q did not load; loaded %v", want, titles)
		}
	}
	if len(c.Articles) != 6 { // the five above and long.txt, split
		t.Errorf("%d articles loaded, want 6", len(c.Articles))
	}
	reasons := map[string]string{}
	for _, w := range warns {
		if _, dup := reasons[filepath.Base(w.Path)]; dup {
			t.Errorf("two warnings for %s", w.Path)
		}
		reasons[filepath.Base(w.Path)] = w.Reason
	}
	wantReasons := map[string]string{
		"empty.txt":       "empty",
		"blank.md":        "empty",
		"binary.txt":      "binary",
		"nul-invalid.txt": "binary",
		"dangling.txt":    "unreadable",
		"does-not-exist":  "unreadable: no such file",
		"long.txt":        "split",
	}
	for name, want := range wantReasons {
		if !strings.Contains(reasons[name], want) {
			t.Errorf("warning for %s = %q, want it to mention %q", name, reasons[name], want)
		}
	}
	if len(warns) != len(wantReasons) {
		t.Errorf("warnings: %v", warns)
	}
}

func TestLoadTooLargeAndNothing(t *testing.T) {
	dir := writeFiles(t, map[string]string{"big.txt": strings.Repeat("x", 2000)})
	_, warns, err := LoadPaths([]string{dir}, LoadOptions{Tagger: defaultTagger(t), MaxFileBytes: 1000})
	if !errors.Is(err, ErrNoArticles) {
		t.Errorf("err = %v, want ErrNoArticles", err)
	}
	if len(warns) != 1 || !strings.Contains(warns[0].Reason, "too large") {
		t.Errorf("warnings %v", warns)
	}
}

func TestLoadExplicitFileAndIDsStable(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"a/one.txt": "Same headline for both\n\nFirst text.\n",
		"b/two.txt": "Same headline for both\n\nSecond text.\n",
	})
	tg := defaultTagger(t)
	c1, _, err := LoadPaths([]string{dir}, LoadOptions{Tagger: tg})
	if err != nil {
		t.Fatal(err)
	}
	c2, _, err := LoadPaths([]string{filepath.Join(dir, "b", "two.txt"), filepath.Join(dir, "a", "one.txt")}, LoadOptions{Tagger: tg})
	if err != nil {
		t.Fatal(err)
	}
	idOf := func(c *Corpus, base string) string {
		for _, a := range c.Articles {
			if filepath.Base(a.Path) == base {
				return a.ID
			}
		}
		return ""
	}
	for _, base := range []string{"one.txt", "two.txt"} {
		if idOf(c1, base) == "" || idOf(c1, base) != idOf(c2, base) {
			t.Errorf("%s: id %q then %q", base, idOf(c1, base), idOf(c2, base))
		}
	}
	if idOf(c1, "one.txt") == idOf(c1, "two.txt") {
		t.Error("ids clash")
	}
}

// TestReadersAgree checks the fast Unix reader against the portable one.
func TestReadersAgree(t *testing.T) {
	dir := writeFiles(t, map[string]string{"a.txt": strings.Repeat("Kyiv talks. ", 1000), "empty.txt": ""})
	for _, name := range []string{"a.txt", "empty.txt"} {
		p := filepath.Join(dir, name)
		fast, err1 := readFile(p, 1<<20, nil)
		slow, err2 := readFileOS(p, 1<<20, nil)
		if err1 != nil || err2 != nil || string(fast) != string(slow) {
			t.Errorf("%s: %v %v, %d vs %d bytes", name, err1, err2, len(fast), len(slow))
		}
		if _, err := readFile(p, 10, nil); name == "a.txt" && (err == nil || !strings.Contains(err.Error(), "too large")) {
			t.Errorf("limit not applied: %v", err)
		}
	}
	if _, err := readFile(dir, 1<<20, nil); !errors.Is(err, errNotRegular) {
		t.Errorf("folder read as a file: %v", err)
	}
	if _, err := readFile(filepath.Join(dir, "missing.txt"), 1<<20, nil); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("missing file: %v", err)
	}
}

// TestReadFileReusesBuffer: a buffer big enough is reused, a small one is
// replaced, and what was read last is never mixed into the next file.
func TestReadFileReusesBuffer(t *testing.T) {
	dir := writeFiles(t, map[string]string{"long.txt": strings.Repeat("x", 5000), "short.txt": "Kyiv"})
	long, err := readFile(filepath.Join(dir, "long.txt"), 1<<20, make([]byte, 10))
	if err != nil || len(long) != 5000 {
		t.Fatalf("long: %d bytes, %v", len(long), err)
	}
	short, err := readFile(filepath.Join(dir, "short.txt"), 1<<20, long[:0])
	if err != nil || string(short) != "Kyiv" {
		t.Fatalf("short: %q, %v", short, err)
	}
	if &short[0] != &long[0] {
		t.Error("a buffer big enough was not reused")
	}
}

func TestSlug(t *testing.T) {
	for title, want := range map[string]string{
		"U.S. outlines peace deal, proposing to freeze war": "us-outlines-peace-deal-proposing",
		"E.U. weighs the use of frozen Russian assets":      "eu-weighs-use-frozen-russian",
		"Mr. Witkoff meets Putin":                           "mr-witkoff-meets-putin",
		"Talks end. No deal":                                "talks-end-no-deal",
		"Zelensky's 20-point plan":                          "zelensky-20-point-plan",
		"Київ":                                              "",
		"éA.B. talks":                                       "ab-talks", // \b is ASCII: é ends no word
		"K.B. Smith":                                        "kb-smith",
		"\u212a.B Smith":                                    "k-b-smith", // the Kelvin sign lowers to k but starts no word
		"3.5 billion":                                       "3-5-billion",
		"A_B.C and x.Y.z":                                   "b-c-xyz",
		"":                                                  "",
	} {
		if got := slug(title); got != want {
			t.Errorf("slug(%q) = %q, want %q", title, got, want)
		}
	}
}
