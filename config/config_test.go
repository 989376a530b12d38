package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestParse(t *testing.T) {
	for _, c := range []struct {
		yaml string
		want Config
		err  string
	}{
		{yaml: "", want: Config{}},
		{yaml: "# nothing set\n", want: Config{}},
		{yaml: "library: /srv/news\nwidth: 72\n", want: Config{Library: "/srv/news", Width: 72}},
		{yaml: "library: ~/news/\n", want: Config{Library: "/home/ana/news"}},
		{yaml: "library: news\n", err: `library: "news" is not an absolute path`},
		{yaml: "library: ''\n", err: "library: is empty"},
		{yaml: "width: 5\n", err: "width: 5 is out of range (20 to 500 columns)"},
		{yaml: "width: wide\n", err: "line 1: cannot unmarshal !!str `wide` into a whole number"},
		{yaml: "libary: /srv/news\n", err: "line 1: field libary not found (known settings: library, width)"},
		{yaml: "- library\n", err: "not a mapping of settings"},
		{yaml: "library: [\n", err: "line 1"},
	} {
		got, err := Parse([]byte(c.yaml), "/home/ana")
		if c.err != "" {
			if err == nil || !strings.Contains(err.Error(), c.err) || strings.Contains(err.Error(), "\n") {
				t.Errorf("%q: err = %v, want %q", c.yaml, err, c.err)
			}
			continue
		}
		if err != nil || got != c.want {
			t.Errorf("%q: %+v, %v; want %+v", c.yaml, got, err, c.want)
		}
	}
}

func TestLoad(t *testing.T) {
	dir := t.TempDir()
	env := map[string]string{"XDG_CONFIG_HOME": dir, "HOME": "/home/ana"}
	getenv := func(k string) string { return env[k] }
	if c, err := Load(getenv); err != nil || c != (Config{}) {
		t.Fatalf("no file: %+v, %v", c, err)
	}
	path := filepath.Join(dir, "briefing", "config.yaml")
	os.MkdirAll(filepath.Dir(path), 0o755)
	os.WriteFile(path, []byte("library: ~/lib\nwidth: 90\n"), 0o644)
	c, err := Load(getenv)
	if err != nil || c.Library != "/home/ana/lib" || c.Width != 90 || c.Path != path {
		t.Fatalf("%+v, %v", c, err)
	}
	os.WriteFile(path, []byte("width: 1\n"), 0o644)
	if _, err := Load(getenv); err == nil || !strings.HasPrefix(err.Error(), "config "+path+": width: 1") {
		t.Errorf("err = %v", err)
	}
	if got := DefaultPath(func(k string) string { return map[string]string{"HOME": "/home/ana"}[k] }); got != "/home/ana/.config/briefing/config.yaml" {
		t.Errorf("DefaultPath without XDG_CONFIG_HOME: %s", got)
	}
	if got := DefaultPath(func(string) string { return "" }); got != "" {
		t.Errorf("DefaultPath with no environment: %q", got)
	}
}
