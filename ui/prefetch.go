package ui

import (
	tea "charm.land/bubbletea/v2"

	"briefing/model"
	"briefing/ui/render"
)

// pageReadyMsg carries a page rendered off the main loop.
type pageReadyMsg struct {
	key  pageKey
	page render.Page
}

// maxCachedPages bounds the reader's page cache; past it the cache starts
// over, so walking a whole corpus does not keep every page.
const maxCachedPages = 48

// nextOnTopic is the article that ] (dir 1) or [ (dir -1) moves on to from
// the current one, or nil; wrapped is set when it lies past the end of the
// corpus in that direction.
func (r *readerView) nextOnTopic(dir int) (next *model.Article, wrapped bool) {
	if r.s.topic < 0 || r.article == nil {
		return nil, false
	}
	arts := r.s.corpus.Articles
	i, n := r.s.articleIndex(r.article), len(arts)
	for step := 1; step < n; step++ {
		j := i + dir*step
		if a := arts[(j%n+n)%n]; a.Covers(r.s.topic) {
			return a, j < 0 || j >= n
		}
	}
	return nil, false
}

// prefetch renders the article ] or [ would move on to, in the background
// with a renderer of its own, so that the jump shows a page already made.
// One prefetch runs at a time.
func (r *readerView) prefetch(dir int) tea.Cmd {
	next, _ := r.nextOnTopic(dir)
	if next == nil || r.prefetching || r.width <= 0 {
		return nil
	}
	key := pageKey{next.ID, r.pageWidth(), r.s.topic, r.s.pins.version}
	if _, ok := r.cache[key]; ok {
		return nil
	}
	// The text is read in the command (Update only changes memory); the
	// pins are matched there against a copy of this article's.
	opts := render.PageOptions{Width: r.pageWidth(), Topic: r.s.topic, Labels: render.LabelGutter}
	pinned := r.s.pins.pinnedHashes(next.ID)
	bg, topics, corpus := r.s.background, r.s.corpus.Topics, r.s.corpus
	r.prefetching = true
	return replyTo(viewReader, func() tea.Msg {
		full, err := corpus.Full(next)
		if err != nil {
			return pageReadyMsg{} // the jump will say why
		}
		opts.Pinned = func(i int) bool { return pinned[full.Paragraphs[i].Hash()] }
		return pageReadyMsg{key, bg.Article(full, topics, opts)}
	})
}

func (r *readerView) remember(key pageKey, p render.Page) {
	if len(r.cache) >= maxCachedPages {
		clear(r.cache)
	}
	r.cache[key] = p
}
