package cli

import (
	"bytes"
	"encoding/json"
	"testing"
)

// FuzzAppendJSONString: the fast path writes what encoding/json writes,
// byte for byte, whatever the string.
func FuzzAppendJSONString(f *testing.F) {
	for _, s := range []string{"", "Kyiv’s plan", `say "no"`, `a\b`, "tab\there", "\x00\x1f\x7f", "line\u2028sep\u2029", "<b>&amp;</b>", "\xff\xfe", "é\xc3"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var want bytes.Buffer
		enc := json.NewEncoder(&want)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(s); err != nil {
			t.Fatal(err)
		}
		got := appendJSONString([]byte("x"), s)
		if string(got) != "x"+string(bytes.TrimSuffix(want.Bytes(), []byte("\n"))) {
			t.Fatalf("%q: got %s, want %s", s, got[1:], want.Bytes())
		}
	})
}
