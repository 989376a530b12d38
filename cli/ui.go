package cli

import (
	"errors"

	"github.com/spf13/cobra"
)

// uiOptions are the flags of the interactive app.
type uiOptions struct {
	style string
}

func (o *uiOptions) addFlags(cmd *cobra.Command) {
	cmd.Flags().StringVar(&o.style, "style", "dark", "rendering style: dark, light or notty (default notty when NO_COLOR is set)")
}

func runUI(cmd *cobra.Command, e env, c common, o uiOptions, paths []string) error {
	return errors.New("the terminal UI is not built yet")
}
