package cli

import (
	"io"
	"strings"

	"github.com/charmbracelet/x/ansi"
)

// table writes aligned plain-text columns, measuring in terminal cells so
// that wide characters line up. max[i] > 0 truncates column i.
type table struct {
	header []string
	rows   [][]string
	max    []int
}

func (t table) write(w io.Writer) {
	widths := make([]int, len(t.header))
	cell := func(i int, s string) string {
		s = strings.Join(strings.Fields(s), " ")
		if i < len(t.max) && t.max[i] > 0 {
			s = ansi.Truncate(s, t.max[i], "…")
		}
		return s
	}
	all := append([][]string{t.header}, t.rows...)
	for r, row := range all {
		for i, s := range row {
			row[i] = cell(i, s)
			widths[i] = max(widths[i], ansi.StringWidth(row[i]))
		}
		all[r] = row
	}
	var b strings.Builder
	for _, row := range all {
		for i, s := range row {
			b.WriteString(s)
			if i < len(row)-1 {
				b.WriteString(strings.Repeat(" ", widths[i]-ansi.StringWidth(s)+2))
			}
		}
		b.WriteString("\n")
	}
	io.WriteString(w, b.String())
}
