package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"briefing/model"
)

// hostileFolder writes the folder issue #7 describes: some good articles,
// some that cannot be read, one full of terminal escapes.
func hostileFolder(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	files := map[string]string{
		"escapes.txt":    "Escapes \x1b]0;pwned\x07in the headline\n\nBody \x1b]52;c;ZXZpbA==\x07 with \x1b[2J\x1b[6n sequences, \x1bPq#0\x1b\\ DCS, \x1b_Gf=1\x1b\\ APC and &#27;[31m an entity about the minerals deal.\n",
		"binary.txt":     "abc\xff\xfe\x00\x01def",
		"crlf.txt":       "Headline in CRLF lines\r\n\r\nFirst paragraph on territory.\r\n\r\nSecond paragraph.\r\n",
		"long-para.txt":  "One very long paragraph\n\n" + strings.Repeat("Talks on security guarantees went on. ", 540) + "\n",
		"empty.txt":      "",
		"whitespace.txt": " \n\n\t\t\n   \n",
		"deep.md":        "# Deeply nested\n\n" + strings.Repeat(">", 5000) + " quote\n\n" + strings.Repeat("  - ", 2000) + "list\n\n" + strings.Repeat("x", 1<<20) + "\n",
	}
	for name, body := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestHostileFolder(t *testing.T) {
	dir := hostileFolder(t)
	r := runCLI(t, false, nil, "list", "--json", dir)
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	if n := strings.Count(r.stdout, "\n"); n != 4 {
		t.Errorf("%d articles loaded, want 4 (escapes, crlf, long-para, deep):\n%s", n, r.stdout)
	}
	warnings := strings.Split(strings.TrimSpace(r.stderr), "\n")
	for _, name := range []string{"binary.txt", "empty.txt", "whitespace.txt", "long-para.txt", "deep.md"} {
		n := 0
		for _, w := range warnings {
			if strings.Contains(w, name) {
				n++
			}
		}
		if n != 1 {
			t.Errorf("%d warnings name %s:\n%s", n, name, r.stderr)
		}
	}
	if len(warnings) != 5 {
		t.Errorf("%d warnings, want 5:\n%s", len(warnings), r.stderr)
	}
	if strings.ContainsRune(r.stdout+r.stderr, 0x1b) {
		t.Error("escape reached the output")
	}

	for _, args := range [][]string{
		{"show", "--color", "always", "--topic", "minerals-deal", filepath.Join(dir, "escapes.txt")},
		{"show", "--color", "always", filepath.Join(dir, "deep.md")},
		{"compare", "--color", "always", "--width", "120", "escapes", "headline-crlf", dir},
		{"tag", dir},
		{"coverage", "--by", "outlet", dir},
		{"export", "--topic", "territory", "--format", "txt", dir},
	} {
		r := runCLI(t, false, nil, args...)
		if r.code != 0 {
			t.Fatalf("%v: exit %d: %s", args, r.code, r.stderr)
		}
		if clean := model.StripNonSGR(r.stdout); clean != r.stdout {
			t.Errorf("%v: output carries a sequence other than SGR", args)
		}
		for _, bad := range []string{"\x1b]", "\x1b[2J", "\x1b[6n", "\x1bP", "\x1b_", "\x07"} {
			if strings.Contains(r.stdout, bad) {
				t.Errorf("%v: output contains %q", args, bad)
			}
		}
	}
}
