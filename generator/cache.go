package generator

import (
	"hash/maphash"
	"io/fs"
	"sort"
	"strconv"
	"sync"

	"github.com/followup-playbook/playbook/generator/load/messages"
	"github.com/followup-playbook/playbook/generator/load/rules"
	"github.com/followup-playbook/playbook/generator/publish"
	"github.com/followup-playbook/playbook/generator/render"
)

// Cache keeps the pages a build rendered so that the next build of the same site, in the
// same process (the dev server), renders again only the pages whose inputs changed.
//
// A page's key hashes the bytes it was made from, never what was made of them: the
// fingerprint of the site (the bytes of site.toml, of every layout and message file, every
// page's path and front matter as written, the names static files are published under,
// every published file's name and image's size, and the options that change the output) and the page's own Markdown. An edit to one
// page's body therefore re-renders that page alone; an edit to anything else a page can
// show re-renders every page. Whatever a later change derives from those files is covered
// without touching this key.
//
// It also keeps the whole of its last successful build, so that a build told which files
// changed (Options.Changed) can patch that instead when only pages' bodies changed (see
// patch.go).
type Cache struct {
	// building is held by the build using the cache.
	building sync.Mutex

	seed  maphash.Seed
	mu    sync.Mutex
	pages map[string]cached // by output path
	last  *lastBuild        // nil until a build succeeds, and after one fails

	// layouts and rules are the layouts parsed and the rules compiled by an earlier build,
	// which a full build takes again when the files they were made of read the same (see
	// memo); only the build holding building uses them.
	layouts *memo[*render.Layouts]
	rules   *memo[loadedRules]
}

// loadedRules are what rules.Load gives.
type loadedRules struct {
	timing *rules.Rules
	msgs   []*messages.Message
}

// loadLayouts is render.LoadLayouts of layers, parsed again only when the cache has no
// layouts read from the same files.
func (c *Cache) loadLayouts(layers []fs.FS) (*render.Layouts, error) {
	load := func(fss []fs.FS) (*render.Layouts, error) { return render.LoadLayouts(nil, fss...) }
	if c == nil {
		return load(layers)
	}
	l, again, err := reuse(&c.layouts, layers, load)
	if again {
		l.Reset()
	}
	return l, err
}

// loadRules is rules.Load of site, decoded and compiled again only when the cache has no
// rules read from the same files. The Rules are a copy each time, for the build to set
// their Calendar.
func (c *Cache) loadRules(site fs.FS) (*rules.Rules, []*messages.Message, error) {
	load := func(fss []fs.FS) (loadedRules, error) {
		r, msgs, err := rules.Load(fss[0])
		return loadedRules{r, msgs}, err
	}
	if c == nil {
		lr, err := load([]fs.FS{site})
		return lr.timing, lr.msgs, err
	}
	lr, _, err := reuse(&c.rules, []fs.FS{site}, load)
	r := *lr.timing
	return &r, lr.msgs, err
}

type cached struct {
	key  uint64
	data []byte
}

// NewCache returns an empty cache.
func NewCache() *Cache {
	return &Cache{seed: maphash.MakeSeed(), pages: map[string]cached{}}
}

// fingerprint hashes the bytes of every input that pages other than its own can show,
// with c's seed; 0 without a cache.
func (l *loaded) fingerprint(c *Cache, opts Options) uint64 {
	if c == nil {
		return 0
	}
	var h maphash.Hash
	h.SetSeed(c.seed)
	field := func(b []byte) {
		h.WriteString(strconv.Itoa(len(b)))
		h.WriteByte(':')
		h.Write(b)
	}
	text := func(s string) { field([]byte(s)) }
	o := outputOptionsOf(opts)
	text(strconv.FormatBool(o.drafts) + strconv.FormatBool(o.future) + strconv.FormatBool(o.expired) + strconv.FormatBool(o.minify) + o.baseURL)
	field(l.cfgSrc)
	l.layouts.WriteSources(&h)
	for _, m := range l.msgs {
		text(m.Path)
		field(m.Src)
	}
	for _, p := range l.pages {
		text(p.Path)
		field(p.Head)
	}
	// The logo's size is on every page: its bytes are an input of them all. A page's
	// links to files are checked, and its images' sizes written: every file's name, and
	// every image's size, are inputs of the pages.
	if b, ok := l.static.File(l.cfg.Brand.Logo); ok && l.cfg.Brand.Logo != "" {
		field(b)
	}
	for _, n := range l.static.Names() {
		text(n)
		if publish.IsImage(n) {
			w, h, _ := l.static.ImageSize(n)
			text(strconv.Itoa(w) + "x" + strconv.Itoa(h))
		}
	}
	assets := l.static.Assets()
	names := make([]string, 0, len(assets))
	for n := range assets {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		text(n)
		text(assets[n])
	}
	return h.Sum64()
}

// run starts a build's use of the cache: site is the site's fingerprint. A nil Cache gives
// a nil run, which finds nothing and keeps nothing.
func (c *Cache) run(site uint64, jobs int) *cacheRun {
	if c == nil {
		return nil
	}
	return &cacheRun{c: c, site: site, built: make(map[string]cached, jobs)}
}

// cacheRun is one build's use of a Cache: what it found and rendered, which replaces the
// cache's pages when the build ends.
type cacheRun struct {
	c     *Cache
	site  uint64
	mu    sync.Mutex
	built map[string]cached
}

// key is the cache key of one output file: the site's fingerprint, the file, its layout
// and, for a content page, its Markdown.
func (r *cacheRun) key(j job) uint64 {
	var h maphash.Hash
	h.SetSeed(r.c.seed)
	h.WriteString(strconv.FormatUint(r.site, 16) + "|" + j.output + "|" + j.layout + "|")
	if j.page != nil {
		h.Write(j.page.Body)
	}
	return h.Sum64()
}

// lookup returns the bytes the cache has for j from the same inputs, keeping them for the
// next build too; else it returns j's key, for store.
func (r *cacheRun) lookup(j job) ([]byte, uint64, bool) {
	if r == nil {
		return nil, 0, false
	}
	k := r.key(j)
	r.c.mu.Lock()
	e, ok := r.c.pages[j.output]
	r.c.mu.Unlock()
	if !ok || e.key != k {
		return nil, k, false
	}
	r.mu.Lock()
	r.built[j.output] = e
	r.mu.Unlock()
	return e.data, k, true
}

// store keeps what j, whose key is k, rendered to.
func (r *cacheRun) store(j job, k uint64, b []byte) {
	if r == nil {
		return
	}
	r.mu.Lock()
	r.built[j.output] = cached{k, b}
	r.mu.Unlock()
}

// finish replaces the cache's pages with this build's, so pages that are no longer built
// are forgotten.
func (r *cacheRun) finish() {
	if r == nil {
		return
	}
	r.c.mu.Lock()
	defer r.c.mu.Unlock()
	r.c.pages = r.built
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
