package generator_test

import (
	"bytes"
	"context"
	"encoding/xml"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	playbook "github.com/followup-playbook/playbook"
	"github.com/followup-playbook/playbook/generator"
	"github.com/followup-playbook/playbook/generator/load/sitefs"
	"github.com/followup-playbook/playbook/generator/output"
	"github.com/followup-playbook/playbook/generator/output/headerrules"
	"github.com/followup-playbook/playbook/generator/publish"
)

func buildWith(t *testing.T, site fstest.MapFS, opts generator.Options) map[string][]byte {
	t.Helper()
	out := &output.MemoryOutput{}
	var src sitefs.Source
	src.Defaults = playbook.DefaultSite
	if site != nil {
		src.Site = site
	}
	if _, err := generator.Build(context.Background(), src, opts, out); err != nil {
		t.Fatal(err)
	}
	return out.Files()
}

// TestMinifyFingerprints checks that --minify shrinks pages and assets, publishes CSS and
// classic scripts under content-hashed names, bundles each page's module with what it
// imports (what it imports dynamically in a file of its own, named by the bundle), and
// stays byte-identical between builds.
func TestMinifyFingerprints(t *testing.T) {
	site := fstest.MapFS{
		"site.toml":            {Data: []byte("title = \"T\"\nbaseURL = \"https://example.org/careers/playbook/\"\n")},
		"content/_index.md":    {Data: []byte("+++\ntitle = \"Home\"\n+++\nHello   there.\n")},
		"static/js/lib.js":     {Data: []byte("export function twice(x) {\n  return x * 2;\n}\n")},
		"static/js/main.js":    {Data: []byte("import { twice } from \"./lib.js\";\nconsole.log(twice(2));\ndocument.onclick = () => import(\"./later.js\").then((m) => m.show());\n")},
		"static/js/later.js":   {Data: []byte("export function show() {\n  document.title = \"shown later\";\n}\n")},
		"static/js/classic.js": {Data: []byte("function globalHelper() {\n  return 1;\n}\n")},
		"static/js/x.test.mjs": {Data: []byte("import \"./lib.js\";\n")},
	}
	plain := buildWith(t, site, generator.Options{})
	min := buildWith(t, site, generator.Options{Minify: true})
	again := buildWith(t, site, generator.Options{Minify: true})
	if len(min) != len(again) {
		t.Fatalf("two minified builds differ in their files")
	}
	for n, b := range min {
		if !bytes.Equal(b, again[n]) {
			t.Errorf("%s differs between two minified builds", n)
		}
	}
	if _, ok := min["js/x.test.mjs"]; ok {
		t.Error("a JavaScript test file was published")
	}
	if len(min["index.html"]) >= len(plain["index.html"]) || len(min["css/site.css"]) >= len(plain["css/site.css"]) {
		t.Error("minified index.html or css/site.css is not smaller")
	}
	css := regexp.MustCompile(`href="/careers/playbook/(css/site\.[0-9a-f]{10}\.css)"`).FindSubmatch(min["index.html"])
	if css == nil {
		t.Fatalf("index.html does not link a fingerprinted stylesheet:\n%s", min["index.html"])
	}
	if !bytes.Equal(min[string(css[1])], min["css/site.css"]) {
		t.Errorf("%s is not the minified stylesheet", css[1])
	}
	if !bytes.Contains(plain["index.html"], []byte(`href="/careers/playbook/css/site.css"`)) {
		t.Error("without --minify, pages should link css/site.css")
	}
	var mainName, laterName, classicName string
	for n := range min {
		switch {
		case regexp.MustCompile(`^js/main\.[0-9A-Z]{8}\.js$`).MatchString(n):
			mainName = n
		case regexp.MustCompile(`^js/later\.[0-9A-Z]{8}\.js$`).MatchString(n):
			laterName = n
		case regexp.MustCompile(`^js/classic\.[0-9a-f]{10}\.js$`).MatchString(n):
			classicName = n
		case regexp.MustCompile(`^js/lib\..+\.js$`).MatchString(n):
			t.Errorf("%s published: lib.js is only imported, so it lives in the bundles that import it", n)
		}
	}
	if mainName == "" || laterName == "" || classicName == "" {
		t.Fatalf("no bundled js/main or js/later, or no fingerprinted js/classic, among %d files", len(min))
	}
	bundle := string(min[mainName])
	if strings.Contains(bundle, "lib.js") || !strings.Contains(bundle, "*2") {
		t.Errorf("%s does not hold lib.js's code: %s", mainName, bundle)
	}
	if want := `"./` + strings.TrimPrefix(laterName, "js/") + `"`; !strings.Contains(bundle, want) {
		t.Errorf("%s does not load %s when asked: %s", mainName, want, bundle)
	}
	if !bytes.Contains(min[classicName], []byte("globalHelper")) {
		t.Errorf("%s lost the classic script's global name: %s", classicName, min[classicName])
	}
}

// TestSitemapFeedRobots checks the files for crawlers and feed readers under a sub-path.
func TestSitemapFeedRobots(t *testing.T) {
	files := buildWith(t, nil, generator.Options{BaseURL: "https://example.org/careers/playbook/"})
	var sm struct {
		URLs []struct {
			Loc string `xml:"loc"`
		} `xml:"url"`
	}
	if err := xml.Unmarshal(files["sitemap.xml"], &sm); err != nil {
		t.Fatal(err)
	}
	locs := map[string]bool{}
	for _, u := range sm.URLs {
		locs[u.Loc] = true
	}
	for _, want := range []string{"https://example.org/careers/playbook/", "https://example.org/careers/playbook/chaser/", "https://example.org/careers/playbook/templates/chaser/"} {
		if !locs[want] {
			t.Errorf("sitemap lacks %s", want)
		}
	}
	for l := range locs {
		if strings.Contains(l, "404") {
			t.Errorf("sitemap lists %s", l)
		}
	}
	if !bytes.Contains(files["robots.txt"], []byte("Sitemap: https://example.org/careers/playbook/sitemap.xml\n")) {
		t.Errorf("robots.txt does not name the sitemap:\n%s", files["robots.txt"])
	}
	var feed struct {
		Entries []struct {
			Title string `xml:"title"`
			Link  struct {
				Href string `xml:"href,attr"`
			} `xml:"link"`
			ID      string `xml:"id"`
			Updated string `xml:"updated"`
		} `xml:"entry"`
	}
	if err := xml.Unmarshal(files["feed.xml"], &feed); err != nil {
		t.Fatal(err)
	}
	if len(feed.Entries) < 5 {
		t.Fatalf("the feed has %d entries", len(feed.Entries))
	}
	for _, e := range feed.Entries {
		if !strings.HasPrefix(e.Link.Href, "https://example.org/careers/playbook/") || e.ID != e.Link.Href || e.Updated == "" || e.Title == "" {
			t.Errorf("bad feed entry %+v", e)
		}
	}
	// Host-less: no Sitemap line, since robots.txt needs an absolute address.
	files = buildWith(t, nil, generator.Options{BaseURL: "/"})
	if bytes.Contains(files["robots.txt"], []byte("Sitemap")) {
		t.Errorf("robots.txt names a relative sitemap:\n%s", files["robots.txt"])
	}
}

// TestHeadersFile builds the default site under a sub-path, with and without --minify,
// and asks the published _headers, as a host applies it, what each file is sent with:
// every file gets the security headers under the sub-path (and nothing outside it gets
// them), and a year's caching goes to the files named after their content alone, each
// stylesheet and script the pages load with --minify, never css/site.css.
func TestHeadersFile(t *testing.T) {
	const base = "https://example.org/careers/playbook/"
	for _, minify := range []bool{false, true} {
		t.Run(fmt.Sprintf("minify=%v", minify), func(t *testing.T) {
			files := buildWith(t, nil, generator.Options{BaseURL: base, Minify: minify})
			plain := buildWith(t, nil, generator.Options{BaseURL: base})
			rules := headerrules.Parse(files[publish.HeadersFile])
			if len(rules) == 0 {
				t.Fatal("the build has no _headers rules")
			}
			if got := headerrules.For(rules, "/elsewhere/index.html"); len(got) > 0 {
				t.Errorf("a path outside /careers/playbook/ gets %v", got)
			}
			immutable := map[string]bool{}
			for name := range files {
				got := headerrules.For(rules, "/careers/playbook/"+name)
				if csp := got["Content-Security-Policy"]; len(csp) != 1 || !strings.Contains(csp[0], "script-src 'self'") {
					t.Errorf("%s: Content-Security-Policy %q", name, csp)
				}
				cc := got["Cache-Control"]
				switch {
				case len(cc) == 0:
				case len(cc) == 1 && strings.Contains(cc[0], "immutable"):
					immutable[name] = true
				default:
					t.Errorf("%s: Cache-Control %q", name, cc)
				}
			}
			for name := range immutable {
				if _, ok := plain[name]; ok {
					t.Errorf("%s is cached for a year, but a build without --minify publishes it under the same name", name)
				}
			}
			if !minify && len(immutable) > 0 {
				t.Errorf("without --minify, %d files are cached for a year", len(immutable))
			}
			if !minify {
				return
			}
			loaded := regexp.MustCompile(`(?:href|src)="/careers/playbook/((?:css|js)/[^"]+)"`)
			n := 0
			for _, m := range loaded.FindAllSubmatch(files["follow-ups/index.html"], -1) {
				n++
				if !immutable[string(m[1])] {
					t.Errorf("the companion page loads %s, which is not cached for a year", m[1])
				}
			}
			if n == 0 || len(immutable) < n {
				t.Errorf("the companion page loads %d stylesheets and scripts; %d files are immutable", n, len(immutable))
			}
		})
	}
}
