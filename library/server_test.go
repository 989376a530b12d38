package library

import (
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// testSite is an httptest server with the fixture pages and feeds, and the
// routes that misbehave.
type testSite struct {
	*httptest.Server
	hits      atomic.Int64 // requests to article pages
	etagHits  atomic.Int64 // conditional requests answered 304
	pages     map[string]string
	edit      atomic.Pointer[strings.Replacer] // changes served pages when set
	userAgent atomic.Pointer[string]
}

func newTestSite(t *testing.T) *testSite {
	t.Helper()
	s := &testSite{pages: map[string]string{
		"/news/prisoner-exchange": "news.html",
		"/a/drone-strike":         "wire-a.html",
		"/b/drone-strike":         "wire-b.html",
		"/front":                  "nostory.html",
	}}
	mux := http.NewServeMux()
	mux.HandleFunc("/", s.page)
	mux.HandleFunc("/feeds/atom.xml", s.feed("atom.xml", "application/atom+xml"))
	mux.HandleFunc("/feeds/rss.xml", s.feed("rss.xml", "application/rss+xml"))
	mux.HandleFunc("/feeds/notfeed", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/xml")
		w.Write(fixture(t, "notfeed.txt", ""))
	})
	mux.HandleFunc("/slow", func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-time.After(5 * time.Second):
		}
	})
	mux.HandleFunc("/pdf", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/pdf")
		w.Write([]byte("%PDF-1.7 not a page"))
	})
	mux.HandleFunc("/huge", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		chunk := []byte(strings.Repeat("<p>padding padding padding</p>\n", 1024))
		for written := 0; written <= 6<<20; written += len(chunk) {
			if _, err := w.Write(chunk); err != nil {
				return
			}
		}
	})
	mux.HandleFunc("/loop", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/loop", http.StatusFound)
	})
	mux.HandleFunc("/to-file", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "file:///etc/passwd", http.StatusFound)
	})
	mux.HandleFunc("/to", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, r.URL.Query().Get("u"), http.StatusFound)
	})
	mux.HandleFunc("/moved", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/news/prisoner-exchange", http.StatusMovedPermanently)
	})
	s.Server = httptest.NewServer(mux)
	t.Cleanup(s.Close)
	return s
}

func (s *testSite) page(w http.ResponseWriter, r *http.Request) {
	name, ok := s.pages[r.URL.Path]
	if !ok {
		http.NotFound(w, r)
		return
	}
	s.hits.Add(1)
	ua := r.UserAgent()
	s.userAgent.Store(&ua)
	data, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		http.Error(w, err.Error(), 500)
		return
	}
	if e := s.edit.Load(); e != nil {
		data = []byte(e.Replace(string(data)))
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Write(data)
}

// feed serves a feed fixture with an ETag, answering 304 to a request that
// already has it.
func (s *testSite) feed(name, contentType string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		data, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			http.Error(w, err.Error(), 500)
			return
		}
		etag := `"` + name + `-v1"`
		w.Header().Set("ETag", etag)
		w.Header().Set("Last-Modified", "Mon, 02 Jun 2025 09:00:00 GMT")
		if r.Header.Get("If-None-Match") == etag {
			s.etagHits.Add(1)
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("Content-Type", contentType)
		w.Write([]byte(strings.ReplaceAll(string(data), "{{BASE}}", s.URL)))
	}
}

func fixture(t *testing.T, name, base string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return []byte(strings.ReplaceAll(string(data), "{{BASE}}", base))
}
