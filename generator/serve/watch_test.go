package serve

import (
	"fmt"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"
)

func TestIgnored(t *testing.T) {
	for _, tc := range []struct {
		rel  string
		dir  bool
		want bool
	}{
		{"content/chaser.md", false, false},
		{"site.toml", false, false},
		{"content", true, false},
		{"static/css/site.css", false, false},
		{"content/public/page.md", false, false}, // only the top-level output folder
		{"public", true, true},
		{"public/index.html", false, true},
		{".git", true, true},
		{".git/index", false, true},
		{"content/.hidden/page.md", false, true},
		{"node_modules/x/index.js", false, true},
		{"content/chaser.md~", false, true},
		{"content/.chaser.md.swp", false, true},
		{"content/chaser.md.swp", false, true},
		{"content/chaser.md.swx", false, true},
		{"content/4913", false, true},
		{"content/.#chaser.md", false, true},
		{"content/#chaser.md#", false, true},
		{"content/.goutputstream-5KZ0Q2", false, true},
		{"content/chaser.md.bck", false, true},
		{"content/chaser.md___jb_tmp___", false, true},
		{"content/chaser.md___jb_old___", false, true},
		{"content/4913.md", false, false},
		{"content/jb_notes.md", false, false},
		{"content/a~b.md", false, false},
		{"content/notes", true, false},
		{"content/backup~", true, false}, // a folder is never an editor's temporary file
	} {
		if got := ignored(tc.rel, tc.dir); got != tc.want {
			t.Errorf("ignored(%q, dir=%v) = %v, want %v", tc.rel, tc.dir, got, tc.want)
		}
	}
}

// TestBatcher replays event timings through the default debounce: a save is due after
// the settle window, and bursts stay one batch as long as they keep moving.
func TestBatcher(t *testing.T) {
	ms := func(f float64) time.Duration { return time.Duration(f * float64(time.Millisecond)) }
	for _, tc := range []struct {
		name string
		// at lists the events' times from the first, in milliseconds.
		at []float64
		// batches is how many batches they make.
		batches int
		// due is when the last batch is built, from the first event.
		due time.Duration
	}{
		{"one write", []float64{0}, 1, ms(5)},
		{"truncate and write", []float64{0, 0.02}, 1, ms(5.02)},
		{"vim: rename, create, write", []float64{0, 0.01, 0.02}, 1, ms(5.02)},
		{"50 writes of two events, 100µs apart", burst(50, 2, 0.1), 1, ms(4.9 + 50)},
		{"50 writes with a 30ms stall in the middle", stall(burst(50, 2, 0.1), 50, 30), 1, ms(4.9 + 30 + 50)},
		{"two saves 20ms apart", []float64{0, 0.02, 20, 20.02}, 2, ms(20.02 + 5)},
		{"a stall of 40ms after a short burst past settle", []float64{0, 1, 2, 3, 4, 5, 6, 46}, 1, ms(46 + 50)},
		{"an endless stream is cut at the limit", burst(2000, 1, 1), 2, ms(1999 + 50)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b := newBatcher(DefaultDebounce)
			t0 := time.Unix(1000, 0)
			var due time.Time
			batches := 0
			for i, at := range tc.at {
				now := t0.Add(ms(at))
				if !due.IsZero() && !now.Before(due) {
					b.take()
					batches++
				}
				b.add(now, fmt.Sprintf("content/p%d.md", i%3))
				due = now.Add(b.due(now))
			}
			batches++
			if batches != tc.batches {
				t.Errorf("%d batches, want %d", batches, tc.batches)
			}
			if got := due.Sub(t0); got != tc.due && tc.batches == 1 {
				t.Errorf("due %s after the first event, want %s", got, tc.due)
			}
		})
	}
}

// burst lists n writes of k events each, gap milliseconds apart.
func burst(n, k int, gap float64) []float64 {
	var at []float64
	for i := range n {
		for range k {
			at = append(at, float64(i)*gap)
		}
	}
	return at
}

// stall delays every event from index i on by d milliseconds.
func stall(at []float64, i int, d float64) []float64 {
	out := slices.Clone(at)
	for j := i; j < len(out); j++ {
		out[j] += d
	}
	return out
}

func TestBatcherOrder(t *testing.T) {
	b := newBatcher(DefaultDebounce)
	now := time.Now()
	for _, p := range []string{"a", "b", "a", "c", "b"} {
		b.add(now, p)
	}
	if got := b.take(); !slices.Equal(got, []string{"a", "c", "b"}) {
		t.Errorf("take = %q, want the last changed last", got)
	}
	if got := b.take(); len(got) != 0 {
		t.Errorf("second take = %q, want nothing", got)
	}
}

func TestLimitMessage(t *testing.T) {
	for _, tc := range []struct {
		err  error
		want []string
	}{
		{fmt.Errorf("watching x: %w", syscall.ENOSPC), []string{"fs.inotify.max_user_watches", "sudo sysctl fs.inotify.max_user_watches=524288", "/etc/sysctl.d/"}},
		{fmt.Errorf("starting: %w", syscall.EMFILE), []string{"fs.inotify.max_user_instances", "sudo sysctl fs.inotify.max_user_instances="}},
		{syscall.EACCES, nil},
	} {
		got := limitMessage(tc.err)
		if tc.want == nil {
			if got != "" {
				t.Errorf("limitMessage(%v) = %q, want none", tc.err, got)
			}
			continue
		}
		for _, w := range tc.want {
			if !strings.Contains(got, w) {
				t.Errorf("limitMessage(%v) lacks %q:\n%s", tc.err, w, got)
			}
		}
	}
}

func TestPollDiff(t *testing.T) {
	t0 := time.Unix(1000, 0)
	old := map[string]stamp{"a": {1, t0, 0o644}, "b": {1, t0, 0o644}, "c": {1, t0, 0o644}, "d": {1, t0, 0o644}}
	new := map[string]stamp{"a": {1, t0, 0o644}, "b": {2, t0, 0o644}, "c": {1, t0.Add(1), 0o644}, "e": {1, t0, 0o644}}
	if got := diff(old, new); !slices.Equal(got, []string{"b", "c", "d", "e"}) {
		t.Errorf("diff = %q", got)
	}
}
