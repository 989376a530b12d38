package cli

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime/debug"
	"sync"
	"time"

	"github.com/dustin/go-humanize"
	"github.com/spf13/cobra"

	"briefing/index"
	"briefing/model"
)

// openIndex opens the article index in the state folder for loads with
// tagger, or returns nil with a warning printed: without an index every
// file is read, as with --no-index.
func openIndex(e env, c *common, tagger *model.Tagger) *index.Index {
	if c.noIndex {
		return nil
	}
	dir, err := c.state.folder()
	if err == nil {
		var x *index.Index
		if x, err = index.Open(dir, tagger.CacheKey()); err == nil {
			if x.Notice != "" {
				fmt.Fprintf(e.stderr, "briefing: warning: %s\n", x.Notice)
				x.Notice = ""
			}
			return x
		}
	}
	c.indexErr = err
	fmt.Fprintf(e.stderr, "briefing: warning: %v; reading every file\n", err)
	return nil
}

// planIndexed finds the files under paths and asks the index about them;
// without an index the plan reads every file. The caller loads the plan,
// then commits and closes the index (nil without one).
func planIndexed(e env, c *common, paths []string, opts model.LoadOptions) (*model.Plan, *index.Index, error) {
	x := openIndex(e, c, opts.Tagger)
	if x == nil {
		p, err := model.PlanPaths(paths, opts)
		return p, nil, err
	}
	p, err := x.Plan(paths, opts)
	if x.Notice != "" {
		fmt.Fprintf(e.stderr, "briefing: warning: %s\n", x.Notice)
		x.Notice = ""
	}
	if err != nil {
		x.Close()
		fmt.Fprintf(e.stderr, "briefing: warning: index not read (%v); reading every file\n", err)
		p, err = model.PlanPaths(paths, opts)
		return p, nil, err
	}
	return p, x, nil
}

// finishIndex writes what a load read into the index and closes it. A
// failed write is a warning (the index is a cache), and an error for
// briefing index.
func finishIndex(e env, c *common, x *index.Index) {
	if x == nil {
		return
	}
	if err := x.Commit(); err != nil {
		c.indexErr = err
		fmt.Fprintf(e.stderr, "briefing: warning: %v\n", err)
	}
	x.Close()
}

// loadIndexed loads paths through the index.
func loadIndexed(e env, c *common, paths []string, opts model.LoadOptions) (*model.Corpus, []model.Warning, error) {
	p, x, err := planIndexed(e, c, paths, opts)
	if err != nil {
		return nil, nil, err
	}
	return loadPlan(e, c, p, x)
}

// loadPlan loads a plan made through the index (x, nil without one),
// saying how far it is when it reads thousands of files, then commits.
func loadPlan(e env, c *common, p *model.Plan, x *index.Index) (*model.Corpus, []model.Warning, error) {
	long := p.Pending() >= backgroundFrom && x != nil
	if long {
		// Seconds of work: say why, that it is once, and how far it is.
		n := p.Pending()
		fmt.Fprintf(e.stderr, "briefing: indexing %s files; later starts read only what changed\n", humanize.Comma(int64(n)))
		var mu sync.Mutex
		shown := 0
		p.OnProgress(func(done, total int) {
			mu.Lock()
			defer mu.Unlock()
			if done*10/total > shown && done < total {
				shown = done * 10 / total
				fmt.Fprintf(e.stderr, "briefing: indexed %s of %s files\n", humanize.Comma(int64(done)), humanize.Comma(int64(total)))
			}
		})
	}
	corpus, warns, err := p.Load()
	finishIndex(e, c, x)
	if long {
		debug.FreeOSMemory() // reading left hundreds of MB behind
	}
	if x != nil {
		stats := p.Stats()
		c.stats = &stats
	}
	return corpus, warns, err
}

func newIndex(e env, c *common) *cobra.Command {
	var rebuild bool
	cmd := &cobra.Command{
		Use:   "index [--rebuild] [PATH...]",
		Short: "Bring the article index up to date and say what changed",
		Long: `Index reads the article files that are new or changed since the index last
saw them (the library, else the PATHs) and drops the ones that are gone,
as every start does, and says what it did. The index lives in the state
folder (--state); it is a cache of what each file yields, so deleting it
loses nothing. --rebuild empties it first, reading every file again.`,
		Args: cobra.ArbitraryArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if c.noIndex {
				return usageError{err: fmt.Errorf("--no-index and index contradict each other"), usage: cmd.UseLine()}
			}
			// No index, no point reading every file first.
			tagger, err := loadTagger(e, c)
			if err != nil {
				return err
			}
			x := openIndex(e, c, tagger)
			if x == nil {
				return fmt.Errorf("the index was not updated: %w", c.indexErr)
			}
			if rebuild {
				err = x.Reset()
			}
			x.Close()
			if err != nil {
				return fmt.Errorf("index: %w", err)
			}
			start := time.Now()
			corpus, err := loadSummaries(e, c, args)
			if err != nil {
				return err
			}
			switch {
			case c.indexErr != nil:
				return fmt.Errorf("the index was not updated: %w", c.indexErr)
			case c.stats == nil && c.from == fromSeeds:
				fmt.Fprintf(e.stdout, "%d articles: the built-in seeds are not indexed\n", len(corpus.Articles))
				return nil
			case c.stats == nil:
				return errors.New("no index was read or written")
			}
			s := *c.stats
			dir, _ := c.state.folder()
			n := func(v int) string { return humanize.Comma(int64(v)) }
			fmt.Fprintf(e.stdout, "%s %s in %.2f s: %s unchanged, %s read and tagged, %s touched but unchanged, %s removed, %s not articles\nindex: %s (%s)\n",
				n(s.Files), plural(s.Files, "file"), time.Since(start).Seconds(), n(s.Unchanged), n(s.Parsed), n(s.Touched), n(s.Removed), n(s.Failed),
				indexPath(dir), humanize.IBytes(uint64(indexSize(dir))))
			return nil
		},
	}
	cmd.Flags().BoolVar(&rebuild, "rebuild", false, "empty the index first and read every file again")
	return cmd
}

func indexPath(dir string) string { return filepath.Join(dir, index.FileName) }

// indexSize is the index's size on disk, with its write-ahead log.
func indexSize(dir string) int64 {
	var n int64
	for _, suffix := range []string{"", "-wal"} {
		if info, err := os.Stat(indexPath(dir) + suffix); err == nil {
			n += info.Size()
		}
	}
	return n
}

// backgroundFrom is how many files to read make the app start at once with
// what the index holds and read the rest in the background: about a
// second of reading on two cores.
const backgroundFrom = 1500

// loadForApp loads the app's corpus through the index. When many files are
// new or changed (a first start), the app starts with what the index
// holds and the rest arrives on the channel, with progress on the way.
func loadForApp(e env, c *common, paths []string) (*model.Corpus, <-chan model.LoadUpdate, error) {
	if c.noIndex {
		corpus, err := loadCorpus(e, c, paths)
		return corpus, nil, err
	}
	dirs := paths
	if len(dirs) == 0 {
		dir, err := defaultFolder(e, c)
		if err != nil {
			return nil, nil, err
		}
		if dir == "" {
			corpus, err := loadCorpus(e, c, nil) // the seeds: nothing to index
			return corpus, nil, err
		}
		dirs = []string{dir}
	} else {
		c.from = fromPaths
	}
	tagger, err := loadTagger(e, c)
	if err != nil {
		return nil, nil, err
	}
	opts := model.LoadOptions{Tagger: tagger}
	if x := openIndex(e, c, tagger); x != nil {
		// What the index holds shows at once; the files are checked
		// behind it and any change arrives as a new corpus.
		opts.Cache = x
		// Decoding only adds live memory: collecting garbage while it
		// grows is wasted work before the first frame. The check behind
		// it gives memory back.
		gc := debug.SetGCPercent(400)
		ready, snap, err := model.FromCache(dirs, opts)
		debug.SetGCPercent(gc)
		if err == nil && ready != nil {
			return ready, checkBehind(x, snap, dirs), nil
		}
		x.Close()
		opts.Cache = nil
	}
	p, x, err := planIndexed(e, c, dirs, opts)
	if err != nil {
		return nil, nil, err
	}
	if p.Pending() < backgroundFrom {
		corpus, warns, err := loadPlan(e, c, p, x)
		corpus, err = reportLoad(e, dirs, corpus, warns, err)
		return corpus, nil, err
	}
	// The index held none of these files: the list starts empty.
	return model.NewCorpus(nil, tagger.Topics()), p.Background(commitBehind(x)), nil
}

// commitBehind is what ends a load in the background: the index (nil
// without one) committed and closed, and the memory reading left behind
// (hundreds of MB at 100,000 articles) given back.
func commitBehind(x *index.Index) func() error {
	return func() error {
		defer debug.FreeOSMemory()
		if x == nil {
			return nil
		}
		defer x.Close()
		return x.Commit()
	}
}

// firstFrame is how long the check behind the first frame waits for it.
const firstFrame = 250 * time.Millisecond

// checkBehind finds what changed since the index was written, in the
// background, reading new and changed files; the update it ends with
// carries the new corpus, or none when nothing changed.
func checkBehind(x *index.Index, snap *model.Snapshot, dirs []string) <-chan model.LoadUpdate {
	ch := make(chan model.LoadUpdate, 1)
	go func() {
		defer close(ch)
		// Checking 100,000 files takes both cores for half a second: the
		// first frame is drawn first.
		time.Sleep(firstFrame)
		p, err := snap.Check(dirs)
		if err != nil || !p.Changed() {
			// Nothing to write; decoding and checking left garbage behind.
			commitBehind(x)()
			ch <- model.LoadUpdate{Err: err, Final: true}
			return
		}
		for u := range p.Background(commitBehind(x)) {
			ch <- u
		}
	}()
	return ch
}
