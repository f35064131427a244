package generator

import (
	"bytes"
	"context"
	"io/fs"
	"maps"
	"strings"

	"github.com/followup-playbook/playbook/generator/load/content"
	"github.com/followup-playbook/playbook/generator/load/sitefs"
	"github.com/followup-playbook/playbook/generator/output"
	"github.com/followup-playbook/playbook/generator/publish"
	"github.com/followup-playbook/playbook/generator/render"
	"github.com/followup-playbook/playbook/generator/search"
)

// lastBuild is what a Cache keeps of its last successful build, so that the next one, told
// which files changed since, can render just the pages those files make instead of loading
// and fingerprinting the whole site again: on a site of 10,000 pages, that is what keeps
// the dev server's save-to-served time in milliseconds.
type lastBuild struct {
	opts    outputOptions
	files   map[string][]byte
	sum     Summary
	jobs    map[string]job // the content pages' jobs, by source path ("content/x.md")
	site    *render.Site
	layouts *render.Layouts
	md      *render.Markdown
	links   map[string]string
	held    map[string]content.Held
	static  *publish.Static
	// search is the search index the files hold, which a patch indexes a page's new body in.
	search *search.Index
	// compress says files holds the HTML files compressed (Options.CompressFrom).
	compress bool
}

// newLastBuild is what a cache keeps of a successful build: every file it handed out,
// and what it takes to render one of its content pages again.
func newLastBuild(opts Options, files map[string][]byte, sum Summary, jobs []job, a *assembled, l *loaded, md *render.Markdown, index *search.Index, compress bool) *lastBuild {
	last := &lastBuild{
		opts: outputOptionsOf(opts), files: files, sum: sum, jobs: map[string]job{},
		site: a.site, layouts: l.layouts, md: md, links: a.links, held: a.held, static: l.static, search: index, compress: compress,
	}
	for _, j := range jobs {
		if j.page != nil {
			// A patch compares a page's front matter and place, and reads its body afresh:
			// the page as loaded has its front matter alone (content.Options.LeaveBodies).
			last.jobs[j.page.Path] = j
		}
	}
	return last
}

// patch builds the site by changing only what changed touches in the cache's last build,
// when it can tell that is all that changes: every changed file is a content page whose
// front matter is as it was (its title, URL and the rest show on other pages; its body only
// on its own), or, without Minify, a static file that was published before (with Minify,
// a stylesheet's new name shows on every page). Anything else, or any problem, and ok is
// false: the caller builds in full, which finds and reports the problems.
func (c *Cache) patch(ctx context.Context, src sitefs.Source, opts Options, out output.Output) (sum Summary, ok bool, err error) {
	c.mu.Lock()
	last := c.last
	c.mu.Unlock()
	if last == nil || opts.Changed == nil || src.Site == nil || opts.HostRoot || last.opts != outputOptionsOf(opts) {
		return Summary{}, false, nil
	}
	updated := map[string][]byte{}
	rendered := 0
	index, reindexed := last.search, false
	for _, rel := range opts.Changed {
		if ctx.Err() != nil {
			return Summary{}, false, nil
		}
		switch {
		case strings.HasPrefix(rel, content.Dir+"/") && strings.HasSuffix(rel, ".md"):
			j, ok := last.jobs[rel]
			if !ok {
				return Summary{}, false, nil
			}
			b, err := fs.ReadFile(src.Site, rel)
			if err != nil {
				return Summary{}, false, nil
			}
			p, err := content.Parse(rel, b)
			if err != nil || !samePlace(j.page, p) {
				return Summary{}, false, nil
			}
			// j is a copy: last.jobs keeps the page as it was, which is all samePlace needs.
			j.page = p
			html, err := renderJob(j, last.md, last.layouts, last.links, last.held, last.site.Figures, siteFiles{last.static}, nil, nil)
			if err != nil {
				return Summary{}, false, nil
			}
			if html, err = last.static.Page(j.output, html); err != nil {
				return Summary{}, false, nil
			}
			if _, again := updated[j.output]; !again {
				rendered++
			}
			updated[j.output] = stored(last.compress, j.output, html)
			if p.Kind == content.KindPage {
				var ok bool
				index, ok = index.With(pageDoc(p))
				reindexed = reindexed || ok
			}
		case strings.HasPrefix(rel, sitefs.StaticDir+"/") && !opts.Minify:
			name := strings.TrimPrefix(rel, sitefs.StaticDir+"/")
			if sitefs.IsTestFile(name) {
				continue // never published
			}
			// The service worker is published filled in (publish.ServiceWorker), _headers
			// under the base path (publish.HeadersFile), _redirects with the aliases, and the brand's stylesheet is made
			// from site.toml: a full build makes them. Every page states the logo's size,
			// and a page its images', so a new image renders them all.
			if !last.static.Has(name) || name == publish.ServiceWorker || name == publish.HeadersFile || name == publish.RedirectsFile || name == render.BrandStylesheet || publish.IsImage(name) {
				return Summary{}, false, nil
			}
			b, err := fs.ReadFile(src.Site, rel)
			if err != nil {
				return Summary{}, false, nil
			}
			updated[name] = stored(last.compress, name, b)
		default:
			return Summary{}, false, nil
		}
	}

	next := *last
	next.sum.Rendered = rendered
	next.files = maps.Clone(last.files)
	if reindexed {
		// The old index's files go and the new one's come: a body's words may move a
		// shard's bounds. Most are the very bytes they were (search.Index.Files); the old
		// ones are found by the old index's names rather than among every file of the site.
		for name := range last.search.Files() {
			next.sum.Files--
			next.sum.Bytes -= int64(len(last.files[name]))
			delete(next.files, name)
		}
		for name, b := range index.Files() {
			if old, ok := last.files[name]; ok && bytes.Equal(old, b) {
				b = old // unchanged: the output is handed the very bytes it has
			}
			next.sum.Files++
			next.sum.Bytes += int64(len(b))
			next.files[name] = b
		}
		next.search = index
	}
	for name, b := range updated {
		next.sum.Bytes += int64(len(b) - len(last.files[name]))
		next.files[name] = b
	}
	if err := output.AddAll(out, next.files); err != nil {
		return Summary{}, true, err
	}
	c.mu.Lock()
	c.last = &next
	c.mu.Unlock()
	return next.sum, true, nil
}

// samePlace reports whether a page, edited, still shows on other pages exactly as it did:
// the same path and front matter, byte for byte (the cache's key says the same).
func samePlace(old, p *content.Page) bool {
	return old != nil && old.Path == p.Path && bytes.Equal(old.Head, p.Head)
}

// outputOptions are the options that change what a build makes, as opposed to how.
type outputOptions struct {
	drafts, future, expired bool
	baseURL                 string
	minify                  bool
}

func outputOptionsOf(opts Options) outputOptions {
	return outputOptions{opts.Drafts, opts.Future, opts.Expired, opts.BaseURL, opts.Minify}
}
