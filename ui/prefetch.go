package ui

import (
	tea "charm.land/bubbletea/v2"

	"briefing/model"
)

// pageReadyMsg carries a page rendered off the main loop.
type pageReadyMsg struct {
	key  pageKey
	page Page
}

// maxCachedPages bounds the reader's page cache; past it the cache starts
// over, so walking a whole corpus does not keep every page.
const maxCachedPages = 48

// nextOnTopic is the article that ] (dir 1) or [ (dir -1) moves on to from
// the current one, or nil.
func (r *readerView) nextOnTopic(dir int) *model.Article {
	if r.s.topic < 0 || r.article == nil {
		return nil
	}
	arts := r.s.corpus.Articles
	i, n := r.s.articleIndex(r.article), len(arts)
	for step := 1; step < n; step++ {
		if next := arts[((i+dir*step)%n+n)%n]; next.Covers(r.s.topic) {
			return next
		}
	}
	return nil
}

// prefetch renders the article ] or [ would move on to, in the background
// with a renderer of its own, so that the jump shows a page already made.
// One prefetch runs at a time.
func (r *readerView) prefetch(dir int) tea.Cmd {
	next := r.nextOnTopic(dir)
	if next == nil || r.prefetching || r.width <= 0 {
		return nil
	}
	key := pageKey{next, r.width, r.s.topic, r.s.pins.version}
	if _, ok := r.cache[key]; ok {
		return nil
	}
	pinned := r.s.pins.pinnedIn(next)
	opts := PageOptions{Width: r.width, Topic: r.s.topic, Labels: LabelGutter, Pinned: func(i int) bool { return pinned[i] }}
	bg, topics := r.s.background, r.s.corpus.Topics
	r.prefetching = true
	return func() tea.Msg { return pageReadyMsg{key, bg.Article(next, topics, opts)} }
}

func (r *readerView) pageReady(msg pageReadyMsg) {
	r.prefetching = false
	r.remember(msg.key, msg.page)
}

func (r *readerView) remember(key pageKey, p Page) {
	if len(r.cache) >= maxCachedPages {
		clear(r.cache)
	}
	r.cache[key] = p
}
