package server

import (
	"context"
	"path/filepath"
	"strings"

	tea "charm.land/bubbletea/v2"
	"charm.land/ssh"
	"charm.land/wish/v2/bubbletea"

	"briefing/ui"
)

// runProgram runs the session's program. It replaces wish's bubbletea
// middleware, whose window-change loop calls Program.Send: when a program
// is busy that blocks, and with it the SSH library's goroutine that reads
// the whole connection, which then stalls for good.
func (s *Server) runProgram(next ssh.Handler) ssh.Handler {
	return func(sess ssh.Session) {
		pty, winch, _ := sess.Pty()
		conn := connOf(sess.Context())
		sizes := newResizer(pty.Window)
		go sizes.drain(winch)
		p := s.program(sess, conn)
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

// program builds the session's program, or returns nil when the server is
// shutting down. Identity is the fingerprint of the key that authenticated,
// so each key has its own briefing.
func (s *Server) program(sess ssh.Session, conn *connState) *tea.Program {
	opts := ui.Options{Style: ui.StyleDark, User: userOf(sess)}
	for _, kv := range sess.Environ() {
		if strings.HasPrefix(kv, "NO_COLOR=") && kv != "NO_COLOR=" {
			opts.Style = ui.StyleNoTTY
		}
	}
	if s.store != nil {
		opts.Store = s.store
		// Exports should go through store.WriteExport with s.cfg.ExportQuota,
		// once ui.Options carries the quota.
		opts.ExportDir = filepath.Join(s.cfg.StateDir, "exports", safeName(opts.User))
	}
	popts := bubbletea.MakeOptions(sess)
	// Later options win: clamp the size the client claims, read its input
	// through the connection's budget, end with the connection, and leave
	// signals to the server, which tells every session before it stops.
	pty, _, _ := sess.Pty()
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
	p := tea.NewProgram(s.newModel(s.corpus, opts), popts...)
	s.sessions[p] = struct{}{}
	return p
}
