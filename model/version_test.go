package model

import (
	"crypto/sha256"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"briefing/seeds"
)

var updateVersion = flag.Bool("update-tagging", false, "record the tagging fingerprint for TaggingVersion")

// An index keeps what each file yielded under TaggingVersion, so a change
// to parsing or tagging must move it, or indexes built before it would be
// trusted. This test fingerprints what the seeds and the held-out articles
// yield; when that changes and the version did not, it fails. Bump
// TaggingVersion, then run go test ./model -run TaggingVersion
// -update-tagging.
func TestTaggingVersion(t *testing.T) {
	tg := defaultTagger(t)
	h := sha256.New()
	seedCorpus, _, err := LoadFS(seeds.Articles(), LoadOptions{Tagger: tg})
	if err != nil {
		t.Fatal(err)
	}
	held, _, err := LoadPaths([]string{filepath.Join("testdata", "heldout"), filepath.Join("testdata", "heldout2")}, LoadOptions{Tagger: tg})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []*Corpus{seedCorpus, held} {
		for _, a := range c.Articles {
			fmt.Fprintf(h, "%s|%s|%s|%s|%s|%s|%v\n", a.Title, a.Standfirst, a.Author, a.Source, a.URL, a.DateString(), a.TopicCounts)
			for _, ps := range [][]Paragraph{a.Head, a.Paragraphs} {
				for _, p := range ps {
					fmt.Fprintf(h, "%d|%d|%x|%v|%v\n", p.Index, p.Kind, sha256.Sum256([]byte(p.Text)), p.Topics, p.Spans)
				}
			}
		}
	}
	got := fmt.Sprintf("%d %x", TaggingVersion, h.Sum(nil)[:12])
	path := filepath.Join("testdata", "tagging-version.txt")
	if *updateVersion {
		if err := os.WriteFile(path, []byte(got+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	want := strings.TrimSpace(string(data))
	wantVersion, wantSum, _ := strings.Cut(want, " ")
	gotSum := got[strings.IndexByte(got, ' ')+1:]
	switch {
	case gotSum == wantSum && wantVersion != strconv.Itoa(TaggingVersion):
		t.Errorf("TaggingVersion moved to %d but tagging did not change; run with -update-tagging", TaggingVersion)
	case gotSum != wantSum && wantVersion == strconv.Itoa(TaggingVersion):
		t.Errorf("parsing or tagging changed what files yield, but TaggingVersion is still %d: bump it (model/summary.go), then run go test ./model -run TaggingVersion -update-tagging", TaggingVersion)
	case gotSum != wantSum:
		t.Errorf("TaggingVersion is %d but its fingerprint is not recorded; run with -update-tagging", TaggingVersion)
	}
}
