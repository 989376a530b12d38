package server

import (
	"context"
	"path/filepath"
	"strings"

	tea "charm.land/bubbletea/v2"
	"charm.land/ssh"
	"charm.land/wish/v2/bubbletea"

	"briefing/store"
)

// runProgram runs the session's program. It replaces wish's bubbletea
// middleware, whose window-change loop calls Program.Send: when a program
// is busy that blocks, and with it the SSH library's goroutine that reads
// the whole connection, which then stalls for good.
func (s *Server) runProgram(next ssh.Handler) ssh.Handler {
	return func(sess ssh.Session) {
		// Everything read from the session's pty is read here, before
		// window changes are drained: charm.land/ssh writes the pty's window
		// as each change arrives, without a lock (session.go, "window-change").
		pty, winch, _ := sess.Pty()
		popts := bubbletea.MakeOptions(sess)
		conn := connOf(sess.Context())
		sizes := newResizer(pty.Window)
		go sizes.drain(winch)
		p := s.program(sess, conn, pty, popts)
		if p == nil {
			sess.Write([]byte("briefing: the server is shutting down\r\n"))
			next(sess)
			return
		}
		ctx, cancel := context.WithCancel(sess.Context())
		go sizes.deliver(ctx, conn.budget, p.Send)
		if _, err := p.Run(); err != nil && ctx.Err() == nil {
			s.cfg.Logger.Warn("program ended with an error", "user", userOf(sess), "err", err)
		}
		cancel()
		s.mu.Lock()
		delete(s.sessions, p)
		s.mu.Unlock()
		next(sess)
	}
}

// Session is what the server tells the program of one session.
type Session struct {
	User        string       // the fingerprint of the key that authenticated
	NoColor     bool         // the client sent NO_COLOR
	Store       *store.Store // nil when the server has no database
	ExportDir   string       // the user's own exports folder
	ExportQuota int64        // bytes that folder may hold
	// Command is what the client asked to run (ssh host ARGS): it is
	// only ever read as a paragraph address, never executed.
	Command []string
	// AllowAdd lets the session add articles to the library (the
	// server was started with --allow-add).
	AllowAdd bool
}

// program builds the session's program, or returns nil when the server is
// shutting down. Identity is the fingerprint of the key that authenticated,
// so each key has its own briefing.
func (s *Server) program(sess ssh.Session, conn *connState, pty ssh.Pty, popts []tea.ProgramOption) *tea.Program {
	info := Session{User: userOf(sess), Command: sess.Command(), ExportQuota: s.cfg.ExportQuota, AllowAdd: s.cfg.AllowAdd}
	for _, kv := range sess.Environ() {
		if strings.HasPrefix(kv, "NO_COLOR=") && kv != "NO_COLOR=" {
			info.NoColor = true
		}
	}
	if s.store != nil {
		info.Store = s.store
		info.ExportDir = filepath.Join(s.cfg.StateDir, "exports", safeName(info.User))
	}
	// Later options win: clamp the size the client claims, read its input
	// through the connection's budget, end with the connection, and leave
	// signals to the server, which tells every session before it stops.
	w, h := clampSize(pty.Window.Width, pty.Window.Height)
	popts = append(popts,
		tea.WithWindowSize(w, h),
		tea.WithFilter(sessionFilter),
		tea.WithInput(newThrottledReader(sess.Context(), sess, conn.budget)),
		tea.WithContext(sess.Context()),
		tea.WithoutSignalHandler(),
	)
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closing {
		return nil
	}
	p := tea.NewProgram(s.newModel(s.corpus, info), popts...)
	s.sessions[p] = struct{}{}
	return p
}
