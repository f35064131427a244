package generator

import (
	"context"
	"io/fs"
	"maps"
	"reflect"
	"strings"
	"time"

	"github.com/followup-playbook/playbook/generator/content"
	"github.com/followup-playbook/playbook/generator/render"
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
	pub     *publisher
}

// patch builds the site by changing only what changed touches in the cache's last build,
// when it can tell that is all that changes: every changed file is a content page whose
// front matter is as it was (its title, URL and the rest show on other pages; its body only
// on its own), or, without Minify, a static file that was published before (with Minify,
// a stylesheet's new name shows on every page). Anything else, or any problem, and ok is
// false: the caller builds in full, which finds and reports the problems.
func (c *Cache) patch(ctx context.Context, src Source, opts Options, out Output) (sum Summary, ok bool, err error) {
	c.mu.Lock()
	last := c.last
	c.mu.Unlock()
	if last == nil || opts.Changed == nil || src.Site == nil || last.opts != outputOptionsOf(opts) {
		return Summary{}, false, nil
	}
	updated := map[string][]byte{}
	rendered := 0
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
			html, err := renderJob(j, last.md, last.layouts, last.links, last.site.Figures, nil, nil)
			if err != nil {
				return Summary{}, false, nil
			}
			if last.pub.min != nil {
				if html, err = last.pub.minify(j.output, html); err != nil {
					return Summary{}, false, nil
				}
			}
			if _, again := updated[j.output]; !again {
				rendered++
			}
			updated[j.output] = html
		case strings.HasPrefix(rel, StaticDir+"/") && !opts.Minify:
			name := strings.TrimPrefix(rel, StaticDir+"/")
			if isTestFile(name) {
				continue // never published
			}
			if _, ok := last.pub.static[name]; !ok {
				return Summary{}, false, nil
			}
			b, err := fs.ReadFile(src.Site, rel)
			if err != nil {
				return Summary{}, false, nil
			}
			updated[name] = b
		default:
			return Summary{}, false, nil
		}
	}

	next := *last
	next.sum.Rendered = rendered
	next.files = maps.Clone(last.files)
	for name, b := range updated {
		next.sum.Bytes += int64(len(b) - len(last.files[name]))
		next.files[name] = b
	}
	if err := addAll(out, next.files); err != nil {
		return Summary{}, true, err
	}
	c.mu.Lock()
	c.last = &next
	c.mu.Unlock()
	return next.sum, true, nil
}

// samePlace reports whether a page, edited, still shows on other pages exactly as it did:
// same front matter, same place on the site.
func samePlace(old, p *content.Page) bool {
	if old == nil || old.Path != p.Path || old.URL != p.URL || old.Kind != p.Kind || old.Section != p.Section {
		return false
	}
	a, b := old.FrontMatter, p.FrontMatter
	// A date's location is a pointer the TOML decoder makes afresh; what shows is the
	// instant and how it is written.
	if !a.Date.Equal(b.Date) || a.Date.String() != b.Date.String() {
		return false
	}
	a.Date, b.Date = time.Time{}, time.Time{}
	return reflect.DeepEqual(a, b)
}

// outputOptions are the options that change what a build makes, as opposed to how.
type outputOptions struct {
	drafts  bool
	baseURL string
	minify  bool
}

func outputOptionsOf(opts Options) outputOptions {
	return outputOptions{opts.Drafts, opts.BaseURL, opts.Minify}
}

// addAll hands every file to out. A MemoryOutput that has nothing yet takes the map itself
// rather than 10,000 calls to Add: the cache never changes the map once made (the next
// patch copies it), and the MemoryOutput copies it before any Add of its own.
func addAll(out Output, files map[string][]byte) error {
	if m, ok := out.(*MemoryOutput); ok && m.adopt(files) {
		return nil
	}
	for name, b := range files {
		if err := out.Add(name, b); err != nil {
			return err
		}
	}
	return nil
}
