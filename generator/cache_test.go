package generator_test

import (
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"maps"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	playbook "github.com/followup-playbook/playbook"
	"github.com/followup-playbook/playbook/generator"
	"github.com/followup-playbook/playbook/generator/diag"
	"github.com/followup-playbook/playbook/generator/load/sitefs"
	"github.com/followup-playbook/playbook/generator/output"
)

// TestCacheRebuildsOnlyWhatChanged edits a site between builds that share a cache. After
// each edit the output must equal a build without the cache, and pages whose inputs did
// not change must be the very bytes of the previous build (not rendered again).
func TestCacheRebuildsOnlyWhatChanged(t *testing.T) {
	site, _ := fixture(t, "testdata/sites/basic.txtar")
	cache := generator.NewCache()
	buildWith := func(c *generator.Cache) map[string][]byte {
		t.Helper()
		out := &output.MemoryOutput{}
		if _, err := generator.Build(context.Background(), sitefs.Source{Site: site, Defaults: playbook.DefaultSite}, generator.Options{Cache: c}, out); err != nil {
			t.Fatalf("build:\n%s", diag.Report(err))
		}
		return out.Files()
	}
	set := func(name, data string) { site[name] = &fstest.MapFile{Data: []byte(data)} }
	same := func(a, b []byte) bool { return len(a) > 0 && len(a) == len(b) && &a[0] == &b[0] }

	tests := []struct {
		name      string
		edit      func()
		rerender  []string // pages that must be rendered again
		unchanged []string // pages that must come from the cache
	}{
		{"nothing changed", func() {}, nil, []string{"first/index.html", "guides/second/index.html", "index.html"}},
		{"one page's body", func() {
			set("content/guides/second.md", "+++\ntitle = \"Second\"\nweight = 2\ndate = 2026-03-12\n+++\n## How\n\nNew words. Back to [first](../first.md).\n")
		}, []string{"guides/second/index.html"}, []string{"first/index.html", "index.html", "404.html"}},
		{"a title, shown in every page's navigation", func() {
			set("content/first.md", "+++\ntitle = \"First, renamed\"\nweight = 1\n+++\nShort.\n")
		}, []string{"first/index.html", "guides/second/index.html", "index.html"}, nil},
		{"a layout", func() {
			set("layouts/partials/footer.html", "<footer class=\"site-footer\"><p>Another footer</p></footer>\n")
		}, []string{"first/index.html", "guides/second/index.html", "index.html", "404.html"}, nil},
	}
	prev := buildWith(cache)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.edit()
			got := buildWith(cache)
			want := buildWith(nil)
			if len(got) != len(want) {
				t.Fatalf("%d files with the cache, %d without", len(got), len(want))
			}
			for n, b := range want {
				if !bytes.Equal(got[n], b) {
					t.Errorf("%s differs from a build without the cache", n)
				}
			}
			for _, n := range tt.unchanged {
				if !same(got[n], prev[n]) {
					t.Errorf("%s was rendered again although nothing it shows changed", n)
				}
			}
			for _, n := range tt.rerender {
				if same(got[n], prev[n]) {
					t.Errorf("%s came from the cache although its inputs changed", n)
				}
			}
			prev = got
		})
	}
}

// TestCacheFollowsEveryInputFile changes each file a build reads, one at a time, and
// builds again with the cache of the build before: the output must be byte for byte a
// build without a cache, so no page is served stale whichever input changed, and must
// differ from the build before, so the change counted. Then it puts the file back and
// checks the same again. It does so for a site over the built-in theme (changing the
// site's files and the theme's) and for the built-in site alone, with and without Minify.
func TestCacheFollowsEveryInputFile(t *testing.T) {
	basic, _ := fixture(t, "testdata/sites/basic.txtar")
	theme := fstest.MapFS{}
	if err := fs.WalkDir(playbook.DefaultSite, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(playbook.DefaultSite, p)
		theme[p] = &fstest.MapFile{Data: b}
		return err
	}); err != nil {
		t.Fatal(err)
	}
	// inputs lists the files of each layer a build of site reads.
	inputs := func(site fstest.MapFS) map[string]fstest.MapFS {
		in := map[string]fstest.MapFS{}
		for name := range site {
			in[name] = site
		}
		for name := range theme {
			theirs := strings.HasPrefix(name, "layouts/") || strings.HasPrefix(name, "static/")
			if site == nil || theirs && site[name] == nil {
				in[name] = theme
			}
		}
		for name := range in {
			if rel, ok := strings.CutPrefix(name, sitefs.StaticDir+"/"); ok && sitefs.IsTestFile(rel) {
				delete(in, name) // never published
			}
		}
		return in
	}
	sameFiles := func(a, b map[string][]byte) bool {
		if len(a) != len(b) {
			return false
		}
		for n, x := range a {
			if y, ok := b[n]; !ok || !bytes.Equal(x, y) {
				return false
			}
		}
		return true
	}
	// seen says a change to the file showed in some build: a layout one site does not use
	// shows in the other's.
	seen := map[string]bool{}
	for _, tc := range []struct {
		name string
		site fstest.MapFS // nil: the built-in site alone
	}{{"basic over the theme", basic}, {"the built-in site", nil}} {
		for _, minify := range []bool{false, true} {
			if minify && testing.Short() {
				continue // a minified build bundles the scripts: a few seconds more for each file
			}
			src := sitefs.Source{Defaults: theme}
			if tc.site != nil {
				src.Site = tc.site
			}
			buildWith := func(t *testing.T, c *generator.Cache) map[string][]byte {
				t.Helper()
				out := &output.MemoryOutput{}
				if _, err := generator.Build(context.Background(), src, generator.Options{Cache: c, Minify: minify}, out); err != nil {
					t.Fatalf("build:\n%s", diag.Report(err))
				}
				return out.Files()
			}
			cache := generator.NewCache()
			prev := buildWith(t, cache)
			in := inputs(tc.site)
			for _, name := range slices.Sorted(maps.Keys(in)) {
				layer := in[name]
				if _, ok := seen[name]; !ok {
					seen[name] = false
				}
				t.Run(fmt.Sprintf("%s/minify=%v/%s", tc.name, minify, name), func(t *testing.T) {
					orig := layer[name].Data
					layer[name] = &fstest.MapFile{Data: changed(name, orig)}
					got := buildWith(t, cache)
					if !sameFiles(got, buildWith(t, nil)) {
						t.Errorf("after changing %s, the build with the cache differs from one without", name)
					}
					if !sameFiles(got, prev) || bytes.Contains(orig, []byte("draft = true")) {
						seen[name] = true
					}
					layer[name] = &fstest.MapFile{Data: orig}
					if back := buildWith(t, cache); !sameFiles(back, prev) {
						t.Errorf("after putting %s back, the build with the cache differs from the first", name)
					}
				})
			}
		}
	}
	for name, ok := range seen {
		if !ok {
			t.Errorf("changing %s changed nothing in any output; the test's change is not one a reader sees", name)
		}
	}
}

// changed returns a file's bytes with a change a reader of some output file sees.
func changed(name string, b []byte) []byte {
	s := string(b)
	switch {
	case strings.Contains(s, "title = \""):
		return []byte(strings.Replace(s, "title = \"", "title = \"Changed ", 1))
	case strings.HasSuffix(name, ".md"):
		return append(b, "\nA changed sentence.\n"...)
	case strings.HasSuffix(name, ".html") && strings.Contains(s, "</"):
		return []byte(strings.Replace(s, "</", "changed</", 1))
	case strings.HasSuffix(name, ".css"):
		return append(b, "\n.changed { color: red }\n"...)
	case strings.HasSuffix(name, ".js"), strings.HasSuffix(name, ".mjs"):
		return append(b, "\nexport const changed = 1;\n"...)
	}
	return append(b, '\n', 'x')
}
