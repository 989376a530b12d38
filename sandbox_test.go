package main

import (
	"os"
	"strings"
	"testing"

	"briefing/internal/sandbox"
	"briefing/store"
)

func TestMain(m *testing.M) { sandbox.Main(m) }

// TestStateIsSandboxed holds every test here, and every binary they start
// (they inherit the environment), away from the user's real briefing
// database, even one that forgets --state.
func TestStateIsSandboxed(t *testing.T) {
	dir, err := store.DefaultDir()
	if err != nil || !strings.HasPrefix(dir, os.TempDir()) {
		t.Errorf("default state folder %q (%v) is outside %s", dir, err, os.TempDir())
	}
}
