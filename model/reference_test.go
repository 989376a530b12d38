package model

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

// TestUserTopicReferences: a user's own topics file gets references and
// blocks the same way as the default topics; nothing about them is code.
func TestUserTopicReferences(t *testing.T) {
	topics, err := ParseTopics([]byte(`topics:
  - id: grain
    patterns: ['grain (corridor*|deal*|export*)']
    refer: ['corridor|route', 'deal']
    block: ['(shipping|trade|supply) route*']
`))
	if err != nil {
		t.Fatal(err)
	}
	tg, err := NewTagger(topics)
	if err != nil {
		t.Fatal(err)
	}
	a, _, err := Parse("g.txt", []byte(`Ships wait off Odesa

Ukraine reopened the grain corridor on Monday.

The corridor carried three million tonnes in its first month.

Insurers said that route was now cheaper to cover.

A new trade route through Romania opened on Tuesday.

The route is already busy, port officials said.

The deal, officials added, still holds.
`))
	if err != nil {
		t.Fatal(err)
	}
	tg.TagArticle(a)
	want := []bool{true, true, true, false, false, true}
	for i, p := range a.Paragraphs {
		if got := p.Topics.Has(0); got != want[i] {
			t.Errorf("¶%d tagged %v, want %v: %s", p.Index, got, want[i], p.Text)
		}
	}
	// "the deal" is another group: the trade route does not stop it.
	last := a.Paragraphs[5].Spans
	if len(last) != 1 || last[0].Via != ViaReference || last[0].Antecedent != 1 {
		t.Errorf("spans %+v", last)
	}
}

func TestReferenceTopicsErrors(t *testing.T) {
	for name, in := range map[string]string{
		"two words":       "topics:\n  - id: a\n    patterns: [x]\n    refer: ['peace deal']\n",
		"empty noun":      "topics:\n  - id: a\n    patterns: [x]\n    refer: ['deal|']\n",
		"block no refer":  "topics:\n  - id: a\n    patterns: [x]\n    block: ['peace deal']\n",
		"block near":      "topics:\n  - id: a\n    patterns: [x]\n    refer: [deal]\n    block: ['peace ~2 deal']\n",
		"block bad":       "topics:\n  - id: a\n    patterns: [x]\n    refer: [deal]\n    block: ['(peace deal']\n",
		"refer not words": "topics:\n  - id: a\n    patterns: [x]\n    refer: ['***']\n",
	} {
		_, err := ParseTopics([]byte(in))
		if err == nil {
			t.Errorf("%s: accepted", name)
			continue
		}
		if strings.Contains(err.Error(), "\n") || !strings.Contains(err.Error(), `topic "a"`) {
			t.Errorf("%s: error %q should be one line naming the topic", name, err)
		}
	}
}

// TestReferenceRules: the English rules around a refer noun, on the default
// topics, each after the minerals deal was named in the first paragraph.
func TestReferenceRules(t *testing.T) {
	tg := defaultTagger(t)
	mi := slices.IndexFunc(tg.Topics(), func(t Topic) bool { return t.ID == "minerals-deal" })
	tests := []struct {
		name, second, third string
		want                bool // the third paragraph is on the minerals deal
	}{
		{"definite", "Officials met in Kyiv.", "The agreement was welcomed.", true},
		{"demonstrative", "Officials met in Kyiv.", "That accord still needs a vote.", true},
		{"generic modifiers", "Officials met in Kyiv.", "The long-awaited $500 billion agreement was welcomed.", true},
		{"indefinite is new", "Trump wants a deal with Moscow.", "The deal would end the war.", false},
		{"other modifier", "Envoys discussed the peace deal.", "The agreement would end the war.", false},
		{"other topic's phrase", "A ceasefire agreement was close.", "The agreement would halt strikes.", false},
		{"block phrase", "Trade deal talks with Britain resumed.", "The deal was welcomed in London.", false},
		{"renamed", "Envoys discussed the peace deal.", "The minerals deal was ratified, and the fund was set up.", true},
		{"of follows", "Officials met in Kyiv.", "The signing of a truce was delayed.", false},
		{"verb", "Officials met in Kyiv.", "Negotiators will deal with it later.", false},
		{"a name", "Witkoff's deal with Moscow was discussed.", "The deal would end the war.", false},
		{"conjunction", "Officials met in Kyiv.", "He said that agreements with other countries were possible.", false},
		// A predicate says what the subject is: it restates, it does not
		// introduce something new, unless it is "there is a …".
		{"predicate refers", "Officials met in Kyiv.", "\"This is only a framework agreement,\" Shmyhal said.", true},
		{"predicate keeps", "Shmyhal said it was only a framework agreement.", "The accord still needs a vote.", true},
		{"predicate with a modifier keeps", "\"This is a true partnership,\" she said.", "Critics say the pact offers little.", true},
		{"such a", "Officials met in Kyiv.", "Kyiv was the first to sign such a partnership.", true},
		{"existential is new", "There is a deal with Moscow on the table.", "The deal would end the war.", false},
		{"document", "Officials met in Kyiv.", "The document was signed in Washington.", true},
		{"a peace plan's text", "Envoys discussed the 28-point plan.", "The text calls for elections.", false},
		{"indefinite object is new", "Trump said he would sign a deal with Moscow.", "The deal would end the war.", false},
	}
	for _, tt := range tests {
		a, _, err := Parse("m.txt", []byte("Ukraine and the US signed the minerals deal on Wednesday.\n\n"+tt.second+"\n\n"+tt.third+"\n"))
		if err != nil {
			t.Fatal(err)
		}
		tg.TagArticle(a)
		if got := a.Paragraphs[2].Topics.Has(mi); got != tt.want {
			t.Errorf("%s: %q tagged %v, want %v", tt.name, tt.third, got, tt.want)
		}
	}
}

// TestPluralOnlyRefer: a refer noun written in the plural ("funds") refers
// only in the plural, so "the fund" (often the IMF) does not.
func TestPluralOnlyRefer(t *testing.T) {
	tg := defaultTagger(t)
	fi := slices.IndexFunc(tg.Topics(), func(t Topic) bool { return t.ID == "frozen-assets" })
	for third, want := range map[string]bool{
		"The funds are held in Brussels.":   true,
		"The fund said growth would slow.":  false,
		"The proceeds would go to Kyiv.":    true,
		"Talks will proceed next week.":     false,
		"The guarantee was never provided.": true,
	} {
		a, _, err := Parse("f.txt", []byte("The EU froze Russian central bank assets in 2022.\n\nLeaders met in Brussels.\n\n"+third+"\n"))
		if err != nil {
			t.Fatal(err)
		}
		tg.TagArticle(a)
		if got := a.Paragraphs[2].Topics.Has(fi); got != want {
			t.Errorf("%q tagged %v, want %v", third, got, want)
		}
	}
}

// TestLeadRetellsHeadline: the lead's "a deal" is the headline's, so it
// does not stop references to it; in later paragraphs it would. (The lead
// itself carries the deal by thread, between the headline and ¶2.)
func TestLeadRetellsHeadline(t *testing.T) {
	tg := defaultTagger(t)
	mi := slices.IndexFunc(tg.Topics(), func(t Topic) bool { return t.ID == "minerals-deal" })
	a, _, err := Parse("l.txt", []byte("Ukraine and US sign minerals deal\n\nThe two countries signed a deal on Wednesday after weeks of talks.\n\nThe agreement gives Washington a share of future revenues.\n\nTrump now wants a deal with Moscow.\n\nThe deal would end the war.\n"))
	if err != nil {
		t.Fatal(err)
	}
	tg.TagArticle(a)
	for i, want := range []bool{true, true, false, false} {
		if got := a.Paragraphs[i].Topics.Has(mi); got != want {
			t.Errorf("¶%d tagged %v, want %v: %s", i+1, got, want, a.Paragraphs[i].Text)
		}
	}
}

// TestArmedForcesDoNotStopTheForce: Ukraine's armed forces, which a
// reassurance force would help rebuild, are not another "force": a later
// "the force" still refers to the reassurance force.
func TestArmedForcesDoNotStopTheForce(t *testing.T) {
	tg := defaultTagger(t)
	si := slices.IndexFunc(tg.Topics(), func(t Topic) bool { return t.ID == "security-guarantees" })
	a, _, err := Parse("f.txt", []byte("Leaders met in Berlin on Monday.\n\nA multinational force would help rebuild Ukraine's armed forces after a ceasefire.\n\nThe force would operate from bases in the west.\n"))
	if err != nil {
		t.Fatal(err)
	}
	tg.TagArticle(a)
	if p := a.Paragraphs[2]; !p.Topics.Has(si) {
		t.Errorf("¶%d not on security guarantees: %s", p.Index, p.Text)
	}
}

// A context phrase speaks to a topic only once the article has named it,
// and its reason says where.
func TestContextPhrases(t *testing.T) {
	topics, err := ParseTopics([]byte(`topics:
  - id: force
    name: Force
    patterns: [reassurance force]
    context: ["(send|sending) (troops|soldiers)"]
`))
	if err != nil {
		t.Fatal(err)
	}
	tg, err := NewTagger(topics)
	if err != nil {
		t.Fatal(err)
	}
	a, _, err := Parse("a.txt", []byte("Allies meet on Ukraine\n\nItaly will not be sending soldiers, its minister said.\n\nLeaders discussed a reassurance force for Ukraine.\n\nPoland will not send troops either.\n"))
	if err != nil {
		t.Fatal(err)
	}
	tg.TagArticle(a)
	var got []bool
	for _, p := range a.Paragraphs {
		got = append(got, p.Topics.Has(0))
	}
	if fmt.Sprint(got) != "[false true true]" {
		t.Fatalf("tagged %v: before the topic is named a context phrase counts for nothing", got)
	}
	if r := a.Reasons(2, topics); len(r) != 1 || !strings.Contains(r[0].Text, "refers to ¶2") {
		t.Errorf("reason %+v", r)
	}
	if _, err := NewTagger([]Topic{{ID: "x", Name: "X", Patterns: []string{"a"}, Context: []string{"a ~3 b"}}}); err == nil {
		t.Error("a context phrase with ~N was accepted")
	}
}

// TestHeadlineRefersForward: a headline's noun that nothing before it named
// ("plan Ukraine force") stands for what the standfirst or the lead names,
// and says so; named only further down, it stays untagged.
func TestHeadlineRefersForward(t *testing.T) {
	tg := defaultTagger(t)
	si := slices.IndexFunc(tg.Topics(), func(t Topic) bool { return t.ID == "security-guarantees" })
	for _, tt := range []struct {
		text       string
		want       bool
		antecedent int
	}{
		{"Army chiefs meet in Paris to plan Ukraine force\n\nMilitary leaders discussed what a post-ceasefire mission could look like, officials said\n\nBy Jane Roe\n\nOfficers from 30 countries met on Tuesday.\n", true, 0},
		{"Army chiefs meet in Paris to plan Ukraine force\n\nPARIS (AFP) - Military chiefs met on Tuesday to work out how a multinational force could deter Russia after a ceasefire.\n\nThe meeting lasted a day.\n", true, 1},
		{"Army chiefs meet in Paris to plan Ukraine force\n\nPARIS (AFP) - Military chiefs from 30 countries met on Tuesday behind closed doors, officials said.\n\nThey discussed a multinational force to deter Russia after a ceasefire.\n", false, 0},
	} {
		a, _, err := Parse("h.txt", []byte(tt.text))
		if err != nil {
			t.Fatal(err)
		}
		tg.TagArticle(a)
		title := a.Head[0]
		if got := title.Topics.Has(si); got != tt.want {
			t.Errorf("%q tagged %v, want %v", title.Text, got, tt.want)
			continue
		}
		if !tt.want {
			continue
		}
		var found bool
		for _, s := range title.Spans {
			if s.Topic == si {
				found = true
				if s.Via != ViaReference || s.Antecedent != tt.antecedent || title.Text[s.Start:s.End] != "Ukraine force" {
					t.Errorf("span %+v %q, want a reference to ¶%d", s, title.Text[s.Start:s.End], tt.antecedent)
				}
			}
		}
		if !found || a.TopicCounts[si] < 2 {
			t.Errorf("spans %+v, count %d", title.Spans, a.TopicCounts[si])
		}
		where := "the standfirst"
		if tt.antecedent > 0 {
			where = "¶1"
		}
		if r := title.Reasons(tg.Topics()); len(r) != 1 || !strings.Contains(r[0].Text, "refers to "+where) {
			t.Errorf("reasons %+v, want it to refer to %s", r, where)
		}
	}
}
