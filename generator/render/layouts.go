package render

import (
	"bytes"
	"errors"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"path"
	"reflect"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"text/template/parse"

	"github.com/followup-playbook/playbook/generator/diag"
	"github.com/followup-playbook/playbook/generator/internal/strictoml"
)

// LayoutDir is the folder, at the site's root, that holds the html/template layouts.
const LayoutDir = "layouts"

// The layout every page is wrapped in, and where shared pieces live.
const (
	baseLayout  = "base.html"
	partialsDir = "partials/"
)

// ErrBrokenLayout is what Execute returns for a page whose layout problem is reported
// already: the layout did not parse (LoadLayouts said why), or it failed the same way on
// another page (whose error counts the pages).
var ErrBrokenLayout = errors.New("the layout's problem is reported already")

// Layouts are a site's html/template files, parsed once: base.html wraps every page and
// calls {{template "main" .}}, which each kind's layout (home.html, page.html, list.html,
// 404.html, ...) defines; partials/*.html are shared by all.
type Layouts struct {
	sets map[string]*template.Template
	// broken names the layouts that did not parse: already reported, so pages that use
	// them are skipped rather than reported again.
	broken map[string]bool
	srcs   map[string][]byte
	// sizes holds, per layout, the size of the page it last produced.
	sizes map[string]*atomic.Int64

	mu sync.Mutex
	// failures are the execution errors so far, by their text without the page.
	failures map[string]*failure
	// cached are the partials partialCached rendered so far.
	cached *partialCache
}

// Reset forgets what executing the layouts left (the partials partialCached rendered, the
// failures), so that another build can execute them as parsed, and escaped by
// html/template on their first execution, rather than parse them again. A build must not
// be executing them meanwhile.
func (l *Layouts) Reset() {
	l.mu.Lock()
	defer l.mu.Unlock()
	clear(l.failures)
	l.cached.html.Clear()
}

// failure is one mistake in a layout and the pages it hit. A layout fails the same way on
// every page that reaches the mistake, and a site owner needs it once, not thousands of
// times: err, the error Execute returned for the first of them, is updated as the others
// fail, and read once the pages are rendered.
type failure struct {
	err   *diag.Error
	msg   string // err's message without the page
	first string // the page that sorts first, so the message does not depend on timing
	pages int
}

// LoadLayouts parses every layout under layouts/ in the given file systems. A file in an
// earlier one replaces the file of the same name in a later one, so a site overrides the
// built-in defaults one file at a time, as a theme works. Every file that does not parse
// is reported.
func LoadLayouts(funcs template.FuncMap, fss ...fs.FS) (*Layouts, error) {
	srcs := map[string][]byte{}
	for i := len(fss) - 1; i >= 0; i-- {
		if fss[i] == nil {
			continue
		}
		err := fs.WalkDir(fss[i], LayoutDir, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				if errors.Is(err, fs.ErrNotExist) {
					return nil
				}
				return err
			}
			if d.IsDir() || !strings.HasSuffix(p, ".html") {
				return nil
			}
			b, err := fs.ReadFile(fss[i], p)
			if err != nil {
				return err
			}
			srcs[strings.TrimPrefix(p, LayoutDir+"/")] = b
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("reading layouts: %w", err)
		}
	}
	if _, ok := srcs[baseLayout]; !ok {
		return nil, &diag.Error{Path: LayoutDir + "/" + baseLayout, Msg: "there is no base layout", Hint: "add layouts/base.html, or remove layouts/ to use the built-in ones"}
	}
	names := make([]string, 0, len(srcs))
	for n := range srcs {
		names = append(names, n)
	}
	sort.Strings(names)

	var errs []error
	cached := &partialCache{}
	shared := template.New("").Funcs(template.FuncMap{"partialCached": cached.render}).Funcs(funcs)
	for _, n := range names {
		if n != baseLayout && !strings.HasPrefix(n, partialsDir) {
			continue
		}
		if _, err := shared.New(n).Parse(string(srcs[n])); err != nil {
			errs = append(errs, templateError(srcs, err))
		}
	}
	if len(errs) == 0 {
		errs = cachedCycles(shared, srcs)
	}
	l := &Layouts{sets: map[string]*template.Template{}, broken: map[string]bool{}, srcs: srcs, sizes: map[string]*atomic.Int64{}, failures: map[string]*failure{}, cached: cached}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	// The layouts are cloned from shared below, so shared itself is never escaped for one
	// of them and can execute partials alone.
	cached.set = shared
	for _, n := range names {
		if n == baseLayout || strings.HasPrefix(n, partialsDir) {
			continue
		}
		set, err := shared.Clone()
		if err == nil {
			_, err = set.New(n).Parse(string(srcs[n]))
		}
		if err == nil && set.Lookup("main") == nil {
			err = &diag.Error{Path: LayoutDir + "/" + n, Line: 1, Msg: `the layout does not define "main"`, Hint: `wrap its content in {{define "main"}} … {{end}}`}
		}
		if err != nil {
			errs = append(errs, templateError(srcs, err))
			l.broken[strings.TrimSuffix(n, ".html")] = true
			continue
		}
		l.sets[strings.TrimSuffix(n, ".html")] = set
		l.sizes[strings.TrimSuffix(n, ".html")] = new(atomic.Int64)
	}
	return l, errors.Join(errs...)
}

// WriteSources writes every layout's name and source to w in name order, for a
// fingerprint of what the pages are rendered with.
func (l *Layouts) WriteSources(w io.Writer) {
	names := make([]string, 0, len(l.srcs))
	for n := range l.srcs {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "%s %d\n", n, len(l.srcs[n]))
		w.Write(l.srcs[n])
	}
}

// Has reports whether a layout of that name (without ".html") exists.
func (l *Layouts) Has(name string) bool { _, ok := l.sets[name]; return ok }

// Broken reports whether a layout of that name did not parse (LoadLayouts reported why).
func (l *Layouts) Broken(name string) bool { return l.broken[name] }

// Execute renders data with the named layout inside base.html into buf, which it resets
// (nil: a new buffer), and returns buf's bytes. forPage names the page being rendered,
// for the error message.
func (l *Layouts) Execute(buf *bytes.Buffer, name string, data any, forPage string) ([]byte, error) {
	set, ok := l.sets[name]
	if l.broken[name] {
		return nil, ErrBrokenLayout
	}
	if !ok {
		return nil, &diag.Error{Path: forPage, Msg: fmt.Sprintf("no layout %q", name+".html"), Hint: "add layouts/" + name + ".html, or pick another layout in the front matter"}
	}
	// Start at the size this layout last produced (plus an eighth): pages of one layout
	// are alike in size, and growing from empty copies each page about twice over.
	hint := l.sizes[name]
	if buf == nil {
		buf = new(bytes.Buffer)
	}
	buf.Reset()
	buf.Grow(int(hint.Load()*9/8 + 1024))
	if err := set.ExecuteTemplate(buf, baseLayout, data); err != nil {
		return nil, l.failed(templateError(l.srcs, err), forPage)
	}
	hint.Store(int64(buf.Len()))
	return buf.Bytes(), nil
}

// failed records that rendering forPage failed with d, and returns d for the first page
// that fails this way, ErrBrokenLayout for the others: d then counts them.
func (l *Layouts) failed(d *diag.Error, forPage string) error {
	c := *d // d may be an error a layout's function returns every time; its count is ours
	d = &c
	key := d.Error()
	l.mu.Lock()
	defer l.mu.Unlock()
	f, seen := l.failures[key]
	if !seen {
		f = &failure{err: d, msg: d.Msg, first: forPage}
		l.failures[key] = f
	}
	f.pages++
	f.first = min(f.first, forPage)
	switch f.pages {
	case 1:
		d.Msg = fmt.Sprintf("while rendering %s: %s", f.first, f.msg)
	case 2:
		f.err.Msg = fmt.Sprintf("while rendering %s and 1 other page: %s", f.first, f.msg)
	default:
		f.err.Msg = fmt.Sprintf("while rendering %s and %d other pages: %s", f.first, f.pages-1, f.msg)
	}
	if seen {
		return ErrBrokenLayout
	}
	return d
}

// partialCache backs the layouts' partialCached function: partialCached NAME DATA [KEY...]
// renders the partial NAME (e.g. "partials/site-links.html") with DATA the first time it is
// called with those KEYs, and gives the same HTML every later time, as Hugo's partialCached
// does: for the parts of a page that are the same on every page (the site's links and
// meta tags), rendered once a build instead of once a page. DATA is not part of the key.
type partialCache struct {
	set  *template.Template
	html sync.Map // name and keys → template.HTML
}

func (c *partialCache) render(name string, data any, keys ...any) (template.HTML, error) {
	key := name
	for _, k := range keys {
		key += "\x00" + fmt.Sprint(k)
	}
	if h, ok := c.html.Load(key); ok {
		return h.(template.HTML), nil
	}
	var buf bytes.Buffer
	if err := c.set.ExecuteTemplate(&buf, name, data); err != nil {
		return "", err
	}
	h, _ := c.html.LoadOrStore(key, template.HTML(buf.String()))
	return h.(template.HTML), nil
}

// cachedCycles finds every partialCached call in base.html and the partials that could
// call itself again, directly or through other partials: each call runs a template
// execution of its own, so html/template's depth limit never stops such a loop, and the
// process would die of a stack overflow. For the calls to be followed, a partial names
// the partial it caches in quotes.
func cachedCycles(shared *template.Template, srcs map[string][]byte) []error {
	type call struct {
		from, to string
		tree     *parse.Tree
		node     parse.Node
	}
	var errs []error
	edges := map[string][]string{}
	var cached []call
	for _, t := range shared.Templates() {
		if t.Tree == nil || t.Tree.Root == nil {
			continue
		}
		tree, from := t.Tree, t.Name()
		var walk func(parse.Node)
		walk = func(n parse.Node) {
			switch n := n.(type) {
			case *parse.ListNode:
				if n != nil {
					for _, c := range n.Nodes {
						walk(c)
					}
				}
			case *parse.ActionNode:
				walk(n.Pipe)
			case *parse.IfNode:
				walk(n.Pipe)
				walk(n.List)
				walk(n.ElseList)
			case *parse.RangeNode:
				walk(n.Pipe)
				walk(n.List)
				walk(n.ElseList)
			case *parse.WithNode:
				walk(n.Pipe)
				walk(n.List)
				walk(n.ElseList)
			case *parse.TemplateNode:
				edges[from] = append(edges[from], n.Name)
				walk(n.Pipe)
			case *parse.PipeNode:
				if n != nil {
					for _, c := range n.Cmds {
						walk(c)
					}
				}
			case *parse.CommandNode:
				if id, ok := n.Args[0].(*parse.IdentifierNode); ok && id.Ident == "partialCached" {
					name, ok := parse.Node(nil), false
					if len(n.Args) > 1 {
						name = n.Args[1]
						_, ok = name.(*parse.StringNode)
					}
					if !ok {
						errs = append(errs, nodeError(srcs, tree, n, "partialCached needs the partial's name in quotes here",
							`write it as {{partialCached "partials/x.html" .}}, so the build can check that it does not call itself`))
					} else {
						to := name.(*parse.StringNode).Text
						edges[from] = append(edges[from], to)
						cached = append(cached, call{from, to, tree, n})
					}
				}
				for _, a := range n.Args {
					walk(a)
				}
			case *parse.ChainNode:
				walk(n.Node)
			}
		}
		walk(tree.Root)
	}
	reaches := func(from, to string) bool {
		seen := map[string]bool{}
		queue := []string{from}
		for len(queue) > 0 {
			n := queue[0]
			queue = queue[1:]
			if n == to {
				return true
			}
			if !seen[n] {
				seen[n] = true
				queue = append(queue, edges[n]...)
			}
		}
		return false
	}
	for _, c := range cached {
		if reaches(c.to, c.from) {
			errs = append(errs, nodeError(srcs, c.tree, c.node, fmt.Sprintf("partialCached %q leads back to itself, so it would never finish", c.to),
				"a cached partial cannot include itself, directly or through the partials it uses; remove the call"))
		}
	}
	return errs
}

// nodeError places a problem found in a parsed layout at the node's line and column.
func nodeError(srcs map[string][]byte, tree *parse.Tree, n parse.Node, msg, hint string) error {
	loc, _ := tree.ErrorContext(n)
	d := templateError(srcs, fmt.Errorf("template: %s: %s", loc, msg))
	d.Hint = hint
	return d
}

// unknownField is html/template's wording of a field or method a layout names that its
// data does not have: "can't evaluate field Parms in type *render.Site".
var unknownField = regexp.MustCompile(`can't evaluate field (\w+) in type (\S+)`)

// layoutType is the type layouts are given that html/template's errors call name, whose
// fields and methods an unknown field's hint can name.
func layoutType(name string) (reflect.Type, bool) {
	for _, v := range []any{Data{}, Site{}, Page{}, NavItem{}, MessagePage{}, Timeline{}, TimelineStep{}, FillData{}, FillField{}, Input{}} {
		if t := reflect.TypeOf(v); name == t.String() || name == "*"+t.String() {
			return t, true
		}
	}
	return nil, false
}

// fieldsOf lists the exported fields and methods a layout can name on the type called
// name, nil for a type layouts are not given.
func fieldsOf(name string) []string {
	t, ok := layoutType(name)
	if !ok {
		return nil
	}
	var names []string
	for i := range t.NumField() {
		if f := t.Field(i); f.IsExported() {
			names = append(names, f.Name)
		}
	}
	pt := reflect.PointerTo(t)
	for i := range pt.NumMethod() {
		names = append(names, pt.Method(i).Name)
	}
	return names
}

var templatePos = regexp.MustCompile(`template: ([^:]+):(\d+)(?::(\d+))?: (.*)$`)

// templateError turns html/template's "template: name:line:col: msg" into a positioned
// error on the layout file.
func templateError(srcs map[string][]byte, err error) *diag.Error {
	var d *diag.Error
	if errors.As(err, &d) {
		return d
	}
	msg := err.Error()
	out := &diag.Error{Path: LayoutDir, Msg: msg, Hint: "see https://pkg.go.dev/html/template for the syntax"}
	if m := templatePos.FindStringSubmatch(msg); m != nil {
		name := m[1]
		line, _ := strconv.Atoi(m[2])
		out.Path = path.Join(LayoutDir, name)
		out.Line = line
		if m[3] != "" {
			// text/template counts columns from 0; a diag.Error, as editors, from 1.
			col, _ := strconv.Atoi(m[3])
			out.Col = col + 1
		}
		out.Msg = m[4]
		out.Source = diag.LineOf(srcs[name], line)
	}
	if m := unknownField.FindStringSubmatch(out.Msg); m != nil {
		if s := strictoml.Suggest(m[1], fieldsOf(m[2])); s != "" {
			out.Hint = fmt.Sprintf("did you mean .%s?", s)
		}
	}
	return out
}
