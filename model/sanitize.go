package model

import (
	"strings"
	"unicode/utf8"
)

// Sanitize makes untrusted text safe to print to a terminal and to store.
//
// It converts CRLF and lone CR to LF, replaces invalid UTF-8 with U+FFFD and
// removes C0 controls (except newline and tab), DEL, C1 controls, every escape
// sequence (CSI, OSC, DCS, SOS, PM, APC and plain ESC sequences, in both their
// 7-bit and 8-bit forms), bidirectional override and isolate characters and a
// leading byte-order mark. Every other printable rune is kept as it is.
func Sanitize(s string) string {
	if isClean(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == '\r':
			b.WriteByte('\n')
			i++
			if i < len(s) && s[i] == '\n' {
				i++
			}
		case c == 0x1b:
			i = skipEscape(s, i+1)
		case c < 0x20 && c != '\n' && c != '\t', c == 0x7f:
			i++
		case c < utf8.RuneSelf:
			b.WriteByte(c)
			i++
		case i == 0 && strings.HasPrefix(s, "\ufeff"):
			i += len("\ufeff") // a leading byte-order mark
		default:
			i = writeNonASCII(&b, s, i)
		}
	}
	return b.String()
}

// writeNonASCII copies the rune at s[i] unless it is a C1 control (whose
// sequence, if it introduces one, goes too) or a bidirectional control, and
// replaces invalid UTF-8. It returns the index after what it consumed.
func writeNonASCII(b *strings.Builder, s string, i int) int {
	r, size := utf8.DecodeRuneInString(s[i:])
	switch {
	case r == utf8.RuneError && size == 1:
		b.WriteRune(utf8.RuneError)
	case r >= 0x80 && r <= 0x9f:
		return skipC1(s, r, i+size)
	case isBidiControl(r):
	default:
		b.WriteString(s[i : i+size])
	}
	return i + size
}

// isClean reports whether s needs no change, so the common case allocates
// nothing.
func isClean(s string) bool {
	for i := 0; i < len(s); {
		if i+8 <= len(s) && printableASCII8(s[i:i+8]) {
			i += 8
			continue
		}
		c := s[i]
		if c < utf8.RuneSelf {
			if (c < 0x20 && c != '\n' && c != '\t') || c == 0x7f {
				return false
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if (r == utf8.RuneError && size == 1) || (r >= 0x80 && r <= 0x9f) || isBidiControl(r) || (r == 0xfeff && i == 0) {
			return false
		}
		i += size
	}
	return true
}

// printableASCII8 reports whether all eight bytes of s are in 0x20..0x7e,
// testing them at once (newline and tab fail here and take the slow way).
func printableASCII8(s string) bool {
	x := uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	atLeast7F := (x | (x + ones)) & highs // carries only out of bytes already >= 0x80
	below20 := (x - 0x20*ones) & ^x & highs
	return atLeast7F|below20 == 0
}

// isBidiControl reports the embedding, override and isolate controls that can
// make displayed text read differently from its bytes (Trojan Source).
func isBidiControl(r rune) bool {
	return (r >= 0x202a && r <= 0x202e) || (r >= 0x2066 && r <= 0x2069)
}

// skipEscape returns the index just past the escape sequence whose ESC byte
// precedes i.
func skipEscape(s string, i int) int {
	if i >= len(s) {
		return i
	}
	switch s[i] {
	case '[':
		return skipCSI(s, i+1)
	case ']', 'P', 'X', '^', '_':
		return skipString(s, i+1)
	}
	// nF sequences: intermediates then one final byte.
	for i < len(s) && s[i] >= 0x20 && s[i] <= 0x2f {
		i++
	}
	if i < len(s) && s[i] >= 0x30 && s[i] <= 0x7e {
		i++
	}
	return i
}

// skipC1 handles a C1 control already decoded at the index before i: the
// introducers of CSI and the string sequences take their payload with them.
func skipC1(s string, r rune, i int) int {
	switch r {
	case 0x9b:
		return skipCSI(s, i)
	case 0x90, 0x98, 0x9d, 0x9e, 0x9f:
		return skipString(s, i)
	}
	return i
}

// skipCSI skips parameter and intermediate bytes and the final byte. A byte
// that cannot belong to a CSI sequence ends it without being consumed.
func skipCSI(s string, i int) int {
	for i < len(s) {
		c := s[i]
		switch {
		case c >= 0x20 && c <= 0x3f:
			i++
		case c >= 0x40 && c <= 0x7e:
			return i + 1
		default:
			return i
		}
	}
	return i
}

// skipString skips the payload of OSC, DCS, SOS, PM and APC up to and
// including BEL, ESC \ or the 8-bit ST. An unterminated payload ends at the
// line break so that a stray introducer cannot swallow the rest of a file.
func skipString(s string, i int) int {
	for i < len(s) {
		switch s[i] {
		case 0x07:
			return i + 1
		case '\n', '\r':
			return i
		case 0x1b:
			if i+1 < len(s) && s[i+1] == '\\' {
				return i + 2
			}
			return i
		case 0xc2:
			if i+1 < len(s) && s[i+1] == 0x9c {
				return i + 2
			}
		}
		i++
	}
	return i
}

// StripNonSGR removes from rendered output every escape sequence and control
// character except SGR styling (ESC [ … m), newlines and tabs. It is the last
// line of defence before text produced from untrusted input reaches a
// terminal, whatever a renderer did with it.
func StripNonSGR(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == 0x1b:
			end := skipEscape(s, i+1)
			if isSGR(s[i:end]) {
				b.WriteString(s[i:end])
			}
			i = end
		case c == '\r':
			i++
		case (c < 0x20 && c != '\n' && c != '\t') || c == 0x7f:
			i++
		case c < utf8.RuneSelf:
			b.WriteByte(c)
			i++
		default:
			i = writeNonASCII(&b, s, i)
		}
	}
	return b.String()
}

// isSGR reports whether seq is exactly one "ESC [ params m" sequence with
// numeric parameters.
func isSGR(seq string) bool {
	if len(seq) < 3 || seq[0] != 0x1b || seq[1] != '[' || seq[len(seq)-1] != 'm' {
		return false
	}
	for i := 2; i < len(seq)-1; i++ {
		c := seq[i]
		if (c < '0' || c > '9') && c != ';' && c != ':' {
			return false
		}
	}
	return true
}
