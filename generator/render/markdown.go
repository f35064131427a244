package render

import (
	"bytes"
	"errors"
	"fmt"
	"html/template"
	"net/url"
	"path"
	"sort"
	"strings"
	"unsafe"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/followup-playbook/playbook/generator/diag"
)

// Markdown turns a page's Markdown into HTML: GFM tables and task lists, typographic
// quotes and dashes, heading IDs with anchor links, links to other pages by their source
// path, and {{< rule KEY >}} shortcodes. It is safe for concurrent use.
type Markdown struct {
	safe, unsafe goldmark.Markdown
	// plain parses as safe and unsafe do, but without Linkify (see parseLinkified).
	plain parser.Parser
	// frags checks the links to headings of other pages (see CheckFragments).
	frags *fragments
}

// MarkdownInput is what one conversion needs beyond the source.
type MarkdownInput struct {
	// Path names the file in errors; Body starts on line BodyLine of it.
	Path     string
	Body     []byte
	BodyLine int
	// Rel is the page's path under content/, against which relative links resolve.
	Rel string
	// RawHTML lets raw HTML through, for pages that opt in.
	RawHTML bool
	// Links maps every linkable source path under content/ ("chaser.md",
	// "messages/chaser.toml") to its URL on the site ("/chaser/").
	Links map[string]string
	// Figures gives the text of each {{< rule KEY >}} shortcode.
	Figures map[string]string
}

// NewMarkdown builds the goldmark instances (with and without raw HTML, and a parser
// without Linkify) once, for all pages.
func NewMarkdown() *Markdown {
	build := func(gfm goldmark.Extender, opts ...renderer.Option) goldmark.Markdown {
		return goldmark.New(
			goldmark.WithExtensions(gfm, extension.Typographer),
			goldmark.WithParserOptions(
				parser.WithAutoHeadingID(),
				parser.WithInlineParsers(util.Prioritized(shortcodeParser{}, 50)),
				parser.WithASTTransformers(util.Prioritized(linkTransformer{}, 100)),
			),
			goldmark.WithRendererOptions(append(opts, taskBoxes)...),
		)
	}
	return &Markdown{safe: build(gfm), unsafe: build(gfm, html.WithUnsafe()), plain: build(gfmWithoutLinkify).Parser(),
		frags: &fragments{ids: map[string]string{}}}
}

var (
	inputKey    = parser.NewContextKey()
	problemsKey = parser.NewContextKey()
)

// problems is what one conversion found: its errors, and for CheckFragments its headings'
// IDs ("\x00id\x00id\x00") and links to headings of other pages.
type problems struct {
	errs  []error
	ids   strings.Builder
	links []fragmentLink
	frags *fragments
}

// Convert renders in.Body to HTML, reporting every broken link and unknown shortcode. The
// HTML is written into buf, which it resets (nil: a new buffer), and shares its bytes: it
// is good until buf is written again. A build reuses one buffer a worker, which saves
// allocating and clearing twice the Markdown's size for every page.
func (m *Markdown) Convert(buf *bytes.Buffer, in MarkdownInput) (template.HTML, error) {
	md := m.safe
	if in.RawHTML {
		md = m.unsafe
	}
	var probs *problems
	newContext := func() parser.Context {
		// A parse that is tried again starts afresh: no problems, no heading IDs taken.
		pc := parser.NewContext()
		pc.Set(inputKey, &in)
		probs = &problems{frags: m.frags}
		pc.Set(problemsKey, probs)
		return pc
	}
	// HTML comes out about 1.5 times the size of its Markdown; room for twice saves the
	// buffer's regrowth copies on almost every page.
	if buf == nil {
		buf = new(bytes.Buffer)
	}
	buf.Reset()
	buf.Grow(2*len(in.Body) + 512)
	doc, _ := parseLinkified(md.Parser(), m.plain, in.Body, newContext)
	if err := md.Renderer().Render(bufWriter{buf}, in.Body, doc); err != nil {
		return "", fmt.Errorf("%s: %w", in.Path, err)
	}
	if in.Rel != "" {
		probs.ids.WriteByte(0)
		probs.errs = append(probs.errs, m.frags.record(in.Rel, probs.ids.String(), probs.links)...)
	}
	if len(probs.errs) > 0 {
		return "", errors.Join(probs.errs...)
	}
	// The caller writes buf again only once it is done with the HTML, so buf's bytes can
	// back the string without a copy.
	b := buf.Bytes()
	return template.HTML(unsafe.String(unsafe.SliceData(b), len(b))), nil
}

// bufWriter lets goldmark write straight into a bytes.Buffer: given a plain io.Writer,
// goldmark wraps it in a fresh 4 KiB bufio.Writer per page and copies everything twice.
// goldmark only calls the util.BufWriter methods that write, and Flush.
type bufWriter struct{ *bytes.Buffer }

func (bufWriter) Buffered() int { return 0 }
func (bufWriter) Flush() error  { return nil }

func (in *MarkdownInput) errorAt(offset int, msg, hint string) *diag.Error {
	line, col := diag.Position(in.Body, offset)
	return diag.At(in.Path, in.Body, line, col, msg, hint).Shift(in.BodyLine - 1)
}

// shortcodeParser reads {{< name args >}}. The only shortcode today is `rule KEY`, which
// writes a timing figure from the rules so prose cannot drift from them.
type shortcodeParser struct{}

func (shortcodeParser) Trigger() []byte { return []byte{'{'} }

func (shortcodeParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, seg := block.PeekLine()
	if !bytes.HasPrefix(line, []byte("{{<")) {
		return nil
	}
	end := bytes.Index(line, []byte(">}}"))
	in := pc.Get(inputKey).(*MarkdownInput)
	probs := pc.Get(problemsKey).(*problems)
	if end < 0 {
		probs.errs = append(probs.errs, in.errorAt(seg.Start, "shortcode opened with {{< is not closed on the same line", "close it with >}}"))
		return nil
	}
	block.Advance(end + 3)
	v, msg, hint, ok := shortcode(string(line[3:end]), in.Figures)
	if ok {
		return ast.NewString([]byte(v))
	}
	probs.errs = append(probs.errs, in.errorAt(seg.Start, msg, hint))
	return ast.NewString(nil)
}

// linkTransformer resolves links written as source paths ("chaser.md",
// "../messages/chaser.toml#subject") to site URLs, reports those that point nowhere, and
// adds an anchor link to every heading.
type linkTransformer struct{}

func (linkTransformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	in := pc.Get(inputKey).(*MarkdownInput)
	probs := pc.Get(problemsKey).(*problems)
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Heading:
			if id, ok := n.AttributeString("id"); ok {
				probs.ids.WriteByte(0)
				probs.ids.Write(id.([]byte))
				a := ast.NewLink()
				a.Destination = append([]byte("#"), id.([]byte)...)
				a.SetAttributeString("class", []byte("anchor"))
				a.SetAttributeString("title", []byte("Link to this section"))
				a.AppendChild(a, ast.NewString([]byte("#")))
				n.AppendChild(n, a)
			}
		case *ast.Link:
			dest := string(n.Destination)
			u, target, fragment, err := resolve(in, dest)
			checked := u != ""
			if !checked && err == nil {
				target, fragment, checked, err = probs.frags.checkURL(in, dest)
			}
			switch {
			case err != nil:
				probs.errs = append(probs.errs, in.errorAt(linkOffset(n, reader.Source()), err.Error(), linkHint))
			case checked && fragment != "" && strings.HasSuffix(target, ".md") && target != in.Rel:
				if f, err := url.PathUnescape(fragment); err == nil {
					fragment = f
				}
				probs.links = append(probs.links, fragmentLink{target: target, fragment: fragment, dest: dest,
					in: in, offset: linkOffset(n, reader.Source())})
			}
			if u != "" {
				n.Destination = []byte(u)
			}
		}
		return ast.WalkContinue, nil
	})
}

const linkHint = "link to a page by its path under content/, e.g. [the chaser](chaser.md)"

// resolve returns the URL for a link to a source path, "" to leave the link as it is, or
// an error when the link points at a page that does not exist; target and fragment are
// the path under content/ it names and the fragment after "#".
func resolve(in *MarkdownInput, dest string) (u, target, fragment string, err error) {
	// Without an escape, a path ending in .md or .toml has that in dest itself: most links
	// (to other sites, to anchors) are told apart without parsing them.
	if !strings.Contains(dest, ".md") && !strings.Contains(dest, ".toml") && !strings.Contains(dest, "%") {
		return "", "", "", nil
	}
	// A page links to a dozen others: most are a bare path and fragment ("chaser.md#x"),
	// which need no url.Parse; one that could hold an escape, a scheme, a host or a query
	// gets it.
	p, fragment, _ := strings.Cut(dest, "#")
	if strings.ContainsAny(p, "%:?") || strings.HasPrefix(p, "//") {
		u, err := url.Parse(dest)
		if err != nil || u.Scheme != "" || u.Host != "" {
			return "", "", "", nil
		}
		p, fragment = u.Path, u.Fragment
	}
	if p == "" || strings.HasPrefix(p, "/") {
		return "", "", "", nil
	}
	ext := path.Ext(p)
	if ext != ".md" && ext != ".toml" {
		return "", "", "", nil
	}
	target = path.Join(path.Dir(in.Rel), p)
	to, ok := in.Links[target]
	if !ok {
		return "", "", "", fmt.Errorf("broken link: %s (content/%s) does not exist", dest, target)
	}
	if fragment != "" {
		to += "#" + fragment
	}
	return to, target, fragment, nil
}

// linkOffset finds where a link starts in the source: goldmark keeps positions on text,
// not on inline nodes, so use the first text inside it, or its paragraph.
func linkOffset(n ast.Node, src []byte) int {
	for c := n.FirstChild(); c != nil; c = c.FirstChild() {
		if t, ok := c.(*ast.Text); ok {
			return max(t.Segment.Start-1, 0)
		}
	}
	for p := n.Parent(); p != nil; p = p.Parent() {
		if p.Type() == ast.TypeBlock && p.Lines().Len() > 0 {
			return p.Lines().At(0).Start
		}
	}
	return 0
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

var _ util.BufWriter = bufWriter{}
