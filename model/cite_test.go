package model

import (
	"strings"
	"testing"
)

// FuzzWebLink: a link destination never carries what would end it or run
// a script, and an outlet taken from a URL is one clean line.
func FuzzWebLink(f *testing.F) {
	for _, s := range []string{"https://apnews.com/a(b) c", "javascript:alert(1)", "http://x.com/<script>", "https://a.b/\x1b]52;c;x\x07", "//x.com", "https://[::1]:80/a", "https://éxample.com/ü"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		if link, ok := WebLink(raw); ok {
			if !strings.HasPrefix(link, "http://") && !strings.HasPrefix(link, "https://") || strings.ContainsAny(link, "()<> \t\n\"`\\\x1b\x7f") {
				t.Fatalf("WebLink(%q) = %q", raw, link)
			}
		}
		if o := OutletOfURL(Sanitize(raw)); strings.ContainsAny(o, "\n\x1b") {
			t.Fatalf("OutletOfURL(%q) = %q", raw, o)
		}
	})
}
