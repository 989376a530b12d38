package library

import (
	"errors"
	"io"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"

	"briefing/model"
)

// Library is a folder of saved articles: LIBRARY/<source>/<date>_<slug>.md,
// and LIBRARY/feeds.yaml for the feeds it follows.
type Library struct {
	Dir    string
	Client *Client
	// Now is the clock for the fetched time; nil means time.Now.
	Now func() time.Time

	mu      sync.Mutex
	index   map[string]string // normalised URL → file, read once
	saveMu  sync.Mutex        // one save at a time, so two never pick one name
	feedsMu sync.Mutex        // one change to feeds.yaml at a time
}

// Open returns the library in dir; the folder is made on the first save.
func Open(dir string, client *Client) *Library {
	if client == nil {
		client = NewClient(ClientOptions{})
	}
	return &Library{Dir: dir, Client: client}
}

// DefaultDir is $XDG_DATA_HOME/briefing/articles, or
// ~/.local/share/briefing/articles when XDG_DATA_HOME is unset.
func DefaultDir(getenv func(string) string) (string, error) {
	// Only the given environment is read, so tests never see the real one.
	base := getenv("XDG_DATA_HOME")
	if base == "" || !filepath.IsAbs(base) {
		home := getenv("HOME")
		if home == "" {
			return "", errors.New("cannot find the library: neither XDG_DATA_HOME nor HOME is set (use --library DIR)")
		}
		base = filepath.Join(home, ".local", "share")
	}
	return filepath.Join(base, "briefing", "articles"), nil
}

// HasArticles reports whether dir holds at least one article file, without
// reading them.
func HasArticles(dir string) bool {
	found := false
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		if d.IsDir() {
			if p != dir && strings.HasPrefix(d.Name(), ".") {
				return filepath.SkipDir
			}
			return nil
		}
		if isArticleFile(d.Name()) {
			found = true
			return fs.SkipAll
		}
		return nil
	})
	return found
}

// isArticleFile is a file the reader loads: .md or .txt, not hidden, and
// not an old version kept by a refresh.
func isArticleFile(name string) bool {
	ext := strings.ToLower(filepath.Ext(name))
	return (ext == ".md" || ext == ".txt") && !strings.HasPrefix(name, ".") && !IsOldVersion(name)
}

// IsOldVersion reports whether name is an earlier version of an article,
// kept as NAME~N.md when a refresh changed its text.
func IsOldVersion(name string) bool { return model.IsOldVersion(name) }

// IsUpdated reports whether the article at path was refreshed with new text,
// which kept its earlier version beside it (PATH~1.md): an updated story is
// news, and the list marks it.
func IsUpdated(path string) bool {
	_, err := os.Stat(versionPath(path, 1))
	return err == nil
}

// Versions lists the earlier versions kept for the article at path, oldest
// first.
func Versions(path string) []string {
	var out []string
	for n := 1; ; n++ {
		p := versionPath(path, n)
		if _, err := os.Stat(p); err != nil {
			return out
		}
		out = append(out, p)
	}
}

func versionPath(path string, n int) string {
	ext := filepath.Ext(path)
	return strings.TrimSuffix(path, ext) + "~" + itoa(n) + ext
}

func itoa(n int) string {
	if n < 10 {
		return string(rune('0' + n))
	}
	return itoa(n/10) + string(rune('0'+n%10))
}

// urlKey is the form URLs are compared in: scheme and host in lower case,
// no default port, no fragment, no tracking parameters.
func urlKey(u *url.URL) string {
	k := *u
	k.Scheme = strings.ToLower(k.Scheme)
	host := strings.ToLower(k.Hostname())
	if port := k.Port(); port != "" && !(k.Scheme == "http" && port == "80" || k.Scheme == "https" && port == "443") {
		host += ":" + port
	}
	k.Host = host
	k.Fragment, k.RawFragment = "", ""
	k.User = nil
	if k.RawQuery != "" {
		q := k.Query()
		for name := range q {
			if strings.HasPrefix(strings.ToLower(name), "utm_") {
				q.Del(name)
			}
		}
		k.RawQuery = q.Encode()
	}
	if k.Path == "" {
		k.Path = "/"
	}
	return k.String()
}

// lookup finds the file that holds u, reading the library's front matter
// once per Library.
func (l *Library) lookup(u *url.URL) (string, bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.index == nil {
		l.index = l.scan()
	}
	p, ok := l.index[urlKey(u)]
	return p, ok
}

func (l *Library) remember(u *url.URL, path string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.index == nil {
		l.index = l.scan()
	}
	l.index[urlKey(u)] = path
}

// scan reads the url of every article in the library.
func (l *Library) scan() map[string]string {
	index := make(map[string]string)
	var paths []string
	filepath.WalkDir(l.Dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		if d.IsDir() {
			if p != l.Dir && strings.HasPrefix(d.Name(), ".") {
				return filepath.SkipDir
			}
			return nil
		}
		if isArticleFile(d.Name()) {
			paths = append(paths, p)
		}
		return nil
	})
	sort.Strings(paths)
	for _, p := range paths {
		data, err := readHead(p, 8<<10)
		if err != nil {
			continue
		}
		meta, _, ok := splitFrontMatter(data)
		if !ok || meta.URL == "" {
			continue
		}
		if u, err := url.Parse(meta.URL); err == nil {
			if _, taken := index[urlKey(u)]; !taken {
				index[urlKey(u)] = p
			}
		}
	}
	return index
}

// readHead reads at most n bytes of a file: front matter comes first.
func readHead(path string, n int) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	buf := make([]byte, n)
	m, err := io.ReadFull(f, buf)
	if err == io.ErrUnexpectedEOF || err == io.EOF {
		err = nil
	}
	return buf[:m], err
}
