package generator

import (
	"fmt"
	"hash/maphash"
	"sort"
	"sync"

	"github.com/followup-playbook/playbook/generator/content"
	"github.com/followup-playbook/playbook/generator/messages"
	"github.com/followup-playbook/playbook/generator/render"
)

// Cache keeps the pages a build rendered so that the next build of the same site, in the
// same process (the dev server), renders again only the pages whose inputs changed.
//
// A page's key hashes everything its bytes can depend on: a fingerprint of the whole site
// (configuration, layouts, message templates, static asset names, and every page's front
// matter and URL, since navigation and lists show them) plus the page's own Markdown. An
// edit to one page's body therefore re-renders that page alone; an edit to a title, a
// layout, site.toml or a rule changes the fingerprint and re-renders everything.
//
// It also keeps the whole of its last successful build, so that a build told which files
// changed (Options.Changed) can patch that instead when only pages' bodies changed (see
// incremental.go).
type Cache struct {
	// building is held by the build using the cache.
	building sync.Mutex

	seed  maphash.Seed
	mu    sync.Mutex
	pages map[string]cached // by output path
	last  *lastBuild        // nil until a build succeeds, and after one fails
}

type cached struct {
	key  uint64
	data []byte
}

// NewCache returns an empty cache.
func NewCache() *Cache {
	return &Cache{seed: maphash.MakeSeed(), pages: map[string]cached{}}
}

// siteFingerprint hashes what every page of the site depends on.
func (c *Cache) siteFingerprint(s *render.Site, layouts *render.Layouts, pages []*content.Page, msgs []*messages.Message, opts Options) uint64 {
	var h maphash.Hash
	h.SetSeed(c.seed)
	fmt.Fprintf(&h, "%#v\n%#v\n", outputOptionsOf(opts), s.Assets)
	fmt.Fprintf(&h, "%s|%s|%s|%s|%s|%#v\n", s.Title, s.Description, s.Language, s.Copyright, s.BaseURL, s.Params)
	fmt.Fprintf(&h, "%#v\n%#v\n", s.Menu, s.Figures)
	layouts.WriteSources(&h)
	for _, m := range msgs {
		h.WriteString(m.Path)
		h.Write(m.Src)
	}
	sorted := append([]*content.Page(nil), pages...)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i].Path < sorted[j].Path })
	for _, p := range sorted {
		fmt.Fprintf(&h, "%s|%s|%s|%#v\n", p.Path, p.URL, p.Kind, p.FrontMatter)
	}
	return h.Sum64()
}

// key is the cache key of one output file: the site's fingerprint, the file, its layout
// and, for a content page, its Markdown.
func (c *Cache) key(site uint64, j job) uint64 {
	var h maphash.Hash
	h.SetSeed(c.seed)
	fmt.Fprintf(&h, "%d|%s|%s|", site, j.output, j.layout)
	if j.page != nil {
		h.Write(j.page.Body)
	}
	return h.Sum64()
}

func (c *Cache) get(output string, key uint64) ([]byte, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.pages[output]
	return e.data, ok && e.key == key
}

// remember keeps a successful build for the next one to patch.
func (c *Cache) remember(last *lastBuild) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.last = last
}

// forget drops the last build: the next build loads the whole site.
func (c *Cache) forget() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.last = nil
}

// keep replaces the cache's contents with what this build rendered, so pages that are no
// longer built are forgotten.
func (c *Cache) keep(built map[string]cached) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.pages = built
}
