package publish

import (
	"context"
	"encoding/json"
	"io/fs"
	"path"
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
	st, err := ReadStatic(context.Background(), []fs.FS{fsys}, nil, nil, minified)
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
	st, err := ReadStatic(context.Background(), []fs.FS{fsys}, nil, nil, true)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(st.files["js/a.js"]), "__PLAYBOOK_BUILD__") {
		t.Error("a file other than sw.js was rewritten")
	}
}

// TestServiceWorkerPageFiles: a service worker that lists its page's files caches, with
// Minify, those only, each script with every chunk it may load, at once or on demand, and
// no other page's script; without Minify, every stylesheet and script, as without a list.
func TestServiceWorkerPageFiles(t *testing.T) {
	site := map[string]string{
		"sw.js":                strings.Replace(testSW, `["__PLAYBOOK_PRECACHE__"]`, `["__PLAYBOOK_PRECACHE__", "css/app.css", "js/app.js"]`, 1),
		"css/app.css":          "main { color: red }",
		"css/other.css":        "main { color: blue }",
		"js/app.js":            `import { x } from "./lib.js"; x(); document.onclick = () => import("./rare.js").then((m) => m.y());`,
		"js/other.js":          `import { x } from "./lib.js"; x(2);`,
		"js/lib.js":            "export const x = (n) => console.log(n);",
		"js/rare.js":           `import { z } from "./deep.js"; export const y = () => z();`,
		"js/deep.js":           "export const z = () => 3;",
		"favicon.svg":          `<svg xmlns="http://www.w3.org/2000/svg"></svg>`,
		"icons/icon.png":       "png",
		"manifest.webmanifest": `{"name": "x"}`,
	}
	_, list, st := readSW(t, site, true)
	cached := map[string]bool{}
	for _, n := range list {
		cached[n] = true
		if !st.Has(n) {
			t.Errorf("caches %s, which is not published", n)
		}
	}
	for _, n := range []string{st.assets["css/app.css"], st.assets["js/app.js"], "favicon.svg", "icons/icon.png", "manifest.webmanifest"} {
		if !cached[n] {
			t.Errorf("does not cache %s: %q", n, list)
		}
	}
	if cached[st.assets["css/other.css"]] || cached[st.assets["js/other.js"]] {
		t.Errorf("caches another page's files: %q", list)
	}
	// app.js's closure: the chunk it shares with other.js, and rare.js's file (with deep.js)
	// it loads on demand: every published script but other.js's.
	var scripts int
	for n := range st.files {
		if path.Ext(n) == ".js" && n != ServiceWorker && regexp.MustCompile(`\.[A-Z0-9]{8}\.js$`).MatchString(n) {
			scripts++
			if !cached[n] && n != st.assets["js/other.js"] {
				t.Errorf("does not cache %s, which app.js loads: %q", n, list)
			}
		}
	}
	if scripts != 4 {
		t.Errorf("the build published %d scripts, want 4 (app.js's, other.js's, the chunk they share, rare.js's)", scripts)
	}
	if !regexp.MustCompile(`\.[A-Z0-9]{8}\.js$`).MatchString(st.assets["js/app.js"]) {
		t.Errorf("app.js is published as %s, not named by esbuild's hash as sw.js's immutable expects", st.assets["js/app.js"])
	}
	_, all, _ := readSW(t, site, false)
	if want := []string{"css/app.css", "css/other.css", "favicon.svg", "icons/icon.png", "js/app.js", "js/deep.js", "js/lib.js", "js/other.js", "js/rare.js", "manifest.webmanifest"}; strings.Join(all, " ") != strings.Join(want, " ") {
		t.Errorf("without Minify caches %q, want %q", all, want)
	}
}
