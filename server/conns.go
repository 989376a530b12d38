package server

import (
	"context"
	"net"
	"sync"
	"sync/atomic"
	"time"

	"charm.land/ssh"
	"golang.org/x/time/rate"
)

// Bytes a connection may send per second once past its burst. A person
// typing, resizing and pasting a note needs far less; past this the
// socket is read more slowly, so a flood of any kind (window changes,
// requests, channel opens) is slowed by TCP back-pressure instead of
// costing CPU, and the connection is never left unread.
const (
	socketBytesPerSecond = 32 << 10
	socketBurst          = 64 << 10
	socketReadChunk      = 32 << 10
)

// connStateKey finds a connection's state from its ssh.Context.
type connStateKey struct{}

// connState is what the server knows about one TCP connection.
type connState struct {
	net.Conn
	addr   string // remote IP, the per-address limit's key
	opened time.Time
	ctx    context.Context // done when the connection is closed
	cancel context.CancelFunc

	lastRead  atomic.Int64 // unix nanoseconds of the last byte read
	sessions  atomic.Int32 // sessions running on it
	idleSince atomic.Int64 // unix nanoseconds when sessions last became 0

	socket *rate.Limiter // bytes read from the socket
	budget *rate.Limiter // input bytes and window changes, shared by its sessions

	sshCtx    ssh.Context // the SSH library's context for the connection
	key       string      // fingerprint once authenticated; guarded by connTracker.mu
	closeOnce sync.Once
	onClose   func(*connState)
}

func (c *connState) Read(p []byte) (int, error) {
	n, err := c.Conn.Read(p[:min(len(p), socketReadChunk)])
	if n > 0 {
		c.lastRead.Store(time.Now().UnixNano())
		// Waiting after the read delays the next one; a close ends the wait.
		_ = c.socket.WaitN(c.ctx, n)
	}
	return n, err
}

func (c *connState) Close() error {
	err := c.Conn.Close()
	c.closeOnce.Do(func() {
		c.cancel()
		c.onClose(c)
	})
	return err
}

// sessionStarted and sessionEnded count the sessions running on the
// connection, so one left without any can be closed.
func (c *connState) sessionStarted() { c.sessions.Add(1) }

func (c *connState) sessionEnded() {
	if c.sessions.Add(-1) == 0 {
		c.idleSince.Store(time.Now().UnixNano())
	}
}

// connTracker counts connections per address and per key and closes those
// that are idle, too old, or hold no session.
type connTracker struct {
	mu     sync.Mutex
	conns  map[*connState]struct{}
	byAddr map[string]int
	byKey  map[string]int
}

func newConnTracker() *connTracker {
	return &connTracker{conns: map[*connState]struct{}{}, byAddr: map[string]int{}, byKey: map[string]int{}}
}

func remoteIP(addr net.Addr) string {
	if addr == nil {
		return "unknown"
	}
	host, _, err := net.SplitHostPort(addr.String())
	if err != nil {
		return addr.String()
	}
	return host
}

// accept registers a new TCP connection, or returns nil when its address
// already holds max connections.
func (t *connTracker) accept(sshCtx ssh.Context, conn net.Conn, max int, socketRate rate.Limit) *connState {
	ip := remoteIP(conn.RemoteAddr())
	t.mu.Lock()
	defer t.mu.Unlock()
	if max > 0 && t.byAddr[ip] >= max {
		return nil
	}
	now := time.Now()
	ctx, cancel := context.WithCancel(context.Background())
	c := &connState{
		Conn: conn, addr: ip, opened: now, ctx: ctx, cancel: cancel, sshCtx: sshCtx,
		socket:  rate.NewLimiter(socketRate, socketBurst),
		budget:  rate.NewLimiter(inputBytesPerSecond, inputBurst),
		onClose: t.remove,
	}
	c.lastRead.Store(now.UnixNano())
	c.idleSince.Store(now.UnixNano())
	t.conns[c] = struct{}{}
	t.byAddr[ip]++
	return c
}

// keyFull says whether key already holds max authenticated connections.
func (t *connTracker) keyFull(key string, max int) bool {
	t.mu.Lock()
	defer t.mu.Unlock()
	return max > 0 && t.byKey[key] >= max
}

// claimKey counts c against the key it authenticated with, once its
// handshake is done, or reports false when that key already holds max
// other connections. Counting only finished handshakes matters: a public
// key is public, so anyone may offer someone else's key and stall before
// signing, and such attempts must not use up that person's connections.
func (t *connTracker) claimKey(c *connState, max int) bool {
	if c.sshCtx == nil || c.sshCtx.Value(ssh.ContextKeyConn) == nil {
		return true // still in the handshake
	}
	pk, _ := c.sshCtx.Value(ssh.ContextKeyPublicKey).(ssh.PublicKey)
	if pk == nil {
		return true // no key: nothing to count it against
	}
	key := Fingerprint(pk)
	t.mu.Lock()
	defer t.mu.Unlock()
	if _, open := t.conns[c]; !open || c.key == key {
		return true
	}
	if max > 0 && t.byKey[key] >= max {
		return false
	}
	t.release(c)
	c.key = key
	t.byKey[key]++
	return true
}

func (t *connTracker) release(c *connState) {
	if c.key == "" {
		return
	}
	if t.byKey[c.key]--; t.byKey[c.key] <= 0 {
		delete(t.byKey, c.key)
	}
	c.key = ""
}

func (t *connTracker) remove(c *connState) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if _, ok := t.conns[c]; !ok {
		return
	}
	delete(t.conns, c)
	t.release(c)
	if t.byAddr[c.addr]--; t.byAddr[c.addr] <= 0 {
		delete(t.byAddr, c.addr)
	}
}

func (t *connTracker) all() []*connState {
	t.mu.Lock()
	defer t.mu.Unlock()
	out := make([]*connState, 0, len(t.conns))
	for c := range t.conns {
		out = append(out, c)
	}
	return out
}

// Len is the number of open connections.
func (t *connTracker) Len() int {
	t.mu.Lock()
	defer t.mu.Unlock()
	return len(t.conns)
}

// expired says why c should be closed now, or "".
func (c *connState) expired(now time.Time, cfg Config) string {
	switch {
	case cfg.MaxSession > 0 && now.Sub(c.opened) > cfg.MaxSession:
		return "maximum session time"
	case cfg.IdleTimeout > 0 && now.Sub(time.Unix(0, c.lastRead.Load())) > cfg.IdleTimeout:
		return "idle"
	case cfg.NoSessionTimeout > 0 && c.sessions.Load() == 0 && now.Sub(time.Unix(0, c.idleSince.Load())) > cfg.NoSessionTimeout:
		return "no session"
	}
	return ""
}

// sweep closes expired connections until ctx ends. Closing the socket,
// not only the program, is what frees a connection whose client stopped
// reading.
func (s *Server) sweep(ctx context.Context) {
	tick := time.NewTicker(sweepInterval(s.cfg))
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case now := <-tick.C:
			for _, c := range s.conns.all() {
				if !s.claimKey(c) {
					continue
				}
				if why := c.expired(now, s.cfg); why != "" {
					s.cfg.Logger.Info("connection closed", "remote", c.RemoteAddr().String(), "reason", why)
					c.Close()
				}
			}
		}
	}
}

// claimKey counts an authenticated connection against its key, closing it
// when the key has no connection to spare; false when it closed it.
func (s *Server) claimKey(c *connState) bool {
	if s.conns.claimKey(c, s.cfg.MaxConnsPerKey) {
		return true
	}
	s.refusals.Warn("connection closed: too many connections for this key", "remote", c.RemoteAddr().String(), "max", s.cfg.MaxConnsPerKey)
	c.Close()
	return false
}

// sweepInterval checks often enough for the shortest timeout to be kept
// within a quarter of itself, and at most once every 50 ms.
func sweepInterval(cfg Config) time.Duration {
	d := time.Second
	for _, t := range []time.Duration{cfg.IdleTimeout, cfg.MaxSession, cfg.NoSessionTimeout} {
		if t > 0 {
			d = min(d, t/4)
		}
	}
	return max(d, 50*time.Millisecond)
}

// connOf finds a session's connection state; nil only for connections the
// tracker never saw, which New does not allow.
func connOf(ctx ssh.Context) *connState {
	c, _ := ctx.Value(connStateKey{}).(*connState)
	return c
}
