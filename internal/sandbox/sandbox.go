// Package sandbox keeps tests away from the user's real files: a test
// binary that runs through Main sees HOME and every XDG base folder pointing
// into a temporary folder, so even a test that forgets --state cannot read
// or write the user's briefing database.
package sandbox

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// Main runs the package's tests inside a fresh temporary home and exits.
func Main(m *testing.M) {
	os.Exit(run(m))
}

func run(m *testing.M) int {
	// Tests that build the binary run the go command, which finds its
	// caches and settings through HOME: pin them first, so moving HOME
	// neither rebuilds everything nor loses the user's go env settings.
	keepGoEnv()
	home, err := os.MkdirTemp("", "briefing-test-home-")
	if err != nil {
		fmt.Fprintln(os.Stderr, "sandbox:", err)
		return 1
	}
	defer os.RemoveAll(home)
	for k, sub := range map[string]string{
		"HOME":            "",
		"XDG_STATE_HOME":  "state",
		"XDG_CONFIG_HOME": "config",
		"XDG_DATA_HOME":   "data",
		"XDG_CACHE_HOME":  "cache",
	} {
		os.Setenv(k, filepath.Join(home, sub))
	}
	return m.Run()
}

func keepGoEnv() {
	names := []string{"GOCACHE", "GOMODCACHE", "GOPATH", "GOENV"}
	out, err := exec.Command("go", append([]string{"env"}, names...)...).Output()
	if err != nil {
		return // no go command: nothing to keep
	}
	values := strings.Split(strings.TrimRight(string(out), "\n"), "\n")
	for i, name := range names {
		if i < len(values) && values[i] != "" && os.Getenv(name) == "" {
			os.Setenv(name, values[i])
		}
	}
}
