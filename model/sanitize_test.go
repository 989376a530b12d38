package model

import (
	"strings"
	"testing"
)

func TestSanitize(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"plain text is untouched", "Kyiv, 2025 — talks ✓ 和平 🇺🇦 e\u0301", "Kyiv, 2025 — talks ✓ 和平 🇺🇦 e\u0301"},
		{"CRLF and CR become LF", "a\r\nb\rc", "a\nb\nc"},
		{"tabs and newlines stay", "a\tb\nc", "a\tb\nc"},
		{"C0 controls and DEL go", "a\x00b\x07c\x08d\x7fe", "abcde"},
		{"OSC 52 clipboard write", "x\x1b]52;c;ZXZpbA==\x07y", "xy"},
		{"OSC 0 title with ST", "x\x1b]0;pwned\x1b\\y", "xy"},
		{"CSI clear screen", "x\x1b[2Jy", "xy"},
		{"CSI device status query", "x\x1b[6ny", "xy"},
		{"SGR is removed at load too", "x\x1b[31mred\x1b[0my", "xredy"},
		{"DCS payload", "x\x1bPq#0;2;0;0;0\x1b\\y", "xy"},
		{"APC payload", "x\x1b_Gf=100;AAAA\x1b\\y", "xy"},
		{"8-bit CSI", "x\u009b2Jy", "xy"},
		{"8-bit OSC with 8-bit ST", "x\u009d0;t\u009cy", "xy"},
		{"other C1 controls", "x\u0085y\u0090\u009cz", "xyz"},
		{"unterminated OSC ends at the line", "x\x1b]0;title\nnext", "x\nnext"},
		{"lone ESC at end", "x\x1b", "x"},
		{"bidi overrides", "a\u202eb\u2066c\u2069d", "abcd"},
		{"invalid UTF-8 is replaced", "a\xffb", "a\ufffdb"},
		{"leading BOM", "\ufeffHello", "Hello"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Sanitize(tt.in); got != tt.want {
				t.Errorf("Sanitize(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestStripNonSGRKeepsOnlySGR(t *testing.T) {
	in := "\x1b[1;38;2;1;2;3mbold\x1b[0m \x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\ \x1b[2J\x1b]52;c;AA==\x07\u009b6n\r\x00end"
	got := StripNonSGR(in)
	want := "\x1b[1;38;2;1;2;3mbold\x1b[0m link end"
	if got != want {
		t.Errorf("StripNonSGR = %q, want %q", got, want)
	}
}

func TestSanitizeCleanInputDoesNotAllocate(t *testing.T) {
	s := strings.Repeat("Security guarantees for Kyiv. ", 100)
	if n := testing.AllocsPerRun(10, func() { _ = Sanitize(s) }); n != 0 {
		t.Errorf("Sanitize allocated %v times on clean input", n)
	}
}

// TestIsCleanAgreesByteByByte checks the eight-bytes-at-once test against
// a byte-by-byte one on every byte value at every position of a word.
func TestIsCleanAgreesByteByByte(t *testing.T) {
	slow := func(s string) bool {
		for _, c := range []byte(s) {
			if c < 0x20 || c >= 0x7f {
				return false
			}
		}
		return true
	}
	base := []byte("Kyiv talks resume")
	for pos := range 8 {
		for c := range 256 {
			b := append([]byte(nil), base...)
			b[pos] = byte(c)
			if got, want := printableASCII8(string(b[:8])), slow(string(b[:8])); got != want {
				t.Errorf("byte %#x at %d: %v, want %v", c, pos, got, want)
			}
			if c < 0x20 && c != '\n' && c != '\t' || c == 0x7f {
				if isClean(string(b)) {
					t.Errorf("byte %#x at %d passed as clean", c, pos)
				}
			}
		}
	}
}
