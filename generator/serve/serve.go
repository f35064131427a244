// Package serve is the dev server behind `playbook serve`: it builds a site into memory,
// serves it over HTTP, watches the site's folder, rebuilds on every change and tells open
// browsers to reload over Server-Sent Events.
//
// The pieces, in the order a change flows through them:
//
//   - the watcher (fsnotify, or a stat poller with Config.Poll) walks the site and watches
//     every folder, drops editor temporary files and Chmod-only events, and collects a
//     burst of changes with one debounce timer into a batch;
//   - the rebuild loop builds the batch with generator.Build into a MemoryOutput (a newer
//     batch cancels a build still running) and swaps the result in with one atomic pointer
//     store, so a request sees either the old build or the new one, never half of one;
//   - the hub sends the reload event to every open page only once the new build is in
//     place: "css" when only stylesheets changed (the page swaps them without reloading),
//     "reload" otherwise, with the changed page's address under Config.Navigate;
//   - the handler serves only the files of the current build from memory: no URL is ever
//     turned into a path on disk. It adds a <script src> tag for /__playbook/reload.js to
//     HTML responses (never to `playbook build` output), and while the last build failed it
//     answers page requests with an error page (status 500) that lists every problem and
//     reloads by itself once they are fixed.
//
// A failed build never replaces a good one, and no mistake in a site can stop the server.
package serve

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"strconv"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/followup-playbook/playbook/generator"
	"github.com/followup-playbook/playbook/generator/load/sitefs"
	"github.com/followup-playbook/playbook/generator/output"
)

// Debounce limits: the default wait for a burst of changes to end, and the least one may ask
// for, below which one save would trigger several rebuilds.
const (
	DefaultDebounce = 50 * time.Millisecond
	MinDebounce     = 5 * time.Millisecond
	// MinPoll is the shortest polling interval: every poll walks the whole site.
	MinPoll = 100 * time.Millisecond
	// fallbackPoll is how often the site is polled when the kernel runs out of inotify watches.
	fallbackPoll = time.Second
)

// CompressFrom is the number of pages from which the server keeps a site's HTML
// gzip-compressed in memory (generator.Options.CompressFrom), unless Options says otherwise:
// a 100,000-page site's 1 GB of pages would not fit twice, as a full rebuild holds them
// while the last build is served, in 1.5 GB. Below it, a full rebuild does not pay for
// compressing every page (a few hundred milliseconds at 20,000 pages).
const CompressFrom = 20000

// BuildFunc makes one build of the site into out. changed lists the files (slash-separated,
// relative to the site's folder, "" for "unknown") that changed since the last build that
// was put in place; it is nil for the first build. generator.Build, given a Cache, uses it
// to render only what the change touches.
type BuildFunc func(ctx context.Context, changed []string, out output.Output) (generator.Summary, error)

// Config says what to serve and how to follow its changes.
type Config struct {
	// Source and Options are what generator.Build reads and how.
	Source  sitefs.Source
	Options generator.Options
	// Dir is the site's folder on disk, watched for changes; "" watches nothing (the
	// built-in site).
	Dir string
	// Poll, when positive, checks Dir for changes that often instead of asking the kernel
	// (for file systems without inotify: network shares, some containers). At least MinPoll.
	Poll time.Duration
	// Debounce is how long a burst of changes may pause without ending (0: DefaultDebounce;
	// at least MinDebounce). A single save, whose events all come within Debounce/10, is
	// rebuilt Debounce/10 after its last event, so a save shows quickly while a long burst
	// (a checkout, a copy) is still one rebuild.
	Debounce time.Duration
	// Navigate sends the browser to the page whose source changed.
	Navigate bool
	// Stdout receives one line per build; Stderr the problems and warnings. nil discards.
	Stdout, Stderr io.Writer
	// Build replaces generator.Build(ctx, Source, Options, out); tests use it to slow a
	// build down.
	Build BuildFunc
}

// Server is one running dev server. Its zero value is not usable; call New.
type Server struct {
	cfg   Config
	build BuildFunc
	// instance tells this process's build ids from a previous one's, so a browser that
	// reconnects after a restart reloads.
	instance string
	gen      atomic.Int64
	cur      atomic.Pointer[snapshot]
	hub      *hub
	// published counts the builds put in place since the first; tests read it.
	published atomic.Int64
	// lastChanged is the batch of the last build put in place; tests read it.
	lastChanged atomic.Pointer[[]string]
	outMu       sync.Mutex // keeps the lines of concurrent writers whole
	// activity is when the watcher last saw a change (Unix nanoseconds), and quietFor how
	// long after it the files count as settled: a failed build is only shown then.
	activity atomic.Int64
	quietFor time.Duration
}

// New checks cfg and returns a server for it.
func New(cfg Config) (*Server, error) {
	if cfg.Source.Site == nil && cfg.Source.Defaults == nil {
		return nil, errors.New("serve: no site to serve")
	}
	if cfg.Debounce == 0 {
		cfg.Debounce = DefaultDebounce
	}
	if cfg.Debounce < MinDebounce {
		return nil, fmt.Errorf("serve: a debounce of %s is too short; use at least %s", cfg.Debounce, MinDebounce)
	}
	if cfg.Poll != 0 && cfg.Poll < MinPoll {
		return nil, fmt.Errorf("serve: polling every %s is too often; use at least %s", cfg.Poll, MinPoll)
	}
	if cfg.Stdout == nil {
		cfg.Stdout = io.Discard
	}
	if cfg.Stderr == nil {
		cfg.Stderr = io.Discard
	}
	s := &Server{
		cfg:      cfg,
		build:    cfg.Build,
		instance: strconv.FormatInt(time.Now().UnixNano(), 36),
		hub:      newHub(),
	}
	if s.build == nil {
		opts := cfg.Options
		if opts.Cache == nil {
			// Rebuilds render again only the pages whose inputs changed, and a change
			// to pages' bodies alone renders those pages without loading the site.
			opts.Cache = generator.NewCache()
		}
		if opts.CompressFrom == 0 {
			opts.CompressFrom = CompressFrom
		}
		s.build = func(ctx context.Context, changed []string, out output.Output) (generator.Summary, error) {
			opts := opts
			opts.Changed = changed
			return generator.Build(ctx, cfg.Source, opts, out)
		}
	}
	return s, nil
}

// Run builds the site, starts watching it and serves it on ln until ctx is done; then it
// closes the watcher and every open event stream, lets requests in flight finish and
// returns nil. It returns an error only when it cannot serve at all.
func (s *Server) Run(ctx context.Context, ln net.Listener) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	defer ln.Close()

	// The watcher is armed before the first build, so a file saved while it runs (seconds,
	// on a big site) is queued by the kernel and rebuilt right after.
	var w watcher
	batches := make(chan batch)
	if s.cfg.Dir != "" {
		var err error
		if w, err = s.startWatcher(batches); err != nil {
			return err
		}
	}
	s.first(ctx)
	if ctx.Err() != nil {
		if c, ok := w.(io.Closer); ok {
			c.Close()
		}
		return nil
	}

	var wg sync.WaitGroup
	if w == nil {
		s.printf("serving the built-in site: there is no site folder to watch (start one with `playbook new DIR`, then `playbook serve -s DIR`)\n")
	} else {
		wg.Add(2)
		go func() {
			defer wg.Done()
			w.run(ctx)
		}()
		go func() {
			defer wg.Done()
			s.rebuilds(ctx, batches)
		}()
	}

	srv := &http.Server{
		Handler:           s,
		ReadHeaderTimeout: 10 * time.Second,
		// Requests, event streams included, end when the server stops.
		BaseContext: func(net.Listener) context.Context { return ctx },
	}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	s.printf("serving %s (Ctrl-C to stop)\n", s.URL(ln.Addr()))
	if ta, ok := ln.Addr().(*net.TCPAddr); ok && !ta.IP.IsLoopback() {
		s.warnf("warning: listening on %s, so other machines can reach this preview\n", ta.IP)
	}

	var err error
	select {
	case <-ctx.Done():
	case err = <-served:
		err = fmt.Errorf("serving on %s: %w", ln.Addr(), err)
	}
	cancel()
	s.hub.close()
	shutdown, stop := context.WithTimeout(context.Background(), 5*time.Second)
	defer stop()
	if e := srv.Shutdown(shutdown); e != nil && err == nil && !errors.Is(e, context.DeadlineExceeded) {
		err = fmt.Errorf("stopping the server: %w", e)
	}
	wg.Wait()
	return err
}

// URL is the address the site is served at, under its base path.
func (s *Server) URL(addr net.Addr) string {
	host, port := "127.0.0.1", ""
	if ta, ok := addr.(*net.TCPAddr); ok {
		port = strconv.Itoa(ta.Port)
		switch {
		case ta.IP == nil || ta.IP.IsUnspecified():
			host = "localhost"
		default:
			host = ta.IP.String()
		}
	} else if h, p, err := net.SplitHostPort(addr.String()); err == nil {
		host, port = h, p
	}
	base := "/"
	if sn := s.cur.Load(); sn != nil {
		base = sn.base
	}
	return "http://" + net.JoinHostPort(host, port) + base
}

// Listen listens on bind:port, or, when that port is taken, on the next free one above it
// (up to 100 further), as Hugo does; port 0 picks any free port. The caller compares the
// listener's port with the one asked for to say which it got.
func Listen(bind string, port int) (net.Listener, error) {
	if port < 0 || port > 65535 {
		return nil, fmt.Errorf("port %d is not between 0 and 65535", port)
	}
	first := port
	for {
		ln, err := net.Listen("tcp", net.JoinHostPort(bind, strconv.Itoa(port)))
		if err == nil {
			return ln, nil
		}
		if !errors.Is(err, syscall.EADDRINUSE) || port == 0 {
			return nil, fmt.Errorf("cannot listen on %s: %w", net.JoinHostPort(bind, strconv.Itoa(port)), err)
		}
		if port == 65535 || port-first >= 100 {
			return nil, fmt.Errorf("ports %d to %d on %s are all in use; choose another with -p", first, port, bind)
		}
		port++
	}
}

func (s *Server) printf(format string, args ...any) {
	s.outMu.Lock()
	defer s.outMu.Unlock()
	fmt.Fprintf(s.cfg.Stdout, format, args...)
}

func (s *Server) warnf(format string, args ...any) {
	s.outMu.Lock()
	defer s.outMu.Unlock()
	fmt.Fprintf(s.cfg.Stderr, format, args...)
}
