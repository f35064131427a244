// Package publish prepares a build for hosting: it reads the static files before any page
// is rendered (minifying them and naming CSS and JavaScript after their content, with
// Minify), minifies each page on its way out, and makes sitemap.xml, robots.txt and the
// Atom feed while the pages render.
package publish

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"path"
	"regexp"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/tdewolff/minify/v2"
	"github.com/tdewolff/minify/v2/css"
	"github.com/tdewolff/minify/v2/html"
	"github.com/tdewolff/minify/v2/js"
	"github.com/tdewolff/minify/v2/json"
	"github.com/tdewolff/minify/v2/svg"
	"github.com/tdewolff/minify/v2/xml"

	"github.com/followup-playbook/playbook/generator/diag"
	"github.com/followup-playbook/playbook/generator/load/content"
	"github.com/followup-playbook/playbook/generator/load/messages"
	"github.com/followup-playbook/playbook/generator/load/sitefs"
	"github.com/followup-playbook/playbook/generator/parallel"
	"github.com/followup-playbook/playbook/generator/render"
	"github.com/followup-playbook/playbook/generator/search"
)

// The files a build writes beside the pages, for hosts, crawlers and feed readers.
const (
	SitemapFile = "sitemap.xml"
	RobotsFile  = "robots.txt"
	FeedFile    = "feed.xml"
)

// AddFunc hands one file to the build's output.
type AddFunc func(name string, data []byte) error

// Static is a site's static files, read before any page is rendered so that, with Minify,
// their CSS and JavaScript can be minified and renamed after their content
// (css/site.css becomes css/site.<hash>.css) and pages link to those names through
// render.Site.Assets.
type Static struct {
	min   *minify.M // nil without Minify
	files map[string][]byte
	// assets maps a fingerprinted file's path to its published name.
	assets map[string]string
	// preloads lists, by a page's module's path, the published files its bundle imports
	// (see bundled.preloads); nil without Minify, where modules are published unbundled.
	preloads map[string][]string
	// hashed lists the files published under names after their content, sorted (nil
	// without Minify): the ones _headers marks immutable.
	hashed []string
	// sizes holds the images' sizes ImageSize has read, by name, as [3]int{w, h, ok}.
	sizes sync.Map
	// variants are the narrower copies of wide images, by the image's name (Minify only).
	variants map[string][]render.Variant
}

// ReadStatic reads every file under static/ in fss, the first file system's replacing
// the later ones' (the site's own over the built-in ones), leaving out the JavaScript
// tests, and every file under content/ in site that is not a page or a message (an image
// beside its page, as a Hugo page bundle has), which is published at its path under
// content/, where a page's relative link finds it; then it adds made, the files the build makes from the site's settings (the brand's
// stylesheet), by their names under static/, which they replace. With minified set, it
// also makes narrower copies of wide images (see resize), minifies the files, publishes
// stylesheets and classic scripts under names after their content, and bundles the ES
// modules (see bundle).
func ReadStatic(ctx context.Context, fss []fs.FS, site fs.FS, made map[string][]byte, minified bool) (*Static, error) {
	st := &Static{files: map[string][]byte{}}
	var mu sync.Mutex
	err := copyStatic(ctx, fss, func(name string, b []byte) error {
		if sitefs.IsTestFile(name) {
			return nil
		}
		mu.Lock()
		defer mu.Unlock()
		st.files[name] = b
		return nil
	})
	if site != nil {
		err = errors.Join(err, st.readBeside(ctx, site))
	}
	maps.Copy(st.files, made)
	if err != nil || !minified {
		if err == nil {
			st.serviceWorker(nil, nil)
		}
		return st, err
	}
	st.min = newMinifier()
	st.resize(ctx)
	read := maps.Clone(st.files)
	mods := readModules(read)
	var errs []error
	for name, b := range st.files {
		mt := ""
		if _, ok := mods[name]; ok {
			mt = moduleType
		}
		out, err := st.minifyAs(name, mt, b)
		if err != nil {
			errs = append(errs, &diag.Error{Path: path.Join(sitefs.StaticDir, name), Msg: fmt.Sprintf("cannot minify: %v", err), Hint: "fix the file's syntax, or build without --minify"})
			continue
		}
		st.files[name] = out
	}
	st.assets = fingerprint(st.files, mods)
	b, err := bundle(read, mods)
	errs = append(errs, err)
	maps.Copy(st.files, b.files)
	maps.Copy(st.assets, b.scripts)
	st.preloads = b.preloads()
	hashed := map[string]bool{}
	for n := range b.files {
		hashed[n] = true
	}
	for _, n := range st.assets {
		hashed[n] = true
	}
	st.hashed = slices.Sorted(maps.Keys(hashed))
	st.serviceWorker(hashed, b.closure)
	return st, errors.Join(errs...)
}

// readBeside adds the files under content/ in site that are neither pages nor message
// files, each by its path under content/; one that a static file has the name of is a
// problem, since either would hide the other.
func (st *Static) readBeside(ctx context.Context, site fs.FS) error {
	var names []string
	err := fs.WalkDir(site, content.Dir, func(p string, d fs.DirEntry, err error) error {
		switch {
		case err != nil && errors.Is(err, fs.ErrNotExist) && p == content.Dir:
			return fs.SkipDir
		case err != nil:
			return diag.Unreadable(p, err)
		case strings.HasPrefix(d.Name(), ".") && p != content.Dir:
			// Editors' and systems' own files (.DS_Store, .#page.md) are nobody's to publish.
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		case d.IsDir() || path.Ext(p) == ".md" || path.Dir(p) == messages.Dir && path.Ext(p) == ".toml":
			return nil
		}
		names = append(names, p)
		return nil
	})
	if err != nil {
		return err
	}
	var mu sync.Mutex
	return errors.Join(parallel.Run(ctx, len(names), func(i int) error {
		b, err := fs.ReadFile(site, names[i])
		if err != nil {
			return diag.Unreadable(names[i], err)
		}
		name := strings.TrimPrefix(names[i], content.Dir+"/")
		mu.Lock()
		defer mu.Unlock()
		if _, taken := st.files[name]; taken {
			return &diag.Error{Path: names[i], Msg: fmt.Sprintf("%s and static/%s are both published as %s", names[i], name, name),
				Hint: "rename or remove one of them"}
		}
		st.files[name] = b
		return nil
	})...)
}

// ImageSize is the size the published image name is drawn at by default (see the function
// ImageSize), read once a build; ok is false when there is no such image or its size
// cannot be told.
func (st *Static) ImageSize(name string) (w, h int, ok bool) {
	if v, done := st.sizes.Load(name); done {
		s := v.([3]int)
		return s[0], s[1], s[2] == 1
	}
	b, found := st.files[name]
	if found {
		w, h, ok = ImageSize(name, b)
	}
	s := [3]int{w, h, 0}
	if ok {
		s[2] = 1
	}
	st.sizes.Store(name, s)
	return w, h, ok
}

// Names lists every file published, sorted.
func (st *Static) Names() []string { return slices.Sorted(maps.Keys(st.files)) }

// Assets returns the published names of the fingerprinted static files, for render.Site.
func (st *Static) Assets() map[string]string { return st.assets }

// Preloads maps a page's module ("js/companion.js") to the published files it imports,
// which a page may ask the browser to fetch with it; nil when modules are not bundled.
func (st *Static) Preloads() map[string][]string { return st.preloads }

// Has reports whether name (under static/) is published.
func (st *Static) Has(name string) bool { _, ok := st.files[name]; return ok }

// File is the bytes name (under static/) is published with, and whether it is.
func (st *Static) File(name string) ([]byte, bool) { b, ok := st.files[name]; return b, ok }

// Page returns a page's bytes as they are published: minified, when asked.
func (st *Static) Page(name string, b []byte) ([]byte, error) {
	if st.min == nil {
		return b, nil
	}
	out, err := st.minify(name, b)
	if err != nil {
		return nil, &diag.Error{Path: name, Msg: fmt.Sprintf("cannot minify the output: %v", err), Hint: "build without --minify to see the file as rendered"}
	}
	return out, nil
}

// Extras are the sitemap, robots.txt, the feed and the search index, made on a goroutine
// of their own while the pages render: on 10,000 pages they take tens of milliseconds (the
// index some hundreds), which would otherwise come after every page with a core idle.
type Extras struct {
	done   chan struct{}
	files  map[string][]byte
	search *search.Index
	// added is what handing out the sitemap, robots.txt and the feed gave.
	added error
}

// Search is the search index the extras' files under search/ were written from, once made;
// nil unless MakeExtras was asked to keep it.
func (e *Extras) Search() *search.Index {
	<-e.done
	return e.search
}

// MakeExtras starts making the sitemap of outputs (the pages' files), robots.txt and the
// feed of s, which it hands to add as soon as they are made (a 100,000-page site's feed is
// 46 MB, not to be kept while the pages render), unless the site has its own under static/;
// then, when the site has static/_headers, the _headers published (see headers), when it
// has static/_redirects or aliases (redirs), the _redirects published (see redirects), and
// the files of the search index that index returns once the pages are indexed (see package
// search), which Search gives when keep is set (a dev server's next save indexes a page in
// it); not kept, the index is garbage once its files are written. s is only read, and must
// not change until Publish returns.
func (st *Static) MakeExtras(s *render.Site, outputs []string, redirs []Redirect, index func() *search.Index, keep bool, add AddFunc) *Extras {
	e := &Extras{done: make(chan struct{})}
	go func() {
		defer close(e.done)
		var errs []error
		made := func(name string, b []byte) {
			if _, own := st.files[name]; own {
				return
			}
			if st.min != nil && (name == SitemapFile || name == FeedFile) {
				if out, err := st.minify(name, b); err == nil {
					b = out
				}
			}
			errs = append(errs, add(name, b))
		}
		var pages []string
		for _, o := range outputs {
			if strings.HasSuffix(o, ".html") && o != "404.html" {
				pages = append(pages, o)
			}
		}
		made(SitemapFile, sitemap(s, pages))
		made(RobotsFile, robots(s))
		made(FeedFile, feed(s))
		e.added = errors.Join(errs...)
		ix := index()
		e.files = ix.Files()
		if keep {
			e.search = ix
		}
		if base, ok := st.files[HeadersFile]; ok {
			e.files[HeadersFile] = headers(s.BaseURL, s.BasePath, base, st.hashed)
		}
		if base, ok := st.files[RedirectsFile]; ok || len(redirs) > 0 {
			e.files[RedirectsFile] = redirects(base, redirs)
		}
	}()
	return e
}

// Publish hands out the static files (the fingerprinted copies among them), then the
// extras, once they are made. A site's own sitemap, robots.txt or feed under static/
// wins over the made one; its _headers is the base of the one made.
func (st *Static) Publish(ctx context.Context, extras *Extras, add AddFunc) error {
	names := make([]string, 0, len(st.files))
	for n := range st.files {
		names = append(names, n)
	}
	sort.Strings(names)
	var errs []error
	for _, n := range names {
		if err := ctx.Err(); err != nil {
			return err
		}
		if n == HeadersFile || n == RedirectsFile {
			continue // made from this one, with the extras
		}
		errs = append(errs, add(n, st.files[n]))
	}
	<-extras.done
	errs = append(errs, extras.added)
	for _, n := range []string{HeadersFile, RedirectsFile} {
		if b, ok := extras.files[n]; ok {
			errs = append(errs, add(n, b))
		}
	}
	for _, n := range slices.Sorted(maps.Keys(extras.files)) {
		if strings.HasPrefix(n, search.Dir) {
			errs = append(errs, add(n, extras.files[n]))
		}
	}
	return errors.Join(errs...)
}

// newMinifier minifies what a site is made of, as Hugo configures tdewolff/minify, but
// keeping the document's structure (html, head, body, end tags, quotes) so the output stays
// easy to read in a browser's source view and valid to the Nu HTML Checker.
func newMinifier() *minify.M {
	m := minify.New()
	m.Add("text/css", &css.Minifier{})
	m.Add("text/html", &html.Minifier{KeepDocumentTags: true, KeepEndTags: true, KeepQuotes: true, KeepDefaultAttrVals: true, KeepSpecialComments: true})
	m.Add("image/svg+xml", &svg.Minifier{})
	m.Add(moduleType, moduleMinifier{})
	m.AddRegexp(regexp.MustCompile(`^(application|text)/(x-)?(java|ecma)script$`), &js.Minifier{})
	m.AddRegexp(regexp.MustCompile(`[/+]json$`), &json.Minifier{})
	m.AddRegexp(regexp.MustCompile(`[/+]xml$`), &xml.Minifier{})
	return m
}

// mediaTypes are the files minified, by extension.
var mediaTypes = map[string]string{
	".html": "text/html",
	".css":  "text/css",
	".js":   "application/javascript",
	".mjs":  "application/javascript",
	".json": "application/json",
	".svg":  "image/svg+xml",
	".xml":  "application/xml",
}

func (st *Static) minify(name string, b []byte) ([]byte, error) { return st.minifyAs(name, "", b) }

// minifyAs minifies b, the file name, as the media type mt, or as its extension says when
// mt is "".
func (st *Static) minifyAs(name, mt string, b []byte) ([]byte, error) {
	if mt == "" {
		mt = mediaTypes[path.Ext(name)]
	}
	if mt == "" || strings.Contains(path.Base(name), ".min.") {
		return b, nil
	}
	return st.min.Bytes(mt, b)
}

// fingerprint renames every stylesheet and classic script in files after the SHA-256 of
// its content, adding the renamed copy to files, and returns the renames; ES modules are
// bundle's. Files stay under their own name as well, for anything that names them
// directly.
func fingerprint(files map[string][]byte, mods modules) map[string]string {
	names := map[string]string{}
	for _, n := range slices.Sorted(maps.Keys(files)) { // files grows on the way
		b, ext := files[n], path.Ext(n)
		_, module := mods[n]
		if ext != ".css" && ext != ".js" || module || n == ServiceWorker {
			continue
		}
		sum := sha256.Sum256(b)
		h := strings.TrimSuffix(n, ext) + "." + hex.EncodeToString(sum[:5]) + ext
		names[n] = h
		files[h] = b
	}
	return names
}

// copyStatic hands every file under static/ to add, the site's own replacing the built-in ones.
func copyStatic(ctx context.Context, fss []fs.FS, add func(string, []byte) error) error {
	from := map[string]fs.FS{}
	for i := len(fss) - 1; i >= 0; i-- {
		fsys := fss[i]
		err := fs.WalkDir(fsys, sitefs.StaticDir, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				if errors.Is(err, fs.ErrNotExist) && p == sitefs.StaticDir {
					return fs.SkipDir
				}
				return diag.Unreadable(p, err)
			}
			if !d.IsDir() {
				from[p] = fsys
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
	names := make([]string, 0, len(from))
	for n := range from {
		names = append(names, n)
	}
	return errors.Join(parallel.Run(ctx, len(names), func(i int) error {
		b, err := fs.ReadFile(from[names[i]], names[i])
		if err != nil {
			return diag.Unreadable(names[i], err)
		}
		return add(strings.TrimPrefix(names[i], sitefs.StaticDir+"/"), b)
	})...)
}
