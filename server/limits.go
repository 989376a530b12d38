package server

import (
	"io"
	"sync"
	"time"

	tea "charm.land/bubbletea/v2"
)

// Window sizes past these are clamped: the terminal renderer keeps cells
// for the whole window, and a client claiming 10000×10000 would otherwise
// make the server allocate gigabytes.
const (
	maxWidth  = 400
	maxHeight = 200
)

func clampSize(w, h int) (int, int) {
	return min(max(w, 0), maxWidth), min(max(h, 0), maxHeight)
}

// sessionFilter clamps window sizes and, as wish's own filter does, turns
// suspend into resume (a remote user cannot suspend the server's program).
func sessionFilter(_ tea.Model, msg tea.Msg) tea.Msg {
	switch m := msg.(type) {
	case tea.WindowSizeMsg:
		m.Width, m.Height = clampSize(m.Width, m.Height)
		return m
	case tea.SuspendMsg:
		return tea.ResumeMsg{}
	}
	return msg
}

// Input a session may send: typing is a few bytes a second and a pasted
// note fits in the burst; a flood is slowed to the sustained rate, so it
// cannot take the CPU from other sessions.
const (
	inputBytesPerSecond = 256
	inputBurst          = 16 << 10
)

// throttledReader limits the rate a session's input reaches its program.
type throttledReader struct {
	r      io.Reader
	mu     sync.Mutex
	tokens float64
	last   time.Time
}

func newThrottledReader(r io.Reader) *throttledReader {
	return &throttledReader{r: r, tokens: inputBurst, last: time.Now()}
}

func (t *throttledReader) Read(p []byte) (int, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	for {
		now := time.Now()
		t.tokens = min(inputBurst, t.tokens+now.Sub(t.last).Seconds()*inputBytesPerSecond)
		t.last = now
		if t.tokens >= 1 {
			break
		}
		time.Sleep(time.Duration((1 - t.tokens) / inputBytesPerSecond * float64(time.Second)))
	}
	n, err := t.r.Read(p[:min(len(p), int(t.tokens))])
	t.tokens -= float64(n)
	return n, err
}
