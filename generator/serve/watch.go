package serve

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/fsnotify/fsnotify"
)

// watcher sends batches of changed files until ctx is done.
type watcher interface {
	run(ctx context.Context)
}

// A batch is a list of changed files, slash-separated and relative to the site's folder,
// the last changed last; "" stands for changes the watcher could not name.
type batch = []string

// startWatcher watches cfg.Dir with fsnotify, or by polling when asked to or when the
// kernel has no inotify watches left.
func (s *Server) startWatcher(out chan<- batch) (watcher, error) {
	root, err := filepath.Abs(s.cfg.Dir)
	if err != nil {
		return nil, fmt.Errorf("watching %s: %w", s.cfg.Dir, err)
	}
	if s.cfg.Poll > 0 {
		// A walk may catch a file half written; the next walk must come before its failure
		// is shown.
		s.quietFor = s.cfg.Poll * 3 / 2
		p, err := newPoller(root, s.cfg.Poll, out, &s.activity, s.warnf)
		if err != nil {
			return nil, err
		}
		s.printf("watching %s for changes by polling every %s\n", root, s.cfg.Poll)
		return p, nil
	}
	s.quietFor = s.cfg.Debounce
	w, err := newNotifyWatcher(root, s.cfg.Debounce, out, &s.activity, s.warnf)
	if err != nil {
		if msg := limitMessage(err); msg != "" {
			s.warnf("%s\nuntil then, polling %s every %s for changes\n", msg, root, fallbackPoll)
			s.quietFor = fallbackPoll * 3 / 2
			return newPoller(root, fallbackPoll, out, &s.activity, s.warnf)
		}
		return nil, err
	}
	s.printf("watching %s for changes (%d folders)\n", root, len(w.dirs))
	return w, nil
}

// notifyWatcher follows a site's folders with fsnotify. fsnotify is not recursive, so it
// watches every folder itself, adding those created or moved in later; and it watches
// folders, not files, so a save by writing a temporary file and renaming it over the old
// one (vim, gedit, JetBrains, VS Code) is seen as what it is: a change to the file.
type notifyWatcher struct {
	root  string
	fw    *fsnotify.Watcher
	out   chan<- batch
	warnf func(string, ...any)
	dirs  map[string]bool // absolute paths of the folders watched
	batch batcher
	// activity is when the last change was seen, in Unix nanoseconds.
	activity *atomic.Int64
	// warnedLimit says the watch limit was reported once already.
	warnedLimit bool
}

func newNotifyWatcher(root string, debounce time.Duration, out chan<- batch, activity *atomic.Int64, warnf func(string, ...any)) (*notifyWatcher, error) {
	fw, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, fmt.Errorf("starting the file watcher: %w", err)
	}
	w := &notifyWatcher{root: root, fw: fw, out: out, warnf: warnf, dirs: map[string]bool{}, batch: newBatcher(debounce), activity: activity}
	if err := w.addTree(root, nil); err != nil {
		fw.Close()
		return nil, err
	}
	return w, nil
}

// addTree watches dir and every folder under it. When found is not nil, the files already
// inside are added to it: a folder created or moved in arrives with its files, whose own
// events came before the watch and were never seen.
func (w *notifyWatcher) addTree(dir string, found func(rel string)) error {
	return filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == dir {
				return fmt.Errorf("watching %s: %w", p, err)
			}
			w.warnf("warning: not watching %s: %v\n", p, err)
			return nil
		}
		rel := w.rel(p)
		if ignored(rel, d.IsDir()) {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if !d.IsDir() {
			if found != nil {
				found(rel)
			}
			return nil
		}
		if err := w.fw.Add(p); err != nil {
			if isLimit(err) {
				return err
			}
			if errors.Is(err, fs.ErrNotExist) {
				return filepath.SkipDir // gone already; its removal has its own event
			}
			w.warnf("warning: not watching %s: %v\n", p, err)
			return filepath.SkipDir
		}
		w.dirs[p] = true
		return nil
	})
}

// rel is p relative to the site's folder, slash-separated; "." for the folder itself.
func (w *notifyWatcher) rel(p string) string {
	r, err := filepath.Rel(w.root, p)
	if err != nil {
		return p
	}
	return filepath.ToSlash(r)
}

// forget drops the watches of dir and the folders under it, after it was removed or moved
// away. Moved folders must be dropped at once: their watches would otherwise follow them
// under their old names, and a watch added under the new name would be taken for the old.
func (w *notifyWatcher) forget(dir string) {
	for d := range w.dirs {
		if d == dir || strings.HasPrefix(d, dir+string(filepath.Separator)) {
			delete(w.dirs, d)
			_ = w.fw.Remove(d) // already gone when the folder was deleted
		}
	}
}

// Close stops watching, for a server that stops before run.
func (w *notifyWatcher) Close() error { return w.fw.Close() }

func (w *notifyWatcher) run(ctx context.Context) {
	defer w.fw.Close()
	timer := time.NewTimer(time.Hour)
	timer.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case ev, ok := <-w.fw.Events:
			if !ok {
				return
			}
			if w.handle(ev) {
				now := time.Now()
				w.activity.Store(now.UnixNano())
				timer.Reset(w.batch.due(now))
			}
		case err, ok := <-w.fw.Errors:
			if !ok {
				return
			}
			if errors.Is(err, fsnotify.ErrEventOverflow) {
				// Events were lost: look for new folders again and rebuild everything.
				w.warnf("warning: too many changes at once for the file watcher; rebuilding everything\n")
				_ = w.addTree(w.root, nil)
				w.batch.add(time.Now(), "")
				timer.Reset(w.batch.due(time.Now()))
				continue
			}
			w.warnf("warning: file watcher: %v\n", err)
		case <-timer.C:
			b := w.batch.take()
			if len(b) == 0 {
				continue
			}
			select {
			case w.out <- b:
			case <-ctx.Done():
				return
			}
		}
	}
}

// handle records one event and reports whether it changed the batch.
func (w *notifyWatcher) handle(ev fsnotify.Event) bool {
	rel := w.rel(ev.Name)
	if rel == "." {
		if ev.Has(fsnotify.Remove) || ev.Has(fsnotify.Rename) {
			w.warnf("warning: the site's folder %s was removed or moved; serving the last build\n", w.root)
		}
		return false
	}
	// Chmod alone is what indexers, backup tools and `touch -a`-like access make: no content.
	if ev.Op == fsnotify.Chmod {
		return false
	}
	if ev.Has(fsnotify.Remove) || ev.Has(fsnotify.Rename) {
		w.forget(ev.Name)
	}
	now := time.Now()
	if ev.Has(fsnotify.Create) {
		if st, err := os.Lstat(ev.Name); err == nil && st.IsDir() {
			if ignored(rel, true) {
				return false
			}
			err := w.addTree(ev.Name, func(rel string) { w.batch.add(now, rel) })
			if isLimit(err) && !w.warnedLimit {
				w.warnedLimit = true
				w.warnf("%s\nnew folders are not watched until then; restart with --poll 1s to watch everything\n", limitMessage(err))
			}
			w.batch.add(now, rel)
			return true
		}
	}
	if ignored(rel, false) {
		return false
	}
	w.batch.add(now, rel)
	return true
}

// ignored reports whether a file or folder is left out of watching: the output folder
// public/ (the build writes there), hidden files and folders (.git, editor state),
// node_modules, and the temporary files editors make while saving.
func ignored(rel string, dir bool) bool {
	if rel == "." {
		return false
	}
	if rel == "public" || strings.HasPrefix(rel, "public/") {
		return true
	}
	parts := strings.Split(rel, "/")
	for _, p := range parts[:len(parts)-1] {
		if strings.HasPrefix(p, ".") || p == "node_modules" {
			return true
		}
	}
	name := parts[len(parts)-1]
	if strings.HasPrefix(name, ".") || name == "node_modules" {
		return true
	}
	if dir {
		return false
	}
	return editorTemp(name)
}

// editorTemp reports whether name is one of the files editors write beside the one being
// edited: backups (x~, x.bck), vim's swap files and its write test (4913), Emacs's
// lock and auto-save files (.#x, #x#), gedit's .goutputstream-*, JetBrains's
// x___jb_tmp___ and x___jb_old___.
func editorTemp(name string) bool {
	switch {
	case strings.HasSuffix(name, "~"),
		strings.HasSuffix(name, ".bck"),
		strings.HasSuffix(name, ".swp"), strings.HasSuffix(name, ".swo"),
		strings.HasSuffix(name, ".swn"), strings.HasSuffix(name, ".swx"),
		strings.HasSuffix(name, ".swpx"),
		name == "4913",
		strings.HasPrefix(name, ".#"),
		strings.HasPrefix(name, "#") && strings.HasSuffix(name, "#"),
		strings.HasPrefix(name, ".goutputstream-"),
		strings.Contains(name, "___jb_") && strings.HasSuffix(name, "___"):
		return true
	}
	return false
}

// isLimit reports whether err says the kernel's inotify limits are exhausted.
func isLimit(err error) bool {
	return errors.Is(err, syscall.ENOSPC) || errors.Is(err, syscall.EMFILE)
}

// limitMessage explains an exhausted inotify limit and how to raise it, or returns "" for
// any other error.
func limitMessage(err error) string {
	const watches, instances = "max_user_watches", "max_user_instances"
	var setting, what string
	switch {
	case errors.Is(err, syscall.ENOSPC):
		setting, what = watches, "the number of folders one user may watch"
	case errors.Is(err, syscall.EMFILE):
		setting, what = instances, "the number of file watchers one user may run"
	default:
		return ""
	}
	cur := "?"
	if b, err := os.ReadFile("/proc/sys/fs/inotify/" + setting); err == nil {
		cur = strings.TrimSpace(string(b))
	}
	want := "524288"
	if setting == instances {
		want = "1024"
	}
	return fmt.Sprintf("the kernel's limit on %s is reached (fs.inotify.%s = %s; other programs, such as editors and other watchers, use it too).\n"+
		"raise it with:  sudo sysctl fs.inotify.%s=%s\n"+
		"and keep it after a reboot with:  echo fs.inotify.%s=%s | sudo tee /etc/sysctl.d/60-inotify.conf",
		what, setting, cur, setting, want, setting, want)
}

// batcher collects a burst of changes behind one timer. A single save makes a handful of
// events within a millisecond, so a batch of at most saveEvents events, all within settle,
// is due settle after the last one: the page shows fast. More events, or events that keep
// coming after that, are a longer burst (a checkout, a copy, a script writing many files):
// the batch then waits until the files have been quiet for quiet, and at most limit after
// its first event, so the burst is one rebuild and a never-ending stream of events cannot
// hold rebuilds off.
type batcher struct {
	settle, quiet, limit time.Duration
	first, last          time.Time
	events               int
	paths                []string
	at                   map[string]int
}

// saveEvents is the most events one save makes: vim's rename, create and write; a
// truncate and a write; JetBrains' two renames.
const saveEvents = 6

func newBatcher(debounce time.Duration) batcher {
	return batcher{
		settle: max(debounce/10, time.Millisecond),
		quiet:  debounce,
		limit:  20 * debounce,
		at:     map[string]int{},
	}
}

// add records that rel changed at now; a path changed again moves to the end, so the
// batch ends with the file saved last.
func (b *batcher) add(now time.Time, rel string) {
	if len(b.paths) == 0 {
		b.first = now
	}
	b.last = now
	b.events++
	if i, ok := b.at[rel]; ok {
		copy(b.paths[i:], b.paths[i+1:])
		b.paths = b.paths[:len(b.paths)-1]
		for j := i; j < len(b.paths); j++ {
			b.at[b.paths[j]] = j
		}
	}
	b.at[rel] = len(b.paths)
	b.paths = append(b.paths, rel)
}

// due returns how long from now until the batch should be built.
func (b *batcher) due(now time.Time) time.Duration {
	wait := b.settle
	if b.events > saveEvents || b.last.Sub(b.first) >= b.settle {
		wait = b.quiet
	}
	at := b.last.Add(wait)
	if end := b.first.Add(b.limit); at.After(end) {
		at = end
	}
	return max(at.Sub(now), 0)
}

// take returns the batch and starts a new one.
func (b *batcher) take() batch {
	out := b.paths
	b.paths = nil
	b.events = 0
	clear(b.at)
	return out
}
