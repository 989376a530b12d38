package render

import (
	"fmt"
	"runtime"
	"slices"
	"strings"
	"sync"

	"charm.land/glamour/v2"
	gansi "charm.land/glamour/v2/ansi"
	"charm.land/glamour/v2/styles"
	"github.com/charmbracelet/x/ansi"

	"briefing/model"
)

// Style names accepted by --style.
const (
	StyleDark  = "dark"
	StyleLight = "light"
	StyleNoTTY = "notty"
)

// ValidStyle reports whether s is a style briefing knows.
func ValidStyle(s string) bool { return s == StyleDark || s == StyleLight || s == StyleNoTTY }

// LabelMode says how a page shows which topics a paragraph carries.
type LabelMode int

const (
	// LabelGutter puts topic badges in a left gutter (the reader).
	LabelGutter LabelMode = iota
	// LabelInline puts "[topic-id]" labels on a line above the paragraph
	// (briefing show), so output reads without colour.
	LabelInline
)

// GutterWidth is the reader's left margin of pin marks and topic badges.
const GutterWidth = 12

// Page is an article rendered for one width, style and current topic.
type Page struct {
	Lines []string // each at most the page width in cells
	// ParaLine[i] is the first line of paragraph i; ParaEnd[i] is one past
	// its last.
	ParaLine, ParaEnd []int
}

// PageOptions choose what a page shows.
type PageOptions struct {
	Width  int
	Topic  int // topic index to highlight, -1 for none
	Labels LabelMode
	Pinned func(i int) bool // paragraphs to mark as pinned; may be nil
}

// Renderer turns articles into pages with glamour. It holds glamour
// TermRenderers per wrap width, one per core so long articles render in
// parallel; a TermRenderer is not safe for concurrent use, so each program
// has its own Renderer and each worker its own TermRenderer.
type Renderer struct {
	style  string
	styles Styles
	glam   map[int][]*glamour.TermRenderer
}

// parallelFrom is the paragraph count from which an article is rendered on
// every core: below it, starting workers costs more than it saves.
const parallelFrom = 12

// NewRenderer makes a renderer for a style (dark, light or notty).
func NewRenderer(style string) *Renderer {
	return &Renderer{style: style, styles: NewStyles(style), glam: map[int][]*glamour.TermRenderer{}}
}

// glamourFor returns the TermRenderers for a wrap width, n of them.
func (r *Renderer) glamourFor(wrap, n int) []*glamour.TermRenderer {
	trs := r.glam[wrap]
	for len(trs) < n {
		trs = append(trs, r.newGlamour(wrap))
	}
	r.glam[wrap] = trs
	return trs[:n]
}

func (r *Renderer) newGlamour(wrap int) *glamour.TermRenderer {
	var cfg gansi.StyleConfig
	switch r.style {
	case StyleLight:
		cfg = styles.LightStyleConfig
	case StyleNoTTY:
		cfg = styles.NoTTYStyleConfig
	default:
		cfg = styles.DarkStyleConfig
	}
	// The page supplies its own margin (the gutter) and spacing.
	zero := uint(0)
	cfg.Document.Margin = &zero
	cfg.Document.BlockPrefix, cfg.Document.BlockSuffix = "", ""
	tr, err := glamour.NewTermRenderer(glamour.WithStyles(cfg), glamour.WithWordWrap(wrap))
	if err != nil {
		// Only an invalid option makes this fail, and ours are fixed.
		panic(err)
	}
	return tr
}

// markdown renders one Markdown block to trimmed lines.
func markdown(tr *glamour.TermRenderer, md string) []string {
	out, err := tr.Render(md)
	if err != nil {
		out = md
	}
	out = model.StripNonSGR(out)
	lines := strings.Split(out, "\n")
	for len(lines) > 0 && strings.TrimSpace(ansi.Strip(lines[0])) == "" {
		lines = lines[1:]
	}
	for len(lines) > 0 && strings.TrimSpace(ansi.Strip(lines[len(lines)-1])) == "" {
		lines = lines[:len(lines)-1]
	}
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " ")
	}
	return lines
}

// Article renders a whole article.
func (r *Renderer) Article(a *model.Article, topics []model.Topic, o PageOptions) Page {
	width := max(o.Width, 1)
	gutter := 0
	if o.Labels == LabelGutter && width >= 40 {
		gutter = GutterWidth
	}
	// The wrap leaves room for what goes before a line: the gutter, or
	// the current topic's bar ("▌ ") when labels are inline.
	wrap := max(width-gutter-1, 8)
	if gutter == 0 && o.Topic >= 0 {
		wrap = max(width-2, 8)
	}
	var p Page
	add := func(lines []string, prefix func(int) string) {
		for i, l := range lines {
			line := l
			if prefix != nil {
				line = prefix(i) + l
			}
			// Text is never cut: a line glamour could not break (one
			// long word) goes on the next line.
			p.Lines = append(p.Lines, fit(line, width)...)
		}
	}
	pad := func(int) string { return strings.Repeat(" ", gutter) }
	bodies := r.paragraphs(a, o.Topic, wrap)
	tr := r.glamourFor(wrap, 1)[0]
	add(markdown(tr, "# "+escapeMarkdown(a.Title)), pad)
	if meta := MetaLine(a); meta != "" {
		add(Wrap(r.styles.Meta.Render(meta), wrap), pad)
	}
	if a.Standfirst != "" {
		p.Lines = append(p.Lines, "")
		add(markdown(tr, "*"+escapeMarkdown(a.Standfirst)+"*"), pad)
	}
	for i, para := range a.Paragraphs {
		p.Lines = append(p.Lines, "")
		// Subheadings and captions are shown but are not coverage: no
		// badges, no bar.
		set := para.Topics
		if !para.Kind.Counts() {
			set = 0
		}
		current := o.Topic >= 0 && set.Has(o.Topic)
		pinned := o.Pinned != nil && o.Pinned(i)
		// A paragraph starts at its labels, so that a page shown from it
		// (show ID#pN) keeps them.
		p.ParaLine = append(p.ParaLine, len(p.Lines))
		if o.Labels == LabelInline && (set != 0 || pinned) {
			add([]string{r.inlineLabels(set, topics, o.Topic, pinned)}, nil)
		}
		body := bodies[i]
		switch {
		case o.Labels == LabelGutter && gutter > 0:
			add(body, func(line int) string { return r.gutter(set, topics, o.Topic, line, current, pinned) })
		case current:
			add(body, func(int) string { return r.styles.Marker.Render("▌") + " " })
		default:
			add(body, nil)
		}
		p.ParaEnd = append(p.ParaEnd, len(p.Lines))
	}
	return p
}

// paragraphs renders every paragraph's Markdown, spreading long articles
// over the cores.
func (r *Renderer) paragraphs(a *model.Article, topic, wrap int) [][]string {
	out := make([][]string, len(a.Paragraphs))
	workers := 1
	if len(a.Paragraphs) >= parallelFrom {
		workers = min(runtime.GOMAXPROCS(0), 4)
	}
	trs := r.glamourFor(wrap, workers)
	var wg sync.WaitGroup
	for w, tr := range trs {
		wg.Go(func() {
			for i := w; i < len(a.Paragraphs); i += workers {
				p := a.Paragraphs[i]
				out[i] = markdown(tr, paragraphMarkdown(p, topic, topic >= 0 && p.Kind.Counts() && p.Topics.Has(topic)))
			}
		})
	}
	wg.Wait()
	return out
}

// MetaLine is "date · byline · source", leaving out what is unknown.
func MetaLine(a *model.Article) string {
	var parts []string
	for _, s := range []string{a.DateString(), a.Author, a.Source} {
		if s != "" {
			parts = append(parts, s)
		}
	}
	return strings.Join(parts, " · ")
}

// gutter draws a paragraph's pin mark and topic badges on its first line
// and a bar along every line of a paragraph on the current topic.
func (r *Renderer) gutter(set model.TopicSet, topics []model.Topic, topic, line int, current, pinned bool) string {
	bar := " "
	if current {
		bar = r.styles.Marker.Render("▌")
	}
	pin := " "
	if pinned {
		pin = r.styles.Pin.Render("*")
	}
	label := ""
	if line == 0 {
		label = Badges(set, topics, topic, GutterWidth-4)
	}
	style := r.styles.Gutter
	if current {
		style = r.styles.GutterCurrent
	}
	// Column 0 is left blank for the reader's cursor.
	return " " + pin + style.Render(fmt.Sprintf("%-*s", GutterWidth-4, label)) + bar + " "
}

// Badges lists a set's badges, the current topic's first and the rest in
// topic order, as many as fit in width, with "+N" for the rest.
func Badges(set model.TopicSet, topics []model.Topic, current, width int) string {
	idx := set.Indexes()
	if j := slices.Index(idx, current); j > 0 {
		idx = append(append([]int{current}, idx[:j]...), idx[j+1:]...)
	}
	var b strings.Builder
	for n, i := range idx {
		if i >= len(topics) {
			break
		}
		badge := topics[i].Badge
		more := ""
		if n < len(idx)-1 {
			more = fmt.Sprintf("+%d", len(idx)-n-1)
		}
		sep := ""
		if n > 0 {
			sep = " "
		}
		if ansi.StringWidth(b.String()+sep+badge+more) > width && n > 0 {
			b.WriteString(fmt.Sprintf("+%d", len(idx)-n))
			break
		}
		b.WriteString(sep + badge)
	}
	return ansi.Truncate(b.String(), width, "")
}

func (r *Renderer) inlineLabels(set model.TopicSet, topics []model.Topic, current int, pinned bool) string {
	var parts []string
	if pinned {
		parts = append(parts, "[pinned]")
	}
	for _, i := range set.Indexes() {
		if i >= len(topics) {
			continue
		}
		label := "[" + topics[i].ID + "]"
		if i == current {
			label = r.styles.Marker.Render(label)
		} else {
			label = r.styles.Gutter.Render(label)
		}
		parts = append(parts, label)
	}
	return strings.Join(parts, " ")
}

// paragraphMarkdown is a paragraph as Markdown: its kind chooses the block,
// and the matched phrases of the current topic are set in bold.
func paragraphMarkdown(p model.Paragraph, topic int, current bool) string {
	var text string
	if current {
		var b strings.Builder
		at := 0
		for _, s := range p.Spans {
			if s.Topic != topic || s.Start < at {
				continue
			}
			b.WriteString(escapeMarkdown(p.Text[at:s.Start]))
			b.WriteString("**" + escapeMarkdown(p.Text[s.Start:s.End]) + "**")
			at = s.End
		}
		b.WriteString(escapeMarkdown(p.Text[at:]))
		text = b.String()
	} else {
		text = escapeMarkdown(p.Text)
	}
	switch p.Kind {
	case model.Subheading:
		return "## " + text
	case model.Caption:
		return "*" + text + "*"
	case model.Dateline:
		return "**" + text + "**"
	}
	return text
}

// escapeMarkdown makes article text literal in Markdown: it can neither
// format itself nor smuggle entities such as "&#27;" (ESC) past the
// sanitiser.
func escapeMarkdown(s string) string {
	var b strings.Builder
	b.Grow(len(s) + 8)
	for i := 0; i < len(s); i++ {
		c := s[i]
		if strings.IndexByte("\\`*_[]<>#&~|!{}()+-.=:", c) >= 0 {
			if c == '.' || c == '-' || c == '+' || c == '=' || c == ':' || c == '(' || c == ')' || c == '!' {
				// These only matter at the start of a block (lists, rules,
				// setext headings) or before a bracket; escape them there.
				if !(i == 0 || (c == '!' && i+1 < len(s) && s[i+1] == '[') || (c == '.' && leadingDigits(s[:i]))) {
					b.WriteByte(c)
					continue
				}
			}
			b.WriteByte('\\')
		}
		if c == '\n' {
			c = ' '
		}
		b.WriteByte(c)
	}
	return b.String()
}

func leadingDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
