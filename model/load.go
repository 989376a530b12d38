package model

import (
	"bytes"
	"crypto/sha256"
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
	// Cache, when set, answers for files unchanged since it last saw them
	// (same path, size and modification time): they are neither read nor
	// parsed nor tagged. What is read is offered back to it. Articles then
	// load as summaries, whose text Corpus.Full reads on demand.
	Cache FileCache
	// Progress, when set, is told how many of the files to read have been
	// read, from the loading goroutines, now and then.
	Progress func(done, total int)
}

// FileCache is an index of earlier loads (package index keeps one in
// SQLite). Records and signatures are opaque to it.
type FileCache interface {
	// Each calls fn with every file it holds; hash and rec are the
	// caller's to keep.
	Each(fn func(path string, size, mtime int64, hash, rec []byte)) error
	// Put records what loading a file produced: its record and its
	// near-duplicate signature (nil for none). Loading goroutines call it
	// at once.
	Put(path string, size, mtime int64, hash, rec, sig []byte)
	// Restamp records a file's new size and time when its content is
	// what the cache holds.
	Restamp(path string, size, mtime int64)
	// Forget drops files that are gone.
	Forget(paths []string)
	// Signatures calls fn with every file's signature that is not nil;
	// sig is only valid during the call.
	Signatures(fn func(path string, sig []byte)) error
	// Groups are the groups of near-duplicate files (paths) the last
	// whole load found; ok is false when none are kept. SetGroups keeps
	// them.
	Groups() (groups [][]string, ok bool)
	SetGroups(groups [][]string)
}

// source is one file to read, wherever it lives. read may reuse buf.
type source struct {
	name   string
	read   func(buf []byte, limit int64) ([]byte, error)
	outlet string // what its folder's FolderFile names
	// size and mtime (Unix nanoseconds) are the file's when stamped, for
	// the cache.
	size, mtime int64
	stamped     bool
	// stale is, for a file whose stamp changed, the cached content hash
	// and record: a touched but unchanged file is read, never parsed.
	stale *staleRecord
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
	c, warns, err := load(srcs, opts, warns)
	if c != nil {
		c.text.fsys = fsys
	}
	return c, warns, err
}

// LoadPaths loads the named files, and the .txt and .md files found
// recursively in the named folders. A FolderFile in a named folder, or
// beside a named file, names the outlet of the articles under it.
func LoadPaths(paths []string, opts LoadOptions) (*Corpus, []Warning, error) {
	p, err := PlanPaths(paths, opts)
	if err != nil {
		return nil, nil, err
	}
	return p.Load()
}

// findPaths lists the article files under paths.
func findPaths(paths []string) ([]source, []Warning) {
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
	return srcs, warns
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

// load reads, parses and tags the sources on every core.
func load(srcs []source, opts LoadOptions, warns []Warning) (*Corpus, []Warning, error) {
	p, err := plan(srcs, opts, warns)
	if err != nil {
		return nil, warns, err
	}
	return p.Load()
}

// Plan is a load whose files have been found and sorted into those the
// cache answered and those still to read, so that a caller can show what
// is ready while the rest loads (PlanPaths, Plan.Load).
type Plan struct {
	srcs    []source
	results []*fileResult // results[i] is srcs[i]'s, nil until loaded
	opts    LoadOptions
	limit   int64
	warns   []Warning
	gone    []string // files the cache holds that are no longer there
	moved   bool     // a folder names another outlet than when indexed
	// reused are the results a Snapshot shows, shared until Load copies
	// them (Snapshot.Check).
	reused []bool
	stats  LoadStats
}

// staleRecord is what the cache held for a file: its record, or, for a
// file a Snapshot showed, its decoded result.
type staleRecord struct {
	hash, rec []byte
	result    *fileResult
}

// LoadStats says what a load did.
type LoadStats struct {
	Files     int // article files found
	Unchanged int // answered by the cache without reading
	Touched   int // read, but the same content as cached
	Parsed    int // read, parsed and tagged
	Removed   int // in the cache but gone
	Failed    int // not articles or unreadable
}

// PlanPaths finds the files as LoadPaths does and asks the cache about
// them: the cache is read while the folders are walked, then each file is
// stat'ed and its record decoded, on every core.
func PlanPaths(paths []string, opts LoadOptions) (*Plan, error) {
	if opts.Cache == nil {
		srcs, warns := findPaths(paths)
		return plan(srcs, opts, warns)
	}
	var rows cachedRows
	read := make(chan error, 1)
	go func() { read <- rows.read(opts.Cache) }()
	srcs, warns := findPaths(paths)
	if err := <-read; err != nil {
		return nil, err
	}
	p, err := plan(srcs, opts, warns)
	if err != nil {
		return nil, err
	}
	p.ask(&rows, rootsOf(paths))
	return p, nil
}

// rootsOf cleans the paths a load was asked for, as the walk names what
// it finds under them.
func rootsOf(paths []string) []string {
	roots := make([]string, len(paths))
	for i, p := range paths {
		roots[i] = filepath.Clean(p)
	}
	return roots
}

// under reports whether path is one of roots or inside one. A cache may
// hold files of other loads (another folder read with the same state):
// they are neither shown nor forgotten.
func under(path string, roots []string) bool {
	for _, r := range roots {
		if r == "." && !filepath.IsAbs(path) && !strings.HasPrefix(path, "..") {
			return true
		}
		if path == r || strings.HasPrefix(path, r) && (strings.HasSuffix(r, string(filepath.Separator)) || strings.HasPrefix(path[len(r):], string(filepath.Separator))) {
			return true
		}
	}
	return false
}

// cachedRows is what the cache holds, read in one pass.
type cachedRows struct {
	at   map[string]int32
	rows []cachedRow
}

type cachedRow struct {
	size, mtime int64
	hash, rec   []byte
	path        string
}

func (c *cachedRows) read(cache FileCache) error {
	n := sizeHint(cache)
	c.at, c.rows = make(map[string]int32, n), make([]cachedRow, 0, n)
	return cache.Each(func(path string, size, mtime int64, hash, rec []byte) {
		c.at[path] = int32(len(c.rows))
		c.rows = append(c.rows, cachedRow{size, mtime, hash, rec, path})
	})
}

// ask stats every file and takes the cached record of each one whose
// size and modification time are unchanged.
func (p *Plan) ask(rows *cachedRows, roots []string) {
	matched := make([]atomic.Bool, len(rows.rows))
	decoders := make([]decoder, runtime.GOMAXPROCS(0))
	eachIndex(len(p.srcs), func(w, i int) {
		src := &p.srcs[i]
		src.stat()
		j, ok := rows.at[src.name]
		if !ok {
			return
		}
		matched[j].Store(true)
		row := &rows.rows[j]
		if !src.stamped || row.size != src.size || row.mtime != src.mtime {
			// Copied, so the cache's rows can go once planned.
			src.stale = &staleRecord{hash: slices.Clone(row.hash), rec: slices.Clone(row.rec)}
			return
		}
		if r, err := decoders[w].decode(src.name, row.rec); err == nil {
			r.offerFolder(src.outlet)
			p.results[i] = r
		}
	})
	p.tally(len(rows.rows), func(j int) (string, bool) {
		return rows.rows[j].path, matched[j].Load() || !under(rows.rows[j].path, roots)
	})
}

// stat records the file's size and modification time. It follows links,
// as reading does; an error leaves the file to be read, which reports it.
func (s *source) stat() {
	if info, err := os.Stat(s.name); err == nil {
		s.size, s.mtime, s.stamped = info.Size(), info.ModTime().UnixNano(), true
	}
}

// tally counts what the cache answered, and gathers as gone the n cached
// files that kept(j) says no file on disk matched (nor left alone).
func (p *Plan) tally(n int, kept func(j int) (path string, ok bool)) {
	for j := range n {
		if path, ok := kept(j); !ok {
			p.gone = append(p.gone, path)
		}
	}
	for _, r := range p.results {
		if r != nil {
			p.stats.Unchanged++
		}
	}
	p.stats.Removed = len(p.gone)
}

func plan(srcs []source, opts LoadOptions, warns []Warning) (*Plan, error) {
	if opts.Tagger == nil {
		return nil, errors.New("load: no tagger")
	}
	p := &Plan{srcs: srcs, results: make([]*fileResult, len(srcs)), opts: opts, limit: opts.MaxFileBytes, warns: warns}
	if p.limit <= 0 {
		p.limit = DefaultMaxFileBytes
	}
	p.stats.Files = len(srcs)
	return p, nil
}

// LoadUpdate is news of a load in the background (Plan.Background): how
// many of the files to read are read, then, once, the corpus or why not.
type LoadUpdate struct {
	Done, Total int
	Corpus      *Corpus // set in the last update, with Warnings
	Warnings    []Warning
	Err         error // set in the last update when the load failed
	Final       bool
}

// Background loads the plan in a goroutine and sends its progress, then
// the corpus, on the channel it returns; then calls finish (to commit a
// cache) and closes the channel. Progress is dropped while the receiver
// is busy; the last update never is.
func (p *Plan) Background(finish func() error) <-chan LoadUpdate {
	ch := make(chan LoadUpdate, 1)
	p.opts.Progress = func(done, total int) {
		select {
		case ch <- LoadUpdate{Done: done, Total: total}:
		default:
		}
	}
	go func() {
		defer close(ch)
		c, warns, err := p.Load()
		if ferr := finish(); err == nil && ferr != nil {
			// The corpus is fine; the index just did not keep it.
			warns = append(warns, Warning{"index", ferr.Error()})
		}
		ch <- LoadUpdate{Done: p.Pending(), Total: p.Pending(), Corpus: c, Warnings: warns, Err: err, Final: true}
	}()
	return ch
}

// OnProgress has fn told how many of the files to read are read, from the
// loading goroutines, now and then.
func (p *Plan) OnProgress(fn func(done, total int)) { p.opts.Progress = fn }

// Pending is how many files are still to read.
func (p *Plan) Pending() int { return p.stats.Files - p.stats.Unchanged }

// duplicates groups the articles' near-duplicates. Through a cache, a
// whole load that read nothing new keeps the groups it found last time
// (finding them is most of a warm start's work); one that did takes the
// unchanged files' signatures from the cache and keeps the new groups. What
// the cache alone holds (FromCache) shows the groups kept, if any.
func (p *Plan) duplicates(articles []*Article, sigs []*signature, whole bool) [][]*Article {
	cache := p.opts.Cache
	if cache == nil {
		return findDuplicates(articles, sigs)
	}
	unchanged := p.stats.Parsed == 0 && p.stats.Removed == 0
	if kept, ok := cache.Groups(); ok && (unchanged || !whole) {
		return groupsOf(articles, kept)
	}
	if !whole {
		return nil
	}
	missing := map[string]int{}
	for i, a := range articles {
		if sigs[i] == nil {
			missing[a.Path] = i
		}
	}
	if len(missing) > 0 {
		err := cache.Signatures(func(path string, sig []byte) {
			if i, ok := missing[path]; ok {
				sigs[i] = decodeSignature(sig)
			}
		})
		if err != nil {
			return nil // copies are shown apart until the next start
		}
	}
	groups := findDuplicates(articles, sigs)
	paths := make([][]string, len(groups))
	for i, g := range groups {
		for _, a := range g {
			paths[i] = append(paths[i], a.Path)
		}
	}
	cache.SetGroups(paths)
	return groups
}

// groupsOf turns groups of paths into groups of the articles present.
func groupsOf(articles []*Article, paths [][]string) [][]*Article {
	at := make(map[string]*Article, len(articles))
	for _, a := range articles {
		at[a.Path] = a
	}
	var out [][]*Article
	for _, g := range paths {
		var group []*Article
		for _, path := range g {
			if a := at[path]; a != nil {
				group = append(group, a)
			}
		}
		if len(group) > 1 {
			out = append(out, group)
		}
	}
	return out
}

// Stats says what the load did; complete once Load has returned.
func (p *Plan) Stats() LoadStats { return p.stats }

// Load reads what the cache did not answer, on every core, and returns the
// whole corpus.
func (p *Plan) Load() (*Corpus, []Warning, error) {
	p.copyReused()
	var todo []int
	for i, r := range p.results {
		if r == nil {
			todo = append(todo, i)
		}
	}
	// Workers take the next file with one atomic add: a mutex here made the
	// two workers wake each other twice per file.
	var next, done atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), max(len(todo), 1)) {
		wg.Go(func() {
			w := worker{summaries: p.opts.Summaries || p.opts.Cache != nil, plan: p}
			for {
				j := int(next.Add(1) - 1)
				if j >= len(todo) {
					return
				}
				i := todo[j]
				p.results[i] = w.load(p.srcs[i])
				if n := done.Add(1); p.opts.Progress != nil && (n%256 == 0 || int(n) == len(todo)) {
					p.opts.Progress(int(n), len(todo))
				}
			}
		})
	}
	wg.Wait()
	if p.opts.Cache != nil && len(p.gone) > 0 {
		p.opts.Cache.Forget(p.gone)
	}
	for _, i := range todo {
		if r := p.results[i]; r.failure == "" && r.hashOnly {
			p.stats.Touched++
		} else if r.failure == "" {
			p.stats.Parsed++
		}
	}
	for _, r := range p.results {
		if r.failure != "" {
			p.stats.Failed++
		}
	}
	return p.corpus(p.results, true)
}

// corpus gathers loaded files into a corpus, with warnings for the files
// that are not articles when warn is set.
func (p *Plan) corpus(results []*fileResult, warn bool) (*Corpus, []Warning, error) {
	warns := slices.Clone(p.warns)
	articles := make([]*Article, 0, len(results))
	sigs := make([]*signature, 0, len(results))
	for i, r := range results {
		if r == nil {
			continue
		}
		name := ""
		if warn {
			name = p.srcs[i].name
		}
		switch {
		case r.failure != "":
			warns = append(warns, Warning{name, r.failure})
			continue
		case len(r.notes) > 0:
			warns = append(warns, Warning{name, strings.Join(r.notes, "; ")})
		}
		articles = append(articles, r.article)
		sigs = append(sigs, r.sig)
	}
	if !warn {
		warns = nil
	}
	slices.SortStableFunc(warns, func(a, b Warning) int { return strings.Compare(a.Path, b.Path) })
	if len(articles) == 0 {
		return nil, warns, ErrNoArticles
	}
	// Grouped before NewCorpus, which reorders articles.
	groups := p.duplicates(articles, sigs, warn)
	c := NewCorpus(articles, p.opts.Tagger.Topics())
	c.setDuplicates(groups)
	c.text = &textSource{tagger: p.opts.Tagger, limit: p.limit}
	return c, warns, nil
}

// worker is one loading goroutine's reusable state.
type worker struct {
	tags      tagState
	summaries bool
	buf       []byte // the last file read, reused when summaries drop the text
	plan      *Plan
}

func (w *worker) load(src source) *fileResult {
	var buf []byte
	if w.summaries {
		buf = w.buf[:0]
	}
	data, err := src.read(buf, w.plan.limit)
	if w.summaries && cap(data) > cap(w.buf) {
		w.buf = data[:0]
	}
	if err != nil {
		// Not cached: a permission can change without the file changing.
		return &fileResult{failure: describe(err)}
	}
	cache := w.plan.opts.Cache
	var hash []byte
	if cache != nil && src.stamped {
		sum := sha256.Sum256(data)
		hash = sum[:16]
		if old := src.stale; old != nil && bytes.Equal(old.hash, hash) {
			r, err := old.result, error(nil)
			if r != nil {
				r = r.fresh()
			} else {
				r, err = decodeRecord(src.name, old.rec)
			}
			if err == nil {
				cache.Restamp(src.name, src.size, src.mtime)
				r.hashOnly = true
				r.offerFolder(src.outlet)
				return r
			}
		}
	}
	r := w.parse(src, data)
	r.folder = src.outlet
	if hash != nil {
		cache.Put(src.name, src.size, src.mtime, hash, encodeRecord(r), encodeSignature(r.sig))
	}
	r.offerFolder(src.outlet)
	return r
}

// parse makes a file's data an article, tagged and signed.
func (w *worker) parse(src source, data []byte) *fileResult {
	a, notes, err := Parse(src.name, data)
	if err != nil {
		return &fileResult{failure: err.Error()}
	}
	r := &fileResult{article: a, notes: notes, source: a.Source, sourceFrom: a.sourceFrom}
	w.plan.opts.Tagger.tagArticle(&w.tags, a)
	r.sig = articleSignature(a)
	if w.summaries {
		a.summarise()
		r.source = a.Source
	}
	a.idBase = idBase(a) // here, on every core, not in NewCorpus
	return r
}

// offerFolder offers the outlet a file's folder names, which the file's
// own evidence outranks.
func (r *fileResult) offerFolder(outlet string) {
	if r.article != nil {
		r.article.offerSource(outlet, sourceFolder)
	}
}
