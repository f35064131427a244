package publish

import (
	"context"
	"encoding/json"
	"io/fs"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"
)

const testSW = `// the service worker
const BUILD = "__PLAYBOOK_BUILD__";
const ASSETS = ["__PLAYBOOK_PRECACHE__"];
self.addEventListener("install", () => console.log(BUILD, ASSETS));
`

var swValues = regexp.MustCompile(`BUILD\s*=\s*("[^"]*")[\s\S]*ASSETS\s*=\s*(\[[^\]]*\])`)

// readSW publishes files (under static/) and returns the service worker's version and
// list of files to cache, and the published names.
func readSW(t *testing.T, files map[string]string, minified bool) (string, []string, *Static) {
	t.Helper()
	fsys := fstest.MapFS{}
	for n, b := range files {
		fsys["static/"+n] = &fstest.MapFile{Data: []byte(b)}
	}
	st, err := ReadStatic(context.Background(), []fs.FS{fsys}, minified)
	if err != nil {
		t.Fatal(err)
	}
	m := swValues.FindSubmatch(st.files[ServiceWorker])
	if m == nil {
		t.Fatalf("the published service worker has no BUILD and ASSETS:\n%s", st.files[ServiceWorker])
	}
	var version string
	var list []string
	if err := json.Unmarshal(m[1], &version); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(m[2], &list); err != nil {
		t.Fatal(err)
	}
	return version, list, st
}

func TestServiceWorkerPrecache(t *testing.T) {
	site := map[string]string{
		"sw.js":                testSW,
		"css/site.css":         "body { color: red }",
		"js/app.js":            `import { x } from "./lib.js"; x();`,
		"js/lib.js":            "export const x = () => 1;",
		"js/lib.test.mjs":      "test",
		"favicon.svg":          `<svg xmlns="http://www.w3.org/2000/svg"></svg>`,
		"manifest.webmanifest": `{"name": "x"}`,
		"_headers":             "/*\n  X: y\n",
		"report.pdf":           "%PDF",
	}
	for _, minified := range []bool{false, true} {
		version, list, st := readSW(t, site, minified)
		if !regexp.MustCompile(`^[0-9a-f]{16}$`).MatchString(version) {
			t.Errorf("minified=%v: the version is %q, want 16 hex digits", minified, version)
		}
		want := []string{"css/site.css", "favicon.svg", "js/app.js", "js/lib.js", "manifest.webmanifest"}
		if minified {
			// lib.js is bundled into app.js's file, the one page script.
			want = []string{st.assets["css/site.css"], "favicon.svg", st.assets["js/app.js"], "manifest.webmanifest"}
			if st.assets[ServiceWorker] != "" {
				t.Errorf("the service worker is fingerprinted as %s: it must keep its one address", st.assets[ServiceWorker])
			}
		}
		if strings.Join(list, " ") != strings.Join(want, " ") {
			t.Errorf("minified=%v: caches %q, want %q", minified, list, want)
		}
		for _, n := range list {
			if !st.Has(n) {
				t.Errorf("minified=%v: caches %s, which is not published", minified, n)
			}
		}
		// The same files are the same version. With fingerprints, a changed module is a
		// new version (its name changes); without, only a new file is, as a file that keeps
		// its name is fetched from the network first.
		again, _, _ := readSW(t, site, minified)
		edited, added := map[string]string{}, map[string]string{"js/new.js": "export {};"}
		for k, v := range site {
			edited[k], added[k] = v, v
		}
		edited["js/lib.js"] = "export const x = () => 2;"
		afterEdit, _, _ := readSW(t, edited, minified)
		afterAdd, _, _ := readSW(t, added, minified)
		if again != version || afterAdd == version || (afterEdit == version) == minified {
			t.Errorf("minified=%v: versions %s, %s (same files), %s (a module edited), %s (one added)", minified, version, again, afterEdit, afterAdd)
		}
	}
}

func TestNoServiceWorker(t *testing.T) {
	fsys := fstest.MapFS{"static/js/a.js": &fstest.MapFile{Data: []byte("const a = '__PLAYBOOK_BUILD__';")}}
	st, err := ReadStatic(context.Background(), []fs.FS{fsys}, true)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(st.files["js/a.js"]), "__PLAYBOOK_BUILD__") {
		t.Error("a file other than sw.js was rewritten")
	}
}
