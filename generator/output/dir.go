package output

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
)

// Marker is the file every output folder the generator made carries. Only a folder with it
// may have its files replaced or removed.
const Marker = ".playbook-output"

const markerText = "This folder is written by `playbook build`; its files are replaced on every build.\n"

// dirOutput writes files into a fresh folder.
type dirOutput struct {
	root string
	// prev is the output folder being replaced ("" for none): a file whose bytes did not
	// change is linked from there rather than written again, so it keeps its inode and time.
	prev string
	mu   sync.Mutex
	seen map[string]bool
	// dirs holds the folders already made, so each is made once rather than once a file.
	dirs sync.Map
}

// DoneOnReturn makes dirOutput a Streaming output: Add writes a file's bytes, or compares
// them with the previous output's file, and keeps no reference.
func (d *dirOutput) DoneOnReturn() {}

func (d *dirOutput) Add(name string, data []byte) error {
	clean := filepath.FromSlash(name)
	if !filepath.IsLocal(clean) || name == Marker {
		return fmt.Errorf("refusing to write %q: it is outside the output folder or reserved", name)
	}
	d.mu.Lock()
	dup := d.seen[name]
	d.seen[name] = true
	d.mu.Unlock()
	if dup {
		return fmt.Errorf("%s is written twice: a static file and a page share its path; rename one", name)
	}
	p := filepath.Join(d.root, clean)
	if err := d.mkdir(filepath.Dir(p)); err != nil {
		return err
	}
	if d.prev != "" {
		old := filepath.Join(d.prev, clean)
		if st, err := os.Lstat(old); err == nil && st.Mode().IsRegular() && st.Size() == int64(len(data)) {
			if same, _ := sameBytes(old, data); same && os.Link(old, p) == nil {
				return nil
			}
		}
	}
	return writeFile(p, data)
}

// MakeDirs makes the folders that files of these names will go into, in order, ahead of
// the files (see DirMaker), so the folder creations, serialised by the file system on
// their common parent, do not hold up the workers that render.
func (d *dirOutput) MakeDirs(ctx context.Context, names []string) {
	for _, name := range names {
		if ctx.Err() != nil {
			return
		}
		if clean := filepath.FromSlash(name); filepath.IsLocal(clean) {
			_ = d.mkdir(filepath.Dir(filepath.Join(d.root, clean)))
		}
	}
}

func (d *dirOutput) mkdir(dir string) error {
	if _, done := d.dirs.Load(dir); done || dir == d.root {
		return nil
	}
	// Most folders are new and their parent exists: one mkdir, where MkdirAll first stats
	// the folder and its parent. MkdirAll deals with the rest (a missing parent, or a
	// folder another worker has just made).
	if err := os.Mkdir(dir, 0o755); err != nil {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return err
		}
	}
	d.dirs.Store(dir, true)
	return nil
}

func sameBytes(path string, data []byte) (bool, error) {
	b, err := os.ReadFile(path)
	return err == nil && bytes.Equal(b, data), err
}

// WriteStats says what WriteDir did.
type WriteStats struct {
	Replaced bool // an earlier build's output was swapped out
}

// WriteDir fills a new folder beside dest with fill and, only if fill succeeds, swaps it in
// for dest in one rename, so a reader never sees half a site and a failed or interrupted
// build leaves the previous output as it was. dest must be absent, empty, or an earlier
// output of this generator (it carries Marker). Leftovers of an interrupted build are
// removed first.
func WriteDir(dest string, fill func(Output) error) (WriteStats, error) {
	dest = filepath.Clean(dest)
	if err := checkDest(dest); err != nil {
		return WriteStats{}, err
	}
	parent, base := filepath.Split(dest)
	if parent == "" {
		parent = "."
	}
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return WriteStats{}, fmt.Errorf("cannot create %s: %w", parent, err)
	}
	removeLeftovers(parent, base)
	tmp, err := os.MkdirTemp(parent, tmpPrefix(base))
	if err != nil {
		return WriteStats{}, fmt.Errorf("cannot write beside %s: %w", dest, err)
	}
	defer os.RemoveAll(tmp) // after the swap, tmp holds the old output
	if err := os.Chmod(tmp, 0o755); err != nil {
		return WriteStats{}, err
	}
	prev := ""
	if _, err := os.Stat(filepath.Join(dest, Marker)); err == nil {
		prev = dest
	}
	out := &dirOutput{root: tmp, prev: prev, seen: map[string]bool{}}
	if err := fill(out); err != nil {
		return WriteStats{}, err
	}
	if err := os.WriteFile(filepath.Join(tmp, Marker), []byte(markerText), 0o644); err != nil {
		return WriteStats{}, err
	}
	if err := swap(tmp, dest); err != nil {
		return WriteStats{}, fmt.Errorf("cannot put the new output in place at %s: %w", dest, err)
	}
	return WriteStats{Replaced: prev != ""}, nil
}

func tmpPrefix(base string) string { return "." + base + ".playbook-tmp-" }

// removeLeftovers deletes the temporary folders of builds that were killed before their swap.
func removeLeftovers(parent, base string) {
	entries, err := os.ReadDir(parent)
	if err != nil {
		return
	}
	for _, e := range entries {
		if e.IsDir() && strings.HasPrefix(e.Name(), tmpPrefix(base)) {
			os.RemoveAll(filepath.Join(parent, e.Name()))
		}
	}
}

// checkDest refuses a destination that is a file, or a non-empty folder this generator did
// not make: its files are someone's work.
func checkDest(dest string) error {
	st, err := os.Stat(dest)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("cannot use %s as the destination: %w", dest, err)
	}
	if !st.IsDir() {
		return fmt.Errorf("the destination %s is a file, not a folder; remove it or choose another with -d", dest)
	}
	if _, err := os.Stat(filepath.Join(dest, Marker)); err == nil {
		return nil
	}
	entries, err := os.ReadDir(dest)
	if err != nil {
		return fmt.Errorf("cannot read the destination %s: %w", dest, err)
	}
	if len(entries) > 0 {
		return fmt.Errorf("the destination %s is not empty and was not made by playbook (it has no %s file); empty it or choose another folder with -d", dest, Marker)
	}
	return nil
}

// swapByRenames moves dest aside, tmp in, and the old dest to tmp: two renames, with a
// moment when dest is absent but never one when it is partial.
func swapByRenames(tmp, dest string) error {
	if _, err := os.Stat(dest); errors.Is(err, fs.ErrNotExist) {
		return os.Rename(tmp, dest)
	}
	aside := tmp + ".old"
	if err := os.Rename(dest, aside); err != nil {
		return err
	}
	if err := os.Rename(tmp, dest); err != nil {
		_ = os.Rename(aside, dest)
		return err
	}
	return os.Rename(aside, tmp)
}

var (
	_ Streaming = (*dirOutput)(nil)
	_ DirMaker  = (*dirOutput)(nil)
	_ Adopter   = (*MemoryOutput)(nil)
)
