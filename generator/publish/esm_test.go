package publish

import (
	"strings"
	"testing"
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
	m := newMinifier()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, err := m.Bytes("application/javascript", []byte(tt.src))
			if err != nil {
				t.Fatal(err)
			}
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
