package ui

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/dustin/go-humanize"

	"briefing/model"
	"briefing/ui/render"
)

// resultsView is the search over every paragraph of the corpus: a query
// field, then one result per paragraph with its date, outlet, title and the
// hit in context. Searching runs in a command as the user types; a newer
// query cancels the older.
type resultsView struct {
	s       *shared
	field   textinput.Model
	typing  bool
	query   *model.Query
	err     string // what is wrong with the query; the results stay
	res     *model.Results
	order   model.Order
	cursor  int
	offset  int
	seq     int  // the newest search asked for
	final   bool // the results are the finished query's, not the typing one's
	cancel  context.CancelFunc
	running bool

	// saving a search as a topic: a name, then a badge
	save    textinput.Model
	saveAsk int // 0 not saving, 1 asking the name, 2 the badge
	name    string
	notice  string

	width, height int
}

func newResultsView(s *shared) *resultsView {
	v := &resultsView{s: s, field: newTextInput("search: ", s.plain), save: newTextInput("", s.plain)}
	v.field.Placeholder = `words, "a phrase", -word, #topic, source:x, after:2025-11-01`
	v.field.CharLimit = 400
	return v
}

func (v *resultsView) SetSize(w, h int) {
	v.width, v.height = w, h
	v.field.SetWidth(max(w-10, 1))
	v.save.SetWidth(max(w-30, 1))
	v.clamp()
}

// rows is how many results fit: each takes two lines under the field, the
// error line and the summary.
func (v *resultsView) rows() int { return max((v.height-3)/2, 1) }

func (v *resultsView) items() []model.Result {
	if v.res == nil {
		return nil
	}
	return v.res.Items
}

func (v *resultsView) clamp() {
	n := len(v.items())
	v.cursor = min(max(v.cursor, 0), max(n-1, 0))
	if v.cursor < v.offset {
		v.offset = v.cursor
	}
	if v.cursor >= v.offset+v.rows() {
		v.offset = v.cursor - v.rows() + 1
	}
	v.offset = max(0, min(v.offset, max(n-v.rows(), 0)))
}

// searchDoneMsg is a search's answer.
type searchDoneMsg struct {
	seq int
	res *model.Results
	err error
}

// run parses the field and searches, replacing any search under way.
func (v *resultsView) run(final bool) tea.Cmd {
	text := v.field.Value()
	if strings.TrimSpace(text) == "" {
		// Results always answer the field: an empty one shows none.
		if v.cancel != nil {
			v.cancel()
		}
		v.err, v.res, v.query, v.running = "", nil, nil, false
		v.seq++
		return nil
	}
	q, err := model.ParseQuery(text, v.s.corpus)
	if err != nil {
		v.err = err.Error()
		return nil // the previous results stay
	}
	v.err = ""
	v.query, v.final = q, final
	if !final {
		q = q.Typing()
	}
	if v.cancel != nil {
		v.cancel()
	}
	ctx, cancel := context.WithCancel(context.Background())
	v.cancel = cancel
	v.seq++
	seq, corpus, opts := v.seq, v.s.corpus, model.SearchOptions{Order: v.order}
	v.running = true
	return replyTo(viewSearch, func() tea.Msg {
		res, err := corpus.Search(ctx, q, opts)
		return searchDoneMsg{seq, res, err}
	})
}

func (v *resultsView) Typing() bool { return v.typing || v.saveAsk > 0 }

func (v *resultsView) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case focusedMsg:
		v.notice = ""
	case openSearchMsg:
		// s again comes back to the last search, field and results alike.
		v.typing = true
		if msg.query != "" {
			v.field.SetValue(msg.query)
		}
		v.field.CursorEnd()
		return tea.Batch(v.field.Focus(), v.run(false))
	case searchDoneMsg:
		if msg.seq != v.seq {
			return nil // a newer search replaced it
		}
		v.running = false
		if errors.Is(msg.err, context.Canceled) {
			return nil
		}
		if msg.err != nil {
			v.err = msg.err.Error()
			return nil
		}
		v.res = msg.res
		v.cursor, v.offset = 0, 0
	case topicSavedMsg:
		if msg.err != nil {
			v.notice = "not saved: " + msg.err.Error()
		} else {
			v.notice = fmt.Sprintf("saved as topic %s (%s): every view uses it now", msg.topic.Name, msg.topic.Badge)
		}
	case corpusChangedMsg:
		// The old answer is of other articles: the first search over new
		// ones says it is reading them rather than show it.
		v.res = nil
		return v.run(true)
	case tea.KeyPressMsg:
		switch {
		case v.saveAsk > 0:
			return v.saveKey(msg)
		case v.typing:
			return v.fieldKey(msg)
		}
		return v.listKey(msg)
	}
	return nil
}

func (v *resultsView) fieldKey(msg tea.KeyPressMsg) tea.Cmd {
	k := v.s.keys
	switch {
	case key.Matches(msg, k.Field.Accept):
		v.typing = false
		v.field.Blur()
		return v.run(true)
	case key.Matches(msg, k.Field.Cancel):
		v.typing = false
		v.field.Blur()
		if v.res == nil {
			return send(backMsg{})
		}
		return nil
	case key.Matches(msg, k.Global.ForceQuit):
		return tea.Quit
	case key.Matches(msg, k.Nav.Up), key.Matches(msg, k.Nav.Down):
		if msg.Text == "" { // arrows move through the results; j and k are text
			return v.listKey(msg)
		}
	}
	before := v.field.Value()
	var cmd tea.Cmd
	v.field, cmd = v.field.Update(msg)
	if v.field.Value() == before {
		return cmd
	}
	return tea.Batch(cmd, v.run(false))
}

func (v *resultsView) listKey(msg tea.KeyPressMsg) tea.Cmd {
	k := v.s.keys
	if cursor, moved := k.moveCursor(msg, v.cursor, len(v.items()), v.rows()); moved {
		v.cursor = cursor
		v.clamp()
		return nil
	}
	v.notice = ""
	switch {
	case key.Matches(msg, k.Search.Open):
		if len(v.items()) == 0 {
			return nil
		}
		return send(openHitMsg{results: v.items(), at: v.cursor, query: v.query})
	case key.Matches(msg, k.Search.Edit), key.Matches(msg, k.Global.Search):
		v.typing = true
		return v.field.Focus()
	case key.Matches(msg, k.Search.Order):
		v.order = 1 - v.order
		return v.run(true)
	case key.Matches(msg, k.Search.Save):
		switch {
		case v.query == nil || v.err != "" || v.query.Text != v.field.Value():
			v.notice = "search for something first (enter runs the query in the field)"
			return nil
		case v.res == nil || v.res.Total == 0:
			v.notice = "this search matches nothing: a topic made of it would tag nothing"
			return nil
		}
		// Say now, not after a name and a badge, when the search cannot be
		// a topic (#topic, source: and dates narrow but cannot be saved).
		if _, err := v.query.Topic("check", "CHK"); err != nil {
			v.notice = "cannot be saved as a topic: " + err.Error()
			return nil
		}
		v.saveAsk = 1
		v.save.SetValue("")
		v.save.Prompt = "topic name: "
		return v.save.Focus()
	case key.Matches(msg, k.Global.Back):
		return send(backMsg{})
	}
	return nil
}

// saveKey asks for the new topic's name, then its badge, then saves.
func (v *resultsView) saveKey(msg tea.KeyPressMsg) tea.Cmd {
	k := v.s.keys
	switch {
	case key.Matches(msg, k.Field.Cancel):
		v.saveAsk = 0
		v.save.Blur()
		return nil
	case key.Matches(msg, k.Field.Accept):
		val := strings.TrimSpace(v.save.Value())
		v.notice = ""
		if v.saveAsk == 1 {
			if val == "" {
				return nil
			}
			// A name whose id another topic has is refused now, keeping
			// what was typed.
			t, err := v.query.Topic(val, "CHK")
			if err == nil && v.s.corpus.TopicIndex(t.ID) >= 0 {
				err = fmt.Errorf("a topic %q exists already: choose another name", t.ID)
			}
			if err != nil {
				v.notice = err.Error()
				return nil
			}
			v.name = val
			v.saveAsk = 2
			v.save.SetValue(v.freeBadge(val))
			v.save.Prompt = "badge (2-5 letters or digits): "
			v.save.CursorEnd()
			return nil
		}
		t, err := v.query.Topic(v.name, strings.ToUpper(val))
		if err == nil && slices.ContainsFunc(v.s.corpus.Topics, func(o model.Topic) bool { return strings.EqualFold(o.Badge, t.Badge) }) {
			err = fmt.Errorf("another topic has the badge %s: choose another", t.Badge)
		}
		if err != nil {
			v.notice = err.Error() // the prompt stays, with what was typed
			return nil
		}
		v.saveAsk = 0
		v.save.Blur()
		return send(saveTopicMsg{t})
	}
	var cmd tea.Cmd
	v.save, cmd = v.save.Update(msg)
	return cmd
}

// freeBadge offers the name's first letters as its badge, or, when a
// topic has those already, two of them and a digit.
func (v *resultsView) freeBadge(name string) string {
	var letters []rune
	for _, r := range strings.ToUpper(name) {
		if (r >= 'A' && r <= 'Z') || (r >= '0' && r <= '9') {
			letters = append(letters, r)
		}
	}
	for len(letters) < 3 {
		letters = append(letters, 'X')
	}
	taken := func(b string) bool {
		return slices.ContainsFunc(v.s.corpus.Topics, func(t model.Topic) bool { return strings.EqualFold(t.Badge, b) })
	}
	badge := string(letters[:3])
	for n := 2; taken(badge) && n <= 9; n++ {
		badge = fmt.Sprintf("%s%d", string(letters[:2]), n)
	}
	return badge
}

func (v *resultsView) View() string {
	st := v.s.styles
	var lines []string
	if v.saveAsk > 0 {
		lines = append(lines, v.save.View())
	} else {
		lines = append(lines, v.field.View())
	}
	switch {
	case v.err != "":
		lines = append(lines, st.Error.Render(render.Truncate(v.err, v.width)))
	case v.res == nil && v.running:
		// The first search reads every article to index its words: a
		// second at 10,000 articles, far longer at 100,000.
		lines = append(lines, st.Dim.Render(render.Truncate(fmt.Sprintf("searching… the first search reads all %s articles", humanize.Comma(int64(len(v.s.corpus.Articles)))), v.width)))
	case v.res == nil:
		lines = append(lines, st.Dim.Render(render.Truncate(`type to search every paragraph: words, "a phrase", -word, #topic, source:reuters, after:2025-11-01`, v.width)))
	default:
		lines = append(lines, st.Dim.Render(v.summary()))
	}
	lines = append(lines, "")
	items := v.items()
	last := min(len(items), v.offset+v.rows())
	// Columns line up across the rows shown: the address is kept whole.
	linkW := 0
	for _, r := range items[v.offset:last] {
		linkW = max(linkW, len(r.Link().String()))
	}
	for i := v.offset; i < last; i++ {
		lines = append(lines, v.resultLines(items[i], i == v.cursor, linkW)...)
	}
	return strings.Join(lines, "\n")
}

func (v *resultsView) summary() string {
	r := v.res
	if r.Total == 0 {
		if v.final && v.query != nil && v.query.Typing() != v.query {
			last := v.query.Terms[len(v.query.Terms)-1].Raw
			return render.Truncate(fmt.Sprintf("no paragraph has the word %q%s; %s* finds words that start so", last, v.s.yet(), last), v.width)
		}
		return "no paragraph matches" + v.s.yet()
	}
	by := "newest first"
	if r.Order == model.Relevance {
		by = "most relevant first"
	}
	other := "relevance"
	if r.Order == model.Relevance {
		other = "date"
	}
	s := fmt.Sprintf("%s in %s, %s · o orders by %s", plural(r.Total, "paragraph"), plural(r.Articles, "article"), by, other)
	if len(r.Items) < r.Total {
		s += fmt.Sprintf(" · the first %d shown", len(r.Items))
	}
	if v.running {
		s += " · searching…"
	}
	return render.Truncate(s, v.width)
}

// resultLines is a result's two lines: where it is from, and the hit in
// context in reverse video.
func (v *resultsView) resultLines(r model.Result, selected bool, linkW int) []string {
	st := v.s.styles
	a := r.Article
	link := r.Link().String()
	// The outlet column only where the title keeps room beside it.
	outletW := 16
	if v.width-2-11-outletW-linkW-3 < 12 {
		outletW = 0
	}
	titleW := max(v.width-2-11-outletW-linkW-3, 8)
	pad := func(s string, w int) string {
		if w <= 0 {
			return ""
		}
		s = render.Truncate(s, w)
		return s + strings.Repeat(" ", max(w-ansi.StringWidth(s), 0)) + " "
	}
	marker := "  "
	if selected {
		marker = "▸ "
	}
	head := marker + pad(orDash(a.DateString()), 10) + pad(outlet(a), outletW) + pad(a.Title, titleW) + link
	if selected {
		head = st.Selected.Render(head)
	}
	snip, hits := model.Snippet(r.Paragraph().Text, r.Hits, max(v.width-4, 10))
	var b strings.Builder
	at := 0
	for _, h := range hits {
		b.WriteString(snip[at:h.Start] + hitStyle.Render(snip[h.Start:h.End]))
		at = h.End
	}
	b.WriteString(snip[at:])
	return []string{head, "    " + b.String()}
}

func (v *resultsView) Status() string {
	switch {
	case v.notice != "":
		return v.notice
	case v.saveAsk == 1:
		return "name the topic this search becomes · enter next · esc cancels"
	case v.saveAsk == 2:
		return "its badge, shown in lists and the gutter · enter saves · esc cancels"
	case v.typing:
		return "enter runs it and goes to the results · ↑/↓ move · esc closes the field"
	}
	return "enter opens the paragraph · n/N walk the hits there · S saves as a topic"
}

func (v *resultsView) Keys() help.KeyMap {
	k := v.s.keys
	if v.Typing() {
		return keyHelp{short: []key.Binding{k.Field.Accept, k.Field.Cancel}, full: [][]key.Binding{{k.Field.Accept, k.Field.Cancel}}}
	}
	sk := k.Search
	return keyHelp{
		short: []key.Binding{sk.Open, sk.Edit, sk.Order, sk.Save, k.Nav.Down, k.Global.Help, k.Global.Back},
		full:  [][]key.Binding{k.navHelp(), {sk.Open, sk.Edit, sk.Order, sk.Save}},
	}
}
