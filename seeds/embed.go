// Package seeds holds the articles and topics that ship inside the binary,
// so that briefing shows real coverage on a machine with nothing else.
package seeds

import (
	"embed"
	"io/fs"
)

//go:embed *.txt
var articles embed.FS

//go:embed topics.yaml
var topics []byte

// Articles is the folder of seed articles.
func Articles() fs.FS { return articles }

// Topics is the default topics file.
func Topics() []byte { return topics }
