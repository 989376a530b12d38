package model

import (
	"math/bits"
	"slices"
	"unicode"
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

// articleSignature reads the article's body text and subheadings (not its
// captions or dateline, which outlets rewrite); nil when the text is too
// short to judge.
func articleSignature(a *Article) *signature {
	var sh shingler
	for i := range sh.sig {
		sh.sig[i] = ^uint32(0)
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
	return &sh.sig
}

// shingler hashes a stream of words into a signature.
type shingler struct {
	sig    signature
	filled [sigBins / 64]uint64 // bins that have seen a shingle
	ring   [ShingleWords]uint64 // the last words' hashes
	words  int
	count  int // shingles
}

const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

// text splits s into words: runs of letters and digits, lower-cased, with
// apostrophes inside a word dropped so that "Kyiv's" and "Kyiv’s" agree.
func (sh *shingler) text(s string) {
	h, inWord := uint64(fnvOffset), false
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			i++
			switch {
			case c >= 'a' && c <= 'z' || c >= '0' && c <= '9':
			case c >= 'A' && c <= 'Z':
				c += 'a' - 'A'
			case c == '\'' && inWord:
				continue
			default:
				if inWord {
					sh.word(h)
					h, inWord = fnvOffset, false
				}
				continue
			}
			h = (h ^ uint64(c)) * fnvPrime
			inWord = true
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			h = (h ^ uint64(unicode.ToLower(r))) * fnvPrime
			inWord = true
		case (r == '’' || r == '‘') && inWord:
		default:
			if inWord {
				sh.word(h)
				h, inWord = fnvOffset, false
			}
		}
	}
	if inWord {
		sh.word(h)
	}
}

// word adds a word; once ShingleWords have come, each word ends a shingle.
func (sh *shingler) word(h uint64) {
	sh.ring[sh.words%ShingleWords] = h
	sh.words++
	if sh.words < ShingleWords {
		return
	}
	var x uint64
	for j := range ShingleWords {
		x = bits.RotateLeft64(x, 13) ^ sh.ring[(sh.words+j)%ShingleWords]
	}
	x = mix64(x)
	bin, v := x>>(64-7), uint32(x)
	if v < sh.sig[bin] {
		sh.sig[bin] = v
	}
	sh.filled[bin/64] |= 1 << (bin % 64)
	sh.count++
}

// densify fills each empty bin from the next filled one, offset by the
// distance, so that two texts agree on an empty bin as often as on a full
// one (rotation densification, Shrivastava and Li 2014).
func (sh *shingler) densify() {
	for j := range sigBins {
		if sh.filled[j/64]&(1<<(j%64)) != 0 {
			continue
		}
		for d := 1; d < sigBins; d++ {
			k := (j + d) % sigBins
			if sh.filled[k/64]&(1<<(k%64)) != 0 {
				sh.sig[j] = sh.sig[k] + uint32(d)*0x9e3779b9
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
	// One bucket per band value, as a chain through next: head[key] is the
	// last article seen with that band, next[i*sigBands+b] the one before.
	head := make(map[uint64]int32, n*sigBands)
	next := make([]int32, n*sigBands)
	merged := false
	for i, s := range sigs {
		if s == nil {
			continue
		}
		for b := range sigBands {
			key := bandKey(s, b)
			prev, ok := head[key]
			head[key] = int32(i)
			next[i*sigBands+b] = -1
			if !ok {
				continue
			}
			next[i*sigBands+b] = prev
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

func bandKey(s *signature, b int) uint64 {
	h := uint64(fnvOffset) ^ uint64(b)
	for _, v := range s[b*sigRows : (b+1)*sigRows] {
		h = (h ^ uint64(v)) * fnvPrime
	}
	return mix64(h)
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
