package model

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"briefing/seeds"
)

func TestQueryTopic(t *testing.T) {
	c := seedCorpus(t, defaultTagger(t))
	for _, tc := range []struct {
		query, patterns, except, err string
	}{
		{query: `"coalition of the willing"`, patterns: "coalition of the willing"},
		{query: `the troops -"air defence"`, patterns: "troop", except: "air defence ~50 troop"},
		{query: `zelensk* "security guarantees"`, patterns: "zelensk* ~50 security guarantee"},
		{query: "troops europe ceasefire", err: "column 15: a saved topic takes at most two"},
		{query: "troops #territory", err: "column 8: #topic, source:"},
		{query: "after:2025-01-01 troops", err: "column 1: #topic, source:"},
	} {
		q, err := ParseQuery(tc.query, c)
		if err != nil {
			t.Fatalf("%q: %v", tc.query, err)
		}
		topic, err := q.Topic("My topic", "")
		if tc.err != "" {
			if err == nil || !strings.HasPrefix(err.Error(), tc.err) {
				t.Errorf("%q: error %v, want %q…", tc.query, err, tc.err)
			}
			continue
		}
		if err != nil {
			t.Fatalf("%q: %v", tc.query, err)
		}
		if got := strings.Join(topic.Patterns, "; "); got != tc.patterns {
			t.Errorf("%q: patterns %q, want %q", tc.query, got, tc.patterns)
		}
		if got := strings.Join(topic.Except, "; "); got != tc.except {
			t.Errorf("%q: except %q, want %q", tc.query, got, tc.except)
		}
		if topic.ID != "my-topic" || topic.Badge != "MYT" {
			t.Errorf("id %q badge %q", topic.ID, topic.Badge)
		}
	}
	q, _ := ParseQuery("troops", c)
	if _, err := q.Topic("!!!", ""); err == nil {
		t.Error("a name without letters was accepted")
	}
	if _, err := q.Topic("Troops", "TOOLONG"); err == nil {
		t.Error("a long badge was accepted")
	}
}

func TestAppendTopicAndView(t *testing.T) {
	builtin, err := ParseTopics(seeds.Topics())
	if err != nil {
		t.Fatal(err)
	}
	c := seedCorpus(t, defaultTagger(t))
	path := filepath.Join(t.TempDir(), "briefing", "topics.yaml")
	q, _ := ParseQuery(`"coalition of the willing"`, c)
	cow, _ := q.Topic("Coalition of the willing", "cow")
	if err := AppendTopic(path, cow, builtin); err != nil {
		t.Fatal(err)
	}
	// A second one keeps the first and a comment the user wrote.
	data, _ := os.ReadFile(path)
	os.WriteFile(path, append([]byte("# mine\n"), data...), 0o600)
	q2, _ := ParseQuery("zelensky trump", c)
	zt, _ := q2.Topic("Zelensky and Trump", "ZT")
	if err := AppendTopic(path, zt, builtin); err != nil {
		t.Fatal(err)
	}
	if err := AppendTopic(path, zt, builtin); err == nil || !strings.Contains(err.Error(), "defined twice") {
		t.Errorf("a second topic with the same id: %v", err)
	}
	clash := zt
	clash.ID = "territory"
	if err := AppendTopic(path, clash, builtin); err == nil || !strings.Contains(err.Error(), "built-in") {
		t.Errorf("a built-in id: %v", err)
	}
	data, _ = os.ReadFile(path)
	if !strings.HasPrefix(string(data), "# mine\n") {
		t.Errorf("the comment was lost:\n%s", data)
	}
	user, err := LoadUserTopics(path)
	if err != nil || len(user) != 2 || user[0].ID != "coalition-of-the-willing" || user[1].Badge != "ZT" {
		t.Fatalf("loaded %+v, %v", user, err)
	}
	if got, err := LoadUserTopics(filepath.Join(t.TempDir(), "none.yaml")); got != nil || err != nil {
		t.Errorf("a missing file: %v %v", got, err)
	}

	// The view tags every paragraph with the new topics and leaves the
	// shared corpus alone.
	view, err := c.WithTopics(user)
	if err != nil {
		t.Fatal(err)
	}
	ti := view.TopicIndex("coalition-of-the-willing")
	if ti != len(builtin) || len(c.Topics) != len(builtin) {
		t.Fatalf("topic index %d, corpus has %d topics", ti, len(c.Topics))
	}
	tagged := 0
	for ai, a := range view.Articles {
		for pi, p := range a.Paragraphs {
			has := strings.Contains(strings.ToLower(p.Text), "coalition of the willing")
			if p.Topics.Has(ti) != has {
				t.Errorf("%s ¶%d: tagged %v, mentions %v", a.ID, pi+1, p.Topics.Has(ti), has)
			}
			if has {
				tagged++
			}
			if orig := c.Articles[ai].Paragraphs[pi].Topics; p.Topics&^(3<<uint(len(builtin))) != orig || orig>>uint(len(builtin)) != 0 {
				t.Errorf("%s ¶%d: the built-in topics changed", a.ID, pi+1)
			}
		}
	}
	if tagged == 0 {
		t.Error("no paragraph mentions the coalition of the willing")
	}
	if view.Index() != c.Index() {
		t.Error("the view built its own index")
	}
	q3, err := ParseQuery("#cow", view)
	if err != nil {
		t.Fatal(err)
	}
	if res, _ := view.Search(context.Background(), q3, SearchOptions{}); res.Total != tagged {
		t.Errorf("#cow finds %d paragraphs, want %d", res.Total, tagged)
	}
}

func TestUserTopicsPath(t *testing.T) {
	env := map[string]string{"XDG_CONFIG_HOME": "/x", "HOME": "/h"}
	if got := UserTopicsPath(func(k string) string { return env[k] }); got != "/x/briefing/topics.yaml" {
		t.Errorf("got %q", got)
	}
	delete(env, "XDG_CONFIG_HOME")
	if got := UserTopicsPath(func(k string) string { return env[k] }); got != "/h/.config/briefing/topics.yaml" {
		t.Errorf("got %q", got)
	}
	if p := SessionTopicsPath("/s", "../../etc/passwd"); filepath.Dir(p) != "/s/topics" {
		t.Errorf("session path %q escapes", p)
	}
}

func TestTimeline(t *testing.T) {
	tg := defaultTagger(t)
	day := func(s string) time.Time { d, _ := time.Parse(time.DateOnly, s); return d }
	mk := func(title, source, date string, paras ...string) *Article {
		a := &Article{Title: title, Source: source, Path: title}
		if date != "" {
			a.Date = day(date)
		}
		for i, p := range paras {
			a.Paragraphs = append(a.Paragraphs, Paragraph{Index: i + 1, Text: p})
		}
		tg.TagArticle(a)
		return a
	}
	on, off := "Talks turned to security guarantees for Kyiv.", "The weather was mild."
	c := NewCorpus([]*Article{
		mk("A", "Reuters", "2025-11-05", on, on, off), // Wednesday: week of 11-03
		mk("B", "AP", "2025-10-28", off, on),          // the first mention
		mk("C", "Reuters", "2025-11-17", on),
		mk("D", "", "", on), // undated
	}, tg.Topics())
	ti := c.TopicIndex("security-guarantees")
	tl := c.Timeline(ti, Week)
	var labels []string
	for _, p := range tl.Periods {
		labels = append(labels, Week.Label(p))
	}
	if got := strings.Join(labels, " "); got != "10-27 11-03 11-10 11-17" {
		t.Errorf("weeks %q", got)
	}
	if len(tl.Rows) != 2 || tl.Rows[0].Outlet != "AP" || tl.Rows[1].Outlet != "Reuters" {
		t.Fatalf("rows %+v", tl.Rows)
	}
	counts := func(r TimelineRow) (out []int) {
		for col := range r.Cells {
			out = append(out, r.Count(col))
		}
		return out
	}
	if got := counts(tl.Rows[1]); len(got) != 4 || got[1] != 2 || got[3] != 1 || tl.Rows[1].Total != 3 {
		t.Errorf("Reuters %v", got)
	}
	if tl.First.Link().String() != c.Articles[2].ID+"#p2" || tl.FirstRow != 0 || tl.FirstCol != 0 || tl.Undated != 1 {
		t.Errorf("first %v at %d,%d; undated %d", tl.First.Link(), tl.FirstRow, tl.FirstCol, tl.Undated)
	}
	md := tl.Markdown("Security guarantees")
	if !strings.Contains(md, "| AP | 1* |  |  |  | 1 |") || !strings.Contains(md, "| Reuters |  | 2 |  | 1 | 3 |") {
		t.Errorf("markdown:\n%s", md)
	}
	if m := c.Timeline(ti, Month); len(m.Periods) != 2 || Month.Label(m.Periods[0]) != "2025-10" {
		t.Errorf("months %v", m.Periods)
	}
}
