// Package generator builds a Follow-Up Playbook site. Build runs the pipeline in stages,
// each taking what the one before returned:
//
//	load      the site's files → config, pages, layouts, messages and rules, static files
//	assemble  what was loaded → the render.Site every page sees, complete and never changed after
//	plan      the site → one job per output file
//	render    the jobs → HTML, on every core, through the Cache when there is one
//	publish   rules.json, the static files, the sitemap, robots.txt, the feed and the search index
//	remember  the build, for the dev server's next one to patch
//
// Every file goes to an output.Output: memory for the dev server and `check`, a folder
// swapped in whole for `build`.
package generator

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/followup-playbook/playbook/generator/diag"
	"github.com/followup-playbook/playbook/generator/load/config"
	"github.com/followup-playbook/playbook/generator/load/content"
	"github.com/followup-playbook/playbook/generator/load/messages"
	"github.com/followup-playbook/playbook/generator/load/rules"
	"github.com/followup-playbook/playbook/generator/load/sitefs"
	"github.com/followup-playbook/playbook/generator/output"
	"github.com/followup-playbook/playbook/generator/parallel"
	"github.com/followup-playbook/playbook/generator/publish"
	"github.com/followup-playbook/playbook/generator/render"
	"github.com/followup-playbook/playbook/generator/search"
)

// Options change how a site is built.
type Options struct {
	// Drafts includes pages marked draft = true.
	Drafts bool
	// Future includes pages whose publishDate is still to come, Expired those whose
	// expiryDate has passed (see content.Options); Now is the time the dates are compared
	// with, zero for the time the build runs.
	Future, Expired bool
	Now             time.Time
	// BaseURL, when set, replaces site.toml's baseURL.
	BaseURL string
	// Minify minifies HTML, CSS, JavaScript, JSON, SVG and XML, and publishes CSS and
	// JavaScript under names that carry a hash of their content (see package publish).
	Minify bool
	// Cache, when set, lets this build reuse the pages an earlier build with the same
	// cache rendered from the same inputs (the dev server keeps one); nil renders all.
	// Builds that share a cache run one at a time.
	Cache *Cache
	// HostRoot writes the output as a host's root folder, for hosts that serve one and read
	// _headers and _redirects at its top (Netlify, Cloudflare Pages): the site under the
	// base URL's path (public/careers/playbook/...), those two at the top, and 404.html at
	// both places (see notFoundFile). Without a sub-path it changes nothing. A build with a Cache does not patch with it set.
	HostRoot bool
	// CompressFrom, when positive, has a site of at least that many pages handed to the
	// Output with every HTML file gzip-compressed (Expand gives it back; Summary.Bytes
	// counts the compressed bytes): the dev server keeps a large site so.
	CompressFrom int
	// Changed, with Cache, lists the files (slash-separated, relative to the site's folder)
	// that changed since the cache's last build; when they are only pages' bodies (or, without
	// Minify, static files) the build renders those pages alone. Nil means "unknown": the
	// build loads the whole site.
	Changed []string
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
	// Warnings are what the build wrote otherwise than the source says, without failing:
	// each link to a page this build leaves out by its dates (see content.Held), written
	// as its text alone. Only the pages the build converts are looked at: a page a Cache
	// gives from an earlier build (a dev server's rebuild) gave its warnings then.
	Warnings []*diag.Error
}

// String is the one-line summary `playbook build` prints.
func (s Summary) String() string {
	return fmt.Sprintf("%d pages, %d templates, %d files, %d bytes in %d ms",
		s.Pages, s.Templates, s.Files, s.Bytes, s.Duration.Milliseconds())
}

// MessageURL is the path, under the base path, of a message template's page.
func MessageURL(id string) string { return "templates/" + id + "/" }

// RulesFile is where the timing rules are written for the browser's timeline calculator.
const RulesFile = "rules.json"

// Build loads and renders the site and hands every file to out. It reports every problem
// it finds (as *diag.Error values joined into the error), not just the first; on error,
// some files may already have been handed to out.
func Build(ctx context.Context, src sitefs.Source, opts Options, out output.Output) (Summary, error) {
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

	l, err := load(ctx, src, opts)
	if l == nil {
		return Summary{}, err
	}
	problems := []error{err}
	if opts.HostRoot {
		out = output.Under(out, l.cfg.BasePath(), []string{publish.HeadersFile, publish.RedirectsFile}, []string{notFoundFile})
	}
	a, err := assemble(l)
	problems = append(problems, err)
	jobs, err := planJobs(a)
	problems = append(problems, err, checkCTA(l, jobs))
	sink := newSink(out, l.static, opts.Cache != nil, len(jobs))
	sink.compress = opts.CompressFrom > 0 && len(l.pages) >= opts.CompressFrom
	index := indexSearch(a, opts.Cache != nil)
	extras := l.static.MakeExtras(a.site, pageOutputs(jobs), redirectsOf(jobs), index.result, opts.Cache != nil, sink.add)
	rendered, md, err := renderJobs(ctx, jobs, l, a, opts.Cache.run(l.fingerprint(opts.Cache, opts), len(jobs)), sink, index)
	problems = append(problems, err)
	problems = append(problems, publishAll(ctx, l, extras, sink))
	sum := Summary{Pages: len(l.pages), Templates: len(a.messages), Warnings: md.Warnings()}
	if err := errors.Join(problems...); err != nil {
		return sum, err
	}
	sum.Files, sum.Bytes, sum.Rendered = int(sink.files.Load()), sink.bytes.Load(), rendered
	if opts.Cache != nil && ctx.Err() == nil {
		opts.Cache.remember(newLastBuild(opts, sink.kept, sum, jobs, a, l, md, extras.Search(), sink.compress))
	}
	sum.Duration = time.Since(start)
	return sum, nil
}

// loaded is the site as read from its files, each part with the bytes it came from.
type loaded struct {
	cfg    config.Config
	cfgSrc []byte // site.toml
	// pages are the site's pages without their Markdown, which each job reads from files
	// as it renders (content.Options.LeaveBodies).
	pages   []*content.Page
	files   *pageFiles
	held    []content.Held // the pages left out by their dates alone
	layouts *render.Layouts
	timing  *rules.Rules // with problems, for its figures alone (rules.Rules.OK)
	msgs    []*messages.Message
	static  *publish.Static
	// icon is the brand's own icon, without its URL; nil for the theme's.
	icon *render.Icon
}

// load reads every input of the site. A nil result means nothing can be built (no
// site.toml, or every layout is broken); otherwise the error holds the problems found on
// the way, and the parts that loaded are there to build and check the rest: a site.toml
// with a mistake gives what it could decode, so every other file's problems are reported
// in the same run rather than after it is fixed.
func load(ctx context.Context, src sitefs.Source, opts Options) (*loaded, error) {
	site := src.Own()
	cfg, cfgSrc, err := config.Load(site)
	if cfgSrc == nil {
		return nil, err
	}
	errs := []error{err}
	if opts.BaseURL != "" {
		if cfg, err = cfg.WithBaseURL(opts.BaseURL); err != nil {
			return nil, err
		}
	}
	l := &loaded{cfg: cfg, cfgSrc: cfgSrc}
	l.pages, l.held, err = content.LoadHeld(site, content.Options{Drafts: opts.Drafts, Future: opts.Future, Expired: opts.Expired, Now: opts.Now, LeaveBodies: true})
	l.files = &pageFiles{fsys: site}
	errs = append(errs, err)
	l.layouts, err = opts.Cache.loadLayouts(src.Layers())
	errs = append(errs, err)
	if l.layouts == nil {
		return nil, errors.Join(errs...)
	}
	l.timing, l.msgs, err = opts.Cache.loadRules(site)
	errs = append(errs, err)
	l.timing.Calendar = rules.CalendarOf(cfg)
	made := map[string][]byte{}
	if css := render.BrandCSS(cfg.Brand); css != nil {
		made[render.BrandStylesheet] = css
	}
	l.icon, err = brandFiles(src, cfg, cfgSrc, made)
	errs = append(errs, err)
	l.static, err = publish.ReadStatic(ctx, src.Layers(), site, made, opts.Minify)
	errs = append(errs, err)
	errs = append(errs, checkLayouts(site, l.pages, l.layouts)...)
	return l, errors.Join(errs...)
}

// assembled is the site every page is rendered with. assemble makes it whole; nothing
// changes it afterwards, so the render workers and the extras share it freely.
type assembled struct {
	site *render.Site
	// pages are every page loaded, in the order content.Load gave them.
	pages []*content.Page
	// links maps what a Markdown link may name (a page's or message's path under
	// content/) to its URL.
	links map[string]string
	// held are the pages left out by their dates alone, by their paths under content/.
	held  map[string]content.Held
	views map[*content.Page]*render.Page
	// regular are the pages of KindPage in reading order.
	regular []*content.Page
	// offline says the layouts have the offline page's (a site with its own layouts and no
	// theme may not).
	offline bool
	// messages are the message templates' pages, in the order of l.msgs (the Unread left out).
	messages []*render.MessagePage
}

// assemble makes the render.Site of what was loaded: figures and the timeline from the
// rules, the pages in reading order, the message pages, and the menu, which names them.
func assemble(l *loaded) (*assembled, error) {
	s := render.NewSite(l.cfg)
	s.Assets = l.static.Assets()
	s.Preloads = l.static.Preloads()
	a := &assembled{site: s, pages: l.pages, links: map[string]string{}, views: map[*content.Page]*render.Page{}, offline: l.layouts.Has("offline")}
	var errs []error
	logo, err := brandLogo(l, s)
	errs = append(errs, err)
	s.Brand.Logo = logo
	if l.icon != nil {
		icon := *l.icon
		icon.URL = s.RelURL(icon.File)
		s.Brand.Icon = &icon
	}
	s.Figures = rules.Figures(l.timing)
	if l.timing.OK() {
		s.Timeline, err = render.NewTimeline(l.timing, func(id string) string { return s.RelURL(MessageURL(id)) })
		errs = append(errs, err)
		s.Regions, s.Region, s.Weekend = render.RegionChoices(l.timing), l.timing.Policy.Region, l.timing.Policy.Weekend
	}
	for _, p := range l.pages {
		a.links[p.Rel] = s.RelURL(p.URL)
		a.views[p] = s.PageFor(p)
		if p.Kind == content.KindPage {
			a.regular = append(a.regular, p)
		}
	}
	for _, m := range l.msgs {
		a.links[strings.TrimPrefix(m.Path, content.Dir+"/")] = s.RelURL(MessageURL(m.ID))
	}
	for _, h := range l.held {
		if a.held == nil {
			a.held = map[string]content.Held{}
		}
		a.held[h.Page.Rel] = h
	}
	content.Sort(a.regular)
	pages := make([]*render.Page, 0, len(a.regular))
	for _, p := range a.regular {
		pages = append(pages, a.views[p])
	}
	s.SetPages(pages)
	limits := l.timing.Policy.MessageOptions().Limits
	yours := render.YourFields(l.msgs)
	for _, m := range l.msgs {
		if m.Unread { // its problem is reported; the links to it are not broken
			continue
		}
		mp, err := render.NewMessagePage(m, limits[m.Channel], yours, s.Figures)
		errs = append(errs, err)
		if mp != nil && m.Channel == messages.LinkedIn {
			mp.Script.LimitPremium = l.timing.Policy.LinkedInLimitPremium
		}
		a.messages = append(a.messages, mp)
	}
	s.Messages = a.messages
	menu, err := navigation(l, a)
	errs = append(errs, err)
	s.Menu = menu
	return a, errors.Join(errs...)
}

// sink hands the build's files to the Output, counting them and, for a Cache, keeping
// them for the next build to patch.
type sink struct {
	out    output.Output
	static *publish.Static
	files  atomic.Int64
	bytes  atomic.Int64
	mu     sync.Mutex
	kept   map[string][]byte // nil without a Cache
	// reuse says a page's buffer may be reused once the Output has it: it keeps no bytes,
	// and neither does a cache.
	reuse bool
	// compress hands out HTML files gzip-compressed (Options.CompressFrom).
	compress bool
}

func newSink(out output.Output, static *publish.Static, keep bool, jobs int) *sink {
	s := &sink{out: out, static: static}
	if keep {
		s.kept = make(map[string][]byte, jobs+16)
	}
	_, streaming := out.(output.Streaming)
	s.reuse = streaming && !keep
	return s
}

// add hands one file to the Output, compressed when the sink compresses.
func (s *sink) add(name string, data []byte) error {
	return s.addStored(name, stored(s.compress, name, data))
}

// addStored hands one file to the Output as it is: compressed already if it is to be.
func (s *sink) addStored(name string, data []byte) error {
	s.files.Add(1)
	s.bytes.Add(int64(len(data)))
	if s.kept != nil {
		s.mu.Lock()
		s.kept[name] = data
		s.mu.Unlock()
	}
	return s.out.Add(name, data)
}

// addPage hands one rendered file to the Output, minified when the build minifies.
func (s *sink) addPage(name string, data []byte) error {
	b, err := s.static.Page(name, data)
	if err != nil {
		return err
	}
	return s.add(name, b)
}

// renderJobs renders every job (from the cache's run where it can) and hands the files to
// sink. It returns how many of the counted pages it rendered, and the Markdown converter
// it used, which a patch reuses.
func renderJobs(ctx context.Context, jobs []job, l *loaded, a *assembled, cache *cacheRun, sink *sink, index *searchIndex) (int, *render.Markdown, error) {
	dirsDone := makeDirsAhead(ctx, sink.out, jobs)
	defer func() { <-dirsDone }()
	defer index.done()
	defer l.files.close()
	md := render.NewMarkdown()
	var rendered atomic.Int64
	// Every page is rendered through two buffers: its Markdown's HTML, free once the layout
	// has run, and the page itself, free once written when the sink allows it. Reusing them
	// saves allocating and clearing some 30 KB a page.
	bufs := sync.Pool{New: func() any { return new(bytes.Buffer) }}
	put := func(b *bytes.Buffer) {
		// A buffer that held a list of every page (megabytes on a large site) is let go:
		// pooled, it would stay alive, as any page's buffer, until the build ends.
		if b.Cap() <= maxPooledBuffer {
			bufs.Put(b)
		}
	}
	order := longestFirst(jobs)
	index.inReadingOrder(jobs, order)
	errs := parallel.Run(ctx, len(jobs), func(i int) error {
		j := jobs[order[i]]
		if j.page != nil {
			// The page's Markdown is read again here and dropped once rendered, indexed for
			// the search and, with a cache, keyed.
			p, err := l.files.withBody(j.page)
			index.add(j.page, p)
			if err != nil {
				return err
			}
			j.page = p
		}
		if j.page != nil && j.page.Layout != "" && !l.layouts.Has(j.page.Layout) {
			return nil // reported by checkLayouts, or by LoadLayouts when it did not parse
		}
		b, key, ok := cache.lookup(j)
		if ok {
			return sink.addStored(j.output, b)
		}
		mdBuf := bufs.Get().(*bytes.Buffer)
		defer put(mdBuf)
		var outBuf *bytes.Buffer
		if sink.reuse {
			outBuf = bufs.Get().(*bytes.Buffer)
			defer put(outBuf)
		}
		if j.counted {
			rendered.Add(1)
		}
		b, err := renderJob(j, md, l.layouts, a.links, a.held, a.site.Figures, siteFiles{l.static}, mdBuf, outBuf)
		if errors.Is(err, render.ErrBrokenLayout) {
			return nil
		}
		if err == nil {
			b, err = l.static.Page(j.output, b)
		}
		if err != nil {
			return err
		}
		b = stored(sink.compress, j.output, b)
		cache.store(j, key, b)
		return sink.addStored(j.output, b)
	})
	if ctx.Err() == nil {
		// A link to a heading of another page is checked once every page is parsed. Its
		// page is rendered and stored by then: were this run kept, the next build would
		// take that page from the cache without checking it, so the cache keeps its
		// previous pages instead.
		if err := md.CheckFragments(); err != nil {
			errs = append(errs, err)
		} else {
			cache.finish()
		}
	}
	return int(rendered.Load()), md, errors.Join(errs...)
}

// makeDirsAhead has an Output that can (a output.DirMaker) make the jobs' folders on a
// goroutine of its own while the jobs render. The channel closes when it is done.
func makeDirsAhead(ctx context.Context, out output.Output, jobs []job) <-chan struct{} {
	done := make(chan struct{})
	dm, ok := out.(output.DirMaker)
	if !ok {
		close(done)
		return done
	}
	go func() {
		defer close(done)
		dm.MakeDirs(ctx, outputsOf(jobs))
	}()
	return done
}

// publishAll hands out the files made from the whole site once the pages are rendered:
// rules.json for the calculator, then the static files and the extras.
func publishAll(ctx context.Context, l *loaded, extras *publish.Extras, sink *sink) error {
	var errs []error
	if l.timing.OK() {
		b, err := rules.JSON(l.timing)
		if err == nil {
			err = sink.addPage(RulesFile, b)
		}
		errs = append(errs, err)
	}
	errs = append(errs, l.static.Publish(ctx, extras, sink.add))
	return errors.Join(errs...)
}

// maxPooledBuffer is the largest buffer a build keeps for the next page: a few times a
// long page's HTML.
const maxPooledBuffer = 256 << 10

// searchIndex indexes what the search box finds while the pages render: the guidance pages
// in reading order, by their title, description and Markdown, each as a worker reads it,
// then the message templates, by their title, subject, text and guidance.
type searchIndex struct {
	// doc is each guidance page's number in the index.
	doc   map[*content.Page]int
	pages chan numberedDoc
	index chan *search.Index
}

type numberedDoc struct {
	d   int
	doc search.Doc
}

// indexSearch starts the index of a's pages and message templates, on a goroutine of its
// own that takes each page from add and ends once done is called; patchable keeps what a
// Cache's next build needs to index a page again (search.Index.With).
func indexSearch(a *assembled, patchable bool) *searchIndex {
	s := &searchIndex{doc: make(map[*content.Page]int, len(a.regular)), pages: make(chan numberedDoc, 64), index: make(chan *search.Index, 1)}
	for d, p := range a.regular {
		s.doc[p] = d
	}
	var msgs []search.Doc
	for _, mp := range a.messages {
		if mp == nil {
			continue // its problem is reported
		}
		m := mp.Message
		msgs = append(msgs, search.Doc{URL: MessageURL(m.ID), Title: m.Title, Text: [][]byte{
			[]byte(m.Subject), []byte(m.Body), []byte(m.Guidance.When), []byte(m.Guidance.Personalise), []byte(m.Guidance.Avoid)}})
	}
	go func() {
		b := search.NewBuilder(len(a.regular)+len(msgs), patchable)
		for nd := range s.pages {
			b.Add(nd.d, nd.doc)
		}
		for k, doc := range msgs {
			b.Add(len(a.regular)+k, doc)
		}
		s.index <- b.Index()
	}()
	return s
}

// inReadingOrder reorders the jobs that list no pages at the end of order (longestFirst's)
// so that the guidance pages among them come in reading order, the index's: a page's stems
// wait in the index until every page before it has come, and in the order of their paths
// (content.Load's) nearly all of them would wait to the end.
func (s *searchIndex) inReadingOrder(jobs []job, order []int) {
	first := len(order)
	for first > 0 && len(jobs[order[first-1]].data.Pages) == 0 {
		first--
	}
	rank := func(i int) int {
		if d, ok := s.doc[jobs[i].page]; ok && jobs[i].page != nil {
			return d
		}
		return len(s.doc) + i
	}
	slices.SortStableFunc(order[first:], func(a, b int) int { return rank(a) - rank(b) })
}

// add indexes page, loaded as listed, as read with its body; a page that could not be read
// is indexed by its front matter alone (its problem is reported).
func (s *searchIndex) add(listed, read *content.Page) {
	d, ok := s.doc[listed]
	if !ok {
		return
	}
	if read == nil {
		read = listed
	}
	s.pages <- numberedDoc{d, pageDoc(read)}
}

// done says every page has been added.
func (s *searchIndex) done() { close(s.pages) }

// result is the index, once done.
func (s *searchIndex) result() *search.Index { return <-s.index }

// pageDoc is what the search finds of a guidance page.
func pageDoc(p *content.Page) search.Doc {
	return search.Doc{URL: p.URL, Title: p.Title, Text: [][]byte{[]byte(p.Description), p.Body}}
}

// redirectsOf lists each alias's path and the page it redirects to, both under the base
// path, for _redirects.
func redirectsOf(jobs []job) []publish.Redirect {
	var r []publish.Redirect
	for _, j := range jobs {
		if j.alias {
			from := j.data.Site.RelURL(strings.TrimSuffix(j.output, "index.html"))
			r = append(r, publish.Redirect{From: from, To: j.data.Page.URL})
		}
	}
	return r
}

// notFoundFile is the page a host serves for an address with no file. Built with HostRoot
// it is written twice: beside the site, where Cloudflare Pages looks for it (the nearest
// one above the address asked for), and at the top, where Netlify and GitHub Pages do.
const notFoundFile = "404.html"

// offlineFile is the page the service worker (static/sw.js) keeps and serves for a page it
// has not kept while the network is down.
const offlineFile = "offline.html"

// madeFiles are the files a build makes besides the pages and the static files, which a
// page's link or a menu entry may name.
var madeFiles = map[string]bool{RulesFile: true, publish.SitemapFile: true, publish.RobotsFile: true, publish.FeedFile: true, notFoundFile: true, offlineFile: true}

// siteFiles are the files a page's links and images may name besides pages: the static
// files, those beside the pages, and the ones the build makes.
type siteFiles struct{ *publish.Static }

func (f siteFiles) Has(name string) bool { return madeFiles[name] || f.Static.Has(name) }

// brandLogo is [brand]'s logo on site s: its file among the static files and its size.
// A file that is not there, or whose size cannot be told, is a problem at the logo's value.
func brandLogo(l *loaded, s *render.Site) (*render.Logo, error) {
	name := l.cfg.Brand.Logo
	if name == "" {
		return nil, nil
	}
	b, ok := l.static.File(name)
	if !ok {
		return nil, config.BrandError(l.cfgSrc, "logo", name, fmt.Sprintf("logo %q is not a file under static/", name),
			"add the image as static/"+name+", or name one that is there")
	}
	w, h, ok := publish.ImageSize(name, b)
	if !ok {
		return nil, config.BrandError(l.cfgSrc, "logo", name, fmt.Sprintf("cannot tell the size of logo %q", name),
			"use a PNG, JPEG, GIF or WebP, or an SVG whose <svg> has a width and height in px or a viewBox")
	}
	return &render.Logo{File: name, URL: s.RelURL(name), Width: w, Height: h}, nil
}

// checkCTA reports a call to action that names a path on the site where the build writes
// no page and publishes no file: a link every page would carry, broken.
func checkCTA(l *loaded, jobs []job) error {
	u := l.cfg.Brand.CTA.URL
	if !strings.HasPrefix(u, "/") || l.cfg.Brand.CTA.Text == "" {
		return nil
	}
	target, _, _ := strings.Cut(u, "#")
	target, _, _ = strings.Cut(target, "?")
	target = strings.TrimPrefix(target, "/")
	if l.static.Has(target) {
		return nil
	}
	for _, j := range jobs {
		if j.output == render.OutputPath(target) {
			return nil
		}
	}
	return config.BrandError(l.cfgSrc, "cta.url", u, fmt.Sprintf("[brand.cta] url %q is no page of the site", u),
		"name a page by its address under the base URL, e.g. \"/contact/\" for content/contact.md")
}
