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
