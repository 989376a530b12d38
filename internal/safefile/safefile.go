// Package safefile writes files the careful way: whole or not at all,
// private to their owner, never through a symbolic link and never over an
// existing file unless asked.
package safefile

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// Errors Write returns, wrapped with the path.
var (
	ErrExists  = errors.New("already exists")
	ErrSymlink = errors.New("is a symbolic link")
	ErrSpecial = errors.New("is not a regular file")
)

// Write puts data at path, mode 0600: it writes a temporary file beside
// path and renames it into place, so a failed write leaves nothing behind
// and readers never see half a file. An existing path is replaced only
// with overwrite, and only if it is a regular file.
func Write(path string, data []byte, overwrite bool) error {
	if err := check(path, overwrite); err != nil {
		return err
	}
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	f, err := os.CreateTemp(dir, "."+base+".*.tmp") // CreateTemp makes it 0600
	if err != nil {
		return err
	}
	tmp := f.Name()
	defer os.Remove(tmp) // a no-op once it has been renamed or linked
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	if overwrite {
		// Rename replaces the directory entry: a link that appeared since
		// the check is replaced, not followed.
		return os.Rename(tmp, path)
	}
	// A hard link fails if path exists, so a file created since the check
	// is never clobbered.
	err = os.Link(tmp, path)
	if errors.Is(err, fs.ErrExist) {
		return fmt.Errorf("%s %w", path, ErrExists)
	}
	return err
}

// check refuses what Write must not replace.
func check(path string, overwrite bool) error {
	info, err := os.Lstat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	switch {
	case info.Mode()&fs.ModeSymlink != 0:
		return fmt.Errorf("%s %w: not writing through it", path, ErrSymlink)
	case !info.Mode().IsRegular():
		return fmt.Errorf("%s %w", path, ErrSpecial)
	case !overwrite:
		return fmt.Errorf("%s %w", path, ErrExists)
	}
	return nil
}
