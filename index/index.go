// Package index keeps, in the state folder, what loading each article file
// produced (its metadata, paragraph outline, topic counts and
// near-duplicate signature), so that a start reads, parses and tags only
// the files that changed. It is a cache and never the only copy of
// anything: a damaged or foreign index is moved aside and built again.
package index

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// FileName is the index's name inside the state folder.
const FileName = "index.db"

// schema is this build's layout; an index of another is emptied and built
// again (it is a cache: nothing in it needs migrating).
const schema = 3

// applicationID marks a SQLite file as briefing's index ("brfx"), so that
// some other database at the path is moved aside, never emptied.
const applicationID = 0x62726678

// dropWholes drops what describes all the files at once (the groups of
// copies and the snapshot): any change to a file's row outdates it.
// emptyAll empties the index.
const (
	dropWholes = "DELETE FROM meta WHERE name = 'groups'; DELETE FROM snapshot"
	emptyAll   = "DELETE FROM files; " + dropWholes
)

// Index is an open index. It answers a load as its model.FileCache and
// writes what the load read when Commit is called.
type Index struct {
	db   *sql.DB
	path string
	key  string
	// Notice says what opening had to do (an index moved aside), for the
	// caller to show; "" when nothing.
	Notice string

	mu     sync.Mutex
	writes chan write // to the writer, started by the first write
	done   chan error // the writer's outcome
	forget []string
	groups [][]string
	setGr  bool
	wrote  bool // a file was put since the last Commit
}

// write is one change for the writer: a file's row, or its new stamp.
type write struct {
	path           string
	size, mtime    int64
	hash, rec, sig []byte
	restamp        bool
}

// Open opens, creating when needed, the index in dir for loads tagged as
// key says (model.Tagger.CacheKey): files indexed under another key are
// read again.
func Open(dir, key string) (*Index, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("index: %w", err)
	}
	path := filepath.Join(dir, FileName)
	x, err := open(path, key)
	if err == nil {
		return x, nil
	}
	if !replaceable(err) {
		return nil, fmt.Errorf("index %s: %w", path, err)
	}
	return replace(path, key, "unreadable", err)
}

// replace moves a bad index aside and opens a new, empty one, whose
// Notice says why (the index was "unreadable", "damaged": cause).
func replace(path, key, was string, cause error) (*Index, error) {
	aside, err := moveAside(path)
	if err != nil {
		return nil, fmt.Errorf("index %s is %s (%v) and could not be moved aside: %w", path, was, oneLine(cause), err)
	}
	x, err := open(path, key)
	if err != nil {
		return nil, fmt.Errorf("index %s: %w", path, err)
	}
	x.Notice = fmt.Sprintf("the index was %s (%s); moved it to %s and am building a new one", was, oneLine(cause), filepath.Base(aside))
	return x, nil
}

// Path is the index file.
func (x *Index) Path() string { return x.path }

// errForeign is a SQLite file at the index's path that is not an index.
var errForeign = errors.New("not a briefing index")

func open(path, key string) (*Index, error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, err
	}
	f.Close()
	// A cache needs no fsync per commit: a crash loses at most the last
	// load's additions, read again next time.
	q := url.Values{}
	// journal_mode is set once the file is known to be an index: it
	// writes to the file, and a foreign one is kept as it is.
	q.Add("_pragma", "busy_timeout(10000)")
	q.Add("_pragma", "synchronous(NORMAL)")
	q.Set("_txlock", "immediate")
	db, err := sql.Open("sqlite", "file:"+(&url.URL{Path: path}).EscapedPath()+"?"+q.Encode())
	if err != nil {
		return nil, err
	}
	x := &Index{db: db, path: path, key: key}
	if err := x.prepare(context.Background()); err != nil {
		db.Close()
		return nil, err
	}
	return x, nil
}

// prepare checks the file is an index of this layout and key, creating
// or emptying it as needed.
func (x *Index) prepare(ctx context.Context) error {
	conn, err := x.db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	var app, version int
	if err := conn.QueryRowContext(ctx, "PRAGMA application_id").Scan(&app); err != nil {
		return err
	}
	if err := conn.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version); err != nil {
		return err
	}
	if app == 0 {
		var tables int
		if err := conn.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_schema").Scan(&tables); err != nil {
			return err
		}
		if tables > 0 {
			return errForeign
		}
	} else if app != applicationID {
		return errForeign
	}
	if _, err := conn.ExecContext(ctx, "PRAGMA journal_mode = WAL"); err != nil {
		return err
	}
	if version != schema {
		for _, stmt := range []string{
			"DROP TABLE IF EXISTS files",
			"DROP TABLE IF EXISTS meta",
			"DROP TABLE IF EXISTS snapshot",
			`CREATE TABLE files (
				path  TEXT PRIMARY KEY,
				size  INTEGER NOT NULL,
				mtime INTEGER NOT NULL,
				hash  BLOB NOT NULL,
				rec   BLOB NOT NULL,
				sig   BLOB
			)`,
			"CREATE TABLE meta (name TEXT PRIMARY KEY, value TEXT NOT NULL)",
			// Every row of files in one blob, written after a whole load
			// that changed something: a warm start reads it in one go
			// instead of row by row. Any write to files drops it.
			"CREATE TABLE snapshot (id INTEGER PRIMARY KEY CHECK (id = 1), data BLOB NOT NULL)",
			fmt.Sprintf("PRAGMA application_id = %d", applicationID),
			fmt.Sprintf("PRAGMA user_version = %d", schema),
		} {
			if _, err := conn.ExecContext(ctx, stmt); err != nil {
				return err
			}
		}
	}
	var key string
	err = conn.QueryRowContext(ctx, "SELECT value FROM meta WHERE name = 'key'").Scan(&key)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return err
	}
	if key != x.key {
		// Other topics, or another build's tagging: every record is stale.
		if _, err := conn.ExecContext(ctx, emptyAll); err != nil {
			return err
		}
		if _, err := conn.ExecContext(ctx, "INSERT OR REPLACE INTO meta (name, value) VALUES ('key', ?)", x.key); err != nil {
			return err
		}
	}
	return nil
}

// replaceable reports whether err says the file is not a usable index, so
// that moving it aside and starting again is the cure.
func replaceable(err error) bool {
	if errors.Is(err, errForeign) || errors.Is(err, errSnapshot) {
		return true
	}
	var se *sqlite.Error
	if errors.As(err, &se) {
		switch se.Code() & 0xff {
		case sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB:
			return true
		}
	}
	return false
}

// moveAside renames a bad index (and its WAL files) out of the way, kept
// for whoever wants to look at it.
func moveAside(path string) (string, error) {
	aside := fmt.Sprintf("%s.bad-%s", path, time.Now().Format("20060102-150405"))
	for n := 2; ; n++ { // never over an earlier one
		if _, err := os.Lstat(aside); errors.Is(err, fs.ErrNotExist) {
			break
		}
		aside = fmt.Sprintf("%s.bad-%s-%d", path, time.Now().Format("20060102-150405"), n)
	}
	if err := os.Rename(path, aside); err != nil {
		return "", err
	}
	for _, suffix := range []string{"-wal", "-shm"} {
		os.Remove(path + suffix)
	}
	return aside, nil
}

func oneLine(err error) string { return strings.Join(strings.Fields(err.Error()), " ") }

// Close finishes writing what loads put and closes the index.
func (x *Index) Close() error {
	x.mu.Lock()
	if x.writes != nil {
		close(x.writes)
		<-x.done
		x.writes = nil
	}
	x.mu.Unlock()
	return x.db.Close()
}

// Each calls fn with every indexed file (model.FileCache), from the
// snapshot when there is one.
func (x *Index) Each(fn func(path string, size, mtime int64, hash, rec []byte)) error {
	var data []byte
	err := x.db.QueryRow("SELECT data FROM snapshot").Scan(&data)
	switch {
	case err == nil:
		return eachInSnapshot(data, fn)
	case !errors.Is(err, sql.ErrNoRows):
		return err
	}
	rows, err := x.db.Query("SELECT path, size, mtime, hash, rec FROM files")
	if err != nil {
		return err
	}
	defer rows.Close()
	var path string
	var size, mtime int64
	var hash, rec []byte
	for rows.Next() {
		if err := rows.Scan(&path, &size, &mtime, &hash, &rec); err != nil {
			return err
		}
		fn(path, size, mtime, hash, rec)
	}
	return rows.Err()
}

// Signatures calls fn with every file's near-duplicate signature
// (model.FileCache).
func (x *Index) Signatures(fn func(path string, sig []byte)) error {
	rows, err := x.db.Query("SELECT path, sig FROM files WHERE sig IS NOT NULL")
	if err != nil {
		return err
	}
	defer rows.Close()
	var path string
	var sig sql.RawBytes
	for rows.Next() {
		if err := rows.Scan(&path, &sig); err != nil {
			return err
		}
		fn(path, sig)
	}
	return rows.Err()
}

// Groups are the near-duplicate groups the last whole load kept
// (model.FileCache).
func (x *Index) Groups() ([][]string, bool) {
	var data string
	if err := x.db.QueryRow("SELECT value FROM meta WHERE name = 'groups'").Scan(&data); err != nil {
		return nil, false
	}
	var groups [][]string
	if err := json.Unmarshal([]byte(data), &groups); err != nil {
		return nil, false
	}
	return groups, true
}

// SetGroups keeps groups, written by Commit (model.FileCache).
func (x *Index) SetGroups(groups [][]string) {
	x.mu.Lock()
	x.groups, x.setGr = groups, true
	x.mu.Unlock()
}

// Put records a file the load read (model.FileCache). A writer writes it
// while loading goes on, committing now and then, so that an interrupted
// first start keeps what it read.
func (x *Index) Put(path string, size, mtime int64, hash, rec, sig []byte) {
	x.send(write{path: path, size: size, mtime: mtime, hash: hash, rec: rec, sig: sig})
}

// Restamp records a file's new size and time (model.FileCache).
func (x *Index) Restamp(path string, size, mtime int64) {
	x.send(write{path: path, size: size, mtime: mtime, restamp: true})
}

func (x *Index) send(w write) {
	x.mu.Lock()
	x.wrote = true
	if x.writes == nil {
		x.writes, x.done = make(chan write, 256), make(chan error, 1)
		go func() { x.done <- x.writer(x.writes) }()
	}
	ch := x.writes
	x.mu.Unlock()
	ch <- w
}

// commitEvery is how many rows a write transaction holds: an interrupted
// load keeps all but the last few thousand files it read.
const commitEvery = 4096

// writer writes what arrives on ws in transactions of commitEvery rows.
// Any write drops the kept groups: they no longer describe the files.
func (x *Index) writer(ws <-chan write) error {
	var tx *sql.Tx
	var put, restamp *sql.Stmt
	var err error
	n := 0
	for w := range ws {
		if err != nil {
			continue // drain, so loading never blocks on a broken index
		}
		if tx == nil {
			if tx, err = x.db.Begin(); err != nil {
				continue
			}
			if _, err = tx.Exec(dropWholes); err != nil {
				continue
			}
			if put, err = tx.Prepare("INSERT OR REPLACE INTO files (path, size, mtime, hash, rec, sig) VALUES (?, ?, ?, ?, ?, ?)"); err != nil {
				continue
			}
			if restamp, err = tx.Prepare("UPDATE files SET size = ?, mtime = ? WHERE path = ?"); err != nil {
				continue
			}
		}
		if w.restamp {
			_, err = restamp.Exec(w.size, w.mtime, w.path)
		} else {
			_, err = put.Exec(w.path, w.size, w.mtime, w.hash, w.rec, w.sig)
		}
		if n++; err == nil && n%commitEvery == 0 {
			err = tx.Commit()
			tx = nil
		}
	}
	if tx != nil {
		if err == nil {
			return tx.Commit()
		}
		tx.Rollback()
	}
	return err
}

// Forget drops files that are gone (model.FileCache); Commit writes it.
func (x *Index) Forget(paths []string) {
	x.mu.Lock()
	x.forget = append(x.forget, paths...)
	x.mu.Unlock()
}

// Commit finishes writing what the load read, then drops the files that
// are gone and keeps the groups, in one transaction. It reports the first
// error; the index then lacks some of this load's files, which the next
// start reads again.
func (x *Index) Commit() error {
	x.mu.Lock()
	defer x.mu.Unlock()
	var err error
	if x.writes != nil {
		close(x.writes)
		err = <-x.done
		x.writes = nil
	}
	if err != nil {
		return fmt.Errorf("index not updated: %w", err)
	}
	if len(x.forget) == 0 && !x.setGr && !x.wrote {
		return nil
	}
	tx, err := x.db.Begin()
	if err != nil {
		return fmt.Errorf("index not updated: %w", err)
	}
	defer tx.Rollback()
	for _, p := range x.forget {
		if _, err := tx.Exec("DELETE FROM files WHERE path = ?", p); err != nil {
			return fmt.Errorf("index not updated: %w", err)
		}
	}
	if x.setGr {
		// A whole load: the groups and a new snapshot describe every file.
		data, _ := json.Marshal(x.groups)
		if _, err := tx.Exec("INSERT OR REPLACE INTO meta (name, value) VALUES ('groups', ?)", string(data)); err != nil {
			return fmt.Errorf("index not updated: %w", err)
		}
		if err := writeSnapshot(tx); err != nil {
			return fmt.Errorf("index not updated: %w", err)
		}
	} else if len(x.forget) > 0 {
		if _, err := tx.Exec(dropWholes); err != nil {
			return fmt.Errorf("index not updated: %w", err)
		}
	}
	x.wrote = false
	x.forget, x.groups, x.setGr = nil, nil, false
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("index not updated: %w", err)
	}
	return nil
}

// Reset empties the index, for a rebuild.
func (x *Index) Reset() error {
	_, err := x.db.Exec(emptyAll)
	return err
}
