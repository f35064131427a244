// Package generator builds a Follow-Up Playbook site: it loads the configuration, pages,
// message templates and timing rules, renders them, and hands every output file to an
// Output (memory for the dev server, a folder swapped in atomically for `playbook build`).
package generator

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/followup-playbook/playbook/generator/config"
	"github.com/followup-playbook/playbook/generator/content"
	"github.com/followup-playbook/playbook/generator/diag"
	"github.com/followup-playbook/playbook/generator/internal/strictoml"
	"github.com/followup-playbook/playbook/generator/messages"
	"github.com/followup-playbook/playbook/generator/render"
	"github.com/followup-playbook/playbook/generator/rules"
)

// StaticDir is the folder, at the site's root, whose files are copied as they are.
const StaticDir = "static"

// Source is where a site is read from.
type Source struct {
	// Site is the site's own folder (holding site.toml); nil builds Defaults alone.
	Site fs.FS
	// Defaults is the built-in site, whose layouts/ and static/ fill in whatever Site
	// leaves out, as a theme would.
	Defaults fs.FS
}

// Options change how a site is built.
type Options struct {
	// Drafts includes pages marked draft = true.
	Drafts bool
	// BaseURL, when set, replaces site.toml's baseURL.
	BaseURL string
	// Minify minifies HTML, CSS, JavaScript, JSON, SVG and XML, and publishes CSS and
	// JavaScript under names that carry a hash of their content (see publish.go).
	Minify bool
	// Cache, when set, lets this build reuse the pages an earlier build with the same
	// cache rendered from the same inputs (the dev server keeps one); nil renders all.
	// Builds that share a cache run one at a time.
	Cache *Cache
	// Changed, with Cache, lists the files (slash-separated, relative to the site's folder)
	// that changed since the cache's last build; when they are only pages' bodies (or, without
	// Minify, static files) the build renders those pages alone. Nil means "unknown": the
	// build loads the whole site.
	Changed []string
}

// Output receives every file of a build. Add is called from several goroutines at once.
type Output interface {
	Add(name string, data []byte) error
}

// A writingOutput is done with a file's bytes when Add returns (it has written them out
// and keeps no reference), so the build reuses their buffer for the next page.
type writingOutput interface {
	Output
	DoneOnReturn()
}

// Summary counts what a build made.
type Summary struct {
	Pages     int // content pages in the site
	Templates int // message template pages in the site
	// Rendered counts the pages and templates this build rendered; fewer than
	// Pages+Templates when a Cache gave the others from an earlier build.
	Rendered int
	Files    int // files handed to the Output, static files included
	Bytes    int64
	Duration time.Duration
}

// String is the one-line summary `playbook build` prints.
func (s Summary) String() string {
	return fmt.Sprintf("%d pages, %d templates, %d files, %d bytes in %d ms",
		s.Pages, s.Templates, s.Files, s.Bytes, s.Duration.Milliseconds())
}

// Build loads and renders the site and hands every file to out. It reports every problem
// it finds (as *diag.Error values joined into the error), not just the first; on error,
// some files may already have been handed to out.
func Build(ctx context.Context, src Source, opts Options, out Output) (Summary, error) {
	start := time.Now()
	if opts.Cache != nil {
		// One build at a time per cache: a patch starts from the cache's last build, and
		// two at once would each lose the other's changes.
		opts.Cache.building.Lock()
		defer opts.Cache.building.Unlock()
		sum, ok, err := opts.Cache.patch(ctx, src, opts, out)
		if ok {
			sum.Duration = time.Since(start)
			return sum, err
		}
		if err := ctx.Err(); err != nil {
			return Summary{}, err // keep the last build for the next one to patch
		}
		// Whatever this build's outcome, the last one no longer describes the site.
		opts.Cache.forget()
	}
	site := src.Site
	if site == nil {
		site = src.Defaults
	}
	cfg, cfgSrc, err := config.Load(site)
	if err != nil {
		return Summary{}, err
	}
	if opts.BaseURL != "" {
		if cfg, err = cfg.WithBaseURL(opts.BaseURL); err != nil {
			return Summary{}, err
		}
	}
	var errs []error
	pages, err := content.Load(site, content.Options{Drafts: opts.Drafts})
	if err != nil {
		errs = append(errs, err)
	}
	layouts, err := render.LoadLayouts(nil, siteFirst(src)...)
	if err != nil {
		errs = append(errs, err)
	}
	if layouts == nil {
		return Summary{}, errors.Join(errs...)
	}

	timing, msgs, err := rules.Load(site)
	if err != nil {
		errs = append(errs, err)
	}

	s := render.NewSite(cfg)
	pub, err := newPublisher(ctx, siteFirst(src), opts.Minify)
	errs = append(errs, err)
	s.Assets = pub.Assets()
	if timing != nil {
		s.Figures = rules.Figures(timing)
		if s.Timeline, err = render.NewTimeline(timing, func(id string) string { return s.RelURL(MessageURL(id)) }); err != nil {
			errs = append(errs, err)
		}
	}
	links := map[string]string{}
	for _, p := range pages {
		links[p.Rel] = s.RelURL(p.URL)
	}
	for _, m := range msgs {
		links[strings.TrimPrefix(m.Path, content.Dir+"/")] = s.RelURL(MessageURL(m.ID))
	}
	views := map[*content.Page]*render.Page{}
	var regular []*content.Page
	for _, p := range pages {
		views[p] = s.PageFor(p)
		if p.Kind == content.KindPage {
			regular = append(regular, p)
		}
	}
	content.Sort(regular)
	for _, p := range regular {
		s.Pages = append(s.Pages, views[p])
	}
	menu, err := navigation(cfg, cfgSrc, s, regular, links)
	if err != nil {
		errs = append(errs, err)
	}
	s.Menu = menu

	errs = append(errs, checkLayouts(site, pages, layouts)...)
	msgJobs := messageJobs(msgs, timing, s)
	s.Menu = append(s.Menu, extraNav(cfg, s)...)
	jobs := append(pageJobs(pages, views, s, regular), msgJobs...)
	var sum Summary
	var files, written, rendered atomic.Int64
	var rec *recorder
	if opts.Cache != nil {
		rec = &recorder{files: make(map[string][]byte, len(jobs)+len(pub.static)+4)}
	}
	add := func(name string, data []byte) error {
		files.Add(1)
		written.Add(int64(len(data)))
		if rec != nil {
			rec.add(name, data)
		}
		return out.Add(name, data)
	}
	add = pub.wrap(add)
	md := render.NewMarkdown()
	dirsDone := makeDirsAhead(ctx, out, jobs)
	outputs := make([]string, len(jobs))
	for i, j := range jobs {
		outputs[i] = j.output
	}
	pub.makeExtras(s, outputs)
	var (
		siteKey  uint64
		builtMu  sync.Mutex
		built    map[string]cached
		useCache = opts.Cache != nil
	)
	if useCache {
		siteKey = opts.Cache.siteFingerprint(s, layouts, pages, msgs, opts)
		built = make(map[string]cached, len(jobs))
	}
	// Every page is rendered through two buffers: its Markdown's HTML, free once the layout
	// has run, and the page itself, free once written when the Output keeps no bytes (and
	// no cache keeps them either). Reusing them saves allocating and clearing some 30 KB
	// a page.
	_, reuseOut := out.(writingOutput)
	reuseOut = reuseOut && !useCache
	bufs := sync.Pool{New: func() any { return new(bytes.Buffer) }}
	order := longestFirst(jobs)
	errs = append(errs, runParallel(ctx, len(jobs), func(i int) error {
		j := jobs[order[i]]
		if j.page != nil && j.page.Layout != "" && !layouts.Has(j.page.Layout) {
			return nil // reported by checkLayouts, or by LoadLayouts when it did not parse
		}
		var key uint64
		if useCache {
			key = opts.Cache.key(siteKey, j)
			if b, ok := opts.Cache.get(j.output, key); ok {
				builtMu.Lock()
				built[j.output] = cached{key, b}
				builtMu.Unlock()
				return add(j.output, b)
			}
		}
		mdBuf := bufs.Get().(*bytes.Buffer)
		defer bufs.Put(mdBuf)
		var outBuf *bytes.Buffer
		if reuseOut {
			outBuf = bufs.Get().(*bytes.Buffer)
			defer bufs.Put(outBuf)
		}
		if j.counted {
			rendered.Add(1)
		}
		b, err := renderJob(j, md, layouts, links, s.Figures, mdBuf, outBuf)
		if errors.Is(err, render.ErrBrokenLayout) {
			return nil
		}
		if err != nil {
			return err
		}
		if useCache {
			builtMu.Lock()
			built[j.output] = cached{key, b}
			builtMu.Unlock()
		}
		return add(j.output, b)
	})...)
	<-dirsDone
	if useCache && ctx.Err() == nil {
		opts.Cache.keep(built)
	}
	sum.Pages = len(pages)
	sum.Templates = len(msgs)
	if timing != nil {
		if b, err := rules.JSON(timing); err != nil {
			errs = append(errs, err)
		} else if err := add(RulesFile, b); err != nil {
			errs = append(errs, err)
		}
	}

	errs = append(errs, pub.finish(ctx))
	if err := errors.Join(errs...); err != nil {
		return sum, err
	}
	sum.Files, sum.Bytes, sum.Rendered = int(files.Load()), written.Load(), int(rendered.Load())
	if rec != nil && ctx.Err() == nil {
		last := &lastBuild{
			opts: outputOptionsOf(opts), files: rec.files, sum: sum, jobs: map[string]job{},
			site: s, layouts: layouts, md: md, links: links, pub: pub,
		}
		for _, j := range jobs {
			if j.page != nil {
				// A patch compares a page's front matter and place, and reads its body
				// afresh: the cache need not keep 10,000 bodies alive.
				p := *j.page
				p.Body = nil
				j.page = &p
				last.jobs[p.Path] = j
			}
		}
		opts.Cache.remember(last)
	}
	sum.Duration = time.Since(start)
	return sum, nil
}

// longestFirst is the order to render jobs in: the pages that list others (the home page
// and the section lists, each listing up to every page of the site) before the rest, the
// longest list first. Last, as they come, one of them kept a core busy for a tenth of a
// second at the end of a 10,000-page build with the other core idle.
func longestFirst(jobs []job) []int {
	order := make([]int, len(jobs))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return len(jobs[b].data.Pages) - len(jobs[a].data.Pages) })
	return order
}

// renderJob renders one output file: a page's Markdown, if it has any, inside its layout.
// The Markdown's HTML goes into mdBuf, the page into outBuf, whose bytes it returns; a nil
// buffer is a new one.
func renderJob(j job, md *render.Markdown, layouts *render.Layouts, links, figures map[string]string, mdBuf, outBuf *bytes.Buffer) ([]byte, error) {
	if j.page != nil {
		html, err := md.Convert(mdBuf, render.MarkdownInput{
			Path: j.page.Path, Body: j.page.Body, BodyLine: j.page.BodyLine, Rel: j.page.Rel,
			RawHTML: j.page.RawHTML, Links: links, Figures: figures,
		})
		if err != nil {
			return nil, err
		}
		// A copy of the shared view carries the HTML, so it is garbage once written.
		page := *j.data.Page
		page.Content = html
		j.data.Page = &page
	}
	return layouts.Execute(outBuf, j.layout, j.data, j.source)
}

// recorder keeps every file a build hands out, for the next build to patch.
type recorder struct {
	mu    sync.Mutex
	files map[string][]byte
}

func (r *recorder) add(name string, data []byte) {
	r.mu.Lock()
	r.files[name] = data
	r.mu.Unlock()
}

// siteFirst lists the file systems to read layouts and static files from, the site's own first.
func siteFirst(src Source) []fs.FS {
	if src.Site == nil {
		return []fs.FS{src.Defaults}
	}
	return []fs.FS{src.Site, src.Defaults}
}

// job is one output file to render.
type job struct {
	page *content.Page // nil for generated pages
	// counted says the job is one of the pages Summary counts: a content page or a
	// message template's page (not the 404 page or the list of templates).
	counted bool
	layout  string
	source  string
	output  string
	data    render.Data
}

func pageJobs(pages []*content.Page, views map[*content.Page]*render.Page, s *render.Site, regular []*content.Page) []job {
	var jobs []job
	hasHome := false
	for _, p := range pages {
		layout := string(p.Kind)
		if p.Layout != "" {
			layout = p.Layout
		}
		d := render.Data{Site: s, Page: views[p]}
		switch p.Kind {
		case content.KindHome:
			hasHome = true
			d.Pages = s.Pages
		case content.KindList:
			for _, r := range regular {
				if strings.HasPrefix(r.Rel, path.Dir(p.Rel)+"/") {
					d.Pages = append(d.Pages, views[r])
				}
			}
		}
		jobs = append(jobs, job{page: p, counted: true, layout: layout, source: p.Path, output: render.OutputPath(p.URL), data: d})
	}
	if !hasHome {
		home := &render.Page{Title: s.Title, Description: s.Description, URL: s.RelURL(""), Permalink: s.AbsURL(""), Kind: string(content.KindHome)}
		jobs = append(jobs, job{layout: "home", source: "the home page", output: "index.html", data: render.Data{Site: s, Page: home, Pages: s.Pages}})
	}
	notFound := &render.Page{Title: "Page not found", URL: s.RelURL("404.html"), Permalink: s.AbsURL("404.html"), Kind: "404"}
	jobs = append(jobs, job{layout: "404", source: "the 404 page", output: "404.html", data: render.Data{Site: s, Page: notFound}})
	return jobs
}

// makeDirsAhead has an Output that can (the folder one) make the jobs' folders on a
// goroutine of its own while the jobs render. The channel closes when it is done.
func makeDirsAhead(ctx context.Context, out Output, jobs []job) <-chan struct{} {
	done := make(chan struct{})
	dm, ok := out.(interface {
		MakeDirs(context.Context, []string)
	})
	if !ok {
		close(done)
		return done
	}
	names := make([]string, len(jobs))
	for i, j := range jobs {
		names[i] = j.output
	}
	go func() {
		defer close(done)
		dm.MakeDirs(ctx, names)
	}()
	return done
}

// MessageURL is the path, under the base path, of a message template's page.
func MessageURL(id string) string { return "templates/" + id + "/" }

// RulesFile is where the timing rules are written for the browser's timeline calculator.
const RulesFile = "rules.json"

// messageJobs renders one page per message template and the list of them all.
func messageJobs(msgs []*messages.Message, timing *rules.Rules, s *render.Site) []job {
	if len(msgs) == 0 {
		return nil
	}
	limits := rules.DefaultPolicy().MessageOptions().Limits
	if timing != nil {
		limits = timing.Policy.MessageOptions().Limits
	}
	var jobs []job
	for _, m := range msgs {
		mp := render.NewMessagePage(m, limits[m.Channel])
		s.Messages = append(s.Messages, mp)
		u := MessageURL(m.ID)
		page := &render.Page{Title: m.Title, Description: m.Guidance.When, URL: s.RelURL(u), Permalink: s.AbsURL(u), Kind: "message", Section: "templates", Source: m.Path}
		jobs = append(jobs, job{counted: true, layout: "message", source: m.Path, output: render.OutputPath(u), data: render.Data{Site: s, Page: page, Extra: mp}})
	}
	u := "templates/"
	list := &render.Page{Title: "Message templates", Description: "Every message the playbook suggests, ready to fill in with your details.", URL: s.RelURL(u), Permalink: s.AbsURL(u), Kind: "templates", Section: "templates"}
	jobs = append(jobs, job{layout: "templates", source: "the templates page", output: render.OutputPath(u), data: render.Data{Site: s, Page: list, Extra: s.Messages}})
	return jobs
}

// extraNav adds the templates page to a navigation made from the pages; a site.toml menu
// is taken as it is.
func extraNav(cfg config.Config, s *render.Site) []render.NavItem {
	if len(cfg.Menu) > 0 || len(s.Messages) == 0 {
		return nil
	}
	return []render.NavItem{{Name: "Templates", URL: s.RelURL("templates/")}}
}

// navigation returns site.toml's menu, or every top-level page in reading order.
func navigation(cfg config.Config, src []byte, s *render.Site, regular []*content.Page, links map[string]string) ([]render.NavItem, error) {
	var items []render.NavItem
	if len(cfg.Menu) == 0 {
		for _, p := range regular {
			if p.Section == "" {
				items = append(items, render.NavItem{Name: p.Title, URL: s.RelURL(p.URL)})
			}
		}
		return items, nil
	}
	var errs []error
	for _, m := range cfg.Menu {
		if m.URL != "" {
			items = append(items, render.NavItem{Name: m.Name, URL: m.URL})
			continue
		}
		u, ok := links[strings.TrimPrefix(m.Page, content.Dir+"/")]
		if !ok {
			errs = append(errs, at(config.File, src, "page", m.Page,
				fmt.Sprintf("menu entry %q names %s, which does not exist", m.Name, m.Page),
				"name a page by its path under content/, e.g. page = \"chaser.md\""))
			continue
		}
		items = append(items, render.NavItem{Name: m.Name, URL: u})
	}
	return items, errors.Join(errs...)
}

// checkLayouts reports every page whose front matter asks for a layout that does not exist,
// at its layout line; the build does not render those pages.
func checkLayouts(site fs.FS, pages []*content.Page, layouts *render.Layouts) []error {
	var errs []error
	for _, p := range pages {
		if p.Layout == "" || layouts.Has(p.Layout) || layouts.Broken(p.Layout) {
			continue
		}
		src, _ := fs.ReadFile(site, p.Path)
		errs = append(errs, at(p.Path, src, "layout", p.Layout,
			fmt.Sprintf("no layout %q", p.Layout+".html"),
			"add layouts/"+p.Layout+".html, or pick another layout in the front matter"))
	}
	return errs
}

// at is a problem with the value of `key = "value"` in the TOML file path, holding src,
// placed on that line when it can be found.
func at(path string, src []byte, key, value, msg, hint string) *diag.Error {
	if line, col := strictoml.Locate(src, key, value); line > 0 {
		return diag.At(path, src, line, col, msg, hint)
	}
	return &diag.Error{Path: path, Msg: msg, Hint: hint}
}

// runParallel calls do(0..n-1) from a bounded pool and returns every error. The pool is
// twice the cores: each call ends in file system calls that block, and the extra workers
// keep the cores rendering meanwhile.
func runParallel(ctx context.Context, n int, do func(i int) error) []error {
	var (
		mu   sync.Mutex
		errs []error
		next atomic.Int64
		wg   sync.WaitGroup
	)
	workers := min(2*runtime.GOMAXPROCS(0), n)
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1) - 1)
				if i >= n || ctx.Err() != nil {
					return
				}
				if err := do(i); err != nil {
					mu.Lock()
					errs = append(errs, err)
					mu.Unlock()
				}
			}
		}()
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		errs = append(errs, err)
	}
	return errs
}

// copyStatic hands every file under static/ to add, the site's own replacing the built-in ones.
func copyStatic(ctx context.Context, fss []fs.FS, add func(string, []byte) error) error {
	from := map[string]fs.FS{}
	for i := len(fss) - 1; i >= 0; i-- {
		fsys := fss[i]
		err := fs.WalkDir(fsys, StaticDir, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				if errors.Is(err, fs.ErrNotExist) && p == StaticDir {
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
	return errors.Join(runParallel(ctx, len(names), func(i int) error {
		b, err := fs.ReadFile(from[names[i]], names[i])
		if err != nil {
			return diag.Unreadable(names[i], err)
		}
		return add(strings.TrimPrefix(names[i], StaticDir+"/"), b)
	})...)
}
