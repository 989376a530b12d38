package model

import (
	"regexp"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// hostile are the payloads every fuzz target starts from (besides the files
// under testdata/fuzz): terminal attacks and glamour's entity escape.
var hostile = []string{
	"clip \x1b]52;c;ZWNobyBwd25lZA==\x07 board",
	"title \x1b]0;pwned\x1b\\ set",
	"clear \x1b[2J\x1b[H screen",
	"query \x1b[6n cursor",
	"dcs \x1bP1$r0m\x1b\\ payload",
	"apc \x1b_Gf=100,a=T;AAAA\x1b\\ image",
	"entity &#27;[2J and &#x1b;]0;t&#7;",
	"8-bit \u009b2J and \u009d0;t\u009c",
	"bidi \u202eevil\u202c text",
	"Security guarantees for Kyiv 🇺🇦 和平 e\u0301",
	" date 2025-12-13 By A B and C D Headline here\n\nBody.",
	"---\ntitle: x\ndate: 2025-01-01\n---\nBody about territory.",
	strings.Repeat(">", 5000) + " deep quote",
	"\xff\xfe invalid \xc3\x28 utf8",
}

func FuzzSanitize(f *testing.F) {
	for _, s := range hostile {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		out := Sanitize(in)
		if !utf8.ValidString(out) {
			t.Fatalf("invalid UTF-8 out of %q", in)
		}
		for _, r := range out {
			if (r < 0x20 && r != '\n' && r != '\t') || r == 0x7f || (r >= 0x80 && r <= 0x9f) || isBidiControl(r) {
				t.Fatalf("forbidden rune %U in %q (from %q)", r, out, in)
			}
		}
		if Sanitize(out) != out {
			t.Fatalf("not idempotent on %q", in)
		}
		// Every printable rune outside an escape sequence survives. Text
		// with no ESC or C1 introducer has no sequences, so all of it must.
		if !strings.ContainsAny(in, "\x1b\u0090\u0098\u009b\u009d\u009e\u009f") && utf8.ValidString(in) {
			want := strings.Map(func(r rune) rune {
				if unicode.IsPrint(r) || r == '\n' || r == '\t' || r == ' ' {
					return r
				}
				return -1
			}, strings.ReplaceAll(strings.ReplaceAll(in, "\r\n", "\n"), "\r", "\n"))
			kept := strings.Map(func(r rune) rune {
				if unicode.IsPrint(r) || r == '\n' || r == '\t' || r == ' ' {
					return r
				}
				return -1
			}, out)
			if kept != want {
				t.Fatalf("printable runes lost: %q -> %q", in, out)
			}
		}
	})
}

func FuzzStripNonSGR(f *testing.F) {
	for _, s := range hostile {
		f.Add(s)
	}
	f.Add("\x1b[1;31mred\x1b[0m")
	f.Fuzz(func(t *testing.T, in string) {
		out := StripNonSGR(in)
		for i := 0; i < len(out); i++ {
			if out[i] != 0x1b {
				continue
			}
			end := skipEscape(out, i+1)
			if !isSGR(out[i:end]) {
				t.Fatalf("non-SGR sequence %q survived in %q", out[i:end], out)
			}
		}
		if strings.ContainsAny(out, "\r\x07\x00") {
			t.Fatalf("control survived: %q", out)
		}
	})
}

func FuzzParse(f *testing.F) {
	for _, s := range hostile {
		f.Add("a.txt", []byte(s))
		f.Add("a.md", []byte(s))
	}
	f.Fuzz(func(t *testing.T, name string, data []byte) {
		a, _, err := Parse(name, data)
		if err != nil {
			return
		}
		if a.Title == "" || strings.ContainsAny(a.Title, "\x1b\n") {
			t.Fatalf("bad title %q", a.Title)
		}
		if strings.ContainsAny(a.Source+a.Author, "\x1b\n") {
			t.Fatalf("bad source %q or author %q", a.Source, a.Author)
		}
		for i, p := range a.Paragraphs {
			if p.Index != i+1 || p.Text == "" || len(p.Text) > MaxParagraphBytes || !utf8.ValidString(p.Text) || strings.ContainsRune(p.Text, 0x1b) {
				t.Fatalf("bad paragraph %d: %+v", i, p)
			}
		}
	})
}

func FuzzFrontMatter(f *testing.F) {
	f.Add("---\ntitle: T\ndate: 2025-01-02\nsource: S\nauthor: A\nurl: u\n---\nbody")
	f.Add("---\ntitle: [unclosed\n---\nbody")
	f.Add("---\n---\n")
	f.Add("---\ntitle: \"\\e]0;x\\a\"\n---\nbody")
	f.Fuzz(func(t *testing.T, in string) {
		var a Article
		rest := applyFrontMatter(&a, Sanitize(in))
		if !strings.HasSuffix(Sanitize(in), rest) {
			t.Fatalf("front matter changed the body: %q", rest)
		}
		for _, s := range []string{a.Title, a.Source, a.Author, a.URL} {
			if strings.ContainsAny(s, "\n\x1b\x07") {
				t.Fatalf("control in field %q", s)
			}
		}
	})
}

func FuzzTag(f *testing.F) {
	for _, s := range hostile {
		f.Add(s)
	}
	f.Add("U.S.-backed cease-fire; Kyiv’s territories; frozen ~ assets")
	tg := defaultTagger(f)
	f.Fuzz(func(t *testing.T, text string) {
		// The tagger reads text as loaded, which is always sanitised.
		text = Sanitize(text)
		set, spans := tg.Tag(text)
		for _, s := range spans {
			if s.Start < 0 || s.End > len(text) || s.Start >= s.End {
				t.Fatalf("span %+v outside %d bytes", s, len(text))
			}
			if !utf8.RuneStart(text[s.Start]) || (s.End < len(text) && !utf8.RuneStart(text[s.End])) {
				t.Fatalf("span %+v splits a rune in %q", s, text)
			}
			if !set.Has(s.Topic) {
				t.Fatalf("span of topic %d not in set", s.Topic)
			}
		}
		if set != 0 && len(spans) == 0 {
			t.Fatal("topics without spans")
		}
		// The word gate may only skip words that match nothing.
		var st tagState
		st.tz.tokenize(text)
		for _, tok := range st.tz.tokens {
			if w := st.tz.norm(tok); len(tg.matchWord(&st, nil, w)) > 0 && !tg.gate.admits(w) {
				t.Fatalf("gate stops %q", w)
			}
		}
	})
}

// FuzzJoinInitials holds joinInitials to the regular expression it
// replaced, \b(\pL)\. → $1, on any text.
func FuzzJoinInitials(f *testing.F) {
	for _, s := range []string{"U.S. and E.U.", "Mr. Smith", "éA.B.", "\u212a.B", "A_B.C", "3.5", "..", "a.", "\xff.a."} {
		f.Add(s)
	}
	initials := regexp.MustCompile(`\b(\pL)\.`)
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return // titles are sanitised: always valid UTF-8
		}
		if got, want := joinInitials(s), initials.ReplaceAllString(s, "$1"); got != want {
			t.Fatalf("joinInitials(%q) = %q, want %q", s, got, want)
		}
	})
}
