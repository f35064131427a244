package generator_test

// The quality gates of the built site (issue 7): every internal link, anchor and asset
// resolves, under a sub-path too; the Nu HTML Checker reports no errors; axe-core reports
// no violations on any page in headless Chromium, with the Content-Security-Policy of
// static/_headers applied and not violated. The Lighthouse gate is qa/lighthouse.mjs.
//
// vnu.jar and axe-core come from qa/node_modules (`npm ci --prefix qa`). Without them, or
// without Java or Chromium, the gates skip loudly; with PLAYBOOK_REQUIRE_BROWSER=1 (CI
// sets it) they fail instead.

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/followup-playbook/playbook/generator"
	"github.com/followup-playbook/playbook/generator/internal/browsertest"
	"github.com/followup-playbook/playbook/generator/output/linkcheck"
)

// qaDir holds the pinned Node packages the gates use.
const qaDir = "../qa/node_modules"

// requireTool skips (or, in CI, fails) when a gate's tool is missing.
func requireTool(t *testing.T, what, how string) {
	t.Helper()
	if os.Getenv(browsertest.RequireEnv) != "" {
		t.Fatalf("%s is missing and %s is set: %s", what, browsertest.RequireEnv, how)
	}
	t.Skipf("SKIPPED QUALITY GATE %s: %s is missing (%s); set %s=1 to make this a failure", t.Name(), what, how, browsertest.RequireEnv)
}

// siteBuilds are the builds every gate looks at: what a host gets (minified, under a
// sub-path with a host) and the plain build at the root.
var siteBuilds = []struct {
	name string
	base string
	min  bool
}{
	{"subpath-minified", "https://example.org/careers/playbook/", true},
	{"root", "/", false},
}

// TestLinksResolve checks every href and src of every page: internal ones must name a
// file of the build (a folder's index.html for a clean URL) and, with a fragment, an id
// on that page.
func TestLinksResolve(t *testing.T) {
	for _, b := range siteBuilds {
		t.Run(b.name, func(t *testing.T) {
			files := buildWith(t, nil, optionsFor(b.base, b.min))
			pages, checked := checkLinks(t, files, b.base)
			if pages < 20 {
				t.Fatalf("only %d pages built", pages)
			}
			t.Logf("%d pages, %d links and assets resolve", pages, checked)
		})
	}
}

// checkLinks requires every link and asset of the build, served at base, to resolve
// (linkcheck.Check), and returns how many pages and links it read.
func checkLinks(t *testing.T, files map[string][]byte, base string) (pages, checked int) {
	t.Helper()
	res, err := linkcheck.Check(files, base)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range res.Problems {
		t.Error(p)
	}
	return res.Pages, res.Checked
}

func optionsFor(base string, min bool) generator.Options {
	return generator.Options{BaseURL: base, Minify: min}
}

// writeBuild builds the site and writes it into a new folder.
func writeBuild(t *testing.T, base string, min bool) (string, map[string][]byte) {
	t.Helper()
	files := buildWith(t, nil, optionsFor(base, min))
	return writeFiles(t, files), files
}

// writeFiles writes a build's files into a new folder, and returns it.
func writeFiles(t *testing.T, files map[string][]byte) string {
	t.Helper()
	dir := t.TempDir()
	for n, b := range files {
		p := filepath.Join(dir, filepath.FromSlash(n))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// TestHTMLValid runs the Nu HTML Checker once over every page of both builds.
func TestHTMLValid(t *testing.T) {
	if testing.Short() {
		t.Skip("skipped under -short: the Nu HTML Checker takes seconds (make test runs it)")
	}
	jar, _ := filepath.Abs(filepath.Join(qaDir, "vnu-jar/build/dist/vnu.jar"))
	if _, err := os.Stat(jar); err != nil {
		requireTool(t, "vnu.jar", "run npm ci --prefix qa")
	}
	java, err := exec.LookPath("java")
	if err != nil {
		requireTool(t, "java", "apt-get install default-jre-headless")
	}
	var dirs []string
	pages := 0
	for _, b := range siteBuilds {
		dir, files := writeBuild(t, b.base, b.min)
		dirs = append(dirs, dir)
		for n := range files {
			if strings.HasSuffix(n, ".html") {
				pages++
			}
		}
	}
	// The example agency site: the theme's pages with a brand's logo and call to action.
	agency := buildAgency(t, true)
	dirs = append(dirs, writeFiles(t, agency))
	for n := range agency {
		if strings.HasSuffix(n, ".html") {
			pages++
		}
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	args := append([]string{"-Xss4m", "-jar", jar, "--errors-only", "--skip-non-html", "--format", "gnu"}, dirs...)
	out, err := exec.CommandContext(ctx, java, args...).CombinedOutput()
	if err != nil || len(bytes.TrimSpace(out)) > 0 {
		t.Fatalf("the Nu HTML Checker found errors in %d pages (%v):\n%s", pages, err, out)
	}
	t.Logf("Nu HTML Checker: 0 errors in %d pages", pages)
}

// csp is the policy of static/_headers, read from it so the test checks what hosts send.
func csp(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile("../static/_headers")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`(?m)^\s*Content-Security-Policy:\s*(.+)$`).FindSubmatch(b)
	if m == nil {
		t.Fatal("static/_headers sets no Content-Security-Policy")
	}
	return strings.TrimSpace(string(m[1]))
}

// serveBuild serves files under basePath with the site's CSP, counting its violations.
func serveBuild(t *testing.T, files map[string][]byte, basePath, policy string) (*httptest.Server, *atomic.Int64, *[]string) {
	var violations atomic.Int64
	var mu sync.Mutex
	var reports []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/csp-report" {
			var buf bytes.Buffer
			buf.ReadFrom(r.Body)
			violations.Add(1)
			mu.Lock()
			reports = append(reports, buf.String())
			mu.Unlock()
			return
		}
		name := strings.TrimPrefix(r.URL.Path, basePath)
		if name == "" || strings.HasSuffix(name, "/") {
			name += "index.html"
		}
		b, ok := files[name]
		w.Header().Set("Content-Security-Policy", policy+"; report-uri /csp-report")
		if !ok {
			w.WriteHeader(http.StatusNotFound)
			w.Write(files["404.html"])
			return
		}
		switch path.Ext(name) {
		case ".html":
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
		case ".js", ".mjs":
			w.Header().Set("Content-Type", "text/javascript")
		case ".css":
			w.Header().Set("Content-Type", "text/css")
		case ".svg":
			w.Header().Set("Content-Type", "image/svg+xml")
		case ".json":
			w.Header().Set("Content-Type", "application/json")
		}
		w.Write(b)
	}))
	t.Cleanup(srv.Close)
	return srv, &violations, &reports
}

// axeRun runs axe-core on the page in ctx and returns its violations, one line each.
const axeRun = `axe.run(document, {resultTypes: ["violations"]}).then(r => r.violations.map(v =>
  v.id + " (" + v.impact + "): " + v.help + " at " + v.nodes.map(n => n.target.join(" ")).join(", ")))`

// htmlPages are the HTML files of a build that are pages, sorted: not the redirect pages
// of aliases, which a browser leaves at once.
func htmlPages(files map[string][]byte) []string {
	var pages []string
	for n, b := range files {
		if strings.HasSuffix(n, ".html") && !isRedirect(b) {
			pages = append(pages, n)
		}
	}
	sort.Strings(pages)
	return pages
}

// isRedirect says the HTML file b is the redirect page of an alias (render.Alias).
func isRedirect(b []byte) bool { return bytes.Contains(b, []byte(`http-equiv="refresh"`)) }

// axeCheck runs axe-core on the page ctx shows and reports each violation, as label's.
// axe is evaluated through the DevTools protocol, which the page's CSP does not govern,
// so the site's own policy stays as strict as it is in production.
func axeCheck(t *testing.T, ctx context.Context, axeSrc []byte, label string) {
	t.Helper()
	if _, err := chromedp.Run[any](ctx, chromedp.Evaluate[any](string(axeSrc)+";0")); err != nil {
		t.Fatalf("%s: injecting axe-core: %v", label, err)
	}
	found, err := chromedp.Run[[]string](ctx, chromedp.Evaluate[[]string](axeRun, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("%s: axe.run: %v", label, err)
	}
	for _, v := range found {
		t.Errorf("%s: %s", label, v)
	}
}

// TestAccessible runs axe-core on every page of the minified sub-path build in headless
// Chromium, under the site's Content-Security-Policy, then on a template page and the
// calculator again after typing into every field.
func TestAccessible(t *testing.T) {
	axeSrc, err := os.ReadFile(filepath.Join(qaDir, "axe-core/axe.min.js"))
	if err != nil {
		requireTool(t, "axe-core", "run npm ci --prefix qa")
	}
	ctx := browsertest.New(t)
	const basePath = "/careers/playbook/"
	files := buildWith(t, nil, optionsFor("https://example.org"+basePath, true))
	srv, violations, reports := serveBuild(t, files, basePath, csp(t))

	pages := htmlPages(files)
	check := func(label string) {
		t.Helper()
		axeCheck(t, ctx, axeSrc, label)
	}
	for _, p := range pages {
		u := srv.URL + basePath + strings.TrimSuffix(p, "index.html")
		if err := chromedp.Do(ctx, chromedp.Navigate(u)); err != nil {
			t.Fatalf("%s: %v", u, err)
		}
		check(p)
	}
	// After input: type into every field of a template page and of the calculator.
	const fillAll = `(() => { let n = 0;
  for (const el of document.querySelectorAll("input:not([type=hidden]):not([type=checkbox]):not([type=radio]), textarea, select")) {
    if (el.disabled || el.readOnly) continue;
    if (el.tagName === "SELECT") { if (el.options.length > 1) el.selectedIndex = 1; }
    else if (el.type === "date") el.value = "2026-03-10";
    else if (el.type === "time") el.value = "14:00";
    else if (el.type === "datetime-local") el.value = "2026-03-10T14:00";
    else if (el.type === "number") el.value = "3";
    else if (el.type === "email") el.value = "sam@example.org";
    else el.value = "Sam Example";
    el.dispatchEvent(new Event("input", {bubbles: true}));
    el.dispatchEvent(new Event("change", {bubbles: true}));
    n++;
  }
  for (const f of document.querySelectorAll("form")) f.dispatchEvent(new Event("submit", {cancelable: true, bubbles: true}));
  return n; })()`
	for _, p := range []string{"templates/chaser/", "calculator/"} {
		if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+basePath+p)); err != nil {
			t.Fatal(err)
		}
		n, err := chromedp.Run[int](ctx, chromedp.Evaluate[int](fillAll))
		if err != nil {
			t.Fatal(err)
		}
		if n == 0 {
			t.Logf("NOTE: %s has no fields yet; checked as it is", p)
		}
		time.Sleep(200 * time.Millisecond)
		check(p + " after input")
	}
	// Reports travel asynchronously: give the last ones a moment.
	time.Sleep(500 * time.Millisecond)
	if v := violations.Load(); v > 0 {
		t.Errorf("%d Content-Security-Policy violation(s):\n%s", v, strings.Join(*reports, "\n"))
	}
	t.Logf("axe-core: %d pages (+2 after input), CSP violations: %d", len(pages), violations.Load())
}
