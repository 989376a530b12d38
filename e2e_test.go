package main

import (
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"
)

var sessions atomic.Int64

// tmuxSession drives the real binary in a detached tmux window, as a person
// at a terminal would.
type tmuxSession struct {
	t      *testing.T
	socket string
}

func startTmux(t *testing.T, w, h int, command string) *tmuxSession {
	t.Helper()
	if _, err := exec.LookPath("tmux"); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("tmux is not installed; .ci/run installs it")
		}
		t.Skip("tmux not installed")
	}
	s := &tmuxSession{t: t, socket: fmt.Sprintf("briefing-e2e-%d-%d", os.Getpid(), sessions.Add(1))}
	s.run("new-session", "-d", "-x", fmt.Sprint(w), "-y", fmt.Sprint(h), "-s", "e2e", command)
	t.Cleanup(func() { exec.Command("tmux", "-L", s.socket, "kill-server").Run() })
	return s
}

func (s *tmuxSession) run(args ...string) string {
	s.t.Helper()
	out, err := exec.Command("tmux", append([]string{"-L", s.socket}, args...)...).CombinedOutput()
	if err != nil {
		s.t.Fatalf("tmux %v: %v\n%s", args, err, out)
	}
	return string(out)
}

func (s *tmuxSession) keys(keys ...string) {
	s.run(append([]string{"send-keys", "-t", "e2e"}, keys...)...)
}

func (s *tmuxSession) screen() string { return s.run("capture-pane", "-p", "-t", "e2e") }

// waitFor polls the screen until it shows want; the deadline is generous
// because it only bounds a failure, never a measurement.
func (s *tmuxSession) waitFor(want string) string {
	s.t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for {
		scr := s.screen()
		if strings.Contains(scr, want) {
			return scr
		}
		if time.Now().After(deadline) {
			s.t.Fatalf("screen never showed %q:\n%s", want, scr)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func buildBinary(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "briefing")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	return bin
}

func TestEndToEndInTmux(t *testing.T) {
	if testing.Short() {
		t.Skip("drives the real binary")
	}
	bin := buildBinary(t)
	s := startTmux(t, 120, 40, bin+" --state "+t.TempDir()+"; echo exited-$?; sleep 30")
	s.waitFor("5 articles")
	s.keys("Enter")
	s.waitFor("briefing · reader")
	s.keys("2", "]")
	s.waitFor("territory 1/2")
	s.keys("]")
	s.waitFor("territory 2/2")
	s.keys("]")
	s.waitFor("moved on to")
	s.keys("c")
	s.waitFor("briefing · compare")
	s.waitFor("only Territory") // the current topic narrows the bands
	s.keys("0")
	s.waitFor("no coverage")
	// Each esc waits for its screen: ESC followed at once by a key reads
	// as alt+key, in any terminal.
	s.keys("Escape")
	s.waitFor("briefing · reader")
	s.keys("Escape")
	s.waitFor("5 articles")
	s.keys("m")
	scr := s.waitFor("briefing · coverage")
	if !strings.Contains(scr, "SEC") || !strings.Contains(scr, "FRZ") {
		t.Errorf("matrix lacks topic columns:\n%s", scr)
	}
	s.keys("?")
	s.waitFor("cycle topics")
	s.run("resize-window", "-t", "e2e", "-x", "20", "-y", "6")
	s.waitFor("Window too small")
	s.run("resize-window", "-t", "e2e", "-x", "120", "-y", "40")
	s.waitFor("briefing · coverage")
	for _, l := range strings.Split(s.screen(), "\n") {
		if len([]rune(l)) > 120 {
			t.Errorf("line wider than the window: %q", l)
		}
	}
	s.keys("q")
	s.waitFor("exited-0")
}

func TestNoTerminal(t *testing.T) {
	bin := buildBinary(t)
	cmd := exec.Command(bin)
	out, err := cmd.CombinedOutput()
	if code := cmd.ProcessState.ExitCode(); err == nil || code != 1 || !strings.Contains(string(out), "needs a terminal") || strings.Count(strings.TrimSpace(string(out)), "\n") != 0 {
		t.Errorf("exit %d, output %q", code, out)
	}
}

func TestBriefingSurvivesRestartInTmux(t *testing.T) {
	if testing.Short() {
		t.Skip("drives the real binary")
	}
	bin := buildBinary(t)
	state := t.TempDir()
	s := startTmux(t, 120, 40, bin+" --state "+state+"; echo exited-$?; sleep 30")
	s.waitFor("5 articles")
	s.keys("Enter")
	s.waitFor("briefing · reader")
	s.keys("2", "]")
	s.waitFor("territory 1/2")
	s.keys("p")
	s.waitFor("pinned ¶6")
	s.keys("]")
	s.waitFor("territory 2/2")
	s.keys("p")
	s.waitFor("pinned ¶7")
	s.keys("a")
	s.waitFor("ctrl+s saves")
	s.keys("-l", "Ask Paris about the Article 5 clause")
	s.keys("C-s")
	s.waitFor("note saved on ¶7")
	s.keys("q")
	s.waitFor("exited-0")

	s = startTmux(t, 120, 40, bin+" --state "+state+"; echo exited-$?; sleep 30")
	s.waitFor("*2")
	s.keys("b")
	scr := s.waitFor("briefing · briefing")
	for _, want := range []string{"2 pins", "¶6", "¶7", "Note: Ask Paris about the Article 5 clause"} {
		if !strings.Contains(scr, want) {
			t.Errorf("briefing after restart lacks %q:\n%s", want, scr)
		}
	}
	s.keys("q")
	s.waitFor("exited-0")

	out, err := exec.Command(bin, "export", "--pins", "--state", state).CombinedOutput()
	if err != nil {
		t.Fatalf("export: %v\n%s", err, out)
	}
	md := string(out)
	if strings.Count(md, "\n> ") != 2 || strings.Count(md, "— Ukraine, US, Europeans still working on common stance for peace push, French official says, 2025-12-13, ¶") != 2 || !strings.Contains(md, "Ask Paris about the Article 5 clause") {
		t.Errorf("export --pins:\n%s", md)
	}
}

// freePort finds a loopback port to serve on.
func freePort(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return fmt.Sprint(l.Addr().(*net.TCPAddr).Port)
}

func TestServeOverOpenSSHInTmux(t *testing.T) {
	if testing.Short() {
		t.Skip("drives the real binary")
	}
	if _, err := exec.LookPath("ssh"); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("ssh is not installed; .ci/run installs openssh-client")
		}
		t.Skip("no OpenSSH client")
	}
	bin := buildBinary(t)
	dir := t.TempDir()
	key := filepath.Join(dir, "id")
	if out, err := exec.Command("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", key).CombinedOutput(); err != nil {
		t.Fatalf("ssh-keygen: %v %s", err, out)
	}
	pub, _ := os.ReadFile(key + ".pub")
	authorized := filepath.Join(dir, "authorized_keys")
	os.WriteFile(authorized, pub, 0o600)
	port := freePort(t)
	var logs lockedBuffer
	srv := exec.Command(bin, "serve", "--listen", "127.0.0.1:"+port, "--state", filepath.Join(dir, "state"), "--authorized-keys", authorized)
	srv.Stderr = &logs
	if err := srv.Start(); err != nil {
		t.Fatal(err)
	}
	defer srv.Process.Kill()
	deadline := time.Now().Add(20 * time.Second)
	for !strings.Contains(logs.String(), "serving") && time.Now().Before(deadline) {
		time.Sleep(50 * time.Millisecond)
	}
	sshCmd := fmt.Sprintf("ssh -tt -i %s -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR -p %s reader@127.0.0.1", key, port)
	s := startTmux(t, 100, 30, sshCmd+"; echo ssh-exited-$?; sleep 30")
	s.waitFor("5 articles")
	s.keys("Enter")
	s.waitFor("briefing · reader")
	s.keys("3", "]")
	s.waitFor("minerals-deal")
	s.run("resize-window", "-t", "e2e", "-x", "30", "-y", "8")
	s.waitFor("Window too small")
	s.run("resize-window", "-t", "e2e", "-x", "100", "-y", "30")
	s.waitFor("briefing · reader")
	s.keys("q")
	s.waitFor("ssh-exited-0")
	// A paragraph address as the command opens the app there; it is read,
	// never executed, and an unknown article opens the list saying so.
	s3 := startTmux(t, 100, 30, sshCmd+" ukraine-us-europeans-still-working#p6; echo ssh-exited-$?; sleep 30")
	s3.waitFor("briefing · reader · ukraine-us-europeans-still-working")
	s3.waitFor("¶6 ·")
	s3.keys("q")
	s3.waitFor("ssh-exited-0")
	s4 := startTmux(t, 100, 30, sshCmd+" no-such-story#p2; echo ssh-exited-$?; sleep 30")
	s4.waitFor("no article no-such-story")
	s4.keys("q")
	s4.waitFor("ssh-exited-0")
	// SIGTERM with a session open: the session is told and the server exits.
	s2 := startTmux(t, 100, 30, sshCmd+"; echo ssh-exited-$?; sleep 30")
	s2.waitFor("5 articles")
	srv.Process.Signal(syscall.SIGTERM)
	s2.waitFor("ssh-exited-")
	done := make(chan error, 1)
	go func() { done <- srv.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("server exit: %v\n%s", err, logs.String())
		}
	case <-time.After(10 * time.Second):
		t.Fatal("server did not stop within 10 s of SIGTERM")
	}
	for _, want := range []string{"host-key=SHA256:", "connect", "disconnect", "shutting down"} {
		if !strings.Contains(logs.String(), want) {
			t.Errorf("log lacks %q:\n%s", want, logs.String())
		}
	}
}

// lockedBuffer collects a subprocess's output while the test reads it.
type lockedBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}
