package publish

import (
	"context"
	"io/fs"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
)

// TestScriptMinifier checks that an ES module's own top-level names are shortened, and
// that a classic script keeps its top-level names, which other scripts may call.
func TestScriptMinifier(t *testing.T) {
	tests := []struct {
		name, src string
		keep      []string // must survive minification
		gone      []string // must be shortened away
	}{
		{"module", "function privateHelperName(x) { return x + 1; }\nexport function api(y) { return privateHelperName(y); }\n",
			[]string{"api"}, []string{"privateHelperName"}},
		{"module that only imports", "import { api } from './a.js';\nconst localCounterName = api(1);\nconsole.log(localCounterName);\n",
			[]string{"./a.js", "api"}, []string{"localCounterName"}},
		{"classic script", "function globalHelperName(x) { return x + 1; }\nvar sharedCounterName = globalHelperName(1);\n",
			[]string{"globalHelperName", "sharedCounterName"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st, err := ReadStatic(context.Background(), []fs.FS{fstest.MapFS{"static/js/x.js": {Data: []byte(tt.src)}, "static/js/a.js": {Data: []byte("export const api = (x) => x;\n")}}}, nil, nil, true)
			if err != nil {
				t.Fatal(err)
			}
			out := st.files["js/x.js"]
			for _, k := range tt.keep {
				if !strings.Contains(string(out), k) {
					t.Errorf("%q lost %q:\n%s", tt.src, k, out)
				}
			}
			for _, g := range tt.gone {
				if strings.Contains(string(out), g) {
					t.Errorf("%q kept %q:\n%s", tt.src, g, out)
				}
			}
		})
	}
}

// TestModuleRoots checks that a page's script is a module no other module imports, by a
// static import or an export ... from; a dynamic import() does not make one.
func TestModuleRoots(t *testing.T) {
	files := map[string][]byte{
		"js/page.js":    []byte("import { a } from './lib/a.js';\nimport('./later.js');\n"),
		"js/lib/a.js":   []byte("export { b as a } from '../b.js';\n"),
		"js/b.js":       []byte("export const b = 1;\n"),
		"js/later.js":   []byte("export const l = 1;\n"),
		"js/classic.js": []byte("var g = 1;\n"),
		"css/site.css":  []byte("body{}"),
	}
	mods := readModules(files)
	if _, ok := mods["js/classic.js"]; ok || len(mods) != 4 {
		t.Errorf("modules %v: want the four with import or export", mods)
	}
	if got, want := mods.roots(), []string{"js/later.js", "js/page.js"}; !slices.Equal(got, want) {
		t.Errorf("roots %v, want %v", got, want)
	}
}

// TestModulePreloads: with Minify, a page's script's preloads are the chunks it imports
// with import, at any depth, each published; not those it loads only on demand
// (import()), and not for a script that imports nothing. Without Minify, none.
func TestModulePreloads(t *testing.T) {
	site := fstest.MapFS{
		"static/js/a.js":      {Data: []byte(`import { x } from "./shared.js"; import("./later.js").then(m => m.y(x));`)},
		"static/js/b.js":      {Data: []byte(`import { x } from "./shared.js"; console.log(x);`)},
		"static/js/shared.js": {Data: []byte(`import { z } from "./deep.js"; export const x = z + 1;`)},
		"static/js/deep.js":   {Data: []byte(`export const z = 1;`)},
		"static/js/later.js":  {Data: []byte(`import { z } from "./deep.js"; export const y = v => v + z + "on demand";`)},
		"static/js/alone.js":  {Data: []byte(`console.log(1);`)},
	}
	st, err := ReadStatic(context.Background(), []fs.FS{site}, nil, nil, true)
	if err != nil {
		t.Fatal(err)
	}
	pre := st.Preloads()
	onDemand := ""
	for _, n := range st.Names() {
		if strings.Contains(string(st.files[n]), "on demand") {
			onDemand = n
		}
	}
	if onDemand == "" || slices.Contains(pre["js/a.js"], onDemand) {
		t.Errorf("js/a.js preloads %q; the file it loads on demand is %q", pre["js/a.js"], onDemand)
	}
	if !slices.Equal(pre["js/a.js"], pre["js/b.js"]) {
		t.Errorf("js/a.js preloads %q, js/b.js %q: both import the same modules with import", pre["js/a.js"], pre["js/b.js"])
	}
	for _, page := range []string{"js/a.js", "js/b.js"} {
		if len(pre[page]) == 0 {
			t.Fatalf("%s: no preloads, want the chunk it shares with the other page", page)
		}
		for _, f := range pre[page] {
			if !st.Has(f) {
				t.Errorf("%s: preloads %s, which is not published", page, f)
			}
		}
	}
	if got := pre["js/alone.js"]; got != nil {
		t.Errorf("js/alone.js preloads %q, want none", got)
	}
	st, err = ReadStatic(context.Background(), []fs.FS{site}, nil, nil, false)
	if err != nil {
		t.Fatal(err)
	}
	if st.Preloads() != nil {
		t.Errorf("without Minify: preloads %v, want none (modules are published as they are)", st.Preloads())
	}
}
