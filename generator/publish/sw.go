package publish

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"path"
	"regexp"
	"sort"
	"strings"
)

// ServiceWorker is the static file that holds the site's service worker (static/sw.js).
// It is published under its own name only, never fingerprinted: a browser finds a new
// build by fetching it again under the same address, at the site's root, so that its
// scope is the site's base path.
const ServiceWorker = "sw.js"

// The markers the build replaces in the service worker, as string literals so that they
// survive minification: the build's version, and the list of files to cache.
// The precache marker may be followed, in its list, by the static files the service
// worker's page needs (["__PLAYBOOK_PRECACHE__", "js/companion.js", "css/site.css"]): the
// build then caches those, under their published names, rather than every stylesheet and
// script of the site.
var (
	buildMarker    = regexp.MustCompile(`(["'])__PLAYBOOK_BUILD__["']`)
	precacheMarker = regexp.MustCompile(`\[\s*(["'])__PLAYBOOK_PRECACHE__["']\s*((?:,\s*["'][^"'\]]*["']\s*)*),?\s*\]`)
	listedFile     = regexp.MustCompile(`["']([^"']*)["']`)
)

// precached are the extensions of the static files a service worker caches on install:
// what pages are drawn with, not the downloads a site may also hold.
var precached = map[string]bool{".css": true, ".js": true, ".mjs": true, ".svg": true, ".png": true, ".ico": true, ".webmanifest": true, ".woff2": true}

// serviceWorker writes into the service worker, when the site has one, the files to cache
// (the CSS and JavaScript under the names pages link to, fingerprinted with Minify, and
// the icons and manifest) and the build's version, a hash of that list. With Minify a
// changed stylesheet or module has a new name, so a new list and a new service worker,
// which caches the new files and drops the old build's cache. A file that keeps its name
// (every file without Minify, an icon) is fetched from the network first by the service
// worker, so a new copy replaces the cached one whenever the site can be reached; the
// version needs no hash of its bytes, and a build that patches one static file (the dev
// server's) leaves sw.js as a full build would make it.
//
// When the marker lists the page's files (see precacheMarker), with Minify the stylesheets
// and scripts cached are those only: each listed stylesheet, and each listed script's
// bundle with every chunk it may load, at once or on demand (closure, bundled's), so the
// page works offline and no other page's scripts are fetched. Without Minify, whose modules
// are not bundled, they are every stylesheet and script, as without a list.
//
// hashed names the files published under names after their content, and closure lists
// what a published script may load (both nil without Minify).
func (st *Static) serviceWorker(hashed map[string]bool, closure func(string) []string) {
	sw, ok := st.files[ServiceWorker]
	if !ok {
		return
	}
	var listed map[string]bool
	if m := precacheMarker.FindSubmatch(sw); m != nil && hashed != nil && len(m[2]) > 0 {
		listed = map[string]bool{}
		for _, f := range listedFile.FindAllSubmatch(m[2], -1) {
			name := string(f[1])
			if pub, ok := st.assets[name]; ok {
				name = pub
			}
			listed[name] = true
			for _, n := range closure(name) {
				listed[n] = true
			}
		}
	}
	list := []string{}
	for n := range st.files {
		base := path.Base(n)
		if n == ServiceWorker || !precached[path.Ext(n)] || strings.HasPrefix(base, "_") || strings.HasPrefix(base, ".") {
			continue
		}
		ext := path.Ext(n)
		code := ext == ".css" || ext == ".js" || ext == ".mjs"
		// With Minify, a stylesheet or script is cached under the hashed name pages use
		// (a bundle, or a chunk a bundle loads), not under its own.
		if hashed != nil && code && !hashed[n] {
			continue
		}
		if listed != nil && code && !listed[n] {
			continue
		}
		list = append(list, n)
	}
	sort.Strings(list)
	files, _ := json.Marshal(list)
	sum := sha256.Sum256(files)
	version, _ := json.Marshal(hex.EncodeToString(sum[:8]))
	sw = buildMarker.ReplaceAllLiteral(sw, version)
	sw = precacheMarker.ReplaceAllLiteral(sw, files)
	st.files[ServiceWorker] = sw
}
