// Package library holds the articles an analyst brings in: it downloads
// pages and feeds within fixed limits, extracts the story from each page and
// keeps it as Markdown with front matter in a folder the reader loads.
package library

import (
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"net"
	"net/http"
	"net/url"
	"strings"
	"syscall"
	"time"
)

// Limits of one download, from issue 14.
const (
	ConnectTimeout = 10 * time.Second
	TotalTimeout   = 30 * time.Second
	MaxBodyBytes   = 5 << 20
	MaxRedirects   = 5
)

// ClientOptions configure a Client. Zero values mean the limits above.
type ClientOptions struct {
	// Policy is asked before every connection, with the address actually
	// dialled; nil allows every address.
	Policy         Policy
	ConnectTimeout time.Duration
	TotalTimeout   time.Duration
	MaxBytes       int64
	UserAgent      string
}

// Client downloads pages and feeds within the limits.
type Client struct {
	http      *http.Client
	userAgent string
	maxBytes  int64
	total     time.Duration
}

// NewClient builds a client; each client has its own connections.
func NewClient(o ClientOptions) *Client {
	if o.ConnectTimeout <= 0 {
		o.ConnectTimeout = ConnectTimeout
	}
	if o.TotalTimeout <= 0 {
		o.TotalTimeout = TotalTimeout
	}
	if o.MaxBytes <= 0 {
		o.MaxBytes = MaxBodyBytes
	}
	if o.UserAgent == "" {
		o.UserAgent = UserAgent("dev")
	}
	dialer := &net.Dialer{Timeout: o.ConnectTimeout}
	if o.Policy != nil {
		policy := o.Policy
		// Control sees the resolved address, so a public name that resolves
		// (or rebinds) to a private address is refused too.
		dialer.Control = func(_, address string, _ syscall.RawConn) error {
			return policy.check(address)
		}
	}
	transport := &http.Transport{
		DialContext:           dialer.DialContext,
		TLSHandshakeTimeout:   o.ConnectTimeout,
		MaxIdleConnsPerHost:   1,
		IdleConnTimeout:       30 * time.Second,
		ResponseHeaderTimeout: o.TotalTimeout,
	}
	if o.Policy == nil {
		// A proxy would be the address dialled, defeating a policy, so one
		// is only used when no policy is set.
		transport.Proxy = http.ProxyFromEnvironment
	}
	c := &http.Client{
		Transport: transport,
		Timeout:   o.TotalTimeout,
		CheckRedirect: func(req *http.Request, via []*http.Request) error {
			if len(via) > MaxRedirects {
				return fmt.Errorf("too many redirects (more than %d)", MaxRedirects)
			}
			return checkScheme(req.URL)
		},
	}
	return &Client{http: c, userAgent: o.UserAgent, maxBytes: o.MaxBytes, total: o.TotalTimeout}
}

// UserAgent names briefing and its version to the sites it reads.
func UserAgent(version string) string {
	return "briefing/" + version + " (terminal news-briefing reader; Go-http-client)"
}

// Response is a completed download.
type Response struct {
	URL          *url.URL // after redirects
	Body         []byte
	ContentType  string // media type only, lower case
	Charset      string
	ETag         string
	LastModified string
	NotModified  bool // a conditional request found nothing new
}

// Conditional carries validators from an earlier download of a feed.
type Conditional struct {
	ETag         string
	LastModified string
}

// ParseURL accepts absolute http and https URLs only.
func ParseURL(raw string) (*url.URL, error) {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil {
		return nil, errors.New("invalid URL")
	}
	if err := checkScheme(u); err != nil {
		return nil, err
	}
	if u.Host == "" || u.Hostname() == "" {
		return nil, errors.New("invalid URL: no host")
	}
	return u, nil
}

func checkScheme(u *url.URL) error {
	switch strings.ToLower(u.Scheme) {
	case "http", "https":
		return nil
	case "":
		return errors.New("invalid URL: not absolute (it needs http:// or https://)")
	}
	return fmt.Errorf("only http and https URLs are fetched, not %s URLs", u.Scheme)
}

// Get downloads u, following at most MaxRedirects redirects and reading at
// most the byte limit. A non-2xx status is an error, except 304 when cond
// was given.
func (c *Client) Get(ctx context.Context, u *url.URL, cond Conditional) (*Response, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, errors.New("invalid URL")
	}
	req.Header.Set("User-Agent", c.userAgent)
	req.Header.Set("Accept", "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,application/feed+json,application/xml;q=0.9,*/*;q=0.5")
	if cond.ETag != "" {
		req.Header.Set("If-None-Match", cond.ETag)
	}
	if cond.LastModified != "" {
		req.Header.Set("If-Modified-Since", cond.LastModified)
	}
	resp, err := c.http.Do(req)
	if err != nil {
		return nil, c.reason(ctx, err)
	}
	defer resp.Body.Close()
	out := &Response{URL: resp.Request.URL, ETag: resp.Header.Get("ETag"), LastModified: resp.Header.Get("Last-Modified")}
	if resp.StatusCode == http.StatusNotModified && (cond != Conditional{}) {
		out.NotModified = true
		return out, nil
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return nil, fmt.Errorf("HTTP %s", resp.Status)
	}
	if resp.ContentLength > c.maxBytes {
		return nil, tooLarge(c.maxBytes)
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, c.maxBytes+1))
	if err != nil {
		return nil, c.reason(ctx, err)
	}
	if int64(len(body)) > c.maxBytes {
		return nil, tooLarge(c.maxBytes)
	}
	out.Body = body
	if mt, params, err := mime.ParseMediaType(resp.Header.Get("Content-Type")); err == nil {
		out.ContentType, out.Charset = strings.ToLower(mt), params["charset"]
	} else {
		out.ContentType, _, _ = mime.ParseMediaType(http.DetectContentType(body))
	}
	return out, nil
}

func tooLarge(limit int64) error {
	return fmt.Errorf("response too large (over %d MiB)", limit>>20)
}

// reason turns a transport error into the one line a person needs.
func (c *Client) reason(ctx context.Context, err error) error {
	if errors.Is(ctx.Err(), context.Canceled) {
		return context.Canceled
	}
	var denied *DeniedError
	if errors.As(err, &denied) {
		return denied
	}
	var ue *url.Error
	if errors.As(err, &ue) {
		err = ue.Err
		// CheckRedirect's own errors read as they are.
		if !ue.Timeout() && !isNetError(err) && !errors.Is(err, io.ErrUnexpectedEOF) {
			return err
		}
	}
	var ne net.Error
	if errors.As(err, &ne) && ne.Timeout() || errors.Is(err, context.DeadlineExceeded) {
		var op *net.OpError
		if errors.As(err, &op) && op.Op == "dial" {
			return errors.New("timed out connecting")
		}
		return fmt.Errorf("timed out (the limit is %s)", c.total)
	}
	var dns *net.DNSError
	if errors.As(err, &dns) {
		return fmt.Errorf("cannot resolve %s", dns.Name)
	}
	switch {
	case errors.Is(err, syscall.ECONNREFUSED):
		return errors.New("connection refused")
	case errors.Is(err, syscall.ECONNRESET), errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, io.EOF):
		return errors.New("connection closed by the server")
	}
	return err
}

func isNetError(err error) bool {
	var ne net.Error
	return errors.As(err, &ne)
}
