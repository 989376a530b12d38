// Package store keeps each user's briefing (pins, notes and their order) in
// an embedded SQLite database, safe for several processes at once.
package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"time"

	_ "modernc.org/sqlite" // the pure-Go SQLite driver
	sqlite3 "modernc.org/sqlite/lib"

	"briefing/model"
)

// FileName is the database's name inside the state folder.
const FileName = "briefing.db"

// Store is an open briefing database.
type Store struct {
	db     *sql.DB
	path   string
	notice string
}

// DefaultDir is $XDG_STATE_HOME/briefing, or ~/.local/state/briefing.
func DefaultDir() (string, error) {
	if d := os.Getenv("XDG_STATE_HOME"); d != "" {
		return filepath.Join(d, "briefing"), nil
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return "", fmt.Errorf("no state folder: set XDG_STATE_HOME or --state: %w", err)
	}
	return filepath.Join(home, ".local", "state", "briefing"), nil
}

// Open opens (creating if needed) the database in dir and brings its schema
// up to date. The folder is made private (0700) and the database files
// 0600: they hold every user's pins and notes.
func Open(dir string) (*Store, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("state folder: %w", err)
	}
	notice := securePerms(dir)
	path := filepath.Join(dir, FileName)
	// SQLite gives the -wal and -shm files the database file's mode, so
	// creating it 0600 first keeps all three private.
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, openError(path, err)
	}
	f.Close()
	// WAL lets readers and a writer work at once; the busy timeout makes a
	// second process wait for a lock instead of failing; synchronous=FULL
	// makes every commit durable before it is acknowledged.
	q := url.Values{}
	q.Add("_pragma", "busy_timeout(10000)")
	q.Add("_pragma", "journal_mode(WAL)")
	q.Add("_pragma", "synchronous(FULL)")
	q.Add("_pragma", "foreign_keys(ON)")
	q.Set("_txlock", "immediate")
	db, err := sql.Open("sqlite", dsn(path, q))
	if err != nil {
		return nil, err
	}
	s := &Store{db: db, path: path, notice: notice}
	if err := s.migrate(context.Background()); err != nil {
		db.Close()
		return nil, openError(path, err)
	}
	return s, nil
}

// OpenReadOnly opens the database in dir for reading only: it creates,
// migrates and changes nothing, so it works on a read-only state folder.
// A folder with no database yet gives ErrNoDatabase.
func OpenReadOnly(dir string) (*Store, error) {
	path := filepath.Join(dir, FileName)
	if _, err := os.Stat(path); err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("%w in %s", ErrNoDatabase, dir)
		}
		return nil, openError(path, err)
	}
	s, err := openReadOnly(path, false)
	if code := sqliteCode(err); code == sqlite3.SQLITE_CANTOPEN || code == sqlite3.SQLITE_READONLY {
		// A WAL database needs its -shm file; in a folder we cannot write,
		// SQLite can only read the database as a file nobody changes.
		s, err = openReadOnly(path, true)
	}
	if err != nil {
		return nil, openError(path, err)
	}
	return s, nil
}

func openReadOnly(path string, immutable bool) (*Store, error) {
	q := url.Values{}
	q.Set("mode", "ro")
	if immutable {
		q.Set("immutable", "1")
	}
	q.Add("_pragma", "busy_timeout(10000)")
	db, err := sql.Open("sqlite", dsn(path, q))
	if err != nil {
		return nil, err
	}
	s := &Store{db: db, path: path}
	v, err := s.SchemaVersion()
	switch {
	case err != nil:
	case v > len(migrations):
		err = fmt.Errorf("schema version %d is newer than this briefing (%d): upgrade briefing", v, len(migrations))
	case v < len(migrations):
		err = fmt.Errorf("schema version %d is older than this briefing (%d): run briefing once with write access to upgrade it", v, len(migrations))
	}
	if err != nil {
		db.Close()
		return nil, err
	}
	return s, nil
}

// Notice is a warning about the state folder's permissions found when
// opening it (or that they were tightened), or "".
func (s *Store) Notice() string { return s.notice }

// Path is the database file.
func (s *Store) Path() string { return s.path }

// Close closes the database.
func (s *Store) Close() error { return s.db.Close() }

// migrations are applied in order; user_version records how many ran. Never
// edit one that has shipped: add another.
var migrations = []string{
	`CREATE TABLE pins (
		id         INTEGER PRIMARY KEY AUTOINCREMENT,
		user       TEXT NOT NULL,
		article_id TEXT NOT NULL,
		para_hash  TEXT NOT NULL,
		para_index INTEGER NOT NULL,
		text       TEXT NOT NULL,
		title      TEXT NOT NULL,
		source     TEXT NOT NULL DEFAULT '',
		date       TEXT NOT NULL DEFAULT '',
		topic      TEXT NOT NULL DEFAULT '',
		note       TEXT NOT NULL DEFAULT '',
		position   INTEGER NOT NULL,
		created    TEXT NOT NULL,
		UNIQUE (user, article_id, para_hash)
	);
	CREATE INDEX pins_user_position ON pins (user, position);`,
	`ALTER TABLE pins ADD COLUMN url TEXT NOT NULL DEFAULT '';`,
}

func (s *Store) migrate(ctx context.Context) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var version int
	if err := tx.QueryRowContext(ctx, `PRAGMA user_version`).Scan(&version); err != nil {
		return err
	}
	if version > len(migrations) {
		return fmt.Errorf("schema version %d is newer than this briefing (%d): upgrade briefing", version, len(migrations))
	}
	for i := version; i < len(migrations); i++ {
		if _, err := tx.ExecContext(ctx, migrations[i]); err != nil {
			return fmt.Errorf("migration %d: %w", i+1, err)
		}
	}
	if _, err := tx.ExecContext(ctx, fmt.Sprintf(`PRAGMA user_version = %d`, len(migrations))); err != nil {
		return err
	}
	return tx.Commit()
}

// SchemaVersion is the number of migrations applied.
func (s *Store) SchemaVersion() (int, error) {
	var v int
	err := s.db.QueryRow(`PRAGMA user_version`).Scan(&v)
	return v, err
}

const pinColumns = `id, article_id, para_hash, para_index, text, title, source, url, date, topic, note, position`

func scanPins(rows *sql.Rows) ([]model.Pin, error) {
	defer rows.Close()
	var out []model.Pin
	for rows.Next() {
		var p model.Pin
		if err := rows.Scan(&p.ID, &p.ArticleID, &p.ParaHash, &p.Index, &p.Text, &p.Title, &p.Source, &p.URL, &p.Date, &p.Topic, &p.Note, &p.Position); err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

// Pins returns a user's pins in briefing order.
func (s *Store) Pins(user string) ([]model.Pin, error) {
	rows, err := s.db.Query(`SELECT `+pinColumns+` FROM pins WHERE user = ? ORDER BY position, id`, user)
	if err != nil {
		return nil, err
	}
	return scanPins(rows)
}

// ErrNotFound is returned for a pin that is not there (another instance
// removed it, or it belongs to someone else).
var ErrNotFound = errors.New("pin not found")

// Add pins a paragraph at the end of the user's briefing. Pinning what is
// already pinned returns the existing pin.
func (s *Store) Add(user string, p model.Pin) (model.Pin, error) {
	tx, err := s.db.Begin()
	if err != nil {
		return model.Pin{}, err
	}
	defer tx.Rollback()
	var next int64
	if err := tx.QueryRow(`SELECT COALESCE(MAX(position), 0) + 1 FROM pins WHERE user = ?`, user).Scan(&next); err != nil {
		return model.Pin{}, err
	}
	if p.Position == 0 {
		p.Position = next
	}
	res, err := tx.Exec(`INSERT INTO pins (user, article_id, para_hash, para_index, text, title, source, url, date, topic, note, position, created)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (user, article_id, para_hash) DO NOTHING`,
		user, p.ArticleID, p.ParaHash, p.Index, p.Text, p.Title, p.Source, p.URL, p.Date, p.Topic, p.Note, p.Position, time.Now().UTC().Format(time.RFC3339))
	if err != nil {
		return model.Pin{}, err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		rows, err := tx.Query(`SELECT `+pinColumns+` FROM pins WHERE user = ? AND article_id = ? AND para_hash = ?`, user, p.ArticleID, p.ParaHash)
		if err != nil {
			return model.Pin{}, err
		}
		existing, err := scanPins(rows)
		if err != nil || len(existing) == 0 {
			return model.Pin{}, errors.Join(err, ErrNotFound)
		}
		return existing[0], tx.Commit()
	}
	p.ID, _ = res.LastInsertId()
	return p, tx.Commit()
}

// Remove deletes a pin and returns it, so that it can be restored.
func (s *Store) Remove(user string, id int64) (model.Pin, error) {
	tx, err := s.db.Begin()
	if err != nil {
		return model.Pin{}, err
	}
	defer tx.Rollback()
	rows, err := tx.Query(`SELECT `+pinColumns+` FROM pins WHERE user = ? AND id = ?`, user, id)
	if err != nil {
		return model.Pin{}, err
	}
	found, err := scanPins(rows)
	if err != nil {
		return model.Pin{}, err
	}
	if len(found) == 0 {
		return model.Pin{}, ErrNotFound
	}
	if _, err := tx.Exec(`DELETE FROM pins WHERE user = ? AND id = ?`, user, id); err != nil {
		return model.Pin{}, err
	}
	return found[0], tx.Commit()
}

// Restore puts back a removed pin where it was.
func (s *Store) Restore(user string, p model.Pin) (model.Pin, error) {
	return s.Add(user, p)
}

// SetNote replaces a pin's note.
func (s *Store) SetNote(user string, id int64, note string) error {
	res, err := s.db.Exec(`UPDATE pins SET note = ? WHERE user = ? AND id = ?`, note, user, id)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return ErrNotFound
	}
	return nil
}

// SetTopic files a pin under another topic ("" for none).
func (s *Store) SetTopic(user string, id int64, topic string) error {
	res, err := s.db.Exec(`UPDATE pins SET topic = ? WHERE user = ? AND id = ?`, topic, user, id)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return ErrNotFound
	}
	return nil
}

// Swap exchanges the order of two of a user's pins.
func (s *Store) Swap(user string, a, b int64) error {
	tx, err := s.db.Begin()
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var pa, pb int64
	if err := tx.QueryRow(`SELECT position FROM pins WHERE user = ? AND id = ?`, user, a).Scan(&pa); err != nil {
		return notFound(err)
	}
	if err := tx.QueryRow(`SELECT position FROM pins WHERE user = ? AND id = ?`, user, b).Scan(&pb); err != nil {
		return notFound(err)
	}
	if pa == pb {
		// Equal positions (a restore raced an insert): separate them first.
		pb = pa + 1
		if _, err := tx.Exec(`UPDATE pins SET position = position + 1 WHERE user = ? AND position > ?`, user, pa); err != nil {
			return err
		}
	}
	if _, err := tx.Exec(`UPDATE pins SET position = ? WHERE user = ? AND id = ?`, pb, user, a); err != nil {
		return err
	}
	if _, err := tx.Exec(`UPDATE pins SET position = ? WHERE user = ? AND id = ?`, pa, user, b); err != nil {
		return err
	}
	return tx.Commit()
}

func notFound(err error) error {
	if errors.Is(err, sql.ErrNoRows) {
		return ErrNotFound
	}
	return err
}
