package model

import (
	"math/bits"
	"slices"
	"unicode/utf8"
)

// Near-duplicate detection: the same agency story republished by several
// outlets is one story. Each article's text becomes a set of shingles (runs
// of ShingleWords words, case folded, across paragraphs); two articles are
// copies when the Jaccard similarity of their sets is at least
// DuplicateThreshold.
//
// Comparing every pair of sets is quadratic, and listings drop the text
// after tagging, so each article is reduced while it loads to a MinHash
// signature (one-permutation hashing: one hash per shingle, the least in
// each of sigBins bins), whose share of equal bins estimates the Jaccard
// similarity (standard error about 0.035 at 0.8). Locality-sensitive
// hashing finds the candidate pairs: bands of sigRows bins, and articles
// that agree on a whole band are compared. A pair at 0.8 shares some band
// with probability 0.998, a pair at 0.3 with 0.015.
const (
	ShingleWords       = 5
	DuplicateThreshold = 0.8

	sigBins  = 128
	sigRows  = 6
	sigBands = sigBins / sigRows // 21; the last two bins are in no band
	// minShingles: a text this short says too little to call two articles
	// the same story (and its signature would be mostly filled-in bins).
	minShingles = 20
)

// signature is an article's MinHash signature.
type signature [sigBins]uint32

// emptyBin marks a bin no shingle fell in. A shingle whose value is this
// (one in 2³²) leaves its bin looking empty, which densify then fills the
// same way in every text, so no copy is missed for it.
const emptyBin = ^uint32(0)

// articleSignature reads the article's body text and subheadings (not its
// captions or dateline, which outlets rewrite); nil when the text is too
// short to judge.
func articleSignature(a *Article) *signature {
	var sh shingler
	for i := range sh.sig {
		sh.sig[i] = emptyBin
	}
	for _, p := range a.Paragraphs {
		if p.Kind == Body || p.Kind == Subheading {
			sh.text(p.Text)
		}
	}
	if sh.count < minShingles {
		return nil
	}
	sh.densify()
	// A copy, so that the shingler and its buffers stay on the stack.
	out := new(signature)
	*out = sh.sig
	return out
}

// shingler hashes a stream of words into a signature.
type shingler struct {
	sig   signature
	ring  [ShingleWords]uint64 // the last words' hashes, oldest first
	words int
	count int // shingles

	split wordSplitter
	ends  [256]uint64 // hashes of words ended in one block
}

// Per-byte tables for text. A byte is part of a word (keep all ones) or
// ends it (keep 0); a word's hash rotates by rot and takes in add at each
// byte, so a byte with rot 0 and add 0 is left out. E2 starts the UTF-8 of general
// punctuation (U+2000–U+2FFF: curly quotes, dashes, ellipsis), whose bytes
// are left out like the ASCII apostrophe, so "Kyiv’s" and "Kyiv's" agree.
type byteRule struct{ keep, rot, add, e2, cont uint64 }

var byteRules = func() (t [256]byteRule) {
	for c := range 256 {
		r := &t[c]
		r.rot = 5
		switch {
		case c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c >= utf8.RuneSelf:
			r.keep, r.add = ^uint64(0), uint64(c)
		case c >= 'A' && c <= 'Z':
			r.keep, r.add = ^uint64(0), uint64(c+'a'-'A')
		case c == '\'':
			r.keep, r.rot = ^uint64(0), 0
		}
		if c == 0xE2 {
			r.e2 = ^uint64(0)
		}
		if c >= 0x80 && c <= 0xBF {
			r.cont = ^uint64(0)
		}
	}
	return t
}()

// text splits s into words and hashes each, lower-cased (ASCII), without
// apostrophes and general punctuation. A paragraph ends its last word.
func (sh *shingler) text(s string) {
	for len(s) > 0 {
		block := s[:min(len(s), len(sh.ends))]
		s = s[len(block):]
		sh.flush(sh.split.block(block, &sh.ends))
	}
	sh.flush(sh.split.end(&sh.ends))
}

// wordSplitter is the state of the word being read.
type wordSplitter struct {
	h, inWord, inPunct uint64
}

// block reads up to 256 bytes and writes the hashes of the words that
// ended in them to ends, returning how many. It runs on every article as it
// loads, and news text gives the branch predictor a new word length every
// few bytes, so the loop has no branch on the bytes: each byte writes the
// hash so far to ends, which moves on only where a word ended.
func (w *wordSplitter) block(s string, ends *[256]uint64) int {
	h, inWord, inPunct := w.h, w.inWord, w.inPunct
	n := 0
	for i := 0; i < len(s); i++ {
		r := &byteRules[s[i]]
		inPunct = inPunct&r.cont | r.e2
		keep := r.keep | inPunct
		ends[n&255] = h
		n += int(inWord &^ keep & 1)
		h = (bits.RotateLeft64(h, int(r.rot&^inPunct)) ^ r.add&^inPunct) & keep
		inWord = keep
	}
	w.h, w.inWord, w.inPunct = h, inWord, inPunct
	return n
}

// end ends the word being read, if any, writing it to ends[0].
func (w *wordSplitter) end(ends *[256]uint64) int {
	ends[0] = w.h
	n := int(w.inWord & 1)
	*w = wordSplitter{}
	return n
}

// flush adds the first n ended words; a "word" of left-out bytes alone
// hashes to 0 and is no word.
func (sh *shingler) flush(n int) {
	for _, h := range sh.ends[:n] {
		if h != 0 {
			sh.word(h)
		}
	}
}

// word adds a word; once ShingleWords have come, each word ends a shingle,
// whose hash places it in a bin (top 7 bits) with a value (the next 32).
func (sh *shingler) word(h uint64) {
	h *= 0x9e3779b97f4a7c15
	h ^= h >> 32
	r := &sh.ring
	r[0], r[1], r[2], r[3], r[4] = r[1], r[2], r[3], r[4], h
	sh.words++
	if sh.words < ShingleWords {
		return
	}
	x := r[0] ^ bits.RotateLeft64(r[1], 13) ^ bits.RotateLeft64(r[2], 26) ^ bits.RotateLeft64(r[3], 39) ^ bits.RotateLeft64(r[4], 52)
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 31
	bin, v := x>>(64-7), uint32(x>>25)
	sh.sig[bin] = min(sh.sig[bin], v)
	sh.count++
}

// densify fills each empty bin from the next filled one, offset by the
// distance, so that two texts agree on an empty bin as often as on a full
// one (rotation densification, Shrivastava and Li 2014).
func (sh *shingler) densify() {
	orig := sh.sig // filled from the bins as they were
	for j := range sigBins {
		if orig[j] != emptyBin {
			continue
		}
		for d := 1; d < sigBins; d++ {
			k := (j + d) % sigBins
			if orig[k] != emptyBin {
				sh.sig[j] = orig[k] + uint32(d)*0x9e3779b9
				break
			}
		}
	}
}

// mix64 is SplitMix64's finaliser: every input bit moves every output bit.
func mix64(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	return x ^ x>>31
}

// similarity estimates the Jaccard similarity of the two texts.
func (s *signature) similarity(t *signature) float64 {
	same := 0
	for i := range s {
		if s[i] == t[i] {
			same++
		}
	}
	return float64(same) / sigBins
}

// findDuplicates groups the articles whose texts are near-duplicates;
// sigs[i] is articles[i]'s signature or nil. Groups have two or more
// articles.
func findDuplicates(articles []*Article, sigs []*signature) [][]*Article {
	n := len(articles)
	parent := make([]int32, n)
	for i := range parent {
		parent[i] = int32(i)
	}
	find := func(i int32) int32 {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	// One bucket per band value, as a chain through next: the table holds
	// the last article seen with that band, next[i*sigBands+b] the one
	// before.
	table := newBandTable(n * sigBands)
	next := make([]int32, n*sigBands)
	merged := false
	for i, s := range sigs {
		if s == nil {
			continue
		}
		for b := range sigBands {
			prev := table.swap(bandKey(s, b), int32(i))
			next[i*sigBands+b] = prev
			if prev < 0 {
				continue
			}
			for j := prev; j >= 0; j = next[int(j)*sigBands+b] {
				ri, rj := find(int32(i)), find(j)
				if ri != rj && s.similarity(sigs[j]) >= DuplicateThreshold {
					parent[ri] = rj
					merged = true
				}
			}
		}
	}
	if !merged {
		return nil
	}
	size := make([]int32, n)
	for i := range n {
		size[find(int32(i))]++
	}
	byRoot := make(map[int32][]*Article)
	for i := range n {
		if r := find(int32(i)); size[r] > 1 {
			byRoot[r] = append(byRoot[r], articles[i])
		}
	}
	groups := make([][]*Article, 0, len(byRoot))
	for _, g := range byRoot {
		groups = append(groups, g)
	}
	return groups
}

// bandTable maps band keys to article indexes with open addressing: a
// map of 210,000 entries cost a tenth of the whole detection.
type bandTable struct {
	keys []uint64
	vals []int32 // article index + 1; 0 is an empty slot
	mask uint64
}

func newBandTable(entries int) *bandTable {
	size := 1
	for size < 2*entries {
		size *= 2
	}
	return &bandTable{keys: make([]uint64, size), vals: make([]int32, size), mask: uint64(size - 1)}
}

// swap stores i under key and returns what was there, or -1.
func (t *bandTable) swap(key uint64, i int32) int32 {
	for slot := key & t.mask; ; slot = (slot + 1) & t.mask {
		switch {
		case t.vals[slot] == 0:
			t.keys[slot], t.vals[slot] = key, i+1
			return -1
		case t.keys[slot] == key:
			prev := t.vals[slot] - 1
			t.vals[slot] = i + 1
			return prev
		}
	}
}

func bandKey(s *signature, b int) uint64 {
	h := uint64(b)
	for _, v := range s[b*sigRows : (b+1)*sigRows] {
		h = mix64(h ^ uint64(v))
	}
	return h
}

// setDuplicates records the groups on the corpus, each in corpus order.
func (c *Corpus) setDuplicates(groups [][]*Article) {
	if len(groups) == 0 {
		return
	}
	pos := make(map[*Article]int, len(c.Articles))
	for i, a := range c.Articles {
		pos[a] = i
	}
	c.copies = make(map[*Article][]*Article)
	for _, g := range groups {
		g = slices.Clip(g)
		slices.SortFunc(g, func(a, b *Article) int { return pos[a] - pos[b] })
		for _, a := range g {
			c.copies[a] = g
		}
	}
}

// Duplicates returns the other copies of a's story, in corpus order (newest
// first), or nil when no other article carries the same text.
func (c *Corpus) Duplicates(a *Article) []*Article {
	g := c.copies[a]
	if g == nil {
		return nil
	}
	out := make([]*Article, 0, len(g)-1)
	for _, b := range g {
		if b != a {
			out = append(out, b)
		}
	}
	return out
}

// Story returns the article that stands for a's story: the earliest
// published copy (undated ones last, then corpus order). It is a itself when
// a has no copies.
func (c *Corpus) Story(a *Article) *Article {
	g := c.copies[a]
	if g == nil {
		return a
	}
	first := g[0]
	for _, b := range g[1:] {
		if byDate(b, first, 1) < 0 {
			first = b
		}
	}
	return first
}

// IsCopy reports whether a is a copy of a story that another article
// stands for: a list that shows each story once skips these, and counts of
// an outlet's coverage leave them out.
func (c *Corpus) IsCopy(a *Article) bool { return c.Story(a) != a }
