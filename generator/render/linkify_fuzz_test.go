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

// linkifyDocs are Markdown documents where Linkify has, or nearly has, work to do: the
// seeds of FuzzLinkifyMatchesGFM and the cases of TestLinkifyMatchesGFM, with the default
// site's pages.
func linkifyDocs(t testing.TB) []string {
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
		"[a link](https://example.com/x) and [another](http://example.org) with no bare address",
		"![an image](https://example.com/i.png \"title\") [ref]\n\n[ref]: https://example.com/ref",
		"Not a link: \\[x](https://example.com/escaped) and [x] (https://example.com/spaced)",
		"[bad destination](https://example.com/a b) and [unclosed](https://example.com/c",
		"www...example.com and www.example..com, http ://no and https:/one and ftp:x",
		"Text with https in it, a www word, and ftp alone.",
		"**https://example.com/bold** ~~www.example.com~~ (ftp://example.com/file)",
		"[label with www.example.com inside](chaser.md) and `http://in.code/span`",
		"Entities &#104;ttp://example.com and &lt;www.example.com&gt; and <https://auto.link>",
		"line ends with http\nhttps://next.line/starts and <span>www.example.com</span>",
		"| https://cell.example.com | [x](https://y.example.com) |\n|---|---|\n| www.z.com | w |",
		"hard break  \nthree spaces   \nfour    \ntab\t\t\nspace tab \t\nend  ",
		"crlf hard break  \r\nsoft \r\n(paren) ~tilde~ _under_ *star* end\t",
	}
	fsys := playbook.DefaultSite
	names, _ := fs.Glob(fsys, "content/*.md")
	for _, n := range names {
		b, err := fs.ReadFile(fsys, n)
		if err != nil {
			t.Fatal(err)
		}
		docs = append(docs, string(b))
	}
	return docs
}

// linkifyPair is goldmark's own GFM, and the instances Markdown.Convert parses with: gfm,
// whose Linkify skips the places that cannot start a link, and gfmWithoutLinkify.
type linkifyPair struct{ stock, quick, plain goldmark.Markdown }

func newLinkifyPair() linkifyPair {
	opts := goldmark.WithParserOptions(parser.WithAutoHeadingID())
	return linkifyPair{
		stock: goldmark.New(goldmark.WithExtensions(extension.GFM, extension.Typographer), opts),
		quick: goldmark.New(goldmark.WithExtensions(gfm, extension.Typographer), opts),
		plain: goldmark.New(goldmark.WithExtensions(gfmWithoutLinkify, extension.Typographer), opts),
	}
}

// render renders d with goldmark's GFM, and as Markdown.Convert parses it (parseLinkified);
// it reports whether the parse without Linkify was used.
func (p linkifyPair) render(t testing.TB, d []byte) (stock, ours string, usedPlain bool) {
	var a, b bytes.Buffer
	if err := p.stock.Convert(d, &a); err != nil {
		t.Fatal(err)
	}
	doc, usedPlain := parseLinkified(p.quick.Parser(), p.plain.Parser(), d, func() parser.Context { return parser.NewContext() })
	if err := p.quick.Renderer().Render(&b, d, doc); err != nil {
		t.Fatal(err)
	}
	return a.String(), b.String(), usedPlain
}

// TestLinkifyMatchesGFM wants the same bytes from goldmark's GFM as from the way
// Markdown.Convert parses, and both of its ways of parsing exercised.
func TestLinkifyMatchesGFM(t *testing.T) {
	pair := newLinkifyPair()
	links, plain := 0, 0
	for i, d := range linkifyDocs(t) {
		stock, ours, usedPlain := pair.render(t, []byte(d))
		links += strings.Count(stock, `href="mailto:`) + strings.Count(stock, `href="http://www.`)
		if usedPlain {
			plain++
		}
		if stock != ours {
			t.Errorf("document %d renders differently (plain parse: %v):\nGFM:  %s\nours: %s", i, usedPlain, stock, ours)
		}
	}
	if links < 10 {
		t.Errorf("only %d autolinks in the documents; the test no longer exercises Linkify", links)
	}
	if plain < 5 {
		t.Errorf("only %d documents took the parse without Linkify; the test no longer exercises it", plain)
	}
}

// FuzzLinkifyMatchesGFM: for any Markdown, the way Markdown.Convert parses gives the bytes
// goldmark's GFM gives.
func FuzzLinkifyMatchesGFM(f *testing.F) {
	for _, d := range linkifyDocs(f) {
		f.Add([]byte(d))
	}
	pair := newLinkifyPair()
	f.Fuzz(func(t *testing.T, d []byte) {
		if len(d) > 4096 {
			return // goldmark's own slow paths, not this comparison, would set the pace
		}
		stock, ours, usedPlain := pair.render(t, d)
		if stock != ours {
			t.Errorf("renders differently (plain parse: %v):\nGFM:  %q\nours: %q", usedPlain, stock, ours)
		}
	})
}
