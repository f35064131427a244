package serve

import (
	"context"
	"fmt"
	"io/fs"
	"path/filepath"
	"sort"
	"sync/atomic"
	"time"
)

// poller finds changes by walking the site's folder at an interval and comparing every
// file's size, time and mode with the previous walk: slower than inotify and costlier on
// big sites, but it works where inotify does not (network shares, some container mounts).
type poller struct {
	root  string
	every time.Duration
	out   chan<- batch
	warnf func(string, ...any)
	last  map[string]stamp
	// activity is when the last change was seen, in Unix nanoseconds.
	activity *atomic.Int64
}

// stamp is what a walk remembers of a file.
type stamp struct {
	size int64
	mod  time.Time
	mode fs.FileMode
}

func newPoller(root string, every time.Duration, out chan<- batch, activity *atomic.Int64, warnf func(string, ...any)) (*poller, error) {
	p := &poller{root: root, every: every, out: out, warnf: warnf, activity: activity}
	st, err := p.scan()
	if err != nil {
		return nil, err
	}
	p.last = st
	return p, nil
}

// scan walks the folder, leaving out what the watcher ignores.
func (p *poller) scan() (map[string]stamp, error) {
	st := map[string]stamp{}
	err := filepath.WalkDir(p.root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			if path == p.root {
				return fmt.Errorf("watching %s: %w", path, err)
			}
			return nil // removed while walking, or unreadable: the next walk tells
		}
		r, err := filepath.Rel(p.root, path)
		if err != nil {
			return nil
		}
		rel := filepath.ToSlash(r)
		if ignored(rel, d.IsDir()) {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			return nil // a folder's changes show in its files
		}
		info, err := d.Info()
		if err != nil {
			return nil
		}
		st[rel] = stamp{size: info.Size(), mod: info.ModTime(), mode: info.Mode()}
		return nil
	})
	return st, err
}

// diff lists the files added, removed or changed between two walks, sorted.
func diff(old, new map[string]stamp) []string {
	var out []string
	for rel, s := range new {
		if o, ok := old[rel]; !ok || o.size != s.size || !o.mod.Equal(s.mod) || o.mode != s.mode {
			out = append(out, rel)
		}
	}
	for rel := range old {
		if _, ok := new[rel]; !ok {
			out = append(out, rel)
		}
	}
	sort.Strings(out)
	return out
}

// run walks the folder every interval and sends what changed as one batch: the interval
// already gathers a burst, so no debounce is added.
func (p *poller) run(ctx context.Context) {
	tick := time.NewTicker(p.every)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
		st, err := p.scan()
		if err != nil {
			p.warnf("warning: %v\n", err)
			continue
		}
		changed := diff(p.last, st)
		p.last = st
		if len(changed) == 0 {
			continue
		}
		p.activity.Store(time.Now().UnixNano())
		select {
		case p.out <- changed:
		case <-ctx.Done():
			return
		}
	}
}
