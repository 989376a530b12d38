package cli

import (
	"bufio"
	"encoding/json"
	"io"
	"os"

	"github.com/charmbracelet/x/term"
)

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(f.Fd())
}

// termWidth is the width of the terminal w writes to, or 0.
func termWidth(w io.Writer) int {
	f, ok := w.(*os.File)
	if !ok {
		return 0
	}
	width, _, err := term.GetSize(f.Fd())
	if err != nil {
		return 0
	}
	return width
}

// jsonLines is a JSON Lines encoder over a buffer: one write per batch, not
// one system call per line (10,000 lines were a tenth of a second).
type jsonLines struct {
	buf *bufio.Writer
	enc *json.Encoder
}

func newJSONLines(w io.Writer) *jsonLines {
	buf := bufio.NewWriterSize(w, 64<<10)
	enc := json.NewEncoder(buf)
	enc.SetEscapeHTML(false)
	return &jsonLines{buf, enc}
}

func (j *jsonLines) Encode(v any) error { return j.enc.Encode(v) }

func (j *jsonLines) Flush() error { return j.buf.Flush() }
