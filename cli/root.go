// Package cli is briefing's command line: it parses flags, loads the corpus
// and hands it to a subcommand or to the terminal UI.
package cli

import (
	"errors"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"runtime/pprof"
	"strings"

	"github.com/spf13/cobra"

	"briefing/model"
	"briefing/seeds"
)

// Exit statuses.
const (
	ExitOK    = 0
	ExitError = 1
	ExitUsage = 2
)

// usageError marks errors in how the command was called.
type usageError struct {
	err   error
	usage string
}

func (e usageError) Error() string { return e.err.Error() }

// env is what a command needs from the process, so tests can run commands
// in-process with their own streams.
type env struct {
	stdout, stderr io.Writer
	getenv         func(string) string
	isTerminal     func(io.Writer) bool
	termWidth      func(io.Writer) int
	app            App
}

// common holds the flags every command shares.
type common struct {
	topicsFile string
	cpuProfile string
	memProfile string
	library    string // --library: the library folder
	// from says where the articles came from: the PATHs given, the
	// library or the embedded seeds (fromPaths, fromLibrary, fromSeeds);
	// set by loading, for the app's list header.
	from       string
	libraryDir string // with from == fromLibrary: the folder read
	// noUserTopics leaves the local user's saved topics out of a corpus
	// that others share (serve: each SSH key has its own, model.WithTopics).
	noUserTopics bool
	// builtinTopics is how many of the loaded topics are not the user's.
	builtinTopics int
	// state is --state: the folder of the briefing database and the index.
	state stateOptions
	// noIndex is --no-index: read every file, keep no index.
	noIndex bool
	// stats is what the last load through the index did, and indexErr
	// why the index could not be used or written (briefing index).
	stats    *model.LoadStats
	indexErr error
}

// Run executes briefing with args and returns the exit status. app builds
// the interactive program; main supplies it, so that the command line does
// not link the app.
func Run(args []string, stdout, stderr io.Writer, app App) int {
	e := env{stdout: stdout, stderr: stderr, getenv: os.Getenv, isTerminal: isTerminal, termWidth: termWidth, app: app}
	return run(args, e)
}

func run(args []string, e env) int {
	root := newRoot(e)
	root.SetArgs(args)
	root.SetOut(e.stdout)
	root.SetErr(e.stderr)
	cmd, err := root.ExecuteC()
	if err == nil {
		return ExitOK
	}
	var ue usageError
	if errors.As(err, &ue) {
		fmt.Fprintf(e.stderr, "briefing: %v\n", ue.err)
		fmt.Fprintf(e.stderr, "Usage: %s\n", ue.usage)
		fmt.Fprintf(e.stderr, "Run '%s --help' for more.\n", cmd.CommandPath())
		return ExitUsage
	}
	fmt.Fprintf(e.stderr, "briefing: %v\n", err)
	return ExitError
}

func newRoot(e env) *cobra.Command {
	var c common
	var o uiOptions
	root := &cobra.Command{
		Use:   "briefing [flags] [PATH...]",
		Short: "Read news coverage by topic and build briefings in the terminal",
		Long: `briefing reads folders of news articles (.txt and .md), tags every paragraph
with the topics analysts follow, and lets you read, compare and collect them.

With no PATH it opens the library ('briefing add', 'briefing fetch') when it
has articles, else the seed articles built into the binary. Each PATH is an
article file or a folder searched recursively for .txt and .md files.`,
		Version:       version(),
		SilenceErrors: true,
		SilenceUsage:  true,
		Args:          cobra.ArbitraryArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runUI(cmd, e, c, o, args)
		},
	}
	root.SetVersionTemplate("briefing {{.Version}}\n")
	root.SuggestionsMinimumDistance = 2
	root.PersistentFlags().StringVar(&c.topicsFile, "topics", "", "read topics from this YAML `FILE` instead of the built-in ones")
	root.PersistentFlags().StringVar(&c.state.dir, "state", "", "keep the briefing database and the article index in `DIR` (default $XDG_STATE_HOME/briefing)")
	root.PersistentFlags().BoolVar(&c.noIndex, "no-index", false, "read every article file; use and write no index (for read-only media)")
	root.PersistentFlags().StringVar(&c.library, "library", "", "the library `DIR` (default: library: in config.yaml, else $XDG_DATA_HOME/briefing/articles)")
	// For profiling whole runs (README, Performance); hidden from help.
	root.PersistentFlags().StringVar(&c.cpuProfile, "cpuprofile", "", "write a CPU profile to `FILE`")
	root.PersistentFlags().MarkHidden("cpuprofile")
	root.PersistentFlags().StringVar(&c.memProfile, "memprofile", "", "write a heap profile to `FILE` at the end")
	root.PersistentFlags().MarkHidden("memprofile")
	var stopProfile func()
	root.PersistentPreRunE = func(cmd *cobra.Command, args []string) error {
		if c.cpuProfile == "" {
			return nil
		}
		f, err := os.Create(c.cpuProfile)
		if err != nil {
			return err
		}
		if err := pprof.StartCPUProfile(f); err != nil {
			f.Close()
			return err
		}
		stopProfile = func() { pprof.StopCPUProfile(); f.Close() }
		return nil
	}
	root.PersistentPostRun = func(*cobra.Command, []string) {
		if stopProfile != nil {
			stopProfile()
		}
		if c.memProfile != "" {
			if f, err := os.Create(c.memProfile); err == nil {
				pprof.WriteHeapProfile(f)
				f.Close()
			}
		}
	}
	o.addFlags(root)
	root.SetFlagErrorFunc(func(cmd *cobra.Command, err error) error {
		return usageError{err: err, usage: cmd.UseLine()}
	})
	root.AddCommand(newList(e, &c), newTag(e, &c), newShow(e, &c), newTopics(e, &c), newCompare(e, &c), newExport(e, &c), newServe(e, &c), newCoverage(e, &c), newAdd(e, &c), newFetch(e, &c))
	root.AddCommand(newSearch(e, &c), newTimeline(e, &c), newIndex(e, &c))
	return root
}

// exactArgs is cobra.ExactArgs reported as a usage error.
func exactArgs(n int, what string) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) < n {
			return usageError{err: fmt.Errorf("missing %s", what), usage: cmd.UseLine()}
		}
		return nil
	}
}

func version() string {
	if info, ok := debug.ReadBuildInfo(); ok && info.Main.Version != "" && info.Main.Version != "(devel)" {
		return info.Main.Version
	}
	return "dev"
}

// loadCorpus reads the topics and the articles, printing one warning line
// per skipped file.
func loadCorpus(e env, c *common, paths []string) (*model.Corpus, error) {
	return loadArticles(e, c, paths, loadFull)
}

// loadSummaries is loadCorpus through the index: each article's metadata,
// topic counts and outline, its text read on demand (model.Corpus.Full).
// Listings, the server and the app use it.
func loadSummaries(e env, c *common, paths []string) (*model.Corpus, error) {
	return loadArticles(e, c, paths, loadSummary)
}

// loadMode says what a command needs of the articles.
type loadMode int

const (
	// loadFull holds every paragraph's text: for commands that read it
	// all (tag, export, search).
	loadFull loadMode = iota
	// loadSummary holds metadata and counts, through the index: text is
	// read on demand (model.Corpus.Full).
	loadSummary
)

func loadArticles(e env, c *common, paths []string, mode loadMode) (*model.Corpus, error) {
	tagger, err := loadTagger(e, c)
	if err != nil {
		return nil, err
	}
	opts := model.LoadOptions{Tagger: tagger, Summaries: mode == loadSummary}
	var corpus *model.Corpus
	var warns []model.Warning
	load := func(paths []string) (*model.Corpus, []model.Warning, error) {
		if mode == loadSummary {
			return loadIndexed(e, c, paths, opts)
		}
		return model.LoadPaths(paths, opts)
	}
	if len(paths) == 0 {
		corpus, warns, err = loadDefault(e, c, opts, load)
	} else {
		c.from = fromPaths
		corpus, warns, err = load(paths)
	}
	return reportLoad(e, paths, corpus, warns, err)
}

// reportLoad prints a load's warnings, one line per skipped file, and
// says so when nothing loaded.
func reportLoad(e env, paths []string, corpus *model.Corpus, warns []model.Warning, err error) (*model.Corpus, error) {
	for _, w := range warns {
		fmt.Fprintf(e.stderr, "briefing: warning: %s\n", w)
	}
	if errors.Is(err, model.ErrNoArticles) {
		return nil, fmt.Errorf("no articles found in %s", strings.Join(paths, ", "))
	}
	return corpus, err
}

// loadTagger reads the topics in force: --topics or the built-in ones,
// and the local user's saved ones.
func loadTagger(e env, c *common) (*model.Tagger, error) {
	data := seeds.Topics()
	if c.topicsFile != "" {
		var err error
		if data, err = os.ReadFile(c.topicsFile); err != nil {
			return nil, fmt.Errorf("cannot read topics: %w", err)
		}
	}
	topics, err := model.ParseTopics(data)
	if err != nil {
		return nil, err
	}
	topics = withUserTopics(e, c, topics)
	return model.NewTagger(topics)
}

// topicArg resolves a --topic value.
func topicArg(cmd *cobra.Command, corpus *model.Corpus, id string) (int, error) {
	if id == "" {
		return -1, nil
	}
	i, err := corpus.LookupTopic(id) // an id, a badge or a unique prefix
	if err != nil {
		ids := make([]string, len(corpus.Topics))
		for j, t := range corpus.Topics {
			ids[j] = t.ID
		}
		return -1, usageError{err: fmt.Errorf("unknown topic %q (topics: %s)", id, strings.Join(ids, ", ")), usage: cmd.UseLine()}
	}
	return i, nil
}
