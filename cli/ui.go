package cli

import (
	"errors"
	"fmt"
	"os"
	"strings"

	tea "charm.land/bubbletea/v2"
	"github.com/spf13/cobra"

	"briefing/config"
	"briefing/library"
	"briefing/model"
	"briefing/store"
	"briefing/ui/render"
)

// AppOptions are what one program of the app starts with.
type AppOptions struct {
	Style     string
	Store     *store.Store // nil: pins are unavailable, and the app says why
	User      string
	ExportDir string
	// ReadingWidth caps the reader's prose, in columns (0: the default).
	ReadingWidth int
	ExportQuota  int64 // bytes the exports folder may hold (0: no limit)
	// StoreErr is why there is no Store, for the app to say.
	StoreErr error
	// Start is a paragraph address to open first (ARTICLE-ID#pN).
	Start string
	// TopicsPath is the user's topics file, where the app saves searches;
	// BuiltinTopics how many of the corpus's topics are not the user's.
	TopicsPath    string
	BuiltinTopics int
	// Origin says where the articles came from, for the list's header.
	Origin string
	// Library is where the app's A saves articles; nil when there is none.
	Library *library.Library
	// AllowAdd lets the app add articles (over SSH: serve --allow-add).
	AllowAdd bool
	// Loading, when set, brings the rest of the corpus: the app starts
	// with what the index held (model.Plan.Background).
	Loading <-chan model.LoadUpdate
}

// App is the interactive program, supplied by main so that the command
// line does not link it.
type App struct {
	New func(c *model.Corpus, o AppOptions) tea.Model
	// Shutdown tells a served program the server is going down.
	Shutdown tea.Msg
}

// uiOptions are the flags of the interactive app.
type uiOptions struct {
	style string
	width int
}

func (o *uiOptions) addFlags(cmd *cobra.Command) {
	cmd.Flags().StringVar(&o.style, "style", render.StyleDark, "rendering style: dark, light or notty (notty when NO_COLOR is set)")
	cmd.Flags().IntVar(&o.width, "width", 0, "cap the reader's prose at `N` columns (default: width: in the config file, else 100)")
}

func runUI(cmd *cobra.Command, e env, c common, o uiOptions, paths []string) error {
	link, paths := splitLink(paths)
	if err := unknownCommand(cmd, paths); err != nil {
		return err
	}
	if !render.ValidStyle(o.style) {
		return usageError{err: fmt.Errorf("--style must be dark, light or notty, not %q", o.style), usage: cmd.UseLine()}
	}
	if !e.isTerminal(e.stdout) || !isTerminal(os.Stdin) {
		return errors.New("the reader needs a terminal; for scripts use 'briefing list', 'tag' or 'show'")
	}
	corpus, loading, err := loadForApp(e, &c, paths)
	if err != nil {
		return err
	}
	style := o.style
	if e.getenv("NO_COLOR") != "" && !cmd.Flags().Changed("style") {
		style = render.StyleNoTTY
	}
	if o.width < 0 {
		return usageError{err: fmt.Errorf("--width must be positive"), usage: cmd.UseLine()}
	}
	width, err := readingWidth(e, o, cmd.Flags().Changed("width"))
	if err != nil {
		return err
	}
	opts := AppOptions{
		Style: style, User: localUser(), ReadingWidth: width, Start: link, Origin: origin(&c, paths), AllowAdd: true,
		TopicsPath: model.UserTopicsPath(e.getenv), BuiltinTopics: c.builtinTopics, Loading: loading,
	}
	// Without a library folder (no HOME) the app still reads; A says why
	// it cannot add.
	opts.Library, _ = openLibrary(e, &c, fetchOptions{})
	st, dir, err := c.state.open()
	if err != nil {
		// Reading still works; the app says why pins do not.
		fmt.Fprintf(e.stderr, "briefing: warning: %v\n", err)
		opts.StoreErr = err
	} else {
		defer st.Close()
		if n := st.Notice(); n != "" {
			fmt.Fprintf(e.stderr, "briefing: warning: %s\n", n)
		}
		opts.Store, opts.ExportDir = st, exportDir(dir)
	}
	_, err = tea.NewProgram(e.app.New(corpus, opts), tea.WithOutput(e.stdout)).Run()
	return err
}

// unknownCommand tells a mistyped subcommand ("briefing lsit") from a path:
// a word that is no file and has no slash or dot is taken for a command.
func unknownCommand(cmd *cobra.Command, args []string) error {
	for _, a := range args {
		if _, err := os.Stat(a); err == nil || strings.ContainsAny(a, `/\.`) {
			continue
		}
		msg := fmt.Sprintf("unknown command or path %q", a)
		if s := cmd.SuggestionsFor(a); len(s) > 0 {
			msg += fmt.Sprintf(" (did you mean %q?)", s[0])
		}
		return usageError{err: errors.New(msg), usage: cmd.UseLine()}
	}
	return nil
}

// readingWidth is --width when given, else the config file's width:, else
// 0 (the app's default).
func readingWidth(e env, o uiOptions, flagSet bool) (int, error) {
	if flagSet {
		return o.width, nil
	}
	cfg, err := config.Load(e.getenv)
	if err != nil {
		return 0, err
	}
	return cfg.Width, nil
}

// origin is where the articles came from, for the app's list header: "the
// built-in seeds", "your library (DIR)" or the paths read.
func origin(c *common, paths []string) string {
	switch c.from {
	case fromSeeds:
		return "the built-in seeds"
	case fromLibrary:
		return "your library (" + c.libraryDir + ")"
	}
	return strings.Join(paths, ", ")
}
