package store

import (
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// Errors opening a database, for callers that act on the kind; the
// message of each error is written for the person at the terminal.
var (
	ErrNoDatabase  = errors.New("no briefing database")
	ErrNotDatabase = errors.New("not a database")
	ErrUnreadable  = errors.New("database cannot be opened")
)

// dbError carries a message for people and the kind for code.
type dbError struct {
	msg  string
	kind error
	err  error
}

func (e *dbError) Error() string   { return e.msg }
func (e *dbError) Unwrap() []error { return []error{e.kind, e.err} }

// openError says why the database at path could not be opened, in words
// that tell the user what to do.
func openError(path string, err error) error {
	name := fmt.Sprintf("%s in %s", filepath.Base(path), filepath.Dir(path))
	if errors.Is(err, fs.ErrPermission) {
		return &dbError{name + " cannot be opened: permission denied (check its owner and mode, or use --state)", ErrUnreadable, err}
	}
	switch sqliteCode(err) {
	case sqlite3.SQLITE_NOTADB, sqlite3.SQLITE_CORRUPT:
		return &dbError{name + " is not a database: move it aside or use --state", ErrNotDatabase, err}
	case sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_PERM, sqlite3.SQLITE_READONLY, sqlite3.SQLITE_AUTH:
		return &dbError{name + " cannot be opened: " + sqliteMessage(err) + " (check its owner and mode, or use --state)", ErrUnreadable, err}
	}
	return fmt.Errorf("briefing database %s: %w", path, err)
}

// sqliteCode is the primary SQLite result code behind err, or 0.
func sqliteCode(err error) int {
	var e *sqlite.Error
	if errors.As(err, &e) {
		return e.Code() & 0xff
	}
	return 0
}

func sqliteMessage(err error) string {
	msg := err.Error()
	if i := strings.LastIndex(msg, ": "); i >= 0 {
		return msg[i+2:]
	}
	return msg
}

// dsn builds the driver's name for the database at path. The path goes
// into a file: URI, where ?, # and % would otherwise end or change it, so
// those are escaped: any path is a path.
func dsn(path string, q url.Values) string {
	if abs, err := filepath.Abs(path); err == nil {
		path = abs
	}
	esc := strings.NewReplacer("%", "%25", "?", "%3f", "#", "%23").Replace(filepath.ToSlash(path))
	return "file:" + esc + "?" + q.Encode()
}

// securePerms makes the state folder and the database files private when
// they belong to this user, and otherwise returns a warning; "" when all
// is well. Failures to tighten are warnings, never errors: the folder may
// be shared on purpose.
func securePerms(dir string) string {
	var notes []string
	if note := tighten(dir, 0o700); note != "" {
		notes = append(notes, "state folder "+note)
	}
	for _, name := range []string{FileName, FileName + "-wal", FileName + "-shm"} {
		if note := tighten(filepath.Join(dir, name), 0o600); note != "" {
			notes = append(notes, note)
		}
	}
	return strings.Join(notes, "; ")
}

func tighten(path string, want fs.FileMode) string {
	info, err := os.Lstat(path)
	if err != nil || info.Mode()&fs.ModeSymlink != 0 {
		return ""
	}
	perm := info.Mode().Perm()
	if perm&0o077 == 0 {
		return ""
	}
	if ownedByMe(info) && os.Chmod(path, want) == nil {
		return fmt.Sprintf("%s was readable by other users (mode %04o): made it %04o", path, perm, want)
	}
	return fmt.Sprintf("%s is readable by other users (mode %04o), who can read every pin and note: chmod %o %s", path, perm, want, path)
}
