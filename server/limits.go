package server

import (
	"context"
	"io"
	"sync"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/ssh"
	"golang.org/x/time/rate"
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

// Input a connection may send: typing is a few bytes a second and a pasted
// note fits in the burst; a flood is slowed to the sustained rate, so it
// cannot take the CPU from other sessions. A window change costs as much
// as resizeCost bytes of input, as it costs a whole new frame.
const (
	inputBytesPerSecond = 256
	inputBurst          = 16 << 10
	inputReadChunk      = 1 << 10
	resizeCost          = 256
	// resizeInterval is the fastest window changes reach a program: ten
	// a second keeps a dragged window following the mouse, where one a
	// frame (60) let a few clients take the CPU from everyone else.
	resizeInterval = 100 * time.Millisecond
)

// throttledReader limits the rate a session's input reaches its program,
// spending the connection's budget.
type throttledReader struct {
	ctx    context.Context
	r      io.Reader
	budget *rate.Limiter
}

func newThrottledReader(ctx context.Context, r io.Reader, budget *rate.Limiter) *throttledReader {
	return &throttledReader{ctx: ctx, r: r, budget: budget}
}

func (t *throttledReader) Read(p []byte) (int, error) {
	n, err := t.r.Read(p[:min(len(p), inputReadChunk)])
	// Spending after the read holds these bytes back until the budget
	// allows them; meanwhile the rest of a flood stays in the SSH
	// channel's window, which stops the client sending.
	if n > 0 && t.budget.WaitN(t.ctx, n) != nil {
		return 0, io.EOF
	}
	return n, err
}

// resizer hands a program the client's window changes without ever
// blocking the SSH connection: the latest size replaces any not yet
// delivered, and deliveries come at most once a frame, each spending the
// connection's input budget.
type resizer struct {
	mu      sync.Mutex
	latest  ssh.Window
	pending bool
	shown   ssh.Window // the size the program last got
	wake    chan struct{}
}

// newResizer starts from the size the program starts with, so the copy of
// it the SSH library queues costs nothing.
func newResizer(initial ssh.Window) *resizer {
	return &resizer{shown: initial, wake: make(chan struct{}, 1)}
}

// set records a window change; it never blocks.
func (r *resizer) set(w ssh.Window) {
	r.mu.Lock()
	r.latest, r.pending = w, true
	r.mu.Unlock()
	select {
	case r.wake <- struct{}{}:
	default:
	}
}

// take returns the size to deliver, if it changed.
func (r *resizer) take() (ssh.Window, bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	w, ok := r.latest, r.pending && !sameSize(r.latest, r.shown)
	r.pending = false
	if ok {
		r.shown = w
	}
	return w, ok
}

func sameSize(a, b ssh.Window) bool { return a.Width == b.Width && a.Height == b.Height }

// drain reads every window change the session receives until the channel
// closes. It must keep reading after the program ends: the SSH library
// hands window changes over on the connection's own goroutine, and a
// channel nobody reads stops the whole connection.
func (r *resizer) drain(winch <-chan ssh.Window) {
	for w := range winch {
		r.set(w)
	}
}

// deliver sends the latest size to the program until ctx ends.
func (r *resizer) deliver(ctx context.Context, budget *rate.Limiter, send func(tea.Msg)) {
	for {
		select {
		case <-ctx.Done():
			return
		case <-r.wake:
		}
		// Wait out the frame so a burst of changes becomes one.
		select {
		case <-ctx.Done():
			return
		case <-time.After(resizeInterval):
		}
		w, ok := r.take()
		if !ok {
			continue
		}
		if budget.WaitN(ctx, resizeCost) != nil {
			return
		}
		// A newer size that came during the wait wins.
		if newer, ok := r.take(); ok {
			w = newer
		}
		send(tea.WindowSizeMsg{Width: w.Width, Height: w.Height})
	}
}
