package model

import (
	"slices"
	"time"
)

// Pin is one paragraph a user keeps for a briefing. It carries the
// paragraph's text and citation so the briefing still exports when the
// article is gone.
type Pin struct {
	ID        int64
	ArticleID string
	ParaHash  string // Paragraph.Hash: survives files being reordered
	Index     int    // paragraph number when pinned (¶N)
	Text      string
	Title     string
	Source    string
	URL       string
	Date      string // YYYY-MM-DD or ""
	Topic     string // the topic it was pinned under, "" for none
	Note      string
	Position  int64 // order in the briefing
}

// PinOf makes the pin for paragraph i of a, filed under topic (a topic id,
// or "" when the user chose none): the topic the user was reading for, not
// whichever the paragraph happens to carry first.
func PinOf(a *Article, i int, topic string) Pin {
	p := a.Paragraphs[i]
	return Pin{
		ArticleID: a.ID, ParaHash: p.Hash(), Index: p.Index, Text: p.Text,
		Title: a.Title, Source: a.Source, URL: a.URL, Date: a.DateString(), Topic: topic,
	}
}

// SamePara reports whether two pins are on the same paragraph.
func (p Pin) SamePara(q Pin) bool { return p.ArticleID == q.ArticleID && p.ParaHash == q.ParaHash }

// PinGroup is the pins under one topic, in briefing order.
type PinGroup struct {
	Topic string // topic id, "" for pins on no topic
	Name  string
	Pins  []Pin
}

// GroupPins groups pins by the topic they were filed under, in topic order;
// topics the current topics file does not know follow, and pins on no topic
// come last. Within a group pins keep their order.
func GroupPins(pins []Pin, topics []Topic) []PinGroup {
	rank := func(id string) int {
		if id == "" {
			return len(topics) + 1
		}
		if i := slices.IndexFunc(topics, func(t Topic) bool { return t.ID == id }); i >= 0 {
			return i
		}
		return len(topics)
	}
	var groups []PinGroup
	for _, p := range pins {
		i := slices.IndexFunc(groups, func(g PinGroup) bool { return g.Topic == p.Topic })
		if i < 0 {
			name := p.Topic
			if j := slices.IndexFunc(topics, func(t Topic) bool { return t.ID == p.Topic }); j >= 0 {
				name = topics[j].Name
			}
			if p.Topic == "" {
				name = "No topic"
			}
			groups = append(groups, PinGroup{Topic: p.Topic, Name: name})
			i = len(groups) - 1
		}
		groups[i].Pins = append(groups[i].Pins, p)
	}
	slices.SortStableFunc(groups, func(a, b PinGroup) int {
		if ra, rb := rank(a.Topic), rank(b.Topic); ra != rb {
			return ra - rb
		}
		if a.Topic < b.Topic {
			return -1
		}
		return 0
	})
	return groups
}

// PinBriefing turns grouped pins into the document to export. A pin whose
// article is not in the corpus still exports, marked as missing its source.
func PinBriefing(groups []PinGroup, c *Corpus, made time.Time) Briefing {
	b := Briefing{Title: "Briefing", Made: made}
	for _, g := range groups {
		mg := Group{TopicID: g.Topic, Name: g.Name}
		for _, p := range g.Pins {
			// Saved pins come from outside the program: clean what they
			// give back as if it were an article.
			e := Excerpt{
				ArticleID: p.ArticleID, Title: Sanitize(p.Title), Source: Sanitize(p.Source),
				Index: p.Index, Text: Sanitize(p.Text), Note: Sanitize(p.Note),
			}
			e.Date, _ = time.Parse(time.DateOnly, p.Date)
			e.URL = Sanitize(p.URL)
			e.Missing = c == nil || c.Article(p.ArticleID) == nil
			if !e.Missing {
				// The article's outlet and url as loaded now: a pin saved
				// before its outlet was known (or named by a byline) cites
				// the outlet.
				a := c.Article(p.ArticleID)
				e.Source, e.URL = a.Attribution(), a.URL
			}
			mg.Excerpts = append(mg.Excerpts, e)
		}
		b.Groups = append(b.Groups, mg)
	}
	return b
}

// TopicsOfPin lists the topic ids a pin may be filed under: those its
// paragraph carries in the corpus now, in topic order. It is empty when the
// article is gone.
func TopicsOfPin(p Pin, c *Corpus) []string {
	a, err := c.Full(c.Article(p.ArticleID))
	if a == nil || err != nil {
		return nil
	}
	for _, para := range a.Paragraphs {
		if para.Hash() == p.ParaHash {
			var ids []string
			for _, i := range para.Topics.Indexes() {
				if i < len(c.Topics) {
					ids = append(ids, c.Topics[i].ID)
				}
			}
			return ids
		}
	}
	return nil
}
