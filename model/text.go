package model

import (
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// endsSentence reports text ending in sentence punctuation, possibly inside
// closing quotes or brackets. A colon counts: what follows is a new block.
func endsSentence(t string) bool {
	t = strings.TrimRight(t, `"'”’»)] `)
	if t == "" {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(t)
	return strings.ContainsRune(".!?…:", r)
}

func firstRune(t string) rune {
	r, _ := utf8.DecodeRuneInString(t)
	return r
}

func startsLower(t string) bool { return unicode.IsLower(firstRune(t)) }

func startsUpper(t string) bool {
	r := firstRune(t)
	return unicode.IsUpper(r) || unicode.IsDigit(r) || strings.ContainsRune(`"'“‘`, r)
}

// wordCount counts space-separated words without allocating.
func wordCount(t string) int {
	n := 0
	inWord := false
	for i := 0; i < len(t); i++ {
		space := t[i] == ' ' || t[i] == '\t' || t[i] == '\n'
		if !space && !inWord {
			n++
		}
		inWord = !space
	}
	return n
}

// foldWords finds any of a few lower-case ASCII words, in any casing. It
// looks for each word's rarest letter with strings.IndexByte, which is
// vectorised, and compares only around the hits: a strings.Contains per word
// and casing, or a loop over every byte, read each paragraph far slower.
type foldWords struct {
	anchors []foldAnchor
}

// foldAnchor is a letter and the words found around it.
type foldAnchor struct {
	letter byte // lower case
	words  []anchoredWord
}

type anchoredWord struct {
	word string
	at   int // where the anchor letter is in word
}

// rarestFirst orders letters by how seldom English text uses them.
const rarestFirst = "zqxjkvbpygfwmucldrhsnioate"

func newFoldWords(words ...string) *foldWords {
	f := &foldWords{}
	for _, w := range words {
		at := 0
		for i := range len(w) {
			if strings.IndexByte(rarestFirst, w[i]) < strings.IndexByte(rarestFirst, w[at]) {
				at = i
			}
		}
		i := slices.IndexFunc(f.anchors, func(a foldAnchor) bool { return a.letter == w[at] })
		if i < 0 {
			f.anchors = append(f.anchors, foldAnchor{letter: w[at]})
			i = len(f.anchors) - 1
		}
		f.anchors[i].words = append(f.anchors[i].words, anchoredWord{w, at})
	}
	return f
}

func (f *foldWords) in(s string) bool {
	for _, a := range f.anchors {
		for _, c := range [2]byte{a.letter, a.letter - 'a' + 'A'} {
			for i := 0; i < len(s); i++ {
				j := strings.IndexByte(s[i:], c)
				if j < 0 {
					break
				}
				i += j
				for _, w := range a.words {
					start := i - w.at
					if start >= 0 && start+len(w.word) <= len(s) && equalFoldLetters(s[start:start+len(w.word)], w.word) {
						return true
					}
				}
			}
		}
	}
	return false
}

// equalFoldLetters compares s with lower, a word of ASCII letters, ignoring
// case. Only an ASCII letter can fold onto a letter with |0x20.
func equalFoldLetters(s, lower string) bool {
	for j := range len(lower) {
		if s[j]|0x20 != lower[j] {
			return false
		}
	}
	return true
}

// moreWordsThan reports whether t has more than n words, stopping early.
func moreWordsThan(t string, n int) bool {
	count := 0
	inWord := false
	for i := 0; i < len(t); i++ {
		space := t[i] == ' ' || t[i] == '\t' || t[i] == '\n'
		if !space && !inWord {
			if count++; count > n {
				return true
			}
		}
		inWord = !space
	}
	return false
}

var nameParticles = map[string]bool{"de": true, "van": true, "von": true, "der": true, "da": true, "del": true, "al": true, "bin": true, "le": true, "la": true, "du": true, "di": true}

func isNameWord(w string) bool {
	w = strings.TrimSuffix(w, ",")
	if w == "" || !unicode.IsUpper(firstRune(w)) {
		return false
	}
	for _, r := range w {
		if !unicode.IsLetter(r) && r != '\'' && r != '’' && r != '-' && r != '.' {
			return false
		}
	}
	return true
}

func isInitial(w string) bool {
	return len(w) == 2 && w[1] == '.' && unicode.IsUpper(rune(w[0]))
}

// splitByline separates "By John Irish and Louise Rasmussen Ukraine, US, …"
// into the byline and the headline. A name is a first and a last name with
// optional initials and particles between them; more names follow "and" or
// a comma. Without a leading "By" everything is headline.
func splitByline(s string) (byline, rest string) {
	words := strings.Fields(s)
	if len(words) < 3 || !strings.EqualFold(words[0], "by") {
		return "", strings.TrimSpace(s)
	}
	i := 1
	var names []string
	for {
		start := i
		if i >= len(words) || !isNameWord(words[i]) {
			break
		}
		i++
		for i < len(words) && (isInitial(words[i]) || nameParticles[words[i]]) {
			i++
		}
		if i >= len(words) || !isNameWord(words[i]) {
			i = start
			break
		}
		i++
		name := strings.Join(words[start:i], " ")
		names = append(names, strings.TrimSuffix(name, ","))
		if strings.HasSuffix(words[i-1], ",") && i < len(words) && isNameWord(words[i]) {
			continue
		}
		if i < len(words) && words[i] == "and" {
			i++
			continue
		}
		break
	}
	if len(names) == 0 {
		return "", strings.TrimSpace(s)
	}
	if len(names) > 1 {
		byline = strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
	} else {
		byline = names[0]
	}
	return byline, strings.Join(words[i:], " ")
}

var abbreviations = map[string]bool{"mr": true, "mrs": true, "ms": true, "dr": true, "st": true, "gen": true, "lt": true, "col": true, "sen": true, "rep": true, "gov": true, "prof": true, "no": true, "vs": true, "jan": true, "feb": true, "aug": true, "sept": true, "oct": true, "nov": true, "dec": true}

// firstSentence returns t up to the end of its first sentence, passing over
// abbreviations such as "Mr." and "U.S.".
func firstSentence(t string) string {
	for i := 0; i < len(t); i++ {
		if !strings.ContainsRune(".!?", rune(t[i])) {
			continue
		}
		if i+1 < len(t) && t[i+1] != ' ' {
			continue
		}
		wordStart := strings.LastIndexAny(t[:i], " (\"“") + 1
		word := t[wordStart:i]
		if t[i] == '.' && (abbreviations[strings.ToLower(word)] || strings.Contains(word, ".") || utf8.RuneCountInString(word) == 1) {
			continue
		}
		return t[:i+1]
	}
	return t
}

// titleFromParagraphs takes the title from the first sentence of the first
// body paragraph, for articles that arrive without a headline. It is stored
// whole: views truncate it to their width.
func titleFromParagraphs(ps []Paragraph) string {
	for _, p := range ps {
		if p.Kind == Body {
			// Merged paragraphs hold newlines; a title is one line.
			return strings.Join(strings.Fields(strings.TrimRight(firstSentence(p.Text), ".")), " ")
		}
	}
	return ""
}

// splitLong cuts text into chunks of at most limit bytes, at a sentence end
// where one is near, else at a space, else at a rune boundary.
func splitLong(text string, limit int) []string {
	var out []string
	for len(text) > limit {
		cut := -1
		window := text[:limit]
		if i := strings.LastIndex(window, ". "); i > limit/2 {
			cut = i + 1
		} else if i := strings.LastIndexByte(window, ' '); i > limit/2 {
			cut = i
		} else {
			cut = limit
			for cut > 0 && !utf8.RuneStart(text[cut]) {
				cut--
			}
		}
		out = append(out, strings.TrimSpace(text[:cut]))
		text = strings.TrimSpace(text[cut:])
	}
	if text != "" {
		out = append(out, text)
	}
	return out
}

var dateLayouts = []string{
	time.DateOnly, time.RFC3339, "2006-01-02 15:04", "2006-01-02T15:04", "2006/01/02",
	"January 2, 2006", "Jan 2, 2006", "2 January 2006", "2 Jan 2006", "Monday, January 2, 2006", "Monday 2 January 2006",
}

// parseDate reads the date forms articles and front matter use.
func parseDate(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	for _, layout := range dateLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			y, m, d := t.Date()
			return time.Date(y, m, d, 0, 0, 0, 0, time.UTC), true
		}
	}
	return time.Time{}, false
}

var nameDate = regexp.MustCompile(`(?:^|[^0-9])((?:19|20)\d{2})[-_](\d{2})[-_](\d{2})(?:[^0-9]|$)`)

func dateFromName(name string) time.Time {
	m := nameDate.FindStringSubmatch(filepath.Base(name))
	if m == nil {
		return time.Time{}
	}
	t, _ := time.Parse(time.DateOnly, m[1]+"-"+m[2]+"-"+m[3])
	return t
}
