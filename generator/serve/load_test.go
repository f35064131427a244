package serve

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// Load figures; scripts/loadtest runs TestLoad and prints its "load:" lines.
const (
	loadStreams   = 200              // event streams held open the whole time
	loadVanishers = 100              // streams that connect and drop without a word
	loadWorkers   = 8                // goroutines requesting pages back to back
	loadFor       = 10 * time.Second // how long pages are requested and files edited
	loadEditEvery = 400 * time.Millisecond
)

// loadStream is one event stream read as EventSource reads it, keeping every event.
type loadStream struct {
	mu     sync.Mutex
	events []string // "name build" of each reload or css event
	hello  chan struct{}
	body   io.Closer
	done   chan struct{}
}

func openStream(client *http.Client, url string) (*loadStream, error) {
	resp, err := client.Get(url)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode != http.StatusOK {
		resp.Body.Close()
		return nil, fmt.Errorf("events: status %d", resp.StatusCode)
	}
	ls := &loadStream{hello: make(chan struct{}), body: resp.Body, done: make(chan struct{})}
	go func() {
		defer close(ls.done)
		sc := bufio.NewScanner(resp.Body)
		name := ""
		for sc.Scan() {
			line := sc.Text()
			switch {
			case strings.HasPrefix(line, "event: "):
				name = strings.TrimPrefix(line, "event: ")
			case strings.HasPrefix(line, "data: "):
				var d struct{ Build string }
				_ = json.Unmarshal([]byte(strings.TrimPrefix(line, "data: ")), &d)
				if name == "hello" {
					close(ls.hello)
				} else {
					ls.mu.Lock()
					ls.events = append(ls.events, name+" "+d.Build)
					ls.mu.Unlock()
				}
			}
		}
	}()
	return ls, nil
}

func (ls *loadStream) seen() []string {
	ls.mu.Lock()
	defer ls.mu.Unlock()
	return slices.Clone(ls.events)
}

// TestLoad holds 200 event streams open while 8 workers request pages back to back for
// 10 s and a page is edited every 400 ms, and 100 more streams connect and vanish. Every
// request must be answered 200, every stream must get every reload in the same order, the
// vanished streams must be let go, and afterwards the goroutines and heap must return to
// where they started. It logs requests served, errors, p50/p99 latency and peak heap.
func TestLoad(t *testing.T) {
	if testing.Short() {
		t.Skip("runs for 10 s under load; skipped with -short")
	}
	ts := startSite(t, nil, nil)
	sseTransport := &http.Transport{DisableKeepAlives: true, MaxConnsPerHost: 0}
	pageTransport := &http.Transport{MaxIdleConnsPerHost: loadWorkers}
	defer sseTransport.CloseIdleConnections()
	defer pageTransport.CloseIdleConnections()
	sseClient := &http.Client{Transport: sseTransport}
	pageClient := &http.Client{Transport: pageTransport, Timeout: wait,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}

	runtime.GC()
	goroutinesBefore := runtime.NumGoroutine()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	heapBefore := ms.HeapInuse
	var peak atomic.Uint64
	stopSampling := make(chan struct{})
	sampled := make(chan struct{})
	go func() {
		defer close(sampled)
		tick := time.NewTicker(50 * time.Millisecond)
		defer tick.Stop()
		for {
			var m runtime.MemStats
			runtime.ReadMemStats(&m)
			if m.HeapInuse > peak.Load() {
				peak.Store(m.HeapInuse)
			}
			select {
			case <-stopSampling:
				return
			case <-tick.C:
			}
		}
	}()

	streams := make([]*loadStream, 0, loadStreams)
	for i := 0; i < loadStreams; i++ {
		ls, err := openStream(sseClient, ts.base+eventsPath)
		if err != nil {
			t.Fatalf("stream %d: %v", i, err)
		}
		streams = append(streams, ls)
	}
	for i, ls := range streams {
		select {
		case <-ls.hello:
		case <-time.After(wait):
			t.Fatalf("stream %d got no hello", i)
		}
	}
	waitFor(t, "every stream to be subscribed", func() bool { return ts.srv.hub.count() == loadStreams+1 })
	publishedBefore := ts.srv.published.Load()

	pages := []string{"/", "/chaser/", "/waiting/", "/css/site.css", "/img/dot.svg", "/nope/", "/chaser", "/__playbook/reload.js"}
	var served, failed atomic.Int64
	var latMu sync.Mutex
	var latencies []time.Duration
	var firstErr atomic.Value
	deadline := time.Now().Add(loadFor)
	var wg sync.WaitGroup
	for w := 0; w < loadWorkers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			var mine []time.Duration
			for i := w; time.Now().Before(deadline); i++ {
				p := pages[i%len(pages)]
				start := time.Now()
				resp, err := pageClient.Get(ts.base + p)
				if err == nil {
					_, err = io.Copy(io.Discard, resp.Body)
					resp.Body.Close()
					want := http.StatusOK
					switch p {
					case "/nope/":
						want = http.StatusNotFound
					case "/chaser":
						want = http.StatusMovedPermanently
					}
					if err == nil && resp.StatusCode != want {
						err = fmt.Errorf("%s: status %d, want %d", p, resp.StatusCode, want)
					}
				}
				mine = append(mine, time.Since(start))
				if err != nil {
					failed.Add(1)
					firstErr.CompareAndSwap(nil, err.Error())
					continue
				}
				served.Add(1)
			}
			latMu.Lock()
			latencies = append(latencies, mine...)
			latMu.Unlock()
		}(w)
	}
	// Streams that come and go without a word, as closed tabs do.
	wg.Add(1)
	go func() {
		defer wg.Done()
		for i := 0; i < loadVanishers && time.Now().Before(deadline); i++ {
			ls, err := openStream(sseClient, ts.base+eventsPath)
			if err != nil {
				failed.Add(1)
				firstErr.CompareAndSwap(nil, err.Error())
				continue
			}
			select {
			case <-ls.hello:
			case <-time.After(wait):
			}
			ls.body.Close()
			time.Sleep(loadFor / loadVanishers / 2)
		}
	}()
	edits := 0
	for time.Now().Before(deadline) {
		edits++
		ts.write("content/chaser.md", fmt.Sprintf("+++\ntitle = \"Chaser\"\n+++\nEdit %d under load.\n", edits))
		time.Sleep(loadEditEvery)
	}
	wg.Wait()

	// Let the last edit be built and sent, then compare what every stream got.
	var want []string
	waitFor(t, "the last edit to be served", func() bool {
		sn := ts.srv.cur.Load()
		return sn != nil && sn.err == nil && strings.Contains(string(sn.files["chaser/index.html"]), fmt.Sprintf("Edit %d under", edits))
	})
	final := ts.srv.cur.Load().id
	waitFor(t, "every stream to get the last reload", func() bool {
		for _, ls := range streams {
			got := ls.seen()
			if len(got) == 0 || !strings.HasSuffix(got[len(got)-1], " "+final) {
				return false
			}
		}
		return true
	})
	want = streams[0].seen()
	for i, ls := range streams {
		if got := ls.seen(); !slices.Equal(got, want) {
			t.Errorf("stream %d got %d events, stream 0 got %d: %v vs %v", i, len(got), len(want), got, want)
			break
		}
	}
	builds := ts.srv.published.Load() - publishedBefore
	if len(want) == 0 || int64(len(want)) > builds {
		t.Errorf("streams got %d reloads for %d builds", len(want), builds)
	}
	waitFor(t, "the vanished streams to be let go", func() bool { return ts.srv.hub.count() == loadStreams+1 })

	latMu.Lock()
	slices.Sort(latencies)
	n := len(latencies)
	latMu.Unlock()
	if n == 0 {
		t.Fatal("no requests made")
	}
	p50, p99 := latencies[n/2], latencies[n*99/100]
	if failed.Load() != 0 {
		t.Errorf("%d requests failed; the first: %v", failed.Load(), firstErr.Load())
	}

	// Close everything and check the server lets it all go.
	for _, ls := range streams {
		ls.body.Close()
		<-ls.done
	}
	sseTransport.CloseIdleConnections()
	pageTransport.CloseIdleConnections()
	waitFor(t, "the closed streams to be let go", func() bool { return ts.srv.hub.count() == 1 })
	close(stopSampling)
	<-sampled
	var goroutinesAfter int
	waitFor(t, "the goroutines to return to their starting count", func() bool {
		goroutinesAfter = runtime.NumGoroutine()
		return goroutinesAfter <= goroutinesBefore
	})
	var heapAfter uint64
	waitFor(t, "the heap to return to its starting size", func() bool {
		runtime.GC()
		runtime.ReadMemStats(&ms)
		heapAfter = ms.HeapInuse
		return heapAfter <= heapBefore+8<<20
	})

	report := []string{
		fmt.Sprintf("load: %d requests served, %d errors, p50 %v, p99 %v", served.Load(), failed.Load(), p50.Round(time.Microsecond), p99.Round(time.Microsecond)),
		fmt.Sprintf("load: %d streams held, %d vanished, %d edits, %d builds, %d reloads to every stream", loadStreams, loadVanishers, edits, builds, len(want)),
		fmt.Sprintf("load: peak heap %.1f MB (%.1f MB before, %.1f MB after); goroutines %d before, %d after",
			float64(peak.Load())/(1<<20), float64(heapBefore)/(1<<20), float64(heapAfter)/(1<<20), goroutinesBefore, goroutinesAfter),
	}
	for _, line := range report {
		t.Log(line)
		if os.Getenv("PLAYBOOK_LOAD_REPORT") != "" {
			fmt.Println(line)
		}
	}
}
