package cli

import (
	"bytes"
	"crypto/ed25519"
	"crypto/rand"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"sync"
	"syscall"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"
)

type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
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

// TestServeStopsOnSIGTERMWhateverClientsDo: with a client that never reads
// its output and pipelines window changes, SIGTERM still ends serve well
// within the 10 s the README promises; the state it made is private.
func TestServeStopsOnSIGTERMWhateverClientsDo(t *testing.T) {
	state := filepath.Join(t.TempDir(), "state")
	logs := &lockedBuffer{}
	e := env{stdout: io.Discard, stderr: logs, getenv: func(string) string { return "" },
		isTerminal: func(io.Writer) bool { return false }, termWidth: func(io.Writer) int { return 0 }}
	done := make(chan int, 1)
	go func() { done <- run([]string{"serve", "--listen", "127.0.0.1:0", "--state", state}, e) }()

	// "serving" is logged after serve has taken over SIGTERM.
	addrRE := regexp.MustCompile(`serving addr=(127\.0\.0\.1:\d+)`)
	var addr string
	for deadline := time.Now().Add(20 * time.Second); addr == ""; time.Sleep(20 * time.Millisecond) {
		if m := addrRE.FindStringSubmatch(logs.String()); m != nil {
			addr = m[1]
		}
		if time.Now().After(deadline) {
			t.Fatalf("serve did not start:\n%s", logs.String())
		}
	}
	_, priv, _ := ed25519.GenerateKey(rand.Reader)
	signer, _ := gossh.NewSignerFromKey(priv)
	c, err := gossh.Dial("tcp", addr, &gossh.ClientConfig{User: "x", Auth: []gossh.AuthMethod{gossh.PublicKeys(signer)},
		HostKeyCallback: gossh.InsecureIgnoreHostKey(), Timeout: 10 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	sess, err := c.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	sess.RequestPty("xterm", 40, 120, gossh.TerminalModes{})
	r, w := io.Pipe() // never read
	defer r.Close()
	sess.Stdout = w
	if err := sess.Shell(); err != nil {
		t.Fatal(err)
	}
	go func() {
		for i := 0; sess.WindowChange(20+i%40, 60+i%80) == nil; i++ {
		}
	}()
	time.Sleep(time.Second)

	start := time.Now()
	syscall.Kill(os.Getpid(), syscall.SIGTERM)
	select {
	case code := <-done:
		if code != 0 {
			t.Errorf("exit %d:\n%s", code, logs.String())
		}
	case <-time.After(30 * time.Second):
		t.Fatal("serve did not stop")
	}
	if d := time.Since(start); d > 10*time.Second {
		t.Errorf("stopping took %v", d)
	}
	for _, name := range []string{"briefing.db", "ssh_host_ed25519_key"} {
		if info, err := os.Stat(filepath.Join(state, name)); err != nil || info.Mode().Perm() != 0o600 {
			t.Errorf("%s: %v %v", name, info.Mode().Perm(), err)
		}
	}
}
