package cli

import (
	"os"
	"os/user"
	"path/filepath"

	"briefing/store"
)

// stateOptions is the --state flag: where the briefing database and the
// article index live.
type stateOptions struct {
	dir string
}

// folder is the state folder: --state, or the default.
func (o stateOptions) folder() (string, error) {
	if o.dir != "" {
		return o.dir, nil
	}
	return store.DefaultDir()
}

// open opens the briefing database and returns it with its folder. A
// warning about the folder's permissions is st.Notice().
func (o stateOptions) open() (*store.Store, string, error) {
	dir, err := o.folder()
	if err != nil {
		return nil, "", err
	}
	st, err := store.Open(dir)
	return st, dir, err
}

// openReadOnly opens the database for reading only, so a read-only state
// folder still works; store.ErrNoDatabase when there is none yet.
func (o stateOptions) openReadOnly() (*store.Store, error) {
	dir, err := o.folder()
	if err != nil {
		return nil, err
	}
	return store.OpenReadOnly(dir)
}

// exportDir is where the app writes exported briefings.
func exportDir(stateDir string) string { return filepath.Join(stateDir, "exports") }

// localUser names the person at this terminal; over SSH the server uses the
// key's fingerprint instead.
func localUser() string {
	if u, err := user.Current(); err == nil && u.Username != "" {
		return "local:" + u.Username
	}
	if name := os.Getenv("USER"); name != "" {
		return "local:" + name
	}
	return "local"
}
