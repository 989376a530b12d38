package server

import (
	"testing"

	"briefing/internal/sandbox"
)

// TestMain keeps these tests away from the user's real state: HOME and
// XDG_* point into a temporary folder.
func TestMain(m *testing.M) { sandbox.Main(m) }
