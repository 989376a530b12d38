package cli

import (
	"os"
	"strings"
	"testing"

	"briefing/internal/sandbox"
	"briefing/store"
)

func TestMain(m *testing.M) { sandbox.Main(m) }

// TestStateIsSandboxed: a command run here without --state writes to a
// temporary home, never the user's.
func TestStateIsSandboxed(t *testing.T) {
	dir, err := store.DefaultDir()
	if err != nil || !strings.HasPrefix(dir, os.TempDir()) {
		t.Errorf("default state folder %q (%v) is outside %s", dir, err, os.TempDir())
	}
}
