package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"net"
	"os"
	"os/signal"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/log/v2"
	"github.com/spf13/cobra"

	"briefing/library"
	"briefing/model"
	"briefing/server"
	"briefing/ui/render"
)

func newServe(e env, c *common) *cobra.Command {
	var (
		cfg         server.Config
		exportQuota string
	)
	cmd := &cobra.Command{
		Use:   "serve [flags] [PATH...]",
		Short: "Serve the app over SSH, each user with their own briefing",
		Long: `Serve runs an SSH server: 'ssh -p 2222 host' opens the app, each connection
its own program with its own window size, colours and briefing (kept per
SSH key). The articles are loaded once and shared by every session.

Without --authorized-keys any key gets in, so the server then listens on
loopback only; a wider --listen needs --authorized-keys (or --allow-anyone).
The host key (Ed25519 only, mode 0600) is created on first start and its
fingerprint logged. authorized_keys options from= and expiry-time= are
honoured; a key with an option briefing does not implement is refused.`,
		Args: cobra.ArbitraryArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			cfg.Logger = log.NewWithOptions(e.stderr, log.Options{ReportTimestamp: true, Prefix: "briefing"})
			quota, err := parseSize(exportQuota)
			if err != nil {
				return usageError{err: fmt.Errorf("--export-quota: %w", err), usage: cmd.UseLine()}
			}
			cfg.ExportQuota = quota
			// Check and bind the address before anything is written, so a
			// refused serve leaves no state on disk.
			if err := cfg.CheckListen(); err != nil {
				return usageError{err: err, usage: cmd.UseLine()}
			}
			l, err := net.Listen("tcp", cfg.Listen)
			if err != nil {
				return fmt.Errorf("--listen %s: %w", cfg.Listen, err)
			}
			defer l.Close()
			st, dir, err := c.state.open()
			if err != nil {
				return err
			}
			defer st.Close()
			if n := st.Notice(); n != "" {
				cfg.Logger.Warn(n)
			}
			cfg.StateDir = dir
			if cfg.HostKeyPath == "" {
				cfg.HostKeyPath = filepath.Join(dir, "ssh_host_ed25519_key")
			}
			// The shared corpus has the built-in topics only; each SSH
			// key's saved topics are added per session.
			c.noUserTopics = true
			corpus, err := loadSummaries(e, c, args) // through the index; sessions read text on demand
			if err != nil {
				return err
			}
			// Clients are not told the server's folders.
			from := map[string]string{fromSeeds: "the built-in seeds", fromLibrary: "the server's library"}[c.from]
			var lib *library.Library
			if cfg.AllowAdd {
				// A server never fetches from its own network for a client.
				if lib, err = openLibrary(e, c, fetchOptions{denyPrivate: true}); err != nil {
					return err
				}
			}
			var views topicViews
			cfg.NewModel = func(shared *model.Corpus, sess server.Session) tea.Model {
				o := sessionOptions(dir, sess, len(shared.Topics))
				o.Origin, o.Library, o.AllowAdd = from, lib, sess.AllowAdd && lib != nil
				return e.app.New(views.sessionCorpus(cfg.Logger, shared, dir, sess), o)
			}
			cfg.ShutdownMsg = e.app.Shutdown
			srv, err := server.New(cfg, corpus, st)
			if err != nil {
				return err
			}
			ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
			defer stop()
			done := make(chan error, 1)
			go func() { done <- srv.Serve(l) }()
			select {
			case err := <-done:
				return err
			case <-ctx.Done():
			}
			return shutdown(srv, cfg.Logger)
		},
	}
	f := cmd.Flags()
	f.StringVar(&cfg.Listen, "listen", "127.0.0.1:2222", "listen on `HOST:PORT`")
	f.StringVar(&cfg.HostKeyPath, "host-key", "", "Ed25519 host key `FILE`, created if missing (default STATE/ssh_host_ed25519_key)")
	f.StringVar(&cfg.AuthorizedKeys, "authorized-keys", "", "let in only the keys in this authorized_keys `FILE`")
	f.BoolVar(&cfg.AllowAnyone, "allow-anyone", false, "allow a non-loopback --listen without --authorized-keys")
	f.BoolVar(&cfg.AllowAdd, "allow-add", false, "let sessions add articles to the library with A (never from private addresses)")
	f.IntVar(&cfg.MaxSessions, "max-sessions", 100, "open sessions at most")
	f.IntVar(&cfg.MaxConnsPerKey, "max-conns-per-key", server.DefaultMaxConnsPerKey, "open connections per SSH key at most")
	f.IntVar(&cfg.MaxConnsPerAddr, "max-conns-per-addr", server.DefaultMaxConnsPerAddr, "open connections per client IP address at most")
	f.DurationVar(&cfg.IdleTimeout, "idle-timeout", 30*time.Minute, "close connections that send nothing for this long")
	f.DurationVar(&cfg.MaxSession, "max-session", 12*time.Hour, "close connections older than this")
	f.DurationVar(&cfg.NoSessionTimeout, "no-session-timeout", server.DefaultNoSessionTimeout, "close connections that run no session for this long")
	f.StringVar(&exportQuota, "export-quota", "50MB", "`SIZE` each user's exports folder may hold (KB, MB, GB)")
	f.Float64Var(&cfg.RatePerSecond, "rate", 2, "new sessions per second allowed from one IP address")
	f.IntVar(&cfg.RateBurst, "rate-burst", 20, "sessions one IP address may open at once before --rate applies")
	return cmd
}

// shutdownDeadline bounds a stop: the README promises 10 s, whatever the
// clients do.
const shutdownDeadline = 8 * time.Second

// shutdown tells sessions the server is going down and closes every
// connection; it returns by the deadline even if Shutdown itself is stuck,
// and returning ends the process.
func shutdown(srv *server.Server, logger *log.Logger) error {
	ctx, cancel := context.WithTimeout(context.Background(), shutdownDeadline)
	defer cancel()
	done := make(chan error, 1)
	go func() { done <- srv.Shutdown(ctx) }()
	select {
	case err := <-done:
		if err != nil {
			logger.Warn("sessions cut at shutdown", "err", err)
		}
	case <-time.After(shutdownDeadline + time.Second):
		logger.Warn("shutdown overran its deadline: exiting anyway")
	}
	logger.Info("stopped")
	return nil
}

// parseSize reads a size such as 50MB, 512KB, 1GB or a number of bytes.
func parseSize(s string) (int64, error) {
	units := []struct {
		suffix string
		mult   int64
	}{{"GB", 1 << 30}, {"G", 1 << 30}, {"MB", 1 << 20}, {"M", 1 << 20}, {"KB", 1 << 10}, {"K", 1 << 10}, {"B", 1}}
	t := strings.ToUpper(strings.TrimSpace(s))
	mult := int64(1)
	for _, u := range units {
		if strings.HasSuffix(t, u.suffix) {
			t, mult = strings.TrimSpace(strings.TrimSuffix(t, u.suffix)), u.mult
			break
		}
	}
	n, err := strconv.ParseInt(t, 10, 64)
	if err != nil || n <= 0 || n > math.MaxInt64/mult {
		return 0, fmt.Errorf("%q is not a size: give a number with KB, MB or GB", s)
	}
	return n * mult, nil
}

// sessionOptions are what one SSH session's program starts with. The
// client's command is only ever read as a paragraph address.
func sessionOptions(stateDir string, sess server.Session, builtin int) AppOptions {
	o := AppOptions{
		Style: render.StyleDark, Store: sess.Store, User: sess.User, ExportDir: sess.ExportDir, ExportQuota: sess.ExportQuota,
		TopicsPath: model.SessionTopicsPath(stateDir, sess.User), BuiltinTopics: builtin,
	}
	if sess.NoColor {
		o.Style = render.StyleNoTTY
	}
	if len(sess.Command) > 0 {
		o.Start = strings.Join(sess.Command, " ")
	}
	return o
}

// topicViews keeps the last few corpus views with saved topics: tagging
// one reads every file of an indexed corpus, so a user's next session (or
// another user with the same topics) reuses it.
type topicViews struct {
	mu    sync.Mutex
	keys  []string
	views []*model.Corpus
}

const keptTopicViews = 8

// sessionCorpus is the shared corpus with the session's own saved topics
// added, or the shared one when it has none (or they cannot be read, which
// is logged and must not keep anyone from reading).
func (v *topicViews) sessionCorpus(logger *log.Logger, shared *model.Corpus, stateDir string, sess server.Session) *model.Corpus {
	topics, err := model.LoadUserTopics(model.SessionTopicsPath(stateDir, sess.User))
	if err == nil && len(topics) > 0 {
		key, _ := json.Marshal(topics)
		v.mu.Lock()
		defer v.mu.Unlock()
		if i := slices.Index(v.keys, string(key)); i >= 0 {
			return v.views[i]
		}
		var view *model.Corpus
		if view, err = shared.WithTopics(topics); err == nil {
			if len(v.keys) == keptTopicViews {
				v.keys, v.views = v.keys[1:], v.views[1:]
			}
			v.keys, v.views = append(v.keys, string(key)), append(v.views, view)
			return view
		}
	}
	if err != nil {
		logger.Warn("saved topics left out", "user", sess.User, "err", err)
	}
	return shared
}
