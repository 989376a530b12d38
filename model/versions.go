package model

import (
	"path"
	"strings"
)

// IsOldVersion reports whether a file name is an earlier version of an
// article, NAME~N.md, kept beside it when 'briefing add --force' found new
// text. Folder loads skip these: the current version is the article.
func IsOldVersion(name string) bool {
	base := path.Base(strings.ReplaceAll(name, "\\", "/"))
	stem := strings.TrimSuffix(base, path.Ext(base))
	i := strings.LastIndexByte(stem, '~')
	if i < 0 || i == len(stem)-1 {
		return false
	}
	for _, r := range stem[i+1:] {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}
