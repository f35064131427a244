package benchcorpus

import (
	"bytes"
	"context"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"

	"github.com/followup-playbook/playbook/generator/parallel"
)

// FloorStats says what Floor did.
type FloorStats struct {
	Pages int
	Bytes int64
}

// Shell is the HTML Floor wraps every page's Markdown in: about what the default layouts
// put around a page (head, header, navigation, footer), so the floor writes about as many
// bytes as a build.
const Shell = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Follow-up Playbook</title>
<meta name="description" content="A field-tested playbook, with timing, wording and a template.">
<link rel="canonical" href="/playbooks/page/">
<link rel="stylesheet" href="/css/site.css">
</head>
<body>
<a class="skip" href="#main">Skip to the content</a>
<header class="site-header">
<a class="site-title" href="/">Follow-up Playbook</a>
<nav aria-label="Main">
<ul>
<li><a href="/playbooks/">Playbooks</a></li>
<li><a href="/templates/">Templates</a></li>
</ul>
</nav>
</header>
<main id="main" tabindex="-1">
<article>
<div class="prose">
%s</div>
</article>
</main>
<footer class="site-footer">
</footer>
</body>
</html>
`

// Floor is the least a generator can do with a site's pages: read every content/**/*.md
// of site, render its body with goldmark alone (the extensions and options the generator
// uses: GFM, typographer, heading IDs), and write it inside Shell to dest/<dir>/<name>/index.html
// from the generator's own pool (parallel.Run). pad more bytes (an HTML
// comment) go into every page, so the floor can write as many bytes as the build it is
// compared with. dest must not exist.
func Floor(ctx context.Context, site, dest string, pad int) (FloorStats, error) {
	fsys := os.DirFS(site)
	var names []string
	err := fs.WalkDir(fsys, "content", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".md") {
			names = append(names, p)
		}
		return err
	})
	if err != nil {
		return FloorStats{}, err
	}
	md := goldmark.New(
		goldmark.WithExtensions(extension.GFM, extension.Typographer),
		goldmark.WithParserOptions(parser.WithAutoHeadingID()),
	)
	head, tail, _ := strings.Cut(Shell, "%s")
	if pad >= 8 {
		tail += "<!--" + strings.Repeat("-", pad-8) + "-->\n"
	}
	if err := os.Mkdir(dest, 0o755); err != nil {
		return FloorStats{}, err
	}
	// The first failure stops the pool: a floor that half ran measures nothing.
	ctx, stop := context.WithCancel(ctx)
	defer stop()
	// A buffer a worker, as a build's workers keep theirs, rather than one a page.
	bufs := sync.Pool{New: func() any { return new(bytes.Buffer) }}
	var total atomic.Int64
	errs := parallel.Run(ctx, len(names), func(i int) error {
		buf := bufs.Get().(*bytes.Buffer)
		defer bufs.Put(buf)
		n, err := floorPage(fsys, names[i], dest, head, tail, md, buf)
		if err != nil {
			stop()
			return err
		}
		total.Add(int64(n))
		return nil
	})
	st := FloorStats{Pages: len(names), Bytes: total.Load()}
	if len(errs) > 0 {
		// The first is the failure that stopped the pool, or the caller's ctx.Err().
		return st, errs[0]
	}
	return st, nil
}

// floorPage renders one page of Floor into buf and writes it, returning its size.
func floorPage(fsys fs.FS, name, dest, head, tail string, md goldmark.Markdown, buf *bytes.Buffer) (int, error) {
	src, err := fs.ReadFile(fsys, name)
	if err != nil {
		return 0, err
	}
	body := src
	if bytes.HasPrefix(src, []byte("+++\n")) {
		if end := bytes.Index(src[4:], []byte("\n+++\n")); end >= 0 {
			body = src[4+end+5:]
		}
	}
	buf.Reset()
	buf.WriteString(head)
	if err := md.Convert(body, buf); err != nil {
		return 0, err
	}
	buf.WriteString(tail)
	rel := strings.TrimSuffix(strings.TrimPrefix(name, "content/"), ".md")
	dir := filepath.Join(dest, filepath.FromSlash(rel))
	if path.Base(rel) == "_index" {
		dir = filepath.Dir(dir)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return 0, err
	}
	if err := os.WriteFile(filepath.Join(dir, "index.html"), buf.Bytes(), 0o644); err != nil {
		return 0, err
	}
	return buf.Len(), nil
}
