package serve

import (
	"encoding/json"
	"fmt"
	"net/http"
	"sync"
	"time"
)

// event is one message to the pages: "hello" on connecting, "reload", or "css".
type event struct {
	name  string
	build string   // the id of the build now in place
	path  string   // reload: where to go instead of reloading ("" to reload)
	hrefs []string // css: the stylesheets that changed
}

// encode writes the event in the text/event-stream format.
func (e event) encode() []byte {
	data, _ := json.Marshal(struct {
		Build string   `json:"build"`
		Path  string   `json:"path,omitempty"`
		Hrefs []string `json:"hrefs,omitempty"`
	}{e.build, e.path, e.hrefs})
	return fmt.Appendf(nil, "event: %s\ndata: %s\n\n", e.name, data)
}

// hub fans events out to every open event stream.
type hub struct {
	mu      sync.Mutex
	clients map[chan []byte]struct{}
	closed  bool
}

func newHub() *hub { return &hub{clients: map[chan []byte]struct{}{}} }

// subscribe opens a stream; ok is false once the hub is closed.
func (h *hub) subscribe() (ch chan []byte, ok bool) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.closed {
		return nil, false
	}
	ch = make(chan []byte, 8)
	h.clients[ch] = struct{}{}
	return ch, true
}

func (h *hub) unsubscribe(ch chan []byte) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if _, ok := h.clients[ch]; ok {
		delete(h.clients, ch)
		close(ch)
	}
}

// broadcast queues msg for every stream without waiting. A stream too far behind is
// closed instead: its page reconnects, sees a newer build in the hello and reloads, so a
// slow page can never hold up the others or miss a change.
func (h *hub) broadcast(msg []byte) {
	h.mu.Lock()
	defer h.mu.Unlock()
	for ch := range h.clients {
		select {
		case ch <- msg:
		default:
			delete(h.clients, ch)
			close(ch)
		}
	}
}

// close ends every stream, for shutdown.
func (h *hub) close() {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.closed = true
	for ch := range h.clients {
		delete(h.clients, ch)
		close(ch)
	}
}

func (h *hub) count() int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return len(h.clients)
}

// Reconnection delay the pages are told to use, so a restarted server is found quickly.
const retryMillis = 300

// pingEvery keeps idle streams alive through proxies and finds pages that went away.
const pingEvery = 20 * time.Second

// serveEvents streams events to one page until it leaves or the server stops.
func (s *Server) serveEvents(w http.ResponseWriter, r *http.Request) {
	ch, ok := s.hub.subscribe()
	if !ok {
		http.Error(w, "the server is stopping", http.StatusServiceUnavailable)
		return
	}
	defer s.hub.unsubscribe(ch)
	rc := http.NewResponseController(w)
	h := w.Header()
	h.Set("Content-Type", "text/event-stream; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	h.Set("X-Accel-Buffering", "no")
	w.WriteHeader(http.StatusOK)

	send := func(b []byte) bool {
		// A page that stopped reading must not hold this goroutine forever.
		_ = rc.SetWriteDeadline(time.Now().Add(10 * time.Second))
		if _, err := w.Write(b); err != nil {
			return false
		}
		return rc.Flush() == nil
	}
	// Subscribed first, then the hello: a build put in place in between is either in the
	// hello or in a later event, never lost.
	id := ""
	if sn := s.cur.Load(); sn != nil {
		id = sn.id
	}
	hello := append(fmt.Appendf(nil, "retry: %d\n\n", retryMillis), event{name: "hello", build: id}.encode()...)
	if !send(hello) {
		return
	}
	ping := time.NewTicker(pingEvery)
	defer ping.Stop()
	for {
		select {
		case <-r.Context().Done():
			return
		case msg, ok := <-ch:
			if !ok || !send(msg) {
				return
			}
		case <-ping.C:
			if !send([]byte(": ping\n\n")) {
				return
			}
		}
	}
}
