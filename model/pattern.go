package model

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// The pattern language of topics files, kept deliberately small:
//
//	security guarantee*          words in sequence; a trailing * matches any ending
//	(eu|european union) accession   alternatives, each a phrase; an empty one makes the group optional
//	frozen ~3 asset*             both sides within 3 words of each other, in either order
//
// Words are compared the way text is read: case-insensitively, with curly
// apostrophes folded, possessive 's dropped and plurals folded to the
// singular. A hyphenated word in a pattern ("cease-fire") also matches the
// closed ("ceasefire") and open ("cease fire") forms.

// wordSpec matches one word of text.
type wordSpec struct {
	text   string // normalised and stemmed, or the raw prefix
	prefix bool
}

type wordSeq []wordSpec

type pattern struct {
	left, right []wordSeq // right is empty unless the pattern is a proximity rule
	near        int
}

const maxExpansions = 512

var nearOp = regexp.MustCompile(`\s~(\d+)\s`)

func parsePattern(p string) (pattern, error) {
	var pat pattern
	p = strings.TrimSpace(p)
	if p == "" {
		return pat, errors.New("empty pattern")
	}
	if !strings.Contains(p, "~") {
		// Most patterns are plain: no regular expression to run.
		var err error
		pat.left, err = parsePhrase(p)
		return pat, err
	}
	loc := nearOp.FindAllStringSubmatchIndex(p, -1)
	if len(loc) > 1 {
		return pat, errors.New("only one ~N per pattern")
	}
	var err error
	if len(loc) == 1 {
		m := loc[0]
		pat.near, _ = strconv.Atoi(p[m[2]:m[3]])
		if pat.near < 0 || pat.near > 50 {
			return pat, errors.New("~N must be between 0 and 50")
		}
		if pat.left, err = parsePhrase(p[:m[0]]); err != nil {
			return pat, err
		}
		if pat.right, err = parsePhrase(p[m[1]:]); err != nil {
			return pat, err
		}
		return pat, nil
	}
	if strings.Contains(p, "~") {
		return pat, errors.New("~ must be written as ~N with spaces around it")
	}
	pat.left, err = parsePhrase(p)
	return pat, err
}

// parsePhrase expands a phrase into every word sequence it matches.
func parsePhrase(s string) ([]wordSeq, error) {
	out := []wordSeq{{}}
	s = strings.TrimSpace(s)
	for s != "" {
		var alts []wordSeq
		if s[0] == '(' {
			end := strings.IndexByte(s, ')')
			if end < 0 {
				return nil, errors.New("unclosed (")
			}
			inner := s[1:end]
			if strings.ContainsAny(inner, "()") {
				return nil, errors.New("groups cannot be nested")
			}
			for alt := range strings.SplitSeq(inner, "|") {
				if strings.TrimSpace(alt) == "" {
					alts = append(alts, wordSeq{})
					continue
				}
				seqs, err := parsePhrase(alt)
				if err != nil {
					return nil, err
				}
				alts = append(alts, seqs...)
			}
			s = s[end+1:]
		} else {
			end := strings.IndexAny(s, " \t(")
			if end < 0 {
				end = len(s)
			}
			if strings.ContainsAny(s[:end], ")|") {
				return nil, fmt.Errorf("unexpected %q outside a group", strings.Trim(s[:end], "abcdefghijklmnopqrstuvwxyz*-'"))
			}
			seqs, err := parseWord(s[:end])
			if err != nil {
				return nil, err
			}
			alts = seqs
			s = s[end:]
		}
		var next []wordSeq
		for _, head := range out {
			for _, tail := range alts {
				seq := append(append(wordSeq{}, head...), tail...)
				next = append(next, seq)
			}
		}
		if len(next) > maxExpansions {
			return nil, fmt.Errorf("more than %d alternatives", maxExpansions)
		}
		out = next
		s = strings.TrimSpace(s)
	}
	kept := out[:0]
	for _, seq := range out {
		if len(seq) > 0 {
			kept = append(kept, seq)
		}
	}
	if len(kept) == 0 {
		return nil, errors.New("pattern matches no words")
	}
	return kept, nil
}

// parseWord reads one space-free chunk, which the tokenizer may split into
// several words ("cease-fire", "u.s.-backed").
func parseWord(chunk string) ([]wordSeq, error) {
	prefix := strings.HasSuffix(chunk, "*")
	chunk = strings.TrimSuffix(chunk, "*")
	if strings.Contains(chunk, "*") {
		return nil, errors.New("* may only end a word")
	}
	var tz tokenizer
	tz.tokenize(chunk)
	if len(tz.tokens) == 0 {
		return nil, fmt.Errorf("%q has no letters or digits", chunk)
	}
	if prefix && len(tz.norm(tz.tokens[len(tz.tokens)-1])) < 3 {
		return nil, errors.New("a prefix* needs at least three letters")
	}
	// Each hyphen doubles the variants: open and closed compound.
	variants := [][]string{{string(tz.norm(tz.tokens[0]))}}
	for i := 1; i < len(tz.tokens); i++ {
		w := string(tz.norm(tz.tokens[i]))
		joined := tz.tokens[i-1].joinedByHyphen
		var next [][]string
		for _, v := range variants {
			next = append(next, append(append([]string{}, v...), w))
			if joined {
				c := append([]string{}, v...)
				c[len(c)-1] += w
				next = append(next, c)
			}
		}
		variants = next
	}
	seqs := make([]wordSeq, 0, len(variants))
	for _, v := range variants {
		seq := make(wordSeq, len(v))
		for i, w := range v {
			if prefix && i == len(v)-1 {
				seq[i] = wordSpec{text: w, prefix: true}
			} else {
				seq[i] = wordSpec{text: string(stem(nil, []byte(w)))}
			}
		}
		seqs = append(seqs, seq)
	}
	return seqs, nil
}
