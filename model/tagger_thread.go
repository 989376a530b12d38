package model

// Threads: a news story names its topic in the lead, then goes on with
// quotes, reactions and next steps that only their place ties to it
// ("Scholz said he was irritated by the discussion"), and ends with
// paragraphs on something else (strikes overnight, another meeting). A
// paragraph that names no topic of its own and stands inside a run of
// paragraphs on a thread topic carries that topic.

// threadRef is a counted paragraph of an article, in reading order.
type threadRef struct {
	p      *Paragraph
	topics TopicSet // its own topics, before threads
}

// minThreadWords: a paragraph shorter than this (a byline, "What happens
// next?", "Read also: …", a one-line aside) is not reporting that a thread
// runs through.
const minThreadWords = 12

// Knobs for the experiments (set by tests).
var (
	threadGap = 1 // how many topic-less paragraphs a run may bridge
)

// threads adds thread topics to the article's counted body paragraphs.
func (t *Tagger) threads(st *tagState, a *Article) {
	if t.threadMask == 0 {
		return
	}
	refs := st.threadRefs[:0]
	for _, ps := range [][]Paragraph{a.Head, a.Paragraphs} {
		for i := range ps {
			if ps[i].Kind.Counts() {
				refs = append(refs, threadRef{&ps[i], ps[i].Topics})
			}
		}
	}
	st.threadRefs = refs
	for k := 1; k < len(refs); k++ {
		if refs[k].topics != 0 || refs[k].p.Kind != Body {
			continue
		}
		// A run of topic-less paragraphs k..end-1.
		end := k
		for end < len(refs) && refs[end].topics == 0 && refs[end].p.Kind == Body {
			end++
		}
		if end-k <= threadGap && end < len(refs) {
			set := refs[k-1].topics & refs[end].topics & t.threadMask
			if set != 0 {
				for j := k; j < end; j++ {
					if wordCount(refs[j].p.Text) >= minThreadWords {
						t.carry(refs[j].p, set, refs[k-1].p.Index, a.TopicCounts)
					}
				}
			}
		}
		k = end
	}
}

// carry gives paragraph p the thread topics set, found in ¶ante before it.
func (t *Tagger) carry(p *Paragraph, set TopicSet, ante int, counts []int) {
	st, en := firstWord(p.Text)
	spans := make([]Span, 0, len(p.Spans)+set.Len())
	spans = append(spans, p.Spans...)
	for ti := range set.All() {
		if p.Topics.Has(ti) {
			continue
		}
		p.Topics = p.Topics.With(ti)
		counts[ti]++
		spans = append(spans, Span{Topic: ti, Start: st, End: en, Via: ViaThread, Antecedent: ante})
	}
	sortSpans(spans)
	p.Spans = spans
}

// firstWord is the byte range of the first word of text, or of all of it.
func firstWord(text string) (int, int) {
	var tz tokenizer
	tz.tokenize(text)
	if len(tz.tokens) == 0 {
		return 0, len(text)
	}
	return int(tz.tokens[0].start), int(tz.tokens[0].end)
}
