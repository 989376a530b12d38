// Package config reads briefing's settings file,
// $XDG_CONFIG_HOME/briefing/config.yaml:
//
//	library: ~/news/articles   # where 'add' and 'fetch' save, and the reader looks
//	width: 80                  # reading width in columns
//
// Every key is optional; an unknown key or a bad value is an error that
// names the file, the line and what is wrong.
package config

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"go.yaml.in/yaml/v3"
)

// Bounds of the reading width.
const (
	MinWidth = 20
	MaxWidth = 500
)

// Config is the settings; zero values mean "not set".
type Config struct {
	Library string // an absolute folder, ~ expanded
	Width   int
	Path    string // the file read, "" when there was none
}

// DefaultPath is $XDG_CONFIG_HOME/briefing/config.yaml, else
// $HOME/.config/briefing/config.yaml; "" when neither is set. Only getenv
// is read, so tests never see the real environment.
func DefaultPath(getenv func(string) string) string {
	base := getenv("XDG_CONFIG_HOME")
	if base == "" || !filepath.IsAbs(base) {
		home := getenv("HOME")
		if home == "" {
			return ""
		}
		base = filepath.Join(home, ".config")
	}
	return filepath.Join(base, "briefing", "config.yaml")
}

// Load reads the file at DefaultPath; a missing file is no settings.
func Load(getenv func(string) string) (Config, error) {
	path := DefaultPath(getenv)
	if path == "" {
		return Config{}, nil
	}
	data, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return Config{}, nil
	}
	if err != nil {
		return Config{}, fmt.Errorf("config: %w", err)
	}
	c, err := Parse(data, getenv("HOME"))
	if err != nil {
		return Config{}, fmt.Errorf("config %s: %v", path, err)
	}
	c.Path = path
	return c, nil
}

type file struct {
	Library *string `yaml:"library"`
	Width   *int    `yaml:"width"`
}

// Parse reads settings from YAML; home expands a leading ~ in library.
func Parse(data []byte, home string) (Config, error) {
	var f file
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&f); err != nil && !errors.Is(err, io.EOF) {
		return Config{}, errors.New(yamlReason(err))
	}
	var c Config
	if f.Library != nil {
		lib := strings.TrimSpace(*f.Library)
		switch {
		case lib == "":
			return Config{}, errors.New("library: is empty (remove it to use the default folder)")
		case lib == "~" || strings.HasPrefix(lib, "~/"):
			if home == "" {
				return Config{}, errors.New("library: starts with ~ but HOME is not set")
			}
			lib = filepath.Join(home, lib[1:])
		case !filepath.IsAbs(lib):
			return Config{}, fmt.Errorf("library: %q is not an absolute path (start it with / or ~/)", lib)
		}
		c.Library = filepath.Clean(lib)
	}
	if f.Width != nil {
		if *f.Width < MinWidth || *f.Width > MaxWidth {
			return Config{}, fmt.Errorf("width: %d is out of range (%d to %d columns)", *f.Width, MinWidth, MaxWidth)
		}
		c.Width = *f.Width
	}
	return c, nil
}

// yamlReason is yaml's message on one line, without its "yaml: " prefix
// and with the type names a person does not need.
func yamlReason(err error) string {
	msg := strings.Join(strings.Fields(err.Error()), " ")
	msg = strings.TrimPrefix(msg, "yaml: unmarshal errors: ")
	msg = strings.TrimPrefix(msg, "yaml: ")
	msg = strings.ReplaceAll(msg, " in type config.file", "")
	msg = strings.ReplaceAll(msg, "into int", "into a whole number")
	if strings.Contains(msg, "into config.file") {
		return "not a mapping of settings (library:, width:)"
	}
	if strings.Contains(msg, "not found") {
		msg += " (known settings: library, width)"
	}
	return msg
}
