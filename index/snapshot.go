package index

import (
	"database/sql"
	"encoding/binary"
	"errors"
	"strconv"
)

// A snapshot is every row of files in one blob: per file its path, size,
// modification time, hash and record, each length-prefixed.

var errSnapshot = errors.New("index snapshot unreadable")

// writeSnapshot replaces the snapshot with the files table as tx sees it.
func writeSnapshot(tx *sql.Tx) error {
	rows, err := tx.Query("SELECT path, size, mtime, hash, rec FROM files")
	if err != nil {
		return err
	}
	defer rows.Close()
	var b []byte
	var path string
	var size, mtime int64
	var hash, rec sql.RawBytes
	n := 0
	for rows.Next() {
		if err := rows.Scan(&path, &size, &mtime, &hash, &rec); err != nil {
			return err
		}
		n++
		b = binary.AppendUvarint(b, uint64(len(path)))
		b = append(b, path...)
		b = binary.AppendVarint(b, size)
		b = binary.AppendVarint(b, mtime)
		b = binary.AppendUvarint(b, uint64(len(hash)))
		b = append(b, hash...)
		b = binary.AppendUvarint(b, uint64(len(rec)))
		b = append(b, rec...)
	}
	if err := rows.Err(); err != nil {
		return err
	}
	if _, err = tx.Exec("INSERT OR REPLACE INTO snapshot (id, data) VALUES (1, ?)", b); err != nil {
		return err
	}
	_, err = tx.Exec("INSERT OR REPLACE INTO meta (name, value) VALUES ('rows', ?)", strconv.Itoa(n))
	return err
}

// eachInSnapshot calls fn with every file in data; the slices it passes
// point into data, which the caller may keep.
func eachInSnapshot(data []byte, fn func(path string, size, mtime int64, hash, rec []byte)) error {
	take := func() ([]byte, bool) {
		n, k := binary.Uvarint(data)
		if k <= 0 || n > uint64(len(data)-k) {
			return nil, false
		}
		out := data[k : k+int(n) : k+int(n)]
		data = data[k+int(n):]
		return out, true
	}
	varint := func() (int64, bool) {
		v, k := binary.Varint(data)
		if k <= 0 {
			return 0, false
		}
		data = data[k:]
		return v, true
	}
	for len(data) > 0 {
		path, ok1 := take()
		size, ok2 := varint()
		mtime, ok3 := varint()
		hash, ok4 := take()
		rec, ok5 := take()
		if !ok1 || !ok2 || !ok3 || !ok4 || !ok5 {
			return errSnapshot
		}
		fn(string(path), size, mtime, hash, rec)
	}
	return nil
}

// Len is how many files the last snapshot held, to size what a load
// gathers (0 when unknown).
func (x *Index) Len() int {
	var v string
	if err := x.db.QueryRow("SELECT value FROM meta WHERE name = 'rows'").Scan(&v); err != nil {
		return 0
	}
	n, _ := strconv.Atoi(v)
	return min(max(n, 0), 1<<24)
}
