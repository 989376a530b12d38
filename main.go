// Command briefing is a terminal reader for news coverage: it tags every
// paragraph with the topics analysts follow and helps build briefings from
// them, locally or over SSH.
package main

import (
	"os"

	"briefing/cli"
)

func main() {
	os.Exit(cli.Run(os.Args[1:], os.Stdout, os.Stderr))
}
