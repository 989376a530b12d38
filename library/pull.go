package library

import (
	"context"
	"errors"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/mmcdole/gofeed"
)

// Fetching runs this many downloads at once, and one at a time per host,
// so that no site sees briefing as more than one reader.
const Concurrency = 4

// Event reports one step of Fetch: a feed that failed, or an item saved,
// refreshed or failed. One event with no Feed comes first, once every feed
// is read, to tell the number of items to fetch.
type Event struct {
	Feed   string // the feed's URL
	Item   bool   // false: the event is about the feed itself
	Result Result // for items
	Err    error
	// Done and Total count items; Total is known once every feed is read.
	Done, Total int
}

// Summary counts what Fetch did.
type Summary struct {
	Feeds   int // feeds read
	New     int
	Updated int // items whose feed said they changed and whose text did
	Failed  int // feeds and items
}

// item is one article a feed lists.
type item struct {
	feed    int
	url     *url.URL
	hint    Hint
	changed time.Time // when the feed says the item last changed
}

// Fetch pulls every feed's new items into the library: at most Concurrency
// downloads at once and one per host, asking each feed only for what
// changed since the last fetch (ETag, Last-Modified). An item already in
// the library is fetched again only when its feed says it changed since it
// was saved. report, called from one goroutine at a time, hears of every
// item and every failure. Interrupted through ctx, it stops, leaves no
// partial file and returns ctx's error.
func (l *Library) Fetch(ctx context.Context, report func(Event)) (Summary, error) {
	feeds, err := l.Feeds()
	if err != nil {
		return Summary{}, err
	}
	var (
		mu      sync.Mutex // guards sum, done, total, failed and report
		sum     Summary
		done    int
		total   int
		failed  = make([]bool, len(feeds))
		updates = make([]*Response, len(feeds))
		items   []item
	)
	emit := func(ev Event) {
		ev.Done, ev.Total = done, total
		if report != nil {
			report(ev)
		}
	}
	perHost(ctx, len(feeds), func(i int) string { return hostOf(feeds[i].URL) }, func(i int) {
		found, resp, err := l.readFeed(ctx, feeds[i], i)
		mu.Lock()
		defer mu.Unlock()
		if errors.Is(err, context.Canceled) {
			return
		}
		if err != nil {
			failed[i] = true
			sum.Failed++
			emit(Event{Feed: feeds[i].URL, Err: err})
			return
		}
		sum.Feeds++
		updates[i] = resp
		items = append(items, found...)
	})
	if err := ctx.Err(); err != nil {
		return sum, err
	}
	jobs := l.newItems(items)
	total = len(jobs)
	if total > 0 {
		mu.Lock()
		emit(Event{})
		mu.Unlock()
	}
	perHost(ctx, len(jobs), func(i int) string { return jobs[i].url.Host }, func(i int) {
		it := jobs[i]
		res, err := l.add(ctx, it.url.String(), !it.changed.IsZero(), it.hint)
		mu.Lock()
		defer mu.Unlock()
		if errors.Is(err, context.Canceled) {
			return
		}
		done++
		switch {
		case err != nil:
			failed[it.feed] = true
			sum.Failed++
		case res.Status == Added:
			sum.New++
		case res.Status == Updated:
			sum.Updated++
		}
		emit(Event{Feed: feeds[it.feed].URL, Item: true, Result: res, Err: err})
	})
	if err := ctx.Err(); err != nil {
		return sum, err
	}
	return sum, l.keepValidators(feeds, updates, failed)
}

// readFeed downloads and parses one feed; a feed that has not changed
// since the last fetch has no items.
func (l *Library) readFeed(ctx context.Context, f Feed, index int) ([]item, *Response, error) {
	u, err := ParseURL(f.URL)
	if err != nil {
		return nil, nil, err
	}
	resp, err := l.Client.Get(ctx, u, Conditional{ETag: f.ETag, LastModified: f.LastModified})
	if err != nil || resp.NotModified {
		return nil, resp, err
	}
	parsed, err := parseFeed(resp.Body)
	if err != nil {
		return nil, nil, err
	}
	var out []item
	for _, it := range parsed.Items {
		link := it.Link
		if link == "" && len(it.Links) > 0 {
			link = it.Links[0]
		}
		ref, err := url.Parse(strings.TrimSpace(link))
		if err != nil || link == "" {
			continue
		}
		abs := resp.URL.ResolveReference(ref)
		out = append(out, item{feed: index, url: abs, hint: feedHint(it), changed: changedAt(it)})
	}
	return out, resp, nil
}

func feedHint(it *gofeed.Item) Hint {
	h := Hint{Title: oneLine(it.Title)}
	if len(it.Authors) > 0 && it.Authors[0] != nil {
		h.Author = oneLine(it.Authors[0].Name)
	}
	if it.PublishedParsed != nil {
		h.Published = *it.PublishedParsed
	} else if it.UpdatedParsed != nil {
		h.Published = *it.UpdatedParsed
	}
	return h
}

func changedAt(it *gofeed.Item) time.Time {
	if it.UpdatedParsed != nil {
		return *it.UpdatedParsed
	}
	return time.Time{}
}

// newItems keeps the items to download: those not in the library, and
// those whose feed says they changed after they were saved (marked by a
// non-zero changed time). An item listed by two feeds is fetched once.
func (l *Library) newItems(items []item) []item {
	seen := make(map[string]bool, len(items))
	var out []item
	for _, it := range items {
		key := urlKey(it.url)
		if seen[key] || it.url.Scheme != "http" && it.url.Scheme != "https" {
			continue
		}
		seen[key] = true
		path, saved := l.lookup(it.url)
		if saved {
			if it.changed.IsZero() || !it.changed.After(fetchedAt(path)) {
				continue
			}
		} else {
			it.changed = time.Time{}
		}
		out = append(out, it)
	}
	return out
}

// fetchedAt is when the article at path was saved; far in the future when
// unknown, so that an unreadable file is never refreshed.
func fetchedAt(path string) time.Time {
	never := time.Date(9999, 1, 1, 0, 0, 0, 0, time.UTC)
	data, err := readHead(path, 8<<10)
	if err != nil {
		return never
	}
	meta, _, ok := splitFrontMatter(data)
	if !ok {
		return never
	}
	t, err := time.Parse(time.RFC3339, meta.Fetched)
	if err != nil {
		return never
	}
	return t
}

// keepValidators stores each feed's ETag and Last-Modified, but only for
// feeds whose every item was saved: a failed item is tried again next time
// instead of hiding behind a 304.
func (l *Library) keepValidators(feeds []Feed, updates []*Response, failed []bool) error {
	changed := make(map[string]Feed)
	for i, resp := range updates {
		if resp == nil || failed[i] || resp.NotModified {
			continue
		}
		f := feeds[i]
		f.ETag, f.LastModified = resp.ETag, resp.LastModified
		changed[f.URL] = f
	}
	if len(changed) == 0 {
		return nil
	}
	l.feedsMu.Lock()
	defer l.feedsMu.Unlock()
	// Read again: the file may have gained a feed meanwhile.
	current, err := l.Feeds()
	if err != nil {
		return err
	}
	for i, f := range current {
		if c, ok := changed[f.URL]; ok {
			current[i].ETag, current[i].LastModified = c.ETag, c.LastModified
		}
	}
	return l.saveFeeds(context.Background(), current)
}

func hostOf(raw string) string {
	if u, err := url.Parse(raw); err == nil {
		return strings.ToLower(u.Host)
	}
	return raw
}

// perHost calls do for 0..n-1, at most Concurrency at once and one at a
// time for jobs on the same host, in order within a host. Once ctx is done
// it starts no more jobs.
func perHost(ctx context.Context, n int, host func(int) string, do func(int)) {
	var order []string
	queues := make(map[string][]int)
	for i := range n {
		h := host(i)
		if _, ok := queues[h]; !ok {
			order = append(order, h)
		}
		queues[h] = append(queues[h], i)
	}
	next := make(chan []int)
	var wg sync.WaitGroup
	for range min(Concurrency, len(order)) {
		wg.Go(func() {
			for q := range next {
				for _, i := range q {
					if ctx.Err() != nil {
						break
					}
					do(i)
				}
			}
		})
	}
	for _, h := range order {
		next <- queues[h]
	}
	close(next)
	wg.Wait()
}
