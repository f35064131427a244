package generator_test

import (
	"bytes"
	"context"
	"testing"
	"testing/fstest"

	playbook "github.com/followup-playbook/playbook"
	"github.com/followup-playbook/playbook/generator"
	"github.com/followup-playbook/playbook/generator/diag"
	"github.com/followup-playbook/playbook/generator/output"
	"github.com/followup-playbook/playbook/generator/sitefs"
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
