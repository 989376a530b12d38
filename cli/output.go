package cli

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"briefing/internal/safefile"
	"briefing/store"
)

// checkOutput refuses an -o FILE that export must not write: an existing
// file without --force, a symbolic link, anything not a regular file, or
// one of the state database's own files.
func checkOutput(path string, force bool, state stateOptions) error {
	if dir, err := state.folder(); err == nil && isStateFile(path, dir) {
		return fmt.Errorf("-o %s is the briefing database's own file: choose another name", path)
	}
	info, err := os.Lstat(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	switch {
	case info.Mode()&os.ModeSymlink != 0:
		return outputError(fmt.Errorf("%s %w", path, safefile.ErrSymlink))
	case !info.Mode().IsRegular():
		return outputError(fmt.Errorf("%s %w", path, safefile.ErrSpecial))
	case !force:
		return outputError(fmt.Errorf("%s %w", path, safefile.ErrExists))
	}
	return nil
}

// outputError adds what to do to safefile's refusals.
func outputError(err error) error {
	switch {
	case errors.Is(err, safefile.ErrExists):
		return fmt.Errorf("%w: give --force to replace it", err)
	case errors.Is(err, safefile.ErrSymlink):
		return fmt.Errorf("%w: give the file's real path", err)
	}
	return err
}

// isStateFile says whether path names the database, its -wal, -shm or
// -journal file in the state folder, by name (so one not yet created
// counts) or by identity (so a hard link counts).
func isStateFile(path, stateDir string) bool {
	target := resolve(path)
	for _, suffix := range []string{"", "-wal", "-shm", "-journal"} {
		name := filepath.Join(stateDir, store.FileName+suffix)
		if target == resolve(name) {
			return true
		}
		a, errA := os.Stat(path)
		b, errB := os.Stat(name)
		if errA == nil && errB == nil && os.SameFile(a, b) {
			return true
		}
	}
	return false
}

// resolve is path made absolute with its folder's links resolved.
func resolve(path string) string {
	abs, err := filepath.Abs(path)
	if err != nil {
		return filepath.Clean(path)
	}
	dir, base := filepath.Split(abs)
	if real, err := filepath.EvalSymlinks(dir); err == nil {
		dir = real
	}
	return filepath.Join(dir, base)
}
