package generator_test

import (
	"bytes"
	"context"
	"errors"
	"io/fs"
	"slices"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	playbook "github.com/followup-playbook/playbook"
	"github.com/followup-playbook/playbook/generator"
	"github.com/followup-playbook/playbook/generator/diag"
	"github.com/followup-playbook/playbook/generator/load/sitefs"
	"github.com/followup-playbook/playbook/generator/output"
)

// openLog is a site whose opened files are recorded, to tell a build that patched the last
// one (opening only the changed files) from one that loaded the whole site. It has only
// Open, so that every read goes through it.
type openLog struct {
	files  fstest.MapFS
	mu     sync.Mutex
	opened []string
}

func (o *openLog) Open(name string) (fs.File, error) {
	o.mu.Lock()
	o.opened = append(o.opened, name)
	o.mu.Unlock()
	return o.files.Open(name)
}

func (o *openLog) take() []string {
	o.mu.Lock()
	defer o.mu.Unlock()
	out := o.opened
	o.opened = nil
	return out
}

// TestChangedPatchesTheLastBuild edits a site between builds that share a cache and name
// the changed files, as the dev server does. After each edit the output (or the problems)
// must equal a build without the cache; an edit to pages' bodies, or to a static file,
// must be built by opening those files alone; anything else must load the whole site.
//
// Kept compressed (Options.CompressFrom, as the dev server keeps a large site), every HTML
// file must expand to the bytes of a build that does not compress.
func TestChangedPatchesTheLastBuild(t *testing.T) {
	for _, c := range []struct {
		name             string
		minify, compress bool
	}{{"plain", false, false}, {"minified", true, false}, {"compressed", false, true}} {
		t.Run(c.name, func(t *testing.T) {
			testPatch(t, c.minify, c.compress)
		})
	}
}

func testPatch(t *testing.T, minify, compress bool) {
	files, _ := fixture(t, "testdata/sites/basic.txtar")
	site := &openLog{files: files}
	cache := generator.NewCache()
	var sum generator.Summary
	build := func(c *generator.Cache, changed []string) (map[string][]byte, error) {
		t.Helper()
		out := &output.MemoryOutput{}
		opts := generator.Options{Cache: c, Changed: changed, Minify: minify}
		if compress && c != nil {
			opts.CompressFrom = 1
		}
		var err error
		sum, err = generator.Build(context.Background(), sitefs.Source{Site: site, Defaults: playbook.DefaultSite}, opts, out)
		return out.Files(), err
	}
	set := func(name, data string) { files[name] = &fstest.MapFile{Data: []byte(data)} }
	same := func(a, b []byte) bool { return len(a) > 0 && len(a) == len(b) && &a[0] == &b[0] }
	const second = "+++\ntitle = \"Second\"\nweight = 2\ndate = 2026-03-12\n+++\n## How\n\n"

	tests := []struct {
		name    string
		edit    func()
		changed []string
		patched bool
		// rendered are the outputs made again (the search index among them when a body's
		// words changed); every other output must be the very bytes of the previous build
		// when the build patched.
		rendered []string
		wantErr  bool
	}{
		{name: "one page's body", patched: true,
			edit:     func() { set("content/guides/second.md", second+"New words. Back to [first](../first.md).\n") },
			changed:  []string{"content/guides/second.md"},
			rendered: []string{"guides/second/index.html", "search/index.json"}},
		{name: "two bodies, the home page's among them", patched: true,
			edit: func() {
				set("content/_index.md", "+++\ntitle = \"Welcome\"\n+++\nBegin with [the first page](first.md).\n")
				set("content/first.md", "+++\ntitle = \"First\"\ndescription = \"The first page.\"\nweight = 1\n+++\nShorter now.\n")
			},
			changed:  []string{"content/_index.md", "content/first.md"},
			rendered: []string{"index.html", "first/index.html", "search/index.json"}},
		{name: "a body saved unchanged", patched: true,
			edit:     func() {},
			changed:  []string{"content/first.md"},
			rendered: []string{"first/index.html"}},
		{name: "the site's own copy of a built-in stylesheet", patched: !minify,
			edit:     func() { set("static/css/site.css", "body { color: #222; }\n") },
			changed:  []string{"static/css/site.css"},
			rendered: []string{"css/site.css"}},
		{name: "the service worker, which a build fills in",
			edit: func() {
				set("static/sw.js", "const BUILD = \"__PLAYBOOK_BUILD__\";\nconst ASSETS = [\"__PLAYBOOK_PRECACHE__\"];\n// edited\n")
			},
			changed: []string{"static/sw.js"}},
		{name: "the logo, whose size every page states",
			edit:    func() { set("static/images/logo.svg", `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 48 24"/>`) },
			changed: []string{"static/images/logo.svg"}},
		{name: "an image a page shows, whose size the page states",
			edit: func() {
				set("static/images/chart.svg", `<svg xmlns="http://www.w3.org/2000/svg" width="600" height="200"/>`)
			},
			changed: []string{"static/images/chart.svg"}},
		{name: "a stylesheet of the brand's name, which the build makes from site.toml",
			edit:    func() { set("static/css/brand.css", ".cta { color: red }\n") },
			changed: []string{"static/css/brand.css"}},
		{name: "a title, shown in every page's navigation",
			edit:    func() { set("content/first.md", "+++\ntitle = \"First, renamed\"\nweight = 1\n+++\nShort.\n") },
			changed: []string{"content/first.md"}},
		{name: "a body and a layout",
			edit: func() {
				set("content/guides/second.md", second+"Other words.\n")
				set("layouts/partials/footer.html", "<footer class=\"site-footer\"><p>Another footer</p></footer>\n")
			},
			changed: []string{"content/guides/second.md", "layouts/partials/footer.html"}},
		{name: "a new page",
			edit:    func() { set("content/third.md", "+++\ntitle = \"Third\"\n+++\nNew.\n") },
			changed: []string{"content/third.md"}},
		{name: "a deleted page",
			edit:    func() { delete(files, "content/third.md") },
			changed: []string{"content/third.md"}},
		{name: "a draft, which is not built",
			edit:    func() { set("content/guides/draft.md", "+++\ntitle = \"Draft\"\ndraft = true\n+++\nStill not yet.\n") },
			changed: []string{"content/guides/draft.md"}},
		{name: "changes the watcher could not name",
			edit:    func() { set("content/guides/second.md", second+"Unnamed change.\n") },
			changed: []string{""}},
		{name: "no list of changes",
			edit: func() { set("content/guides/second.md", second+"Unlisted change.\n") }},
		{name: "a body with a mistake", wantErr: true,
			edit:    func() { set("content/guides/second.md", second+"Wait {{< rule no_such_rule >}}.\n") },
			changed: []string{"content/guides/second.md"}},
		{name: "the mistake fixed, after a failed build",
			edit:    func() { set("content/guides/second.md", second+"Fixed.\n") },
			changed: []string{"content/guides/second.md"}},
		{name: "a body again, after a full build", patched: true,
			edit:     func() { set("content/guides/second.md", second+"Once more.\n") },
			changed:  []string{"content/guides/second.md"},
			rendered: []string{"guides/second/index.html", "search/index.json"}},
	}
	prev, err := build(cache, nil)
	if err != nil {
		t.Fatalf("first build:\n%s", diag.Report(err))
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.edit()
			site.take()
			got, err := build(cache, tt.changed)
			rendered := sum.Rendered
			opened := site.take()
			want, wantErr := build(nil, nil)
			if (err != nil) != tt.wantErr || (wantErr != nil) != tt.wantErr {
				t.Fatalf("errors: with the cache %v, without %v; want an error: %v", err, wantErr, tt.wantErr)
			}
			if err != nil {
				if g, w := diag.Report(err), diag.Report(wantErr); g != w {
					t.Errorf("with the cache, the problems are\n%s\nwithout, they are\n%s", g, w)
				}
				return
			}
			if len(got) != len(want) {
				t.Fatalf("%d files with the cache, %d without", len(got), len(want))
			}
			for n, b := range want {
				g, err := generator.Expand(n, got[n])
				if err != nil || !bytes.Equal(g, b) {
					t.Errorf("%s differs from a build without the cache (%v)", n, err)
				}
				if compressed := !bytes.Equal(got[n], b); compressed != (compress && strings.HasSuffix(n, ".html")) {
					t.Errorf("%s: compressed %v", n, compressed)
				}
			}
			onlyChanged := true
			for _, o := range opened {
				if !slices.Contains(tt.changed, o) {
					onlyChanged = false
				}
			}
			if onlyChanged != tt.patched {
				t.Errorf("patched the last build: %v, want %v (opened %d files: %q...)", onlyChanged, tt.patched, len(opened), opened[:min(len(opened), 5)])
			}
			if tt.patched {
				pages := 0
				for _, c := range tt.changed {
					if strings.HasPrefix(c, "content/") {
						pages++
					}
				}
				if rendered != pages {
					t.Errorf("the summary says %d pages were rendered, want %d", rendered, pages)
				}
				for n := range got {
					if !slices.Contains(tt.rendered, n) && !same(got[n], prev[n]) {
						t.Errorf("%s was made again although nothing it shows changed", n)
					}
				}
				for _, n := range tt.rendered {
					if same(got[n], prev[n]) {
						t.Errorf("%s is the previous build's although its source changed", n)
					}
				}
			}
			prev = got
		})
	}
}

// TestPatchEdges covers what the dev server never does but a caller of Build might: a
// build cancelled before it patched, an Add to the output a patch filled, and two builds
// that share a cache at once. Each time, a later patched build must still equal a build
// without the cache.
func TestPatchEdges(t *testing.T) {
	files, _ := fixture(t, "testdata/sites/basic.txtar")
	site := &openLog{files: files}
	src := sitefs.Source{Site: site, Defaults: playbook.DefaultSite}
	cache := generator.NewCache()
	build := func(ctx context.Context, c *generator.Cache, changed []string) (*output.MemoryOutput, error) {
		out := &output.MemoryOutput{}
		_, err := generator.Build(ctx, src, generator.Options{Cache: c, Changed: changed}, out)
		return out, err
	}
	set := func(name, body string) {
		files[name] = &fstest.MapFile{Data: []byte("+++\ntitle = \"Second\"\nweight = 2\ndate = 2026-03-12\n+++\n" + body)}
	}
	sameAsFull := func(t *testing.T, got *output.MemoryOutput) {
		t.Helper()
		want, err := build(context.Background(), nil, nil)
		if err != nil {
			t.Fatal(err)
		}
		g, w := got.Files(), want.Files()
		if len(g) != len(w) {
			t.Errorf("%d files with the cache, %d without", len(g), len(w))
		}
		for n, b := range w {
			if !bytes.Equal(g[n], b) {
				t.Errorf("%s differs from a build without the cache", n)
			}
		}
	}
	if _, err := build(context.Background(), cache, nil); err != nil {
		t.Fatal(err)
	}

	t.Run("a cancelled build keeps the last one", func(t *testing.T) {
		set("content/guides/second.md", "## How\n\nCancelled edit.\n") // first.md links to #how
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		if _, err := build(ctx, cache, []string{"content/guides/second.md"}); !errors.Is(err, context.Canceled) {
			t.Fatalf("err = %v, want context.Canceled", err)
		}
		site.take()
		out, err := build(context.Background(), cache, []string{"content/guides/second.md"})
		if err != nil {
			t.Fatal(err)
		}
		if opened := site.take(); len(opened) != 1 {
			t.Errorf("the build after the cancelled one opened %q, want the changed page alone", opened)
		}
		sameAsFull(t, out)
	})

	t.Run("an Add to a patched output stays out of the cache", func(t *testing.T) {
		set("content/guides/second.md", "## How\n\nAnother edit.\n")
		out, err := build(context.Background(), cache, []string{"content/guides/second.md"})
		if err != nil {
			t.Fatal(err)
		}
		if err := out.Add("stray.txt", []byte("x")); err != nil {
			t.Fatal(err)
		}
		out, err = build(context.Background(), cache, []string{})
		if err != nil {
			t.Fatal(err)
		}
		if _, ok := out.Files()["stray.txt"]; ok {
			t.Error("a file added to one build's output shows in the next build")
		}
		sameAsFull(t, out)
	})

	t.Run("two builds at once", func(t *testing.T) {
		set("content/guides/second.md", "Edit one.\n")
		files["content/first.md"] = &fstest.MapFile{Data: []byte("+++\ntitle = \"First\"\ndescription = \"The first page.\"\nweight = 1\n+++\nEdit two.\n")}
		var wg sync.WaitGroup
		for _, changed := range []string{"content/guides/second.md", "content/first.md"} {
			wg.Add(1)
			go func() {
				defer wg.Done()
				if _, err := build(context.Background(), cache, []string{changed}); err != nil {
					t.Error(err)
				}
			}()
		}
		wg.Wait()
		out, err := build(context.Background(), cache, []string{})
		if err != nil {
			t.Fatal(err)
		}
		sameAsFull(t, out)
	})
}
