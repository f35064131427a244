package generator

import (
	"bytes"
	"errors"
	"io/fs"
	"slices"
	"sync"
)

// memo is what a Cache keeps of a loader's work across builds (the layouts parsed, the
// rules compiled): its value, and every file, folder and stat the loader read to make it.
// A later build reads those again and, when each reads the same, takes the value instead
// of loading: the dev server's full build of a small site spent a fifth of its time
// parsing layouts, escaping them on their first execution and decoding message files it
// had read the build before. Nothing is listed by hand: what the loader did not read
// cannot change what it made.
type memo[T any] struct {
	value T
	reads []read
}

// read is one call a loader made on one of its file systems (layer) and what it gave.
type read struct {
	layer   int
	op      readOp
	name    string
	data    []byte    // a file's bytes
	entries []dirItem // a folder's entries
	mode    fs.FileMode
	missing bool // the name did not exist
}

type readOp uint8

const (
	opReadFile readOp = iota
	opReadDir
	opStat
)

type dirItem struct {
	name string
	mode fs.FileMode
}

// reuse gives what load made the last time, kept in *m, when every read *m records gives
// the same now (again is then true); otherwise it runs load on fss, each wrapped to record
// what it reads, and keeps in *m what the next build may reuse: nothing when load reported
// a problem (its errors are the build's to report, each time) or read in a way that is not
// recorded.
func reuse[T any](m **memo[T], fss []fs.FS, load func(fss []fs.FS) (T, error)) (v T, again bool, err error) {
	if *m != nil && (*m).same(fss) {
		return (*m).value, true, nil
	}
	*m = nil
	rec := &recorder{}
	wrapped := make([]fs.FS, len(fss))
	for i, f := range fss {
		if f != nil {
			wrapped[i] = &recordingFS{fsys: f, layer: i, rec: rec}
		}
	}
	v, err = load(wrapped)
	if err == nil && !rec.unknown {
		*m = &memo[T]{value: v, reads: rec.reads}
	}
	return v, false, err
}

// same says whether every read of m gives what it gave.
func (m *memo[T]) same(fss []fs.FS) bool {
	for _, r := range m.reads {
		if r.layer >= len(fss) || fss[r.layer] == nil {
			return false
		}
		again, ok := doRead(fss[r.layer], r.op, r.name).record(r.layer, r.op, r.name)
		if !ok || !again.equal(r) {
			return false
		}
	}
	return true
}

func (r read) equal(o read) bool {
	return r.missing == o.missing && r.mode == o.mode && bytes.Equal(r.data, o.data) && slices.Equal(r.entries, o.entries)
}

// result is what one read gave.
type result struct {
	data    []byte
	entries []fs.DirEntry
	info    fs.FileInfo
	err     error
}

// doRead makes the read op of name on fsys.
func doRead(fsys fs.FS, op readOp, name string) (res result) {
	switch op {
	case opReadFile:
		res.data, res.err = fs.ReadFile(fsys, name)
	case opReadDir:
		res.entries, res.err = fs.ReadDir(fsys, name)
	default:
		res.info, res.err = fs.Stat(fsys, name)
	}
	return res
}

// record is what a memo keeps of res, the read op of name on layer: the bytes, the
// entries' names and kinds, the kind; ok is false for an error other than the name's not
// existing, which no memo relies on.
func (res result) record(layer int, op readOp, name string) (r read, ok bool) {
	r = read{layer: layer, op: op, name: name}
	switch {
	case errors.Is(res.err, fs.ErrNotExist):
		r.missing = true
	case res.err != nil:
		return r, false
	case op == opReadFile:
		r.data = res.data
	case op == opReadDir:
		for _, e := range res.entries {
			r.entries = append(r.entries, dirItem{e.Name(), e.Type()})
		}
	default:
		r.mode = res.info.Mode().Type()
	}
	return r, true
}

// recorder gathers the reads of one load, from every goroutine it reads on.
type recorder struct {
	mu      sync.Mutex
	reads   []read
	unknown bool // a read that is not recorded (Open), or an error
}

// recordingFS is fsys, recording into rec what is read through it: files by ReadFile,
// folders by ReadDir, kinds by Stat (all that fs.WalkDir and the loaders use). Open is
// not recorded, so a load that opens a file is never reused.
type recordingFS struct {
	fsys  fs.FS
	layer int
	rec   *recorder
}

// do makes the read op of name and records it.
func (f *recordingFS) do(op readOp, name string) result {
	res := doRead(f.fsys, op, name)
	r, ok := res.record(f.layer, op, name)
	f.rec.mu.Lock()
	defer f.rec.mu.Unlock()
	if ok {
		f.rec.reads = append(f.rec.reads, r)
	} else {
		f.rec.unknown = true
	}
	return res
}

func (f *recordingFS) Open(name string) (fs.File, error) {
	f.rec.mu.Lock()
	f.rec.unknown = true
	f.rec.mu.Unlock()
	return f.fsys.Open(name)
}

func (f *recordingFS) ReadFile(name string) ([]byte, error) {
	res := f.do(opReadFile, name)
	return res.data, res.err
}

func (f *recordingFS) ReadDir(name string) ([]fs.DirEntry, error) {
	res := f.do(opReadDir, name)
	return res.entries, res.err
}

func (f *recordingFS) Stat(name string) (fs.FileInfo, error) {
	res := f.do(opStat, name)
	return res.info, res.err
}
