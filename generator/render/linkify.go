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
// with a cheaper but identical Linkify: see quickLinkify.
var gfm goldmark.Extender = gfmExtension{}

type gfmExtension struct{}

func (gfmExtension) Extend(m goldmark.Markdown) {
	// As extension.Linkify.Extend does, around the same parser.
	m.Parser().AddOptions(parser.WithInlineParsers(util.Prioritized(quickLinkify{extension.NewLinkifyParser()}, 999)))
	extension.Table.Extend(m)
	extension.Strikethrough.Extend(m)
	extension.TaskList.Extend(m)
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
