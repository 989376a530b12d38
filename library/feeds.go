package library

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/mmcdole/gofeed"
	"go.yaml.in/yaml/v3"
)

// FeedsFile is the list of feeds, in the library folder.
const FeedsFile = "feeds.yaml"

// Feed is one subscription, with the validators of its last download so
// that an unchanged feed costs a 304.
type Feed struct {
	URL          string `yaml:"url"`
	Title        string `yaml:"title,omitempty"`
	ETag         string `yaml:"etag,omitempty"`
	LastModified string `yaml:"last_modified,omitempty"`
}

type feedsFile struct {
	Feeds []Feed `yaml:"feeds"`
}

// Feeds reads LIBRARY/feeds.yaml; no file means no feeds.
func (l *Library) Feeds() ([]Feed, error) {
	path := filepath.Join(l.Dir, FeedsFile)
	data, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var f feedsFile
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	// An empty file is no feeds; yaml reports it as io.EOF.
	if err := dec.Decode(&f); err != nil && !errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("%s: %v", path, oneLine(err.Error()))
	}
	for i, feed := range f.Feeds {
		if _, err := ParseURL(feed.URL); err != nil {
			return nil, fmt.Errorf("%s: feed %d: %q: %v", path, i+1, feed.URL, err)
		}
	}
	return f.Feeds, nil
}

func (l *Library) saveFeeds(ctx context.Context, feeds []Feed) error {
	data, err := yaml.Marshal(feedsFile{Feeds: feeds})
	if err != nil {
		return err
	}
	data = append([]byte("# Feeds that 'briefing fetch' pulls; 'briefing add --feed URL' adds one.\n"), data...)
	return writeAtomic(ctx, filepath.Join(l.Dir, FeedsFile), data)
}

// AddFeed subscribes to the feed at rawURL after checking that it is one
// (RSS, Atom or JSON Feed). It reports false when the feed was already
// there. Its items are pulled by Fetch.
func (l *Library) AddFeed(ctx context.Context, rawURL string) (Feed, bool, error) {
	u, err := ParseURL(rawURL)
	if err != nil {
		return Feed{}, false, err
	}
	l.feedsMu.Lock()
	defer l.feedsMu.Unlock()
	feeds, err := l.Feeds()
	if err != nil {
		return Feed{}, false, err
	}
	for _, f := range feeds {
		if fu, err := ParseURL(f.URL); err == nil && urlKey(fu) == urlKey(u) {
			return f, false, nil
		}
	}
	resp, err := l.Client.Get(ctx, u, Conditional{})
	if err != nil {
		return Feed{}, false, err
	}
	parsed, err := parseFeed(resp.Body)
	if err != nil {
		return Feed{}, false, err
	}
	// The validators are not kept yet: the first fetch pulls every item.
	f := Feed{URL: u.String(), Title: oneLine(parsed.Title)}
	if err := l.saveFeeds(ctx, append(feeds, f)); err != nil {
		return Feed{}, false, err
	}
	return f, true, nil
}

func parseFeed(body []byte) (*gofeed.Feed, error) {
	feed, err := gofeed.NewParser().Parse(bytes.NewReader(body))
	if err != nil {
		return nil, fmt.Errorf("not a feed (RSS, Atom or JSON Feed): %s", oneLine(err.Error()))
	}
	return feed, nil
}
