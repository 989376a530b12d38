// Command sshload measures briefing serve under load: it starts the server,
// opens N concurrent SSH sessions, presses keys in each, and reports the
// key-to-frame latency, the bytes sent per key press, the server's memory
// per session and whether idle sessions are sent anything. With -storm S,
// S more clients pipeline window changes as fast as they can while the N
// users type, and the latency reported is the N users'.
//
//	go build -o /tmp/briefing . && go run ./cmd/sshload -bin /tmp/briefing -n 100 -storm 4
package main

import (
	"bytes"
	"crypto/ed25519"
	"crypto/rand"
	"flag"
	"fmt"
	"io"
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
	"sync/atomic"
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
	storms := flag.Int("storm", 0, "clients pipelining window changes while the others type")
	apart := flag.Bool("storm-apart", false, "run the -storm clients in a process of their own, as they would be on another machine")
	child := flag.String("storm-child", "", "internal: run -storm clients against `ADDR` until stdin closes")
	pin := flag.Bool("pin", false, "run the server on CPU 0 and the clients on the others (Linux, needs taskset), so clients do not steal the server's time")
	flag.Parse()
	if *pin {
		if err := pinClients(); err != nil {
			fmt.Fprintln(os.Stderr, "sshload: -pin:", err)
			os.Exit(1)
		}
	}
	if *child != "" {
		if err := stormChild(*child, *storms); err != nil {
			fmt.Fprintln(os.Stderr, "sshload:", err)
			os.Exit(1)
		}
		return
	}
	if err := run(*bin, *n, *storms, *keys, *think, *profile, *pin, *apart); err != nil {
		fmt.Fprintln(os.Stderr, "sshload:", err)
		os.Exit(1)
	}
}

func run(bin string, n, storms, presses int, think time.Duration, profile string, pin, apart bool) error {
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
		"--max-sessions", strconv.Itoa(n + storms + 10), "--max-conns-per-addr", strconv.Itoa(n + storms + 10),
		"--rate", "100000", "--rate-burst", "100000"}
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
	withSessions := rssKiB(srv.Process.Pid)

	// Idle: nothing should arrive while nobody types.
	before := total(sessions)
	time.Sleep(3 * time.Second)
	idleBytes := total(sessions) - before

	var changes atomic.Int64
	stop, stormers, stopChild, err := startStorm(addr, storms, apart, &changes)
	if err != nil {
		return err
	}
	stormStart := time.Now()
	cpuStart, selfStart := cpuTime(srv.Process.Pid), cpuTime(os.Getpid())

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
	close(stop)
	if stopChild != nil {
		changes.Store(stopChild())
	}
	stormTime := time.Since(stormStart)
	cpuUsed, selfUsed := cpuTime(srv.Process.Pid)-cpuStart, cpuTime(os.Getpid())-selfStart
	slices.Sort(latencies)
	sum := 0
	for _, b := range perKey {
		sum += b
	}
	fmt.Printf("sessions            %d (think time %v)\n", n, think)
	if storms > 0 {
		fmt.Printf("storm clients       %d, %d window changes sent in %v (latencies below are the other users')\n",
			storms, changes.Load(), stormTime.Round(time.Millisecond))
	}
	fmt.Printf("key presses         %d\n", len(latencies))
	if len(latencies) > 0 {
		fmt.Printf("key-to-frame p50    %v\n", pct(latencies, 50))
		fmt.Printf("key-to-frame p99    %v\n", pct(latencies, 99))
		fmt.Printf("bytes per key press %d\n", sum/len(perKey))
	}
	if base > 0 && withSessions > 0 {
		fmt.Printf("server RSS          %d KiB idle, %d KiB with %d sessions\n", base, withSessions, n)
		fmt.Printf("memory per session  %d KiB\n", (withSessions-base)/n)
	}
	fmt.Printf("idle bytes sent     %d in 3 s across all sessions\n", idleBytes)
	if cpuUsed > 0 {
		fmt.Printf("server CPU          %v in the %v of key presses (%.0f%% of one core)\n",
			cpuUsed.Round(time.Millisecond), stormTime.Round(time.Millisecond), 100*cpuUsed.Seconds()/stormTime.Seconds())
		fmt.Printf("clients' CPU        %v (this process)\n", selfUsed.Round(time.Millisecond))
	}
	for _, s := range append(sessions, stormers...) {
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
	sess   *gossh.Session
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
	s := &session{client: c, sess: sess, signal: make(chan struct{}, 1)}
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

// startStorm starts storms clients here, or in a child process with
// apart; stopChild then ends it and returns how many changes it sent.
func startStorm(addr string, storms int, apart bool, sent *atomic.Int64) (stop chan struct{}, here []*session, stopChild func() int64, err error) {
	stop = make(chan struct{})
	if storms == 0 {
		return stop, nil, nil, nil
	}
	if apart {
		cmd := exec.Command(os.Args[0], "-storm-child", addr, "-storm", strconv.Itoa(storms))
		in, err := cmd.StdinPipe()
		if err != nil {
			return nil, nil, nil, err
		}
		var out bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, os.Stderr
		if err := cmd.Start(); err != nil {
			return nil, nil, nil, err
		}
		return stop, nil, func() int64 {
			in.Close()
			cmd.Wait()
			n, _ := strconv.ParseInt(strings.TrimSpace(out.String()), 10, 64)
			return n
		}, nil
	}
	here = make([]*session, storms)
	for i := range here {
		if here[i], err = open(addr); err != nil {
			return nil, nil, nil, fmt.Errorf("storm client: %w", err)
		}
	}
	for _, s := range here {
		go s.storm(stop, sent)
	}
	return stop, here, nil, nil
}

// stormChild is the -storm-apart process: it storms until its stdin
// closes and prints how many window changes it sent.
func stormChild(addr string, storms int) error {
	var sent atomic.Int64
	stop, clients, _, err := startStorm(addr, storms, false, &sent)
	if err != nil {
		return err
	}
	io.Copy(io.Discard, os.Stdin)
	close(stop)
	for _, c := range clients {
		c.client.Close()
	}
	fmt.Println(sent.Load())
	return nil
}

// storm pipelines window changes until stop is closed, as a hostile or
// broken client might.
func (s *session) storm(stop <-chan struct{}, sent *atomic.Int64) {
	for i := 0; ; i++ {
		select {
		case <-stop:
			return
		default:
		}
		if err := s.sess.WindowChange(20+i%50, 60+i%100); err != nil {
			return
		}
		sent.Add(1)
	}
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

// cpuTime reads a process's user and system CPU time from /proc, or 0.
func cpuTime(pid int) time.Duration {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0
	}
	// Fields after the command name, which is in parentheses.
	i := bytes.LastIndexByte(data, ')')
	if i < 0 {
		return 0
	}
	f := strings.Fields(string(data[i+1:]))
	if len(f) < 13 {
		return 0
	}
	utime, _ := strconv.ParseInt(f[11], 10, 64)
	stime, _ := strconv.ParseInt(f[12], 10, 64)
	const ticks = 100 // USER_HZ on Linux
	return time.Duration(utime+stime) * time.Second / ticks
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
