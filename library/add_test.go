package library

import (
	"context"
	"errors"
	"io/fs"
	"net"
	"net/netip"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"briefing/model"
)

var fixedNow = func() time.Time { return time.Date(2026, 11, 30, 12, 0, 0, 0, time.UTC) }

func newTestLibrary(t *testing.T, o ClientOptions) *Library {
	t.Helper()
	l := Open(filepath.Join(t.TempDir(), "articles"), NewClient(o))
	l.Now = fixedNow
	return l
}

// files lists the library's files, relative to it.
func files(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			rel, _ := filepath.Rel(dir, p)
			out = append(out, filepath.ToSlash(rel))
		}
		return nil
	})
	return out
}

func TestAddSavesMarkdownTheReaderLoads(t *testing.T) {
	site := newTestSite(t)
	l := newTestLibrary(t, ClientOptions{})
	res, err := l.Add(context.Background(), site.URL+"/news/prisoner-exchange", false)
	if err != nil {
		t.Fatal(err)
	}
	want := filepath.Join(l.Dir, "northern-ledger", "2025-05-16_negotiators-agree-prisoner-exchange-framework-in-istanbul.md")
	if res.Status != Added || res.Path != want {
		t.Fatalf("got %v %s, want added %s", res.Status, res.Path, want)
	}
	data, err := os.ReadFile(res.Path)
	if err != nil {
		t.Fatal(err)
	}
	head := "---\ntitle: 'Negotiators agree prisoner exchange framework in Istanbul'\nsource: 'Northern Ledger'\nauthor: 'Olena Marchenko'\ndate: 2025-05-16\nurl: '" + site.URL + "/news/prisoner-exchange'\nfetched: 2026-11-30T12:00:00Z\n---\n"
	if !strings.HasPrefix(string(data), head) {
		t.Fatalf("front matter:\n%s\nwant:\n%s", data, head)
	}
	a, _, err := model.Parse(res.Path, data)
	if err != nil {
		t.Fatal(err)
	}
	if a.Title != "Negotiators agree prisoner exchange framework in Istanbul" || a.Source != "Northern Ledger" || a.Author != "Olena Marchenko" || a.DateString() != "2025-05-16" || a.URL != site.URL+"/news/prisoner-exchange" {
		t.Errorf("loaded as %q %q %q %q %q", a.Title, a.Source, a.Author, a.DateString(), a.URL)
	}
	if len(a.Paragraphs) != 7 {
		var texts []string
		for _, p := range a.Paragraphs {
			texts = append(texts, p.Kind.String()+": "+p.Text)
		}
		t.Errorf("%d paragraphs, want 7 (6 body and a subheading):\n%s", len(a.Paragraphs), strings.Join(texts, "\n"))
	}
	if got := files(t, l.Dir); len(got) != 1 {
		t.Errorf("library holds %v, want one file", got)
	}
	if ua := site.userAgent.Load(); ua == nil || !strings.HasPrefix(*ua, "briefing/") {
		t.Errorf("User-Agent sent: %v", ua)
	}
}

func TestAddTwiceSavesOnce(t *testing.T) {
	site := newTestSite(t)
	l := newTestLibrary(t, ClientOptions{})
	first, err := l.Add(context.Background(), site.URL+"/news/prisoner-exchange", false)
	if err != nil {
		t.Fatal(err)
	}
	// A fresh Library reads what is on disk, as a second run would.
	l2 := Open(l.Dir, l.Client)
	for _, u := range []string{site.URL + "/news/prisoner-exchange", site.URL + "/news/prisoner-exchange#comments", strings.Replace(site.URL, "http://", "HTTP://", 1) + "/news/prisoner-exchange?utm_source=x"} {
		res, err := l2.Add(context.Background(), u, false)
		if err != nil {
			t.Fatal(err)
		}
		if res.Status != Exists || res.Path != first.Path {
			t.Errorf("%s: %v %s, want already in the library at %s", u, res.Status, res.Path, first.Path)
		}
	}
	if n := site.hits.Load(); n != 1 {
		t.Errorf("the page was fetched %d times, want once", n)
	}
	// Through a redirect: fetched, found to be the same page, not saved.
	res, err := l2.Add(context.Background(), site.URL+"/moved", false)
	if err != nil || res.Status != Exists || res.Path != first.Path {
		t.Errorf("via a redirect: %v %s %v", res.Status, res.Path, err)
	}
	if got := files(t, l.Dir); len(got) != 1 {
		t.Errorf("library holds %v, want one file", got)
	}
}

func TestAddForceKeepsTheOldVersionOnlyWhenTheTextChanged(t *testing.T) {
	site := newTestSite(t)
	l := newTestLibrary(t, ClientOptions{})
	ctx := context.Background()
	u := site.URL + "/news/prisoner-exchange"
	first, err := l.Add(ctx, u, false)
	if err != nil {
		t.Fatal(err)
	}
	original, _ := os.ReadFile(first.Path)

	res, err := l.Add(ctx, u, true)
	if err != nil || res.Status != Unchanged {
		t.Fatalf("same text: %v %v, want unchanged", res.Status, err)
	}
	if IsUpdated(first.Path) || len(files(t, l.Dir)) != 1 {
		t.Fatalf("same text kept a version: %v", files(t, l.Dir))
	}

	site.edit.Store(strings.NewReplacer("within days", "within a week"))
	res, err = l.Add(ctx, u, true)
	if err != nil {
		t.Fatal(err)
	}
	if res.Status != Updated || res.Path != first.Path || res.Kept != strings.TrimSuffix(first.Path, ".md")+"~1.md" {
		t.Fatalf("changed text: %+v", res)
	}
	kept, _ := os.ReadFile(res.Kept)
	if string(kept) != string(original) {
		t.Error("the kept version is not the original file")
	}
	now, _ := os.ReadFile(first.Path)
	if !strings.Contains(string(now), "within a week") {
		t.Error("the article was not refreshed")
	}
	if !IsUpdated(first.Path) || !slices.Equal(Versions(first.Path), []string{res.Kept}) {
		t.Errorf("IsUpdated %v, Versions %v", IsUpdated(first.Path), Versions(first.Path))
	}
	// The old version is not an article of its own.
	if HasArticles(filepath.Dir(res.Kept)) != true || isArticleFile(filepath.Base(res.Kept)) {
		t.Error("the kept version counts as an article")
	}
	site.edit.Store(strings.NewReplacer("within days", "within hours"))
	if res, err = l.Add(ctx, u, true); err != nil || !strings.HasSuffix(res.Kept, "~2.md") {
		t.Errorf("second change: %+v %v", res, err)
	}
}

func TestAddBadInput(t *testing.T) {
	site := newTestSite(t)
	private := newTestSite(t) // stands for a machine on the private network
	dead := newTestSite(t)
	deadURL := dead.URL
	dead.Close()
	siteAddr := netip.MustParseAddrPort(site.Listener.Addr().String())
	deadAddr := netip.MustParseAddrPort(strings.TrimPrefix(deadURL, "http://"))
	// httptest listens on loopback, which DenyPrivate refuses: the test
	// policy lets the test site through and judges everything else.
	policy := func(a netip.AddrPort) error {
		if a == siteAddr || a == deadAddr {
			return nil
		}
		return DenyPrivate(a)
	}
	cases := []struct {
		name, url, want string
	}{
		{"404", site.URL + "/missing", "HTTP 404 Not Found"},
		{"dead link", deadURL + "/story", "connection refused"},
		{"timeout", site.URL + "/slow", "timed out"},
		{"not HTML", site.URL + "/pdf", "not an HTML page (application/pdf)"},
		{"no story", site.URL + "/front", "no article text"},
		{"huge", site.URL + "/huge", "too large (over 5 MiB)"},
		{"redirect loop", site.URL + "/loop", "too many redirects"},
		{"invalid", "http://[::1", "invalid URL"},
		{"relative", "news/story.html", "not absolute"},
		{"file", "file:///etc/passwd", "only http and https"},
		{"redirect to file", site.URL + "/to-file", "only http and https"},
		{"redirect to private", site.URL + "/to?u=" + url.QueryEscape(private.URL+"/news/prisoner-exchange"), "refused to connect to 127.0.0.1: a loopback address"},
		{"private", "http://10.0.0.1/story", "refused to connect to 10.0.0.1: a private address"},
	}
	l := newTestLibrary(t, ClientOptions{Policy: policy, TotalTimeout: 300 * time.Millisecond})
	// Something already in the library must not be touched by failures.
	if _, err := l.Add(context.Background(), site.URL+"/news/prisoner-exchange", false); err != nil {
		t.Fatal(err)
	}
	before := files(t, l.Dir)
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := l.Add(context.Background(), c.url, false)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("err = %v, want it to say %q", err, c.want)
			}
			if strings.Contains(err.Error(), "\n") {
				t.Errorf("error is not one line: %q", err)
			}
		})
	}
	if after := files(t, l.Dir); !slices.Equal(before, after) {
		t.Errorf("failures changed the library: %v → %v", before, after)
	}
	if private.hits.Load() != 0 {
		t.Error("the private address was reached")
	}
}

func TestDenyPrivate(t *testing.T) {
	for _, c := range []struct {
		addr   string
		denied bool
	}{
		{"127.0.0.1", true}, {"10.1.2.3", true}, {"172.16.0.1", true}, {"192.168.1.1", true},
		{"169.254.169.254", true}, {"100.64.0.1", true}, {"0.0.0.0", true}, {"::1", true},
		{"fd00::1", true}, {"fe80::1", true}, {"::ffff:10.0.0.1", true},
		{"93.184.216.34", false}, {"2606:4700::1111", false},
	} {
		err := Policy(DenyPrivate).check(net.JoinHostPort(c.addr, "80"))
		var d *DeniedError
		if got := errors.As(err, &d); got != c.denied {
			t.Errorf("%s: denied %v, want %v (%v)", c.addr, got, c.denied, err)
		}
	}
}

func TestAddInterruptedLeavesNoFile(t *testing.T) {
	site := newTestSite(t)
	l := newTestLibrary(t, ClientOptions{})
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := l.Add(ctx, site.URL+"/news/prisoner-exchange", false); !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want canceled", err)
	}
	if got := files(t, l.Dir); len(got) != 0 {
		t.Errorf("an interrupted add left %v", got)
	}
	// writeAtomic itself: cancelled between writing and renaming.
	p := filepath.Join(t.TempDir(), "a.md")
	if err := writeAtomic(ctx, p, []byte("text")); !errors.Is(err, context.Canceled) {
		t.Fatal(err)
	}
	if got := files(t, filepath.Dir(p)); len(got) != 0 {
		t.Errorf("left %v", got)
	}
}

func TestUserAgentNamesBriefing(t *testing.T) {
	if ua := UserAgent("v1.2.3"); !strings.HasPrefix(ua, "briefing/v1.2.3 ") {
		t.Errorf("User-Agent %q", ua)
	}
}
