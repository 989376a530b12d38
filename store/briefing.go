package store

import (
	"slices"
	"time"

	"briefing/model"
)

// PinGroup is the pins under one topic, in briefing order.
type PinGroup struct {
	Topic string // topic id, "" for pins on no topic
	Name  string
	Pins  []Pin
}

// GroupPins groups pins by the topic they were filed under, in topic order;
// topics the current topics file does not know follow, and pins on no topic
// come last. Within a group pins keep their order.
func GroupPins(pins []Pin, topics []model.Topic) []PinGroup {
	rank := func(id string) int {
		if id == "" {
			return len(topics) + 1
		}
		if i := slices.IndexFunc(topics, func(t model.Topic) bool { return t.ID == id }); i >= 0 {
			return i
		}
		return len(topics)
	}
	var groups []PinGroup
	for _, p := range pins {
		i := slices.IndexFunc(groups, func(g PinGroup) bool { return g.Topic == p.Topic })
		if i < 0 {
			name := p.Topic
			if j := slices.IndexFunc(topics, func(t model.Topic) bool { return t.ID == p.Topic }); j >= 0 {
				name = topics[j].Name
			}
			if p.Topic == "" {
				name = "Other"
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

// Briefing turns grouped pins into the document to export. A pin whose
// article is not in the corpus still exports, marked as missing its source.
func Briefing(groups []PinGroup, c *model.Corpus, made time.Time) model.Briefing {
	b := model.Briefing{Title: "Briefing", Made: made}
	for _, g := range groups {
		mg := model.Group{TopicID: g.Topic, Name: g.Name}
		for _, p := range g.Pins {
			// The database is outside the program's control: clean what it
			// gives back as if it were an article.
			e := model.Excerpt{
				ArticleID: p.ArticleID, Title: model.Sanitize(p.Title), Source: model.Sanitize(p.Source),
				Index: p.Index, Text: model.Sanitize(p.Text), Note: model.Sanitize(p.Note),
			}
			e.Date, _ = time.Parse(time.DateOnly, p.Date)
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

// PinOf makes the pin for paragraph i of a, filed under its first topic.
func PinOf(a *model.Article, i int, topics []model.Topic) Pin {
	p := a.Paragraphs[i]
	topic := ""
	if idx := p.Topics.Indexes(); len(idx) > 0 && idx[0] < len(topics) {
		topic = topics[idx[0]].ID
	}
	return Pin{
		ArticleID: a.ID, ParaHash: p.Hash(), Index: p.Index, Text: p.Text,
		Title: a.Title, Source: a.Attribution(), Date: a.DateString(), Topic: topic,
	}
}
