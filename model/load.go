package model

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
)

// DefaultMaxFileBytes is the largest article file read; news articles are a
// few kilobytes, so anything past this is a mistake or an attack.
const DefaultMaxFileBytes = 4 << 20

// ErrNoArticles is returned when nothing loaded.
var ErrNoArticles = errors.New("no articles to read")

// Warning names a file that was skipped or changed while loading.
type Warning struct {
	Path   string
	Reason string
}

func (w Warning) String() string { return w.Path + ": " + w.Reason }

// LoadOptions configure loading.
type LoadOptions struct {
	Tagger       *Tagger
	MaxFileBytes int64 // 0 means DefaultMaxFileBytes
	// Summaries keeps each article's metadata and topic counts and lets its
	// paragraphs go once tagged, for listings that never show the text:
	// memory stays flat however many files there are, and each worker
	// reads every file into the same buffer.
	Summaries bool
}

// source is one file to read, wherever it lives. read may reuse buf.
type source struct {
	name   string
	read   func(buf []byte, limit int64) ([]byte, error)
	outlet string // what its folder's FolderFile names
}

// LoadFS loads every .txt and .md file in fsys (the embedded seeds).
func LoadFS(fsys fs.FS, opts LoadOptions) (*Corpus, []Warning, error) {
	var srcs []source
	var warns []Warning
	outlets := map[string]string{}
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err == nil && d.IsDir() {
			var w *Warning
			outlets[p], w = folderSource(openFS(fsys), path.Join(p, FolderFile), outlets[path.Dir(p)])
			warns = appendWarning(warns, w)
		}
		if err != nil || d.IsDir() || !isArticleName(p) {
			return err
		}
		srcs = append(srcs, source{name: p, outlet: outlets[path.Dir(p)], read: func(_ []byte, limit int64) ([]byte, error) {
			f, err := fsys.Open(p)
			if err != nil {
				return nil, err
			}
			defer f.Close()
			return readLimited(f, limit, 0)
		}})
		return nil
	})
	if err != nil {
		return nil, nil, err
	}
	return load(srcs, opts, warns)
}

// LoadPaths loads the named files, and the .txt and .md files found
// recursively in the named folders. A FolderFile in a named folder, or
// beside a named file, names the outlet of the articles under it.
func LoadPaths(paths []string, opts LoadOptions) (*Corpus, []Warning, error) {
	var srcs []source
	var warns []Warning
	outlets := map[string]string{}
	for _, root := range paths {
		info, err := os.Stat(root)
		if err != nil {
			warns = append(warns, Warning{root, describe(err)})
			continue
		}
		if !info.IsDir() {
			dir := filepath.Dir(root)
			if _, seen := outlets[dir]; !seen {
				var w *Warning
				outlets[dir], w = folderSource(openOS, filepath.Join(dir, FolderFile), "")
				warns = appendWarning(warns, w)
			}
			srcs = append(srcs, fileSource(root, outlets[dir]))
			continue
		}
		err = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				warns = append(warns, Warning{p, describe(err)})
				return nil
			}
			if d.IsDir() {
				if p != root && strings.HasPrefix(d.Name(), ".") {
					return filepath.SkipDir
				}
				inherited := ""
				if p != root {
					inherited = outlets[filepath.Dir(p)]
				}
				var w *Warning
				outlets[p], w = folderSource(openOS, filepath.Join(p, FolderFile), inherited)
				warns = appendWarning(warns, w)
				return nil
			}
			if isArticleName(p) {
				srcs = append(srcs, fileSource(p, outlets[filepath.Dir(p)]))
			}
			return nil
		})
		if err != nil {
			warns = append(warns, Warning{root, describe(err)})
		}
	}
	return load(srcs, opts, warns)
}

func isArticleName(p string) bool {
	ext := strings.ToLower(path.Ext(p))
	return (ext == ".txt" || ext == ".md") && !strings.HasPrefix(path.Base(filepath.ToSlash(p)), ".") && !IsOldVersion(p)
}

func fileSource(p, outlet string) source {
	return source{name: p, outlet: outlet, read: func(buf []byte, limit int64) ([]byte, error) { return readFile(p, limit, buf) }}
}

func appendWarning(warns []Warning, w *Warning) []Warning {
	if w != nil {
		warns = append(warns, *w)
	}
	return warns
}

// readFileOS is the portable reader; load_unix.go has a faster one.
func readFileOS(p string, limit int64, _ []byte) ([]byte, error) {
	f, err := os.Open(p)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if !info.Mode().IsRegular() {
		return nil, errNotRegular
	}
	if info.Size() > limit {
		return nil, tooLarge(info.Size(), limit)
	}
	return readLimited(f, limit, info.Size())
}

var errNotRegular = errors.New("not a regular file")

// readLimited reads at most limit bytes and fails past it, so a file that
// grows while it is read cannot exhaust memory. size, when known, sizes the
// buffer in one allocation.
func readLimited(r io.Reader, limit, size int64) ([]byte, error) {
	buf := bytes.NewBuffer(make([]byte, 0, min(size, limit)+512))
	_, err := buf.ReadFrom(io.LimitReader(r, limit+1))
	if err != nil {
		return nil, err
	}
	data := buf.Bytes()
	if int64(len(data)) > limit {
		return nil, tooLarge(int64(len(data)), limit)
	}
	return data, nil
}

func tooLarge(size, limit int64) error {
	return fmt.Errorf("too large (%s, the limit is %s)", humanBytes(size), humanBytes(limit))
}

func humanBytes(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d bytes", n)
}

// describe turns an OS error into the reason a person needs; the loader's
// own reasons (too large, not a regular file) read as they are.
func describe(err error) string {
	var pe *fs.PathError
	if !errors.As(err, &pe) {
		return err.Error()
	}
	err = pe.Err
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return "unreadable: no such file or folder"
	case errors.Is(err, fs.ErrPermission):
		return "unreadable: permission denied"
	}
	return "unreadable: " + err.Error()
}

type loaded struct {
	article *Article
	warns   []Warning
	sig     *signature // for near-duplicates, taken before the text goes
}

// load reads, parses and tags the sources on every core.
func load(srcs []source, opts LoadOptions, warns []Warning) (*Corpus, []Warning, error) {
	if opts.Tagger == nil {
		return nil, warns, errors.New("load: no tagger")
	}
	limit := opts.MaxFileBytes
	if limit <= 0 {
		limit = DefaultMaxFileBytes
	}
	results := make([]loaded, len(srcs))
	// Workers take the next file with one atomic add: a mutex here made the
	// two workers wake each other twice per file.
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), max(len(srcs), 1)) {
		wg.Go(func() {
			var w worker // reused across this worker's articles
			w.summaries = opts.Summaries
			for {
				j := int(next.Add(1) - 1)
				if j >= len(srcs) {
					return
				}
				results[j] = w.load(srcs[j], limit, opts.Tagger)
			}
		})
	}
	wg.Wait()
	articles := make([]*Article, 0, len(srcs))
	sigs := make([]*signature, 0, len(srcs))
	for _, r := range results {
		warns = append(warns, r.warns...)
		if r.article != nil {
			articles = append(articles, r.article)
			sigs = append(sigs, r.sig)
		}
	}
	slices.SortStableFunc(warns, func(a, b Warning) int { return strings.Compare(a.Path, b.Path) })
	if len(articles) == 0 {
		return nil, warns, ErrNoArticles
	}
	// Grouped before NewCorpus, which reorders articles.
	groups := findDuplicates(articles, sigs)
	c := NewCorpus(articles, opts.Tagger.Topics())
	c.setDuplicates(groups)
	return c, warns, nil
}

// worker is one loading goroutine's reusable state.
type worker struct {
	tags      tagState
	summaries bool
	buf       []byte // the last file read, reused when summaries drop the text
}

func (w *worker) load(src source, limit int64, tagger *Tagger) loaded {
	var buf []byte
	if w.summaries {
		buf = w.buf[:0]
	}
	data, err := src.read(buf, limit)
	if w.summaries && cap(data) > cap(w.buf) {
		w.buf = data[:0]
	}
	if err != nil {
		return loaded{warns: []Warning{{src.name, describe(err)}}}
	}
	a, notes, err := Parse(src.name, data)
	if err != nil {
		return loaded{warns: []Warning{{src.name, err.Error()}}}
	}
	a.offerSource(src.outlet, sourceFolder)
	var out loaded
	if len(notes) > 0 {
		out.warns = []Warning{{src.name, strings.Join(notes, "; ")}}
	}
	tagger.tagArticle(&w.tags, a)
	out.sig = articleSignature(a)
	if w.summaries {
		a.summarise()
	}
	a.idBase = idBase(a) // here, on every core, not in NewCorpus
	out.article = a
	return out
}
