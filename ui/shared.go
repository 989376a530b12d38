package ui

import (
	tea "charm.land/bubbletea/v2"

	"briefing/model"
	"briefing/ui/render"
)

// shared is the per-program state every view reads: the corpus (read-only,
// shared between programs), and this program's keys, styles, renderers,
// pins and current topic. Only the root changes the topic.
type shared struct {
	corpus   *model.Corpus
	indexing string // the background load's progress, for the list's header
	keys     KeyMap
	styles   render.Styles
	renderer *render.Renderer
	// background renders pages off the main loop; only one such render
	// runs at a time, so it never shares a glamour renderer.
	background *render.Renderer
	topic      int // current topic index, -1 for none
	pins       *pinBoard
	exportDir  string
	// topicsPath is the user's topics file; builtinTopics how many of the
	// corpus's topics are not theirs.
	topicsPath    string
	builtinTopics int
	exportQuota   int64
	plain         bool // the notty style: no colour anywhere
	// readingWidth caps the reader's prose in columns; 0 for none.
	readingWidth int
	// adds is where A saves articles, and what the list marks updated.
	adds adder
	// origin is where the articles came from, for the list's header.
	origin string
}

func (s *shared) topicName() string {
	if s.topic < 0 || s.topic >= len(s.corpus.Topics) {
		return ""
	}
	return s.corpus.Topics[s.topic].Name
}

func (s *shared) topicID() string {
	if s.topic < 0 || s.topic >= len(s.corpus.Topics) {
		return ""
	}
	return s.corpus.Topics[s.topic].ID
}

// articleIndex is the position of a in the corpus, or -1; by id, as a
// may be the full copy of a summary.
func (s *shared) articleIndex(a *model.Article) int { return s.corpus.Position(a.ID) }

// full is a with its text: the corpus reads a summary's file on demand
// (about a millisecond; commands read it first, see readFirst). When the
// file is gone, a comes back bare (no paragraphs) with why.
func (s *shared) full(a *model.Article) (*model.Article, error) {
	f, err := s.corpus.Full(a)
	if err != nil {
		return a.Bare(), err
	}
	return f, nil
}

// textReadMsg carries a message on after the text it needs was read.
type textReadMsg struct{ msg tea.Msg }

// readFirst returns work that reads the articles' text off the main loop
// (Update only changes memory) and then answers msg, or nil when the text
// is in memory already. Answered, msg finds it there; a file that could
// not be read is read again where it is shown, which says why.
func (s *shared) readFirst(msg tea.Msg, arts ...*model.Article) func() tea.Msg {
	c := s.corpus
	var cold []*model.Article
	for _, a := range arts {
		if !c.HasText(a) {
			cold = append(cold, a)
		}
	}
	if len(cold) == 0 {
		return nil
	}
	return func() tea.Msg {
		for _, a := range cold {
			c.Full(a) // keeps it among the corpus's recent articles
		}
		return msg
	}
}

// articlesOf are the articles a navigation message opens.
func articlesOf(c *model.Corpus, msg tea.Msg) []*model.Article {
	switch msg := msg.(type) {
	case openArticleMsg:
		return []*model.Article{c.Article(msg.id)}
	case openPinMsg:
		return []*model.Article{c.Article(msg.pin.ArticleID)}
	case openHitMsg:
		if msg.at >= 0 && msg.at < len(msg.results) {
			return []*model.Article{c.Article(msg.results[msg.at].Article.ID)}
		}
	case compareMsg:
		return []*model.Article{c.Article(msg.a), c.Article(msg.b)}
	}
	return nil
}

// yet qualifies a "none" while the articles are still being read: a first
// start's silence is not the coverage's.
func (s *shared) yet() string {
	if s.indexing == "" {
		return ""
	}
	return " yet (" + s.indexing + ")"
}
