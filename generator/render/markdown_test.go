package render

import (
	"errors"
	"strings"
	"testing"

	"github.com/followup-playbook/playbook/generator/diag"
)

func TestMarkdown(t *testing.T) {
	links := map[string]string{
		"chaser.md":            "/base/chaser/",
		"guides/x.md":          "/base/guides/x/",
		"messages/chaser.toml": "/base/templates/chaser/",
	}
	figures := map[string]string{"thank-you.within": "24 hours"}
	tests := []struct {
		name, rel, body string
		raw             bool
		want            []string
		errs            []string
	}{
		{"link to a page", "a.md", "See [it](chaser.md).", false, []string{`<a href="/base/chaser/">it</a>`}, nil},
		{"link with fragment from a folder", "guides/y.md", "[c](../chaser.md#when)", false, []string{`href="/base/chaser/#when"`}, nil},
		{"link to a template", "a.md", "[t](messages/chaser.toml)", false, []string{`href="/base/templates/chaser/"`}, nil},
		{"external and anchor links stay", "a.md", "## Top\n\n[e](https://example.org/x.md) [h](#top)", false, []string{`href="https://example.org/x.md"`, `href="#top"`}, nil},
		{"a path on the site is written under the base path", "guides/y.md", "[t](/templates/) [i](/images/logo.svg) [q](/chaser/?x=1#when) [h](/)", false,
			[]string{`href="/base/templates/"`, `href="/base/images/logo.svg"`, `href="/base/chaser/?x=1#when"`, `href="/base/"`}, nil},
		{"the site's own address is checked and kept", "a.md", "[c](https://example.org/base/chaser/) [i](https://example.org/base/images/logo.svg)", false,
			[]string{`href="https://example.org/base/chaser/"`, `href="https://example.org/base/images/logo.svg"`}, nil},
		{"the site's own address that is no page", "a.md", "[c](https://example.org/base/chasr/)", false, nil,
			[]string{"a.md:4:1: broken link: https://example.org/base/chasr/ is no page of the site"}},
		{"a path on the site that is no page", "a.md", "[x](/templatez/)", false, nil,
			[]string{"a.md:4:1: broken link: /templatez/ (/base/templatez/ under the base URL) is no page of the site"}},
		{"a path with the base path written in it", "a.md", "[x](/base/chaser/)", false, nil,
			[]string{"broken link: /base/chaser/ (/base/base/chaser/ under the base URL) is no page of the site; the base URL's path is added to it: write /chaser/"}},
		{"a path on the site that is no file", "a.md", "[f](/abs/x.pdf)", false, nil,
			[]string{"a.md:4:1: broken link: /abs/x.pdf is no file of the site; put the file under static/, as static/abs/x.pdf, or beside the page"}},
		{"an image beside its page, sized, on the first screen", "guides/y.md", "Intro.\n\n![a pic](pic.png)", false,
			[]string{`<img src="/base/guides/pic.png" alt="a pic" width="640" height="480">`}, nil},
		{"an image below the first screen is lazy", "a.md", "a\n\nb\n\n![logo](/images/logo.svg)", false,
			[]string{`<img src="/base/images/logo.svg" alt="logo" width="120" height="40" loading="lazy">`}, nil},
		{"a wide photo in copies for the column", "a.md", "![hall](/images/hall.jpg)", false,
			[]string{`<img src="/base/images/hall.640w.jpg" alt="hall" width="1600" height="900" srcset="/base/images/hall.640w.jpg 640w, /base/images/hall.jpg 1600w" sizes="(min-width: 42rem) 640px, calc(100vw - 2rem)">`}, nil},
		{"a missing image", "a.md", "Intro.\n\n![missing](nothere.png)", false, nil,
			[]string{"a.md:6:1: broken image: nothere.png (content/nothere.png) does not exist; put the file beside the page, as content/nothere.png, or under static/ and write its path on the site, e.g. /images/nothere.png"}},
		{"an image whose size cannot be told", "a.md", "![x](/images/bad.png)", false, nil,
			[]string{"a.md:4:1: cannot tell the size of image images/bad.png"}},
		{"an anchor the page lacks", "chaser.md", "## When\n\n[x](#whn) [y](chaser.md#nope)", false, nil,
			[]string{"chaser.md:6:1: broken link: #whn (content/chaser.md) has no heading #whn; did you mean #when?", "chaser.md:6:11: broken link: chaser.md#nope (content/chaser.md) has no heading #nope"}},
		{"an anchor on a page without headings", "a.md", "[x](#nope)", false, nil,
			[]string{"broken link: #nope (content/a.md) has no heading #nope; the page has no headings to link to"}},
		{"an anchor to an id in a page's raw HTML", "a.md", "<div id=\"box\"></div>\n\n[x](#box)", true, []string{`href="#box"`}, nil},
		{"links that name a host, a scheme or a query stay", "a.md", "[p](//example.org/x.md) [m](mailto:x.md) [q](?x.md)", false, []string{`href="//example.org/x.md"`, `href="mailto:x.md"`, `href="?x.md"`}, nil},
		{"a fragment keeps its escapes", "a.md", "[a](chaser.md#x%23y) [b](chaser.md#100%)", false, []string{`href="/base/chaser/#x%23y"`, `href="/base/chaser/#100%25"`}, nil},
		{"an escaped path resolves", "guides/y.md", "[x](%78.md#top)", false, []string{`href="/base/guides/x/#top"`}, nil},
		{"broken link", "a.md", "Intro.\n\nRead [the rest](missing.md).", false, nil, []string{"a.md:6:6: broken link: missing.md"}},
		{"figure", "a.md", "Within {{< rule thank-you.within >}}.", false, []string{"Within 24 hours."}, nil},
		{"figure in code stays code", "a.md", "`{{< rule x >}}`", false, []string{"<code>{{&lt; rule x &gt;}}</code>"}, nil},
		{"unknown figure", "a.md", "x {{< rule nope >}}", false, nil, []string{`a.md:4:3: unknown timing figure "nope"`}},
		{"unknown shortcode", "a.md", "{{< youtube x >}}", false, nil, []string{`unknown shortcode "youtube"`}},
		{"heading id and anchor", "a.md", "## When to send", false, []string{`<h2 id="when-to-send">When to send<a href="#when-to-send" class="anchor"`}, nil},
		{"gfm table and tasks", "a.md", "| a |\n|---|\n| b |\n\n- [x] done", false, []string{"<table>", `<input type="checkbox" checked disabled aria-hidden="true">`}, nil},
		{"footnotes", "a.md", "Send it the same day.[^1]\n\n[^1]: Or the next morning.", false,
			[]string{`<sup id="fnref:1"><a href="#fn:1" class="footnote-ref" role="doc-noteref">1</a></sup>`, `<li id="fn:1">`, "Or the next morning."}, nil},
		{"definition lists", "a.md", "Chaser\n: A short message once the decision date has passed.", false,
			[]string{"<dl>\n<dt>Chaser</dt>\n<dd>A short message once the decision date has passed.</dd>\n</dl>"}, nil},
		{"typographer", "a.md", `"Hi" -- there`, false, []string{"&ldquo;Hi&rdquo; &ndash; there"}, nil},
		{"raw HTML is off", "a.md", "<script>alert(1)</script>\n\nx <b>y</b>", false, []string{"<!-- raw HTML omitted -->"}, nil},
		{"raw HTML for a page that opts in", "a.md", "x <b>y</b>", true, []string{"x <b>y</b>"}, nil},
		{"javascript: links are dropped", "a.md", "[x](javascript:alert(1))", false, []string{`<a href="">x</a>`}, nil},
	}
	site := &Site{BaseURL: "https://example.org/base/", BasePath: "/base/"}
	files := testFiles{"guides/pic.png": {640, 480}, "images/logo.svg": {120, 40}, "images/bad.png": {}, "images/hall.jpg": {1600, 900}}
	md := NewMarkdown()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			html, err := md.Convert(nil, MarkdownInput{Path: "content/" + tt.rel, Rel: tt.rel, Body: []byte(tt.body), BodyLine: 4, RawHTML: tt.raw,
				Links: links, Figures: figures, Site: site, Files: files})
			if tt.errs != nil {
				if err == nil {
					t.Fatalf("want errors, got HTML %s", html)
				}
				report := diag.Report(err)
				for _, w := range tt.errs {
					if !strings.Contains(report, "content/"+w) && !strings.Contains(report, w) {
						t.Errorf("report lacks %q:\n%s", w, report)
					}
				}
				return
			}
			if err != nil {
				t.Fatal(diag.Report(err))
			}
			for _, w := range tt.want {
				if !strings.Contains(string(html), w) {
					t.Errorf("HTML lacks %q:\n%s", w, html)
				}
			}
		})
	}
}

// testFiles are the files a test site publishes besides its pages, with their sizes as
// images ({0, 0}: one that cannot be told).
type testFiles map[string][2]int

func (f testFiles) Has(name string) bool { _, ok := f[name]; return ok }

func (f testFiles) ImageSize(name string) (w, h int, ok bool) {
	s := f[name]
	return s[0], s[1], s[0] > 0
}

// Variants gives a copy 640 px wide of every image wider than that.
func (f testFiles) Variants(name string) []Variant {
	if f[name][0] > ColumnWidth {
		return []Variant{{strings.TrimSuffix(name, ".jpg") + ".640w.jpg", ColumnWidth}}
	}
	return nil
}

// TestLinksChecked checks links that name no source file: to a heading of another page,
// by an absolute path on the site, and by a relative URL. A link to a heading is checked
// once both pages are converted, whichever comes first; afterwards (a patch), at once.
func TestLinksChecked(t *testing.T) {
	links := map[string]string{
		"_index.md":            "/base/",
		"chaser.md":            "/base/chaser/",
		"guides/x.md":          "/base/guides/x/",
		"guides/waiting.md":    "/base/guides/waiting/",
		"guides/empty.md":      "/base/guides/empty/",
		"messages/chaser.toml": "/base/templates/chaser/",
	}
	pages := []struct{ rel, body string }{
		{"guides/x.md", strings.Join([]string{
			"[ok](../chaser.md#when-to-send) [ok](/chaser/#when-to-send) [ok](waiting.md#the-wait)",
			"[bad](../chaser.md#no-such-heading) [typo](/chaser/#when-to-snd) [none](../empty/#x)",
			"[ok](/) [ok](/templates/) [ok](/templates/chaser/) [ok](../waiting/) [ok](/chaser)",
			"[bad](/nope/) [bad](../nope/) [bad](nope)",
			"[files are not checked without Files](/css/site.css) [ok](#own) [ok](https://x.org/nope/)",
			"## Own",
		}, "\n\n")},
		{"chaser.md", "## When to send\n\n## How\n\nText."},
		{"guides/waiting.md", "# The wait"},
		{"guides/empty.md", "No headings."},
	}
	site := &Site{BaseURL: "/base/", BasePath: "/base/"}
	md := NewMarkdown()
	var errs []error
	for _, p := range pages {
		_, err := md.Convert(nil, MarkdownInput{Path: "content/" + p.rel, Rel: p.rel, Body: []byte(p.body), BodyLine: 1, Links: links, Site: site})
		errs = append(errs, err)
	}
	errs = append(errs, md.CheckFragments())
	var got []string
	for _, d := range diag.All(errors.Join(errs...)) {
		got = append(got, d.Error())
	}
	want := []string{
		`content/guides/x.md:3:1: broken link: ../chaser.md#no-such-heading (content/chaser.md) has no heading #no-such-heading; its headings are #when-to-send, #how`,
		`content/guides/x.md:3:37: broken link: /chaser/#when-to-snd (content/chaser.md) has no heading #when-to-snd; did you mean /chaser/#when-to-send?`,
		`content/guides/x.md:3:66: broken link: ../empty/#x (content/guides/empty.md) has no heading #x; the page has no headings; link to it as ../empty/`,
		`content/guides/x.md:7:1: broken link: /nope/ (/base/nope/ under the base URL) is no page of the site; ` + linkHint,
		`content/guides/x.md:7:15: broken link: ../nope/ (/base/guides/nope/ from this page) is no page of the site; ` + linkHint,
		`content/guides/x.md:7:31: broken link: nope (/base/guides/x/nope/ from this page) is no page of the site; ` + linkHint,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}

	// After CheckFragments, a page converted again is checked at once.
	_, err := md.Convert(nil, MarkdownInput{Path: "content/_index.md", Rel: "_index.md", Body: []byte("[x](chaser.md#how) [y](chaser.md#nope)"), BodyLine: 1, Links: links, Site: site})
	if diag.Count(err) != 1 || !strings.Contains(err.Error(), "chaser.md#nope (content/chaser.md) has no heading #nope") {
		t.Errorf("patched page: error %v, want the one broken link to a heading", err)
	}
}
