// Package content loads a site's guidance pages: content/**/*.md, each with TOML front
// matter between "+++" lines, as Hugo writes it. It gives every page its clean URL and
// keeps its Markdown source for the renderer; it makes no HTML.
package content

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/followup-playbook/playbook/generator/diag"
	"github.com/followup-playbook/playbook/generator/internal/strictoml"
	"github.com/followup-playbook/playbook/generator/parallel"
)

// Dir is the folder, at the site's root, that holds the pages.
const Dir = "content"

// Kind says which layout renders a page.
type Kind string

// The kinds of page.
const (
	KindHome Kind = "home" // content/_index.md
	KindList Kind = "list" // content/SECTION/_index.md, or a section without one
	KindPage Kind = "page" // any other .md file
)

// FrontMatter is what a page may set between its "+++" lines. Any other key is an error.
type FrontMatter struct {
	Title       string    `toml:"title" doc:"The page's heading, its name in the menu and lists, and its <title>. Required."`
	Description string    `toml:"description" doc:"One sentence for lists, search results and link previews. Default: none."`
	Date        time.Time `toml:"date" doc:"When the page was written, e.g. 2026-03-12: its date in the feed. Default: none."`
	Draft       bool      `toml:"draft" doc:"Leave the page out of the build, unless built with -D (--buildDrafts). Default: false."`
	// PublishDate and ExpiryDate bound when the page is built: not before the one, not
	// from the other on (a careers fair's page), unless Options say otherwise.
	PublishDate time.Time `toml:"publishDate" doc:"The page is built only from this date or time on (a date without a zone is UTC), unless built with -F (--buildFuture); until then a link to it from another page is written as its text alone, with a warning. Default: none, always."`
	ExpiryDate  time.Time `toml:"expiryDate" doc:"The page is no longer built from this date or time on: a build after it leaves the page out of the menu, the lists, the sitemap and the feed, and writes a link to it from another page as its text alone, with a warning (the build does not fail), unless built with -E (--buildExpired). Default: none, never."`
	Weight      int       `toml:"weight" doc:"The page's place in the reading order and the menu: lower comes first, then by title. Default: 0, after every page with a weight."`
	Slug        string    `toml:"slug" doc:"The last part of the page's address in place of its file's name: slug = \"fair\" makes content/guides/careers-fair.md /guides/fair/. Default: the file's name."`
	// Aliases are the page's former addresses, paths on the site ("/old-name/"), each kept
	// working by a page that redirects to it and a line of _redirects.
	Aliases []string `toml:"aliases" doc:"The page's former addresses, paths on the site written from its root (\"/old-name/\"), put under the base URL's path: each answers with a page that redirects here, and _redirects gets a 301 line for each. Default: none."`
	// Layout picks a layout other than the kind's own, e.g. "calculator".
	Layout string `toml:"layout" doc:"The layout that renders the page, layouts/NAME.html, in place of its kind's (page, list or home), e.g. \"calculator\". Default: its kind's."`
	// RawHTML lets this page's Markdown carry raw HTML. Off by default: it is the one way
	// for a page to inject script.
	RawHTML bool `toml:"raw_html" doc:"Let the page's Markdown carry raw HTML, which is otherwise left out: the one way for a page to bring in script, so keep it for pages you trust. Default: false."`
	// Params holds anything else the site's own layouts want, as .Page.Params.
	Params map[string]any `toml:"params" doc:"Anything your own layouts want, as .Page.Params; a key missing is empty."`
}

// Page is one content file, loaded and placed.
type Page struct {
	FrontMatter
	// Path is the file's path from the site root, e.g. "content/chaser.md".
	Path string
	// Rel is the path under content/, as another page's link names it: "chaser.md".
	Rel string
	// Kind says which layout renders it.
	Kind Kind
	// Section is the first folder under content/ ("" at the top level).
	Section string
	// URL is the page's path on the site, relative to the base path: "chaser/", "" for home.
	URL string
	// Head is the front matter as written, between the +++ lines: everything of the page
	// that other pages can show (its title, URL, date, ...) comes from it and Path.
	Head []byte
	// Body is the Markdown after the front matter.
	Body []byte
	// BodyLine is the line of the file on which Body starts, for error positions.
	BodyLine int
	// inFile says Load left the body in the file (Options.LeaveBodies): BodyOf reads it.
	inFile bool
}

// Options change what Load includes.
type Options struct {
	// Drafts includes pages whose front matter says draft = true.
	Drafts bool
	// Future includes pages whose publishDate is after Now, Expired those whose
	// expiryDate is Now or before, as Hugo's --buildFuture and --buildExpired do.
	Future, Expired bool
	// Now is the time the dates are compared with; zero is the time Load runs.
	Now time.Time
	// LeaveBodies keeps each page's front matter (Head, copied) but not its Markdown, which
	// a build that renders one page at a time takes from the file again (BodyOf): a site's
	// Markdown is then never all in memory at once, as a 100,000-page site's 530 MB was.
	LeaveBodies bool
}

// includes says whether the page p is built: not a draft, published and not expired as
// of now, or included all the same by the options.
func (o Options) includes(p *Page, now time.Time) bool {
	return !(p.Draft && !o.Drafts) && o.heldBy(p, now) == nil
}

// heldBy is what leaves p out of a build made at now by its dates alone: its publishDate
// still to come or its expiryDate passed (and not included by the options); nil for none.
func (o Options) heldBy(p *Page, now time.Time) *Held {
	switch {
	case !p.PublishDate.IsZero() && p.PublishDate.After(now) && !o.Future:
		return &Held{Page: p, Future: true, Date: p.PublishDate}
	case !p.ExpiryDate.IsZero() && !p.ExpiryDate.After(now) && !o.Expired:
		return &Held{Page: p, Date: p.ExpiryDate}
	}
	return nil
}

// Held is a page that a build leaves out by its dates alone, though it is no draft: the
// same site built on another day has it. A link to it is then no mistake of its writer's,
// and the build writes the link's text alone (see render.MarkdownInput's Held).
type Held struct {
	Page *Page
	// Future is true for a page whose publishDate is to come, false for one whose
	// expiryDate has passed; Date is that date.
	Future bool
	Date   time.Time
}

// Load reads every page under content/ in fsys, sorted by path. It reports every problem
// found, as *diag.Error values joined into the error, and returns the pages it could load.
// Files are read and parsed on all cores; the result does not depend on their order.
func Load(fsys fs.FS, opts Options) ([]*Page, error) {
	pages, _, err := LoadHeld(fsys, opts)
	return pages, err
}

// LoadHeld is Load, and returns as well the pages left out by their dates alone (see
// Held), sorted by path.
func LoadHeld(fsys fs.FS, opts Options) ([]*Page, []Held, error) {
	// One entry per file in walk order, so problems are reported in that order.
	type entry struct {
		path string
		page *Page
		err  error
	}
	var entries []entry
	err := fs.WalkDir(fsys, Dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) && p == Dir {
				return fs.SkipDir
			}
			entries = append(entries, entry{err: diag.Unreadable(p, err)})
			return nil
		}
		if d.IsDir() || !strings.HasSuffix(p, ".md") {
			return nil
		}
		entries = append(entries, entry{path: p})
		return nil
	})
	// The pages are read in runs of up to runLength files of one folder, each through
	// fs.Sub of the folder: for a site read through an os.Root (sitefs.Dir), that is
	// one openat a page instead of one per folder on its path, and the folder is closed
	// when its run is read, so a site of many folders never holds more open than there
	// are workers. Where Sub fails, a page is read from fsys, which reports why.
	const runLength = 64
	type run struct {
		from, to int
		dir      string
	}
	var runs []run
	for i := 0; i < len(entries); {
		if entries[i].path == "" {
			i++
			continue
		}
		dir := path.Dir(entries[i].path)
		j := i + 1
		for j < len(entries) && j-i < runLength && entries[j].path != "" && path.Dir(entries[j].path) == dir {
			j++
		}
		runs = append(runs, run{i, j, dir})
		i = j
	}
	// One worker a core, not parallel.Run's two: a run is mostly parsing, which workers
	// beyond the cores do not speed up. Each run records its problems in its entries.
	parallel.RunWorkers(context.Background(), runtime.GOMAXPROCS(0), len(runs), func(k int) error {
		r := runs[k]
		var sub fs.FS
		if r.to-r.from > 1 && r.dir != "." {
			if s, err := fs.Sub(fsys, r.dir); err == nil {
				sub = s
			}
		}
		for i := r.from; i < r.to; i++ {
			e := &entries[i]
			var src []byte
			err := errors.New("no folder")
			if sub != nil {
				src, err = fs.ReadFile(sub, path.Base(e.path))
			}
			if err != nil {
				src, err = fs.ReadFile(fsys, e.path)
			}
			if err != nil {
				e.err = diag.Unreadable(e.path, err)
				continue
			}
			e.page, e.err = Parse(e.path, src)
			if opts.LeaveBodies && e.page != nil {
				// Head is a slice of src: a copy lets the file's bytes go.
				e.page.Head = bytes.Clone(e.page.Head)
				e.page.inFile = len(e.page.Body) > 0
				e.page.Body = nil
			}
		}
		if c, ok := sub.(io.Closer); ok {
			c.Close()
		}
		return nil
	})
	now := opts.Now
	if now.IsZero() {
		now = time.Now()
	}
	var pages []*Page
	var held []Held
	var errs []error
	for _, e := range entries {
		if e.err != nil {
			errs = append(errs, e.err)
		}
		switch {
		case e.page == nil:
		case opts.includes(e.page, now):
			pages = append(pages, e.page)
		case !e.page.Draft || opts.Drafts:
			if h := opts.heldBy(e.page, now); h != nil {
				held = append(held, *h)
			}
		}
	}
	if err != nil {
		errs = append(errs, err)
	}
	pages = addSectionLists(pages)
	sort.Slice(pages, func(i, j int) bool { return pages[i].Path < pages[j].Path })
	pages, dupErrs := dropDuplicateURLs(pages)
	errs = append(errs, dupErrs...)
	return pages, held, errors.Join(errs...)
}

// Parse reads one page from its path (from the site root) and source. On a problem in the
// front matter it still returns the page, placed, so later checks can go on.
func Parse(p string, src []byte) (*Page, error) {
	if err := diag.NotUTF8(p, src); err != nil {
		return nil, err
	}
	rel := strings.TrimPrefix(p, Dir+"/")
	page := &Page{Path: p, Rel: rel}
	fm, body, bodyLine, err := split(p, src)
	page.Head, page.Body, page.BodyLine = fm, body, bodyLine
	var errs []error
	if line, cols, deep := tooDeep(body); deep {
		// Goldmark's time grows with the cube of list depth (minutes at a few thousand
		// levels), so such a body is reported and never handed to it.
		page.Body = nil
		errs = append(errs, diag.At(p, src, bodyLine+line-1, 1,
			fmt.Sprintf("the line is indented %d columns; Markdown here nests at most %d columns deep", cols, MaxIndent),
			"flatten the list or the indented block"))
	}
	if err != nil {
		errs = append(errs, err)
	} else if fm != nil {
		if _, err := strictoml.Decode(p, fm, 2, &page.FrontMatter); err != nil {
			errs = append(errs, err)
		} else if strings.TrimSpace(page.Title) == "" {
			errs = append(errs, diag.At(p, src, 1, 1, "the page has no title", `add title = "…" to its front matter`))
		}
	} else if yamlFrontMatter(src) {
		// Hugo and Jekyll pages often carry YAML; "no front matter" would send the owner
		// looking for something that is there.
		errs = append(errs, diag.At(p, src, 1, 1, "this front matter is YAML (between --- lines); here it is TOML, between +++ lines",
			`write +++ in place of each ---, and each key: value as key = "value"`))
	} else {
		errs = append(errs, diag.At(p, src, 1, 1, "the page has no front matter", "start the file with a +++ line, title = \"…\", and a closing +++ line"))
	}
	place(page)
	return page, errors.Join(errs...)
}

// BodyOf returns the page's Markdown: Body, or when Load left it in the file
// (Options.LeaveBodies), the body of src, the file read again. A file whose front matter is
// no longer the one loaded changed during the build: that is an error, and the next build
// reads it whole.
func (p *Page) BodyOf(src []byte) ([]byte, error) {
	if !p.inFile {
		return p.Body, nil
	}
	if err := diag.NotUTF8(p.Path, src); err != nil {
		return nil, err
	}
	fm, body, _, err := split(p.Path, src)
	if _, _, deep := tooDeep(body); err != nil || deep || !bytes.Equal(fm, p.Head) {
		return nil, &diag.Error{Path: p.Path, Msg: "the file changed while the site was being built", Hint: "build again"}
	}
	return body, nil
}

// InFile says the page's Markdown is left in its file, for BodyOf to take.
func (p *Page) InFile() bool { return p.inFile }

// ValueError is a problem with value, a string of the page's front matter, positioned at
// its first quoted occurrence there (at the front matter's start when it is not found).
func (p *Page) ValueError(value, msg, hint string) *diag.Error {
	i := bytes.Index(p.Head, []byte(strconv.Quote(value)))
	if i < 0 {
		return diag.At(p.Path, p.Head, 1, 1, msg, hint).Shift(1)
	}
	line, col := diag.Position(p.Head, i)
	return diag.At(p.Path, p.Head, line, col, msg, hint).Shift(1)
}

// MaxIndent is the deepest a body line may be indented, in columns (a tab counts four):
// about 50 levels of nested list, far more than any page needs.
const MaxIndent = 100

// tooDeep finds the first line of body indented more than MaxIndent columns, and returns
// its 1-based line number within body and its indentation.
func tooDeep(body []byte) (line, cols int, deep bool) {
	line = 1
	for i := 0; i < len(body); i++ {
		cols = 0
		for ; i < len(body) && (body[i] == ' ' || body[i] == '\t'); i++ {
			if body[i] == '\t' {
				cols += 4 - cols%4
			} else {
				cols++
			}
		}
		if cols > MaxIndent {
			return line, cols, true
		}
		j := bytes.IndexByte(body[i:], '\n')
		if j < 0 {
			break
		}
		i += j
		line++
	}
	return 0, 0, false
}

var delim = []byte("+++")

// yamlFrontMatter says whether src opens with a "---" line, as YAML front matter does.
func yamlFrontMatter(src []byte) bool {
	first, _, _ := bytes.Cut(bytes.TrimPrefix(src, []byte("\ufeff")), []byte("\n"))
	return string(bytes.TrimRight(first, " \t\r")) == "---"
}

// split separates TOML front matter from the body. fm is nil when the file has none.
func split(p string, src []byte) (fm, body []byte, bodyLine int, err error) {
	src = bytes.TrimPrefix(src, []byte("\ufeff"))
	first, rest, _ := bytes.Cut(src, []byte("\n"))
	if !bytes.Equal(bytes.TrimRight(first, " \t\r"), delim) {
		return nil, src, 1, nil
	}
	line := 2
	start := len(src) - len(rest)
	for off := start; off < len(src); {
		end := bytes.IndexByte(src[off:], '\n')
		next := len(src)
		if end >= 0 {
			next = off + end + 1
		} else {
			end = len(src) - off
		}
		if bytes.Equal(bytes.TrimRight(src[off:off+end], " \t\r"), delim) {
			return src[start:off], src[next:], line + 1, nil
		}
		off = next
		line++
	}
	return nil, nil, 0, diag.At(p, src, 1, 1, "the front matter opened here is never closed", "add a line with +++ after the last front matter line")
}

// place sets a page's kind, section and URL from its path and slug.
func place(pg *Page) {
	dir, file := path.Split(pg.Rel)
	dir = strings.TrimSuffix(dir, "/")
	if dir != "" {
		pg.Section = strings.SplitN(dir, "/", 2)[0]
	}
	switch {
	case file == "_index.md" && dir == "":
		pg.Kind, pg.URL = KindHome, ""
	case file == "_index.md":
		pg.Kind, pg.URL = KindList, dir+"/"
	default:
		name := strings.TrimSuffix(file, ".md")
		if pg.Slug != "" {
			name = pg.Slug
		}
		pg.Kind = KindPage
		pg.URL = path.Join(dir, name) + "/"
	}
}

// addSectionLists gives every folder without an _index.md a list page of its own, so each
// section's URL answers, as Hugo does.
func addSectionLists(pages []*Page) []*Page {
	have := map[string]bool{}
	for _, p := range pages {
		if p.Kind == KindList {
			have[p.URL] = true
		}
	}
	for _, p := range pages {
		if p.Kind != KindPage {
			continue
		}
		dir := path.Dir(p.Rel)
		for dir != "." && !have[dir+"/"] {
			have[dir+"/"] = true
			pages = append(pages, &Page{
				FrontMatter: FrontMatter{Title: titleFromDir(path.Base(dir))},
				Path:        path.Join(Dir, dir, "_index.md"),
				Rel:         path.Join(dir, "_index.md"),
				Kind:        KindList,
				Section:     strings.SplitN(dir, "/", 2)[0],
				URL:         dir + "/",
				BodyLine:    1,
			})
			dir = path.Dir(dir)
		}
	}
	return pages
}

func titleFromDir(name string) string {
	words := strings.Fields(strings.NewReplacer("-", " ", "_", " ").Replace(name))
	for i, w := range words {
		words[i] = strings.ToUpper(w[:1]) + w[1:]
	}
	return strings.Join(words, " ")
}

// dropDuplicateURLs reports every page (pages sorted by path) that would be written to the
// URL of an earlier one, naming both, and leaves it out so it is not rendered twice.
func dropDuplicateURLs(pages []*Page) ([]*Page, []error) {
	first := map[string]*Page{}
	kept := pages[:0]
	var errs []error
	for _, p := range pages {
		if q, dup := first[p.URL]; dup {
			errs = append(errs, &diag.Error{
				Path: p.Path, Line: 1, Col: 1,
				Msg:  fmt.Sprintf("%s and %s would both be written to /%s", q.Path, p.Path, p.URL),
				Hint: "rename one of them, or give one a different slug",
			})
			continue
		}
		first[p.URL] = p
		kept = append(kept, p)
	}
	return kept, errs
}

// Sort orders pages for navigation and lists: by weight (pages without one last), then
// title, then path, so the order never depends on the file system.
func Sort(pages []*Page) {
	sort.SliceStable(pages, func(i, j int) bool {
		a, b := pages[i], pages[j]
		wa, wb := a.Weight, b.Weight
		if (wa == 0) != (wb == 0) {
			return wb == 0
		}
		if wa != wb {
			return wa < wb
		}
		if a.Title != b.Title {
			return a.Title < b.Title
		}
		return a.Path < b.Path
	})
}
