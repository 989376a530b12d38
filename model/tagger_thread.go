package model

import (
	"strings"
	"unicode/utf8"
)

// Threads: a news story names its topic in the lead, then goes on with
// quotes, reactions and next steps that only their place ties to it
// ("Scholz said he was irritated by the discussion"), and ends with
// paragraphs on something else (strikes overnight, another meeting). A
// body paragraph that names no thread topic of its own carries the topic
// of the paragraph before it when something ties it to that paragraph: it
// opens with a quote or with "He"/"She"/"They" (the speaker or the actors
// of the paragraph before), or it holds one of the topic's refer nouns in
// any form ("a force", "guarantees", "Friday's accord"). A paragraph that
// opens by turning away ("Separately", "Meanwhile", "Elsewhere") does not.

// threadRef is a counted paragraph of an article, in reading order.
type threadRef struct {
	p      *Paragraph
	k      int      // its place among the article's head and body paragraphs
	topics TopicSet // its own topics, before threads
	tie    tie
}

// carried is the span of a topic a thread carries into paragraph k.
type carried struct {
	k    int
	span Span
}

// tie is what ties a paragraph to the one before it.
type tie struct {
	loose   TopicSet // topics whose refer nouns it holds, in any form
	quote   bool     // it opens with a quotation mark
	pronoun bool     // it opens with He, She or They, or its opening quote is theirs ("…," he said)
	shell   bool     // it speaks of "the plan", "the proposal", "that idea": the paragraph before's
	away    bool     // it opens by turning away: "Separately", "Meanwhile"
	short   bool     // a byline, "What happens next?", a one-line aside
	// first, firstEnd: the paragraph's first word, where a carried topic's
	// span goes.
	first, firstEnd int32
}

// ties reports whether anything may tie the paragraph to the one before.
func (tt tie) ties() bool {
	return !tt.away && !tt.short && (tt.loose != 0 || tt.quote || tt.pronoun || tt.shell)
}

// minThreadWords: a paragraph shorter than this (a byline, "What happens
// next?", "Read also: …", a one-line aside) is not reporting that a thread
// runs through.
const minThreadWords = 12

// Shell nouns stand for whatever the paragraph before set out: "the plan",
// "the proposal", "that idea", "the US offer".
var shellNoun = wordSet("plan", "plans", "proposal", "proposals", "idea", "initiative", "offer", "scheme", "move", "step", "demand", "demands")

func isShellNoun(w []byte) bool {
	switch string(w) {
	case "plan", "plans", "proposal", "proposals", "idea", "initiative", "offer", "scheme", "move", "step", "demand", "demands":
		return true
	}
	return false
}

// Words after a shell noun that say what it is ("the demand for a
// ceasefire"): then it is not the paragraph before's.
var shellDefined = wordSet("of", "for")

// maxShellAt is how far into a paragraph a shell noun ties it.
const maxShellAt = 20

// shellStart holds the first letters of the shell nouns, so that most words
// are passed over without a lookup.
var shellStart = func() (b [256]bool) {
	for w := range shellNoun {
		b[w[0]] = true
	}
	return b
}()

// Words that open a paragraph turning away from the story before it.
var turnAway = wordSet("separately", "meanwhile", "elsewhere", "also", "earlier", "later", "in", "on", "at", "background")

// Openers among turnAway that turn away only with the words after them
// ("In other news", "On the battlefield"); other phrases starting with
// them ("In a statement") do not.
var turnAwayAfter = map[string][]string{
	"in":    {"other news", "a separate", "separate", "other developments", "ukraine,", "russia,", "the meantime"},
	"on":    {"the battlefield", "the ground,", "the front", "the front line"},
	"also":  {"on", "in"},
	"at":    {"home"},
	"later": {""},
	// "Earlier, …", "Earlier this week", but not "Earlier drafts of the deal".
	"earlier": {",", "this ", "today", "on ", "in ", "that ", "last ", "yesterday"},
	// "Background: …", the label of a paragraph of context.
	"background": {":"},
}

func (t *Tagger) tieOf(st *tagState, text string) tie {
	toks := st.tz.tokens
	tt := tie{loose: st.loose, short: len(toks) < minThreadWords}
	if tt.short {
		return tt
	}
	tt.first, tt.firstEnd = toks[0].start, toks[0].end
	r, _ := utf8.DecodeRuneInString(text)
	tt.quote = strings.ContainsRune(`"“‘'«`, r)
	if tt.quote {
		// The quote's speaker is a pronoun: the person of the paragraph
		// before ("…," he said).
		for _, q := range []string{"\" he ", "” he ", "\" she ", "” she ", "\" they ", "” they "} {
			if i := strings.Index(text, q); i > 0 && (text[i-1] == ',' || text[i-1] == '.') {
				tt.pronoun = true
			}
		}
	}
	// "the plan" stands for the paragraph before's, unless this paragraph
	// brought in one of its own first ("rejected a US proposal … the idea").
	// It comes early, in the subject or the first clause; further on, a
	// shell noun is more often this paragraph's own.
	for i := 1; i < len(toks) && i < maxShellAt && !tt.shell; i++ {
		if n := toks[i].end - toks[i].start; n < 4 || n > 10 || !shellStart[text[toks[i].start]|0x20] || !isShellNoun(st.tz.norm(toks[i])) {
			continue
		}
		j := i - 1
		for j > 0 && j > i-3 && (genericMod[string(st.tz.norm(toks[j]))] || partyMod[string(st.tz.norm(toks[j]))]) {
			j--
		}
		w := st.tz.norm(toks[j])
		if indefinite[string(w)] {
			break
		}
		// "the plan", "that idea", "the Russian leader's demand", but not
		// "Mr Rubio's plans", which a name brings in.
		det := definite[string(w)] || st.tz.possessiveS(int32(j)) && (!st.tz.capitalised(int32(j)) || j > 0 && definite[string(st.tz.norm(toks[j-1]))])
		// "the plan for elections", "his demand of …" say what it is.
		tt.shell = det && (i+1 == len(toks) || !shellDefined[string(st.tz.norm(toks[i+1]))])
	}
	first := string(st.tz.norm(toks[0]))
	switch first {
	case "he", "she", "they":
		tt.pronoun = st.tz.capitalised(0)
	case "in":
		// "In return, Zelensky signalled …": what one side gives for what
		// the paragraph before set out.
		if len(toks) > 1 {
			switch string(st.tz.norm(toks[1])) {
			case "return", "exchange":
				tt.pronoun = true
			}
		}
	}
	if turnAway[first] {
		if after, ok := turnAwayAfter[first]; ok {
			rest := strings.ToLower(text[toks[0].end:])
			for _, a := range after {
				if strings.HasPrefix(strings.TrimLeft(rest, " "), a) {
					tt.away = true
				}
			}
		} else {
			tt.away = true
		}
	}
	return tt
}

// threads adds thread topics to the article's counted body paragraphs.
func (t *Tagger) threads(st *tagState, a *Article) {
	if t.threadMask == 0 {
		return
	}
	refs := st.threadRefs[:0]
	k := 0
	for _, ps := range [][]Paragraph{a.Head, a.Paragraphs} {
		for i := range ps {
			if ps[i].Kind.Counts() {
				refs = append(refs, threadRef{&ps[i], k, ps[i].Topics, st.ties[k]})
			}
			k++
		}
	}
	st.threadRefs = refs
	for k := 1; k < len(refs); k++ {
		r := refs[k]
		// A standfirst goes on from the headline as a paragraph goes on
		// from the one before.
		// A standfirst that names no topic at all says more of the story its
		// headline names, whatever its words.
		standfirst := r.p.Kind == Standfirst && refs[k-1].p.Kind == Title && r.topics == 0
		if r.p.Kind != Body && (r.p.Kind != Standfirst || refs[k-1].p.Kind != Title) || r.topics&t.threadMask != 0 || !standfirst && !r.tie.ties() {
			continue
		}
		prev := refs[k-1].p
		// A follow word of the topic ties it to the paragraph before; a
		// quote or a pronoun ties it to the run the paragraph stands in,
		// when the paragraph after it is on the topic too.
		set := prev.Topics & t.threadMask & r.tie.loose
		// "the plan" stands for the paragraph before's, when that was on one
		// thing: after a plan's list of points (land, NATO, the army), it
		// is the whole plan, on none of them in particular. A standfirst's
		// is its headline's.
		if standfirst || r.tie.pronoun || r.tie.shell && (prev.Topics.Len() == 1 || r.p.Kind == Standfirst) {
			set |= prev.Topics & t.threadMask
		}
		if r.tie.quote && k+1 < len(refs) {
			set |= prev.Topics & refs[k+1].topics & t.threadMask
		}
		for ti := range set.All() {
			r.p.Topics = r.p.Topics.With(ti)
			a.TopicCounts[ti]++
			st.carried = append(st.carried, carried{r.k, Span{Topic: ti, Start: int(r.tie.first), End: int(r.tie.firstEnd), Via: ViaThread, Antecedent: prev.Index}})
		}
		// A follow word of the story the head names takes it up again
		// after paragraphs on something else: "Defence chiefs will meet
		// again … to take stock of who is prepared to contribute what"
		// under a headline on the force. Not in a paragraph on a topic of
		// its own (the war, sanctions, weapons), where the story's words
		// ("withdrawal", "money") mean something else.
		if r.p.Kind != Body || r.topics != 0 {
			continue
		}
		for ti := range (r.tie.loose & st.story &^ set).All() {
			j := k - 1
			for j >= 0 && !refs[j].p.Topics.Has(ti) {
				j--
			}
			if j < 0 {
				continue
			}
			r.p.Topics = r.p.Topics.With(ti)
			a.TopicCounts[ti]++
			st.carried = append(st.carried, carried{r.k, Span{Topic: ti, Start: int(r.tie.first), End: int(r.tie.firstEnd), Via: ViaThread, Antecedent: refs[j].p.Index}})
		}
	}
}
