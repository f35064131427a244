package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"runtime/debug"
	"time"

	"github.com/followup-playbook/playbook/generator/serve"
)

// serveMemoryLimit is the soft limit of the dev server's memory (debug.SetMemoryLimit),
// unless GOMEMLIMIT sets another.
const serveMemoryLimit = 1400 << 20

func runServe(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var sf siteFlags
	var (
		bind     string
		port     int
		poll     time.Duration
		debounce time.Duration
		navigate bool
	)
	fs := newFlagSet("serve", "serve [-s DIR] [--bind ADDR] [-p PORT] [--poll DURATION] [--debounce DURATION] [--navigate] [-b URL] [-D] [-F] [-E]", stderr)
	sf.register(fs)
	fs.StringVar(&bind, "bind", "127.0.0.1", "the address to listen on; 0.0.0.0 lets other machines see the preview")
	const portUsage = "the port to listen on; when it is taken, the next free one is used"
	fs.IntVar(&port, "port", 1313, portUsage)
	fs.IntVar(&port, "p", 1313, portUsage)
	fs.DurationVar(&poll, "poll", 0, fmt.Sprintf("look for changes this often (e.g. 1s) instead of asking the kernel: for network shares and other file systems without inotify (at least %s)", serve.MinPoll))
	fs.DurationVar(&debounce, "debounce", serve.DefaultDebounce, fmt.Sprintf("how long a burst of changes may pause without ending; a single save is rebuilt after a tenth of it (at least %s)", serve.MinDebounce))
	fs.BoolVar(&navigate, "navigate", false, "take the browser to the page whose source changed")
	if err := parseFlags(fs, args, 0); err != nil {
		return err
	}
	if debounce < serve.MinDebounce {
		return usageError{fmt.Errorf("serve: --debounce %s is too short; use at least %s", debounce, serve.MinDebounce)}
	}
	if poll != 0 && poll < serve.MinPoll {
		return usageError{fmt.Errorf("serve: --poll %s is too often; use at least %s", poll, serve.MinPoll)}
	}
	if port < 0 || port > 65535 {
		return usageError{fmt.Errorf("serve: --port %d is not between 0 and 65535", port)}
	}
	src, dir, err := sf.site(stderr)
	if err != nil {
		return err
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		// A large site's server holds its last build while it makes the next: left to
		// GOGC, the heap of a 100,000-page site would grow to twice that (1.9 GB), where a
		// limit has the collector work harder instead once it comes near.
		debug.SetMemoryLimit(serveMemoryLimit)
	}
	srv, err := serve.New(serve.Config{
		Source:   src,
		Options:  sf.options(),
		Dir:      dir,
		Poll:     poll,
		Debounce: debounce,
		Navigate: navigate,
		Stdout:   stdout,
		Stderr:   stderr,
	})
	if err != nil {
		return err
	}
	ln, err := serve.Listen(bind, port)
	if err != nil {
		return err
	}
	if got := ln.Addr().(*net.TCPAddr).Port; port != 0 && got != port {
		fmt.Fprintf(stderr, "port %d is in use; using %d instead\n", port, got)
	}
	if err := srv.Run(ctx, ln); err != nil && !errors.Is(err, context.Canceled) {
		return err
	}
	return nil
}
