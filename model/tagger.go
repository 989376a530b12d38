package model

import (
	"fmt"
	"slices"
	"strings"
	"unsafe"
)

// Span is a stretch of a paragraph's text that gave it a topic, in byte
// offsets into Paragraph.Text (always on rune boundaries): a phrase that
// matched, or a reference back to the topic ("the deal").
type Span struct {
	Topic      int // index into the topic list
	Start, End int
	Via        Via // how the topic was found
	// Antecedent is, for a reference, the ¶ index of the paragraph that
	// named the topic (0 for the title or standfirst).
	Antecedent int
}

// Tagger links paragraphs to topics. It compiles every pattern of every
// topic into one trie over words, so a paragraph is read once whatever the
// number of topics and patterns. A Tagger is immutable and safe for
// concurrent use.
type Tagger struct {
	topics []Topic
	exact  map[string]int32   // stemmed word → word id
	prefix [256][]prefixEntry // by first byte of the word
	nodes  []trieNode         // nodes[0] is the root
	root   []int32            // root[word id] is the root's child, 0 for none
	atoms  []atom             // what reaching a trie end means
	near   []nearRule         // proximity rules
	gate   wordGate
	// short holds the pattern-word ids of every word of one to three
	// lower-case letters ("a", "of", "the": the commonest words of a text),
	// so they are looked up without hashing; shortIDs holds the ids.
	short    []shortWord
	shortIDs []int32
	// References (reference.go): referOf[word id] lists the refer groups a
	// word belongs to; topicGroups[topic] lists the topic's groups.
	groups      []referGroup
	referOf     [][]int32
	topicGroups [][]int32
	threadMask  TopicSet // the topics whose runs carry over (tagger_thread.go)
}

// wordGate knows the first four bytes of every word some pattern word can
// match, so that most words of a text (the, said, and) are known to match
// nothing without a cache lookup. It may let a word through that then
// matches nothing; it never stops one that matches.
type wordGate [1 << (gateBits - 6)]uint64

const gateBits = 18

// gateKey hashes a word's first four bytes; a shorter word is padded with
// zeros, so "the" and "these" have different keys.
func gateKey(w string) uint32 {
	// The first four bytes, big-endian, zeros past the end: written out,
	// it is a few instructions per word of every text.
	var h uint32
	switch len(w) {
	case 0:
	case 1:
		h = uint32(w[0]) << 24
	case 2:
		h = uint32(w[0])<<24 | uint32(w[1])<<16
	case 3:
		h = uint32(w[0])<<24 | uint32(w[1])<<16 | uint32(w[2])<<8
	default:
		h = uint32(w[0])<<24 | uint32(w[1])<<16 | uint32(w[2])<<8 | uint32(w[3])
	}
	return (h * 2654435761) >> (32 - gateBits)
}

func (g *wordGate) add(w string) {
	k := gateKey(w)
	g[k>>6] |= 1 << (k & 63)
}

// addPrefix admits every word that starts with p.
func (g *wordGate) addPrefix(p string) {
	if len(p) >= 4 {
		g.add(p)
		return
	}
	g.add(p) // the word p itself
	for b := range 256 {
		g.add(p + string([]byte{byte(b)}))
	}
}

func (g *wordGate) admits(w []byte) bool {
	k := gateKey(unsafe.String(unsafe.SliceData(w), len(w)))
	return g[k>>6]&(1<<(k&63)) != 0
}

type prefixEntry struct {
	prefix string
	id     int32
}

// trieNode is one position in a pattern's word sequence. The root, where
// every word of a text is tried, finds its children by word id in Tagger.root;
// the other nodes have few children (at most a few dozen) and scan them.
type trieNode struct {
	edges  []edge
	accept []occurrence // the atoms reached here, as occurrences to fill in (first, last)
}

type edge struct{ word, child int32 }

type atomRole uint8

const (
	roleMatch atomRole = iota
	roleNearLeft
	roleNearRight
	roleExcept
	roleBlock   // a mention of a refer noun that names something else
	roleContext // counts only once the article has named the topic
	roleFollow  // ties a paragraph to a thread on the topic just before it
)

type atom struct {
	topic int
	role  atomRole
	rule  int // index into near for the proximity roles
}

type nearRule struct {
	topic    int
	distance int
	except   bool // a proximity exception: cancels what it overlaps
}

// NewTagger compiles the topics' patterns.
func NewTagger(topics []Topic) (*Tagger, error) {
	t := &Tagger{topics: topics, exact: map[string]int32{}, nodes: []trieNode{{}}}
	words := map[wordSpec]int32{}
	wordID := func(w wordSpec) int32 {
		if id, ok := words[w]; ok {
			return id
		}
		id := int32(len(words))
		words[w] = id
		if w.prefix {
			t.prefix[w.text[0]] = append(t.prefix[w.text[0]], prefixEntry{w.text, id})
			t.gate.addPrefix(w.text)
		} else {
			t.exact[w.text] = id
			// Every form that stems to it: as is, +s, y → ies.
			t.gate.add(w.text)
			t.gate.add(w.text + "s")
			if base, ok := strings.CutSuffix(w.text, "y"); ok {
				t.gate.add(base + "ies")
			}
		}
		return id
	}
	insert := func(seqs []wordSeq, a atom) {
		id := int32(len(t.atoms))
		t.atoms = append(t.atoms, a)
		for _, seq := range seqs {
			n := int32(0)
			for _, w := range seq {
				wid := wordID(w)
				child := t.child(n, wid)
				if child == 0 {
					child = int32(len(t.nodes))
					t.nodes = append(t.nodes, trieNode{})
					if n == 0 {
						if int(wid) >= len(t.root) {
							t.root = append(t.root, make([]int32, int(wid)+1-len(t.root))...)
						}
						t.root[wid] = child
					} else {
						t.nodes[n].edges = append(t.nodes[n].edges, edge{wid, child})
					}
				}
				n = child
			}
			if !slices.ContainsFunc(t.nodes[n].accept, func(o occurrence) bool { return o.atom == id }) {
				o := occurrence{atom: id}
				if a.role == roleNearRight {
					o.right = int32(a.rule) + 1
				}
				t.nodes[n].accept = append(t.nodes[n].accept, o)
			}
		}
	}
	// add compiles one pattern of topic ti: a plain one matches (or, for an
	// exception, cancels) by itself; a proximity rule needs both sides.
	add := func(ti int, p string, except bool) error {
		pat, err := parsePattern(p)
		if err != nil {
			return err
		}
		if pat.right == nil {
			role := roleMatch
			if except {
				role = roleExcept
			}
			insert(pat.left, atom{topic: ti, role: role})
			return nil
		}
		rule := len(t.near)
		t.near = append(t.near, nearRule{topic: ti, distance: pat.near, except: except})
		insert(pat.left, atom{topic: ti, role: roleNearLeft, rule: rule})
		insert(pat.right, atom{topic: ti, role: roleNearRight, rule: rule})
		return nil
	}
	t.topicGroups = make([][]int32, len(topics))
	for ti, topic := range topics {
		if topic.Thread {
			t.threadMask = t.threadMask.With(ti)
		}
		for _, p := range topic.Patterns {
			if err := add(ti, p, false); err != nil {
				return nil, err
			}
		}
		for _, p := range topic.Except {
			if err := add(ti, p, true); err != nil {
				return nil, err
			}
		}
		for _, p := range topic.Block {
			pat, err := parsePattern(p)
			if err != nil {
				return nil, err
			}
			insert(append(pat.left, pat.right...), atom{topic: ti, role: roleBlock})
		}
		for _, p := range topic.Context {
			pat, err := parsePattern(p)
			if err != nil {
				return nil, err
			}
			if pat.right != nil {
				return nil, fmt.Errorf("topic %s: context %q: a context phrase cannot use ~N", topic.ID, p)
			}
			insert(pat.left, atom{topic: ti, role: roleContext})
		}
		groups, err := referGroups(topic)
		if err != nil {
			return nil, err
		}
		// A follow word that is one of the topic's refer nouns is read with
		// the references (it needs a noun phrase of its own); the others
		// are phrases in the trie.
		followNouns := map[string]bool{}
		for _, p := range topic.Follow {
			pat, err := parsePattern(p)
			if err != nil {
				return nil, err
			}
			if pat.right != nil {
				return nil, fmt.Errorf("topic %s: follow %q: a follow phrase cannot use ~N", topic.ID, p)
			}
			var rest []wordSeq
			for _, seq := range pat.left {
				// A refer noun written in the singular ("force"), alone.
				if len(seq) == 1 && !seq[0].prefix && isReferNoun(groups, seq[0].text) && writtenSingular(p, seq[0].text) {
					followNouns[seq[0].text] = true
					continue
				}
				rest = append(rest, seq)
			}
			if len(rest) > 0 {
				insert(rest, atom{topic: ti, role: roleFollow})
			}
		}
		for _, nouns := range groups {
			g := int32(len(t.groups))
			t.groups = append(t.groups, referGroup{topic: ti})
			t.topicGroups[ti] = append(t.topicGroups[ti], g)
			for _, n := range nouns {
				id := wordID(wordSpec{text: n.stem})
				if n.plural {
					t.groups[g].plural = append(t.groups[g].plural, id)
				}
				if followNouns[n.stem] {
					t.groups[g].follow = append(t.groups[g].follow, id)
				}
				if int(id) >= len(t.referOf) {
					t.referOf = append(t.referOf, make([][]int32, int(id)+1-len(t.referOf))...)
				}
				if !slices.Contains(t.referOf[id], g) {
					t.referOf[id] = append(t.referOf[id], g)
				}
			}
		}
	}
	t.indexShortWords()
	return t, nil
}

// writtenSingular reports whether the follow item p spells stem as a word
// of its own as is ("force" in "(force|mission)", not "assets").
func writtenSingular(p, stem string) bool {
	for _, w := range strings.FieldsFunc(p, func(r rune) bool { return r == '(' || r == ')' || r == '|' || r == ' ' }) {
		if strings.ToLower(w) == stem {
			return true
		}
	}
	return false
}

// isReferNoun reports whether stem is one of the nouns of groups.
func isReferNoun(groups [][]referNoun, stem string) bool {
	for _, g := range groups {
		for _, n := range g {
			if n.stem == stem {
				return true
			}
		}
	}
	return false
}

// shortWord is a word of one to three letters in Tagger.short.
type shortWord struct {
	start int32 // its ids are shortIDs[start:start+n]
	n     uint8
	refer bool
}

// shortKey indexes Tagger.short: each of up to three letters is 1–26, 0 past
// the end; -1 when w is not one to three lower-case ASCII letters.
func shortKey(w []byte) int {
	if len(w) == 0 || len(w) > 3 {
		return -1
	}
	k := 0
	for i := range 3 {
		k *= 27
		if i < len(w) {
			c := w[i]
			if c < 'a' || c > 'z' {
				return -1
			}
			k += int(c-'a') + 1
		}
	}
	return k
}

// indexShortWords fills t.short for every word of one to three letters the
// gate admits.
func (t *Tagger) indexShortWords() {
	t.short = make([]shortWord, 27*27*27)
	var st tagState
	var w [3]byte
	var fill func(n int)
	fill = func(n int) {
		if n > 0 {
			word := w[:n]
			if t.gate.admits(word) {
				start := len(t.shortIDs)
				t.shortIDs = t.matchWord(&st, t.shortIDs, word)
				e := shortWord{start: int32(start), n: uint8(len(t.shortIDs) - start)}
				for _, id := range t.shortIDs[start:] {
					e.refer = e.refer || int(id) < len(t.referOf) && t.referOf[id] != nil
				}
				t.short[shortKey(word)] = e
			}
		}
		if n == 3 {
			return
		}
		for c := byte('a'); c <= 'z'; c++ {
			w[n] = c
			fill(n + 1)
		}
	}
	fill(0)
}

// child is node n's child by word id, 0 when there is none (the root is
// nobody's child).
func (t *Tagger) child(n, word int32) int32 {
	if n == 0 {
		if int(word) < len(t.root) {
			return t.root[word]
		}
		return 0
	}
	for _, e := range t.nodes[n].edges {
		if e.word == word {
			return e.child
		}
	}
	return 0
}

// Topics returns the topic list the tagger was built from.
func (t *Tagger) Topics() []Topic { return t.topics }

// occurrence is one trie match: atom over tokens first..last.
type occurrence struct {
	atom        int32
	first, last int32
	right       int32 // the proximity rule + 1 of a right side, else 0: read in eachMatch's inner loop
}

// tagState holds the buffers one goroutine reuses across paragraphs.
type tagState struct {
	tz          tokenizer
	cands       []int32 // word ids of every token, flattened
	candEnd     []int32 // cands[candEnd[i-1]:candEnd[i]] belong to token i
	joined      []int32 // ids of the closed compound token i + token i+1
	joinEnd     []int32
	occs        []occurrence
	rights      []occurrence // the right sides of proximity rules among occs
	stemBuf     []byte
	joinBuf     []byte
	tokSpans    []tokSpan // the paragraph's phrase matches, by topic then start
	exceptSpans []tokSpan
	blockSpans  []tokSpan
	ctxSpans    []tokSpan // context phrases, which count once their topic is named
	followSpans []tokSpan // follow words (tagger_thread.go)
	// named[ti] is 1 + the ¶ where topic ti was last named in the article
	// (0 for the title or standfirst), 0 when it has not been.
	named    []int32
	pairs    []nearPair
	ante     []ante  // the article's refer groups (reference.go)
	nouns    []int32 // the tokens that are refer nouns
	groupBuf []int32
	seq      int32
	spans    []Span // the current article's spans, paragraph after paragraph
	spanEnds []int  // spans[spanEnds[i-1]:spanEnds[i]] are paragraph i's
	// words caches the pattern-word ids of every word seen, so a word is
	// stemmed and checked against the prefixes once per goroutine, not once
	// per occurrence.
	words   map[string]wordIDs
	wordIDs []int32
	// threadRefs are the article's counted paragraphs (tagger_thread.go);
	// ties, what ties each paragraph of the article to the one before.
	threadRefs []threadRef
	carried    []carried // the spans of the topics threads carry
	ties       []tie
	mayCarry   bool     // the counted paragraph before is, or may be, on a thread topic
	loose      TopicSet // topics whose refer nouns the paragraph holds, in any form
	// k is the place of the paragraph being tagged among the article's
	// head and body paragraphs; phrase, the topics its phrases named.
	k      int
	phrase TopicSet
	// pending are the head's references that nothing before named ("plan
	// Ukraine force" in a headline), until the standfirst or lead names
	// their topic; forward, those it did (reference.go).
	pending []pendingRef
	forward []carried
	// story holds the thread topics the head names (the lead's, when the
	// article has no head): what the article is about (tagger_thread.go).
	story TopicSet
}

type wordIDs struct {
	start, end int32
	refer      bool // one of the ids is a refer noun (reference.go)
}

// maxCachedWords bounds the word cache; past it the cache starts over.
const maxCachedWords = 200_000

// nearPair is both sides of a proximity match, close enough.
type nearPair struct {
	topic       int
	left, right occurrence
}

type tokSpan struct {
	topic       int
	first, last int32
}

// Tag returns the topics of one text and the spans that matched.
func (t *Tagger) Tag(text string) (TopicSet, []Span) {
	var st tagState
	return t.tag(&st, text, nil)
}

// TagArticle tags the head and every paragraph of a, in reading order so
// that references find what earlier paragraphs named, and fills its topic
// counts.
func (t *Tagger) TagArticle(a *Article) {
	var st tagState
	t.tagArticle(&st, a)
}

// tagArticle tags with a state the caller keeps between articles.
func (t *Tagger) tagArticle(st *tagState, a *Article) {
	a.TopicCounts = make([]int, len(t.topics))
	// The article's spans are gathered in st.spans and copied out once:
	// one allocation per article, not one per paragraph with a topic.
	st.spans, st.spanEnds = st.spans[:0], st.spanEnds[:0]
	st.ante, st.seq = slices.Grow(st.ante[:0], len(t.groups))[:len(t.groups)], 0
	clear(st.ante)
	st.named = slices.Grow(st.named[:0], len(t.topics))[:len(t.topics)]
	clear(st.named)
	st.ties, st.mayCarry = st.ties[:0], false
	st.pending, st.forward = st.pending[:0], st.forward[:0]
	st.k, st.story = 0, 0
	lead := len(a.Head) == 0
	for _, ps := range [][]Paragraph{a.Head, a.Paragraphs} {
		for i := range ps {
			p := &ps[i]
			t.tagParagraph(st, p, a.TopicCounts)
			if len(st.pending) > 0 && p.Kind.Counts() {
				t.resolveForward(st, a, p)
			}
			if p.Kind == Title || p.Kind == Standfirst || lead && p.Kind == Body {
				st.story |= p.Topics & t.threadMask
				lead = false
			}
			st.k++
		}
	}
	st.carried = append(st.carried[:0], st.forward...)
	t.threads(st, a)
	spans := make([]Span, 0, len(st.spans)+len(st.carried))
	from, k, c := 0, 0, 0
	for _, ps := range [][]Paragraph{a.Head, a.Paragraphs} {
		for i := range ps {
			mine := len(spans)
			to := st.spanEnds[k]
			spans = append(spans, st.spans[from:to]...)
			from = to
			if c < len(st.carried) && st.carried[c].k == k {
				for ; c < len(st.carried) && st.carried[c].k == k; c++ {
					spans = append(spans, st.carried[c].span)
				}
				sortSpans(spans[mine:])
			}
			if len(spans) > mine {
				ps[i].Spans = spans[mine:len(spans):len(spans)]
			}
			k++
		}
	}
}

// tagParagraph tags one paragraph of an article and counts its topics.
// Captions are never coverage and name nothing (a credit's agency, a place
// shown), so they are not tagged.
func (t *Tagger) tagParagraph(st *tagState, p *Paragraph, counts []int) {
	p.Topics, p.Spans = 0, nil
	st.phrase = 0
	if p.Kind == Caption {
		st.spanEnds = append(st.spanEnds, len(st.spans))
		st.ties = append(st.ties, tie{})
		return
	}
	st.loose = 0
	mine := len(st.spans)
	p.Topics, st.spans = t.tag(st, p.Text, st.spans)
	st.phrase = p.Topics
	named := st.named[:0:0]
	if len(st.ctxSpans) > 0 {
		// What was named before this paragraph, for its context phrases.
		named = append(named, st.named...)
	}
	if len(t.groups) > 0 {
		p.Topics, st.spans = t.references(st, p.Index, p.Topics, st.spans, mine)
	}
	if len(st.ctxSpans) > 0 {
		p.Topics, st.spans = t.contexts(st, named, p.Topics, st.spans, mine)
	}
	for ti := range p.Topics.All() {
		st.named[ti] = int32(p.Index) + 1
	}
	st.spanEnds = append(st.spanEnds, len(st.spans))
	if t.threadMask != 0 {
		// Only a paragraph on no thread topic, after one that is (or may
		// be, by its own tie), needs its tie read.
		var tt tie
		if (p.Kind == Body || p.Kind == Standfirst) && p.Topics&t.threadMask == 0 {
			// A follow word of the article's story ties a paragraph to it
			// wherever it stands (tagger_thread.go).
			if st.mayCarry || p.Kind == Body && st.loose&st.story != 0 {
				tt = t.tieOf(st, p.Text)
			}
		}
		st.ties = append(st.ties, tt)
		if p.Kind.Counts() {
			st.mayCarry = p.Topics&t.threadMask != 0 || tt.ties()
		}
	}
	if p.Kind.Counts() {
		for ti := range p.Topics.All() {
			counts[ti]++
		}
	}
}

// tag finds the topics of text and appends the spans that matched to dst.
func (t *Tagger) tag(st *tagState, text string, dst []Span) (TopicSet, []Span) {
	st.tz.tokenize(text)
	toks := st.tz.tokens
	st.cands, st.candEnd = st.cands[:0], st.candEnd[:0]
	st.joined, st.joinEnd = st.joined[:0], st.joinEnd[:0]
	st.nouns = st.nouns[:0]
	for i, tok := range toks {
		var refer bool
		if st.cands, refer = t.appendWordIDs(st, st.cands, st.tz.norm(tok)); refer {
			st.nouns = append(st.nouns, int32(i))
		}
		st.candEnd = append(st.candEnd, int32(len(st.cands)))
		if tok.joinedByHyphen && i+1 < len(toks) {
			st.joinBuf = append(append(st.joinBuf[:0], st.tz.norm(tok)...), st.tz.norm(toks[i+1])...)
			st.joined, _ = t.appendWordIDs(st, st.joined, st.joinBuf)
		}
		st.joinEnd = append(st.joinEnd, int32(len(st.joined)))
	}
	st.occs = st.occs[:0]
	var cands, joined int32
	for i := range toks {
		// Most words match no pattern word: nothing to walk from them.
		if st.candEnd[i] > cands || st.joinEnd[i] > joined {
			t.walk(st, 0, int32(i), int32(i))
		}
		cands, joined = st.candEnd[i], st.joinEnd[i]
	}
	st.tokSpans, st.exceptSpans, st.blockSpans, st.ctxSpans = st.tokSpans[:0], st.exceptSpans[:0], st.blockSpans[:0], st.ctxSpans[:0]
	if len(st.occs) == 0 {
		return 0, dst
	}
	return t.resolve(st, toks, dst)
}

// appendWordIDs appends the ids of the pattern words that match w.
// It also reports whether one of them is a refer noun.
func (t *Tagger) appendWordIDs(st *tagState, dst []int32, w []byte) ([]int32, bool) {
	if k := shortKey(w); k >= 0 {
		e := t.short[k]
		return append(dst, t.shortIDs[e.start:e.start+int32(e.n)]...), e.refer
	}
	if len(w) == 0 || !t.gate.admits(w) {
		return dst, false
	}
	if e, ok := st.words[string(w)]; ok {
		return append(dst, st.wordIDs[e.start:e.end]...), e.refer
	}
	if st.words == nil || len(st.words) >= maxCachedWords {
		st.words, st.wordIDs = make(map[string]wordIDs), st.wordIDs[:0]
	}
	start := len(st.wordIDs)
	st.wordIDs = t.matchWord(st, st.wordIDs, w)
	e := wordIDs{start: int32(start), end: int32(len(st.wordIDs))}
	for _, id := range st.wordIDs[start:] {
		e.refer = e.refer || int(id) < len(t.referOf) && t.referOf[id] != nil
	}
	st.words[string(w)] = e
	return append(dst, st.wordIDs[start:]...), e.refer
}

// matchWord finds the pattern words w matches: its stem exactly, or a
// prefix pattern.
func (t *Tagger) matchWord(st *tagState, dst []int32, w []byte) []int32 {
	st.stemBuf = stem(st.stemBuf[:0], w)
	if id, ok := t.exact[string(st.stemBuf)]; ok {
		dst = append(dst, id)
	}
	for _, e := range t.prefix[w[0]] {
		if len(w) >= len(e.prefix) && string(w[:len(e.prefix)]) == e.prefix {
			dst = append(dst, e.id)
		}
	}
	return dst
}

// walk follows the trie from node n with the words starting at token pos.
func (t *Tagger) walk(st *tagState, n int32, start, pos int32) {
	if int(pos) >= len(st.candEnd) {
		return
	}
	from := int32(0)
	if pos > 0 {
		from = st.candEnd[pos-1]
	}
	for _, id := range st.cands[from:st.candEnd[pos]] {
		t.step(st, n, id, start, pos)
	}
	// Most paragraphs have no hyphenated compound that is a pattern word.
	if len(st.joined) == 0 {
		return
	}
	jfrom := int32(0)
	if pos > 0 {
		jfrom = st.joinEnd[pos-1]
	}
	for _, id := range st.joined[jfrom:st.joinEnd[pos]] {
		t.step(st, n, id, start, pos+1)
	}
}

func (t *Tagger) step(st *tagState, n, id, start, last int32) {
	child := t.child(n, id)
	if child == 0 {
		return
	}
	node := &t.nodes[child]
	for _, o := range node.accept {
		o.first, o.last = start, last
		st.occs = append(st.occs, o)
	}
	if len(node.edges) > 0 {
		t.walk(st, child, start, last+1)
	}
}

// resolve turns trie occurrences into topics and byte spans: proximity rules
// need both sides close enough, and exceptions cancel what they overlap.
func (t *Tagger) resolve(st *tagState, toks []token, out []Span) (TopicSet, []Span) {
	// Exceptions first, so that a proximity match is dropped whole when an
	// exception covers either of its sides.
	// One pass finds every match; proximity pairs wait for all the
	// exceptions.
	excepts, blocks, spans, pairs, ctx, follow := st.exceptSpans[:0], st.blockSpans[:0], st.tokSpans[:0], st.pairs[:0], st.ctxSpans[:0], st.followSpans[:0]
	t.eachMatch(st, func(rule nearRule, a atom, o, p occurrence) {
		switch {
		case a.role == roleExcept:
			excepts = append(excepts, tokSpan{a.topic, o.first, o.last})
		case a.role == roleBlock:
			blocks = append(blocks, tokSpan{a.topic, o.first, o.last})
		case a.role == roleContext:
			ctx = append(ctx, tokSpan{a.topic, o.first, o.last})
		case a.role == roleFollow:
			follow = append(follow, tokSpan{a.topic, o.first, o.last})
		case a.role == roleMatch:
			spans = append(spans, tokSpan{a.topic, o.first, o.last})
		case rule.except:
			// An exception reads one phrase: "guarantees … financed by
			// Europe" is money, not "… financed by Europe. \"The security
			// guarantees will be decided"".
			if !sentenceBetween(toks, st.tz.text, o, p) {
				excepts = append(excepts, tokSpan{a.topic, min(o.first, p.first), max(o.last, p.last)})
			}
		default:
			pairs = append(pairs, nearPair{a.topic, o, p})
		}
	})
	// Each left side keeps its nearest right side that no exception
	// covers, so that a context word ("Ukraine") is marked once, not at
	// every mention in reach. A left side's pairs are neighbours in pairs.
	for k := 0; k < len(pairs); {
		best := -1
		end := k
		for ; end < len(pairs) && pairs[end].topic == pairs[k].topic && pairs[end].left == pairs[k].left; end++ {
			pr := pairs[end]
			if overlapsAny(tokSpan{pr.topic, pr.left.first, pr.left.last}, excepts) || overlapsAny(tokSpan{pr.topic, pr.right.first, pr.right.last}, excepts) {
				continue
			}
			if best < 0 || gap(pr.left, pr.right) < gap(pairs[best].left, pairs[best].right) {
				best = end
			}
		}
		k = end
		if best < 0 {
			continue
		}
		pr := pairs[best]
		o, p := pr.left, pr.right
		if gap(o, p) == 0 {
			spans = append(spans, tokSpan{pr.topic, min(o.first, p.first), max(o.last, p.last)})
		} else {
			spans = append(spans, tokSpan{pr.topic, o.first, o.last}, tokSpan{pr.topic, p.first, p.last})
		}
	}
	st.pairs = pairs
	kept := spans[:0]
	for _, s := range spans {
		if !overlapsAny(s, excepts) {
			kept = append(kept, s)
		}
	}
	st.tokSpans, st.exceptSpans, st.blockSpans = kept, excepts, blocks
	st.ctxSpans = ctx[:0]
	for _, c := range ctx {
		if !overlapsAny(c, excepts) {
			st.ctxSpans = append(st.ctxSpans, c)
		}
	}
	// A follow word ties the paragraph to its topic unless an exception
	// or a block of that topic, or another topic's phrase, covers it
	// ("the fund" in "the IMF's fund", "deal" in "ceasefire deal").
	// A block of the topic anywhere in the paragraph ("the IMF") says its
	// money talk is someone else's.
	st.followSpans = follow
	// Ties matter only after a paragraph on a thread topic, or in an
	// article whose head names one.
	if !st.mayCarry && st.story == 0 {
		follow = follow[:0]
	}
	for _, f := range follow {
		if overlapsAny(f, excepts) || overlapsAny(f, blocks) || overlapsOther(f, kept) || t.blocksAll(st, blocks, excepts, f.topic) {
			continue
		}
		st.loose = st.loose.With(f.topic)
	}
	if len(kept) == 0 {
		return 0, out
	}
	slices.SortFunc(kept, func(a, b tokSpan) int {
		if a.topic != b.topic {
			return a.topic - b.topic
		}
		return int(a.first - b.first)
	})
	var set TopicSet
	mine := len(out) // spans before it belong to earlier paragraphs
	for _, s := range kept {
		set = set.With(s.topic)
		start, end := int(toks[s.first].start), int(toks[s.last].end)
		if n := len(out); n > mine && out[n-1].Topic == s.topic && start <= out[n-1].End {
			out[n-1].End = max(out[n-1].End, end)
			continue
		}
		out = append(out, Span{Topic: s.topic, Start: start, End: end})
	}
	return set, out
}

// contexts adds the topics whose context phrases the paragraph holds, when
// the article named them in an earlier paragraph (named, as it was before
// this one); each says which ¶ named it.
func (t *Tagger) contexts(st *tagState, named []int32, set TopicSet, out []Span, mine int) (TopicSet, []Span) {
	toks := st.tz.tokens
	added := false
	for _, c := range st.ctxSpans {
		if set.Has(c.topic) || c.topic >= len(named) || named[c.topic] == 0 {
			continue
		}
		set = set.With(c.topic)
		added = true
		start, end := int(toks[c.first].start), int(toks[c.last].end)
		out = append(out, Span{Topic: c.topic, Start: start, End: end, Via: ViaReference, Antecedent: int(named[c.topic] - 1)})
	}
	if added {
		sortSpans(out[mine:])
	}
	return set, out
}

// blocksAll reports whether a block of topic ti without a refer noun of
// its own ("the IMF", not "monitoring mission") is among blocks.
func (t *Tagger) blocksAll(st *tagState, blocks, excepts []tokSpan, ti int) bool {
	for _, s := range blocks {
		// An exception of the topic over the block says it is not
		// someone else's money here: "needs estimated by the IMF".
		if s.topic == ti && !t.holdsNounAsWritten(st, s) && !overlapsAny(s, excepts) {
			return true
		}
	}
	return false
}

// holdsNounAsWritten is holdsNoun where a noun that refers only in the
// plural counts only in the plural ("the International Monetary Fund"
// holds no "funds").
func (t *Tagger) holdsNounAsWritten(st *tagState, s tokSpan) bool {
	for i := s.first; i <= s.last; i++ {
		from := int32(0)
		if i > 0 {
			from = st.candEnd[i-1]
		}
		for _, id := range st.cands[from:st.candEnd[i]] {
			if int(id) < len(t.referOf) && t.referOf[id] != nil {
				for _, g := range t.groupsOf(st, i, id) {
					if t.groups[g].topic == s.topic {
						return true
					}
				}
			}
		}
	}
	return false
}

// overlapsOther reports whether a span of another topic overlaps s.
func overlapsOther(s tokSpan, spans []tokSpan) bool {
	for _, e := range spans {
		if e.topic != s.topic && e.first <= s.last && s.first <= e.last {
			return true
		}
	}
	return false
}

func overlapsAny(s tokSpan, excepts []tokSpan) bool {
	for _, e := range excepts {
		if e.topic == s.topic && e.first <= s.last && s.first <= e.last {
			return true
		}
	}
	return false
}

// eachMatch calls fn for every plain occurrence (p is unused) and for every
// pair of proximity sides close enough (a is the left side's atom).
func (t *Tagger) eachMatch(st *tagState, fn func(rule nearRule, a atom, o, p occurrence)) {
	// A left side is tried against the right sides only, in their order.
	rights := st.rights[:0]
	if cap(rights) < len(st.occs) {
		rights = make([]occurrence, 0, len(st.occs))
	}
	for _, o := range st.occs {
		if o.right != 0 {
			rights = append(rights, o)
		}
	}
	st.rights = rights
	for _, o := range st.occs {
		a := t.atoms[o.atom]
		switch a.role {
		case roleMatch, roleExcept, roleBlock, roleContext, roleFollow:
			fn(nearRule{}, a, o, o)
		case roleNearLeft:
			rule := t.near[a.rule]
			for _, p := range rights {
				if p.right == int32(a.rule)+1 && gap(o, p) <= rule.distance {
					fn(rule, a, o, p)
				}
			}
		}
	}
}

// sentenceBetween reports a sentence end between two occurrences: a full
// stop, question or exclamation mark after a lower-case word, then a space.
// ("U.S. troops" and "Mr. Rubio" end nothing.)
func sentenceBetween(toks []token, text string, a, b occurrence) bool {
	if a.first > b.first {
		a, b = b, a
	}
	if b.first <= a.last {
		return false
	}
	for i := a.last; i < b.first; i++ {
		from, to := toks[i].end, toks[i+1].start
		for j := from; j < to; j++ {
			if c := text[j]; (c == '.' || c == '?' || c == '!') && j > 0 && text[j-1] >= 'a' && text[j-1] <= 'z' && j+1 < int32(len(text)) && (text[j+1] == ' ' || text[j+1] == '"' || text[j+1] >= 0x80) {
				return true
			}
		}
	}
	return false
}

// gap is the number of words between two occurrences, 0 when they touch or
// overlap.
func gap(a, b occurrence) int {
	switch {
	case b.first > a.last:
		return int(b.first - a.last - 1)
	case a.first > b.last:
		return int(a.first - b.last - 1)
	}
	return 0
}

// sortSpans orders one paragraph's spans by topic, then start.
func sortSpans(spans []Span) {
	slices.SortFunc(spans, func(a, b Span) int {
		if a.Topic != b.Topic {
			return a.Topic - b.Topic
		}
		return a.Start - b.Start
	})
}
