package model

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
)

// paraOutline is what a summary keeps of a body paragraph: its kind and
// topics, without the text.
type paraOutline struct {
	index  uint16 // position in the body (at most MaxParagraphs)
	kind   Kind
	topics TopicSet
}

// IsSummary reports whether the article holds only its metadata, counts and
// outline; Corpus.Full reads its text.
func (a *Article) IsSummary() bool { return a.summary }

// summarise keeps the outline, drops the text (the standfirst too: only
// the reader shows it) and copies the metadata out of the file's memory,
// so that the loader can reuse that memory for the next file.
func (a *Article) summarise() {
	a.summary, a.paras, a.outline = true, len(a.Paragraphs), outlineOf(a.Paragraphs)
	a.Paragraphs, a.Head, a.Standfirst = nil, nil, ""
	for _, s := range []*string{&a.Title, &a.Author, &a.Source, &a.URL} {
		*s = strings.Clone(*s)
	}
}

// outlineOf is the outline of the paragraphs that carry a topic or are not
// plain body.
func outlineOf(ps []Paragraph) []paraOutline {
	var out []paraOutline
	for i, p := range ps {
		if p.Kind != Body || p.Topics != 0 {
			out = append(out, paraOutline{uint16(i), p.Kind, p.Topics})
		}
	}
	return out
}

// A record is what loading one file produced, as the index keeps it: the
// summary of the article (or why the file is not one) and its parse
// notes. Its near-duplicate signature is kept apart, read only when the
// groups of copies must be found again. The layout is private to this
// file; a record of another layout is refused and the file read again.
const (
	recordLayout = 3
	recordFailed = 1 << 0 // the file is not an article; a reason follows
)

var errRecord = errors.New("index record unreadable")

// fileResult is one file's outcome, as the loader and the index share it.
type fileResult struct {
	article *Article
	notes   []string // what Parse had to change
	failure string   // why the file is not an article ("" when it is)
	sig     *signature
	// source and sourceFrom are the outlet the file itself names, before
	// its folder's is offered, so a changed folder file applies at once.
	source     string
	sourceFrom sourceOrigin
	folder     string // the outlet its folder named when it was read
	hashOnly   bool   // read, found unchanged by its hash, not parsed
}

func appendString(b []byte, s string) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}

// encodeRecord lays out r.
func encodeRecord(r *fileResult) []byte {
	b := make([]byte, 0, 256)
	b = append(b, recordLayout)
	if r.failure != "" {
		b = append(b, recordFailed)
		return appendString(b, r.failure)
	}
	b = append(b, 0)
	a := r.article
	for _, s := range []string{a.Title, a.Author, r.source, a.URL, a.idBase, r.folder} {
		b = appendString(b, s)
	}
	b = append(b, byte(r.sourceFrom))
	var date []byte
	if !a.Date.IsZero() {
		date, _ = a.Date.MarshalBinary() // keeps the zone, so the day shown stays
	}
	b = appendString(b, string(date))
	b = binary.AppendUvarint(b, uint64(a.paras))
	b = binary.AppendUvarint(b, uint64(len(a.outline)))
	for _, p := range a.outline {
		b = binary.AppendUvarint(b, uint64(p.index))
		b = append(b, byte(p.kind))
		b = binary.AppendUvarint(b, uint64(p.topics))
	}
	b = binary.AppendUvarint(b, uint64(len(a.TopicCounts)))
	for _, n := range a.TopicCounts {
		b = binary.AppendUvarint(b, uint64(n))
	}
	b = binary.AppendUvarint(b, uint64(len(r.notes)))
	for _, n := range r.notes {
		b = appendString(b, n)
	}
	return b
}

// encodeSignature lays out a near-duplicate signature; nil for none.
func encodeSignature(sig *signature) []byte {
	if sig == nil {
		return nil
	}
	b := make([]byte, 0, 4*sigBins)
	for _, v := range sig {
		b = binary.LittleEndian.AppendUint32(b, v)
	}
	return b
}

// decodeSignature reads what encodeSignature wrote; nil for none.
func decodeSignature(b []byte) *signature {
	if len(b) != 4*sigBins {
		return nil
	}
	sig := new(signature)
	for i := range sig {
		sig[i] = binary.LittleEndian.Uint32(b[4*i:])
	}
	return sig
}

// recordReader reads a record, remembering the first error.
type recordReader struct {
	b   []byte
	bad bool
}

func (r *recordReader) uvarint() uint64 {
	v, n := binary.Uvarint(r.b)
	if n <= 0 {
		r.bad, r.b = true, nil
		return 0
	}
	r.b = r.b[n:]
	return v
}

func (r *recordReader) byte() byte {
	if len(r.b) == 0 {
		r.bad = true
		return 0
	}
	c := r.b[0]
	r.b = r.b[1:]
	return c
}

// count reads a length and checks that at least min bytes per item remain,
// so a damaged record cannot ask for a huge allocation.
func (r *recordReader) count(min int) int {
	n := r.uvarint()
	if n > uint64(len(r.b)/max(min, 1)) {
		r.bad, r.b = true, nil
		return 0
	}
	return int(n)
}

func (r *recordReader) string() string { return string(r.raw()) }

// raw is a length-prefixed field's bytes, in the record's memory.
func (r *recordReader) raw() []byte {
	n := r.count(1)
	b := r.b[:n]
	r.b = r.b[n:]
	return b
}

// decoder decodes many records, allocating in chunks and sharing the
// strings that repeat (outlets, bylines): a start decodes 100,000.
type decoder struct {
	articles []Article
	results  []fileResult
	ints     []int
	outlines []paraOutline
	shared   map[string]string
}

func (d *decoder) article() *Article   { return &carve(&d.articles, 1, 256)[0] }
func (d *decoder) result() *fileResult { return &carve(&d.results, 1, 256)[0] }

func (d *decoder) intsOf(n int) []int             { return carve(&d.ints, n, 4096) }
func (d *decoder) outlinesOf(n int) []paraOutline { return carve(&d.outlines, n, 2048) }

// carve hands out n items of a chunk, a new chunk of at least size when it
// runs out; the slice's capacity ends at its length, so an append copies
// rather than overwrites a neighbour.
func carve[T any](chunk *[]T, n, size int) []T {
	if n > len(*chunk) {
		*chunk = make([]T, max(n, size))
	}
	s := (*chunk)[:n:n]
	*chunk = (*chunk)[n:]
	return s
}

// share returns b as a string, the same one for the same bytes.
func (d *decoder) share(b []byte) string {
	if s, ok := d.shared[string(b)]; ok {
		return s
	}
	s := string(b)
	if d.shared == nil {
		d.shared = map[string]string{}
	}
	if len(d.shared) < 1<<14 {
		d.shared[s] = s
	}
	return s
}

// decodeRecord rebuilds what loading path produced from its record. The
// article is a summary: Corpus.Full reads its text.
func decodeRecord(path string, rec []byte) (*fileResult, error) {
	var d decoder
	return d.decode(path, rec)
}

// decode is decodeRecord with d's chunks.
func (d *decoder) decode(path string, rec []byte) (*fileResult, error) {
	r := recordReader{b: rec}
	if r.byte() != recordLayout {
		return nil, errRecord
	}
	flags := r.byte()
	if flags&recordFailed != 0 {
		out := &fileResult{failure: r.string()}
		if r.bad || out.failure == "" {
			return nil, errRecord
		}
		return out, nil
	}
	a := d.article()
	a.Path, a.summary = path, true
	out := d.result()
	out.article = a
	a.Title = r.string()
	a.Author = d.share(r.raw())
	out.source = d.share(r.raw())
	a.URL = r.string()
	a.idBase = r.string()
	out.folder = d.share(r.raw())
	out.sourceFrom = sourceOrigin(r.byte())
	if date := r.raw(); len(date) > 0 {
		if err := a.Date.UnmarshalBinary(date); err != nil {
			return nil, errRecord
		}
	}
	if a.paras = int(r.uvarint()); a.paras > MaxParagraphs {
		return nil, errRecord
	}
	if n := r.count(3); n > 0 {
		a.outline = d.outlinesOf(n)
		for i := range a.outline {
			a.outline[i] = paraOutline{uint16(r.uvarint()), Kind(r.byte()), TopicSet(r.uvarint())}
			if int(a.outline[i].index) >= a.paras || i > 0 && a.outline[i].index <= a.outline[i-1].index {
				return nil, errRecord
			}
		}
	}
	a.TopicCounts = d.intsOf(r.count(1))
	for i := range a.TopicCounts {
		a.TopicCounts[i] = int(r.uvarint())
	}
	if n := r.count(1); n > 0 {
		out.notes = make([]string, n)
		for i := range out.notes {
			out.notes[i] = r.string()
		}
	}
	if r.bad || len(r.b) != 0 {
		return nil, errRecord
	}
	a.Source, a.sourceFrom = out.source, out.sourceFrom
	return out, nil
}

// TaggingVersion names how this build parses and tags. An index built by a
// build with another version is read again, so it must move whenever a
// change to parsing or tagging changes what a file yields:
// TestTaggingVersion fails until it does.
const TaggingVersion = 4

// CacheKey names what a file loaded with this tagger yields: the build's
// parsing and tagging and the topics in force. An index keeps records
// under one key.
func (t *Tagger) CacheKey() string {
	topics, _ := json.Marshal(t.topics)
	sum := sha256.Sum256(topics)
	return fmt.Sprintf("v%d.%d-%x", recordLayout, TaggingVersion, sum[:12])
}
