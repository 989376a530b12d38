package server

import (
	"strings"
	"testing"

	"charm.land/log/v2"
	"golang.org/x/time/rate"
)

func TestRefusalsFloodNotTheLog(t *testing.T) {
	var buf syncBuffer
	r := newRefusalLog(log.New(&buf))
	for range 5000 {
		r.Warn("connection refused: too many from this address", "remote", "127.0.0.1:1")
	}
	if lines := strings.Count(buf.String(), "\n"); lines > 200 || lines == 0 {
		t.Errorf("%d lines logged for 5,000 refusals", lines)
	}
	r.limit = rate.NewLimiter(rate.Inf, 1) // as if time had passed
	r.Warn("auth refused")
	if !strings.Contains(buf.String(), "refusals-not-logged") {
		t.Error("the refusals left out were not counted")
	}
}
