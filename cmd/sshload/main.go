// Command sshload measures briefing serve under load: it starts the server,
// opens N concurrent SSH sessions, presses keys in each, and reports the
// key-to-frame latency, the bytes sent per key press, the server's memory
// per session and whether idle sessions are sent anything.
//
//	go build -o /tmp/briefing . && go run ./cmd/sshload -bin /tmp/briefing -n 100
package main

import (
	"bytes"
	"crypto/ed25519"
	"crypto/rand"
	"flag"
	"fmt"
	mrand "math/rand/v2"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	gossh "golang.org/x/crypto/ssh"
	"golang.org/x/sys/unix"
)

func main() {
	bin := flag.String("bin", "briefing", "the briefing binary to serve")
	n := flag.Int("n", 100, "concurrent sessions")
	keys := flag.Int("keys", 30, "key presses per session")
	think := flag.Duration("think", 200*time.Millisecond, "pause between a frame and the next key press (0: as fast as frames come)")
	profile := flag.String("cpuprofile", "", "write the server's CPU profile to `FILE`")
	pin := flag.Bool("pin", false, "run the server on CPU 0 and the clients on the others (Linux, needs taskset), so clients do not steal the server's time")
	flag.Parse()
	if *pin {
		if err := pinClients(); err != nil {
			fmt.Fprintln(os.Stderr, "sshload: -pin:", err)
			os.Exit(1)
		}
	}
	if err := run(*bin, *n, *keys, *think, *profile, *pin); err != nil {
		fmt.Fprintln(os.Stderr, "sshload:", err)
		os.Exit(1)
	}
}

func run(bin string, n, presses int, think time.Duration, profile string, pin bool) error {
	dir, err := os.MkdirTemp("", "sshload")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	addr := l.Addr().String()
	l.Close()
	var logs bytes.Buffer
	args := []string{"serve", "--listen", addr, "--state", filepath.Join(dir, "state"),
		"--max-sessions", strconv.Itoa(n + 10), "--rate", "100000", "--rate-burst", "100000"}
	if profile != "" {
		args = append(args, "--cpuprofile", profile)
	}
	srv := exec.Command(bin, args...)
	if pin {
		srv = exec.Command("taskset", append([]string{"-c", "0", bin}, args...)...)
	}
	srv.Stderr = &logs
	if err := srv.Start(); err != nil {
		return err
	}
	defer srv.Process.Kill()
	if err := waitListening(addr); err != nil {
		return fmt.Errorf("%w\n%s", err, logs.String())
	}
	base := rssKiB(srv.Process.Pid)

	sessions := make([]*session, n)
	var wg sync.WaitGroup
	errs := make(chan error, n)
	for i := range sessions {
		wg.Go(func() {
			s, err := open(addr)
			if err != nil {
				errs <- err
				return
			}
			sessions[i] = s
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		return err
	}
	time.Sleep(2 * time.Second) // let every first frame finish
	open := rssKiB(srv.Process.Pid)

	// Idle: nothing should arrive while nobody types.
	before := total(sessions)
	time.Sleep(3 * time.Second)
	idleBytes := total(sessions) - before

	var mu sync.Mutex
	var latencies []time.Duration
	var perKey []int
	for _, s := range sessions {
		wg.Go(func() {
			lat, sizes := s.press(presses, think)
			mu.Lock()
			latencies = append(latencies, lat...)
			perKey = append(perKey, sizes...)
			mu.Unlock()
		})
	}
	wg.Wait()
	slices.Sort(latencies)
	sum := 0
	for _, b := range perKey {
		sum += b
	}
	fmt.Printf("sessions            %d (think time %v)\n", n, think)
	fmt.Printf("key presses         %d\n", len(latencies))
	if len(latencies) > 0 {
		fmt.Printf("key-to-frame p50    %v\n", pct(latencies, 50))
		fmt.Printf("key-to-frame p99    %v\n", pct(latencies, 99))
		fmt.Printf("bytes per key press %d\n", sum/len(perKey))
	}
	if base > 0 && open > 0 {
		fmt.Printf("server RSS          %d KiB idle, %d KiB with %d sessions\n", base, open, n)
		fmt.Printf("memory per session  %d KiB\n", (open-base)/n)
	}
	fmt.Printf("idle bytes sent     %d in 3 s across all sessions\n", idleBytes)
	for _, s := range sessions {
		s.client.Close()
	}
	// SIGTERM lets the server stop cleanly and write its profile.
	srv.Process.Signal(syscall.SIGTERM)
	srv.Wait()
	return nil
}

func waitListening(addr string) error {
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		if c, err := net.Dial("tcp", addr); err == nil {
			c.Close()
			return nil
		}
		time.Sleep(50 * time.Millisecond)
	}
	return fmt.Errorf("server did not listen on %s", addr)
}

type session struct {
	client *gossh.Client
	in     interface{ Write([]byte) (int, error) }
	mu     sync.Mutex
	got    int
	last   time.Time
	signal chan struct{}
}

func (s *session) Write(p []byte) (int, error) {
	s.mu.Lock()
	s.got += len(p)
	s.last = time.Now()
	s.mu.Unlock()
	select {
	case s.signal <- struct{}{}:
	default:
	}
	return len(p), nil
}

func (s *session) received() (int, time.Time) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.got, s.last
}

func open(addr string) (*session, error) {
	_, priv, _ := ed25519.GenerateKey(rand.Reader)
	signer, _ := gossh.NewSignerFromKey(priv)
	c, err := gossh.Dial("tcp", addr, &gossh.ClientConfig{
		User: "load", Auth: []gossh.AuthMethod{gossh.PublicKeys(signer)},
		HostKeyCallback: gossh.InsecureIgnoreHostKey(), Timeout: 30 * time.Second,
	})
	if err != nil {
		return nil, err
	}
	sess, err := c.NewSession()
	if err != nil {
		return nil, err
	}
	s := &session{client: c, signal: make(chan struct{}, 1)}
	sess.Stdout = s
	if err := sess.RequestPty("xterm-256color", 40, 120, gossh.TerminalModes{}); err != nil {
		return nil, err
	}
	in, err := sess.StdinPipe()
	if err != nil {
		return nil, err
	}
	s.in = in
	if err := sess.Shell(); err != nil {
		return nil, err
	}
	deadline := time.Now().Add(30 * time.Second)
	for {
		if got, _ := s.received(); got > 0 {
			return s, nil
		}
		if time.Now().After(deadline) {
			return nil, fmt.Errorf("no first frame")
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// press sends keys that each change the screen (the list cursor moving
// down and up) and times the first byte of each new frame.
func (s *session) press(n int, think time.Duration) (lat []time.Duration, sizes []int) {
	// Sessions start out of step, as people do.
	time.Sleep(time.Duration(mrand.Int64N(int64(think) + 1)))
	for i := range n {
		key := "j"
		if i%2 == 1 {
			key = "k"
		}
		before, _ := s.received()
		start := time.Now()
		select {
		case <-s.signal:
		default:
		}
		s.in.Write([]byte(key))
		select {
		case <-s.signal:
			lat = append(lat, time.Since(start))
		case <-time.After(5 * time.Second):
			continue
		}
		// The frame is done when nothing more arrives for 50 ms.
		for {
			time.Sleep(10 * time.Millisecond)
			if _, last := s.received(); time.Since(last) > 50*time.Millisecond {
				break
			}
		}
		after, _ := s.received()
		sizes = append(sizes, after-before)
		time.Sleep(think)
	}
	return lat, sizes
}

func total(ss []*session) int {
	n := 0
	for _, s := range ss {
		got, _ := s.received()
		n += got
	}
	return n
}

func pct(sorted []time.Duration, p int) time.Duration {
	i := (len(sorted) - 1) * p / 100
	return sorted[i].Round(10 * time.Microsecond)
}

// rssKiB reads a process's resident memory from /proc, or 0 elsewhere.
func rssKiB(pid int) int {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(data), "\n") {
		if strings.HasPrefix(line, "VmRSS:") {
			f := strings.Fields(line)
			if len(f) >= 2 {
				v, _ := strconv.Atoi(f[1])
				return v
			}
		}
	}
	return 0
}

// pinClients keeps this process off CPU 0, which -pin leaves to the server.
func pinClients() error {
	var set unix.CPUSet
	for cpu := 1; cpu < runtime.NumCPU(); cpu++ {
		set.Set(cpu)
	}
	if set.Count() == 0 {
		return fmt.Errorf("needs at least two CPUs")
	}
	runtime.GOMAXPROCS(set.Count())
	return unix.SchedSetaffinity(0, &set)
}
