package serve

import (
	"bytes"
	_ "embed"
	"mime"
	"net/http"
	"path"
	"strconv"
	"strings"

	"github.com/followup-playbook/playbook/generator"
)

// The server's own addresses, outside any site's base path.
const (
	internalPrefix = "/__playbook/"
	scriptPath     = internalPrefix + "reload.js"
	eventsPath     = internalPrefix + "events"
)

//go:embed reload.js
var reloadJS string

// ServeHTTP answers from the current build in memory: a URL is only ever a key into the
// build's files, so nothing outside the build can be served.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("X-Content-Type-Options", "nosniff")
	// The preview changes under the browser; it must never answer from its cache.
	w.Header().Set("Cache-Control", "no-store")
	switch r.URL.Path {
	case eventsPath:
		s.serveEvents(w, r)
		return
	case scriptPath:
		serveBytes(w, r, http.StatusOK, "text/javascript; charset=utf-8", []byte(reloadJS))
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	p, ok := safePath(r)
	if !ok {
		http.Error(w, "bad request: the path leaves the site", http.StatusBadRequest)
		return
	}
	sn := s.cur.Load()
	if sn == nil {
		http.Error(w, "the site is still being built", http.StatusServiceUnavailable)
		return
	}
	res := sn.lookup(p)
	if res.redirect != "" {
		if q := r.URL.RawQuery; q != "" {
			res.redirect += "?" + q
		}
		http.Redirect(w, r, res.redirect, http.StatusMovedPermanently)
		return
	}
	html := isHTML(res.name)
	if sn.err != nil && (html && (res.status != http.StatusNotFound || path.Ext(p) == "")) {
		serveBytes(w, r, http.StatusInternalServerError, "text/html; charset=utf-8", sn.errPage)
		return
	}
	data, found := sn.files[res.name]
	if !found {
		serveBytes(w, r, http.StatusNotFound, "text/plain; charset=utf-8", []byte("404 page not found\n"))
		return
	}
	if html {
		expanded, err := generator.Expand(res.name, data)
		if err != nil {
			http.Error(w, "the page kept in memory cannot be read: "+err.Error(), http.StatusInternalServerError)
			return
		}
		data = inject(expanded, sn.id)
	}
	serveBytes(w, r, res.status, contentType(res.name, data), data)
}

func serveBytes(w http.ResponseWriter, r *http.Request, status int, ctype string, data []byte) {
	h := w.Header()
	h.Set("Content-Type", ctype)
	h.Set("Content-Length", strconv.Itoa(len(data)))
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		_, _ = w.Write(data)
	}
}

// safePath returns the request's path, decoded, or false when it has a ".." or "."
// segment, a backslash, a NUL, or an encoded slash: none of those name a file of a build,
// and each is a way to try to step out of one.
func safePath(r *http.Request) (string, bool) {
	p := r.URL.Path
	if !strings.HasPrefix(p, "/") || strings.ContainsAny(p, "\\\x00") {
		return "", false
	}
	raw := strings.ToLower(r.URL.RawPath)
	if strings.Contains(raw, "%2f") || strings.Contains(raw, "%5c") {
		return "", false
	}
	for _, seg := range strings.Split(p[1:], "/") {
		if seg == ".." || seg == "." {
			return "", false
		}
	}
	return p, true
}

// found is what a path resolves to in a build.
type found struct {
	name     string // the file to answer with ("" for none)
	status   int
	redirect string // where to send the browser instead
}

// lookup resolves a clean URL path: the site lives under the base path; a folder is
// answered by its index.html; a folder named without its final slash is redirected to it
// so relative links work; anything else missing gets 404.html with status 404.
func (sn *snapshot) lookup(p string) found {
	if !strings.HasPrefix(p, sn.base) {
		switch {
		case p+"/" == sn.base:
			return found{redirect: sn.base}
		case p == "/":
			return found{redirect: sn.base}
		}
		return found{name: "404.html", status: http.StatusNotFound}
	}
	rel := strings.TrimPrefix(p, sn.base)
	if rel == "" || strings.HasSuffix(rel, "/") {
		name := rel + "index.html"
		if _, ok := sn.files[name]; ok || sn.err != nil {
			return found{name: name, status: http.StatusOK}
		}
		return found{name: "404.html", status: http.StatusNotFound}
	}
	if _, ok := sn.files[rel]; ok {
		return found{name: rel, status: http.StatusOK}
	}
	if _, ok := sn.files[rel+"/index.html"]; ok {
		return found{redirect: p + "/"}
	}
	if sn.err != nil && path.Ext(rel) == "" {
		// Perhaps a page the broken build would have made: show the problems.
		return found{name: rel + "/index.html", status: http.StatusOK}
	}
	return found{name: "404.html", status: http.StatusNotFound}
}

func isHTML(name string) bool {
	return strings.HasSuffix(name, ".html") || strings.HasSuffix(name, ".htm")
}

// contentType fixes the types of what sites serve, so they do not depend on the machine's
// /etc/mime.types; mime.TypeByExtension and then sniffing cover the rest.
func contentType(name string, data []byte) string {
	ext := strings.ToLower(path.Ext(name))
	switch ext {
	case ".html", ".htm":
		return "text/html; charset=utf-8"
	case ".css":
		return "text/css; charset=utf-8"
	case ".js", ".mjs":
		return "text/javascript; charset=utf-8"
	case ".json":
		return "application/json"
	case ".xml":
		return "application/xml; charset=utf-8"
	case ".txt", ".md":
		return "text/plain; charset=utf-8"
	case ".ics":
		return "text/calendar; charset=utf-8"
	case ".svg":
		return "image/svg+xml"
	case ".png":
		return "image/png"
	case ".jpg", ".jpeg":
		return "image/jpeg"
	case ".gif":
		return "image/gif"
	case ".webp":
		return "image/webp"
	case ".ico":
		return "image/x-icon"
	case ".woff2":
		return "font/woff2"
	case ".woff":
		return "font/woff"
	case ".pdf":
		return "application/pdf"
	case ".webmanifest":
		return "application/manifest+json"
	}
	if t := mime.TypeByExtension(ext); t != "" {
		return t
	}
	return http.DetectContentType(data)
}

// inject adds the reload script before the page's last </body>, or at its end. The script
// is a file of its own, not inline, so a page's strict Content-Security-Policy
// (script-src 'self') still lets it run. It carries the build id: a page that reconnects
// to a newer build reloads.
func inject(page []byte, id string) []byte {
	tag := `<script src="` + scriptPath + `?v=` + id + `" defer></script>`
	at := lastIndexFold(page, []byte("</body>"))
	if at < 0 {
		at = len(page)
	}
	out := make([]byte, 0, len(page)+len(tag)+1)
	out = append(out, page[:at]...)
	out = append(out, tag...)
	out = append(out, '\n')
	return append(out, page[at:]...)
}

// lastIndexFold is bytes.LastIndex ignoring ASCII case, for tags written </BODY>.
func lastIndexFold(s, sep []byte) int {
	for i := len(s) - len(sep); i >= 0; i-- {
		if s[i] == '<' && bytes.EqualFold(s[i:i+len(sep)], sep) {
			return i
		}
	}
	return -1
}
