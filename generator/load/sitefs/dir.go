// Package sitefs is where a site's files come from: its folder, read so that no symbolic
// link leads out of it, layered over the built-in site as over a theme; and new sites
// written from the built-in one.
package sitefs

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/followup-playbook/playbook/generator/load/config"
)

// Source is where a site is read from.
type Source struct {
	// Site is the site's own folder (holding site.toml); nil builds Defaults alone.
	Site fs.FS
	// Defaults is the built-in site, whose layouts/ and static/ fill in whatever Site
	// leaves out, as a theme would.
	Defaults fs.FS
}

// Own is the site's own files: Site, or Defaults when there is no site.
func (s Source) Own() fs.FS {
	if s.Site == nil {
		return s.Defaults
	}
	return s.Site
}

// Layers lists the file systems to read layouts and static files from, the site's own
// first.
func (s Source) Layers() []fs.FS {
	if s.Site == nil {
		return []fs.FS{s.Defaults}
	}
	return []fs.FS{s.Site, s.Defaults}
}

// NotASiteError says a folder named as a site has no site.toml.
type NotASiteError struct{ Dir string }

func (e *NotASiteError) Error() string {
	return fmt.Sprintf("%s has no %s: is it a site's folder? (`playbook new %s` starts one)", e.Dir, config.File, e.Dir)
}

// Resolve finds the site every command works on: the folder dir, else the nearest of the
// working folder and the folders above it that holds site.toml (as git finds the
// repository from any folder in it), else the built-in site defaults alone. It returns
// the Source and the site's folder, relative to the working folder ("..", "" for the
// built-in site); close the Source's Site when done. A dir without site.toml is a
// *NotASiteError.
func Resolve(dir string, defaults fs.FS) (Source, string, error) {
	src := Source{Defaults: defaults}
	if dir == "" {
		found, ok := findSite()
		if !ok {
			return src, "", nil
		}
		dir = found
	}
	if _, err := os.Stat(filepath.Join(dir, config.File)); err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return src, dir, &NotASiteError{dir}
		}
		return src, dir, err
	}
	site, err := Open(dir)
	if err != nil {
		return src, dir, err
	}
	src.Site = site
	return src, dir, nil
}

// findSite looks for site.toml in the working folder, then in each folder above it up to
// the root, and returns the first folder that has one as a path from the working folder
// ("." or "../.."). A folder that cannot be looked in ends the search, as the root does.
func findSite() (string, bool) {
	abs, err := filepath.Abs(".")
	if err != nil {
		return "", false
	}
	for rel := "."; ; rel = filepath.Join(rel, "..") {
		if _, err := os.Stat(filepath.Join(rel, config.File)); err == nil {
			return rel, true
		} else if !errors.Is(err, fs.ErrNotExist) {
			return "", false
		}
		parent := filepath.Dir(abs)
		if parent == abs {
			return "", false
		}
		abs = parent
	}
}

// Open returns the site in the folder dir, for Source.Site. It reads through an
// os.Root, which refuses any symlink that leads out of the folder, so a link to another
// part of the disk is reported by name instead of read and published.
//
// An os.Root opens every folder on a file's path to check it, so its Sub opens a root on
// the subfolder: content.Load reads each folder's pages through one, one openat a page
// instead of one per path component (a sixth of the load of 10,000 pages). Close releases
// the folder.
func Open(dir string) (*Dir, error) {
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, err
	}
	return newDir(root), nil
}

// Dir is a site's folder, read through an os.Root; see Open.
type Dir struct {
	root *os.Root
	fs   fs.FS
	// self is the folder itself, open for reading its files by name in fewer system calls
	// (see ReadFile); nil where it could not be opened.
	self *os.File
}

func newDir(root *os.Root) *Dir {
	d := &Dir{root: root, fs: root.FS()}
	if f, err := root.Open("."); err == nil {
		d.self = f
	}
	return d
}

// Open opens the named file, as fs.FS.
func (d *Dir) Open(name string) (fs.File, error) { return d.fs.Open(name) }

// ReadFile reads the named file, as fs.ReadFileFS. A file of the folder itself (a page of
// a folder opened by Sub) that is no symbolic link is read by openat, read and close alone:
// through the os.Root, an *os.File also asks for its flags, sets them twice, tries the
// network poller and stats it, ten system calls a file where four do, for each of a site's
// thousands of pages, read once to load it and again to render it. Anything else, or any
// error, goes through the os.Root, which says why.
func (d *Dir) ReadFile(name string) ([]byte, error) {
	if d.self != nil && fs.ValidPath(name) && !strings.Contains(name, "/") && name != "." {
		if b, err := readIn(d.self, name); err == nil {
			return b, nil
		}
	}
	return fs.ReadFile(d.fs, name)
}

// ReadDir reads the named folder, as fs.ReadDirFS.
func (d *Dir) ReadDir(name string) ([]fs.DirEntry, error) { return fs.ReadDir(d.fs, name) }

// Stat describes the named file, as fs.StatFS.
func (d *Dir) Stat(name string) (fs.FileInfo, error) { return fs.Stat(d.fs, name) }

// Sub returns the subfolder dir as a Dir of its own, as fs.SubFS; close it when done.
func (d *Dir) Sub(dir string) (fs.FS, error) {
	if dir == "." {
		return d, nil
	}
	if !fs.ValidPath(dir) {
		return nil, &fs.PathError{Op: "sub", Path: dir, Err: fs.ErrInvalid}
	}
	root, err := d.root.OpenRoot(dir)
	if err != nil {
		return nil, err
	}
	return newDir(root), nil
}

// Close releases the folder.
func (d *Dir) Close() error {
	if d.self != nil {
		d.self.Close()
	}
	return d.root.Close()
}
