package generator

import (
	"io"
	"io/fs"
	"path"
	"sync"

	"github.com/followup-playbook/playbook/generator/diag"
	"github.com/followup-playbook/playbook/generator/load/content"
)

// pageFiles reads pages' files again as they render (see content.Options.LeaveBodies),
// through one fs.Sub a folder: for a site read through an os.Root (sitefs.Dir), that is one
// openat a page rather than one for each folder on its path. A folder's is closed once no
// worker reads through it and more than maxOpenFolders are open, so a site of many
// folders never holds many open.
type pageFiles struct {
	fsys fs.FS
	mu   sync.Mutex
	subs map[string]*folder
}

type folder struct {
	fsys    fs.FS
	readers int
}

const maxOpenFolders = 16

// withBody returns a copy of p with its Markdown in Body, read from its file when Load
// left it there; p itself is shared by the build and never changed.
func (f *pageFiles) withBody(p *content.Page) (*content.Page, error) {
	if !p.InFile() {
		return p, nil
	}
	src, err := f.read(p.Path)
	if err != nil {
		return nil, diag.Unreadable(p.Path, err)
	}
	body, err := p.BodyOf(src)
	if err != nil {
		return nil, err
	}
	c := *p
	c.Body = body
	return &c, nil
}

// read reads the file name, a slash-separated path in the site.
func (f *pageFiles) read(name string) ([]byte, error) {
	dir := path.Dir(name)
	f.mu.Lock()
	d := f.subs[dir]
	if d == nil {
		sub, err := fs.Sub(f.fsys, dir)
		if err != nil {
			f.mu.Unlock()
			return fs.ReadFile(f.fsys, name)
		}
		if f.subs == nil {
			f.subs = map[string]*folder{}
		}
		d = &folder{fsys: sub}
		f.subs[dir] = d
	}
	d.readers++
	f.mu.Unlock()
	b, err := fs.ReadFile(d.fsys, path.Base(name))
	f.mu.Lock()
	d.readers--
	if d.readers == 0 && len(f.subs) > maxOpenFolders {
		delete(f.subs, dir)
		closeFS(d.fsys)
	}
	f.mu.Unlock()
	return b, err
}

// close closes every folder still open.
func (f *pageFiles) close() {
	f.mu.Lock()
	defer f.mu.Unlock()
	for dir, d := range f.subs {
		delete(f.subs, dir)
		closeFS(d.fsys)
	}
}

func closeFS(fsys fs.FS) {
	if c, ok := fsys.(io.Closer); ok {
		c.Close()
	}
}
