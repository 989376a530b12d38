package cli

import (
	"errors"
	"fmt"
	"os"

	"github.com/spf13/cobra"

	"briefing/model"
	"briefing/seeds"
)

// withUserTopics adds the user's saved topics ($XDG_CONFIG_HOME/briefing/
// topics.yaml) after the base ones. A broken file is reported and left
// out: it must not stop anyone from reading.
func withUserTopics(e env, c *common, base []model.Topic) []model.Topic {
	c.builtinTopics = len(base)
	path := model.UserTopicsPath(e.getenv)
	if path == "" || c.noUserTopics {
		return base
	}
	user, err := model.LoadUserTopics(path)
	if err == nil && len(user) > 0 {
		var merged []model.Topic
		if merged, err = model.MergeTopics(base, user); err == nil {
			return merged
		}
	}
	if err != nil {
		fmt.Fprintf(e.stderr, "briefing: warning: your topics are left out: %v\n", err)
	}
	return base
}

// baseTopics are the topics a saved one is merged after: the built-in ones,
// or --topics FILE.
func baseTopics(c *common) ([]model.Topic, error) {
	data := seeds.Topics()
	if c.topicsFile != "" {
		var err error
		if data, err = os.ReadFile(c.topicsFile); err != nil {
			return nil, fmt.Errorf("cannot read topics: %w", err)
		}
	}
	return model.ParseTopics(data)
}

// addTopic saves a search as a topic in the user's topics file.
func addTopic(cmd *cobra.Command, e env, c *common, name, badge string, args []string) error {
	if len(args) == 0 {
		return usageError{err: errors.New("--add NAME needs the QUERY to save"), usage: cmd.UseLine()}
	}
	path := model.UserTopicsPath(e.getenv)
	if path == "" {
		return errors.New("no folder for your topics: set XDG_CONFIG_HOME or HOME")
	}
	base, err := baseTopics(c)
	if err != nil {
		return err
	}
	corpus, err := loadSummaries(e, c, args[1:])
	if err != nil {
		return err
	}
	q, err := model.ParseQuery(args[0], corpus)
	if err != nil {
		return fmt.Errorf("query: %w", err)
	}
	t, err := q.Topic(name, badge)
	if err != nil {
		return fmt.Errorf("cannot save: %w", err)
	}
	if err := model.AppendTopic(path, t, base); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "added topic %s (%s) to %s\n", t.ID, t.Badge, path)
	return nil
}
