// Package server serves the briefing app over SSH with wish: each
// connection gets its own program, size, colours and briefing, over one
// corpus loaded at start and shared read-only.
package server

import (
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/log/v2"
	"charm.land/ssh"
	"charm.land/wish/v2"
	"charm.land/wish/v2/ratelimiter"
	wishrecover "charm.land/wish/v2/recover"
	"golang.org/x/time/rate"

	"briefing/model"
	"briefing/store"
)

// Config is everything `briefing serve` can be told.
type Config struct {
	Listen           string        // host:port
	HostKeyPath      string        // Ed25519 key, created if missing
	AuthorizedKeys   string        // authorized_keys file; empty lets any key in
	AllowAnyone      bool          // permit a non-loopback Listen without AuthorizedKeys
	MaxSessions      int           // open sessions at most; the next is turned away
	IdleTimeout      time.Duration // no input for this long ends a session
	MaxSession       time.Duration // no session lasts longer
	HandshakeTimeout time.Duration // a client must finish the handshake in this time
	NoSessionTimeout time.Duration // a connection running no session is closed after this
	MaxConnsPerKey   int           // open connections per authenticated key
	MaxConnsPerAddr  int           // open connections per client IP address
	RatePerSecond    float64       // new sessions per second per IP, with RateBurst
	RateBurst        int
	ExportQuota      int64  // bytes each user's exports folder may hold
	AllowAdd         bool   // sessions may add articles to the library (A)
	StateDir         string // briefing database and exports
	Logger           *log.Logger
	// NewModel builds each session's program; the server serves any
	// bubbletea model and does not link the app itself.
	NewModel ModelFunc
	// ShutdownMsg, when set, is sent to every program as the server goes
	// down, so it can say so before it ends.
	ShutdownMsg tea.Msg
}

// Defaults for the limits a Config leaves at zero.
const (
	DefaultMaxConnsPerKey   = 10
	DefaultMaxConnsPerAddr  = 32
	DefaultNoSessionTimeout = 30 * time.Second
	DefaultExportQuota      = store.DefaultExportQuota
	// noticeTime is how long Shutdown gives sessions to show the notice and
	// quit before it closes every connection.
	noticeTime = 2 * time.Second
)

// Defaults fills what a Config leaves empty.
func (c *Config) Defaults() {
	if c.Listen == "" {
		c.Listen = "127.0.0.1:2222"
	}
	if c.MaxSessions <= 0 {
		c.MaxSessions = 100
	}
	if c.HandshakeTimeout <= 0 {
		c.HandshakeTimeout = 20 * time.Second
	}
	if c.RatePerSecond <= 0 {
		c.RatePerSecond = 2
	}
	if c.RateBurst <= 0 {
		c.RateBurst = 20
	}
	if c.MaxConnsPerKey <= 0 {
		c.MaxConnsPerKey = DefaultMaxConnsPerKey
	}
	if c.MaxConnsPerAddr <= 0 {
		c.MaxConnsPerAddr = DefaultMaxConnsPerAddr
	}
	if c.NoSessionTimeout <= 0 {
		c.NoSessionTimeout = DefaultNoSessionTimeout
	}
	if c.ExportQuota <= 0 {
		c.ExportQuota = DefaultExportQuota
	}
	if c.HostKeyPath == "" && c.StateDir != "" {
		c.HostKeyPath = filepath.Join(c.StateDir, "ssh_host_ed25519_key")
	}
	if c.Logger == nil {
		c.Logger = log.NewWithOptions(os.Stderr, log.Options{ReportTimestamp: true, Prefix: "briefing"})
	}
}

// ErrOpenToAnyone refuses a public listener that would let any key in.
var ErrOpenToAnyone = errors.New("listening beyond loopback without --authorized-keys would let anyone in: give --authorized-keys FILE, or --allow-anyone if you mean it")

// CheckListen checks the listen address and allows an open server only on
// loopback unless told otherwise. It touches nothing on disk, so a refused
// serve leaves no state behind.
func (c Config) CheckListen() error {
	host, port, err := net.SplitHostPort(c.Listen)
	if err != nil {
		return fmt.Errorf("--listen %q: %w", c.Listen, err)
	}
	if _, err := net.LookupPort("tcp", port); err != nil {
		return fmt.Errorf("--listen %q: bad port %q", c.Listen, port)
	}
	if c.AuthorizedKeys != "" || c.AllowAnyone {
		return nil
	}
	if host == "localhost" {
		return nil
	}
	if ip := net.ParseIP(host); ip != nil && ip.IsLoopback() {
		return nil
	}
	return ErrOpenToAnyone
}

// ModelFunc builds the program for one session.
type ModelFunc func(c *model.Corpus, sess Session) tea.Model

// Server is a running (or ready) briefing SSH server.
type Server struct {
	cfg         Config
	corpus      *model.Corpus
	store       *store.Store
	ssh         *ssh.Server
	fingerprint string
	newModel    ModelFunc
	conns       *connTracker
	refusals    *refusalLog
	limiter     ratelimiter.RateLimiter
	socketRate  rate.Limit // bytes per second read from each connection; tests raise it

	mu        sync.Mutex
	sessions  map[*tea.Program]struct{}
	active    int // sessions past the limit check
	closing   bool
	listeners []net.Listener
	stopSweep context.CancelFunc
}

// New prepares a server; it does not listen yet.
func New(cfg Config, corpus *model.Corpus, st *store.Store) (*Server, error) {
	cfg.Defaults()
	if err := cfg.CheckListen(); err != nil {
		return nil, err
	}
	if cfg.HostKeyPath == "" {
		return nil, errors.New("no host key path: give --host-key or --state")
	}
	if cfg.NewModel == nil {
		return nil, errors.New("no program to serve")
	}
	if cfg.AuthorizedKeys != "" {
		if _, err := readAuthorizedKeys(cfg.AuthorizedKeys); err != nil {
			return nil, fmt.Errorf("--authorized-keys: %w", err)
		}
	}
	pemBytes, signer, err := loadHostKey(cfg.HostKeyPath)
	if err != nil {
		return nil, err
	}
	s := &Server{
		cfg: cfg, corpus: corpus, store: st, fingerprint: Fingerprint(signer.PublicKey()),
		newModel:   cfg.NewModel,
		sessions:   map[*tea.Program]struct{}{},
		conns:      newConnTracker(),
		refusals:   newRefusalLog(cfg.Logger),
		socketRate: socketBytesPerSecond,
		limiter:    ratelimiter.NewRateLimiter(rate.Limit(cfg.RatePerSecond), cfg.RateBurst, 1024),
	}
	// Middlewares compose so that the last listed runs first: recover is
	// outermost, the program innermost.
	s.ssh, err = wish.NewServer(
		wish.WithAddress(cfg.Listen),
		wish.WithHostKeyPEM(pemBytes),
		wish.WithPublicKeyAuth(s.authorize),
		wish.WithIdleTimeout(cfg.IdleTimeout),
		wish.WithMaxTimeout(cfg.MaxSession),
		func(srv *ssh.Server) error {
			srv.HandshakeTimeout = cfg.HandshakeTimeout
			srv.ConnCallback = s.acceptConn
			srv.ConnectionFailedCallback = func(c net.Conn, err error) {
				s.refusals.Warn("connection failed", "remote", c.RemoteAddr().String(), "err", err)
			}
			return nil
		},
		wish.WithMiddleware(
			s.runProgram,
			s.requirePTY(),
			s.limitSessions(),
			s.rateLimit(),
			s.logSessions(),
			s.countSessions(),
			wishrecover.MiddlewareWithLogger(panicLogger{cfg.Logger}),
		),
	)
	if err != nil {
		return nil, err
	}
	return s, nil
}

// acceptConn registers each TCP connection, turning away an address that
// already holds its share.
func (s *Server) acceptConn(ctx ssh.Context, conn net.Conn) net.Conn {
	s.mu.Lock()
	closing := s.closing
	s.mu.Unlock()
	if closing {
		return nil
	}
	c := s.conns.accept(ctx, conn, s.cfg.MaxConnsPerAddr, s.socketRate)
	if c == nil {
		s.refusals.Warn("connection refused: too many from this address", "remote", conn.RemoteAddr().String(), "max", s.cfg.MaxConnsPerAddr)
		return nil
	}
	ctx.SetValue(connStateKey{}, c)
	return c
}

// authorize admits any key when no authorized_keys file is set, else only
// the keys it lists, on the terms of their options. The file is read on
// every attempt, so edits take effect without a restart. A key also needs
// a free connection of its own.
func (s *Server) authorize(ctx ssh.Context, key ssh.PublicKey) bool {
	remote, fp := ctx.RemoteAddr().String(), Fingerprint(key)
	if reason := s.keyRefusal(ctx, key); reason != "" {
		s.refusals.Warn("auth refused", "remote", remote, "user", ctx.User(), "key", fp, "reason", reason)
		return false
	}
	// Refused here when the key is already full; counted once the
	// handshake is done (see claimKey).
	if s.conns.keyFull(fp, s.cfg.MaxConnsPerKey) {
		s.refusals.Warn("auth refused: too many connections for this key", "remote", remote, "key", fp, "max", s.cfg.MaxConnsPerKey)
		return false
	}
	return true
}

// keyRefusal says why key may not log in, or "".
func (s *Server) keyRefusal(ctx ssh.Context, key ssh.PublicKey) string {
	if s.cfg.AuthorizedKeys == "" {
		return ""
	}
	keys, err := readAuthorizedKeys(s.cfg.AuthorizedKeys)
	if err != nil {
		s.cfg.Logger.Error("cannot read authorized keys", "err", err)
		return "authorized keys unreadable"
	}
	ip := net.ParseIP(remoteIP(ctx.RemoteAddr()))
	var reasons []string
	for _, k := range keys {
		if !ssh.KeysEqual(k.key, key) {
			continue
		}
		err := k.permits(ip, time.Now())
		if err == nil {
			return ""
		}
		reasons = append(reasons, fmt.Sprintf("line %d: %v", k.line, err))
	}
	if len(reasons) == 0 {
		return "not in authorized keys"
	}
	return strings.Join(reasons, "; ")
}

// Fingerprint is the host key's SHA256 fingerprint.
func (s *Server) Fingerprint() string { return s.fingerprint }

// Serve accepts connections on l until Shutdown.
func (s *Server) Serve(l net.Listener) error {
	ctx, stop := context.WithCancel(context.Background())
	s.mu.Lock()
	if s.closing {
		s.mu.Unlock()
		stop()
		l.Close()
		return nil
	}
	s.listeners = append(s.listeners, l)
	if s.stopSweep == nil {
		s.stopSweep = stop
		go s.sweep(ctx)
	} else {
		stop()
	}
	s.mu.Unlock()
	s.cfg.Logger.Info("serving", "addr", l.Addr().String(), "host-key", s.fingerprint,
		"articles", len(s.corpus.Articles), "authorized-keys", s.cfg.AuthorizedKeys != "")
	err := s.ssh.Serve(l)
	s.mu.Lock()
	closing := s.closing
	s.mu.Unlock()
	if errors.Is(err, ssh.ErrServerClosed) || closing {
		return nil
	}
	return err
}

// ListenAndServe listens on the configured address.
func (s *Server) ListenAndServe() error {
	l, err := net.Listen("tcp", s.cfg.Listen)
	if err != nil {
		return err
	}
	return s.Serve(l)
}

// Shutdown stops accepting connections, tells every open session the
// server is going down, gives them a moment to quit, then closes every
// connection. It returns by ctx's deadline whatever clients do: nothing
// it does waits on a client.
func (s *Server) Shutdown(ctx context.Context) error {
	s.mu.Lock()
	s.closing = true
	programs := make([]*tea.Program, 0, len(s.sessions))
	for p := range s.sessions {
		programs = append(programs, p)
	}
	listeners := s.listeners
	s.mu.Unlock()
	for _, l := range listeners {
		l.Close()
	}
	s.cfg.Logger.Info("shutting down", "sessions", len(programs), "connections", s.conns.Len())
	for _, p := range programs {
		// A program stuck writing to a client that stopped reading would
		// hold a plain Send forever; its context ends when the connection
		// is closed below, which frees this goroutine.
		if s.cfg.ShutdownMsg != nil {
			go p.Send(s.cfg.ShutdownMsg)
		}
	}
	notice, cancel := context.WithTimeout(ctx, noticeTime)
	defer cancel()
	for s.Sessions() > 0 && notice.Err() == nil {
		select {
		case <-notice.Done():
		case <-time.After(20 * time.Millisecond):
		}
	}
	left := s.Sessions()
	s.ssh.Close()
	for _, c := range s.conns.all() {
		c.Close()
	}
	s.mu.Lock()
	if s.stopSweep != nil {
		s.stopSweep()
	}
	s.mu.Unlock()
	if left > 0 {
		return fmt.Errorf("%d sessions did not end in time and were closed", left)
	}
	return nil
}

// Sessions is the number of open sessions.
func (s *Server) Sessions() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.sessions)
}

// Connections is the number of open TCP connections.
func (s *Server) Connections() int { return s.conns.Len() }

func userOf(sess ssh.Session) string {
	if k := sess.PublicKey(); k != nil {
		return "ssh:" + Fingerprint(k)
	}
	return "ssh-anonymous"
}

// safeName makes a user id usable as a folder name.
func safeName(user string) string {
	return strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' {
			return r
		}
		return '_'
	}, user)
}

type panicLogger struct{ l *log.Logger }

func (p panicLogger) Printf(format string, v ...any) {
	p.l.Error("session panicked", "detail", fmt.Sprintf(format, v...))
}
