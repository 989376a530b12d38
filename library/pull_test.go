package library

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

func TestAddFeedAndFetch(t *testing.T) {
	site := newTestSite(t)
	l := newTestLibrary(t, ClientOptions{})
	ctx := context.Background()
	for _, u := range []string{site.URL + "/feeds/atom.xml", site.URL + "/feeds/rss.xml"} {
		if _, added, err := l.AddFeed(ctx, u); err != nil || !added {
			t.Fatalf("%s: added %v, %v", u, added, err)
		}
	}
	if _, added, err := l.AddFeed(ctx, site.URL+"/feeds/atom.xml"); err != nil || added {
		t.Errorf("the same feed again: added %v, %v", added, err)
	}
	for _, c := range []struct{ url, want string }{
		{site.URL + "/feeds/notfeed", "not a feed"},
		{site.URL + "/missing.xml", "HTTP 404"},
		{"file:///etc/passwd", "only http and https"},
	} {
		if _, _, err := l.AddFeed(ctx, c.url); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: err = %v, want %q", c.url, err, c.want)
		}
	}
	feeds, err := l.Feeds()
	if err != nil || len(feeds) != 2 || feeds[0].Title != "Northern Ledger: World" || feeds[1].Title != "Valley Courier" {
		t.Fatalf("feeds.yaml holds %+v (%v)", feeds, err)
	}

	var events []Event
	sum, err := l.Fetch(ctx, func(ev Event) { events = append(events, ev) })
	if err != nil {
		t.Fatal(err)
	}
	if want := (Summary{Feeds: 2, New: 3, Failed: 1}); sum != want {
		t.Errorf("summary %+v, want %+v", sum, want)
	}
	if len(events) == 0 || events[0].Feed != "" || events[0].Total != 4 || events[0].Done != 0 {
		t.Fatalf("the first event does not announce the total: %+v", events)
	}
	events = events[1:]
	var failures []string
	for _, ev := range events {
		if ev.Err != nil {
			failures = append(failures, ev.Result.URL+": "+ev.Err.Error())
		}
		if ev.Total != 4 {
			t.Errorf("event total %d, want 4", ev.Total)
		}
	}
	if want := []string{site.URL + "/gone: HTTP 404 Not Found"}; !slices.Equal(failures, want) {
		t.Errorf("failures %q, want %q", failures, want)
	}
	got := files(t, l.Dir)
	want := []string{
		"feeds.yaml",
		"harbour-times/2025-06-02_drone-strike-hits-energy-depot-near-odesa-officials-say.md",
		"northern-ledger/2025-05-16_negotiators-agree-prisoner-exchange-framework-in-istanbul.md",
		"valley-courier/2025-06-02_drone-strike-hits-energy-depot-near-odesa.md",
	}
	if !slices.Equal(got, want) {
		t.Errorf("library holds\n%q\nwant\n%q", got, want)
	}
	feeds, _ = l.Feeds()
	if feeds[0].ETag != `"atom.xml-v1"` || feeds[0].LastModified == "" {
		t.Errorf("atom feed validators not kept: %+v", feeds[0])
	}
	if feeds[1].ETag != "" {
		t.Errorf("a feed with a failed item kept its validators: %+v", feeds[1])
	}

	// Again: the Atom feed answers 304, the RSS feed's saved item is not
	// fetched again, its failed item is tried again.
	hits := site.hits.Load()
	sum, err = l.Fetch(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	if want := (Summary{Feeds: 2, Failed: 1}); sum != want {
		t.Errorf("second fetch: %+v, want %+v", sum, want)
	}
	if site.etagHits.Load() != 1 {
		t.Errorf("%d conditional requests answered 304, want 1", site.etagHits.Load())
	}
	if n := site.hits.Load() - hits; n != 0 {
		t.Errorf("second fetch downloaded %d saved pages again", n)
	}
}

func TestFetchFeedThatIsNotAFeed(t *testing.T) {
	site := newTestSite(t)
	l := newTestLibrary(t, ClientOptions{})
	os.MkdirAll(l.Dir, 0o755)
	data := fmt.Sprintf("feeds:\n  - url: %s/feeds/notfeed\n  - url: %s/feeds/gone.xml\n", site.URL, site.URL)
	os.WriteFile(filepath.Join(l.Dir, FeedsFile), []byte(data), 0o644)
	var errs []string
	sum, err := l.Fetch(context.Background(), func(ev Event) {
		if ev.Err != nil {
			errs = append(errs, ev.Feed+": "+ev.Err.Error())
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Failed != 2 || len(errs) != 2 {
		t.Fatalf("summary %+v, events %q", sum, errs)
	}
	slices.Sort(errs)
	if !strings.Contains(errs[0], "gone.xml: HTTP 404") || !strings.Contains(errs[1], "notfeed: not a feed") {
		t.Errorf("events %q", errs)
	}
}

func TestFeedsFileErrors(t *testing.T) {
	l := newTestLibrary(t, ClientOptions{})
	os.MkdirAll(l.Dir, 0o755)
	for _, c := range []struct{ data, want string }{
		{"feeds:\n  - url: ftp://x/feed\n", "only http and https"},
		{"feeds:\n  - adress: http://x/feed\n", "field adress not found"},
		{"feeds: [", "feeds.yaml"},
		{"", ""},
	} {
		os.WriteFile(filepath.Join(l.Dir, FeedsFile), []byte(c.data), 0o644)
		_, err := l.Feeds()
		if c.want == "" && err != nil || c.want != "" && (err == nil || !strings.Contains(err.Error(), c.want)) {
			t.Errorf("%q: err = %v, want %q", c.data, err, c.want)
		}
	}
}

// TestFetchConcurrency serves feeds from six hosts with slow pages: no
// host ever sees two requests at once, and no more than four run overall.
func TestFetchConcurrency(t *testing.T) {
	var inFlight, most atomic.Int64
	var mu sync.Mutex
	perHostMost := map[string]int{}
	perHostNow := map[string]int{}
	page := fixture(t, "news.html", "")
	l := newTestLibrary(t, ClientOptions{})
	os.MkdirAll(l.Dir, 0o755)
	var feeds strings.Builder
	feeds.WriteString("feeds:\n")
	for range 6 {
		var srv *httptest.Server
		srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.URL.Path == "/feed" {
				fmt.Fprintf(w, `<rss version="2.0"><channel><title>t</title>`)
				for i := range 3 {
					fmt.Fprintf(w, `<item><title>t</title><link>%s/p%d</link></item>`, srv.URL, i)
				}
				fmt.Fprintf(w, `</channel></rss>`)
				return
			}
			n := inFlight.Add(1)
			for {
				m := most.Load()
				if n <= m || most.CompareAndSwap(m, n) {
					break
				}
			}
			mu.Lock()
			perHostNow[r.Host]++
			perHostMost[r.Host] = max(perHostMost[r.Host], perHostNow[r.Host])
			mu.Unlock()
			time.Sleep(20 * time.Millisecond)
			mu.Lock()
			perHostNow[r.Host]--
			mu.Unlock()
			inFlight.Add(-1)
			w.Header().Set("Content-Type", "text/html")
			// Each page its own story, so each is saved.
			w.Write([]byte(strings.Replace(string(page), "Negotiators agree", "Negotiators agree "+r.Host+r.URL.Path, 2)))
		}))
		t.Cleanup(srv.Close)
		fmt.Fprintf(&feeds, "  - url: %s/feed\n", srv.URL)
	}
	os.WriteFile(filepath.Join(l.Dir, FeedsFile), []byte(feeds.String()), 0o644)
	sum, err := l.Fetch(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if sum.New != 18 || sum.Failed != 0 {
		t.Fatalf("summary %+v, want 18 new", sum)
	}
	if m := most.Load(); m > Concurrency {
		t.Errorf("%d page downloads at once, the limit is %d", m, Concurrency)
	}
	for host, m := range perHostMost {
		if m > 1 {
			t.Errorf("%s saw %d requests at once", host, m)
		}
	}
	t.Logf("at most %d downloads at once", most.Load())
}

func TestFetchInterruptedLeavesNoPartialFile(t *testing.T) {
	started := make(chan struct{})
	var once sync.Once
	var srv *httptest.Server
	srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/feed" {
			fmt.Fprintf(w, `<rss version="2.0"><channel><title>t</title><item><title>t</title><link>%s/slow</link></item></channel></rss>`, srv.URL)
			return
		}
		w.Header().Set("Content-Type", "text/html")
		w.Write([]byte("<html><body><article><p>The start of a story"))
		w.(http.Flusher).Flush()
		once.Do(func() { close(started) })
		<-r.Context().Done()
	}))
	defer srv.Close()
	l := newTestLibrary(t, ClientOptions{})
	os.MkdirAll(l.Dir, 0o755)
	os.WriteFile(filepath.Join(l.Dir, FeedsFile), []byte("feeds:\n  - url: "+srv.URL+"/feed\n"), 0o644)
	ctx, cancel := context.WithCancel(context.Background())
	go func() { <-started; cancel() }()
	var events []Event
	_, err := l.Fetch(ctx, func(ev Event) { events = append(events, ev) })
	if err != context.Canceled {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	if len(events) != 1 || events[0].Feed != "" {
		t.Errorf("events other than the start: %+v", events)
	}
	if got := files(t, l.Dir); !slices.Equal(got, []string{"feeds.yaml"}) {
		t.Errorf("library holds %q after ctrl+c", got)
	}
}
