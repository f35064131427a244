package main

import (
	"bytes"
	"context"
	"io"
	"io/fs"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestServeUsage(t *testing.T) {
	for _, tt := range []struct {
		args     []string
		code     int
		contains string
	}{
		{[]string{"serve", "-h"}, 0, "--navigate"},
		{[]string{"help", "serve"}, 0, "--debounce"},
		{[]string{"serve", "--debounce", "1ms"}, 2, "too short"},
		{[]string{"serve", "--poll", "10ms"}, 2, "too often"},
		{[]string{"serve", "-p", "70000"}, 2, "between 0 and 65535"},
		{[]string{"serve", "--poll"}, 2, "flag needs an argument"},
		{[]string{"serve", "extra"}, 2, `unexpected argument "extra"`},
		{[]string{"serve", "-s", "/nonexistent-site"}, 2, "has no site.toml"},
		{[]string{"serve", "--bind", "203.0.113.1", "-p", "0"}, 1, "cannot listen"},
	} {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			code, stdout, stderr := runCmd(t, tt.args...)
			if code != tt.code {
				t.Errorf("exit code %d, want %d (stderr: %s)", code, tt.code, stderr)
			}
			if !strings.Contains(stdout+stderr, tt.contains) {
				t.Errorf("output does not mention %q:\n%s%s", tt.contains, stdout, stderr)
			}
		})
	}
}

// served is a `playbook serve` running in the test.
type served struct {
	url            string
	stdout, stderr *lockedBuffer
	stop           func() error
}

var servingLine = regexp.MustCompile(`serving (http://\S+) `)

func startServe(t *testing.T, args ...string) *served {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	s := &served{stdout: &lockedBuffer{}, stderr: &lockedBuffer{}}
	done := make(chan error, 1)
	go func() { done <- run(ctx, append([]string{"serve"}, args...), s.stdout, s.stderr) }()
	var once sync.Once
	var stopErr error
	s.stop = func() error {
		once.Do(func() {
			cancel()
			select {
			case stopErr = <-done:
			case <-time.After(10 * time.Second):
				t.Error("serve did not stop after its context was cancelled")
			}
		})
		return stopErr
	}
	t.Cleanup(func() { _ = s.stop() })
	deadline := time.Now().Add(30 * time.Second)
	for {
		if m := servingLine.FindStringSubmatch(s.stdout.String()); m != nil {
			s.url = m[1]
			return s
		}
		select {
		case err := <-done:
			t.Fatalf("serve ended: %v\n%s%s", err, s.stdout, s.stderr)
		default:
		}
		if time.Now().After(deadline) {
			t.Fatalf("serve did not start:\n%s%s", s.stdout, s.stderr)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

func get(t *testing.T, url string) (int, string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

func TestServeSiteFolder(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "site")
	if code, _, stderr := runCmd(t, "new", dir); code != 0 {
		t.Fatal(stderr)
	}
	s := startServe(t, "-s", dir, "-p", "0")
	for _, want := range []string{"built ", "watching ", "(Ctrl-C to stop)"} {
		if !strings.Contains(s.stdout.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, s.stdout)
		}
	}
	status, body := get(t, s.url)
	if status != 200 || !strings.Contains(body, `<script src="/__playbook/reload.js?v=`) {
		t.Errorf("GET %s: %d\n%s", s.url, status, body)
	}
	if err := s.stop(); err != nil {
		t.Errorf("serve returned %v after Ctrl-C, want nil", err)
	}
	// And `playbook build` never carries the script.
	out := filepath.Join(t.TempDir(), "public")
	if code, _, stderr := runCmd(t, "build", "-s", dir, "-d", out); code != 0 {
		t.Fatal(stderr)
	}
	err := filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if bytes.Contains(b, []byte("__playbook")) {
			t.Errorf("%s carries the dev server's script", p)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestServeBuiltInSite(t *testing.T) {
	t.Chdir(t.TempDir())
	s := startServe(t, "-p", "0")
	if !strings.Contains(s.stdout.String(), "no site folder to watch") {
		t.Errorf("output does not say there is nothing to watch:\n%s", s.stdout)
	}
	if status, _ := get(t, s.url); status != 200 {
		t.Errorf("GET %s: %d\n%s", s.url, status, s.stderr)
	}
}

func TestServePortInUse(t *testing.T) {
	taken, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer taken.Close()
	port := taken.Addr().(*net.TCPAddr).Port
	t.Chdir(t.TempDir())
	s := startServe(t, "-p", strconv.Itoa(port))
	if !strings.Contains(s.stderr.String(), "port "+strconv.Itoa(port)+" is in use; using ") {
		t.Errorf("stderr does not say the port is taken:\n%s", s.stderr)
	}
	if strings.Contains(s.url, ":"+strconv.Itoa(port)+"/") {
		t.Errorf("serving on the taken port: %s", s.url)
	}
}

// lockedBuffer is a bytes.Buffer safe for the server's goroutines and the test's.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}
