package ui

import (
	"fmt"
	"strings"

	"briefing/ui/render"
)

// The why panel (w) says, for the paragraph at the cursor, how each of its
// topics was found, so a tag can be trusted or dismissed in one key press.

func (r *readerView) whyLines() []string {
	if r.article == nil || r.cursor < 0 || r.cursor >= len(r.article.Paragraphs) {
		return []string{"no paragraph at the cursor"}
	}
	p := r.article.Paragraphs[r.cursor]
	reasons := r.article.Reasons(r.cursor, r.s.corpus.Topics)
	if len(reasons) == 0 {
		return []string{fmt.Sprintf("¶%d carries no topic", p.Index)}
	}
	lines := []string{fmt.Sprintf("Why ¶%d carries its topics (w or esc closes):", p.Index)}
	for _, reason := range reasons {
		lines = append(lines, fmt.Sprintf("  %s: %s", r.s.corpus.Topics[reason.Topic].Name, reason.Text))
	}
	return lines
}

func (r *readerView) whyView() string {
	var out []string
	for _, l := range r.whyLines() {
		out = append(out, render.Wrap(l, max(r.width, 1))...)
	}
	if h := r.panelHeight(); len(out) > h-1 {
		out = out[:max(h-1, 1)]
	}
	return r.s.styles.Header.Render(strings.Repeat("─", max(r.width, 1))) + "\n" + strings.Join(out, "\n")
}
