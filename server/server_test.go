package server

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"errors"
	"io"
	"net"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/log/v2"
	gossh "golang.org/x/crypto/ssh"
	"golang.org/x/time/rate"

	"briefing/model"
	"briefing/seeds"
	"briefing/store"
	"briefing/ui"
	"briefing/ui/render"
)

func seedCorpus(t testing.TB) *model.Corpus {
	t.Helper()
	topics, err := model.ParseTopics(seeds.Topics())
	if err != nil {
		t.Fatal(err)
	}
	tg, _ := model.NewTagger(topics)
	c, _, err := model.LoadFS(seeds.Articles(), model.LoadOptions{Tagger: tg})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func newKey(t testing.TB) gossh.Signer {
	t.Helper()
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	s, err := gossh.NewSignerFromKey(priv)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

type testServer struct {
	*Server
	addr string
	logs *syncBuffer
	done chan error
}

// startServer runs a server on a free loopback port; tune adjusts its
// config and may swap the model.
// appFor serves the real app, as main wires it.
func appFor(c *model.Corpus, sess Session) tea.Model {
	o := ui.Options{Style: render.StyleDark, User: sess.User, ExportDir: sess.ExportDir, ExportQuota: sess.ExportQuota}
	if sess.NoColor {
		o.Style = render.StyleNoTTY
	}
	if sess.Store != nil {
		o.Store = sess.Store
	}
	return ui.New(c, o)
}

func startServer(t testing.TB, tune func(*Config, *Server)) *testServer {
	t.Helper()
	dir := t.TempDir()
	st, err := store.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	logs := &syncBuffer{}
	cfg := Config{Listen: "127.0.0.1:0", StateDir: dir, RatePerSecond: 10000, RateBurst: 10000,
		Logger: log.NewWithOptions(logs, log.Options{}), NewModel: appFor, ShutdownMsg: ui.ShutdownMsg{}}
	if tune != nil {
		tune(&cfg, nil)
	}
	srv, err := New(cfg, seedCorpus(t), st)
	if err != nil {
		t.Fatal(err)
	}
	if tune != nil {
		tune(&srv.cfg, srv)
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ts := &testServer{Server: srv, addr: l.Addr().String(), logs: logs, done: make(chan error, 1)}
	go func() { ts.done <- srv.Serve(l) }()
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		srv.Shutdown(ctx)
	})
	return ts
}

func dial(t testing.TB, addr string, key gossh.Signer) (*gossh.Client, error) {
	return gossh.Dial("tcp", addr, &gossh.ClientConfig{
		User:            "reader",
		Auth:            []gossh.AuthMethod{gossh.PublicKeys(key)},
		HostKeyCallback: gossh.InsecureIgnoreHostKey(),
		Timeout:         10 * time.Second,
	})
}

// term is an interactive session with a PTY.
type term struct {
	t    testing.TB
	sess *gossh.Session
	in   io.WriteCloser
	out  *syncBuffer
	done chan error
}

func openTerm(t testing.TB, c *gossh.Client, w, h int) *term {
	t.Helper()
	sess, err := c.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	if err := sess.RequestPty("xterm-256color", h, w, gossh.TerminalModes{}); err != nil {
		t.Fatal(err)
	}
	in, _ := sess.StdinPipe()
	out := &syncBuffer{}
	sess.Stdout = out
	sess.Stderr = out
	if err := sess.Shell(); err != nil {
		t.Fatal(err)
	}
	tm := &term{t: t, sess: sess, in: in, out: out, done: make(chan error, 1)}
	go func() { tm.done <- sess.Wait() }()
	return tm
}

func (tm *term) waitFor(want string) {
	tm.t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for !strings.Contains(tm.out.String(), want) {
		if time.Now().After(deadline) {
			tm.t.Fatalf("never saw %q; got %q", want, tail(tm.out.String()))
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func (tm *term) send(s string) {
	tm.t.Helper()
	if _, err := tm.in.Write([]byte(s)); err != nil {
		tm.t.Fatal(err)
	}
}

func (tm *term) wait() error {
	select {
	case err := <-tm.done:
		return err
	case <-time.After(15 * time.Second):
		tm.t.Fatal("session did not end")
		return nil
	}
}

func tail(s string) string {
	if len(s) > 600 {
		return s[len(s)-600:]
	}
	return s
}

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func (s *syncBuffer) Len() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Len()
}

func writeAuthorizedKeys(t testing.TB, keys ...gossh.Signer) string {
	t.Helper()
	var b bytes.Buffer
	b.WriteString("# team\n")
	for _, k := range keys {
		b.Write(gossh.MarshalAuthorizedKey(k.PublicKey()))
	}
	path := filepath.Join(t.TempDir(), "authorized_keys")
	if err := os.WriteFile(path, b.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestAuthorizedKeyGetsTheListAndOthersAreRefused(t *testing.T) {
	good, bad := newKey(t), newKey(t)
	keys := writeAuthorizedKeys(t, good)
	ts := startServer(t, func(c *Config, _ *Server) { c.AuthorizedKeys = keys })
	c, err := dial(t, ts.addr, good)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	tm := openTerm(t, c, 100, 30)
	tm.waitFor("5 articles")
	tm.waitFor("Ukraine, US, Europeans")
	if _, err := dial(t, ts.addr, bad); err == nil {
		t.Fatal("an unknown key got in")
	}
	if !strings.Contains(ts.logs.String(), "auth refused") {
		t.Errorf("refusal not logged:\n%s", ts.logs.String())
	}
	// A client offering several keys is the key that authenticated.
	multi, err := gossh.Dial("tcp", ts.addr, &gossh.ClientConfig{
		User: "reader", Auth: []gossh.AuthMethod{gossh.PublicKeys(bad, good)},
		HostKeyCallback: gossh.InsecureIgnoreHostKey(),
	})
	if err != nil {
		t.Fatal(err)
	}
	defer multi.Close()
	openTerm(t, multi, 80, 24).waitFor("5 articles")
	if !strings.Contains(ts.logs.String(), "ssh:"+Fingerprint(good.PublicKey())) {
		t.Error("session not identified by the key that authenticated")
	}
	if strings.Contains(ts.logs.String(), "Ukraine") || strings.Contains(ts.logs.String(), "ssh-ed25519 AAAA") {
		t.Error("article text or a key in the logs")
	}
}

func TestNoPTY(t *testing.T) {
	ts := startServer(t, nil)
	c, err := dial(t, ts.addr, newKey(t))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	sess, _ := c.NewSession()
	out, err := sess.CombinedOutput("")
	var exit *gossh.ExitError
	if !errors.As(err, &exit) || exit.ExitStatus() != 1 {
		t.Errorf("exit: %v", err)
	}
	if got := strings.TrimSpace(string(out)); got != "briefing needs a terminal: connect with ssh -t" {
		t.Errorf("output %q", got)
	}
}

func TestResizeReachesTheProgram(t *testing.T) {
	ts := startServer(t, nil)
	c, _ := dial(t, ts.addr, newKey(t))
	defer c.Close()
	tm := openTerm(t, c, 100, 30)
	tm.waitFor("5 articles")
	if err := tm.sess.WindowChange(8, 30); err != nil {
		t.Fatal(err)
	}
	tm.waitFor("Window too small")
	tm.sess.WindowChange(30, 100)
	n := tm.out.Len()
	deadline := time.Now().Add(10 * time.Second)
	for !strings.Contains(tm.out.String()[n:], "articles") && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	if !strings.Contains(tm.out.String()[n:], "articles") {
		t.Error("did not redraw after growing")
	}
}

// panicky panics on "!", as a bug in one session would.
type panicky struct{ tea.Model }

func (p panicky) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if k, ok := msg.(tea.KeyPressMsg); ok && k.String() == "!" {
		panic("injected")
	}
	m, cmd := p.Model.Update(msg)
	return panicky{m}, cmd
}

func TestPanicEndsOnlyThatSession(t *testing.T) {
	ts := startServer(t, func(_ *Config, s *Server) {
		if s != nil {
			s.newModel = func(c *model.Corpus, sess Session) tea.Model { return panicky{appFor(c, sess)} }
		}
	})
	c1, _ := dial(t, ts.addr, newKey(t))
	c2, _ := dial(t, ts.addr, newKey(t))
	defer c1.Close()
	defer c2.Close()
	victim, other := openTerm(t, c1, 80, 24), openTerm(t, c2, 80, 24)
	victim.waitFor("5 articles")
	other.waitFor("5 articles")
	victim.send("!")
	victim.wait()
	other.send("j")
	other.send("m")
	other.waitFor("coverage")
	c3, err := dial(t, ts.addr, newKey(t))
	if err != nil {
		t.Fatal(err)
	}
	defer c3.Close()
	openTerm(t, c3, 80, 24).waitFor("5 articles")
}

func TestMaxSessions(t *testing.T) {
	ts := startServer(t, func(c *Config, _ *Server) { c.MaxSessions = 2 })
	key := newKey(t)
	var terms []*term
	for range 2 {
		c, _ := dial(t, ts.addr, key)
		defer c.Close()
		tm := openTerm(t, c, 80, 24)
		tm.waitFor("5 articles")
		terms = append(terms, tm)
	}
	c, _ := dial(t, ts.addr, key)
	defer c.Close()
	third := openTerm(t, c, 80, 24)
	var exit *gossh.ExitError
	if err := third.wait(); !errors.As(err, &exit) || exit.ExitStatus() != 1 || !strings.Contains(third.out.String(), "server is full") {
		t.Errorf("third session: %v %q", err, third.out.String())
	}
	terms[0].send("q")
	terms[0].wait()
	c4, _ := dial(t, ts.addr, key)
	defer c4.Close()
	openTerm(t, c4, 80, 24).waitFor("5 articles")
}

func TestRateLimitPerIP(t *testing.T) {
	ts := startServer(t, func(c *Config, _ *Server) { c.RatePerSecond, c.RateBurst = 0.001, 3 })
	key := newKey(t)
	refused := false
	for range 5 {
		c, err := dial(t, ts.addr, key)
		if err != nil {
			t.Fatal(err)
		}
		sess, _ := c.NewSession()
		out, _ := sess.CombinedOutput("")
		if strings.Contains(string(out), "rate limit") {
			refused = true
		}
		c.Close()
	}
	if !refused {
		t.Error("burst past the limit was not refused")
	}
}

func TestShutdownWithOpenSessions(t *testing.T) {
	ts := startServer(t, nil)
	c, _ := dial(t, ts.addr, newKey(t))
	defer c.Close()
	tm := openTerm(t, c, 100, 30)
	tm.waitFor("5 articles")
	start := time.Now()
	ctx, cancel := context.WithTimeout(context.Background(), 9*time.Second)
	defer cancel()
	go ts.Shutdown(ctx)
	tm.waitFor("shutting down")
	tm.wait()
	select {
	case err := <-ts.done:
		if err != nil {
			t.Errorf("Serve: %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Serve did not return")
	}
	if d := time.Since(start); d > 10*time.Second {
		t.Errorf("shutdown took %v", d)
	}
	if _, err := dial(t, ts.addr, newKey(t)); err == nil {
		t.Error("still accepting after shutdown")
	}
}

func TestHostKeyIsStable(t *testing.T) {
	path := filepath.Join(t.TempDir(), "keys", "host")
	_, s1, err := loadHostKey(path)
	if err != nil {
		t.Fatal(err)
	}
	_, s2, err := loadHostKey(path)
	if err != nil {
		t.Fatal(err)
	}
	if Fingerprint(s1.PublicKey()) != Fingerprint(s2.PublicKey()) || s1.PublicKey().Type() != gossh.KeyAlgoED25519 {
		t.Error("host key changed or is not Ed25519")
	}
	info, _ := os.Stat(path)
	dir, _ := os.Stat(filepath.Dir(path))
	if info.Mode().Perm() != 0o600 || dir.Mode().Perm() != 0o700 {
		t.Errorf("modes %v %v", info.Mode().Perm(), dir.Mode().Perm())
	}
}

func TestOpenListenerNeedsAuthorizedKeys(t *testing.T) {
	for _, listen := range []string{"0.0.0.0:2222", "[::]:2222", "192.0.2.1:2222"} {
		cfg := Config{Listen: listen}
		if err := cfg.CheckListen(); !errors.Is(err, ErrOpenToAnyone) {
			t.Errorf("%s: %v", listen, err)
		}
		cfg.AllowAnyone = true
		if err := cfg.CheckListen(); err != nil {
			t.Errorf("%s with --allow-anyone: %v", listen, err)
		}
	}
	for _, listen := range []string{"127.0.0.1:2222", "localhost:2222", "[::1]:2222"} {
		if err := (Config{Listen: listen}).CheckListen(); err != nil {
			t.Errorf("%s: %v", listen, err)
		}
	}
}

// TestThousandCyclesReturnToBaseline connects and disconnects 1,000 times;
// goroutines and heap must come back to where they started.
func TestThousandCyclesReturnToBaseline(t *testing.T) {
	if testing.Short() {
		t.Skip("1,000 SSH sessions")
	}
	ts := startServer(t, nil)
	key := newKey(t)
	cycle := func() {
		c, err := dial(t, ts.addr, key)
		if err != nil {
			t.Fatal(err)
		}
		tm := openTerm(t, c, 80, 24)
		tm.waitFor("articles")
		tm.send("q")
		tm.wait()
		c.Close()
	}
	for range 20 { // warm up pools and caches
		cycle()
	}
	settle := func() (int, uint64) {
		deadline := time.Now().Add(5 * time.Second)
		for ts.Sessions() > 0 && time.Now().Before(deadline) {
			time.Sleep(10 * time.Millisecond)
		}
		time.Sleep(200 * time.Millisecond)
		runtime.GC()
		runtime.GC()
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		return runtime.NumGoroutine(), m.HeapInuse
	}
	g0, h0 := settle()
	for range 1000 {
		cycle()
	}
	g1, h1 := settle()
	t.Logf("goroutines %d -> %d, heap in use %d KiB -> %d KiB", g0, g1, h0>>10, h1>>10)
	if g1 > g0+5 {
		t.Errorf("goroutines grew from %d to %d", g0, g1)
	}
	if h1 > h0+8<<20 {
		t.Errorf("heap grew from %d KiB to %d KiB", h0>>10, h1>>10)
	}
}

// TestHostileClients: huge and tiny windows, an input flood, a client that
// vanishes mid-frame and one that never finishes the handshake; a normal
// session keeps working throughout.
func TestHostileClients(t *testing.T) {
	ts := startServer(t, func(c *Config, _ *Server) { c.HandshakeTimeout = time.Second })
	good, _ := dial(t, ts.addr, newKey(t))
	defer good.Close()
	normal := openTerm(t, good, 100, 30)
	normal.waitFor("5 articles")

	// Never completes the handshake: the server hangs up after the timeout.
	raw, err := net.Dial("tcp", ts.addr)
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	raw.SetReadDeadline(time.Now().Add(10 * time.Second))
	start := time.Now()
	if _, err := io.Copy(io.Discard, raw); err != nil {
		t.Errorf("stalled handshake: %v", err)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("stalled handshake held for %v", d)
	}

	// Huge window: clamped, and the session still draws.
	c1, _ := dial(t, ts.addr, newKey(t))
	defer c1.Close()
	huge := openTerm(t, c1, 10000, 10000)
	huge.waitFor("5 articles")
	// Tiny window.
	c2, _ := dial(t, ts.addr, newKey(t))
	defer c2.Close()
	tiny := openTerm(t, c2, 1, 1)
	time.Sleep(300 * time.Millisecond)
	tiny.sess.WindowChange(24, 80)
	tiny.waitFor("articles")

	// A flood of input.
	c3, _ := dial(t, ts.addr, newKey(t))
	defer c3.Close()
	flood := openTerm(t, c3, 80, 24)
	flood.waitFor("5 articles")
	go func() {
		junk := bytes.Repeat([]byte("jk/abc\x1b[A\x7f"), 20000)
		flood.in.Write(junk)
	}()

	// Disconnects mid-frame: opens, asks for a frame, drops the connection.
	for range 5 {
		c, _ := dial(t, ts.addr, newKey(t))
		tm := openTerm(t, c, 120, 40)
		tm.send("m")
		c.Close()
	}

	// The normal session still answers promptly.
	for _, k := range []string{"j", "k", "m"} {
		normal.send(k)
	}
	normal.waitFor("coverage")
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	if m.HeapInuse > 512<<20 {
		t.Errorf("heap in use %d MiB", m.HeapInuse>>20)
	}
}

func TestThrottledReader(t *testing.T) {
	src := bytes.NewReader(bytes.Repeat([]byte("x"), inputBurst+inputBytesPerSecond))
	r := newThrottledReader(context.Background(), src, rate.NewLimiter(inputBytesPerSecond, inputBurst))
	start := time.Now()
	n, _ := io.Copy(io.Discard, r)
	if n != int64(inputBurst+inputBytesPerSecond) {
		t.Fatalf("read %d", n)
	}
	if d := time.Since(start); d < 800*time.Millisecond || d > 3*time.Second {
		t.Errorf("a burst plus one second of input took %v", d)
	}
}

func TestIdleAndMaximumTimeouts(t *testing.T) {
	ts := startServer(t, func(c *Config, _ *Server) { c.IdleTimeout = 700 * time.Millisecond })
	c, _ := dial(t, ts.addr, newKey(t))
	defer c.Close()
	tm := openTerm(t, c, 80, 24)
	tm.waitFor("5 articles")
	start := time.Now()
	tm.wait()
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("idle session lasted %v", d)
	}

	ts2 := startServer(t, func(c *Config, _ *Server) { c.MaxSession = 1500 * time.Millisecond })
	c2, _ := dial(t, ts2.addr, newKey(t))
	defer c2.Close()
	busy := openTerm(t, c2, 80, 24)
	busy.waitFor("5 articles")
	done := make(chan struct{})
	go func() {
		defer close(done)
		for i := 0; i < 100; i++ { // keep typing: only the maximum can end it
			if _, err := busy.in.Write([]byte("j")); err != nil {
				return
			}
			time.Sleep(50 * time.Millisecond)
		}
	}()
	start = time.Now()
	busy.wait()
	if d := time.Since(start); d > 4*time.Second {
		t.Errorf("session outlived its maximum: %v", d)
	}
	<-done
}
