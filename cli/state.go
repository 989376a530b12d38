package cli

import (
	"os"
	"os/user"
	"path/filepath"

	"github.com/spf13/cobra"

	"briefing/store"
)

// stateOptions is the --state flag of the app, serve and export.
type stateOptions struct {
	dir string
}

func (o *stateOptions) addFlags(cmd *cobra.Command) {
	cmd.Flags().StringVar(&o.dir, "state", "", "keep the briefing database in `DIR` (default $XDG_STATE_HOME/briefing)")
}

// open opens the briefing database and returns it with its folder.
func (o stateOptions) open() (*store.Store, string, error) {
	dir := o.dir
	if dir == "" {
		var err error
		if dir, err = store.DefaultDir(); err != nil {
			return nil, "", err
		}
	}
	st, err := store.Open(dir)
	return st, dir, err
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
