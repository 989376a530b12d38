package render

import (
	"strings"

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
			rest := strings.Fields(titles[i])[len(common):]
			if len(rest) > 0 {
				out[i] = Truncate("…"+strings.Join(rest, " "), width)
			}
		}
	}
	return out
}
