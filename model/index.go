package model

import (
	"runtime"
	"slices"
	"strings"
	"sync"
)

// Index is an inverted index over every paragraph of a corpus: for each
// word (normalised and stemmed as the tagger reads it), the paragraphs that
// hold it and where. It is built once and only read afterwards, so any
// number of searches (one per SSH session) may use it at the same time.
type Index struct {
	paras   []paraRef // by paragraph id: corpus order, so newest article first
	first   []uint32  // first[a] is article a's first paragraph id; one more entry at the end
	terms   map[string]int32
	keys    []string // the words, sorted, for prefix* lookups
	post    []postings
	avgLen  float64
	sources []string // each article's attribution in lower case, for source:
}

type paraRef struct {
	article int32
	para    uint16 // position in Article.Paragraphs (at most 5,000 after load)
	length  uint16 // words, for ranking
}

// postings are one word's occurrences: the paragraph ids holding it,
// ascending, how often each holds it, and where. Positions are found from
// a checkpoint every 32 paragraphs plus the counts since, which costs a
// byte and a bit per paragraph instead of a four-byte offset: most words
// occur once in a paragraph, so the offsets were most of the index.
type postings struct {
	docs []uint32
	tfs  []uint8  // occurrences in docs[i], at most 255 (positions past it are not kept)
	ck   []uint32 // ck[j] is where the positions of docs[j*32] start
	pos  []uint16 // word positions, paragraph after paragraph
}

const ckShift = 5

func (p *postings) tf(i int) int { return int(p.tfs[i]) }

func (p *postings) positions(i int) []uint16 {
	o := p.ck[i>>ckShift]
	for _, n := range p.tfs[i&^(1<<ckShift-1) : i] {
		o += uint32(n)
	}
	return p.pos[o : o+uint32(p.tfs[i])]
}

// checkpoint fills ck from tfs.
func (p *postings) checkpoint() {
	p.ck = make([]uint32, 0, (len(p.docs)>>ckShift)+1)
	var o uint32
	for i, n := range p.tfs {
		if i&(1<<ckShift-1) == 0 {
			p.ck = append(p.ck, o)
		}
		o += uint32(n)
	}
}

// searchCache builds a corpus's index on first use. A corpus view with extra
// topics (WithTopics) shares its base's index: the text is the same.
type searchCache struct {
	once sync.Once
	idx  *Index
	base *Corpus
}

// Index returns the corpus's search index, building it on first use (about
// a second at 10,000 articles; call it in the background to have it ready).
// It is safe for concurrent use.
func (c *Corpus) Index() *Index {
	if c.search.base != nil {
		return c.search.base.Index()
	}
	c.search.once.Do(func() { c.search.idx = NewIndex(c) })
	return c.search.idx
}

// NewIndex indexes every paragraph of the corpus's articles, on every core.
func NewIndex(c *Corpus) *Index {
	idx := &Index{first: make([]uint32, len(c.Articles)+1), sources: make([]string, len(c.Articles))}
	n := 0
	for i, a := range c.Articles {
		idx.first[i] = uint32(n)
		n += a.NumParagraphs()
		idx.sources[i] = strings.ToLower(a.Attribution())
	}
	idx.first[len(c.Articles)] = uint32(n)
	idx.paras = make([]paraRef, n)
	// Each worker indexes a contiguous run of articles; the runs' postings
	// are then joined in order, which keeps every list ascending.
	workers := min(runtime.GOMAXPROCS(0), max(1, len(c.Articles)/256))
	shards := make([]*indexShard, workers)
	var wg sync.WaitGroup
	for w := range workers {
		from, to := len(c.Articles)*w/workers, len(c.Articles)*(w+1)/workers
		wg.Go(func() { shards[w] = idx.indexArticles(c, from, to) })
	}
	wg.Wait()
	idx.merge(shards)
	var words int
	for _, p := range idx.paras {
		words += int(p.length)
	}
	if len(idx.paras) > 0 {
		idx.avgLen = float64(words) / float64(len(idx.paras))
	}
	return idx
}

type indexShard struct {
	terms map[string]int32
	keys  []string
	post  []postings
}

func (idx *Index) indexArticles(c *Corpus, from, to int) *indexShard {
	sh := &indexShard{terms: map[string]int32{}}
	var tz tokenizer
	var buf, joined []byte
	add := func(key []byte, id uint32, pos int) {
		t, ok := sh.terms[string(key)]
		if !ok {
			t = int32(len(sh.post))
			k := string(key)
			sh.terms[k] = t
			sh.keys = append(sh.keys, k)
			sh.post = append(sh.post, postings{})
		}
		p := &sh.post[t]
		if n := len(p.docs); n == 0 || p.docs[n-1] != id {
			p.docs = append(p.docs, id)
			p.tfs = append(p.tfs, 0)
		}
		if n := &p.tfs[len(p.tfs)-1]; *n < 255 {
			*n++
			p.pos = append(p.pos, uint16(pos))
		}
	}
	for ai := from; ai < to; ai++ {
		id := idx.first[ai]
		a := c.Articles[ai]
		if a.IsSummary() {
			// Read and let go: holding every text is what summaries avoid.
			// A file gone or changed since indexed keeps what still lines up.
			full, err := c.text.readUntagged(a)
			if err != nil {
				continue
			}
			a = full
		}
		for pi := range a.Paragraphs[:min(len(a.Paragraphs), int(idx.first[ai+1]-id))] {
			tz.tokenize(a.Paragraphs[pi].Text)
			toks := tz.tokens[:min(len(tz.tokens), 1<<16-1)]
			for k, tok := range toks {
				buf = stem(buf[:0], tz.norm(tok))
				add(buf, id, k)
				// "cease-fire" is also found as "ceasefire".
				if tok.joinedByHyphen && k+1 < len(toks) {
					joined = append(append(joined[:0], tz.norm(tok)...), tz.norm(toks[k+1])...)
					buf = stem(buf[:0], joined)
					add(buf, id, k)
				}
			}
			idx.paras[id] = paraRef{article: int32(ai), para: uint16(pi), length: uint16(len(toks))}
			id++
		}
	}
	return sh
}

// merge joins the shards' postings word by word.
func (idx *Index) merge(shards []*indexShard) {
	idx.terms = map[string]int32{}
	for _, sh := range shards {
		for _, k := range sh.keys {
			if _, ok := idx.terms[k]; !ok {
				idx.terms[k] = int32(len(idx.keys))
				idx.keys = append(idx.keys, k)
			}
		}
	}
	idx.post = make([]postings, len(idx.keys))
	for t, k := range idx.keys {
		var docs, pos int
		for _, sh := range shards {
			if i, ok := sh.terms[k]; ok {
				docs += len(sh.post[i].docs)
				pos += len(sh.post[i].pos)
			}
		}
		p := postings{docs: make([]uint32, 0, docs), tfs: make([]uint8, 0, docs), pos: make([]uint16, 0, pos)}
		for _, sh := range shards {
			if i, ok := sh.terms[k]; ok {
				s := &sh.post[i]
				p.docs = append(p.docs, s.docs...)
				p.tfs = append(p.tfs, s.tfs...)
				p.pos = append(p.pos, s.pos...)
				*s = postings{} // let it go now: the copies are the index's peak memory
			}
		}
		p.checkpoint()
		idx.post[t] = p
	}
	slices.Sort(idx.keys)
}

// word returns a word's postings, nil when no paragraph holds it.
func (idx *Index) word(key string) *postings {
	if t, ok := idx.terms[key]; ok {
		return &idx.post[t]
	}
	return nil
}

// withPrefix returns the postings of every word starting with prefix.
func (idx *Index) withPrefix(prefix string) []*postings {
	var out []*postings
	i, _ := slices.BinarySearch(idx.keys, prefix)
	for ; i < len(idx.keys) && strings.HasPrefix(idx.keys[i], prefix); i++ {
		out = append(out, idx.word(idx.keys[i]))
	}
	return out
}

// Paragraphs is how many paragraphs the index holds.
func (idx *Index) Paragraphs() int { return len(idx.paras) }

// Words is how many distinct words the index holds.
func (idx *Index) Words() int { return len(idx.keys) }
