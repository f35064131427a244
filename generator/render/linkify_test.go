package render

import (
	"bytes"
	"io/fs"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"

	playbook "github.com/followup-playbook/playbook"
)

// TestQuickLinkifyMatchesGFM renders the same Markdown with goldmark's GFM and with gfm,
// whose Linkify skips the places that cannot start a link, and wants the same bytes.
func TestQuickLinkifyMatchesGFM(t *testing.T) {
	docs := []string{
		"Write to jane.doe@example.com or (bob@example.org) today.",
		"Mail *me@example.com* and _you@example.net_ and ~x@example.io~.",
		"See www.example.com, http://example.com/a?b=c, https://x.y/z) and ftp://files.example.org.",
		"An @ alone, a@b without a dot, a@b.c, @handle and user@ and trailing foo@bar.com.",
		"Long line " + strings.Repeat("word ", 200) + "then mail@example.com at the end.",
		"first@example.com starts the line\nsecond line with www.example.org\n\nnew paragraph x@y.zz",
		"- item one@example.com\n- item www.example.com\n  continued http://a.b\n\n> quote q@q.qq\n",
		"`code a@b.cc` and [link a@b.cc](https://example.com) and ![img](x@y.z)",
		"\tindented code a@b.cc\n\nText\twith\ttabs a@b.cc and  two  spaces www.a.b",
		"| a | b |\n|---|---|\n| c@d.ee | www.f.gg |\n\n- [x] done e@f.gh\n- [ ] not ~~struck@x.yy~~",
		"He said \"hi\" -- and... 'quotes' at a@b.cd; (www.example.com) _www.example.com_",
		"x@y.z-\nx@y.z_ and x@y.z. end",
	}
	fsys := playbook.DefaultSite
	names, _ := fs.Glob(fsys, "content/*.md")
	for _, n := range names {
		b, _ := fs.ReadFile(fsys, n)
		docs = append(docs, string(b))
	}
	stock := goldmark.New(goldmark.WithExtensions(extension.GFM, extension.Typographer), goldmark.WithParserOptions(parser.WithAutoHeadingID()))
	quick := goldmark.New(goldmark.WithExtensions(gfm, extension.Typographer), goldmark.WithParserOptions(parser.WithAutoHeadingID()))
	links := 0
	for i, d := range docs {
		var a, b bytes.Buffer
		if err := stock.Convert([]byte(d), &a); err != nil {
			t.Fatal(err)
		}
		if err := quick.Convert([]byte(d), &b); err != nil {
			t.Fatal(err)
		}
		links += strings.Count(a.String(), `href="mailto:`) + strings.Count(a.String(), `href="http://www.`)
		if a.String() != b.String() {
			t.Errorf("document %d renders differently:\nGFM:   %s\nquick: %s", i, a.String(), b.String())
		}
	}
	if links < 10 {
		t.Errorf("only %d autolinks in the documents; the test no longer exercises Linkify", links)
	}
}
