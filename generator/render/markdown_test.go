package render

import (
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
		{"external and anchor links stay", "a.md", "[e](https://example.org/x.md) [h](#top) [f](/abs/x.md)", false, []string{`href="https://example.org/x.md"`, `href="#top"`, `href="/abs/x.md"`}, nil},
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
		{"typographer", "a.md", `"Hi" -- there`, false, []string{"&ldquo;Hi&rdquo; &ndash; there"}, nil},
		{"raw HTML is off", "a.md", "<script>alert(1)</script>\n\nx <b>y</b>", false, []string{"<!-- raw HTML omitted -->"}, nil},
		{"raw HTML for a page that opts in", "a.md", "x <b>y</b>", true, []string{"x <b>y</b>"}, nil},
		{"javascript: links are dropped", "a.md", "[x](javascript:alert(1))", false, []string{`<a href="">x</a>`}, nil},
	}
	md := NewMarkdown()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			html, err := md.Convert(nil, MarkdownInput{Path: "content/" + tt.rel, Rel: tt.rel, Body: []byte(tt.body), BodyLine: 4, RawHTML: tt.raw, Links: links, Figures: figures})
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
