package store

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"

	"briefing/model"
)

func open(t *testing.T, dir string) *Store {
	t.Helper()
	s, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func pin(article, hash string) model.Pin {
	return model.Pin{ArticleID: article, ParaHash: hash, Index: 3, Text: "text of " + hash, Title: "Title " + article, Source: "Outlet", Date: "2025-04-18", Topic: "territory"}
}

func TestMigrationsFromEmpty(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "state", "briefing")
	s := open(t, dir)
	v, err := s.SchemaVersion()
	if err != nil || v != len(migrations) {
		t.Fatalf("version %d, %v", v, err)
	}
	var mode string
	s.db.QueryRow(`PRAGMA journal_mode`).Scan(&mode)
	if mode != "wal" {
		t.Errorf("journal mode %q", mode)
	}
	s.Close()
	// Reopening applies nothing twice.
	s2 := open(t, dir)
	if v, _ := s2.SchemaVersion(); v != len(migrations) {
		t.Errorf("version after reopen %d", v)
	}
	info, err := os.Stat(dir)
	if err != nil || info.Mode().Perm() != 0o700 {
		t.Errorf("state folder mode %v, %v", info.Mode().Perm(), err)
	}
}

func TestNewerSchemaRefused(t *testing.T) {
	dir := t.TempDir()
	s := open(t, dir)
	s.db.Exec(fmt.Sprintf(`PRAGMA user_version = %d`, len(migrations)+1))
	s.Close()
	if _, err := Open(dir); err == nil || !strings.Contains(err.Error(), "newer") {
		t.Errorf("opened a newer schema: %v", err)
	}
}

func TestPinNoteOrderRemoveUndo(t *testing.T) {
	s := open(t, t.TempDir())
	a, err := s.Add("u", pin("a1", "h1"))
	if err != nil {
		t.Fatal(err)
	}
	b, _ := s.Add("u", pin("a1", "h2"))
	c, _ := s.Add("u", pin("a2", "h1"))
	again, err := s.Add("u", pin("a1", "h1"))
	if err != nil || again.ID != a.ID {
		t.Errorf("pinning twice: %+v, %v", again, err)
	}
	if err := s.SetNote("u", b.ID, "check this\nwith Kyiv"); err != nil {
		t.Fatal(err)
	}
	if err := s.Swap("u", a.ID, c.ID); err != nil {
		t.Fatal(err)
	}
	pins, _ := s.Pins("u")
	if got := ids(pins); !slices.Equal(got, []int64{c.ID, b.ID, a.ID}) {
		t.Errorf("order after swap %v", got)
	}
	if pins[1].Note != "check this\nwith Kyiv" || pins[1].Text != "text of h2" || pins[1].Title != "Title a1" {
		t.Errorf("pin %+v", pins[1])
	}
	removed, err := s.Remove("u", b.ID)
	if err != nil {
		t.Fatal(err)
	}
	if pins, _ := s.Pins("u"); len(pins) != 2 {
		t.Errorf("%d pins after remove", len(pins))
	}
	if _, err := s.Remove("u", b.ID); !errors.Is(err, ErrNotFound) {
		t.Errorf("second remove: %v", err)
	}
	if _, err := s.Restore("u", removed); err != nil {
		t.Fatal(err)
	}
	pins, _ = s.Pins("u")
	if got := ids(pins); len(got) != 3 || pins[1].Note != "check this\nwith Kyiv" || pins[1].ParaHash != "h2" {
		t.Errorf("undo did not restore the pin in place: %+v", pins)
	}
}

func TestUsersAreIsolated(t *testing.T) {
	s := open(t, t.TempDir())
	a, _ := s.Add("alice", pin("a1", "h1"))
	s.Add("bob", pin("a1", "h1"))
	if pins, _ := s.Pins("alice"); len(pins) != 1 {
		t.Errorf("alice has %d pins", len(pins))
	}
	if _, err := s.Remove("bob", a.ID); !errors.Is(err, ErrNotFound) {
		t.Errorf("bob removed alice's pin: %v", err)
	}
	if err := s.SetNote("bob", a.ID, "x"); !errors.Is(err, ErrNotFound) {
		t.Errorf("bob noted alice's pin: %v", err)
	}
	if pins, _ := s.Pins("carol"); len(pins) != 0 {
		t.Errorf("carol sees %d pins", len(pins))
	}
}

func TestTwoWritersAtOnce(t *testing.T) {
	dir := t.TempDir()
	s1, s2 := open(t, dir), open(t, dir)
	var wg sync.WaitGroup
	errs := make(chan error, 400)
	for w, s := range []*Store{s1, s2} {
		wg.Go(func() {
			for i := range 100 {
				p, err := s.Add("u", pin(fmt.Sprintf("w%d", w), strconv.Itoa(i)))
				if err != nil {
					errs <- err
					continue
				}
				if err := s.SetNote("u", p.ID, "note"); err != nil {
					errs <- err
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	pins, _ := s1.Pins("u")
	if len(pins) != 200 {
		t.Errorf("%d pins, want 200", len(pins))
	}
	positions := map[int64]bool{}
	for _, p := range pins {
		if positions[p.Position] {
			t.Errorf("position %d used twice", p.Position)
		}
		positions[p.Position] = true
		if p.Note != "note" {
			t.Errorf("pin %d lost its note", p.ID)
		}
	}
}

// TestKilledWriterLosesNothingAcknowledged runs a writer in a subprocess,
// SIGKILLs it mid-loop, and checks that every pin it acknowledged is there
// and the database is intact.
func TestKilledWriterLosesNothingAcknowledged(t *testing.T) {
	if dir := os.Getenv("BRIEFING_STORE_WRITER"); dir != "" {
		s, err := Open(dir)
		if err != nil {
			fmt.Println("error", err)
			os.Exit(1)
		}
		for i := 0; ; i++ {
			if _, err := s.Add("u", pin("a", strconv.Itoa(i))); err != nil {
				fmt.Println("error", err)
				os.Exit(1)
			}
			fmt.Println("ack", i) // stdout is unbuffered: the ack follows the commit
		}
	}
	dir := t.TempDir()
	cmd := exec.Command(os.Args[0], "-test.run=^TestKilledWriterLosesNothingAcknowledged$")
	cmd.Env = append(os.Environ(), "BRIEFING_STORE_WRITER="+dir)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	acked := -1
	sc := bufio.NewScanner(out)
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "error") {
			t.Fatal(line)
		}
		if n, err := strconv.Atoi(strings.TrimPrefix(line, "ack ")); err == nil {
			acked = n
		}
		if acked >= 150 {
			cmd.Process.Signal(syscall.SIGKILL)
			break
		}
	}
	cmd.Wait()
	if acked < 150 {
		t.Fatalf("writer stopped early at %d", acked)
	}
	s := open(t, dir)
	var check string
	if err := s.db.QueryRow(`PRAGMA integrity_check`).Scan(&check); err != nil || check != "ok" {
		t.Fatalf("integrity: %q %v", check, err)
	}
	pins, err := s.Pins("u")
	if err != nil {
		t.Fatal(err)
	}
	have := map[string]bool{}
	for _, p := range pins {
		have[p.ParaHash] = true
	}
	for i := 0; i <= acked; i++ {
		if !have[strconv.Itoa(i)] {
			t.Errorf("acknowledged pin %d lost", i)
		}
	}
}

func ids(pins []model.Pin) []int64 {
	out := make([]int64, len(pins))
	for i, p := range pins {
		out[i] = p.ID
	}
	return out
}
