package serve

import (
	"errors"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/followup-playbook/playbook/generator/diag"
)

// handlerFor serves a fixed snapshot, without building or watching anything.
func handlerFor(sn *snapshot) *Server {
	s := &Server{hub: newHub()}
	s.cur.Store(sn)
	return s
}

func siteSnapshot(base string) *snapshot {
	return &snapshot{id: "t.1", base: base, files: map[string][]byte{
		"index.html":         []byte("<!doctype html><html><body><h1>Home</h1></body></html>"),
		"chaser/index.html":  []byte("<html><BODY>Chaser</BODY></html>"),
		"404.html":           []byte("<html><body>Nothing here</body></html>"),
		"css/site.css":       []byte("body{}"),
		"js/app.js":          []byte("1"),
		"rules.json":         []byte("{}"),
		"img/dot.svg":        []byte("<svg/>"),
		"files/plan.ics":     []byte("BEGIN:VCALENDAR"),
		"fragment.html":      []byte("<p>no body tag</p>"),
		"fonts/a.woff2":      []byte("wOF2"),
		"data/unknown.zzz42": []byte("\x00\x01binary"),
	}}
}

func TestHandler(t *testing.T) {
	for _, tc := range []struct {
		name     string
		base     string
		method   string
		target   string
		status   int
		ctype    string
		location string
		body     string // a part of the body
		script   bool   // the reload script is injected
	}{
		{"home", "/", "GET", "/", 200, "text/html; charset=utf-8", "", "<h1>Home</h1>", true},
		{"page", "/", "GET", "/chaser/", 200, "text/html; charset=utf-8", "", "Chaser", true},
		{"page by file", "/", "GET", "/chaser/index.html", 200, "text/html; charset=utf-8", "", "Chaser", true},
		{"folder without slash", "/", "GET", "/chaser", 301, "", "/chaser/", "", false},
		{"folder without slash keeps the query", "/", "GET", "/chaser?x=1", 301, "", "/chaser/?x=1", "", false},
		{"missing page", "/", "GET", "/nope/", 404, "text/html; charset=utf-8", "", "Nothing here", true},
		{"missing file", "/", "GET", "/nope.css", 404, "text/html; charset=utf-8", "", "Nothing here", true},
		{"css", "/", "GET", "/css/site.css", 200, "text/css; charset=utf-8", "", "body{}", false},
		{"js", "/", "GET", "/js/app.js", 200, "text/javascript; charset=utf-8", "", "1", false},
		{"json", "/", "GET", "/rules.json", 200, "application/json", "", "{}", false},
		{"svg", "/", "GET", "/img/dot.svg", 200, "image/svg+xml", "", "<svg/>", false},
		{"ics", "/", "GET", "/files/plan.ics", 200, "text/calendar; charset=utf-8", "", "BEGIN", false},
		{"woff2", "/", "GET", "/fonts/a.woff2", 200, "font/woff2", "", "wOF2", false},
		{"unknown type is sniffed", "/", "GET", "/data/unknown.zzz42", 200, "application/octet-stream", "", "", false},
		{"html without body", "/", "GET", "/fragment.html", 200, "text/html; charset=utf-8", "", "<p>no body tag</p>", true},
		{"head", "/", "HEAD", "/chaser/", 200, "text/html; charset=utf-8", "", "", false},
		{"post", "/", "POST", "/chaser/", 405, "", "", "", false},
		{"reload script", "/", "GET", "/__playbook/reload.js", 200, "text/javascript; charset=utf-8", "", "EventSource", false},
		{"base path home", "/careers/", "GET", "/careers/", 200, "text/html; charset=utf-8", "", "<h1>Home</h1>", true},
		{"base path page", "/careers/", "GET", "/careers/chaser/", 200, "text/html; charset=utf-8", "", "Chaser", true},
		{"root to base path", "/careers/", "GET", "/", 301, "", "/careers/", "", false},
		{"base path without slash", "/careers/", "GET", "/careers", 301, "", "/careers/", "", false},
		{"outside the base path", "/careers/", "GET", "/chaser/", 404, "text/html; charset=utf-8", "", "Nothing here", true},
		{"dot dot", "/", "GET", "/../site.toml", 400, "", "", "", false},
		{"encoded dot dot", "/", "GET", "/%2e%2e/site.toml", 400, "", "", "", false},
		{"encoded slash", "/", "GET", "/..%2fsite.toml", 400, "", "", "", false},
		{"encoded slash in a name", "/", "GET", "/css%2fsite.css", 400, "", "", "", false},
		{"backslash", "/", "GET", "/..%5csite.toml", 400, "", "", "", false},
		{"dot", "/", "GET", "/./css/site.css", 400, "", "", "", false},
		{"inner dot dot", "/", "GET", "/css/../css/site.css", 400, "", "", "", false},
		{"nul", "/", "GET", "/css/site.css%00", 400, "", "", "", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := handlerFor(siteSnapshot(tc.base))
			req := httptest.NewRequest(tc.method, "http://x"+tc.target, nil)
			rec := httptest.NewRecorder()
			s.ServeHTTP(rec, req)
			resp := rec.Result()
			body := rec.Body.String()
			if resp.StatusCode != tc.status {
				t.Fatalf("%s %s: %d, want %d; body %q", tc.method, tc.target, resp.StatusCode, tc.status, body)
			}
			if tc.ctype != "" && resp.Header.Get("Content-Type") != tc.ctype {
				t.Errorf("Content-Type %q, want %q", resp.Header.Get("Content-Type"), tc.ctype)
			}
			if resp.Header.Get("Location") != tc.location {
				t.Errorf("Location %q, want %q", resp.Header.Get("Location"), tc.location)
			}
			if !strings.Contains(body, tc.body) {
				t.Errorf("body %q lacks %q", body, tc.body)
			}
			tag := `<script src="/__playbook/reload.js?v=t.1" defer></script>`
			if got := strings.Contains(body, tag); got != tc.script {
				t.Errorf("script injected: %v, want %v; body %q", got, tc.script, body)
			}
			if tc.method == "HEAD" && (body != "" || resp.Header.Get("Content-Length") == "0") {
				t.Errorf("HEAD: body %q, Content-Length %s", body, resp.Header.Get("Content-Length"))
			}
			if resp.Header.Get("X-Content-Type-Options") != "nosniff" {
				t.Error("no X-Content-Type-Options: nosniff")
			}
		})
	}
}

func TestInject(t *testing.T) {
	for _, tc := range []struct{ page, want string }{
		{"<html><body>x</body></html>", `<html><body>x<script src="/__playbook/reload.js?v=1" defer></script>` + "\n</body></html>"},
		{"<BODY>x</Body>", `<BODY>x<script src="/__playbook/reload.js?v=1" defer></script>` + "\n</Body>"},
		{"<body>a</body><p>`</body>` in code</p></body>", "<body>a</body><p>`</body>` in code</p>" + `<script src="/__playbook/reload.js?v=1" defer></script>` + "\n</body>"},
		{"<p>x", "<p>x" + `<script src="/__playbook/reload.js?v=1" defer></script>` + "\n"},
	} {
		if got := string(inject([]byte(tc.page), "1")); got != tc.want {
			t.Errorf("inject(%q) =\n%q, want\n%q", tc.page, got, tc.want)
		}
	}
}

// TestErrorState: while the last build failed, pages answer 500 with the problems, and
// other files still come from the last good build.
func TestErrorState(t *testing.T) {
	sn := siteSnapshot("/")
	sn.err = errors.Join(
		&diag.Error{Path: "content/chaser.md", Line: 3, Col: 9, Msg: "expected a value", Source: `draft = <script>alert(1)</script>`},
		errors.New("a plain error & no position"),
	)
	sn.errPage = errorPage(sn.id, sn.err)
	s := handlerFor(sn)
	for _, tc := range []struct {
		target string
		status int
		want   string
	}{
		{"/chaser/", 500, "content/chaser.md:3:9"},
		{"/", 500, "draft = &lt;script&gt;alert(1)&lt;/script&gt;"},
		{"/new-page/", 500, "a plain error &amp; no position"},
		{"/new-page", 500, "expected a value"},
		{"/css/site.css", 200, "body{}"},
		{"/missing.css", 404, "Nothing here"},
	} {
		rec := httptest.NewRecorder()
		s.ServeHTTP(rec, httptest.NewRequest("GET", "http://x"+tc.target, nil))
		if rec.Code != tc.status || !strings.Contains(rec.Body.String(), tc.want) {
			t.Errorf("GET %s: %d, want %d with %q:\n%s", tc.target, rec.Code, tc.status, tc.want, rec.Body)
		}
		if strings.Contains(rec.Body.String(), "<script>alert") {
			t.Errorf("GET %s: the source line is not escaped", tc.target)
		}
	}
	page := string(sn.errPage)
	for _, want := range []string{
		"2 problem(s)",
		"        ^", // the caret under column 9
		`<script src="/__playbook/reload.js?v=t.1" defer></script>`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the error page lacks %q:\n%s", want, page)
		}
	}
}

func TestNoBuildYet(t *testing.T) {
	s := &Server{hub: newHub()}
	rec := httptest.NewRecorder()
	s.ServeHTTP(rec, httptest.NewRequest("GET", "http://x/", nil))
	if rec.Code != http.StatusServiceUnavailable {
		t.Errorf("status %d, want 503", rec.Code)
	}
}

func TestChangedOutputs(t *testing.T) {
	old := map[string][]byte{"a.html": []byte("1"), "b.css": []byte("1"), "c.js": []byte("1")}
	new := map[string][]byte{"a.html": []byte("1"), "b.css": []byte("2"), "d.css": []byte("1")}
	got := changedOutputs(old, new)
	if !slices.Equal(got, []string{"b.css", "c.js", "d.css"}) {
		t.Errorf("changedOutputs = %q", got)
	}
	if allCSS(got) || !allCSS([]string{"b.css", "x/y.css"}) {
		t.Error("allCSS is wrong")
	}
}

func TestMergePaths(t *testing.T) {
	for _, tc := range []struct{ a, b, want []string }{
		{nil, []string{"x"}, []string{"x"}},
		{[]string{"a", "b"}, []string{"c"}, []string{"a", "b", "c"}},
		{[]string{"a", "b"}, []string{"a"}, []string{"b", "a"}},
		{[]string{"a", "b", "c"}, []string{"b", "d"}, []string{"a", "c", "b", "d"}},
	} {
		if got := mergePaths(tc.a, tc.b); !slices.Equal(got, tc.want) {
			t.Errorf("mergePaths(%q, %q) = %q, want %q", tc.a, tc.b, got, tc.want)
		}
	}
}

func TestSourceURL(t *testing.T) {
	site := fstest.MapFS{
		"content/_index.md":               {Data: []byte("+++\ntitle = \"Home\"\n+++\n")},
		"content/chaser.md":               {Data: []byte("+++\ntitle = \"Chaser\"\n+++\n")},
		"content/a/b.md":                  {Data: []byte("+++\ntitle = \"B\"\n+++\n")},
		"content/a/_index.md":             {Data: []byte("+++\ntitle = \"A\"\n+++\n")},
		"content/slug.md":                 {Data: []byte("+++\ntitle = \"S\"\nslug = \"other\"\n+++\n")},
		"content/broken.md":               {Data: []byte("+++\ntitle = \n+++\n")},
		"content/messages/thank-you.toml": {Data: []byte("id = \"thank-you\"\n")},
	}
	for _, tc := range []struct {
		rel, want string
		ok        bool
	}{
		{"content/_index.md", "", true},
		{"content/chaser.md", "chaser/", true},
		{"content/a/b.md", "a/b/", true},
		{"content/a/_index.md", "a/", true},
		{"content/slug.md", "other/", true},
		{"content/broken.md", "broken/", true},
		{"content/messages/thank-you.toml", "templates/thank-you/", true},
		{"content/gone.md", "", false},
		{"layouts/page.html", "", false},
		{"static/css/site.css", "", false},
		{"site.toml", "", false},
	} {
		got, ok := sourceURL(site, tc.rel)
		if got != tc.want || ok != tc.ok {
			t.Errorf("sourceURL(%q) = %q, %v; want %q, %v", tc.rel, got, ok, tc.want, tc.ok)
		}
	}
}

func TestRound(t *testing.T) {
	for _, tc := range []struct {
		d    time.Duration
		want string
	}{
		{850*time.Microsecond + 300, "850µs"},
		{3*time.Millisecond + 140*time.Microsecond, "3.1ms"},
		{212*time.Millisecond + 960*time.Microsecond, "213ms"},
		{1234 * time.Millisecond, "1.23s"},
	} {
		if got := round(tc.d); got != tc.want {
			t.Errorf("round(%v) = %q, want %q", tc.d, got, tc.want)
		}
	}
}

func TestEventEncoding(t *testing.T) {
	for _, tc := range []struct {
		ev   event
		want string
	}{
		{event{name: "hello", build: "a.1"}, "event: hello\ndata: {\"build\":\"a.1\"}\n\n"},
		{event{name: "reload", build: "a.2", path: "/x/"}, "event: reload\ndata: {\"build\":\"a.2\",\"path\":\"/x/\"}\n\n"},
		{event{name: "css", build: "a.3", hrefs: []string{"/css/site.css"}}, "event: css\ndata: {\"build\":\"a.3\",\"hrefs\":[\"/css/site.css\"]}\n\n"},
	} {
		if got := string(tc.ev.encode()); got != tc.want {
			t.Errorf("encode = %q, want %q", got, tc.want)
		}
	}
}
