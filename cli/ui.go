package cli

import (
	"errors"
	"fmt"
	"os"

	tea "charm.land/bubbletea/v2"
	"github.com/spf13/cobra"

	"briefing/ui"
)

// uiOptions are the flags of the interactive app.
type uiOptions struct {
	style string
	state stateOptions
}

func (o *uiOptions) addFlags(cmd *cobra.Command) {
	cmd.Flags().StringVar(&o.style, "style", ui.StyleDark, "rendering style: dark, light or notty (notty when NO_COLOR is set)")
	o.state.addFlags(cmd)
}

func runUI(cmd *cobra.Command, e env, c common, o uiOptions, paths []string) error {
	if !ui.ValidStyle(o.style) {
		return usageError{err: fmt.Errorf("--style must be dark, light or notty, not %q", o.style), usage: cmd.UseLine()}
	}
	if !e.isTerminal(e.stdout) || !isTerminal(os.Stdin) {
		return errors.New("the reader needs a terminal; for scripts use 'briefing list', 'tag' or 'show'")
	}
	corpus, err := loadCorpus(e, &c, paths)
	if err != nil {
		return err
	}
	style := o.style
	if e.getenv("NO_COLOR") != "" && !cmd.Flags().Changed("style") {
		style = ui.StyleNoTTY
	}
	opts := ui.Options{Style: style, User: localUser()}
	st, dir, err := o.state.open()
	if err != nil {
		// Reading still works; the app says why pins do not.
		fmt.Fprintf(e.stderr, "briefing: warning: %v\n", err)
	} else {
		defer st.Close()
		opts.Store, opts.ExportDir = st, exportDir(dir)
	}
	_, err = tea.NewProgram(ui.New(corpus, opts), tea.WithOutput(e.stdout)).Run()
	return err
}
