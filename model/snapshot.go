package model

import (
	"errors"
	"runtime"
	"sync"
	"sync/atomic"
)

// Snapshot is what a cache held for the files under some paths, decoded
// without looking at the files (FromCache): an app shows it at once, then
// Check finds what changed on disk, reusing what did not.
type Snapshot struct {
	opts    LoadOptions
	at      map[string]int32
	entries []snapshotEntry
}

type snapshotEntry struct {
	size, mtime int64
	hash        [16]byte    // a copy: the cache's bytes can go once decoded
	result      *fileResult // nil when its record was unreadable
	path        string
}

// FromCache decodes what opts.Cache holds for the files under paths into
// a corpus, on every core. The corpus is nil when the cache holds none of
// them.
func FromCache(paths []string, opts LoadOptions) (*Corpus, *Snapshot, error) {
	if opts.Tagger == nil || opts.Cache == nil {
		return nil, nil, errors.New("load: no tagger or no cache")
	}
	n := sizeHint(opts.Cache)
	s := &Snapshot{opts: opts, at: make(map[string]int32, n), entries: make([]snapshotEntry, 0, n)}
	roots := rootsOf(paths)
	recs := make([][]byte, 0, n)
	err := opts.Cache.Each(func(path string, size, mtime int64, hash, rec []byte) {
		if under(path, roots) {
			s.at[path] = int32(len(s.entries))
			e := snapshotEntry{size: size, mtime: mtime, path: path}
			copy(e.hash[:], hash)
			s.entries = append(s.entries, e)
			recs = append(recs, rec)
		}
	})
	if err != nil {
		return nil, nil, err
	}
	results := make([]*fileResult, len(s.entries))
	decoders := make([]decoder, runtime.GOMAXPROCS(0))
	eachIndex(len(s.entries), func(w, i int) {
		e := &s.entries[i]
		if r, err := decoders[w].decode(e.path, recs[i]); err == nil {
			r.offerFolder(r.folder)
			e.result, results[i] = r, r
		}
	})
	p, _ := plan(nil, opts, nil)
	c, _, err := p.corpus(results, false)
	if errors.Is(err, ErrNoArticles) {
		return nil, s, nil
	}
	return c, s, err
}

// Check finds the files under paths as LoadPaths does and compares them
// with the snapshot: Changed says whether any file is new, changed or gone
// (or its folder names another outlet), and Load then reads what changed
// into a new corpus that shares nothing with the snapshot's.
func (s *Snapshot) Check(paths []string) (*Plan, error) {
	srcs, warns := findPaths(paths)
	p, err := plan(srcs, s.opts, warns)
	if err != nil {
		return nil, err
	}
	matched := make([]atomic.Bool, len(s.entries))
	p.reused = make([]bool, len(srcs))
	var moved atomic.Bool
	eachIndex(len(srcs), func(_, i int) {
		src := &p.srcs[i]
		src.stat()
		j, ok := s.at[src.name]
		if !ok {
			return
		}
		matched[j].Store(true)
		e := &s.entries[j]
		switch {
		case e.result == nil:
		case !src.stamped || e.size != src.size || e.mtime != src.mtime:
			src.stale = &staleRecord{hash: e.hash[:], result: e.result}
		default:
			if e.result.article != nil && e.result.folder != src.outlet {
				moved.Store(true)
			}
			p.results[i] = e.result // copied by Load, if it comes to that
			p.reused[i] = true
		}
	})
	p.tally(len(s.entries), func(j int) (string, bool) { return s.entries[j].path, matched[j].Load() })
	p.moved = moved.Load()
	return p, nil
}

// Changed reports whether the plan's corpus differs from what the cache
// held: a file to read, a file gone, or a folder naming another outlet.
func (p *Plan) Changed() bool { return p.Pending() > 0 || len(p.gone) > 0 || p.moved }

// fresh is a copy of r whose article the loader may change (ids, outlet)
// while the one shown stays as it is.
func (r *fileResult) fresh() *fileResult {
	out := *r
	if r.article != nil {
		a := *r.article
		a.ID = ""
		a.Source, a.sourceFrom = r.source, r.sourceFrom
		out.article = &a
	}
	return &out
}

// copyReused gives the loader its own copies of the results the snapshot
// shows, with the folders' outlets as they are now.
func (p *Plan) copyReused() {
	for i, shared := range p.reused {
		if !shared {
			continue
		}
		r := p.results[i].fresh()
		r.offerFolder(p.srcs[i].outlet)
		p.results[i] = r
	}
	p.reused = nil
}

// sizeHint is how many files the cache expects to hold, when it says.
func sizeHint(cache FileCache) int {
	if h, ok := cache.(interface{ Len() int }); ok {
		return h.Len()
	}
	return 0
}

// eachIndex calls fn for 0..n-1 on every core; w numbers the worker, below
// GOMAXPROCS, for state of its own.
func eachIndex(n int, fn func(w, i int)) {
	var next atomic.Int64
	var wg sync.WaitGroup
	for w := range min(runtime.GOMAXPROCS(0), max(n/512, 1)) {
		wg.Go(func() {
			for {
				i := int(next.Add(1) - 1)
				if i >= n {
					return
				}
				fn(w, i)
			}
		})
	}
	wg.Wait()
}
