package model

import (
	"fmt"
	"strings"
)

// Reason says why a paragraph carries one topic, so that an analyst can
// trust or dismiss a tag at a glance (the reader's "why" key).
type Reason struct {
	Topic int // index into the topic list
	Via   Via
	// Words are the phrases that matched, or for a reference the words
	// that refer ("the deal").
	Words []string
	// Antecedent is, for a reference, the ¶ that named the topic (0 for the
	// title or standfirst); for a thread, the ¶ on the topic before it.
	Antecedent int
	// Text is one line for people: `"minerals deal" (phrase)` or
	// `"the deal" refers to ¶3 (Minerals deal)`.
	Text string
}

// Reasons explains each topic of body paragraph i (0-based, into
// Paragraphs), in topic order; nil when i is out of range.
func (a *Article) Reasons(i int, topics []Topic) []Reason {
	if i < 0 || i >= len(a.Paragraphs) {
		return nil
	}
	return a.Paragraphs[i].Reasons(topics)
}

// Reasons explains each of the paragraph's topics, in topic order.
func (p Paragraph) Reasons(topics []Topic) []Reason {
	var out []Reason
	for _, s := range p.Spans {
		if s.Start < 0 || s.End > len(p.Text) || s.Start >= s.End || s.Topic < 0 || s.Topic >= len(topics) {
			continue
		}
		words := strings.Join(strings.Fields(p.Text[s.Start:s.End]), " ")
		n := len(out)
		if n == 0 || out[n-1].Topic != s.Topic {
			out = append(out, Reason{Topic: s.Topic, Via: s.Via, Antecedent: s.Antecedent})
			n++
		}
		r := &out[n-1]
		if !containsFold(r.Words, words) {
			r.Words = append(r.Words, words)
		}
	}
	for i := range out {
		out[i].Text = out[i].describe(topics[out[i].Topic])
		if p.Kind == Title && out[i].Via == ViaReference && out[i].Antecedent == 0 {
			// A headline's noun that the standfirst names, not itself.
			out[i].Text = strings.Replace(out[i].Text, "refers to the headline", "refers to the standfirst", 1)
		}
	}
	return out
}

func (r Reason) describe(t Topic) string {
	quoted := make([]string, len(r.Words))
	for i, w := range r.Words {
		quoted[i] = `"` + w + `"`
	}
	words := strings.Join(quoted, ", ")
	where := fmt.Sprintf("¶%d", r.Antecedent)
	if r.Antecedent == 0 {
		where = "the headline"
	}
	switch r.Via {
	case ViaReference:
		return fmt.Sprintf("%s refers to %s (%s)", words, where, t.Name)
	case ViaThread:
		return fmt.Sprintf("continues %s (%s): no phrase of its own, inside the article's run on it", where, t.Name)
	}
	return words + " (phrase)"
}

func containsFold(list []string, s string) bool {
	for _, x := range list {
		if strings.EqualFold(x, s) {
			return true
		}
	}
	return false
}
