// Command gencorpus writes a deterministic benchmark corpus of N articles
// of about 4 KB each, built from the seed articles.
//
//	go run ./cmd/gencorpus -n 10000 -o /tmp/corpus10k
package main

import (
	"flag"
	"fmt"
	"os"

	"briefing/internal/corpusgen"
)

func main() {
	n := flag.Int("n", 10000, "articles to write")
	out := flag.String("o", "", "folder to write them into (required)")
	seed := flag.Uint64("seed", 1, "random seed; the same seed writes the same corpus")
	flag.Parse()
	if *out == "" {
		fmt.Fprintln(os.Stderr, "gencorpus: -o FOLDER is required")
		os.Exit(2)
	}
	if err := corpusgen.Write(*out, *n, *seed); err != nil {
		fmt.Fprintln(os.Stderr, "gencorpus:", err)
		os.Exit(1)
	}
}
