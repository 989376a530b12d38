package cli

import (
	"encoding/csv"
	"encoding/json"
	"strings"
	"testing"
)

func TestCoverageCommand(t *testing.T) {
	dir := coverageDir(t)
	r := runCLI(t, false, nil, "coverage", dir)
	lines := strings.Split(strings.TrimSpace(r.stdout), "\n")
	if r.code != 0 || len(lines) != 5 || !strings.HasPrefix(lines[0], "TITLE") || !strings.Contains(lines[0], "SEC") {
		t.Fatalf("exit %d, stderr %q\n%s", r.code, r.stderr, r.stdout)
	}
	if !strings.Contains(r.stdout, "Kyiv weighs a land swap  AP") || !strings.Contains(r.stdout, "·") {
		t.Errorf("table by article:\n%s", r.stdout)
	}

	r = runCLI(t, false, nil, "coverage", "--by", "outlet", dir)
	lines = strings.Split(strings.TrimSpace(r.stdout), "\n")
	if r.code != 0 || len(lines) != 4 || !strings.HasPrefix(lines[1], "AP ") || !strings.Contains(lines[1], "2025-04-30, 2025-11-30") ||
		!strings.HasPrefix(lines[2], "Reuters ") || !strings.HasPrefix(lines[3], "unknown outlet: notes-geneva ") {
		t.Errorf("table by outlet:\n%s", r.stdout)
	}

	r = runCLI(t, false, nil, "coverage", "--csv", "--by", "outlet", dir)
	recs, err := csv.NewReader(strings.NewReader(r.stdout)).ReadAll()
	if err != nil || len(recs) != 4 {
		t.Fatalf("csv: %v\n%s", err, r.stdout)
	}
	if strings.Join(recs[0][:5], ",") != "outlet,articles,dates,security-guarantees,territory" ||
		strings.Join(recs[1][:5], ",") != "AP,kyiv-weighs-land-swap minerals-deal-signed,2025-04-30 2025-11-30,0,2" ||
		recs[3][0] != "unknown outlet: Notes from Geneva" || strings.Contains(r.stdout, "·") {
		t.Errorf("csv:\n%s", r.stdout)
	}

	r = runCLI(t, false, nil, "coverage", "--json", dir)
	jl := strings.Split(strings.TrimSpace(r.stdout), "\n")
	if len(jl) != 4 {
		t.Fatalf("json lines:\n%s", r.stdout)
	}
	for _, l := range jl {
		var row struct {
			Outlet   string
			Articles []struct{ ID, Title, Date string }
			Topics   map[string]int
		}
		if err := json.Unmarshal([]byte(l), &row); err != nil || len(row.Articles) != 1 || len(row.Topics) != 10 {
			t.Errorf("json row %v: %s", err, l)
		}
	}
	if !strings.Contains(jl[0], `"topics":{"security-guarantees":0,"territory":2,`) {
		t.Errorf("topics not in topic order or silence not 0: %s", jl[0])
	}

	for _, args := range [][]string{{"coverage", "--by", "author"}, {"coverage", "--json", "--csv"}} {
		if r := runCLI(t, false, nil, args...); r.code != 2 || strings.Count(r.stderr, "\n") != 3 {
			t.Errorf("%v: exit %d, stderr %q", args, r.code, r.stderr)
		}
	}
}

func TestExportNamesSilence(t *testing.T) {
	dir := coverageDir(t)
	r := runCLI(t, false, nil, "export", "--topic", "territory", dir)
	if want := "\nNot covered by: Reuters (undated), “Notes from Geneva” (unknown outlet, undated).\n"; !strings.HasSuffix(r.stdout, want) {
		t.Errorf("export does not end with %q:\n%s", want, r.stdout)
	}
}
