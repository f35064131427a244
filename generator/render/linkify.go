package render

import (
	"bytes"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// gfm is goldmark's extension.GFM (Linkify, Table, Strikethrough, TaskList, in that order)
// with a cheaper but identical Linkify: see quickLinkify. gfmWithoutLinkify leaves Linkify
// out, for the parse that Markdown.Convert tries first (see parseLinkified).
var (
	gfm               goldmark.Extender = gfmExtension{linkify: true}
	gfmWithoutLinkify goldmark.Extender = gfmExtension{}
)

type gfmExtension struct{ linkify bool }

func (e gfmExtension) Extend(m goldmark.Markdown) {
	if e.linkify {
		// As extension.Linkify.Extend does, around the same parser.
		m.Parser().AddOptions(parser.WithInlineParsers(util.Prioritized(quickLinkify{extension.NewLinkifyParser()}, 999)))
	}
	extension.Table.Extend(m)
	extension.Strikethrough.Extend(m)
	extension.TaskList.Extend(m)
}

// parseLinkified parses src as full, whose inline parsers include Linkify, would: with
// plain, the same parser without Linkify, when that is sure to give the same document, and
// with full otherwise. newContext gives each parse a context of its own.
//
// Linkify is tried at every space of every paragraph, and goldmark pays for each try even
// when it finds nothing: it cuts the text there and merges it back. A page links to other
// sites by [text](https://...), which Linkify never sees, so most pages hold no text it
// could turn into a link. It makes one only of an e-mail address, which needs an @, or of
// text that starts with http:, https:, ftp: or www. after a space, *, _, ~ or ( in the
// paragraph's flow. Up to the first place it makes a link, the two parsers do the same at
// every byte (Linkify's failed tries change nothing), and none of goldmark's inline parsers
// starts at h, t, p, f or w, so the plain parse leaves such text inside an ast.Text. So:
// a source without an @ whose plain parse has no "http", "ftp" or "www" in any text is
// what full would have made; anything else is parsed again with full.
//
// Linkify's tries do leave a mark in one place: a line's text is cut at each space, and
// only the last piece has its trailing white space trimmed. A line that ends in two or more
// blanks (beyond the two spaces of a hard line break) keeps all but one of them where the
// plain parse trims them all, so such a source is parsed with full as well.
func parseLinkified(full, plain parser.Parser, src []byte, newContext func() parser.Context) (doc ast.Node, usedPlain bool) {
	if bytes.IndexByte(src, '@') < 0 && !hasTrailingBlanks(src) {
		doc = plain.Parse(text.NewReader(src), parser.WithContext(newContext()))
		if !hasLinkStart(doc, src) {
			return doc, true
		}
	}
	return full.Parse(text.NewReader(src), parser.WithContext(newContext())), false
}

// hasTrailingBlanks reports whether a line of src ends in two or more blanks, other than
// exactly two spaces (a hard line break).
func hasTrailingBlanks(src []byte) bool {
	// goldmark's white space; the bytes looked at are never the newline itself.
	blank := func(i int) bool { return util.IsSpace(src[i]) }
	for rest := 0; rest <= len(src); {
		end := len(src)
		if i := bytes.IndexByte(src[rest:], '\n'); i >= 0 {
			end = rest + i
		}
		if end-rest >= 2 && blank(end-1) && blank(end-2) {
			hardBreak := src[end-1] == ' ' && src[end-2] == ' ' && (end-rest == 2 || !blank(end-3))
			if !hardBreak {
				return true
			}
		}
		rest = end + 1
	}
	return false
}

var linkStartStems = [][]byte{[]byte("http"), []byte("ftp"), []byte("www")}

// hasLinkStart reports whether any text in doc holds the first letters of a link Linkify
// could make (without the : or ., which another parser may take: "www..." is an ellipsis).
func hasLinkStart(doc ast.Node, src []byte) bool {
	holdsStem := func(b []byte) bool {
		for _, stem := range linkStartStems {
			if bytes.Contains(b, stem) {
				return true
			}
		}
		return false
	}
	if !holdsStem(src) {
		return false
	}
	found := false
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if t, ok := n.(*ast.Text); ok && entering && holdsStem(t.Segment.Value(src)) {
			found = true
			return ast.WalkStop, nil
		}
		return ast.WalkContinue, nil
	})
	return found
}

// quickLinkify answers for goldmark's linkify parser where the answer is sure to be "no
// link here". That parser is tried at every space (and *, _, ~, () of every paragraph; it
// makes a link only of text that starts with http:, https:, ftp: or www. right there, or of
// an e-mail address, which needs an @ further on the line. Where neither can be, it returns
// nil without asking; elsewhere it asks. The next @ is remembered per document, so each
// paragraph is searched for it once rather than once a word.
type quickLinkify struct{ parser.InlineParser }

var atKey = parser.NewContextKey()

// nextAt is the offset of the first @ at or after from in the source (len(source) if none).
type nextAt struct{ from, at int }

var linkStarts = [][]byte{[]byte("http:"), []byte("https:"), []byte("ftp:"), []byte("www.")}

func (q quickLinkify) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, seg := block.PeekLine()
	src := block.Source()
	// With no padding and no forced newline, line is src[seg.Start:seg.Stop].
	if seg.Padding != 0 || seg.ForceNewline || len(line) == 0 || seg.Start+len(line) > len(src) {
		return q.InlineParser.Parse(parent, block, pc)
	}
	rest := line
	switch rest[0] {
	case ' ', '*', '_', '~', '(':
		rest = rest[1:]
	}
	if len(rest) > 0 && (rest[0] == 'h' || rest[0] == 'f' || rest[0] == 'w') {
		for _, p := range linkStarts {
			if bytes.HasPrefix(rest, p) {
				return q.InlineParser.Parse(parent, block, pc)
			}
		}
	}
	start, end := seg.Start+len(line)-len(rest), seg.Start+len(line)
	n, _ := pc.Get(atKey).(*nextAt)
	if n == nil || start < n.from || start > n.at {
		if n == nil {
			n = &nextAt{}
			pc.Set(atKey, n)
		}
		n.from, n.at = start, len(src)
		if i := bytes.IndexByte(src[start:], '@'); i >= 0 {
			n.at = start + i
		}
	}
	if n.at >= end {
		return nil // no @ on the rest of the line: no e-mail address, and no URL
	}
	return q.InlineParser.Parse(parent, block, pc)
}
