package store

import (
	"cmp"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"briefing/internal/safefile"
)

// KeepExports is how many exports WriteExport keeps in a folder; older
// ones are removed as new ones arrive.
const KeepExports = 20

// DefaultExportQuota is the bytes a user's exports folder may hold unless
// the server is told otherwise.
const DefaultExportQuota = 50 << 20

// ErrExportQuota is returned when an export would take a user's exports
// folder past its quota.
var ErrExportQuota = errors.New("exports folder is full")

// WriteExport writes an exported briefing named name into dir (a user's
// own exports folder) whole and private (0600), replacing an earlier
// export of the same name and removing all but the newest KeepExports.
// It refuses, writing nothing, when the folder would hold more than quota
// bytes (quota <= 0: no limit). It returns the file's path.
func WriteExport(dir, name string, data []byte, quota int64) (string, error) {
	if name == "" || name != filepath.Base(name) || name == "." || name == ".." || strings.HasPrefix(name, ".") {
		return "", fmt.Errorf("export name %q is not a plain file name", name)
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", err
	}
	others, err := exports(dir, name)
	if err != nil {
		return "", err
	}
	// The newest others stay; the rest go once the new file is in place.
	keep, drop := others, []exportFile(nil)
	if len(others) >= KeepExports {
		keep, drop = others[:KeepExports-1], others[KeepExports-1:]
	}
	total := int64(len(data))
	for _, f := range keep {
		total += f.size
	}
	if quota > 0 && total > quota {
		return "", fmt.Errorf("%w: this export would bring it to %s of its %s: delete old exports in %s",
			ErrExportQuota, megabytes(total), megabytes(quota), dir)
	}
	path := filepath.Join(dir, name)
	if err := safefile.Write(path, data, true); err != nil {
		return "", err
	}
	for _, f := range drop {
		os.Remove(filepath.Join(dir, f.name))
	}
	return path, nil
}

type exportFile struct {
	name  string
	size  int64
	mtime int64
}

// exports lists the folder's exports other than name, newest first.
// Hidden files (a write in progress) are not exports.
func exports(dir, name string) ([]exportFile, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var out []exportFile
	for _, e := range entries {
		if e.Name() == name || strings.HasPrefix(e.Name(), ".") || !e.Type().IsRegular() {
			continue
		}
		info, err := e.Info()
		if err != nil {
			continue // removed meanwhile
		}
		out = append(out, exportFile{e.Name(), info.Size(), info.ModTime().UnixNano()})
	}
	slices.SortFunc(out, func(a, b exportFile) int {
		return cmp.Or(cmp.Compare(b.mtime, a.mtime), strings.Compare(b.name, a.name))
	})
	return out, nil
}

func megabytes(n int64) string { return fmt.Sprintf("%.1f MB", float64(n)/(1<<20)) }
