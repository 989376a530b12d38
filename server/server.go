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
	"charm.land/wish/v2/bubbletea"
	"charm.land/wish/v2/ratelimiter"
	wishrecover "charm.land/wish/v2/recover"
	gossh "golang.org/x/crypto/ssh"
	"golang.org/x/time/rate"

	"briefing/model"
	"briefing/store"
	"briefing/ui"
	"briefing/ui/render"
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
	RatePerSecond    float64       // new sessions per second per IP, with RateBurst
	RateBurst        int
	StateDir         string // briefing database and exports
	Logger           *log.Logger
}

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
	if c.HostKeyPath == "" && c.StateDir != "" {
		c.HostKeyPath = filepath.Join(c.StateDir, "ssh_host_ed25519_key")
	}
	if c.Logger == nil {
		c.Logger = log.NewWithOptions(os.Stderr, log.Options{ReportTimestamp: true, Prefix: "briefing"})
	}
}

// ErrOpenToAnyone refuses a public listener that would let any key in.
var ErrOpenToAnyone = errors.New("listening beyond loopback without --authorized-keys would let anyone in: give --authorized-keys FILE, or --allow-anyone if you mean it")

// checkListen allows an open server only on loopback unless told otherwise.
func (c Config) checkListen() error {
	if c.AuthorizedKeys != "" || c.AllowAnyone {
		return nil
	}
	host, _, err := net.SplitHostPort(c.Listen)
	if err != nil {
		return fmt.Errorf("--listen %q: %w", c.Listen, err)
	}
	if host == "localhost" {
		return nil
	}
	if ip := net.ParseIP(host); ip != nil && ip.IsLoopback() {
		return nil
	}
	return ErrOpenToAnyone
}

// ModelFunc builds the program for one session. Tests swap it.
type ModelFunc func(c *model.Corpus, opts ui.Options) tea.Model

// Server is a running (or ready) briefing SSH server.
type Server struct {
	cfg         Config
	corpus      *model.Corpus
	store       *store.Store
	ssh         *ssh.Server
	fingerprint string
	newModel    ModelFunc

	mu       sync.Mutex
	sessions map[*tea.Program]struct{}
	active   int // sessions past the limit check
	closing  bool
}

// New prepares a server; it does not listen yet.
func New(cfg Config, corpus *model.Corpus, st *store.Store) (*Server, error) {
	cfg.Defaults()
	if err := cfg.checkListen(); err != nil {
		return nil, err
	}
	if cfg.HostKeyPath == "" {
		return nil, errors.New("no host key path: give --host-key or --state")
	}
	pemBytes, signer, err := loadHostKey(cfg.HostKeyPath)
	if err != nil {
		return nil, err
	}
	s := &Server{
		cfg: cfg, corpus: corpus, store: st, fingerprint: Fingerprint(signer.PublicKey()),
		newModel: func(c *model.Corpus, o ui.Options) tea.Model { return ui.New(c, o) },
		sessions: map[*tea.Program]struct{}{},
	}
	if cfg.AuthorizedKeys != "" {
		if _, err := readAuthorizedKeys(cfg.AuthorizedKeys); err != nil {
			return nil, fmt.Errorf("--authorized-keys: %w", err)
		}
	}
	auth := wish.WithPublicKeyAuth(s.authorize)
	limiter := ratelimiter.NewRateLimiter(rate.Limit(cfg.RatePerSecond), cfg.RateBurst, 1024)
	// Middlewares compose so that the last listed runs first: recover is
	// outermost, the program innermost.
	s.ssh, err = wish.NewServer(
		wish.WithAddress(cfg.Listen),
		wish.WithHostKeyPEM(pemBytes),
		auth,
		wish.WithIdleTimeout(cfg.IdleTimeout),
		wish.WithMaxTimeout(cfg.MaxSession),
		func(srv *ssh.Server) error {
			srv.HandshakeTimeout = cfg.HandshakeTimeout
			srv.ConnectionFailedCallback = func(c net.Conn, err error) {
				cfg.Logger.Warn("connection failed", "remote", c.RemoteAddr().String(), "err", err)
			}
			return nil
		},
		wish.WithMiddleware(
			bubbletea.MiddlewareWithProgramHandler(s.program),
			s.requirePTY(),
			s.limitSessions(),
			ratelimiter.Middleware(limiter),
			s.logSessions(),
			wishrecover.MiddlewareWithLogger(panicLogger{cfg.Logger}),
		),
	)
	if err != nil {
		return nil, err
	}
	return s, nil
}

// authorize admits any key when no authorized_keys file is set, else only
// the keys it lists. The file is read on every attempt, so edits take
// effect without a restart.
func (s *Server) authorize(ctx ssh.Context, key ssh.PublicKey) bool {
	if s.cfg.AuthorizedKeys == "" {
		return true
	}
	keys, err := readAuthorizedKeys(s.cfg.AuthorizedKeys)
	if err != nil {
		s.cfg.Logger.Error("cannot read authorized keys", "err", err)
		return false
	}
	for _, k := range keys {
		if ssh.KeysEqual(k, key) {
			return true
		}
	}
	s.cfg.Logger.Info("auth refused", "remote", ctx.RemoteAddr().String(), "user", ctx.User(), "key", Fingerprint(key))
	return false
}

func readAuthorizedKeys(path string) ([]gossh.PublicKey, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var keys []gossh.PublicKey
	for len(data) > 0 {
		key, _, _, rest, err := gossh.ParseAuthorizedKey(data)
		if err != nil {
			break // no more keys: comments and blank lines end here
		}
		keys = append(keys, key)
		data = rest
	}
	return keys, nil
}

// Fingerprint is the host key's SHA256 fingerprint.
func (s *Server) Fingerprint() string { return s.fingerprint }

// Serve accepts connections on l until Shutdown.
func (s *Server) Serve(l net.Listener) error {
	s.cfg.Logger.Info("serving", "addr", l.Addr().String(), "host-key", s.fingerprint,
		"articles", len(s.corpus.Articles), "authorized-keys", s.cfg.AuthorizedKeys != "")
	err := s.ssh.Serve(l)
	if errors.Is(err, ssh.ErrServerClosed) {
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

// Shutdown stops accepting connections, tells every open session the server
// is going down, and waits for them to end until ctx expires, when it
// closes what is left.
func (s *Server) Shutdown(ctx context.Context) error {
	s.mu.Lock()
	s.closing = true
	programs := make([]*tea.Program, 0, len(s.sessions))
	for p := range s.sessions {
		programs = append(programs, p)
	}
	s.mu.Unlock()
	s.cfg.Logger.Info("shutting down", "sessions", len(programs))
	for _, p := range programs {
		p.Send(ui.ShutdownMsg{})
	}
	// Give the programs a moment to show the notice and quit on their own.
	for wait := time.Now().Add(2 * time.Second); time.Now().Before(wait) && s.Sessions() > 0 && ctx.Err() == nil; {
		time.Sleep(50 * time.Millisecond)
	}
	err := s.ssh.Shutdown(ctx)
	if err != nil {
		s.ssh.Close()
	}
	return err
}

// Sessions is the number of open sessions.
func (s *Server) Sessions() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.sessions)
}

// program builds the session's program. Identity is the fingerprint of the
// key that authenticated, so each key has its own briefing.
func (s *Server) program(sess ssh.Session) *tea.Program {
	opts := ui.Options{Style: render.StyleDark, User: userOf(sess)}
	for _, kv := range sess.Environ() {
		if strings.HasPrefix(kv, "NO_COLOR=") && kv != "NO_COLOR=" {
			opts.Style = render.StyleNoTTY
		}
	}
	if s.store != nil {
		opts.Store = s.store
		opts.ExportDir = filepath.Join(s.cfg.StateDir, "exports", safeName(opts.User))
	}
	popts := bubbletea.MakeOptions(sess)
	// Later options win: clamp the size the client claims, and read its
	// input through the throttle.
	pty, _, _ := sess.Pty()
	w, h := clampSize(pty.Window.Width, pty.Window.Height)
	popts = append(popts, tea.WithWindowSize(w, h), tea.WithFilter(sessionFilter), tea.WithInput(newThrottledReader(sess)))
	p := tea.NewProgram(s.newModel(s.corpus, opts), popts...)
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closing {
		return nil
	}
	s.sessions[p] = struct{}{}
	go func() {
		<-sess.Context().Done()
		s.mu.Lock()
		delete(s.sessions, p)
		s.mu.Unlock()
	}()
	return p
}

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
