package model

import (
	"bytes"
	"errors"
	"fmt"
	"iter"
	"math/bits"
	"regexp"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"
)

// MaxTopics is how many topics a topics file may define: a paragraph's topics
// are held as a bit set in one machine word.
const MaxTopics = 64

// Topic is one question the analysts follow through the coverage.
type Topic struct {
	ID          string   `yaml:"id" json:"id"`
	Name        string   `yaml:"name" json:"name"`
	Badge       string   `yaml:"badge" json:"badge"`
	Description string   `yaml:"description" json:"description"`
	Patterns    []string `yaml:"patterns" json:"patterns"`
	// Except lists patterns that cancel a match they overlap, for phrases
	// that contain a topic's words but mean something else.
	Except []string `yaml:"except" json:"except,omitempty"`
	// Refer lists the nouns that refer back to the topic once an article
	// has named it ("the deal" after "the minerals deal"). Each item is a
	// group of nouns for the same thing, separated by "|" ("deal|agreement"):
	// a mention that names something else with one of them stops the group.
	Refer []string `yaml:"refer" json:"refer,omitempty"`
	// Block lists phrases that name something else with a refer noun
	// ("peace deal", "coalition government"): such a mention stops that
	// noun's group from referring to this topic until it is named again.
	Block []string `yaml:"block" json:"block,omitempty"`
	// Context lists phrases that speak to the topic only in an article
	// that has named it already ("would not send soldiers" in a story on
	// the reassurance force): they count from the paragraph after the
	// topic was first named, as references do.
	Context []string `yaml:"context" json:"context,omitempty"`
	// Thread makes the topic a story that runs over several paragraphs:
	// a paragraph that names no thread topic of its own carries it from the
	// paragraph before when something ties the two (tagger_thread.go).
	Thread bool `yaml:"thread" json:"thread,omitempty"`
	// Follow lists words of the topic's story ("force", "loan", "fund")
	// that tie a paragraph to a thread on the topic in the paragraph just
	// before it, in whatever form they come ("a force", "any mission").
	Follow []string `yaml:"follow" json:"follow,omitempty"`
}

type topicsFile struct {
	Topics []Topic `yaml:"topics"`
}

var topicID = regexp.MustCompile(`^[a-z0-9][a-z0-9-]*$`)

// ParseTopics reads a topics file (YAML) and checks every topic and pattern,
// so that a typo is reported when the file is loaded, not silently ignored.
func ParseTopics(data []byte) ([]Topic, error) {
	var f topicsFile
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&f); err != nil {
		return nil, fmt.Errorf("topics file: %w", err)
	}
	if len(f.Topics) == 0 {
		return nil, errors.New("topics file: no topics defined")
	}
	if len(f.Topics) > MaxTopics {
		return nil, fmt.Errorf("topics file: %d topics, at most %d are supported", len(f.Topics), MaxTopics)
	}
	seen := map[string]bool{}
	for i := range f.Topics {
		t := &f.Topics[i]
		// Names and badges reach the screen: clean them like article text.
		t.ID = strings.TrimSpace(t.ID)
		t.Name = oneLine(t.Name)
		t.Badge = oneLine(t.Badge)
		t.Description = oneLine(t.Description)
		if !topicID.MatchString(t.ID) {
			return nil, fmt.Errorf("topics file: topic %d: id %q must be lower-case letters, digits and dashes", i+1, t.ID)
		}
		if seen[t.ID] {
			return nil, fmt.Errorf("topics file: topic id %q is defined twice", t.ID)
		}
		seen[t.ID] = true
		if t.Name == "" {
			t.Name = t.ID
		}
		if t.Badge == "" {
			t.Badge = defaultBadge(t.ID)
		}
		if len(t.Patterns) == 0 {
			return nil, fmt.Errorf("topics file: topic %q has no patterns", t.ID)
		}
		if len(t.Follow) > 0 && !t.Thread {
			return nil, fmt.Errorf("topics file: topic %q: follow needs thread: true", t.ID)
		}
		for _, p := range append(append(append([]string{}, t.Patterns...), t.Except...), t.Follow...) {
			if _, err := parsePattern(p); err != nil {
				return nil, fmt.Errorf("topics file: topic %q: pattern %q: %w", t.ID, p, err)
			}
		}
		if err := checkReferences(t); err != nil {
			return nil, fmt.Errorf("topics file: topic %q: %w", t.ID, err)
		}
	}
	return f.Topics, nil
}

func defaultBadge(id string) string {
	s := strings.ReplaceAll(id, "-", "")
	if len(s) > 3 {
		s = s[:3]
	}
	return strings.ToUpper(s)
}

// TopicSet is a set of topic indexes (positions in the topic list).
type TopicSet uint64

// Has reports whether topic index i is in the set.
func (s TopicSet) Has(i int) bool { return i >= 0 && i < MaxTopics && s&(1<<uint(i)) != 0 }

// With returns the set with topic index i added.
func (s TopicSet) With(i int) TopicSet { return s | 1<<uint(i) }

// Len is the number of topics in the set.
func (s TopicSet) Len() int {
	n := 0
	for ; s != 0; s &= s - 1 {
		n++
	}
	return n
}

// All yields the topic indexes in the set in topic order.
func (s TopicSet) All() iter.Seq[int] {
	return func(yield func(int) bool) {
		for ; s != 0; s &= s - 1 {
			if !yield(bits.TrailingZeros64(uint64(s))) {
				return
			}
		}
	}
}

// Indexes lists the topic indexes in the set in topic order.
func (s TopicSet) Indexes() []int {
	return slices.Collect(s.All())
}
