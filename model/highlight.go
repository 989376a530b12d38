package model

import (
	"slices"
	"strings"
	"unicode/utf8"
)

// highlighter finds where a query matched in a paragraph, reusing its
// buffers across paragraphs.
type highlighter struct {
	tz   tokenizer
	keys []string
	buf  []byte
	ends []int
}

// Hits returns where the query's words and phrases occur in text (byte
// offsets, in order). A query of only #topics highlights the topics'
// matched phrases instead.
func (q *Query) Hits(p *Paragraph) []Range {
	var hl highlighter
	return hl.hits(q, p)
}

func (hl *highlighter) hits(q *Query, p *Paragraph) []Range {
	if len(q.Terms) == 0 {
		var out []Range
		for _, s := range p.Spans {
			if slices.Contains(q.Topics, s.Topic) {
				out = append(out, Range{s.Start, s.End})
			}
		}
		return mergeRanges(out)
	}
	hl.tz.tokenize(p.Text)
	toks := hl.tz.tokens
	// Every word's key in one string: one allocation per paragraph, not
	// one per word.
	hl.buf, hl.ends = hl.buf[:0], hl.ends[:0]
	for _, tok := range toks {
		hl.buf = stem(hl.buf, hl.tz.norm(tok))
		hl.ends = append(hl.ends, len(hl.buf))
	}
	all := string(hl.buf)
	hl.keys = hl.keys[:0]
	from := 0
	for _, end := range hl.ends {
		hl.keys = append(hl.keys, all[from:end])
		from = end
	}
	var out []Range
	for _, t := range q.Terms {
		for i := range toks {
			if n := t.matchAt(hl.keys, i); n > 0 {
				out = append(out, Range{int(toks[i].start), int(toks[i+n-1].end)})
			} else if t.Closed != "" && hl.keys[i] == t.Closed {
				out = append(out, Range{int(toks[i].start), int(toks[i].end)})
			} else if i+1 < len(toks) && toks[i].joinedByHyphen && len(t.Words) == 1 && !t.Prefix && t.Words[0] == joinedKey(hl, i) {
				out = append(out, Range{int(toks[i].start), int(toks[i+1].end)})
			}
		}
	}
	slices.SortFunc(out, func(a, b Range) int { return a.Start - b.Start })
	return mergeRanges(out)
}

func joinedKey(hl *highlighter, i int) string {
	joined := append(append([]byte{}, hl.tz.norm(hl.tz.tokens[i])...), hl.tz.norm(hl.tz.tokens[i+1])...)
	return string(stem(nil, joined))
}

// matchAt returns how many words of keys, from i, the term matches (0 for
// none).
func (t Term) matchAt(keys []string, i int) int {
	if i+len(t.Words) > len(keys) {
		return 0
	}
	for k, w := range t.Words {
		if t.Prefix && k == len(t.Words)-1 {
			if !strings.HasPrefix(keys[i+k], w) {
				return 0
			}
		} else if keys[i+k] != w {
			return 0
		}
	}
	return len(t.Words)
}

// mergeRanges joins sorted ranges that overlap or touch.
func mergeRanges(rs []Range) []Range {
	out := rs[:0]
	for _, r := range rs {
		if n := len(out); n > 0 && r.Start <= out[n-1].End {
			out[n-1].End = max(out[n-1].End, r.End)
			continue
		}
		out = append(out, r)
	}
	return out
}

// Snippet cuts a line of about width characters out of text around its
// first hit, on word boundaries, with "…" where text was left out, and
// returns the hits moved into it (those that fit). Newlines become spaces.
func Snippet(text string, hits []Range, width int) (string, []Range) {
	width = max(width, 10)
	text = strings.ReplaceAll(text, "\n", " ")
	if utf8.RuneCountInString(text) <= width {
		return text, hits
	}
	// Start a third of the way back from the first hit, at a word start.
	start := 0
	if len(hits) > 0 {
		start = hits[0].Start
		for back := 0; start > 0 && back < width/3; back++ {
			_, size := utf8.DecodeLastRuneInString(text[:start])
			start -= size
		}
		if start > 0 {
			if sp := strings.IndexByte(text[start:hits[0].Start], ' '); sp >= 0 {
				start += sp + 1
			}
		}
	}
	prefix := ""
	if start > 0 {
		prefix = "…"
	}
	// Take width characters (less the ellipses), ending at a word end.
	room := width - utf8.RuneCountInString(prefix) - 1
	end := start
	for n := 0; end < len(text) && n < room; n++ {
		_, size := utf8.DecodeRuneInString(text[end:])
		end += size
	}
	suffix := ""
	if end < len(text) {
		suffix = "…"
		if sp := strings.LastIndexByte(text[start:end], ' '); sp > 0 {
			end = start + sp
		}
	}
	out := prefix + text[start:end] + suffix
	shift := len(prefix) - start
	var moved []Range
	for _, h := range hits {
		if h.Start >= start && h.End <= end {
			moved = append(moved, Range{h.Start + shift, h.End + shift})
		}
	}
	return out, moved
}
