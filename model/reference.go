package model

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// References: after an article names a topic ("the minerals deal"), later
// paragraphs often speak of it as "the deal", "that accord" or "the
// signing". A topic's refer nouns (topics.yaml) let such a definite or
// demonstrative mention take the topic of the nearest earlier paragraph
// that named it, unless a nearer mention of the same noun named something
// else ("a peace deal", "the ceasefire agreement", "the coalition
// government"). It is one pass over the article, in reading order, head
// first; the rules below are about English, the nouns are data.

// Via says how a span's topic was found.
type Via uint8

const (
	// ViaPhrase: one of the topic's patterns matched Start:End.
	ViaPhrase Via = iota
	// ViaReference: Start:End is a reference ("the deal") to the topic,
	// named in the paragraph Span.Antecedent.
	ViaReference
	// ViaThread: the paragraph names nothing itself, but it stands inside
	// the article's run of paragraphs on the topic (a reaction, a quote,
	// a next step); Antecedent is the paragraph on the topic before it and
	// Start:End its first word.
	ViaThread
)

func (v Via) String() string {
	switch v {
	case ViaReference:
		return "reference"
	case ViaThread:
		return "thread"
	}
	return "phrase"
}

// referGroup is one item of a topic's refer list.
type referGroup struct {
	topic  int
	plural []int32 // word ids of nouns written in the plural, which refer only in the plural
	follow []int32 // word ids of nouns that are also the topic's follow words (tagger_thread.go)
}

// referNoun is one noun of a refer group: its stem, and whether it was
// written in the plural ("funds": frozen money, where "the fund" is often
// the IMF).
type referNoun struct {
	stem   string
	plural bool
}

// ante is where a refer group stands in the article read so far.
type ante struct {
	seq     int32 // when it was last named or stopped; 0 for never
	para    int32 // the ¶ that named it (0 for the head)
	stopped bool  // last mentioned as something else
}

// referGroups splits a topic's refer items into groups of nouns.
func referGroups(t Topic) ([][]referNoun, error) {
	var out [][]referNoun
	for _, item := range t.Refer {
		var group []referNoun
		for n := range strings.SplitSeq(item, "|") {
			n = strings.ToLower(strings.TrimSpace(n))
			var tz tokenizer
			tz.tokenize(n)
			if len(tz.tokens) != 1 || int(tz.tokens[0].end) != len(n) || len(n) < 2 {
				return nil, fmt.Errorf("refer %q: %q must be one word", item, n)
			}
			st := string(stem(nil, tz.norm(tz.tokens[0])))
			group = append(group, referNoun{stem: st, plural: st != n && strings.HasSuffix(n, "s")})
		}
		out = append(out, group)
	}
	return out, nil
}

// checkReferences validates a topic's refer and block lists.
func checkReferences(t *Topic) error {
	if _, err := referGroups(*t); err != nil {
		return err
	}
	if len(t.Block) > 0 && len(t.Refer) == 0 {
		return errors.New("block needs refer: it stops references, and the topic has none")
	}
	for _, b := range t.Block {
		pat, err := parsePattern(b)
		if err != nil {
			return fmt.Errorf("block %q: %w", b, err)
		}
		if pat.right != nil {
			return fmt.Errorf("block %q: ~N is not supported in block phrases", b)
		}
	}
	return nil
}

// Words that make a mention of a refer noun definite ("the deal", "that
// accord") or indefinite, which introduces something new ("a deal", "any
// agreement"); modifiers that keep the referent ("the final deal", "the
// $500 billion fund"); and the parties' names, which keep it only before a
// singular noun ("the US-Ukraine agreement", but "the Ukrainian forces" are
// an army, not the force).
var (
	definite   = wordSet("the", "this", "that", "these", "those", "such", "said")
	indefinite = wordSet("a", "an", "another", "any", "no", "some", "every", "other")
	possessive = wordSet("its", "their", "our", "his", "her", "your", "my")
	genericMod = wordSet("proposed", "draft", "final", "new", "landmark", "framework", "long", "awaited",
		"delayed", "planned", "signed", "revised", "latest", "original", "whole", "entire", "same",
		"initial", "bilateral", "historic", "controversial", "so", "called", "current", "full", "broader",
		"wider", "eventual", "agreed", "amended", "updated", "potential", "possible", "preliminary",
		"envisaged", "much", "touted", "first", "joint", "jointly", "run", "overall", "two", "country",
		"billion", "million", "trillion", "bn", "dollar", "euro", "multibillion", "promised", "pledged",
		"existing", "economic", "financial", "technical", "april", "may", "june", "july", "march",
		"february", "january", "august", "september", "october", "november", "december",
		"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "military")
	partyMod = wordSet("us", "american", "ukraine", "ukrainian", "kyiv", "kiev", "washington", "european", "europe", "eu")
)

func wordSet(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

func isNumber(w []byte) bool {
	// Digits, and an amount's unit after them ("140bn", "90m", "2.5tn"):
	// "the €140bn scheme" is still the scheme.
	i := 0
	for i < len(w) && (w[i] >= '0' && w[i] <= '9' || i > 0 && (w[i] == '.' || w[i] == ',')) {
		i++
	}
	if i == 0 {
		return false
	}
	switch string(w[i:]) {
	case "", "bn", "m", "mn", "k", "tn", "b":
		return true
	}
	return false
}

// name records that topic ti is named in paragraph para.
func (t *Tagger) name(st *tagState, ti, para int) {
	st.seq++
	for _, g := range t.topicGroups[ti] {
		st.ante[g] = ante{seq: st.seq, para: int32(para)}
	}
}

func (st *tagState) stop(g int32) {
	st.seq++
	st.ante[g] = ante{seq: st.seq, stopped: true}
}

// references reads one paragraph (already tagged by phrase: set, and its
// spans out[mine:]) in order: its phrases name topics, and its definite
// mentions of refer nouns take the topic that was named last for them.
func (t *Tagger) references(st *tagState, para int, set TopicSet, out []Span, mine int) (TopicSet, []Span) {
	if len(st.nouns) == 0 && len(st.blockSpans) == 0 {
		// Nothing refers here: order does not matter, only what it names.
		for ti := range set.All() {
			t.name(st, ti, para)
		}
		return set, out
	}
	var named, referred TopicSet
	blocked := 0 // st.blockSpans before it have been read
	// upTo reads the phrases and blocks that start before token i.
	upTo := func(i int32) {
		for _, s := range st.tokSpans {
			if s.first <= i && !named.Has(s.topic) {
				named = named.With(s.topic)
				t.name(st, s.topic, para)
			}
		}
		for ; blocked < len(st.blockSpans) && st.blockSpans[blocked].first <= i; blocked++ {
			if s := st.blockSpans[blocked]; !t.holdsNoun(st, s) {
				// "the IMF": something else the topic's nouns could now
				// mean ("the fund", "the loan").
				for _, g := range t.topicGroups[s.topic] {
					st.stop(g)
				}
			}
		}
	}
	for _, i := range st.nouns {
		upTo(i)
		from := int32(0)
		if i > 0 {
			from = st.candEnd[i-1]
		}
		for _, id := range st.cands[from:st.candEnd[i]] {
			if int(id) < len(t.referOf) && t.referOf[id] != nil {
				out = t.mention(st, i, id, t.groupsOf(st, i, id), para, set, &referred, out)
			}
		}
	}
	upTo(int32(len(st.candEnd)))
	if referred != 0 {
		sortSpans(out[mine:])
	}
	return set | referred, out
}

// groupsOf lists the refer groups of word id at token i, leaving out those
// where the noun refers only in the plural and the token is singular.
func (t *Tagger) groupsOf(st *tagState, i, id int32) []int32 {
	groups := t.referOf[id]
	if st.tz.isPlural(i) {
		return groups
	}
	kept := st.groupBuf[:0]
	for _, g := range groups {
		if !slices.Contains(t.groups[g].plural, id) {
			kept = append(kept, g)
		}
	}
	st.groupBuf = kept
	return kept
}

// holdsNoun reports whether block span s contains one of its topic's refer
// nouns; such a block stops that noun's groups when the noun is read.
func (t *Tagger) holdsNoun(st *tagState, s tokSpan) bool {
	for i := s.first; i <= s.last; i++ {
		from := int32(0)
		if i > 0 {
			from = st.candEnd[i-1]
		}
		for _, id := range st.cands[from:st.candEnd[i]] {
			if int(id) < len(t.referOf) {
				for _, g := range t.referOf[id] {
					if t.groups[g].topic == s.topic {
						return true
					}
				}
			}
		}
	}
	return false
}

// covering is the set of topics whose phrases cover token i.
func covering(spans []tokSpan, i int32) TopicSet {
	var set TopicSet
	for _, s := range spans {
		if s.first <= i && i <= s.last {
			set = set.With(s.topic)
		}
	}
	return set
}

// mention handles refer noun token i (word id), of the groups given.
func (t *Tagger) mention(st *tagState, i, id int32, groups []int32, para int, set TopicSet, referred *TopicSet, out []Span) []Span {
	toks := st.tz.tokens
	// Part of a phrase ("security guarantees", "ceasefire agreement"): the
	// phrase's topic was named; the noun names nothing else.
	cover := covering(st.tokSpans, i)
	if i > 0 {
		cover |= covering(st.tokSpans, i-1)
	}
	if cover != 0 {
		for _, g := range groups {
			if !cover.Has(t.groups[g].topic) {
				st.stop(g)
			}
		}
		return out
	}
	var blocked uint64 // groups[k] is blocked here
	for k, g := range groups {
		s := tokSpan{t.groups[g].topic, i, i}
		if overlapsAny(s, st.blockSpans) || overlapsAny(s, st.exceptSpans) {
			st.stop(g)
			blocked |= 1 << (k & 63)
		}
	}
	singular := !st.tz.isPlural(i)
	j := i - 1
	for skipped := 0; j >= 0 && skipped < 4; skipped++ {
		w := st.tz.norm(toks[j])
		if !genericMod[string(w)] && !isNumber(w) && !(singular && partyMod[string(w)]) {
			break
		}
		j--
	}
	var w []byte
	if j >= 0 {
		w = st.tz.norm(toks[j])
	}
	// A follow noun ties the paragraph to a thread on its topic when it
	// heads a noun phrase of its own, after a determiner: "a force", "any
	// mission", "the money", "its money"; not "Russian forces" or "short
	// of money".
	// Written in the singular, it ties in the singular: "its forces" are
	// an army.
	if (st.mayCarry || st.story != 0) && singular && (definite[string(w)] || indefinite[string(w)] || possessive[string(w)]) {
		for k, g := range groups {
			if blocked&(1<<(k&63)) == 0 && slices.Contains(t.groups[g].follow, id) {
				st.loose = st.loose.With(t.groups[g].topic)
			}
		}
	}
	// "the signing of a truce": what follows defines it.
	if j < 0 || int(i)+1 < len(toks) && string(st.tz.norm(toks[i+1])) == "of" {
		return out
	}
	from := j // where the reference starts
	// Headlines and standfirsts drop articles: in the head a bare noun
	// ("accord lacks guarantees", "to send joint military mission") is
	// definite, and the standfirst's "a joint fund" retells the headline's.
	head := false
	if para == 0 && !definite[string(w)] {
		switch {
		case indefinite[string(w)]:
			head = true
		case !st.tz.capitalised(j) && (j == 0 || !definite[string(st.tz.norm(toks[j-1]))] && !indefinite[string(st.tz.norm(toks[j-1]))]):
			head, from = true, j+1
		}
	}
	switch {
	case (string(w) == "that" || string(w) == "this") && !singular:
		// "agreed that funds would…": a conjunction, not a demonstrative.
	case definite[string(w)] || restates(st, j) || head:
		best := int32(-1)
		for _, g := range groups {
			if st.ante[g].seq > 0 && (best < 0 || st.ante[g].seq > st.ante[best].seq) {
				best = g
			}
		}
		if best < 0 {
			if para == 0 {
				// Nothing before names it: a headline's noun may stand
				// for what the standfirst or the lead names.
				for _, g := range groups {
					st.pending = append(st.pending, pendingRef{k: int32(st.k), group: g, start: toks[from].start, end: toks[i].end})
				}
			}
			return out
		}
		if st.ante[best].stopped {
			return out
		}
		ti := t.groups[best].topic
		if set.Has(ti) || referred.Has(ti) {
			return out
		}
		*referred = referred.With(ti)
		return append(out, Span{Topic: ti, Start: int(toks[from].start), End: int(toks[i].end), Via: ViaReference, Antecedent: int(st.ante[best].para)})
	case indefinite[string(w)]:
		for _, g := range groups {
			// The lead retells the headline: its "a deal" is the
			// headline's minerals deal, not a new one.
			if a := st.ante[g]; para == 1 && a.seq > 0 && !a.stopped && a.para == 0 {
				continue
			}
			st.stop(g)
		}
	default:
		// "the peace deal", "a trade agreement": a determiner before an
		// unknown modifier names something else; so does a name ("Witkoff's
		// mission", "the Istanbul agreement"), though not a nationality
		// ("Russian forces" are not another force of the topic's).
		// Headlines capitalise every word: a capital there is no name.
		other := para != 0 && st.tz.capitalised(j) && !demonym(w)
		for k := j - 1; k >= 0 && k >= j-2 && !other; k-- {
			w := st.tz.norm(toks[k])
			// "this is a true partnership" says what the subject is; it
			// neither names something new nor refers.
			other = definite[string(w)] || indefinite[string(w)] && !restates(st, k)
		}
		if other {
			for _, g := range groups {
				st.stop(g)
			}
		}
	}
	return out
}

// pendingRef is a reference in the head ("plan Ukraine force") that no
// paragraph before it named: it takes its topic when the standfirst or the
// lead names one of the group's topics.
type pendingRef struct {
	k          int32 // the head paragraph's place in the article
	group      int32
	start, end int32 // its text
}

// resolveForward gives the head paragraphs the topics their pending
// references stand for, when p (the standfirst or the lead) names them by
// a phrase of its own. The head reads like a summary of what follows: a
// headline's "Army chiefs meet to plan Ukraine force" is the force the
// standfirst calls "a post-ceasefire mission". After the lead, nothing is
// pending.
func (t *Tagger) resolveForward(st *tagState, a *Article, p *Paragraph) {
	kept := st.pending[:0]
	for _, r := range st.pending {
		if int(r.k) >= st.k {
			kept = append(kept, r)
			continue
		}
		ti := t.groups[r.group].topic
		if !st.phrase.Has(ti) || int(r.k) >= len(a.Head) {
			kept = append(kept, r)
			continue
		}
		h := &a.Head[r.k]
		if h.Topics.Has(ti) {
			continue
		}
		h.Topics = h.Topics.With(ti)
		a.TopicCounts[ti]++
		st.story |= h.Topics & t.threadMask
		st.forward = append(st.forward, carried{int(r.k), Span{Topic: ti, Start: int(r.start), End: int(r.end), Via: ViaReference, Antecedent: p.Index}})
	}
	st.pending = kept
	if p.Kind == Body {
		st.pending = st.pending[:0]
	}
	slices.SortStableFunc(st.forward, func(x, y carried) int { return x.k - y.k })
}

// Words around a predicate noun: "this is only a framework agreement",
// "it is not a force to replace Ukraine's army", "such a partnership".
var (
	copula       = wordSet("is", "was", "are", "were", "be", "been", "being", "remains", "remained", "remain", "becomes", "became", "become")
	predicateAdv = wordSet("only", "just", "not", "merely", "simply", "also", "still", "really", "truly", "never", "indeed")
)

// restates reports whether the article "a" or "an" at token j restates
// something already in the text rather than introducing something new:
// "such a deal", or a predicate after a copula ("this is only a framework
// agreement") — but not "there is a fund", which introduces one.
func restates(st *tagState, j int32) bool {
	toks := st.tz.tokens
	if w := string(st.tz.norm(toks[j])); w != "a" && w != "an" {
		return false
	}
	k := j - 1
	if k >= 0 && string(st.tz.norm(toks[k])) == "such" {
		return true
	}
	for skipped := 0; k >= 0 && skipped < 2 && predicateAdv[string(st.tz.norm(toks[k]))]; skipped++ {
		k--
	}
	if k < 0 || !copula[string(st.tz.norm(toks[k]))] {
		return false
	}
	return k == 0 || string(st.tz.norm(toks[k-1])) != "there"
}

// isPlural reports whether token i is written as a plural (ends in s).
func (tz *tokenizer) isPlural(i int32) bool {
	w := tz.text[tz.tokens[i].start:tz.tokens[i].end]
	return len(w) > 2 && (w[len(w)-1] == 's' || w[len(w)-1] == 'S')
}

// possessiveS reports whether token i is written with a possessive 's
// ("leader's"), which its normal form drops.
func (tz *tokenizer) possessiveS(i int32) bool {
	w := tz.text[tz.tokens[i].start:tz.tokens[i].end]
	return strings.HasSuffix(w, "'s") || strings.HasSuffix(w, "’s") || strings.HasSuffix(w, "'S") || strings.HasSuffix(w, "’S")
}

// capitalised reports whether token i starts with a capital letter.
func (tz *tokenizer) capitalised(i int32) bool {
	r, _ := utf8.DecodeRuneInString(tz.text[tz.tokens[i].start:])
	return unicode.IsUpper(r)
}

// demonym reports a word that reads as a nationality (Russian, Chinese,
// British, French, Israeli) by its ending.
func demonym(w []byte) bool {
	for _, suffix := range []string{"an", "ese", "ish", "ch", "i"} {
		if strings.HasSuffix(string(w), suffix) {
			return true
		}
	}
	return false
}
