package generator_test

// A site's brand (site.toml's [brand]) on the built site: the example agency site of
// examples/agency, built under its sub-path, and structured data on every page.

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"image"
	"image/png"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"golang.org/x/net/html"

	playbook "github.com/followup-playbook/playbook"
	"github.com/followup-playbook/playbook/generator"
	"github.com/followup-playbook/playbook/generator/diag"
	"github.com/followup-playbook/playbook/generator/internal/browsertest"
	"github.com/followup-playbook/playbook/generator/load/config"
	"github.com/followup-playbook/playbook/generator/load/rules"
	"github.com/followup-playbook/playbook/generator/load/sitefs"
	"github.com/followup-playbook/playbook/generator/output"
	"github.com/followup-playbook/playbook/generator/output/linkcheck"
)

const agencyDir = "../examples/agency"

// buildAgency builds the example agency site over the built-in theme.
func buildAgency(t *testing.T, minify bool) map[string][]byte {
	t.Helper()
	return buildAgencyWith(t, generator.Options{Minify: minify})
}

// buildAgencyWith builds the example agency site over the built-in theme with opts.
func buildAgencyWith(t *testing.T, opts generator.Options) map[string][]byte {
	t.Helper()
	out := &output.MemoryOutput{}
	src := sitefs.Source{Site: os.DirFS(agencyDir), Defaults: playbook.DefaultSite}
	if _, err := generator.Build(context.Background(), src, opts, out); err != nil {
		t.Fatalf("building %s:\n%s", agencyDir, diag.Report(err))
	}
	return out.Files()
}

// TestAgencyExample builds examples/agency, whose layouts and scripts all come from the
// theme, under its sub-path, and finds its brand everywhere [brand] puts it.
func TestAgencyExample(t *testing.T) {
	const (
		base = "https://example-agency.com/careers/playbook/"
		name = "Example Agency"
		cta  = `<a href="/careers/playbook/contact/">Talk to a recruiter</a>`
	)
	for _, minify := range []bool{false, true} {
		files := buildAgency(t, minify)
		page := func(p string) string {
			t.Helper()
			b, ok := files[p]
			if !ok {
				t.Fatalf("minify=%v: no %s in the build", minify, p)
			}
			return string(b)
		}

		// The menu: the automatic one, with the site's entries added under the base URL.
		nav := between(page("thank-you/index.html"), "<nav", "</nav>")
		for _, want := range []string{`<a href="/careers/playbook/templates/">Message templates</a>`, `<a href="https://example-agency.com/vacancies/">Our vacancies</a>`, `<a href="/careers/playbook/check-in/">`, `<a href="/careers/playbook/calculator/">`} {
			if !strings.Contains(nav, want) {
				t.Errorf("minify=%v: the menu has no %s:\n%s", minify, want, nav)
			}
		}

		// A page's image beside it and its link by a path on the site, both under the
		// sub-path, the image sized from its file.
		for _, want := range []string{`<img src="/careers/playbook/check-in-wait.svg" alt="The wait:`, `width="480" height="80" loading="lazy">`, `<a href="/careers/playbook/templates/">the templates page</a>`} {
			if !strings.Contains(page("check-in/index.html"), want) {
				t.Errorf("minify=%v: check-in/index.html has no %s", minify, want)
			}
		}
		if _, ok := files["check-in-wait.svg"]; !ok {
			t.Errorf("minify=%v: the image beside check-in.md is not published", minify)
		}
		// An image of static/ by its path on the site, under the sub-path and sized; and
		// every image of every page states its size, so nothing moves as it loads.
		if want := `<img src="/careers/playbook/images/office-map.svg" alt="A map from the station to our door, on the side street" width="480" height="240" loading="lazy">`; !strings.Contains(page("contact/index.html"), want) {
			t.Errorf("minify=%v: contact/index.html has no %s", minify, want)
		}
		for _, p := range htmlPages(files) {
			for _, img := range regexp.MustCompile(`<img [^>]*>`).FindAllString(page(p), -1) {
				if !strings.Contains(img, ` width=`) || !strings.Contains(img, ` height=`) {
					t.Errorf("minify=%v: %s: an image without its size: %s", minify, p, img)
				}
			}
		}
		// The page's old address redirects; the open evening, past its expiryDate, is gone.
		if !strings.Contains(page("_redirects"), "/careers/playbook/chasing/ /careers/playbook/check-in/ 301\n") || files["chasing/index.html"] == nil {
			t.Errorf("minify=%v: no redirect from check-in.md's alias:\n%s", minify, page("_redirects"))
		}
		if _, ok := files["open-evening/index.html"]; ok || strings.Contains(page("sitemap.xml"), "open-evening") {
			t.Errorf("minify=%v: the open evening is built after its expiryDate", minify)
		}

		// The call to action ends the guidance pages, the calculator and the companion,
		// inside the article, and is in every footer, with the contact line.
		for _, p := range []string{"thank-you/index.html", "check-in/index.html", "calculator/index.html", "follow-ups/index.html"} {
			article := between(page(p), "<article", "</article>")
			if !strings.Contains(article, cta) {
				t.Errorf("minify=%v: %s: no call to action in the article", minify, p)
			}
		}
		for _, p := range htmlPages(files) {
			footer := between(page(p), "<footer", "</footer>")
			if !strings.Contains(footer, cta) || !strings.Contains(footer, "Call us on 020 7946 0000") {
				t.Errorf("minify=%v: %s: the footer has no call to action or contact line: %s", minify, p, footer)
			}
			// The logo: the name as its text, its size stated, so nothing moves as it loads.
			if !strings.Contains(page(p), `<img class="site-logo" src="/careers/playbook/images/logo.svg" width="40" height="40" alt="Example Agency">`) {
				t.Errorf("minify=%v: %s: no logo in the header", minify, p)
			}
		}

		// The accent, through a stylesheet of its own (CSP: no inline style), named after
		// its content with --minify, for both schemes.
		link := regexp.MustCompile(`<link rel="stylesheet" href="/careers/playbook/(css/brand(\.[0-9a-f]{10})?\.css)">`).FindStringSubmatch(page("index.html"))
		if link == nil || (link[2] != "") != minify {
			t.Fatalf("minify=%v: the brand's stylesheet link: %v", minify, link)
		}
		css := page(link[1])
		if !strings.Contains(css, "--accent:#1a7f5a") && !strings.Contains(css, "--accent: #1a7f5a") || !strings.Contains(css, "#80e5c0") {
			t.Errorf("minify=%v: %s does not set the accent and its dark-scheme colour:\n%s", minify, link[1], css)
		}
		if strings.Contains(page("index.html"), "style=") {
			t.Errorf("minify=%v: an inline style", minify)
		}

		// The name: the publisher in structured data, the feed's author, the calendar
		// files' maker.
		checkStructuredData(t, files, name)
		if !strings.Contains(page("feed.xml"), "<author><name>Example Agency</name></author>") && !strings.Contains(page("feed.xml"), "<author>\n  <name>Example Agency</name>") {
			t.Errorf("minify=%v: the feed's author is not the brand:\n%s", minify, between(page("feed.xml"), "<author>", "</author>"))
		}
		var doc struct{ Calendar struct{ Name, Domain string } }
		if err := json.Unmarshal(files["rules.json"], &doc); err != nil || doc.Calendar.Name != name || doc.Calendar.Domain != "example-agency.com" {
			t.Errorf("minify=%v: rules.json's calendar %+v (%v)", minify, doc.Calendar, err)
		}
		// A template page's structured data holds its message, blanks and all.
		if ld := between(page("templates/thank-you/index.html"), `"@type":"CreativeWork"`, "</script>"); !strings.Contains(ld, `"text":"Subject: Thank you: [Role] interview\n\nDear [Interviewer's name],`) {
			t.Errorf("minify=%v: the template page's CreativeWork has not its text: %s", minify, ld)
		}
		if pages, checked := checkLinks(t, files, base); pages < 8 || checked < 50 {
			t.Errorf("minify=%v: the link checker read %d pages and %d links", minify, pages, checked)
		}
	}

	// `playbook plan --format ics` on the site, as the calculator, names the agency.
	cfg, _, err := config.Load(os.DirFS(agencyDir))
	if err != nil {
		t.Fatal(err)
	}
	r, _, err := rules.Load(os.DirFS(agencyDir))
	if err != nil {
		t.Fatal(diag.Report(err))
	}
	r.Calendar = rules.CalendarOf(cfg)
	in := rules.Input{Interview: "2026-03-12T15:00", Interviewers: []string{"Ana Ruiz"}}
	p, err := r.Plan(in)
	if err != nil {
		t.Fatal(err)
	}
	ics, err := rules.ICS(r, in, p, rules.ICSOptions{Zone: time.UTC, Now: time.Date(2026, 3, 12, 18, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(ics, []byte("\r\nPRODID:-//Example Agency//playbook plan//EN\r\n")) || !bytes.Contains(ics, []byte(".thank-you.ana-ruiz@example-agency.com\r\n")) {
		t.Errorf("the calendar file does not name the agency:\n%s", ics)
	}
}

// TestAgencyAccessible runs axe-core on every page of the example agency site, minified
// under its sub-path and its Content-Security-Policy, in the light and the dark scheme:
// the accent that passed the build's contrast check passes axe's in both, and the brand
// adds no inline style.
func TestAgencyAccessible(t *testing.T) {
	axeSrc, err := os.ReadFile(filepath.Join(qaDir, "axe-core/axe.min.js"))
	if err != nil {
		requireTool(t, "axe-core", "run npm ci --prefix qa")
	}
	ctx := browsertest.New(t)
	const basePath = "/careers/playbook/"
	files := buildAgency(t, true)
	srv, violations, reports := serveBuild(t, files, basePath, csp(t))
	pages := htmlPages(files)
	for _, scheme := range []string{"light", "dark"} {
		if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
			Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}}}); err != nil {
			t.Fatal(err)
		}
		for _, p := range pages {
			if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+basePath+strings.TrimSuffix(p, "index.html"))); err != nil {
				t.Fatalf("%s: %v", p, err)
			}
			accent, err := chromedp.Run[string](ctx, chromedp.Evaluate[string](`getComputedStyle(document.querySelector('.site-footer .cta a')).color`))
			if want := map[string]string{"light": "rgb(26, 127, 90)", "dark": "rgb(128, 229, 192)"}[scheme]; err != nil || accent != want {
				t.Errorf("%s, %s scheme: the call to action is %q (%v), want the accent %s", p, scheme, accent, err, want)
			}
			axeCheck(t, ctx, axeSrc, p+", "+scheme+" scheme")
		}
	}
	if v := violations.Load(); v > 0 {
		t.Errorf("%d Content-Security-Policy violation(s):\n%s", v, strings.Join(*reports, "\n"))
	}
	t.Logf("axe-core: %d pages in two schemes, CSP violations: %d", len(pages), violations.Load())
}

// TestStructuredDataOnEveryPage: every page of the built-in site but the 404 and the offline
// page describes itself in JSON-LD, and those two, served in place of other addresses, name
// no canonical one.
func TestStructuredDataOnEveryPage(t *testing.T) {
	files := buildWith(t, nil, generator.Options{BaseURL: "https://example.org/careers/playbook/"})
	checkStructuredData(t, files, "Follow-Up Playbook")
}

// checkStructuredData checks every page of files: each but 404.html and offline.html has a
// JSON-LD block that parses, with a schema.org @context and a @type, and those that name a
// publisher name publisher; those two, served in place of other addresses, have no JSON-LD
// and no canonical link.
func checkStructuredData(t *testing.T, files map[string][]byte, publisher string) {
	t.Helper()
	published := 0
	for _, p := range htmlPages(files) {
		doc, err := html.Parse(bytes.NewReader(files[p]))
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		var blocks []string
		canonical := false
		for n := range doc.Descendants() {
			if n.Type != html.ElementNode {
				continue
			}
			switch {
			case n.Data == "script" && attr(n, "type") == "application/ld+json" && n.FirstChild != nil:
				blocks = append(blocks, n.FirstChild.Data)
			case n.Data == "link" && attr(n, "rel") == "canonical":
				canonical = true
			}
		}
		if p == "404.html" || p == "offline.html" {
			if canonical || len(blocks) > 0 {
				t.Errorf("%s: canonical link %v, %d JSON-LD blocks; want neither", p, canonical, len(blocks))
			}
			continue
		}
		if len(blocks) != 1 {
			t.Errorf("%s: %d JSON-LD blocks, want 1", p, len(blocks))
			continue
		}
		var v struct {
			Context   string `json:"@context"`
			Type      string `json:"@type"`
			Publisher *struct {
				Type string `json:"@type"`
				Name string `json:"name"`
			} `json:"publisher"`
		}
		if err := json.Unmarshal([]byte(blocks[0]), &v); err != nil {
			t.Errorf("%s: JSON-LD does not parse: %v\n%s", p, err, blocks[0])
			continue
		}
		if v.Context != "https://schema.org" || v.Type == "" {
			t.Errorf("%s: JSON-LD @context %q, @type %q", p, v.Context, v.Type)
		}
		if v.Publisher != nil {
			published++
			if v.Publisher.Type != "Organization" || v.Publisher.Name != publisher {
				t.Errorf("%s: publisher %+v, want the Organization %q", p, *v.Publisher, publisher)
			}
		}
	}
	if published == 0 {
		t.Error("no page names its publisher")
	}
}

// attr is n's attribute key, "" without one.
func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// between is the part of s from the first start to the end of the following end, "" when
// either is missing.
func between(s, start, end string) string {
	i := strings.Index(s, start)
	if i < 0 {
		return ""
	}
	j := strings.Index(s[i:], end)
	if j < 0 {
		return ""
	}
	return s[i : i+j+len(end)]
}

// TestBrandReachesTheApp: a brand with a name and an accent, and no logo, shows its name
// under the title of every page, and reaches what the browser and the installed app show:
// the manifest's name and theme colour, the favicon and the app's icons in the accent. A
// file the site has of its own is left as it is, and a site without a brand gets the
// theme's files.
func TestBrandReachesTheApp(t *testing.T) {
	const accent = "#1a7f5a"
	site := fstest.MapFS{
		"site.toml":    {Data: []byte("title = \"Follow-up playbook\"\n\n[brand]\nname = \"Northfield University Careers\"\naccent = \"" + accent + "\"\n")},
		"content/a.md": {Data: []byte("+++\ntitle = \"A\"\n+++\nText.\n")},
	}
	build := func(site fstest.MapFS) map[string][]byte {
		t.Helper()
		out := &output.MemoryOutput{}
		if _, err := generator.Build(context.Background(), sitefs.Source{Site: site, Defaults: playbook.DefaultSite}, generator.Options{}, out); err != nil {
			t.Fatal(diag.Report(err))
		}
		return out.Files()
	}
	files := build(site)
	for name, b := range files {
		if strings.HasSuffix(name, ".html") && !strings.Contains(string(b), `</a> <span class="site-brand">Northfield University Careers</span>`) {
			t.Errorf("%s: the brand's name is not in the header", name)
		}
	}
	var m struct {
		Name       string `json:"name"`
		ThemeColor string `json:"theme_color"`
	}
	if err := json.Unmarshal(files["manifest.webmanifest"], &m); err != nil || m.Name != "Northfield University Careers: your follow-ups" || m.ThemeColor != accent {
		t.Errorf("the manifest names %q in %q (%v)", m.Name, m.ThemeColor, err)
	}
	if !strings.Contains(string(files["favicon.svg"]), `fill="`+accent+`"`) {
		t.Errorf("the favicon is not in the accent:\n%s", files["favicon.svg"])
	}
	for _, n := range []string{"icons/icon-192.png", "icons/icon-512.png"} {
		img, err := png.Decode(bytes.NewReader(files[n]))
		if err != nil {
			t.Fatalf("%s: %v", n, err)
		}
		if r, g, b, _ := img.At(4, 4).RGBA(); fmt.Sprintf("#%02x%02x%02x", r>>8, g>>8, b>>8) != accent {
			t.Errorf("%s: its ground is #%02x%02x%02x, not the accent", n, r>>8, g>>8, b>>8)
		}
	}

	// The site's own manifest is its own; a site without a brand has the theme's files.
	site["static/manifest.webmanifest"] = &fstest.MapFile{Data: []byte(`{"name": "Ours"}`)}
	if got := string(build(site)["manifest.webmanifest"]); got != `{"name": "Ours"}` {
		t.Errorf("the site's own manifest was replaced by %s", got)
	}
	plain := build(fstest.MapFS{"site.toml": {Data: []byte("title = \"Careers\"\n")}})
	for _, n := range []string{"manifest.webmanifest", "favicon.svg", "icons/icon-192.png"} {
		theme, _ := fs.ReadFile(playbook.DefaultSite, "static/"+n)
		if !bytes.Equal(plain[n], theme) {
			t.Errorf("a site without a brand: %s is not the theme's", n)
		}
	}
	if strings.Contains(string(plain["index.html"]), "site-brand") {
		t.Error("a site without a brand names a brand in its header")
	}

	// An icon of the brand's own: every page's favicon, and the app's one icon.
	var square bytes.Buffer
	if err := png.Encode(&square, image.NewGray(image.Rect(0, 0, 600, 600))); err != nil {
		t.Fatal(err)
	}
	delete(site, "static/manifest.webmanifest")
	for _, tt := range []struct {
		file       string
		data       []byte
		typ, sizes string
	}{
		{"images/icon.svg", []byte(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"/>`), "image/svg+xml", "any"},
		{"images/icon.png", square.Bytes(), "image/png", "600x600"},
	} {
		site["site.toml"] = &fstest.MapFile{Data: []byte("title = \"Careers\"\n\n[brand]\nicon = \"" + tt.file + "\"\n")}
		site["static/"+tt.file] = &fstest.MapFile{Data: tt.data}
		files := build(site)
		link := `<link rel="icon" href="/` + tt.file + `" type="` + tt.typ + `">`
		for _, p := range htmlPages(files) {
			if !strings.Contains(string(files[p]), link) {
				t.Errorf("%s: %s: no %s", tt.file, p, link)
			}
		}
		var m struct{ Icons []map[string]string }
		if err := json.Unmarshal(files["manifest.webmanifest"], &m); err != nil || len(m.Icons) != 1 ||
			m.Icons[0]["src"] != tt.file || m.Icons[0]["type"] != tt.typ || m.Icons[0]["sizes"] != tt.sizes {
			t.Errorf("%s: the manifest's icons are %v (%v)", tt.file, m.Icons, err)
		}
	}
	var oblong bytes.Buffer
	if err := png.Encode(&oblong, image.NewGray(image.Rect(0, 0, 600, 300))); err != nil {
		t.Fatal(err)
	}
	site["static/images/icon.png"] = &fstest.MapFile{Data: oblong.Bytes()}
	_, err := generator.Build(context.Background(), sitefs.Source{Site: site, Defaults: playbook.DefaultSite}, generator.Options{}, &output.MemoryOutput{})
	if want := `site.toml:4:8: icon "images/icon.png" is neither an SVG nor a square PNG of at least 512 px`; err == nil || !strings.Contains(diag.Report(err), want) {
		t.Errorf("an oblong PNG icon: %v, want %s", err, want)
	}
}

// TestAgencyOpenEvening: between its publishDate and its expiryDate, the example agency's
// open evening is built, in the menu and the sitemap, its image of static/ sized and
// loaded lazily, its link by a path on the site under the base path, and every link and
// image of the site served under its sub-path resolves.
func TestAgencyOpenEvening(t *testing.T) {
	files := buildAgencyWith(t, generator.Options{Now: time.Date(2026, 5, 1, 12, 0, 0, 0, time.UTC)})
	page := string(files["open-evening/index.html"])
	for _, want := range []string{`<img src="/careers/playbook/images/office-map.svg" alt="A map from the station to our door, on the side street" width="480" height="240" loading="lazy">`,
		`<a href="/careers/playbook/templates/">the same templates</a>`} {
		if !strings.Contains(page, want) {
			t.Errorf("the open evening lacks %s:\n%s", want, page)
		}
	}
	if !strings.Contains(string(files["sitemap.xml"]), "/careers/playbook/open-evening/") || !strings.Contains(string(files["index.html"]), `href="/careers/playbook/open-evening/"`) {
		t.Error("the open evening is not in the sitemap and the menu")
	}
	res, err := linkcheck.Check(files, "https://example-agency.com/careers/playbook/")
	if err != nil || len(res.Problems) > 0 {
		t.Errorf("links under the sub-path (%v):\n%s", err, strings.Join(res.Problems, "\n"))
	}
}
