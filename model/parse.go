package model

import (
	"bytes"
	"errors"
	"fmt"
	"path/filepath"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"
	"unsafe"
)

// MaxParagraphBytes bounds one paragraph; longer ones are split at sentence
// or word boundaries so that no single line makes rendering or layout slow.
const MaxParagraphBytes = 8 << 10

// MaxParagraphs bounds an article's paragraphs: past it (a file of a
// million one-line "paragraphs"), neighbours are merged up to
// MaxParagraphBytes, so that opening it renders in bounded time and no
// text is lost.
const MaxParagraphs = 5000

// Errors for files that are not articles.
var (
	ErrBinary = errors.New("binary file (contains NUL bytes)")
	ErrNotUTF = errors.New("not text (mostly invalid UTF-8)")
	ErrEmpty  = errors.New("empty (no text)")
)

// Parse reads one article. name is its path, used to tell Markdown from plain
// text and as a last resort for the date. It returns notes for what it had to
// change (split paragraphs), and an error when the file is not an article.
// The article's texts may share data's memory: the caller must not change
// data afterwards.
func Parse(name string, data []byte) (*Article, []string, error) {
	if bytes.IndexByte(data, 0) >= 0 {
		return nil, nil, ErrBinary
	}
	if invalidUTF8Share(data) > 0.3 {
		return nil, nil, ErrNotUTF
	}
	// data is never written after this: viewing it as a string saves
	// copying every file once more.
	text := Sanitize(unsafe.String(unsafe.SliceData(data), len(data)))
	a := &Article{Path: name}
	// Front matter is read in plain text files too (a first line "---" is
	// unambiguous); the body after it stays plain text.
	isMarkdown := strings.EqualFold(filepath.Ext(name), ".md")
	if isMarkdown || strings.HasPrefix(text, "---\n") {
		text = applyFrontMatter(a, text)
	}
	lines := strings.Split(text, "\n")
	lines = readHeader(a, lines)
	cands := splitParagraphs(lines, isMarkdown)
	cands = dropBoilerplate(cands)
	if len(cands) == 0 && a.Title == "" {
		return nil, nil, ErrEmpty
	}
	cands = readLead(a, cands)
	var notes []string
	a.Paragraphs = make([]Paragraph, 0, len(cands))
	for _, c := range cands {
		kind := classify(c)
		if kind == Dateline || kind == Body {
			if a.sourceFrom < sourceText {
				a.offerSource(textOutlet(c.text), sourceText)
			}
		}
		chunks := []string{c.text}
		if len(c.text) > MaxParagraphBytes {
			chunks = splitLong(c.text, MaxParagraphBytes)
			notes = append(notes, fmt.Sprintf("a paragraph of %d bytes was split into %d", len(c.text), len(chunks)))
		}
		for _, chunk := range chunks {
			a.Paragraphs = append(a.Paragraphs, Paragraph{Index: len(a.Paragraphs) + 1, Kind: kind, Text: chunk})
		}
	}
	if n := len(a.Paragraphs); n > MaxParagraphs {
		a.Paragraphs = mergeParagraphs(a.Paragraphs)
		notes = append(notes, fmt.Sprintf("%d paragraphs were merged into %d", n, len(a.Paragraphs)))
	}
	a.offerSource(creditOutlet(a.Paragraphs), sourceText)
	a.offerSource(OutletOfURL(a.URL), sourceURL)
	a.Head = headParagraphs(a) // before a title is taken from the lead, which stays in the body
	if a.Title == "" {
		a.Title = titleFromParagraphs(a.Paragraphs)
	}
	if a.Title == "" {
		return nil, notes, ErrEmpty
	}
	if a.Date.IsZero() {
		a.Date = dateFromName(name)
	}
	return a, notes, nil
}

func invalidUTF8Share(data []byte) float64 {
	if len(data) == 0 || utf8.Valid(data) {
		return 0
	}
	bad := 0
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size == 1 {
			bad++
		}
		i += size
	}
	return float64(bad) / float64(len(data))
}

// candidate is a paragraph before it is classified.
type candidate struct {
	text    string
	heading bool // a Markdown heading
	last    bool // nothing follows it
}

var headerLine = regexp.MustCompile(`(?i)^date[:\s]\s*(\d{4}-\d{2}-\d{2})\b\s*(.*)$`)

// readHeader handles a first line that packs a date, a byline and a
// headline together (" date 2025-12-13 By A and B Headline …"), and a
// Markdown "# Title". It returns the remaining lines.
func readHeader(a *Article, lines []string) []string {
	first := 0
	for first < len(lines) && strings.TrimSpace(lines[first]) == "" {
		first++
	}
	if first == len(lines) {
		return nil
	}
	line := strings.TrimSpace(lines[first])
	if m := headerLine.FindStringSubmatch(line); m != nil {
		if d, err := time.Parse(time.DateOnly, m[1]); err == nil && a.Date.IsZero() {
			a.Date = d
		}
		byline, headline := splitByline(m[2])
		if a.Author == "" {
			a.Author = byline
		}
		if looksLead(headline) {
			// The line carries the lead, not a headline: it stays in the
			// body as its first paragraph, and the title is taken from it.
			return append([]string{headline, ""}, lines[first+1:]...)
		}
		if a.Title == "" {
			a.Title = headline
		}
		return lines[first+1:]
	}
	if strings.HasPrefix(line, "# ") && a.Title == "" {
		a.Title = strings.TrimSpace(strings.TrimLeft(line, "# "))
		return lines[first+1:]
	}
	if headlineOverStandfirst(lines[first:]) {
		// Copied from a web page: the headline and the standfirst on two
		// adjacent lines (the byline perhaps right under them), which would
		// otherwise be joined as hard-wrapped.
		out := make([]string, 0, len(lines)-first+2)
		out = append(out, lines[first], "", lines[first+1], "")
		return append(out, lines[first+2:]...)
	}
	return lines[first:]
}

// headlineOverStandfirst reports a first block of exactly two lines that are
// a headline and a standfirst: a headline (no full stop) over a capitalised
// line of more than eight words that either has no full stop either or is
// followed by a "By …" byline (after a blank line or right under it, the
// block's third line). A hard-wrapped lead breaks mid-sentence and ends with
// its full stop; a wrapped headline's second part is short.
func headlineOverStandfirst(lines []string) bool {
	if len(lines) < 2 {
		return false
	}
	h, s := strings.TrimSpace(lines[0]), strings.TrimSpace(lines[1])
	if len(lines) > 2 {
		if b := strings.TrimSpace(lines[2]); b != "" {
			// Only a byline may follow in the same block, and nothing
			// after it.
			if !bylineLine.MatchString(b) || wordCount(b) > 12 || len(lines) > 3 && strings.TrimSpace(lines[3]) != "" {
				return false
			}
		}
	}
	if !looksHeadline(candidate{text: h}) || bylineLine.MatchString(h) || !startsUpper(s) || bylineLine.MatchString(s) {
		return false
	}
	if n := wordCount(s); n <= 8 || n > 50 || strings.HasSuffix(s, ",") {
		return false
	}
	if !endsSentence(s) {
		return true
	}
	for _, l := range lines[2:] {
		if l = strings.TrimSpace(l); l != "" {
			return bylineLine.MatchString(l) && wordCount(l) <= 12
		}
	}
	return false
}

// splitParagraphs groups lines into paragraphs. Blank lines always separate;
// inside a block, hard-wrapped lines are joined, and lines that each end a
// sentence are paragraphs of their own (files that use single newlines).
func splitParagraphs(lines []string, markdown bool) []candidate {
	// Paragraphs are mostly one line and a blank one: sized so, out grows
	// once or not at all.
	out := make([]candidate, 0, len(lines)/2+1)
	var block []string
	flush := func() {
		for _, text := range joinBlock(block) {
			c := candidate{text: text}
			if markdown {
				c = markdownCandidate(text)
			}
			if c.text != "" {
				out = append(out, c)
			}
		}
		block = block[:0]
	}
	for _, l := range lines {
		l = strings.TrimSpace(l)
		if l == "" {
			flush()
			continue
		}
		block = append(block, l)
	}
	flush()
	if n := len(out); n > 0 {
		out[n-1].last = true
	}
	return out
}

func joinBlock(lines []string) []string {
	switch {
	case len(lines) == 0:
		return nil
	case len(lines) == 1:
		return lines
	case hardWrapped(lines):
		return []string{strings.Join(lines, " ")}
	}
	var out []string
	cur := lines[0]
	for _, l := range lines[1:] {
		if !endsSentence(cur) && startsLower(l) && !isListItem(l) {
			cur += " " + l
			continue
		}
		out = append(out, cur)
		cur = l
	}
	return append(out, cur)
}

// hardWrapped reports lines of similar width that break mid-sentence, as
// text wrapped at a fixed column does.
func hardWrapped(lines []string) bool {
	minW, maxW := 1<<30, 0
	midSentence := false
	for _, l := range lines[:len(lines)-1] {
		w := utf8.RuneCountInString(l)
		minW, maxW = min(minW, w), max(maxW, w)
		if !endsSentence(l) {
			midSentence = true
		}
		if isListItem(l) {
			return false
		}
	}
	last := utf8.RuneCountInString(lines[len(lines)-1])
	return midSentence && minW >= 40 && maxW <= 100 && maxW-minW <= 30 && last <= maxW+5
}

var (
	mdHeading  = regexp.MustCompile(`^#{1,6}\s+`)
	mdListItem = regexp.MustCompile(`^(?:[-*+]|\d{1,3}[.)])\s+`)
	mdLink     = regexp.MustCompile(`!?\[([^\]]*)\]\([^)]*\)`)
	mdEmphasis = strings.NewReplacer("**", "", "__", "", "`", "")
)

// markdownCandidate reduces a Markdown block to the plain text briefing
// reads, remembering whether it was a heading.
func markdownCandidate(text string) candidate {
	var c candidate
	if loc := mdHeading.FindStringIndex(text); loc != nil {
		c.heading = true
		text = strings.TrimRight(text[loc[1]:], " #")
	}
	for strings.HasPrefix(text, ">") {
		text = strings.TrimSpace(text[1:])
	}
	if strings.Contains(text, "](") {
		text = mdLink.ReplaceAllString(text, "$1")
	}
	if strings.ContainsAny(text, "*_`") {
		text = mdEmphasis.Replace(text)
	}
	c.text = strings.TrimSpace(text)
	return c
}

func isListItem(l string) bool { return mdListItem.MatchString(l) }

var boilerplate = regexp.MustCompile(`(?i)^(?:[-–—•*]\s*[\w&' ]{1,30}|advertisement|read more|share(?: this article)?|related(?: articles)?|follow us.*|subscribe.*)$`)

// dropBoilerplate removes category tags and share prompts that trail an
// article ("- News"), and advertisement markers anywhere.
func dropBoilerplate(cands []candidate) []candidate {
	for len(cands) > 0 && len(cands[len(cands)-1].text) < 60 && boilerplate.MatchString(cands[len(cands)-1].text) {
		cands = cands[:len(cands)-1]
	}
	kept := cands[:0]
	for _, c := range cands {
		if !strings.EqualFold(c.text, "advertisement") {
			kept = append(kept, c)
		}
	}
	if n := len(kept); n > 0 {
		kept[n-1].last = true
	}
	return kept
}

var (
	bylineLine = regexp.MustCompile(`^(?i:by)\s+\p{Lu}`)
	dateOnly   = regexp.MustCompile(`(?i)^(?:published|updated|posted|date)?:?\s*(.+)$`)
)

// readLead takes the headline, standfirst, byline and a date line from the
// top of an article that has no header line, and returns the rest.
func readLead(a *Article, cands []candidate) []candidate {
	if a.Title == "" && len(cands) >= 2 && looksHeadline(cands[0]) {
		a.Title = cands[0].text
		cands = cands[1:]
		if len(cands) >= 2 && !bylineLine.MatchString(cands[0].text) && (looksStandfirst(cands[0].text) || standfirstBeforeByline(cands)) {
			a.Standfirst = cands[0].text
			cands = cands[1:]
		}
	}
	for i := 0; i < 3 && i < len(cands); i++ {
		t := cands[i].text
		if a.Author == "" && bylineLine.MatchString(t) && wordCount(t) <= 12 {
			if b, outlet, ok := splitBylineOutlet(t); ok {
				a.Author = b
				a.offerSource(outlet, sourceText)
				cands = append(cands[:i:i], cands[i+1:]...)
				i--
				continue
			}
		}
		if moreWordsThan(t, 6) {
			continue
		}
		if m := dateOnly.FindStringSubmatch(t); m != nil {
			if d, ok := parseDate(m[1]); ok {
				if a.Date.IsZero() {
					a.Date = d
				}
				cands = append(cands[:i:i], cands[i+1:]...)
				i--
			}
		}
	}
	return cands
}

func looksHeadline(c candidate) bool {
	if c.heading {
		return true
	}
	n := wordCount(c.text)
	// A short question is a headline too ("Can Europe guarantee Ukraine's
	// security?"); a longer one is a lead that asks.
	question := strings.HasSuffix(strings.TrimRight(c.text, `"'”’ `), "?") && n <= 15
	return n >= 3 && n <= 30 && len(c.text) <= 200 && (!endsSentence(c.text) || question) &&
		!strings.HasSuffix(c.text, ",") && startsUpper(c.text) && !isDatelineText(c.text)
}

// looksLead reports a whole sentence of reporting where a headline was
// expected: headlines do not end with a full stop.
func looksLead(t string) bool {
	return endsSentence(t) && moreWordsThan(t, 10)
}

func looksStandfirst(t string) bool {
	n := wordCount(t)
	return n > 8 && n <= 50 && !endsSentence(t) && !strings.HasSuffix(t, ",")
}

// standfirstBeforeByline reports a standfirst written as a sentence, full
// stop and all: a line between the headline and a "By …" byline or a date
// line is not the lead, which comes after them.
func standfirstBeforeByline(cands []candidate) bool {
	t, next := cands[0].text, cands[1].text
	n := wordCount(t)
	if n <= 8 || n > 50 || strings.HasSuffix(t, ",") || bylineLine.MatchString(t) {
		return false
	}
	if bylineLine.MatchString(next) && wordCount(next) <= 12 {
		return true
	}
	if moreWordsThan(next, 6) {
		return false
	}
	m := dateOnly.FindStringSubmatch(next)
	if m == nil {
		return false
	}
	_, ok := parseDate(m[1])
	return ok
}

var (
	positionMarker = regexp.MustCompile(`\((?:\d-)?(?:L|R|C|C-L|C-R|L-R|left|right|centre|center|front)\)`)
	photoCredit    = regexp.MustCompile(`(?i)(?:^(?:photo|photograph|picture|image|file photo|caption)\s*[:\-–—]|\b(?:photo|photograph|picture|image)(?:\s+credit)?\s*(?:by|:)\s+\p{Lu}|\s/\s?(?:AFP|Reuters|AP|EPA|Getty Images|Pool|Bloomberg|Anadolu)\b|^\((?:reporting|additional reporting|writing|editing) by\b)`)
	// agencyCredit is a credit that ends a caption: "Jane Doe/AP",
	// "REUTERS/Jane Doe/File Photo", "(AP Photo/Efrem Lukatsky, File)",
	// "© Reuters", "(Getty Images)", "Photo: Jane Doe", "(Photo by Jane
	// Doe/AFP via Getty Images)".
	agencyCredit = regexp.MustCompile(`(?:\pL/\s?(?:AFP|Reuters|REUTERS|AP|EPA(?:-EFE)?|Getty Images|Pool|POOL|Bloomberg|Anadolu|Shutterstock|Sipa|Ukrinform|TASS|Sputnik|Xinhua)(?: via Getty Images)?\)?|\b(?:REUTERS|Reuters|AFP|EPA-EFE|EPA|Pool|POOL)(?:/[\pL'’-]+(?: [\pL'’-]+){0,3})+|\b(?:AP|AFP|EPA|Reuters) (?:Photo|PHOTO)s?\s?/[^)]*\)|\((?:[^()]*\s)?(?:Getty Images|AFP|Reuters|AP|EPA|Shutterstock|Pool)(?: via Getty Images)?\)|©\s?\pL[^.!?]*|\b(?:Photo|Photograph|Picture|Image)s?:\s+\pL[^.!?]*)\s*$`)
)

func classify(c candidate) Kind {
	t := c.text
	switch {
	case isDatelineText(t):
		return Dateline
	case isCaptionText(t):
		return Caption
	case c.heading:
		return Subheading
	case !c.last && isSubheadingText(t):
		return Subheading
	}
	return Body
}

var captionWords = newFoldWords("photo", "picture", "image", "caption")

// creditTail is the end of t where a caption's credit would be, or "" when
// it holds none of a credit's marks (most paragraphs).
func creditTail(t string) string {
	tail := t[max(0, len(t)-120):]
	for len(tail) > 0 && !utf8.RuneStart(tail[0]) {
		tail = tail[1:]
	}
	if strings.IndexByte(tail, '/') < 0 && strings.IndexByte(tail, ')') < 0 && !strings.Contains(tail, "©") && !strings.Contains(tail, "hoto") {
		return ""
	}
	return tail
}

// isCaptionText recognises photo captions and credit lines. Cheap tests
// guard each regular expression: most paragraphs are plain prose.
func isCaptionText(t string) bool {
	if strings.Contains(t, ")") && positionMarker.MatchString(t) {
		return true
	}
	// Pages copied from the web keep their media labels: "Image caption,
	// …", "Image source, Getty Images", "Media caption, …".
	if hasAnyPrefix(t, "Image caption", "Image source", "Media caption", "Picture caption") {
		return true
	}
	if credit := creditTail(t); credit != "" && agencyCredit.MatchString(credit) && !moreWordsThan(t, 80) {
		return true
	}
	if !strings.Contains(t, "/") && !strings.HasPrefix(t, "(") && !captionWords.in(t) {
		return false
	}
	return !moreWordsThan(t, 80) && photoCredit.MatchString(t)
}

var datelineRe = regexp.MustCompile(`^\p{Lu}[\p{Lu}'’.\- ]{1,40}(?:,\s*\p{Lu}[\pL'’.\- ]{1,40})?\s*(?:\(([\pL][\pL .&]{1,30})\))?\s*[-–—:]?$`)

func isDatelineText(t string) bool {
	if len(t) > 120 || moreWordsThan(t, 6) || !datelineRe.MatchString(t) {
		return false
	}
	letters := 0
	for _, r := range strings.SplitN(t, ",", 2)[0] {
		if r >= 'A' && r <= 'Z' || r > 127 {
			letters++
		}
	}
	return letters >= 3
}

// inlineDateline finds "PARIS (Reuters) - " at the start of a paragraph.
var inlineDateline = regexp.MustCompile(`^\p{Lu}{2,}[\p{Lu} .'’-]*(?:,\s*\p{Lu}[\pL]+(?: \p{Lu}[\pL]+)?)?\s*\(([\pL][\pL .&]{1,30})\)\s*,?\s*[-–—]`)

func datelineSource(t string) string {
	if !strings.Contains(t, "(") {
		return ""
	}
	if m := datelineRe.FindStringSubmatch(t); len(t) <= 120 && m != nil && m[1] != "" {
		return strings.TrimSpace(m[1])
	}
	if m := inlineDateline.FindStringSubmatch(t); m != nil {
		return strings.TrimSpace(m[1])
	}
	return ""
}

func isSubheadingText(t string) bool {
	if len(t) > 70*4 || t == "" || moreWordsThan(t, 8) || utf8.RuneCountInString(t) > 70 {
		return false
	}
	if strings.ContainsAny(t[len(t)-1:], ".,;:!?…") {
		return false
	}
	trimmed := strings.TrimRight(t, `"'”’ `)
	if trimmed != "" && strings.ContainsAny(trimmed[len(trimmed)-1:], ".,;:!?") {
		return false
	}
	return startsUpper(strings.TrimLeft(t, `"'“‘`))
}

// mergeParagraphs joins neighbouring paragraphs of the same kind into
// blocks of at most MaxParagraphBytes, renumbering them.
func mergeParagraphs(ps []Paragraph) []Paragraph {
	var out []Paragraph
	for _, p := range ps {
		if n := len(out); n > 0 && out[n-1].Kind == p.Kind && len(out[n-1].Text)+1+len(p.Text) <= MaxParagraphBytes {
			out[n-1].Text += "\n" + p.Text
			continue
		}
		p.Index = len(out) + 1
		out = append(out, p)
	}
	return out
}

// headParagraphs makes the headline and standfirst paragraphs of the head,
// so that they are tagged and counted; index 0 keeps body ¶ numbers as
// they are.
func headParagraphs(a *Article) []Paragraph {
	var head []Paragraph
	if a.Title != "" {
		head = append(head, Paragraph{Kind: Title, Text: a.Title})
	}
	if a.Standfirst != "" {
		head = append(head, Paragraph{Kind: Standfirst, Text: a.Standfirst})
	}
	return head
}

func hasAnyPrefix(s string, prefixes ...string) bool {
	for _, p := range prefixes {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}
