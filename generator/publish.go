package generator

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"regexp"
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
	"github.com/followup-playbook/playbook/generator/render"
)

// The files a build writes beside the pages, for hosts, crawlers and feed readers.
const (
	SitemapFile = "sitemap.xml"
	RobotsFile  = "robots.txt"
	FeedFile    = "feed.xml"
)

// publisher prepares a build for hosting: it reads the static files before any page is
// rendered, so that with Minify their CSS and JavaScript can be minified and renamed after
// their content (css/site.css becomes css/site.<hash>.css) and pages link to those names
// through render.Site.Assets; it minifies every page on its way out; and it makes
// sitemap.xml, robots.txt and the Atom feed while the pages render.
type publisher struct {
	min    *minify.M // nil without Minify
	static map[string][]byte
	// assets maps a fingerprinted file's path to its published name.
	assets map[string]string

	raw func(string, []byte) error // the Output's add, unwrapped
	// extras delivers the sitemap, robots.txt and the feed, by name; see makeExtras.
	extras chan map[string][]byte
}

// newPublisher reads every static file; with minified set, it also minifies them and
// fingerprints the CSS and JavaScript.
func newPublisher(ctx context.Context, fss []fs.FS, minified bool) (*publisher, error) {
	p := &publisher{static: map[string][]byte{}}
	var mu sync.Mutex
	err := copyStatic(ctx, fss, func(name string, b []byte) error {
		if isTestFile(name) {
			return nil
		}
		mu.Lock()
		defer mu.Unlock()
		p.static[name] = b
		return nil
	})
	if err != nil || !minified {
		return p, err
	}
	p.min = newMinifier()
	var errs []error
	for name, b := range p.static {
		out, err := p.minify(name, b)
		if err != nil {
			errs = append(errs, &diag.Error{Path: path.Join(StaticDir, name), Msg: fmt.Sprintf("cannot minify: %v", err), Hint: "fix the file's syntax, or build without --minify"})
			continue
		}
		p.static[name] = out
	}
	p.assets = fingerprint(p.static)
	return p, errors.Join(errs...)
}

// isTestFile reports whether a static file is only there for the JavaScript tests
// (x.test.mjs, testdata/...), which a build leaves out.
func isTestFile(name string) bool {
	return strings.Contains(path.Base(name), ".test.") || strings.HasPrefix(name, "testdata/") || strings.Contains(name, "/testdata/")
}

// Assets returns the published names of the fingerprinted static files, for render.Site.
func (p *publisher) Assets() map[string]string { return p.assets }

// wrap returns add with every page minified, when asked.
func (p *publisher) wrap(add func(string, []byte) error) func(string, []byte) error {
	p.raw = add
	return func(name string, b []byte) error {
		if p.min != nil {
			out, err := p.minify(name, b)
			if err != nil {
				return &diag.Error{Path: name, Msg: fmt.Sprintf("cannot minify the output: %v", err), Hint: "build without --minify to see the file as rendered"}
			}
			b = out
		}
		return add(name, b)
	}
}

// makeExtras starts making the sitemap of outputs (the pages' files), robots.txt and the
// feed on a goroutine of its own, so that they are ready when the pages are: on 10,000
// pages they take tens of milliseconds, which would otherwise come after every page with
// a core idle. s must not change from now on.
func (p *publisher) makeExtras(s *render.Site, outputs []string) {
	p.extras = make(chan map[string][]byte, 1)
	go func() {
		var pages []string
		for _, o := range outputs {
			if strings.HasSuffix(o, ".html") && o != "404.html" {
				pages = append(pages, o)
			}
		}
		extra := map[string][]byte{
			SitemapFile: sitemap(s, pages),
			RobotsFile:  robots(s),
			FeedFile:    feed(s),
		}
		if p.min != nil {
			for _, n := range []string{SitemapFile, FeedFile} {
				if out, err := p.minify(n, extra[n]); err == nil {
					extra[n] = out
				}
			}
		}
		p.extras <- extra
	}()
}

// finish writes the static files (the fingerprinted copies among them), and the sitemap,
// robots.txt and the feed that makeExtras made. It is called once every page has been
// handed to the add that wrap returned.
func (p *publisher) finish(ctx context.Context) error {
	add := p.raw
	names := make([]string, 0, len(p.static))
	for n := range p.static {
		names = append(names, n)
	}
	sort.Strings(names)
	var errs []error
	for _, n := range names {
		if err := ctx.Err(); err != nil {
			return err
		}
		errs = append(errs, add(n, p.static[n]))
	}
	extra := <-p.extras
	for _, n := range []string{SitemapFile, RobotsFile, FeedFile} {
		if _, ok := p.static[n]; ok {
			continue // the site's own file wins
		}
		errs = append(errs, add(n, extra[n]))
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
	m.AddRegexp(regexp.MustCompile(`^(application|text)/(x-)?(java|ecma)script$|^module$`), &js.Minifier{})
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

func (p *publisher) minify(name string, b []byte) ([]byte, error) {
	mt, ok := mediaTypes[path.Ext(name)]
	if !ok || strings.Contains(path.Base(name), ".min.") {
		return b, nil
	}
	return p.min.Bytes(mt, b)
}

// fingerprinted are the extensions whose files are renamed after their content.
var fingerprinted = map[string]bool{".css": true, ".js": true, ".mjs": true}

// importSpec finds the relative module specifiers of static imports, re-exports and
// dynamic imports in JavaScript: from "./x.js", import "./x.js", import("./x.js").
var importSpec = regexp.MustCompile(`(\bfrom\s*|\bimport\s*\(?\s*)(["'])(\.{1,2}/[^"'\s]+)(["'])`)

// fingerprint renames every CSS and JavaScript file in files after the SHA-256 of its
// content, adding the renamed copy to files, and returns the renames. A module's relative
// imports are rewritten to the fingerprinted names of what they import first, so a change
// to an imported module changes the importer's name too. Files stay under their own name
// as well, for anything that names them directly.
func fingerprint(files map[string][]byte) map[string]string {
	names := map[string]string{}
	visiting := map[string]bool{}
	var visit func(n string) string
	visit = func(n string) string {
		if h, ok := names[n]; ok {
			return h
		}
		if visiting[n] {
			return n // an import cycle: keep the plain name, which is published too
		}
		visiting[n] = true
		b := files[n]
		if path.Ext(n) != ".css" {
			b = importSpec.ReplaceAllFunc(b, func(m []byte) []byte {
				sm := importSpec.FindSubmatch(m)
				spec := string(sm[3])
				dep := path.Join(path.Dir(n), spec)
				if _, ok := files[dep]; !ok || !fingerprinted[path.Ext(dep)] {
					return m
				}
				rel := relPath(path.Dir(n), visit(dep))
				return []byte(string(sm[1]) + string(sm[2]) + rel + string(sm[4]))
			})
		}
		sum := sha256.Sum256(b)
		ext := path.Ext(n)
		h := strings.TrimSuffix(n, ext) + "." + hex.EncodeToString(sum[:5]) + ext
		names[n] = h
		files[h] = b
		return h
	}
	var all []string
	for n := range files {
		if fingerprinted[path.Ext(n)] {
			all = append(all, n)
		}
	}
	sort.Strings(all)
	for _, n := range all {
		visit(n)
	}
	return names
}

// relPath is the relative specifier from folder dir to file target, both under the site
// root: "./x.js" or "../lib/x.js".
func relPath(dir, target string) string {
	if dir == "." {
		dir = ""
	}
	from := strings.Split(dir, "/")
	if dir == "" {
		from = nil
	}
	to := strings.Split(target, "/")
	i := 0
	for i < len(from) && i < len(to)-1 && from[i] == to[i] {
		i++
	}
	var b bytes.Buffer
	if i == len(from) {
		b.WriteString("./")
	}
	for range from[i:] {
		b.WriteString("../")
	}
	b.WriteString(strings.Join(to[i:], "/"))
	return b.String()
}
