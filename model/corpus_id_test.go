package model

import (
	"fmt"
	"hash/fnv"
	"testing"
)

// Ids of articles whose titles clash carry a tag of their path; pins name
// articles by id, so the tag must stay what it has always been.
func TestPathTagIsStable(t *testing.T) {
	for _, p := range []string{"", "a.md", "/tmp/c100k/folder001/2025-03-04-talks.md", "seeds/ünïcode.txt"} {
		h := fnv.New32a()
		h.Write([]byte(p))
		if want := fmt.Sprintf("%04x", h.Sum32()&0xffff); pathTag(p) != want {
			t.Errorf("pathTag(%q) = %s, want %s", p, pathTag(p), want)
		}
	}
}
