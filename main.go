// Command briefing is a terminal reader for news coverage: it tags every
// paragraph with the topics analysts follow and helps build briefings from
// them, locally or over SSH.
package main

import (
	"os"

	tea "charm.land/bubbletea/v2"

	"briefing/cli"
	"briefing/model"
	"briefing/ui"
)

func main() {
	os.Exit(cli.Run(os.Args[1:], os.Stdout, os.Stderr, cli.App{New: newApp, Shutdown: ui.ShutdownMsg{}}))
}

// newApp wires the command line to the app: cli decides what a program
// starts with, ui is the program.
func newApp(c *model.Corpus, o cli.AppOptions) tea.Model {
	opts := ui.Options{Style: o.Style, User: o.User, ExportDir: o.ExportDir, ReadingWidth: o.ReadingWidth, ExportQuota: o.ExportQuota,
		Start: o.Start, TopicsPath: o.TopicsPath, BuiltinTopics: o.BuiltinTopics, StoreErr: o.StoreErr,
		Origin: o.Origin, Library: o.Library, AllowAdd: o.AllowAdd, Loading: o.Loading}
	if o.Store != nil { // a nil *store.Store in the interface would not be nil
		opts.Store = o.Store
	}
	return ui.New(c, opts)
}
