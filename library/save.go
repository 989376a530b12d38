package library

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// filePath is where a new document goes: LIBRARY/<source>/<date>_<slug>.md,
// "undated" standing in for an unknown date.
func (l *Library) filePath(d Document) string {
	date := "undated"
	if !d.Date.IsZero() {
		date = d.Date.Format(time.DateOnly)
	}
	dir := filepath.Join(l.Dir, nameSlug(d.Source, 60, "unknown-source"))
	name := date + "_" + nameSlug(d.Title, 80, "article")
	p := filepath.Join(dir, name+".md")
	// Two stories with the same title on the same day: number the second.
	for n := 2; exists(p); n++ {
		p = filepath.Join(dir, fmt.Sprintf("%s-%d.md", name, n))
	}
	return p
}

func exists(p string) bool {
	_, err := os.Lstat(p)
	return err == nil
}

// nameSlug makes a file name from text: lower-case letters and digits of
// any script joined by hyphens, at most max bytes.
func nameSlug(s string, max int, fallback string) string {
	var b strings.Builder
	hyphen := false
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if hyphen && b.Len() > 0 {
				b.WriteByte('-')
			}
			hyphen = false
			if b.Len()+utf8.RuneLen(r) > max {
				break
			}
			b.WriteRune(r)
			continue
		}
		hyphen = true
	}
	out := strings.TrimRight(b.String(), "-")
	if out == "" {
		return fallback
	}
	return out
}

// writeAtomic writes data to path through a temporary file in the same
// folder and a rename, so a reader, a crash or ctrl+c never sees half a
// file. The temporary name starts with a dot, which the loader skips.
func writeAtomic(ctx context.Context, path string, data []byte) (err error) {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	f, err := os.CreateTemp(dir, ".briefing-*.tmp")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(f.Name())
		}
	}()
	if _, err = f.Write(data); err != nil {
		return err
	}
	if err = f.Sync(); err != nil {
		return err
	}
	if err = f.Chmod(0o644); err != nil {
		return err
	}
	if err = f.Close(); err != nil {
		return err
	}
	// Interrupted before the rename: nothing appears.
	if err = ctx.Err(); err != nil {
		return err
	}
	return os.Rename(f.Name(), path)
}
