package model

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"sort"
	"strings"

	"go.yaml.in/yaml/v3"
)

// FolderFile names the settings file a folder of articles may carry:
// "source: Reuters" there names the outlet of every article in the folder
// and its subfolders (unless one has its own), where the articles' front
// matter does not.
const FolderFile = ".briefing.yaml"

// maxFolderFileBytes bounds FolderFile: a few lines are all it holds.
const maxFolderFileBytes = 64 << 10

// folderSettings is what FolderFile says.
type folderSettings struct {
	Source string
}

// parseFolderFile reads FolderFile's YAML. Unknown keys are errors, so a
// typo ("sorce:") is reported rather than silently ignored.
func parseFolderFile(data []byte) (folderSettings, error) {
	var settings folderSettings
	var m map[string]any
	if err := yaml.Unmarshal(data, &m); err != nil {
		return settings, fmt.Errorf("not read: %s", strings.Join(strings.Fields(err.Error()), " "))
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if k != "source" {
			return settings, fmt.Errorf("not read: unknown key %q (only source: is read)", k)
		}
		s, ok := m[k].(string)
		if !ok && m[k] != nil {
			return settings, errors.New("not read: source: must be the outlet's name")
		}
		settings.Source = oneLine(s)
	}
	return settings, nil
}

// folderSource is the outlet a folder's FolderFile names, else inherited,
// the folder's parent's. A FolderFile that cannot be read is reported and
// the inherited outlet stays. open opens a file by path.
func folderSource(open func(string) (io.ReadCloser, error), file, inherited string) (string, *Warning) {
	f, err := open(file)
	if errors.Is(err, fs.ErrNotExist) {
		return inherited, nil
	}
	if err != nil {
		return inherited, &Warning{file, describe(err)}
	}
	defer f.Close()
	data, err := readLimited(f, maxFolderFileBytes, 0)
	if err != nil {
		return inherited, &Warning{file, describe(err)}
	}
	settings, err := parseFolderFile(data)
	if err != nil {
		return inherited, &Warning{file, err.Error()}
	}
	if settings.Source == "" {
		return inherited, nil
	}
	return settings.Source, nil
}

func openOS(name string) (io.ReadCloser, error) { return os.Open(name) }

func openFS(fsys fs.FS) func(string) (io.ReadCloser, error) {
	return func(name string) (io.ReadCloser, error) { return fsys.Open(name) }
}
