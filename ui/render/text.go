package render

import (
	"strings"
	"unicode"

	"github.com/charmbracelet/x/ansi"
)

// Wrap wraps styled text at width cells into lines, breaking a word only
// when it is longer than a line.
func Wrap(s string, width int) []string {
	return strings.Split(ansi.Wrap(s, max(width, 1), ""), "\n")
}

// fit returns line as it is when it fits width, else broken into lines that
// do: nothing is cut.
func fit(line string, width int) []string {
	if len(line) <= width || ansi.StringWidth(line) <= width {
		return []string{line}
	}
	return strings.Split(ansi.Hardwrap(line, max(width, 1), true), "\n")
}

// Truncate cuts styled text to width cells at a word boundary when there is
// one in its second half, ending in "…". Only labels are truncated (titles in
// a list row); article text wraps.
func Truncate(s string, width int) string {
	if plainASCII(s) {
		// One cell a byte: no grapheme to measure (a list of 100,000
		// titles is cut at every resize).
		if len(s) <= width {
			return s
		}
		if width <= 1 {
			return s[:max(width, 0)]
		}
		return asciiCut(s, width) + "…"
	}
	return truncateStyled(s, width)
}

// asciiCut is what Truncate keeps of plain ASCII s, longer than width >
// 1, before its "…": at a space in the second half when there is one.
func asciiCut(s string, width int) string {
	cut := s[:width-1]
	if i := strings.LastIndexByte(cut, ' '); i > len(cut)/2 {
		cut = cut[:i]
	}
	return strings.TrimRight(cut, " ")
}

// truncateStyled is Truncate for text with escapes or wide characters.
func truncateStyled(s string, width int) string {
	if ansi.StringWidth(s) <= width {
		return s
	}
	if width <= 1 {
		return ansi.Truncate(s, width, "")
	}
	cut := ansi.Truncate(s, width-1, "")
	plain := ansi.Strip(cut)
	if i := strings.LastIndexByte(plain, ' '); i > len(plain)/2 {
		cut = ansi.Truncate(s, ansi.StringWidth(plain[:i]), "")
	}
	return strings.TrimRight(cut, " ") + "…"
}

// TruncateDistinct truncates each title to width like Truncate, but where
// two would then read the same, it shows them from the first word where they
// differ ("…on Monday held talks"), so rows that start alike can be told
// apart.
func TruncateDistinct(titles []string, width int) []string {
	d := NewDistinct(titles, width)
	out := make([]string, len(titles))
	for i := range titles {
		out[i] = d.Title(i)
	}
	return out
}

// Distinct is TruncateDistinct title by title, for a list that shows a
// screenful of 100,000: the groups of titles that would read the same are
// found once, each title is cut when it is asked for.
type Distinct struct {
	titles []string
	width  int
	keys   []string       // each title's cut, before the "…"; "" when it fits
	common map[string]int // words a group of alike titles shares, by cut
}

// NewDistinct finds the titles that would read the same at width.
func NewDistinct(titles []string, width int) *Distinct {
	d := &Distinct{titles: titles, width: width, keys: make([]string, len(titles)), common: map[string]int{}}
	type group struct {
		first  int
		shared string // the first title's words the group shares so far
	}
	groups := map[string]*group{}
	for i, t := range titles {
		if d.keys[i] = cutKey(t, width); d.keys[i] == "" {
			continue
		}
		g := groups[d.keys[i]]
		if g == nil {
			groups[d.keys[i]] = &group{first: i}
			continue
		}
		// A title that starts with the words shared so far shares them all
		// (a byte comparison); only one that differs sooner is counted.
		if g.shared != "" && strings.HasPrefix(t, g.shared) && (len(t) == len(g.shared) || t[len(g.shared)] == ' ') {
			continue
		}
		limit, had := d.common[d.keys[i]]
		if !had {
			limit = len(t)
		}
		n := sharedWords(titles[g.first], t, limit)
		d.common[d.keys[i]] = n
		g.shared = leadingWords(titles[g.first], n)
	}
	return d
}

// leadingWords is s up to the end of its first n words, when s is plain
// ASCII (else "", which only costs the shortcut).
func leadingWords(s string, n int) string {
	if n == 0 || !plainASCII(s) {
		return ""
	}
	end, words, inWord := 0, 0, false
	for i := 0; i < len(s); i++ {
		switch {
		case s[i] == ' ' && inWord:
			inWord = false
			if words++; words == n {
				return s[:i]
			}
		case s[i] != ' ':
			inWord, end = true, i+1
		}
	}
	if inWord && words+1 == n {
		return s[:end]
	}
	return ""
}

// cutKey is what Truncate keeps of t before its "…", or "" when t fits.
func cutKey(t string, width int) string {
	if plainASCII(t) && width > 1 {
		if len(t) <= width {
			return ""
		}
		return asciiCut(t, width) // as Truncate cuts, without allocating
	}
	if cut := Truncate(t, width); cut != t {
		return cut
	}
	return ""
}

// sharedWords counts the leading words a and b share, as strings.Fields
// splits them, up to limit.
func sharedWords(a, b string, limit int) int {
	if !plainASCII(a) || !plainASCII(b) || strings.Contains(a, "  ") || strings.Contains(b, "  ") ||
		strings.HasPrefix(a, " ") || strings.HasPrefix(b, " ") {
		return sharedFields(a, b, limit) // words apart by more than a space
	}
	// The common bytes hold the common words; the last of them counts only
	// when it ends there in both titles.
	p := 0
	for p < len(a) && p < len(b) && a[p] == b[p] {
		p++
	}
	n, inWord := 0, false
	for i := 0; i < p && n < limit; i++ {
		switch {
		case a[i] == ' ' && inWord:
			n, inWord = n+1, false
		case a[i] != ' ':
			inWord = true
		}
	}
	ends := func(s string) bool { return p == len(s) || s[p] == ' ' }
	if inWord && n < limit && ends(a) && ends(b) {
		n++
	}
	return n
}

// sharedFields is sharedWords for any text.
func sharedFields(a, b string, limit int) int {
	n := 0
	for n < limit {
		wa, ra := nextWord(a)
		wb, rb := nextWord(b)
		if wa == "" || wa != wb {
			return n
		}
		n++
		a, b = ra, rb
	}
	return n
}

// nextWord is s's first word and what follows it.
func nextWord(s string) (word, rest string) {
	s = strings.TrimLeftFunc(s, unicode.IsSpace)
	i := strings.IndexFunc(s, unicode.IsSpace)
	if i < 0 {
		return s, ""
	}
	return s[:i], s[i:]
}

// Title is title i cut to width, from where it differs from the titles
// that would read the same.
func (d *Distinct) Title(i int) string {
	t := d.titles[i]
	if d.keys[i] == "" {
		return t
	}
	if n := d.common[d.keys[i]]; n > 0 {
		if rest := strings.Fields(t)[n:]; len(rest) > 0 {
			return Truncate("…"+strings.Join(rest, " "), d.width)
		}
	}
	return Truncate(t, d.width)
}

// plainASCII reports whether s is printable ASCII only: no escape
// sequence, no wide or combining character.
func plainASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c > 0x7e {
			return false
		}
	}
	return true
}
