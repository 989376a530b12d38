package render

import (
	"fmt"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

func TestTruncateAtAWord(t *testing.T) {
	for _, tc := range []struct {
		in   string
		w    int
		want string
	}{
		{"short", 10, "short"},
		{"French President Emmanuel Macron has led a push", 30, "French President Emmanuel…"},
		{"Unbreakablewordthatgoesonandon", 10, "Unbreakab…"},
		{"\x1b[1mbold words here\x1b[m", 11, "\x1b[1mbold words…\x1b[m"},
	} {
		got := Truncate(tc.in, tc.w)
		if ansi.Strip(got) != ansi.Strip(tc.want) || ansi.StringWidth(got) > tc.w {
			t.Errorf("Truncate(%q, %d) = %q, want %q", tc.in, tc.w, got, tc.want)
		}
	}
}

func TestFitNeverCuts(t *testing.T) {
	long := "see https://example.com/" + strings.Repeat("a", 200) + " now"
	lines := fit(long, 40)
	if strings.Join(lines, "") != long {
		t.Errorf("fit lost text: %q", lines)
	}
	for _, l := range lines {
		if ansi.StringWidth(l) > 40 {
			t.Errorf("line of %d cells: %q", ansi.StringWidth(l), l)
		}
	}
}

func TestTruncateDistinct(t *testing.T) {
	titles := []string{
		"French President Emmanuel Macron has led a European push",
		"French President Emmanuel Macron on Monday held talks",
		"A short one",
	}
	got := TruncateDistinct(titles, 30)
	if got[0] == got[1] || !strings.HasPrefix(got[0], "…has led") || !strings.HasPrefix(got[1], "…on Monday") || got[2] != "A short one" {
		t.Errorf("%q", got)
	}
	for _, g := range got {
		if ansi.StringWidth(g) > 30 {
			t.Errorf("%q is wider than 30", g)
		}
	}
}

// The plain-ASCII shortcut cuts exactly where the grapheme-aware code does.
func TestTruncateASCIIMatchesStyled(t *testing.T) {
	titles := []string{
		"", "a", "Ukraine", "EU leaders fail to agree on using frozen Russian assets for Kyiv",
		"Zelensky  says   land  swaps are off the table", "x y", "averyveryverylongwordwithoutspaces and more",
		" leading and trailing ",
	}
	for _, s := range titles {
		for w := 0; w <= len(s)+2; w++ {
			if got, want := Truncate(s, w), truncateStyled(s, w); got != want {
				t.Errorf("Truncate(%q, %d) = %q, want %q", s, w, got, want)
			}
		}
	}
}

// Shared words are counted the same on the byte path as on the word path.
func TestSharedWords(t *testing.T) {
	pairs := [][2]string{
		{"France hails talks (report 1)", "France hails talks (report 2)"},
		{"France hails", "France hails"},
		{"France hails", "France hailstorm"},
		{"a  b c", "a  b d"},
		{"", "x"}, {"same", "same words"}, {"x y", "x y "}, {" lead in", "lead in"}, {"a  b", "a b"},
	}
	for _, p := range pairs {
		for _, limit := range []int{0, 1, 2, 100} {
			if got, want := sharedWords(p[0], p[1], limit), sharedFields(p[0], p[1], limit); got != want {
				t.Errorf("sharedWords(%q, %q, %d) = %d, want %d", p[0], p[1], limit, got, want)
			}
		}
	}
}

// naiveDistinct is TruncateDistinct as first written: every title cut,
// and each group of alike cuts shown from the words it does not share.
func naiveDistinct(titles []string, width int) []string {
	out := make([]string, len(titles))
	same := map[string][]int{}
	for i, t := range titles {
		out[i] = Truncate(t, width)
		if out[i] != t {
			same[out[i]] = append(same[out[i]], i)
		}
	}
	for _, group := range same {
		if len(group) < 2 {
			continue
		}
		common := strings.Fields(titles[group[0]])
		for _, i := range group[1:] {
			words := strings.Fields(titles[i])
			n := 0
			for n < len(common) && n < len(words) && common[n] == words[n] {
				n++
			}
			common = common[:n]
		}
		if len(common) == 0 {
			continue
		}
		for _, i := range group {
			if rest := strings.Fields(titles[i])[len(common):]; len(rest) > 0 {
				out[i] = Truncate("…"+strings.Join(rest, " "), width)
			}
		}
	}
	return out
}

// The shortcuts give what the plain algorithm gives.
func TestDistinctMatchesNaive(t *testing.T) {
	var titles []string
	for i := range 300 {
		base := []string{
			"French President Emmanuel Macron has led a European push for guarantees",
			"French President Emmanuel Macron on Monday held talks in Paris",
			"French  President Emmanuel  Macron spoke",
			"EU leaders fail to agree on frozen assets",
			"EU leaders fail to agree on frozen Russian assets, again",
			"Zelensky: «no land for peace» — says Kyiv",
			"Short",
			" French President Emmanuel Macron with a space before",
		}[i%8]
		titles = append(titles, fmt.Sprintf("%s %d", base, i%5), base)
	}
	for _, w := range []int{8, 20, 30, 45, 80} {
		got, want := TruncateDistinct(titles, w), naiveDistinct(titles, w)
		for i := range got {
			if got[i] != want[i] {
				t.Fatalf("width %d, %q: got %q, want %q", w, titles[i], got[i], want[i])
			}
		}
	}
}
