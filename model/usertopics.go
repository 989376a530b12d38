package model

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"

	"briefing/internal/safefile"
)

// UserTopicsPath is where a local user's saved topics live:
// $XDG_CONFIG_HOME/briefing/topics.yaml, else ~/.config/briefing/topics.yaml;
// "" when neither variable is set. getenv is os.Getenv outside tests.
func UserTopicsPath(getenv func(string) string) string {
	if dir := getenv("XDG_CONFIG_HOME"); dir != "" {
		return filepath.Join(dir, "briefing", "topics.yaml")
	}
	if home := getenv("HOME"); home != "" {
		return filepath.Join(home, ".config", "briefing", "topics.yaml")
	}
	return ""
}

// SessionTopicsPath is where a server keeps one SSH user's saved topics,
// under its state folder. user is the key's fingerprint; it is hashed so
// that no user name can reach outside the folder.
func SessionTopicsPath(stateDir, user string) string {
	sum := sha256.Sum256([]byte(user))
	return filepath.Join(stateDir, "topics", hex.EncodeToString(sum[:12])+".yaml")
}

// LoadUserTopics reads a user's topics file; a missing or empty file has
// none.
func LoadUserTopics(path string) ([]Topic, error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) || err == nil && len(bytes.TrimSpace(data)) == 0 {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("your topics: %w", err)
	}
	topics, err := ParseTopics(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return topics, nil
}

// MergeTopics puts a user's topics after the built-in ones. An id both
// define, or too many topics in all, is an error.
func MergeTopics(builtin, user []Topic) ([]Topic, error) {
	for i, u := range user {
		if slices.ContainsFunc(builtin, func(t Topic) bool { return t.ID == u.ID }) {
			return nil, fmt.Errorf("your topic %q has the id of a built-in topic; rename it", u.ID)
		}
		// Two topics with one badge could not be told apart in any view.
		sameBadge := func(t Topic) bool { return strings.EqualFold(t.Badge, u.Badge) }
		if slices.ContainsFunc(builtin, sameBadge) || slices.ContainsFunc(user[:i], sameBadge) {
			return nil, fmt.Errorf("your topic %q has the badge %s, which another topic has; choose another", u.Name, u.Badge)
		}
	}
	if n := len(builtin) + len(user); n > MaxTopics {
		return nil, fmt.Errorf("%d topics with yours; at most %d are supported", n, MaxTopics)
	}
	return append(slices.Clip(builtin), user...), nil
}

// savedTopic is how a saved search is written: only the keys it uses.
type savedTopic struct {
	ID          string   `yaml:"id"`
	Name        string   `yaml:"name"`
	Badge       string   `yaml:"badge"`
	Description string   `yaml:"description"`
	Patterns    []string `yaml:"patterns"`
	Except      []string `yaml:"except,omitempty"`
}

// AppendTopic adds t to the topics file at path (created with its folder
// if missing), keeping what the file holds, comments included. builtin are
// the topics it will be merged after, so a clash is refused now rather than
// at the next start. The file is replaced atomically: a reader never sees
// half of it.
func AppendTopic(path string, t Topic, builtin []Topic) error {
	data, err := os.ReadFile(path)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	var doc yaml.Node
	if len(bytes.TrimSpace(data)) > 0 {
		if err := yaml.Unmarshal(data, &doc); err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
	}
	seq, err := topicsSeq(&doc)
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	var item yaml.Node
	// Field by field: Topic has fields a saved search does not write.
	saved := savedTopic{ID: t.ID, Name: t.Name, Badge: t.Badge, Description: t.Description, Patterns: t.Patterns, Except: t.Except}
	if err := item.Encode(saved); err != nil {
		return err
	}
	seq.Content = append(seq.Content, &item)
	out, err := yaml.Marshal(&doc)
	if err != nil {
		return err
	}
	// Check the whole file as it will be read: ids, patterns, the limit.
	user, err := ParseTopics(out)
	if err != nil {
		return err
	}
	if _, err := MergeTopics(builtin, user); err != nil {
		return err
	}
	return writeAtomic(path, out)
}

// topicsSeq finds (or makes) the file's topics: list.
func topicsSeq(doc *yaml.Node) (*yaml.Node, error) {
	if doc.Kind == 0 {
		*doc = yaml.Node{Kind: yaml.DocumentNode, Content: []*yaml.Node{{Kind: yaml.MappingNode}}}
	}
	if doc.Kind != yaml.DocumentNode || len(doc.Content) != 1 || doc.Content[0].Kind != yaml.MappingNode {
		return nil, errors.New("not a topics file (it should start with 'topics:')")
	}
	m := doc.Content[0]
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == "topics" {
			if v := m.Content[i+1]; v.Kind == yaml.SequenceNode {
				return v, nil
			} else if v.Tag == "!!null" {
				*v = yaml.Node{Kind: yaml.SequenceNode}
				return v, nil
			}
			return nil, errors.New("'topics:' should be a list")
		}
	}
	seq := &yaml.Node{Kind: yaml.SequenceNode}
	m.Content = append(m.Content, &yaml.Node{Kind: yaml.ScalarNode, Value: "topics"}, seq)
	return seq, nil
}

// writeAtomic replaces path whole, creating its folder: a reader never
// sees half a file.
func writeAtomic(path string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return err
	}
	return safefile.Write(path, data, true)
}
