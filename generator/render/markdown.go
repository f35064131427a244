package render

import (
	"bytes"
	"errors"
	"fmt"
	"html/template"
	"net/url"
	"path"
	"sort"
	"strconv"
	"strings"
	"sync"
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
	"github.com/followup-playbook/playbook/generator/internal/strictoml"
	"github.com/followup-playbook/playbook/generator/load/content"
)

// Markdown turns a page's Markdown into HTML: GFM tables and task lists, typographic
// quotes and dashes, footnotes and definition lists, heading IDs with anchor links, links to other pages by their source
// path, and {{< rule KEY >}} shortcodes. It is safe for concurrent use.
type Markdown struct {
	safe, unsafe goldmark.Markdown
	// plain parses as safe and unsafe do, but without Linkify (see parseLinkified).
	plain parser.Parser
	// frags checks the links to headings of other pages (see CheckFragments).
	frags *fragments
	// warns are the warnings of every conversion so far (see Warnings).
	warnMu sync.Mutex
	warns  []error
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
	// Site writes a link or image by its path on the site ("/templates/") under the base
	// path, and tells the site's own full addresses; nil is a site at "/".
	Site *Site
	// Files are the files the site publishes besides its pages, which links and images
	// may name and whose images' sizes are written; nil checks no file.
	Files Files
	// Held are the pages this build leaves out by their dates alone, by their paths under
	// content/. A link to one is no mistake: the same site built on another day has the
	// page. So the link is written as its text alone, and a warning says why, rather than
	// a build that worked yesterday failing today with nothing changed, or a link to a
	// page that is not there.
	Held map[string]content.Held
}

// Files are the files a build publishes besides its pages: the static files, the files
// beside the pages under content/ and the ones the build makes (feed.xml, rules.json).
type Files interface {
	// Has reports whether name, a path under the base path ("images/logo.svg"), is
	// published.
	Has(name string) bool
	// ImageSize is the size the image name is drawn at by default, in CSS pixels; ok is
	// false when it cannot be told.
	ImageSize(name string) (w, h int, ok bool)
	// Variants are the copies of the image name made narrower for the column (see
	// ColumnWidth), narrowest first; none for most images, and for every image of a
	// build without Minify.
	Variants(name string) []Variant
}

// Variant is a narrower copy of an image: its name under the base path and its width.
type Variant struct {
	Name  string
	Width int
}

// ColumnWidth is the widest a page's image is drawn, in CSS pixels: site.css's --measure,
// 42rem, less main's padding of 1rem a side. A raster image wider than that gets copies
// of this width and twice it (for screens of two device pixels a CSS pixel), so a phone
// does not download a photo's full width.
const ColumnWidth = 640

// NewMarkdown builds the goldmark instances (with and without raw HTML, and a parser
// without Linkify) once, for all pages.
func NewMarkdown() *Markdown {
	build := func(gfm goldmark.Extender, opts ...renderer.Option) goldmark.Markdown {
		return goldmark.New(
			goldmark.WithExtensions(gfm, extension.Typographer, extension.Footnote, extension.DefinitionList),
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
	// own are the links to a heading of the page itself, checked once it is parsed.
	own   []fragmentLink
	frags *fragments
	// warns are the links to held pages, and unwrap their nodes, written as their text.
	warns  []error
	unwrap []ast.Node
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
	if len(probs.warns) > 0 {
		m.warnMu.Lock()
		m.warns = append(m.warns, probs.warns...)
		m.warnMu.Unlock()
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

// Warnings are the warnings of every page converted so far, as *diag.Error values in the
// order diag.Problems gives: each link to a held page (see MarkdownInput's Held).
func (m *Markdown) Warnings() []*diag.Error {
	m.warnMu.Lock()
	defer m.warnMu.Unlock()
	return diag.Problems(errors.Join(m.warns...))
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
			if _, anchor := n.AttributeString("class"); !anchor { // a heading's own anchor link
				probs.destination(in, n, &n.Destination, reader.Source(), false)
			}
		case *ast.Image:
			if file := probs.destination(in, n, &n.Destination, reader.Source(), true); file != "" {
				probs.size(in, n, file, reader.Source())
			}
		}
		return ast.WalkContinue, nil
	})
	// A link to a held page gives way to its text, once the walk is past it.
	for _, n := range probs.unwrap {
		parent := n.Parent()
		for c := n.FirstChild(); c != nil; {
			next := c.NextSibling()
			parent.InsertBefore(parent, n, c)
			c = next
		}
		parent.RemoveChild(parent, n)
	}
	probs.checkOwnFragments(in)
}

// destination resolves the destination *dest of a link or image node n, writing in its
// place the URL the site publishes it at, records its problem or its link to a heading,
// and returns the published file it names ("" for a page or another site's address).
func (probs *problems) destination(in *MarkdownInput, n ast.Node, dest *[]byte, src []byte, image bool) string {
	d := string(*dest)
	u, target, fragment, err := resolve(in, d)
	l := siteLink{url: u, target: target, fragment: fragment}
	if u == "" && err == nil {
		l, err = probs.frags.checkURL(in, d, image)
	}
	if h, ok := err.(heldLink); ok && !image {
		probs.warns = append(probs.warns, h.warning(in, d, linkOffset(n, src)))
		probs.unwrap = append(probs.unwrap, n)
		return ""
	}
	if err != nil {
		hint := linkHint
		if p, ok := err.(linkProblem); ok && p.hint != "" {
			hint = p.hint
		}
		probs.errs = append(probs.errs, in.errorAt(linkOffset(n, src), err.Error(), hint))
		return ""
	}
	if l.fragment != "" && strings.HasSuffix(l.target, ".md") {
		fragment := l.fragment
		if f, err := url.PathUnescape(fragment); err == nil {
			fragment = f
		}
		fl := fragmentLink{target: l.target, fragment: fragment, dest: d, in: in, offset: linkOffset(n, src)}
		if l.target == in.Rel {
			probs.own = append(probs.own, fl)
		} else {
			probs.links = append(probs.links, fl)
		}
	}
	if l.url != "" {
		*dest = []byte(l.url)
	}
	return l.file
}

// checkOwnFragments reports the links to a heading of the page itself that it does not
// have. A page that may carry raw HTML may also link to an id="…" written in it.
func (probs *problems) checkOwnFragments(in *MarkdownInput) {
	ids := probs.ids.String() + "\x00"
	for _, l := range probs.own {
		if strings.Contains(ids, "\x00"+l.fragment+"\x00") || in.RawHTML && bytes.Contains(in.Body, []byte(`id="`+l.fragment+`"`)) {
			continue
		}
		probs.errs = append(probs.errs, l.broken(ids))
	}
}

// size gives an image of the site its width and height, so the page does not move as it
// loads, and has the browser load it only when it is near the screen, unless it is in the
// first two blocks of the page, which are on the first screen of a phone (below the
// header and the title) and would be late if lazy.
func (probs *problems) size(in *MarkdownInput, n *ast.Image, file string, src []byte) {
	if in.Files == nil {
		return
	}
	w, h, ok := in.Files.ImageSize(file)
	if !ok {
		probs.errs = append(probs.errs, in.errorAt(linkOffset(n, src), fmt.Sprintf("cannot tell the size of image %s", file),
			"use a PNG, JPEG, GIF or WebP, or an SVG whose <svg> has a width and height in px or a viewBox"))
		return
	}
	n.SetAttributeString("width", []byte(strconv.Itoa(w)))
	n.SetAttributeString("height", []byte(strconv.Itoa(h)))
	if vs := in.Files.Variants(file); len(vs) > 0 {
		// The browser picks the copy for the column's width on its screen; the narrowest
		// is the src, for what reads no srcset.
		base := in.basePath()
		var set strings.Builder
		for _, v := range vs {
			fmt.Fprintf(&set, "%s%s %dw, ", base, (&url.URL{Path: v.Name}).EscapedPath(), v.Width)
		}
		fmt.Fprintf(&set, "%s%s %dw", base, (&url.URL{Path: file}).EscapedPath(), w)
		n.Destination = []byte(base + (&url.URL{Path: vs[0].Name}).EscapedPath())
		n.SetAttributeString("srcset", []byte(set.String()))
		n.SetAttributeString("sizes", []byte(fmt.Sprintf("(min-width: 42rem) %dpx, calc(100vw - 2rem)", ColumnWidth)))
	}
	if !onFirstScreen(n) {
		n.SetAttributeString("loading", []byte("lazy"))
	}
}

// onFirstScreen says whether n is inside the first two top-level blocks of its document.
func onFirstScreen(n ast.Node) bool {
	for n.Parent() != nil && n.Parent().Kind() != ast.KindDocument {
		n = n.Parent()
	}
	before := 0
	for p := n.PreviousSibling(); p != nil; p = p.PreviousSibling() {
		if before++; before >= 2 {
			return false
		}
	}
	return true
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
	if h, held := in.Held[target]; !ok && held {
		return "", target, fragment, heldLink{h}
	}
	if !ok {
		msg := fmt.Sprintf("broken link: %s (content/%s) does not exist", dest, target)
		// A name of a few letters is near every other ("b.md", "a.md"): only a longer
		// one's near miss is a typo worth naming.
		if near := strictoml.Suggest(target, sortedKeys(in.Links)); near != "" && len(path.Base(target)) >= len("name.md") {
			if path.Dir(near) == path.Dir(target) {
				near = path.Join(path.Dir(p), path.Base(near))
			} else {
				near = "content/" + near
			}
			return "", "", "", linkProblem{msg, fmt.Sprintf("did you mean %s?", near)}
		}
		return "", "", "", errors.New(msg)
	}
	if fragment != "" {
		to += "#" + fragment
	}
	return to, target, fragment, nil
}

// linkOffset finds where a link or image starts in the source: goldmark keeps positions
// on text, not on inline nodes, so use the first text inside it ("[" or "![" before it),
// or its paragraph.
func linkOffset(n ast.Node, src []byte) int {
	opening := 1
	if n.Kind() == ast.KindImage {
		opening = 2
	}
	for c := n.FirstChild(); c != nil; c = c.FirstChild() {
		if t, ok := c.(*ast.Text); ok {
			return max(t.Segment.Start-opening, 0)
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
