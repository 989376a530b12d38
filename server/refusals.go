package server

import (
	"sync"

	"charm.land/log/v2"
	"golang.org/x/time/rate"
)

// refusalLog logs refusals, but under a flood at most a few a second: a
// client opening thousands of connections must not fill the disk with
// logs. The next line logged says how many were left out.
type refusalLog struct {
	logger *log.Logger
	limit  *rate.Limiter
	mu     sync.Mutex
	missed int
}

func newRefusalLog(l *log.Logger) *refusalLog {
	return &refusalLog{logger: l, limit: rate.NewLimiter(20, 100)}
}

// Warn logs msg with its key-value pairs unless the rate is exceeded.
func (r *refusalLog) Warn(msg string, kv ...any) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if !r.limit.Allow() {
		r.missed++
		return
	}
	if r.missed > 0 {
		kv = append(kv, "refusals-not-logged", r.missed)
		r.missed = 0
	}
	r.logger.Warn(msg, kv...)
}
