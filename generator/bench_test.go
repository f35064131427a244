package generator_test

// Benchmarks per stage of a build and of the whole build, on synthetic sites of 1,000 and
// 10,000 pages (generated once into a cache folder under os.TempDir(); see
// scripts/benchsite). The 10,000-page ones are skipped under -short.
//
//	go test -run '^$' -bench . -benchtime 3x ./generator/
//
// Each reports pages/s and ms/page besides ns/op. BenchmarkFloor is goldmark alone
// rendering the same Markdown and writing about the same bytes: divide BenchmarkBuild's
// time by it for the floor ratio (`make bench` prints it).

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	playbook "github.com/followup-playbook/playbook"
	"github.com/followup-playbook/playbook/generator"
	"github.com/followup-playbook/playbook/generator/load/config"
	"github.com/followup-playbook/playbook/generator/load/content"
	"github.com/followup-playbook/playbook/generator/load/sitefs"
	"github.com/followup-playbook/playbook/generator/output"
	"github.com/followup-playbook/playbook/generator/render"
	"github.com/followup-playbook/playbook/scripts/benchcorpus"
)

var benchSizes = []int{1000, 10000}

// benchSite returns the cached n-page corpus, skipping the big ones under -short.
func benchSite(b *testing.B, n int) string {
	b.Helper()
	if testing.Short() && n > 1000 {
		b.Skip("10,000 pages: skipped under -short")
	}
	dir, err := benchcorpus.Cached(n)
	if err != nil {
		b.Fatal(err)
	}
	return dir
}

func forSizes(b *testing.B, f func(b *testing.B, n int, site string)) {
	for _, n := range benchSizes {
		b.Run(fmt.Sprintf("pages=%d", n), func(b *testing.B) { f(b, n, benchSite(b, n)) })
	}
}

func perPage(b *testing.B, pages int) {
	if pages == 0 {
		return
	}
	perOp := b.Elapsed().Seconds() / float64(b.N)
	b.ReportMetric(float64(pages)/perOp, "pages/s")
	b.ReportMetric(perOp*1000/float64(pages), "ms/page")
}

func source(site string) sitefs.Source {
	return sitefs.Source{Site: os.DirFS(site), Defaults: playbook.DefaultSite}
}

// BenchmarkLoad reads and parses every page (front matter and body) of the site.
func BenchmarkLoad(b *testing.B) {
	forSizes(b, func(b *testing.B, n int, site string) {
		var pages []*content.Page
		for b.Loop() {
			var err error
			if pages, err = content.Load(os.DirFS(site), content.Options{}); err != nil {
				b.Fatal(err)
			}
		}
		perPage(b, len(pages))
	})
}

// loaded is a site's pages and what rendering them needs.
type loaded struct {
	pages []*content.Page
	links map[string]string
	site  *render.Site
}

func load(b *testing.B, site string) loaded {
	b.Helper()
	cfg, _, err := config.Load(os.DirFS(site))
	if err != nil {
		b.Fatal(err)
	}
	pages, err := content.Load(os.DirFS(site), content.Options{})
	if err != nil {
		b.Fatal(err)
	}
	l := loaded{links: map[string]string{}, site: render.NewSite(cfg)}
	for _, p := range pages {
		l.links[p.Rel] = l.site.RelURL(p.URL)
		if p.Kind == content.KindPage {
			l.pages = append(l.pages, p)
		}
	}
	return l
}

// convert renders a page's Markdown into buf (nil: a buffer of its own), as a build's
// worker does.
func (l loaded) convert(b *testing.B, md *render.Markdown, buf *bytes.Buffer, p *content.Page) any {
	html, err := md.Convert(buf, render.MarkdownInput{Path: p.Path, Body: p.Body, BodyLine: p.BodyLine, Rel: p.Rel, Links: l.links})
	if err != nil {
		b.Fatal(err)
	}
	return html
}

// BenchmarkMarkdown renders every page's Markdown on one goroutine.
func BenchmarkMarkdown(b *testing.B) {
	forSizes(b, func(b *testing.B, n int, site string) {
		l := load(b, site)
		md := render.NewMarkdown()
		var buf bytes.Buffer
		for b.Loop() {
			for _, p := range l.pages {
				l.convert(b, md, &buf, p)
			}
		}
		perPage(b, len(l.pages))
	})
}

// BenchmarkLayout executes the page layout (inside base.html, with the site's navigation)
// around every page's rendered Markdown, on one goroutine.
func BenchmarkLayout(b *testing.B) {
	forSizes(b, func(b *testing.B, n int, site string) {
		l := load(b, site)
		layouts, err := render.LoadLayouts(nil, playbook.DefaultSite)
		if err != nil {
			b.Fatal(err)
		}
		md := render.NewMarkdown()
		data := make([]render.Data, len(l.pages))
		for i, p := range l.pages {
			v := l.site.PageFor(p)
			v.Content = l.convert(b, md, nil, p)
			data[i] = render.Data{Site: l.site, Page: v}
		}
		var buf bytes.Buffer
		b.ResetTimer()
		for b.Loop() {
			for i := range data {
				if _, err := layouts.Execute(&buf, "page", data[i], l.pages[i].Path); err != nil {
					b.Fatal(err)
				}
			}
		}
		perPage(b, len(l.pages))
	})
}

// BenchmarkWrite writes a built site's files into a fresh folder with WriteDir.
func BenchmarkWrite(b *testing.B) {
	forSizes(b, func(b *testing.B, n int, site string) {
		out := &output.MemoryOutput{}
		if _, err := generator.Build(context.Background(), source(site), generator.Options{}, out); err != nil {
			b.Fatal(err)
		}
		files := out.Files()
		var size int64
		for _, d := range files {
			size += int64(len(d))
		}
		root := b.TempDir()
		i := 0
		b.ResetTimer()
		for b.Loop() {
			i++
			_, err := output.WriteDir(filepath.Join(root, fmt.Sprint(i)), func(o output.Output) error {
				for name, d := range files {
					if err := o.Add(name, d); err != nil {
						return err
					}
				}
				return nil
			})
			if err != nil {
				b.Fatal(err)
			}
		}
		perPage(b, len(files))
		b.SetBytes(size)
	})
}

// BenchmarkBuild is the whole of `playbook build`: load, render and write into a fresh folder.
func BenchmarkBuild(b *testing.B) {
	forSizes(b, func(b *testing.B, n int, site string) {
		root := b.TempDir()
		var sum generator.Summary
		i := 0
		for b.Loop() {
			i++
			_, err := output.WriteDir(filepath.Join(root, fmt.Sprint(i)), func(out output.Output) error {
				var err error
				sum, err = generator.Build(context.Background(), source(site), generator.Options{}, out)
				return err
			})
			if err != nil {
				b.Fatal(err)
			}
		}
		perPage(b, sum.Pages)
		b.SetBytes(sum.Bytes)
	})
}

// BenchmarkBuildMemory is the whole build into memory, as `playbook check` and the dev
// server do.
func BenchmarkBuildMemory(b *testing.B) {
	forSizes(b, func(b *testing.B, n int, site string) {
		var sum generator.Summary
		for b.Loop() {
			var err error
			if sum, err = generator.Build(context.Background(), source(site), generator.Options{}, &output.MemoryOutput{}); err != nil {
				b.Fatal(err)
			}
		}
		perPage(b, sum.Pages)
	})
}

// BenchmarkFloor is goldmark alone rendering the same Markdown and writing it, wrapped in
// a shell of about the layouts' size, into a fresh folder: what no build can beat.
func BenchmarkFloor(b *testing.B) {
	forSizes(b, func(b *testing.B, n int, site string) {
		root := b.TempDir()
		var st benchcorpus.FloorStats
		i := 0
		for b.Loop() {
			i++
			var err error
			if st, err = benchcorpus.Floor(context.Background(), site, filepath.Join(root, fmt.Sprint(i)), 0); err != nil {
				b.Fatal(err)
			}
		}
		perPage(b, st.Pages)
		b.SetBytes(st.Bytes)
	})
}

// BenchmarkTitleSave is the build the dev server makes when a page's title is saved in
// the default site: a full build with a Cache, into memory (the HTTP side is
// serve.BenchmarkSaveToServed's). Each save gives the page a new title.
func BenchmarkTitleSave(b *testing.B) {
	dir := b.TempDir()
	if _, err := sitefs.WriteNew(dir, playbook.DefaultSite, sitefs.NewSite{Full: true}); err != nil {
		b.Fatal(err)
	}
	const page = "content/chaser.md"
	src, err := os.ReadFile(filepath.Join(dir, page))
	if err != nil {
		b.Fatal(err)
	}
	opts := generator.Options{Cache: generator.NewCache()}
	if _, err := generator.Build(context.Background(), source(dir), opts, &output.MemoryOutput{}); err != nil {
		b.Fatal(err)
	}
	opts.Changed = []string{page}
	i := 0
	for b.Loop() {
		i++
		edited := bytes.Replace(src, []byte(`title = "`), fmt.Appendf(nil, `title = "%d `, i), 1)
		if err := os.WriteFile(filepath.Join(dir, page), edited, 0o644); err != nil {
			b.Fatal(err)
		}
		sum, err := generator.Build(context.Background(), source(dir), opts, &output.MemoryOutput{})
		if err != nil {
			b.Fatal(err)
		}
		if sum.Rendered != sum.Pages+sum.Templates {
			b.Fatalf("rendered %d of %d pages: not a full build", sum.Rendered, sum.Pages+sum.Templates)
		}
	}
}
