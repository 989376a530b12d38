package cli

import (
	"context"
	"errors"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"
	"time"

	"charm.land/log/v2"
	"github.com/spf13/cobra"

	"briefing/server"
)

func newServe(e env, c *common) *cobra.Command {
	var (
		cfg   server.Config
		state stateOptions
	)
	cmd := &cobra.Command{
		Use:   "serve [flags] [PATH...]",
		Short: "Serve the app over SSH, each user with their own briefing",
		Long: `Serve runs an SSH server: 'ssh -p 2222 host' opens the app, each connection
its own program with its own window size, colours and briefing (kept per
SSH key). The articles are loaded once and shared by every session.

Without --authorized-keys any key gets in, so the server then listens on
loopback only; a wider --listen needs --authorized-keys (or --allow-anyone).
The host key is created on first start and its fingerprint logged.`,
		Args: cobra.ArbitraryArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			cfg.Logger = log.NewWithOptions(e.stderr, log.Options{ReportTimestamp: true, Prefix: "briefing"})
			st, dir, err := state.open()
			if err != nil {
				return err
			}
			defer st.Close()
			cfg.StateDir = dir
			if cfg.HostKeyPath == "" {
				cfg.HostKeyPath = filepath.Join(dir, "ssh_host_ed25519_key")
			}
			corpus, err := loadCorpus(e, c, args)
			if err != nil {
				return err
			}
			srv, err := server.New(cfg, corpus, st)
			if errors.Is(err, server.ErrOpenToAnyone) {
				return usageError{err: err, usage: cmd.UseLine()}
			}
			if err != nil {
				return err
			}
			ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
			defer stop()
			done := make(chan error, 1)
			go func() { done <- srv.ListenAndServe() }()
			select {
			case err := <-done:
				return err
			case <-ctx.Done():
			}
			// Sessions get a moment to say goodbye; past 8 s they are cut.
			shutdownCtx, cancel := context.WithTimeout(context.Background(), 8*time.Second)
			defer cancel()
			if err := srv.Shutdown(shutdownCtx); err != nil {
				cfg.Logger.Warn("sessions cut at shutdown", "err", err)
			}
			cfg.Logger.Info("stopped")
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVar(&cfg.Listen, "listen", "127.0.0.1:2222", "listen on `HOST:PORT`")
	f.StringVar(&cfg.HostKeyPath, "host-key", "", "Ed25519 host key `FILE`, created if missing (default STATE/ssh_host_ed25519_key)")
	f.StringVar(&cfg.AuthorizedKeys, "authorized-keys", "", "let in only the keys in this authorized_keys `FILE`")
	f.BoolVar(&cfg.AllowAnyone, "allow-anyone", false, "allow a non-loopback --listen without --authorized-keys")
	f.IntVar(&cfg.MaxSessions, "max-sessions", 100, "open sessions at most")
	f.DurationVar(&cfg.IdleTimeout, "idle-timeout", 30*time.Minute, "end sessions idle this long")
	f.DurationVar(&cfg.MaxSession, "max-session", 12*time.Hour, "end sessions older than this")
	f.Float64Var(&cfg.RatePerSecond, "rate", 2, "new sessions per second allowed from one IP address")
	f.IntVar(&cfg.RateBurst, "rate-burst", 20, "sessions one IP address may open at once before --rate applies")
	state.addFlags(cmd)
	return cmd
}
