package ui

import (
	"charm.land/bubbles/v2/help"
	tea "charm.land/bubbletea/v2"

	"briefing/model"
)

// view is one screen of the app. The root keeps its views in a table and
// routes: keys to the focused view, size and broadcast messages to all,
// results to the view that asked. A view never reads another view, and the
// root never reads a view's fields: views ask for navigation with messages.
type view interface {
	SetSize(width, height int)
	// Update handles a message and returns what to do next; a view that
	// does not use esc answers backMsg.
	Update(msg tea.Msg) tea.Cmd
	// View draws the body, at most the size given.
	View() string
	// Status is the view's part of the status line.
	Status() string
	// Keys are the view's bindings, for the footer and the full help.
	Keys() help.KeyMap
	// Typing reports that a text field has focus, so letters are text and
	// global keys wait.
	Typing() bool
}

type viewID int

const (
	viewList viewID = iota
	viewReader
	viewCompare
	viewMatrix
	viewBriefing
	viewSearch
	viewTimeline
	viewCount
)

var viewNames = [viewCount]string{viewList: "articles", viewReader: "reader", viewCompare: "compare", viewMatrix: "coverage", viewBriefing: "briefing", viewSearch: "search", viewTimeline: "timeline"}

// Navigation: a view asks, the root decides.
type (
	// openArticleMsg opens an article in the reader at a paragraph
	// (0-based into its body, -1 for the top). topic, when ≥ 0, becomes
	// the current topic first.
	openArticleMsg struct {
		id     string
		para   int
		topic  int
		notice string // for the reader's status line, if any
	}
	// compareMsg compares two articles side by side.
	compareMsg struct{ a, b string }
	// openPinMsg shows a pinned paragraph in the reader.
	openPinMsg struct{ pin model.Pin }
	// backMsg returns to the previous view.
	backMsg struct{}
	// openSearchMsg opens the corpus search with a query typed in.
	openSearchMsg struct{ query string }
	// openHitMsg opens result at of a corpus search in the reader, which
	// then walks the results with n and N.
	openHitMsg struct {
		results []model.Result
		at      int
		query   *model.Query
	}
	// noticeMsg is a one-line message for the list (a start address that
	// named no article).
	noticeMsg struct{ text string }
	// saveTopicMsg asks to save a search as the user's topic.
	saveTopicMsg struct{ topic model.Topic }
	// topicSavedMsg says how saving went, to the view that asked.
	topicSavedMsg struct {
		topic model.Topic
		err   error
	}
)

// Broadcasts: every view hears them.
type (
	// topicChangedMsg says the current topic changed.
	topicChangedMsg struct{}
	// pinsChangedMsg says the pin board was re-read.
	pinsChangedMsg struct{}
	// focusedMsg tells a view it came to the front.
	focusedMsg struct{}
	// returnedMsg tells a view the user came back to it (esc): what its
	// status said before is old news.
	returnedMsg struct{}
)

func send(msg tea.Msg) tea.Cmd { return func() tea.Msg { return msg } }

// replyMsg carries the result of a view's command back to that view, and
// to no other.
type replyMsg struct {
	to  viewID
	msg tea.Msg
}

// replyTo runs work off the Update path and delivers its result to view id.
func replyTo(id viewID, work func() tea.Msg) tea.Cmd {
	return func() tea.Msg { return replyMsg{to: id, msg: work()} }
}
