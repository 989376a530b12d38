package model

import (
	"slices"
	"strings"
	"testing"
)

// wireStory is an agency story long enough to compare, on security
// guarantees.
const wireStory = "European leaders met in Paris on Tuesday to discuss security guarantees for Ukraine after a ceasefire, officials said. " +
	"The coalition of the willing would send troops to train the Ukrainian army, and the United States would provide air support, according to a draft seen by reporters.\n\n" +
	"Kyiv has asked for guarantees that would hold even if Washington changed course, a senior adviser said, adding that talks would continue next week in Geneva with the other delegations."

// wireCorpus is one wire story run by two outlets (the Courier later), and
// a story of its own.
func wireCorpus(t *testing.T) *Corpus {
	t.Helper()
	dir := writeFiles(t, map[string]string{
		"harbour/guarantees.md": "---\ntitle: Leaders weigh guarantees\nsource: Harbour Times\ndate: 2025-11-20\n---\n\n" + wireStory + "\n",
		"valley/guarantees.md":  "---\ntitle: Europe weighs security guarantees\nsource: Valley Courier\ndate: 2025-11-21\n---\n\n" + wireStory + "\n",
		"ledger/swap.md":        "---\ntitle: Kyiv weighs a land swap\nsource: Northern Ledger\ndate: 2025-11-22\n---\n\nKyiv said on Sunday that any deal on territory would need a referendum.\n",
	})
	c, _, err := LoadPaths([]string{dir}, LoadOptions{Tagger: defaultTagger(t)})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func titles(arts []*Article) string {
	var out []string
	for _, a := range arts {
		out = append(out, a.Title)
	}
	return strings.Join(out, " | ")
}

func TestStoriesAndAlsoIn(t *testing.T) {
	c := wireCorpus(t)
	if got := titles(c.Stories()); got != "Kyiv weighs a land swap | Leaders weigh guarantees" {
		t.Fatalf("stories: %s", got)
	}
	first := c.Stories()[1]
	if got := c.AlsoIn(first); !slices.Equal(got, []string{"Valley Courier"}) {
		t.Errorf("also in: %v", got)
	}
	if got := c.AlsoIn(c.Stories()[0]); got != nil {
		t.Errorf("a story of its own is also in %v", got)
	}
}

// TestCoverageCountsAStoryOnce: the copy adds neither a row nor counts, by
// article or by outlet; the outlet that ran it is still not silent.
func TestCoverageCountsAStoryOnce(t *testing.T) {
	c := wireCorpus(t)
	sec := c.TopicIndex("security-guarantees")
	byArticle := c.CoverageBy(ByArticle)
	if len(byArticle) != 2 {
		t.Fatalf("%d rows by article, want 2", len(byArticle))
	}
	story := c.Article(c.Stories()[1].ID)
	rows := c.CoverageBy(ByOutlet)
	var labels []string
	for _, r := range rows {
		labels = append(labels, r.Label(ByOutlet))
		if r.Outlet == "Harbour Times" && r.Counts[sec] != story.TopicCounts[sec] {
			t.Errorf("Harbour Times counts %d on security, the story has %d", r.Counts[sec], story.TopicCounts[sec])
		}
	}
	if got := strings.Join(labels, " | "); got != "Harbour Times | Northern Ledger" {
		t.Errorf("rows by outlet: %s", got)
	}
	if story.TopicCounts[sec] == 0 {
		t.Fatal("the wire story is not on security guarantees")
	}
	for _, s := range c.SilentOn(sec) {
		if s.Outlet == "Valley Courier" {
			t.Error("the outlet that ran the copy is called silent")
		}
	}
}

// TestWithAddsWithoutTouchingTheOriginal: a program adds an article to its
// own corpus; the shared one, and its articles, stay as they were.
func TestWithAddsWithoutTouchingTheOriginal(t *testing.T) {
	c := wireCorpus(t)
	ids := make([]string, len(c.Articles))
	for i, a := range c.Articles {
		ids[i] = a.ID
	}
	dir := writeFiles(t, map[string]string{
		"new/guarantees.md": "---\ntitle: Leaders weigh guarantees\nsource: Eastern Post\ndate: 2025-11-23\n---\n\n" + wireStory + "\n",
	})
	added, _, err := LoadPaths([]string{dir}, LoadOptions{Tagger: defaultTagger(t)})
	if err != nil {
		t.Fatal(err)
	}
	d := c.With(added.Articles...)
	if len(c.Articles) != 3 || len(d.Articles) != 4 {
		t.Fatalf("%d and %d articles", len(c.Articles), len(d.Articles))
	}
	for i, a := range c.Articles {
		if a.ID != ids[i] || d.Article(a.ID) == nil || d.Article(a.ID) == a {
			t.Errorf("article %s: id changed, missing or shared", ids[i])
		}
	}
	fresh := d.Articles[0]
	if fresh.Source != "Eastern Post" || fresh.ID == "leaders-weigh-guarantees" || d.Article(fresh.ID) != fresh {
		t.Errorf("the new article: %s %q", fresh.Source, fresh.ID)
	}
	if got := d.AlsoIn(d.Story(fresh)); !slices.Equal(got, []string{"Eastern Post", "Valley Courier"}) {
		t.Errorf("also in after adding: %v", got)
	}
	if len(c.Duplicates(fresh)) != 0 || len(c.Stories()) != 2 || len(d.Stories()) != 2 {
		t.Error("the original corpus saw the new article")
	}
}

// TestWithTopicsKeepsCopies: a session's corpus with its user's topics
// still shows each story once.
func TestWithTopicsKeepsCopies(t *testing.T) {
	c := wireCorpus(t)
	view, err := c.WithTopics([]Topic{{ID: "cow", Name: "Coalition", Badge: "COW", Patterns: []string{"coalition of the willing"}}})
	if err != nil {
		t.Fatal(err)
	}
	if got := titles(view.Stories()); got != titles(c.Stories()) {
		t.Errorf("stories with user topics: %s", got)
	}
	story := view.Stories()[1]
	if got := view.AlsoIn(story); !slices.Equal(got, []string{"Valley Courier"}) || view.Story(view.Duplicates(story)[0]) != story {
		t.Errorf("also in: %v", got)
	}
}
