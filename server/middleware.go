package server

import (
	"time"

	"charm.land/ssh"
	"charm.land/wish/v2"
)

// requirePTY turns away a client without a terminal with one line and
// status 1.
func (s *Server) requirePTY() wish.Middleware {
	return func(next ssh.Handler) ssh.Handler {
		return func(sess ssh.Session) {
			if _, _, ok := sess.Pty(); !ok {
				wish.Println(sess, "briefing needs a terminal: connect with ssh -t")
				sess.Exit(1)
				return
			}
			next(sess)
		}
	}
}

// limitSessions turns away sessions past MaxSessions with a polite line.
// Sessions are counted here, not in the program registry, so a slow program
// start cannot let extra sessions slip through.
func (s *Server) limitSessions() wish.Middleware {
	return func(next ssh.Handler) ssh.Handler {
		return func(sess ssh.Session) {
			s.mu.Lock()
			full := s.active >= s.cfg.MaxSessions
			if !full {
				s.active++
			}
			s.mu.Unlock()
			if full {
				s.refusals.Warn("session refused: server full", "remote", sess.RemoteAddr().String(), "max", s.cfg.MaxSessions)
				wish.Println(sess, "briefing: the server is full right now; please try again in a few minutes")
				sess.Exit(1)
				return
			}
			defer func() {
				s.mu.Lock()
				s.active--
				s.mu.Unlock()
			}()
			next(sess)
		}
	}
}

// rateLimit turns away an address opening sessions faster than the rate
// allows, and logs it (wish's own middleware does not).
func (s *Server) rateLimit() wish.Middleware {
	return func(next ssh.Handler) ssh.Handler {
		return func(sess ssh.Session) {
			if err := s.limiter.Allow(sess); err != nil {
				s.refusals.Warn("session refused: rate limit", "remote", sess.RemoteAddr().String(),
					"rate", s.cfg.RatePerSecond, "burst", s.cfg.RateBurst)
				wish.Fatal(sess, err)
				return
			}
			next(sess)
		}
	}
}

// countSessions tells the connection a session runs on it, so that a
// connection left without one is closed after NoSessionTimeout.
func (s *Server) countSessions() wish.Middleware {
	return func(next ssh.Handler) ssh.Handler {
		return func(sess ssh.Session) {
			if c := connOf(sess.Context()); c != nil {
				if !s.claimKey(c) {
					return
				}
				c.sessionStarted()
				defer c.sessionEnded()
			}
			next(sess)
		}
	}
}

// logSessions logs connects and disconnects with their duration. It logs
// who by fingerprint, never keys or what was read.
func (s *Server) logSessions() wish.Middleware {
	return func(next ssh.Handler) ssh.Handler {
		return func(sess ssh.Session) {
			start := time.Now()
			pty, _, hasPTY := sess.Pty()
			s.cfg.Logger.Info("connect", "remote", sess.RemoteAddr().String(), "user", userOf(sess),
				"pty", hasPTY, "term", pty.Term, "width", pty.Window.Width, "height", pty.Window.Height)
			next(sess)
			s.cfg.Logger.Info("disconnect", "remote", sess.RemoteAddr().String(), "user", userOf(sess),
				"duration", time.Since(start).Round(time.Millisecond))
		}
	}
}
