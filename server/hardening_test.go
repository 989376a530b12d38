package server

import (
	"context"
	"crypto/rand"
	"crypto/rsa"
	"encoding/pem"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/ssh"
	gossh "golang.org/x/crypto/ssh"
	"golang.org/x/time/rate"
)

// waitUntil polls cond; the deadline only guards against a hang.
func waitUntil(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// TestSignalNoticeReachesEverySession: SIGTERM reaches the process while
// 20 sessions are open; each must see the notice, which needs programs
// that leave signals to the server.
func TestSignalNoticeReachesEverySession(t *testing.T) {
	ts := startServer(t, nil)
	var terms []*term
	for range 20 {
		c, err := dial(t, ts.addr, newKey(t))
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		tm := openTerm(t, c, 80, 24)
		terms = append(terms, tm)
	}
	for _, tm := range terms {
		tm.waitFor("5 articles")
	}
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, syscall.SIGTERM)
	defer signal.Stop(sig)
	if err := syscall.Kill(os.Getpid(), syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	<-sig
	// Give a program with its own handler time to act on the signal first,
	// as it would in the race the bug was.
	time.Sleep(200 * time.Millisecond)
	ctx, cancel := context.WithTimeout(context.Background(), 9*time.Second)
	defer cancel()
	go ts.Shutdown(ctx)
	deadline := time.Now().Add(15 * time.Second)
	for i, tm := range terms {
		for !strings.Contains(tm.out.String(), "shutting down") && time.Now().Before(deadline) {
			time.Sleep(20 * time.Millisecond)
		}
		if !strings.Contains(tm.out.String(), "shutting down") {
			t.Errorf("session %d never saw the notice", i)
		}
	}
}

// storm pipelines window changes on an open session as fast as the
// client can write them, until stop is closed or n are sent.
func storm(sess *gossh.Session, n int, stop <-chan struct{}) *atomic.Int64 {
	var sent atomic.Int64
	go func() {
		for i := range n {
			select {
			case <-stop:
				return
			default:
			}
			if err := sess.WindowChange(20+i%50, 60+i%100); err != nil {
				return
			}
			sent.Add(1)
		}
	}()
	return &sent
}

// openStalled opens a session whose client never reads what the server
// sends, so the server's writes to it block once the SSH window is full.
func openStalled(t *testing.T, c *gossh.Client) *gossh.Session {
	t.Helper()
	sess, err := c.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	if err := sess.RequestPty("xterm-256color", 40, 120, gossh.TerminalModes{}); err != nil {
		t.Fatal(err)
	}
	r, w := io.Pipe()
	t.Cleanup(func() { r.Close() })
	sess.Stdout = w // nobody reads r
	if err := sess.Shell(); err != nil {
		t.Fatal(err)
	}
	return sess
}

// TestWindowChangeStormNeitherStallsNorHangsShutdown: clients pipeline
// hundreds of thousands of window changes, one of them never reading its
// output. Another user keeps working, the storm's own connection is still
// read, and shutdown ends everything by its deadline.
func TestWindowChangeStormNeitherStallsNorHangsShutdown(t *testing.T) {
	if raceEnabled {
		// charm.land/ssh writes a session's pty window as each change
		// arrives, without a lock, while Session.Pty copies it: a storm
		// that starts before the session's handler has read its pty is a
		// race inside that library, which no caller can order. CI runs
		// this test without the race detector (.ci/run).
		t.Skip("the storm races inside charm.land/ssh; run without -race")
	}
	changes := 200_000
	ts := startServer(t, func(c *Config, s *Server) {
		if s != nil {
			s.socketRate = rate.Inf // let the storm in at full speed
		}
	})
	good, _ := dial(t, ts.addr, newKey(t))
	defer good.Close()
	normal := openTerm(t, good, 100, 30)
	normal.waitFor("5 articles")

	stop := make(chan struct{})
	defer close(stop)
	// A reading storm client, and a stalled one.
	c1, _ := dial(t, ts.addr, newKey(t))
	defer c1.Close()
	reading := openTerm(t, c1, 100, 30)
	reading.waitFor("5 articles")
	sent1 := storm(reading.sess, changes, stop)
	c2, _ := dial(t, ts.addr, newKey(t))
	defer c2.Close()
	sent2 := storm(openStalled(t, c2), changes, stop)

	waitUntil(t, "the storm to get going", func() bool { return sent1.Load() > int64(changes/10) && sent2.Load() > int64(changes/10) })
	// The other user still works.
	normal.send("m")
	normal.waitFor("coverage")
	// The storm's connection is still read: a key press still gets a frame.
	n := reading.out.Len()
	reading.send("j")
	waitUntil(t, "the storming session to redraw", func() bool { return reading.out.Len() > n })
	waitUntil(t, "all window changes to be sent", func() bool { return sent1.Load()+sent2.Load() >= int64(2*changes) })
	t.Logf("sent %d and %d window changes", sent1.Load(), sent2.Load())

	start := time.Now()
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
	defer cancel()
	ts.Shutdown(ctx)
	select {
	case <-ts.done:
	case <-time.After(10 * time.Second):
		t.Fatal("Serve did not return")
	}
	if d := time.Since(start); d > 8*time.Second {
		t.Errorf("shutdown took %v", d)
	}
	waitUntil(t, "every connection to close", func() bool { return ts.Connections() == 0 })
}

// TestResizesAreCoalesced: a burst of window changes reaches the program
// as a handful of sizes, the last one among them.
func TestResizesAreCoalesced(t *testing.T) {
	r := newResizer(sshWindow(80, 24))
	var mu sync.Mutex
	var got []string
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go r.deliver(ctx, rate.NewLimiter(inputBytesPerSecond, inputBurst), func(msg tea.Msg) {
		mu.Lock()
		defer mu.Unlock()
		got = append(got, fmt.Sprint(msg))
	})
	for i := range 100_000 {
		r.set(sshWindow(10+i%300, 5+i%100))
	}
	r.set(sshWindow(123, 45))
	waitUntil(t, "the last size", func() bool {
		mu.Lock()
		defer mu.Unlock()
		return len(got) > 0 && strings.Contains(got[len(got)-1], "123 45")
	})
	mu.Lock()
	defer mu.Unlock()
	if len(got) > 10 {
		t.Errorf("%d sizes delivered for one burst", len(got))
	}
}

// TestConnectionsWithoutSessions: one key opens 2,000 connections and no
// session. Only MaxConnsPerKey get in, refusals are logged, and those held
// are closed once they have gone without a session for NoSessionTimeout.
func TestConnectionsWithoutSessions(t *testing.T) {
	ts := startServer(t, func(c *Config, _ *Server) {
		c.MaxConnsPerKey, c.MaxConnsPerAddr = 10, 10_000
		c.NoSessionTimeout = 2 * time.Second
	})
	key := newKey(t)
	var (
		mu      sync.Mutex
		held    []*gossh.Client
		refused int
		wg      sync.WaitGroup
		next    atomic.Int64
		most    int // the most connections the key held at once
	)
	dials := int64(2000)
	if raceEnabled {
		dials = 300
	}
	fp := Fingerprint(key.PublicKey())
	// The server counts a key once its side of the handshake is done,
	// which can trail the client's: watch the count while dialling rather
	// than right after each dial returns.
	stop := make(chan struct{})
	watched := make(chan int)
	go func() {
		seen := 0
		for {
			ts.conns.mu.Lock()
			seen = max(seen, ts.conns.byKey[fp])
			ts.conns.mu.Unlock()
			select {
			case <-stop:
				watched <- seen
				return
			case <-time.After(time.Millisecond):
			}
		}
	}()
	for range 16 {
		wg.Go(func() {
			for next.Add(1) <= dials {
				c, err := dial(t, ts.addr, key)
				mu.Lock()
				if err != nil {
					refused++
				} else {
					held = append(held, c)
				}
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	close(stop)
	most = <-watched
	t.Logf("%d connections got in, at most %d at once; %d refused", len(held), most, refused)
	if most > 10 || most == 0 {
		t.Errorf("one key held %d connections at once, want 1..10", most)
	}
	if !strings.Contains(ts.logs.String(), "too many connections for this key") {
		t.Error("refusals not logged")
	}
	// Without a session they are closed.
	for _, c := range held {
		done := make(chan error, 1)
		go func() { done <- c.Wait() }()
		select {
		case <-done:
		case <-time.After(20 * time.Second):
			t.Fatal("a connection without a session was held")
		}
	}
	waitUntil(t, "the server to forget them", func() bool { return ts.Connections() == 0 })
	// The key's share is free again.
	c, err := dial(t, ts.addr, key)
	if err != nil {
		t.Fatalf("after the others closed: %v", err)
	}
	c.Close()
}

func TestConnectionsPerAddress(t *testing.T) {
	ts := startServer(t, func(c *Config, _ *Server) { c.MaxConnsPerAddr = 3 })
	for i := range 3 {
		c, err := dial(t, ts.addr, newKey(t))
		if err != nil {
			t.Fatalf("connection %d: %v", i, err)
		}
		defer c.Close()
	}
	if c, err := dial(t, ts.addr, newKey(t)); err == nil {
		c.Close()
		t.Fatal("a fourth connection from one address got in")
	}
	if !strings.Contains(ts.logs.String(), "too many from this address") {
		t.Error("refusal not logged")
	}
}

func TestIdleConnectionIsClosed(t *testing.T) {
	ts := startServer(t, func(c *Config, _ *Server) { c.IdleTimeout = 500 * time.Millisecond })
	// A raw TCP connection that sends nothing past the version exchange.
	raw, err := net.Dial("tcp", ts.addr)
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	raw.SetReadDeadline(time.Now().Add(20 * time.Second))
	if _, err := io.Copy(io.Discard, raw); err != nil {
		t.Errorf("idle connection was not closed: %v", err)
	}
}

func TestAuthorizedKeyOptions(t *testing.T) {
	future := time.Now().Add(48 * time.Hour).Format("20060102")
	cases := []struct {
		options string
		allowed bool
		reason  string
	}{
		{`from="10.9.9.9",expiry-time="20000101"`, false, "does not match"},
		{`from="10.9.9.9"`, false, "does not match"},
		{`expiry-time="20000101"`, false, "expired"},
		{`from="127.0.0.*",expiry-time="` + future + `"`, true, ""},
		{`from="10.0.0.0/8,127.0.0.0/8"`, true, ""},
		{`from="!127.0.0.1,*"`, false, "does not match"},
		{`command="/bin/sh"`, false, `command= is not supported`},
		{`permitopen="localhost:80"`, false, `permitopen= is not supported`},
		{`restrict`, false, "restrict without pty"},
		{`restrict,pty`, true, ""},
		{`no-port-forwarding,no-agent-forwarding,no-X11-forwarding`, true, ""},
		{`no-pty`, false, "needs a terminal"},
	}
	for _, tc := range cases {
		t.Run(tc.options, func(t *testing.T) {
			key := newKey(t)
			path := filepath.Join(t.TempDir(), "authorized_keys")
			line := tc.options + " " + string(gossh.MarshalAuthorizedKey(key.PublicKey()))
			if err := os.WriteFile(path, []byte(line), 0o600); err != nil {
				t.Fatal(err)
			}
			ts := startServer(t, func(c *Config, _ *Server) { c.AuthorizedKeys = path })
			c, err := dial(t, ts.addr, key)
			if c != nil {
				c.Close()
			}
			if allowed := err == nil; allowed != tc.allowed {
				t.Fatalf("allowed %v, want %v (%v)", allowed, tc.allowed, err)
			}
			if !tc.allowed && !strings.Contains(ts.logs.String(), tc.reason) {
				t.Errorf("log lacks %q:\n%s", tc.reason, ts.logs.String())
			}
		})
	}
}

func TestMatchFromAndExpiry(t *testing.T) {
	ip := net.ParseIP("192.168.1.20")
	for list, want := range map[string]bool{
		"192.168.1.20": true, "192.168.1.*": true, "192.168.1.2?": true, "10.*": false,
		"192.168.0.0/16": true, "!192.168.1.20,*": false, "host.example": false, "10.*,192.*": true,
	} {
		if got := matchFrom(list, ip); got != want {
			t.Errorf("from=%q: %v, want %v", list, got, want)
		}
	}
	at, err := parseExpiry("202501021530Z")
	if err != nil || !at.Equal(time.Date(2025, 1, 2, 15, 30, 0, 0, time.UTC)) {
		t.Errorf("parseExpiry: %v %v", at, err)
	}
	if _, err := parseExpiry("2025-01-02"); err == nil {
		t.Error("a malformed expiry-time was accepted")
	}
}

func TestHostKeyChecks(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "host")
	if _, _, err := loadHostKey(path); err != nil {
		t.Fatal(err)
	}
	os.Chmod(path, 0o644)
	_, _, err := loadHostKey(path)
	if err == nil || !strings.Contains(err.Error(), "chmod 600 "+path) {
		t.Errorf("world-readable host key: %v", err)
	}

	rsaKey, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	block, err := gossh.MarshalPrivateKey(rsaKey, "")
	if err != nil {
		t.Fatal(err)
	}
	rsaPath := filepath.Join(dir, "rsa")
	os.WriteFile(rsaPath, pem.EncodeToMemory(block), 0o600)
	_, _, err = loadHostKey(rsaPath)
	if err == nil || !strings.Contains(err.Error(), "Ed25519 host keys only") {
		t.Errorf("RSA host key: %v", err)
	}
}

func sshWindow(w, h int) ssh.Window { return ssh.Window{Width: w, Height: h} }

// stallingSigner offers a public key it cannot sign with and stalls, as
// someone holding only another person's public key might.
type stallingSigner struct {
	pub     gossh.PublicKey
	asked   chan struct{}
	release chan struct{}
}

func (s stallingSigner) PublicKey() gossh.PublicKey { return s.pub }
func (s stallingSigner) Sign(io.Reader, []byte) (*gossh.Signature, error) {
	s.asked <- struct{}{} // the server accepted the key and wants a signature
	<-s.release
	return nil, errors.New("no private key")
}

// TestSomeoneElsesPublicKeyUsesNoSlots: connections that offer a key and
// never prove they hold it do not count against that key.
func TestSomeoneElsesPublicKeyUsesNoSlots(t *testing.T) {
	victim := newKey(t)
	keys := writeAuthorizedKeys(t, victim)
	ts := startServer(t, func(c *Config, _ *Server) { c.AuthorizedKeys, c.MaxConnsPerKey = keys, 2 })
	asked, release := make(chan struct{}, 5), make(chan struct{})
	defer close(release)
	for range 5 {
		go gossh.Dial("tcp", ts.addr, &gossh.ClientConfig{
			User: "reader", Auth: []gossh.AuthMethod{gossh.PublicKeys(stallingSigner{victim.PublicKey(), asked, release})},
			HostKeyCallback: gossh.InsecureIgnoreHostKey(),
		})
	}
	for range 5 {
		select {
		case <-asked:
		case <-time.After(20 * time.Second):
			t.Fatal("the impostors never got to the signature")
		}
	}
	c, err := dial(t, ts.addr, victim)
	if err != nil {
		t.Fatalf("the key's owner was locked out: %v", err)
	}
	defer c.Close()
	openTerm(t, c, 80, 24).waitFor("5 articles")
}

func TestConnectionExpiry(t *testing.T) {
	cfg := Config{IdleTimeout: time.Minute, MaxSession: time.Hour, NoSessionTimeout: 30 * time.Second}
	now := time.Now()
	conn := func(age, sinceRead, sinceSession time.Duration, sessions int32) *connState {
		c := &connState{opened: now.Add(-age)}
		c.lastRead.Store(now.Add(-sinceRead).UnixNano())
		c.idleSince.Store(now.Add(-sinceSession).UnixNano())
		c.sessions.Store(sessions)
		return c
	}
	for _, tc := range []struct {
		c    *connState
		want string
	}{
		{conn(10*time.Second, time.Second, 10*time.Second, 0), ""},
		{conn(40*time.Second, time.Second, 40*time.Second, 0), "no session"},
		{conn(40*time.Second, time.Second, 40*time.Second, 1), ""},
		{conn(2*time.Minute, 2*time.Minute, 0, 1), "idle"},
		{conn(2*time.Hour, time.Second, 0, 1), "maximum session time"},
	} {
		if got := tc.c.expired(now, cfg); got != tc.want {
			t.Errorf("expired = %q, want %q", got, tc.want)
		}
	}
}
