package serve

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"github.com/followup-playbook/playbook/generator/load/sitefs"
	"golang.org/x/tools/txtar"
)

// wait is how long a test waits for anything: generous for a loaded CI machine running
// with -race, and never spent when things work.
const wait = 15 * time.Second

// testSite is a real server with a real watcher on a site in t.TempDir().
type testSite struct {
	t      *testing.T
	dir    string
	srv    *Server
	ln     net.Listener
	base   string // http://127.0.0.1:PORT
	events *eventStream
	stdout *syncBuffer
	stderr *syncBuffer
	cancel context.CancelFunc
	done   chan error
}

// writeFixture writes testdata/site.txtar, with files replaced or added by extra, into dir.
func writeFixture(t testing.TB, dir string, extra map[string]string) {
	t.Helper()
	ar, err := txtar.ParseFile(filepath.Join("testdata", "site.txtar"))
	if err != nil {
		t.Fatal(err)
	}
	files := map[string]string{}
	for _, f := range ar.Files {
		files[f.Name] = string(f.Data)
	}
	for name, data := range extra {
		files[name] = data
	}
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// startSite writes the fixture and serves it; edit changes the Config before New.
func startSite(t *testing.T, extra map[string]string, edit func(*Config)) *testSite {
	t.Helper()
	dir := t.TempDir()
	writeFixture(t, dir, extra)
	cfg := Config{
		// No built-in defaults: the fixture has every layout it needs.
		Source: sitefs.Source{Site: os.DirFS(dir), Defaults: fstest.MapFS{}},
		Dir:    dir,
	}
	if edit != nil {
		edit(&cfg)
	}
	return startConfig(t, dir, cfg, "127.0.0.1:0")
}

func startConfig(t *testing.T, dir string, cfg Config, addr string) *testSite {
	t.Helper()
	ts := &testSite{t: t, dir: dir, stdout: &syncBuffer{}, stderr: &syncBuffer{}}
	cfg.Stdout, cfg.Stderr = ts.stdout, ts.stderr
	srv, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	ts.srv, ts.ln = srv, ln
	ts.base = "http://" + ln.Addr().String()
	ctx, cancel := context.WithCancel(context.Background())
	ts.cancel = cancel
	ts.done = make(chan error, 1)
	go func() { ts.done <- srv.Run(ctx, ln) }()
	t.Cleanup(ts.stop)
	// The watcher is armed before the server accepts requests, so one answered request
	// means edits from now on are seen.
	deadline := time.Now().Add(wait)
	for {
		resp, err := http.Get(ts.base + "/__playbook/reload.js")
		if err == nil {
			resp.Body.Close()
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the server did not answer: %v\nstderr:\n%s", err, ts.stderr)
		}
		time.Sleep(5 * time.Millisecond)
	}
	ts.events = dialEvents(t, ts.base)
	if ev := ts.events.next(t); ev.Name != "hello" {
		t.Fatalf("first event is %q, want hello", ev.Name)
	}
	return ts
}

// stop shuts the server down and checks that Run returns.
func (ts *testSite) stop() {
	if ts.cancel == nil {
		return
	}
	ts.cancel()
	ts.cancel = nil
	select {
	case err := <-ts.done:
		if err != nil {
			ts.t.Errorf("Run: %v", err)
		}
	case <-time.After(wait):
		ts.t.Errorf("Run did not return after its context was cancelled")
	}
}

func (ts *testSite) path(rel string) string {
	return filepath.Join(ts.dir, filepath.FromSlash(rel))
}

func (ts *testSite) write(rel, data string) {
	ts.t.Helper()
	if err := os.MkdirAll(filepath.Dir(ts.path(rel)), 0o755); err != nil {
		ts.t.Fatal(err)
	}
	if err := os.WriteFile(ts.path(rel), []byte(data), 0o644); err != nil {
		ts.t.Fatal(err)
	}
}

func (ts *testSite) get(path string) (int, string, http.Header) {
	ts.t.Helper()
	return httpGet(ts.t, ts.base+path)
}

func httpGet(t testing.TB, url string) (int, string, http.Header) {
	t.Helper()
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := client.Get(url)
	if err != nil {
		t.Fatalf("GET %s: %v", url, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("GET %s: %v", url, err)
	}
	return resp.StatusCode, string(b), resp.Header
}

// expectPage fails unless path answers status with a body containing want.
func (ts *testSite) expectPage(path string, status int, want string) {
	ts.t.Helper()
	got, body, _ := ts.get(path)
	if got != status || !strings.Contains(body, want) {
		ts.t.Fatalf("GET %s: %d, want %d with %q; body:\n%s\nstderr:\n%s", path, got, status, want, body, ts.stderr)
	}
}

// next returns the next event after the page's, failing the test after wait.
func (ts *testSite) next() gotEvent {
	ts.t.Helper()
	select {
	case ev, ok := <-ts.events.ch:
		if !ok {
			ts.t.Fatal("the event stream ended")
		}
		return ev
	case <-time.After(wait):
		ts.t.Fatalf("no event within %s; the server said:\n%s%s", wait, ts.stdout, ts.stderr)
	}
	return gotEvent{}
}

// gotEvent is one event as a page receives it.
type gotEvent struct {
	Name  string
	Build string   `json:"build"`
	Path  string   `json:"path"`
	Hrefs []string `json:"hrefs"`
}

// eventStream reads /__playbook/events as EventSource would.
type eventStream struct {
	ch   chan gotEvent
	body io.Closer
}

func dialEvents(t testing.TB, base string) *eventStream {
	t.Helper()
	resp, err := http.Get(base + eventsPath)
	if err != nil {
		t.Fatal(err)
	}
	if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/event-stream") {
		t.Fatalf("events: Content-Type %q", ct)
	}
	es := &eventStream{ch: make(chan gotEvent, 100), body: resp.Body}
	t.Cleanup(func() { resp.Body.Close() })
	go func() {
		defer close(es.ch)
		sc := bufio.NewScanner(resp.Body)
		var ev gotEvent
		for sc.Scan() {
			line := sc.Text()
			switch {
			case line == "":
				if ev.Name != "" {
					es.ch <- ev
				}
				ev = gotEvent{}
			case strings.HasPrefix(line, "event: "):
				ev.Name = strings.TrimPrefix(line, "event: ")
			case strings.HasPrefix(line, "data: "):
				if err := json.Unmarshal([]byte(strings.TrimPrefix(line, "data: ")), &ev); err != nil {
					ev.Name = "bad data: " + line
				}
			}
		}
	}()
	return es
}

func (es *eventStream) next(t testing.TB) gotEvent {
	t.Helper()
	select {
	case ev, ok := <-es.ch:
		if !ok {
			t.Fatal("the event stream ended")
		}
		return ev
	case <-time.After(wait):
		t.Fatalf("no event within %s", wait)
	}
	return gotEvent{}
}

// closed waits for the stream to end, as it must when the server stops.
func (es *eventStream) closed(t testing.TB) {
	t.Helper()
	deadline := time.After(wait)
	for {
		select {
		case _, ok := <-es.ch:
			if !ok {
				return
			}
		case <-deadline:
			t.Fatal("the event stream is still open")
		}
	}
}

// waitFor polls cond until it holds, failing after wait: for outcomes that have no event
// of their own.
func waitFor(t testing.TB, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(wait)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(2 * time.Millisecond)
	}
}

// rawGet sends target exactly as written, without a client's cleaning, and returns the
// status code.
func rawGet(t testing.TB, addr, target string) (int, string) {
	t.Helper()
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	_ = c.SetDeadline(time.Now().Add(wait))
	if _, err := io.WriteString(c, "GET "+target+" HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"); err != nil {
		t.Fatal(err)
	}
	resp, err := http.ReadResponse(bufio.NewReader(c), nil)
	if err != nil {
		t.Fatalf("GET %s: %v", target, err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// syncBuffer is a bytes.Buffer safe for the server's and the test's goroutines.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}
