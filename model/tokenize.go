package model

import (
	"unicode"
	"unicode/utf8"
	"unsafe"
)

// token is one word of a text, located by byte offsets. Its normalised form
// (lower case, apostrophes and possessive 's removed, "U.S." read as "us")
// lives in the tokenizer's shared buffer so that tokenizing allocates nothing
// per word.
type token struct {
	start, end     int32 // byte offsets of the word in the text
	normStart      int32 // offsets of the normalised form in tokenizer.buf
	normEnd        int32
	joinedByHyphen bool // "cease-fire": this word and the next are one compound
	asWritten      bool // the word is already normal: its form is the text itself
}

type tokenizer struct {
	tokens []token
	buf    []byte
	text   string
}

// tokenize splits text into words. It is reused across calls to keep its
// buffers.
func (tz *tokenizer) tokenize(text string) {
	tz.tokens = tz.tokens[:0]
	tz.buf = tz.buf[:0]
	tz.text = text
	for i := 0; i < len(text); {
		if c := text[i]; c < utf8.RuneSelf {
			if asciiClass[c] == 0 {
				i++
				continue
			}
		} else if r, size := utf8.DecodeRuneInString(text[i:]); !isWordRune(r) {
			i += size
			continue
		}
		start := i
		normStart := len(tz.buf)
		// Most words are lower-case ASCII ending in a space or punctuation:
		// their normal form is the text as written, with nothing to copy.
		j := i
		for j < len(text) && asciiClass[text[j]]&asciiLowerOrDigit != 0 {
			j++
		}
		if j > i && (j == len(text) || text[j] < utf8.RuneSelf && !isASCIILetter(text[j]) && text[j] != '\'' && text[j] != '.') {
			tok := token{start: int32(i), end: int32(j), normStart: int32(i), normEnd: int32(j), asWritten: true}
			tok.joinedByHyphen = j+1 < len(text) && text[j] == '-' && isWordRuneAt(text, j+1)
			tz.tokens = append(tz.tokens, tok)
			i = j
			continue
		}
		if n := acronymLen(text, i); n > 0 {
			for j := i; j < i+n; j++ {
				if text[j] != '.' {
					tz.buf = append(tz.buf, lowerASCII(text[j]))
				}
			}
			i += n
		} else {
			i = tz.word(text, i)
		}
		tok := token{start: int32(start), end: int32(i), normStart: int32(normStart), normEnd: int32(len(tz.buf))}
		if i < len(text) {
			if h, hs := decodeRune(text, i); isHyphen(h) && i+hs < len(text) {
				if next, _ := decodeRune(text, i+hs); isWordRune(next) {
					tok.joinedByHyphen = true
				}
			}
		}
		tz.tokens = append(tz.tokens, tok)
	}
}

// word consumes one word starting at i, writing its normalised form, and
// returns the index after it.
func (tz *tokenizer) word(text string, i int) int {
	for i < len(text) {
		// Most words are ASCII: copy them without decoding runes.
		if c := text[i]; c < utf8.RuneSelf && (isASCIILetter(c) || c >= '0' && c <= '9') {
			tz.buf = append(tz.buf, lowerASCII(c))
			i++
			continue
		}
		r, size := decodeRune(text, i)
		if isWordRune(r) {
			if r < utf8.RuneSelf {
				tz.buf = append(tz.buf, lowerASCII(byte(r)))
			} else {
				tz.buf = utf8.AppendRune(tz.buf, unicode.ToLower(r))
			}
			i += size
			continue
		}
		if !isApostrophe(r) || i+size >= len(text) {
			break
		}
		next, _ := decodeRune(text, i+size)
		if !unicode.IsLetter(next) {
			break
		}
		// Possessive 's is dropped ("Ukraine's" reads as "ukraine"); other
		// contractions lose only the apostrophe ("aren't" reads as "arent").
		j := i + size
		if (text[j] == 's' || text[j] == 'S') && (j+1 >= len(text) || !isWordRuneAt(text, j+1)) {
			return j + 1
		}
		i = j
	}
	return i
}

// acronymLen returns the length of a dotted acronym such as "U.S." or
// "E.U." starting at i, or 0.
func acronymLen(text string, i int) int {
	j := i
	letters := 0
	for j+1 < len(text) && isASCIILetter(text[j]) && text[j+1] == '.' {
		letters++
		j += 2
		if j < len(text) && isASCIILetter(text[j]) && (j+1 >= len(text) || text[j+1] != '.') {
			break
		}
	}
	if letters < 2 {
		return 0
	}
	return j - i
}

// norm is a token's normal form. For a word as written it views the text
// without copying; callers only read it.
func (tz *tokenizer) norm(t token) []byte {
	if t.asWritten {
		return unsafe.Slice(unsafe.StringData(tz.text[t.normStart:]), t.normEnd-t.normStart)
	}
	return tz.buf[t.normStart:t.normEnd]
}

func decodeRune(s string, i int) (rune, int) {
	if c := s[i]; c < utf8.RuneSelf {
		return rune(c), 1
	}
	return utf8.DecodeRuneInString(s[i:])
}

func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return isASCIILetter(byte(r)) || (r >= '0' && r <= '9')
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

func isWordRuneAt(s string, i int) bool {
	r, _ := decodeRune(s, i)
	return isWordRune(r)
}

func isApostrophe(r rune) bool { return r == '\'' || r == '’' || r == 'ʼ' }

func isHyphen(r rune) bool { return r == '-' || r == '‐' || r == '‑' }

func isASCIILetter(c byte) bool { return (c|0x20) >= 'a' && (c|0x20) <= 'z' }

// asciiClass sorts bytes for the tokenizer's inner loops: 0 for everything
// that is not an ASCII letter or digit (bytes of multi-byte runes included).
var asciiClass = func() (t [256]uint8) {
	for c := range 256 {
		switch {
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
			t[c] = asciiLowerOrDigit
		case c >= 'A' && c <= 'Z':
			t[c] = asciiUpper
		}
	}
	return t
}()

const (
	asciiLowerOrDigit = 1 << iota
	asciiUpper
)

func lowerASCII(c byte) byte {
	if c >= 'A' && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// stem folds the plural forms news text uses into the singular: "guarantees"
// → "guarantee", "territories" → "territory". It is applied the same way to
// patterns and to text, so it only needs to be consistent, not linguistic.
// The result is written into dst.
func stem(dst, w []byte) []byte {
	n := len(w)
	switch {
	case n > 4 && w[n-3] == 'i' && w[n-2] == 'e' && w[n-1] == 's':
		dst = append(dst, w[:n-3]...)
		return append(dst, 'y')
	case n > 3 && w[n-1] == 's' && w[n-2] != 's' && w[n-2] != 'u' && w[n-2] != 'i':
		return append(dst, w[:n-1]...)
	}
	return append(dst, w...)
}
