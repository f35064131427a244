package corpus

import (
	"bytes"
	"context"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
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
// from a pool of twice the cores, as the generator's own pool does. pad more bytes (an HTML
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
	var (
		next, total atomic.Int64
		wg          sync.WaitGroup
		once        sync.Once
		firstErr    error
	)
	fail := func(err error) { once.Do(func() { firstErr = err }) }
	if err := os.Mkdir(dest, 0o755); err != nil {
		return FloorStats{}, err
	}
	for range 2 * runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var buf bytes.Buffer
			for {
				i := int(next.Add(1) - 1)
				if i >= len(names) || ctx.Err() != nil {
					return
				}
				src, err := fs.ReadFile(fsys, names[i])
				if err != nil {
					fail(err)
					return
				}
				body := src
				if bytes.HasPrefix(src, []byte("+++\n")) {
					if end := bytes.Index(src[4:], []byte("\n+++\n")); end >= 0 {
						body = src[4+end+5:]
					}
				}
				buf.Reset()
				buf.WriteString(head)
				if err := md.Convert(body, &buf); err != nil {
					fail(err)
					return
				}
				buf.WriteString(tail)
				rel := strings.TrimSuffix(strings.TrimPrefix(names[i], "content/"), ".md")
				dir := filepath.Join(dest, filepath.FromSlash(rel))
				if path.Base(rel) == "_index" {
					dir = filepath.Dir(dir)
				}
				if err := os.MkdirAll(dir, 0o755); err != nil {
					fail(err)
					return
				}
				if err := os.WriteFile(filepath.Join(dir, "index.html"), buf.Bytes(), 0o644); err != nil {
					fail(err)
					return
				}
				total.Add(int64(buf.Len()))
			}
		}()
	}
	wg.Wait()
	if firstErr == nil {
		firstErr = ctx.Err()
	}
	return FloorStats{Pages: len(names), Bytes: total.Load()}, firstErr
}
