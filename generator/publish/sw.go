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
var (
	buildMarker    = regexp.MustCompile(`(["'])__PLAYBOOK_BUILD__["']`)
	precacheMarker = regexp.MustCompile(`\[\s*(["'])__PLAYBOOK_PRECACHE__["']\s*\]`)
)

// precached are the extensions of the static files a service worker caches on install:
// what pages are drawn with, not the downloads a site may also hold.
var precached = map[string]bool{".css": true, ".js": true, ".mjs": true, ".svg": true, ".png": true, ".ico": true, ".webmanifest": true, ".woff2": true}

// serviceWorker writes into the service worker, when the site has one, the build's version
// (a hash of every other static file's name and bytes, so any change to them is a new
// service worker, which replaces the cached files) and the files to cache: the CSS and
// JavaScript under the names pages link to (fingerprinted with Minify), and the icons.
func (st *Static) serviceWorker() {
	sw, ok := st.files[ServiceWorker]
	if !ok {
		return
	}
	names := make([]string, 0, len(st.files))
	for n := range st.files {
		if n != ServiceWorker {
			names = append(names, n)
		}
	}
	sort.Strings(names)
	h := sha256.New()
	var list []string
	published := map[string]bool{}
	for _, n := range st.assets {
		published[n] = true
	}
	for _, n := range names {
		h.Write([]byte(n))
		h.Write([]byte{0})
		h.Write(st.files[n])
		h.Write([]byte{0})
		base := path.Base(n)
		if !precached[path.Ext(n)] || strings.HasPrefix(base, "_") || strings.HasPrefix(base, ".") {
			continue
		}
		// With fingerprints, a CSS or JavaScript file is cached under the name pages use.
		if st.assets != nil && fingerprinted[path.Ext(n)] && !published[n] {
			continue
		}
		list = append(list, n)
	}
	version, _ := json.Marshal(hex.EncodeToString(h.Sum(nil))[:16])
	files, _ := json.Marshal(list)
	sw = buildMarker.ReplaceAllLiteral(sw, version)
	sw = precacheMarker.ReplaceAllLiteral(sw, files)
	st.files[ServiceWorker] = sw
}
