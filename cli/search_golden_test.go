package cli

import (
	"testing"

	"github.com/charmbracelet/x/exp/golden"
)

// TestSearchScreens holds the search and timeline outputs to golden files
// (refresh with go test ./cli -run TestSearchScreens -update, then review).
func TestSearchScreens(t *testing.T) {
	for _, tc := range []struct {
		name string
		args []string
	}{
		{"search", []string{"search", `"security guarantees" -nato`}},
		{"search-colour", []string{"search", "--color", "always", "--width", "100", "--order", "relevance", "ceasefire troop*"}},
		{"search-json", []string{"search", "--json", "--limit", "2", "zelensky trump"}},
		{"timeline-week", []string{"timeline", "--topic", "ceasefire"}},
		{"timeline-month-colour", []string{"timeline", "--topic", "territory", "--by", "month", "--color", "always"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := runCLI(t, false, nil, tc.args...)
			if r.code != 0 || r.stderr != "" {
				t.Fatalf("exit %d: %s", r.code, r.stderr)
			}
			golden.RequireEqual(t, r.stdout)
		})
	}
}
