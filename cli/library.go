package cli

import (
	"context"
	"os"
	"os/signal"
	"syscall"

	"briefing/config"
	"briefing/library"
	"briefing/model"
	"briefing/seeds"
)

// Where a corpus read with no PATH came from, for the app to say.
const (
	fromPaths   = "paths"
	fromLibrary = "library"
	fromSeeds   = "seeds"
)

// libraryDir is the library folder: --library, else config.yaml's
// library:, else $XDG_DATA_HOME/briefing/articles.
func libraryDir(e env, c *common) (string, error) {
	if c.library != "" {
		return c.library, nil
	}
	cfg, err := config.Load(e.getenv)
	if err != nil {
		return "", err
	}
	if cfg.Library != "" {
		return cfg.Library, nil
	}
	return library.DefaultDir(e.getenv)
}

// fetchOptions are the flags of the commands that download.
type fetchOptions struct {
	denyPrivate bool
}

// openLibrary opens the library with a client that names this version.
func openLibrary(e env, c *common, o fetchOptions) (*library.Library, error) {
	dir, err := libraryDir(e, c)
	if err != nil {
		return nil, err
	}
	opts := library.ClientOptions{UserAgent: library.UserAgent(version())}
	if o.denyPrivate {
		opts.Policy = library.DenyPrivate
	}
	return library.Open(dir, library.NewClient(opts)), nil
}

// interruptible is ctx cancelled by ctrl+c or SIGTERM, so downloads stop
// and no partial file is left.
func interruptible(ctx context.Context) (context.Context, context.CancelFunc) {
	return signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM)
}

// loadDefault loads the library when it has articles, else the seeds, and
// records which in c.
func loadDefault(e env, c *common, opts model.LoadOptions, load func([]string) (*model.Corpus, []model.Warning, error)) (*model.Corpus, []model.Warning, error) {
	dir, err := defaultFolder(e, c)
	if err != nil {
		return nil, nil, err
	}
	if dir != "" {
		return load([]string{dir})
	}
	return model.LoadFS(seeds.Articles(), opts)
}

// defaultFolder is the library folder to read when it has articles, else
// "" for the seeds; it records which in c.
func defaultFolder(e env, c *common) (string, error) {
	dir := c.library
	if dir == "" {
		// A bad config file is reported: the user meant something by it.
		cfg, err := config.Load(e.getenv)
		if err != nil {
			return "", err
		}
		dir = cfg.Library
		if dir == "" {
			// "" when there is no HOME to find it from: the seeds still read.
			dir, _ = library.DefaultDir(e.getenv)
		}
	}
	if dir != "" && library.HasArticles(dir) {
		c.from, c.libraryDir = fromLibrary, dir
		return dir, nil
	}
	c.from = fromSeeds
	return "", nil
}
