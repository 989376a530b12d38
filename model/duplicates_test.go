package model

import (
	"fmt"
	"math/bits"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"briefing/seeds"
)

// prose is n words of deterministic made-up text, in paragraphs of 60.
func prose(seed uint64, n int) []string {
	r := rand.New(rand.NewPCG(seed, 1))
	var paras []string
	var p []string
	for i := range n {
		p = append(p, fmt.Sprintf("w%d", r.IntN(5000)))
		if i%60 == 59 {
			paras = append(paras, strings.Join(p, " ")+".")
			p = nil
		}
	}
	if len(p) > 0 {
		paras = append(paras, strings.Join(p, " ")+".")
	}
	return paras
}

func article(title string, paras []string) *Article {
	a := &Article{Title: title, Path: title + ".md"}
	for i, t := range paras {
		a.Paragraphs = append(a.Paragraphs, Paragraph{Index: i + 1, Text: t})
	}
	return a
}

// exactJaccard is the similarity the signatures estimate, computed on the
// shingle sets themselves.
func exactJaccard(a, b *Article) float64 {
	set := func(a *Article) map[string]bool {
		var words []string
		for _, p := range a.Paragraphs {
			if p.Kind == Body || p.Kind == Subheading {
				words = append(words, strings.Fields(strings.ToLower(strings.NewReplacer(".", " ", ",", " ").Replace(p.Text)))...)
			}
		}
		s := map[string]bool{}
		for i := 0; i+ShingleWords <= len(words); i++ {
			s[strings.Join(words[i:i+ShingleWords], " ")] = true
		}
		return s
	}
	sa, sb := set(a), set(b)
	both := 0
	for k := range sa {
		if sb[k] {
			both++
		}
	}
	return float64(both) / float64(len(sa)+len(sb)-both)
}

func TestDuplicatesGroupsCopiesOfOneStory(t *testing.T) {
	story := prose(1, 400)
	other := prose(2, 400)
	withExtra := append(slices.Clone(story), prose(3, 30)...)             // an outlet adds a paragraph
	half := append(slices.Clone(story[:len(story)/2]), prose(4, 200)...)  // another story reusing background
	reworded := append([]string{strings.ToUpper(story[0])}, story[1:]...) // case does not matter
	curly := []string{strings.ReplaceAll(story[0], " ", " Kyiv’s ")}      // nor the kind of apostrophe
	straight := []string{strings.ReplaceAll(story[0], " ", " Kyiv's ")}   //
	tiny, tiny2 := article("tiny", []string{"Talks resume."}), article("tiny2", []string{"Talks resume."})
	arts := []*Article{
		article("a", story), article("b", other), article("a-copy", story), article("a-extra", withExtra),
		article("a-half", half), article("a-upper", reworded), article("curly", curly), article("straight", straight), tiny, tiny2,
	}
	sigs := make([]*signature, len(arts))
	for i, a := range arts {
		sigs[i] = articleSignature(a)
	}
	if sigs[8] != nil {
		t.Error("a two-word article has a signature")
	}
	groups := findDuplicates(arts, sigs)
	var got []string
	for _, g := range groups {
		var names []string
		for _, a := range g {
			names = append(names, a.Title)
		}
		slices.Sort(names)
		got = append(got, strings.Join(names, " "))
	}
	slices.Sort(got)
	want := []string{"a a-copy a-extra a-upper", "curly straight"}
	if !slices.Equal(got, want) {
		t.Errorf("groups %q, want %q", got, want)
	}
	t.Logf("exact Jaccard: copy %.2f, extra paragraph %.2f, half %.2f, other %.2f",
		exactJaccard(arts[0], arts[2]), exactJaccard(arts[0], arts[3]), exactJaccard(arts[0], arts[4]), exactJaccard(arts[0], arts[1]))
}

// TestSignatureEstimatesJaccard holds the estimate to the exact similarity
// over pairs across the whole range, within four standard errors.
func TestSignatureEstimatesJaccard(t *testing.T) {
	base := prose(10, 300)
	for k := 0; k <= 10; k++ {
		// Replace k tenths of every other paragraph with new words.
		var changed []string
		for i, p := range base {
			words := strings.Fields(p)
			cut := len(words) * k / 10
			if i%2 == 0 {
				for j := range cut {
					words[j] = fmt.Sprintf("new%d", j)
				}
			}
			changed = append(changed, strings.Join(words, " "))
		}
		a, b := article("a", base), article("b", changed)
		exact := exactJaccard(a, b)
		est := articleSignature(a).similarity(articleSignature(b))
		if d := est - exact; d > 0.14 || d < -0.14 {
			t.Errorf("k=%d: estimate %.3f, exact %.3f", k, est, exact)
		}
	}
}

func TestLoadFindsDuplicatesInSummaries(t *testing.T) {
	dir := t.TempDir()
	story := strings.Join(prose(7, 300), "\n\n")
	write := func(name, front string, body string) {
		os.WriteFile(filepath.Join(dir, name), []byte("---\n"+front+"\n---\n\n"+body+"\n"), 0o644)
	}
	write("a.md", "title: Depot hit near Odesa\nsource: Harbour Times\ndate: 2025-06-02", story)
	write("b.md", "title: Drone strike hits depot\nsource: Valley Courier\ndate: 2025-06-03", "Valley Courier staff contributed.\n\n"+story)
	write("c.md", "title: Something else\nsource: Northern Ledger\ndate: 2025-06-04", strings.Join(prose(8, 300), "\n\n"))
	for _, summaries := range []bool{false, true} {
		c, _, err := LoadPaths([]string{dir}, LoadOptions{Tagger: ownTagger(t), Summaries: summaries})
		if err != nil {
			t.Fatal(err)
		}
		byTitle := map[string]*Article{}
		for _, a := range c.Articles {
			byTitle[a.Title] = a
		}
		a, b, other := byTitle["Depot hit near Odesa"], byTitle["Drone strike hits depot"], byTitle["Something else"]
		if d := c.Duplicates(a); len(d) != 1 || d[0] != b {
			t.Errorf("summaries %v: Duplicates(a) = %v", summaries, d)
		}
		if d := c.Duplicates(other); d != nil {
			t.Errorf("Duplicates(other) = %v", d)
		}
		if c.Story(b) != a || c.Story(a) != a || c.Story(other) != other {
			t.Error("the story is not its earliest copy")
		}
		if !c.IsCopy(b) || c.IsCopy(a) || c.IsCopy(other) {
			t.Error("IsCopy")
		}
	}
}

func TestSeedsHaveNoDuplicates(t *testing.T) {
	c, _, err := LoadFS(seeds.Articles(), LoadOptions{Tagger: ownTagger(t)})
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range c.Articles {
		if d := c.Duplicates(a); d != nil {
			t.Errorf("%s has copies %v", a.ID, d)
		}
	}
}

// BenchmarkArticleSignature is the signature of 4 KB articles made of the
// seeds' paragraphs in random orders, many of them so that the branch
// predictor cannot learn one text; SetBytes makes the figure comparable to
// the loader's throughput.
func BenchmarkArticleSignature(b *testing.B) {
	c, _, err := LoadFS(seeds.Articles(), LoadOptions{Tagger: ownTagger(b)})
	if err != nil {
		b.Fatal(err)
	}
	var pool []string
	for _, a := range c.Articles {
		for _, p := range a.Paragraphs {
			pool = append(pool, p.Text)
		}
	}
	r := rand.New(rand.NewPCG(1, 2))
	arts := make([]*Article, 500)
	size := 0
	for i := range arts {
		var paras []string
		for n := 0; n < 4000; {
			p := pool[r.IntN(len(pool))]
			paras = append(paras, p)
			n += len(p)
			size += len(p)
		}
		arts[i] = article(fmt.Sprint(i), paras)
	}
	b.SetBytes(int64(size / len(arts)))
	i := 0
	for b.Loop() {
		articleSignature(arts[i%len(arts)])
		i++
	}
}

// referenceWords is the word hashing of shingler.text written plainly, one
// branch per byte: the branch-free loop must give the same words.
func referenceWords(s string) []uint64 {
	var out []uint64
	var h uint64
	inWord, punct := false, false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == 0xE2:
			punct = true
		case c >= 0x80 && c <= 0xBF && punct:
		default:
			punct = false
		}
		lower := c
		if c >= 'A' && c <= 'Z' {
			lower = c + 'a' - 'A'
		}
		switch {
		case punct || c == '\'':
			inWord = true // left out, but inside a word
		case lower >= 'a' && lower <= 'z' || c >= '0' && c <= '9' || c >= 0x80:
			h = bits.RotateLeft64(h, 5) ^ uint64(lower)
			inWord = true
		default:
			if inWord && h != 0 {
				out = append(out, h)
			}
			h, inWord = 0, false
		}
	}
	if inWord && h != 0 {
		out = append(out, h)
	}
	return out
}

// FuzzShinglerText holds the branch-free word splitter to the plain one.
func FuzzShinglerText(f *testing.F) {
	for _, s := range []string{"", "Kyiv’s talks — resumed.", "a'b 'c' ''", "Переговори у Стамбулі", "x\xe2", "\xe2\x80", strings.Repeat("word ", 300)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var got []uint64
		var w wordSplitter
		var ends [256]uint64
		keep := func(n int) {
			for _, h := range ends[:n] {
				if h != 0 {
					got = append(got, h)
				}
			}
		}
		for rest := s; len(rest) > 0; {
			block := rest[:min(len(rest), len(ends))]
			rest = rest[len(block):]
			keep(w.block(block, &ends))
		}
		keep(w.end(&ends))
		if want := referenceWords(s); !slices.Equal(got, want) {
			t.Fatalf("%q: words %x, want %x", s, got, want)
		}
	})
}
