package serve

import (
	"bufio"
	"bytes"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// FuzzServePath sends arbitrary request targets to the handler, at the root and under a
// base path. It must answer every one without panicking, with a known status; a 200 is
// exactly a file of the build (a page with the reload script injected); a redirect stays on
// this host; and no target with a "." or ".." segment, a backslash or an encoded slash is
// ever served.
func FuzzServePath(f *testing.F) {
	for _, s := range []string{
		"/", "/chaser", "/chaser/", "/css/site.css", "/careers", "/careers/chaser", "/careers/../etc/passwd",
		"/%2e%2e/%2e%2e/etc/passwd", "/..%2fsite.toml", "//evil.example/", "/\\evil.example", "/a/./b",
		"/css%2Fsite.css", "/chaser?x=1", "/%00", "/__playbook/reload.js", "*", "http://other.example/chaser",
		"/chaser//", "/index.html", "/%zz",
	} {
		f.Add(s, false)
		f.Add(s, true)
	}
	f.Fuzz(func(t *testing.T, target string, underBase bool) {
		base := "/"
		if underBase {
			base = "/careers/"
		}
		sn := siteSnapshot(base)
		s := handlerFor(sn)
		req, err := http.ReadRequest(bufio.NewReader(strings.NewReader("GET " + target + " HTTP/1.1\r\nHost: localhost\r\n\r\n")))
		if err != nil || req.URL.Path == eventsPath {
			return // net/http itself answers 400; the event stream is the load test's
		}
		rec := httptest.NewRecorder()
		s.ServeHTTP(rec, req)
		body := rec.Body.Bytes()
		switch rec.Code {
		case http.StatusOK:
			if req.URL.Path == scriptPath {
				return
			}
			if _, ok := safePath(req); !ok {
				t.Fatalf("%q (path %q) was served", target, req.URL.Path)
			}
			for _, data := range sn.files {
				if bytes.Equal(body, data) || bytes.Equal(body, inject(data, sn.id)) {
					return
				}
			}
			t.Fatalf("%q answered 200 with bytes that are no file of the build: %.100q", target, body)
		case http.StatusMovedPermanently:
			loc := rec.Header().Get("Location")
			if !strings.HasPrefix(loc, "/") || strings.HasPrefix(loc, "//") || strings.HasPrefix(loc, "/\\") {
				t.Fatalf("%q redirects off the host, to %q", target, loc)
			}
		case http.StatusNotFound:
			if !bytes.Equal(body, inject(sn.files["404.html"], sn.id)) && !bytes.Equal(body, sn.files["404.html"]) {
				t.Fatalf("%q: 404 without the site's 404 page: %.100q", target, body)
			}
		case http.StatusBadRequest:
			if _, ok := safePath(req); ok {
				t.Fatalf("%q refused as unsafe, but safePath accepts it", target)
			}
		default:
			t.Fatalf("%q: status %d", target, rec.Code)
		}
	})
}
