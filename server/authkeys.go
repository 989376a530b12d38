package server

import (
	"errors"
	"fmt"
	"net"
	"os"
	"path"
	"strings"
	"time"

	gossh "golang.org/x/crypto/ssh"
)

// authorizedKey is one line of an authorized_keys file.
type authorizedKey struct {
	key     gossh.PublicKey
	options []string
	line    int
}

func readAuthorizedKeys(file string) ([]authorizedKey, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	var keys []authorizedKey
	for i, line := range strings.Split(string(data), "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		key, _, options, _, err := gossh.ParseAuthorizedKey([]byte(line))
		if err != nil {
			continue // not a key OpenSSH would accept either
		}
		keys = append(keys, authorizedKey{key: key, options: options, line: i + 1})
	}
	return keys, nil
}

// Options that only take away what briefing never grants anyway: it
// forwards nothing and runs no rc file.
var alreadyHonoured = map[string]bool{
	"no-port-forwarding": true, "no-agent-forwarding": true, "no-x11-forwarding": true,
	"no-user-rc": true, "pty": true,
}

// permits says whether the line's options let this key in from ip at now,
// and if not, why. Options briefing does not implement refuse the key: it
// must never grant more than the admin wrote.
func (k authorizedKey) permits(ip net.IP, now time.Time) error {
	restricted, pty := false, false
	for _, opt := range k.options {
		name, value, hasValue := strings.Cut(opt, "=")
		name = strings.ToLower(name)
		value = unquote(value)
		switch {
		case name == "from" && hasValue:
			if !matchFrom(value, ip) {
				return fmt.Errorf("from=%q does not match %s", value, ip)
			}
		case name == "expiry-time" && hasValue:
			at, err := parseExpiry(value)
			if err != nil {
				return fmt.Errorf("expiry-time=%q: %w", value, err)
			}
			if now.After(at) {
				return fmt.Errorf("key expired at %s", at.Format(time.RFC3339))
			}
		case name == "restrict" && !hasValue:
			restricted = true
		case name == "no-pty" && !hasValue:
			return errors.New("no-pty: briefing needs a terminal")
		case alreadyHonoured[name] && !hasValue:
			pty = pty || name == "pty"
		default:
			if hasValue {
				name += "="
			}
			return fmt.Errorf("option %s is not supported by briefing", name)
		}
	}
	if restricted && !pty {
		return errors.New("restrict without pty: briefing needs a terminal")
	}
	return nil
}

func unquote(s string) string {
	if len(s) >= 2 && s[0] == '"' && s[len(s)-1] == '"' {
		return strings.ReplaceAll(s[1:len(s)-1], `\"`, `"`)
	}
	return s
}

// matchFrom follows OpenSSH's from= pattern list: comma-separated address
// patterns with * and ?, or CIDR blocks, each negated by a leading !; a
// negated match refuses, and some positive match is needed. Host names
// never match: briefing does not look up the client's name.
func matchFrom(list string, ip net.IP) bool {
	if ip == nil {
		return false
	}
	addr := ip.String()
	matched := false
	for _, pat := range strings.Split(list, ",") {
		pat = strings.TrimSpace(pat)
		negate := strings.HasPrefix(pat, "!")
		pat = strings.TrimPrefix(pat, "!")
		var hit bool
		if _, block, err := net.ParseCIDR(pat); err == nil {
			hit = block.Contains(ip)
		} else {
			hit, _ = path.Match(strings.ToLower(pat), addr)
		}
		if hit && negate {
			return false
		}
		matched = matched || hit
	}
	return matched
}

// parseExpiry reads OpenSSH's YYYYMMDD[HHMM[SS]] in local time, or UTC with
// a trailing Z.
func parseExpiry(s string) (time.Time, error) {
	loc := time.Local
	if strings.HasSuffix(s, "Z") || strings.HasSuffix(s, "z") {
		s, loc = s[:len(s)-1], time.UTC
	}
	layouts := map[int]string{8: "20060102", 12: "200601021504", 14: "20060102150405"}
	layout, ok := layouts[len(s)]
	if !ok {
		return time.Time{}, errors.New("want YYYYMMDD[HHMM[SS]][Z]")
	}
	t, err := time.ParseInLocation(layout, s, loc)
	if err != nil {
		return time.Time{}, errors.New("want YYYYMMDD[HHMM[SS]][Z]")
	}
	return t, nil
}
