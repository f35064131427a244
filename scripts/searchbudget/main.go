// Command searchbudget prints the search box's budget figures, measured in headless
// Chromium on sites built as `playbook build --minify` builds them:
//
//   - the default site: the size of its index (search/index.json, the whole index there);
//   - a benchmark site of N guidance pages (scripts/benchsite's, N = 10,000 by default), with
//     one page added that alone has a held-out word: what the first query for that word
//     transfers in all, from the box's first focus to its result (the stemmer, index.json,
//     the word's shard and the file of the page's title), plus the search box's own script,
//     which every page loads.
//
// The budgets: the default site's index at most 15 KB, the first query at most
// 150 KB (Pagefind claims under 300 KB). Sizes are the bytes served, uncompressed, with what
// gzip makes of them beside (what a host that compresses JSON and JavaScript sends).
//
// Usage:
//
//	go run ./scripts/searchbudget [-s DIR] [-n PAGES] [-check]
//
// DIR is the default site (default: the current folder). With -check the exit status is 1
// when a figure is over budget. Exit status 2 is a usage or build error.
package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"flag"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"text/tabwriter"
	"time"

	"github.com/chromedp/chromedp"

	playbook "github.com/followup-playbook/playbook"
	"github.com/followup-playbook/playbook/generator"
	"github.com/followup-playbook/playbook/generator/diag"
	"github.com/followup-playbook/playbook/generator/load/sitefs"
	"github.com/followup-playbook/playbook/generator/output"
	"github.com/followup-playbook/playbook/generator/search"
	"github.com/followup-playbook/playbook/scripts/benchcorpus"
	"github.com/followup-playbook/playbook/scripts/internal/headless"
)

const (
	indexBudget = 15 << 10
	queryBudget = 150 << 10
	// heldOut is a word no page of the benchmark site has but the one the script adds, and
	// asked for in another form than the page's ("quokkas"), so the stemmer is measured too.
	heldOut = "quokka"
)

func main() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) }

func run(args []string, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("searchbudget", flag.ContinueOnError)
	fl.SetOutput(stderr)
	dir := fl.String("s", ".", "the default site's folder")
	n := fl.Int("n", 10000, "guidance pages of the benchmark site")
	check := fl.Bool("check", false, "exit 1 when a figure is over budget")
	if fl.Parse(args) != nil || fl.NArg() > 0 {
		return 2
	}
	browser, stop, err := headless.Start()
	if err != nil {
		fmt.Fprintln(stderr, "searchbudget:", err)
		return 2
	}
	defer stop()
	over := false

	files, err := build(*dir)
	if err != nil {
		fmt.Fprintf(stderr, "searchbudget: the default site:\n%s", diag.Report(err))
		return 2
	}
	ix := files[search.IndexFile]
	fmt.Fprintf(stdout, "default site: %s is %d bytes (%d gzipped); budget %d\n", search.IndexFile, len(ix), gzipped(ix), indexBudget)
	over = over || len(ix) > indexBudget
	q, err := query(browser, files, "templates/", "ultimatum", "templates/second-chaser/")
	if err != nil {
		fmt.Fprintln(stderr, "searchbudget: the default site:", err)
		return 2
	}
	report(stdout, "default site: the first query, \"ultimatum\"", q)

	tmp, err := os.MkdirTemp("", "searchbudget-")
	if err != nil {
		fmt.Fprintln(stderr, "searchbudget:", err)
		return 2
	}
	defer os.RemoveAll(tmp)
	if _, err := benchcorpus.Write(tmp, *n, 1); err != nil {
		fmt.Fprintln(stderr, "searchbudget:", err)
		return 2
	}
	page := "+++\ntitle = \"An unusual interview\"\n+++\nThe panel asked about a " + heldOut + " and nothing else.\n"
	if err := os.WriteFile(filepath.Join(tmp, "content", "playbooks", "held-out.md"), []byte(page), 0o644); err != nil {
		fmt.Fprintln(stderr, "searchbudget:", err)
		return 2
	}
	start := time.Now()
	files, err = build(tmp)
	if err != nil {
		fmt.Fprintf(stderr, "searchbudget: the benchmark site:\n%s", diag.Report(err))
		return 2
	}
	shards := 0
	for name := range files {
		if strings.HasPrefix(name, search.Dir) {
			shards++
		}
	}
	fmt.Fprintf(stdout, "\nbenchmark site: %d guidance pages and the held-out one, built with --minify in %d ms; %d files under %s\n", *n, time.Since(start).Milliseconds(), shards, search.Dir)
	q, err = query(browser, files, "playbooks/", heldOut+"s", "playbooks/held-out/")
	if err != nil {
		fmt.Fprintln(stderr, "searchbudget: the benchmark site:", err)
		return 2
	}
	report(stdout, fmt.Sprintf("benchmark site: the first query, %q; budget %d", heldOut+"s", queryBudget), q)
	over = over || q.total() > queryBudget
	// The worst a first query of one word can fetch: the scripts and index.json as above,
	// the largest shard, and the largest page files for each result shown, each in a file
	// of its own.
	var shard, pages []int
	for name, b := range files {
		switch {
		case strings.HasPrefix(name, search.Dir+"s"):
			shard = append(shard, len(b))
		case strings.HasPrefix(name, search.Dir+"p"):
			pages = append(pages, len(b))
		}
	}
	sort.Sort(sort.Reverse(sort.IntSlice(shard)))
	sort.Sort(sort.Reverse(sort.IntSlice(pages)))
	worst := shard[0]
	for _, p := range q {
		if !strings.HasPrefix(p.path, search.Dir+"s") && !strings.HasPrefix(p.path, search.Dir+"p") {
			worst += p.size
		}
	}
	for _, p := range pages[:min(10, len(pages))] {
		worst += p
	}
	fmt.Fprintf(stdout, "benchmark site: the worst first query of one word: %d bytes (the largest shard, %d, and ten results in ten page files)\n", worst, shard[0])
	over = over || worst > queryBudget
	if *check && over {
		fmt.Fprintln(stdout, "\nover budget")
		return 1
	}
	return 0
}

// build builds the site in dir as `playbook build --minify` does, in memory.
func build(dir string) (map[string][]byte, error) {
	out := &output.MemoryOutput{}
	src := sitefs.Source{Site: os.DirFS(dir), Defaults: playbook.DefaultSite}
	_, err := generator.Build(context.Background(), src, generator.Options{Minify: true}, out)
	return out.Files(), err
}

type served struct {
	path       string
	size, gzip int
}

type queryFigures []served

func (q queryFigures) total() (n int) {
	for _, f := range q {
		n += f.size
	}
	return n
}

func report(w io.Writer, title string, q queryFigures) {
	fmt.Fprintln(w, title)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	gz := 0
	for _, f := range q {
		fmt.Fprintf(tw, "  %d\t%d gzipped\t  %s\n", f.size, f.gzip, f.path)
		gz += f.gzip
	}
	fmt.Fprintf(tw, "  %d\t%d gzipped\t  in all\n", q.total(), gz)
	tw.Flush()
}

func gzipped(b []byte) int {
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	zw.Write(b)
	zw.Close()
	return buf.Len()
}

// query opens the page at from, types word into the search box and waits for the link to
// want; it returns what the search fetched, with the box's own script, once per path.
func query(browser context.Context, files map[string][]byte, from, word, want string) (queryFigures, error) {
	var mu sync.Mutex
	seen := map[string]bool{}
	counting := false
	var got queryFigures
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		name := strings.TrimPrefix(r.URL.Path, "/")
		if name == "" || strings.HasSuffix(name, "/") {
			name += "index.html"
		}
		b, ok := files[name]
		if !ok {
			http.NotFound(w, r)
			return
		}
		mu.Lock()
		// The box's script comes with the page; everything else it needs (scripts and the
		// index's files), after the focus. A favicon the page asks for late is not the search's.
		ours := strings.HasPrefix(name, "js/search.") || counting && (strings.HasPrefix(name, "js/") || strings.HasPrefix(name, search.Dir))
		if ours && !seen[name] {
			seen[name] = true
			got = append(got, served{name, len(b), gzipped(b)})
		}
		mu.Unlock()
		http.ServeContent(w, r, name, time.Time{}, bytes.NewReader(b))
	}))
	defer srv.Close()
	tab, cancel := chromedp.NewContext(browser)
	defer cancel()
	ctx, cancelT := context.WithTimeout(tab, 60*time.Second)
	defer cancelT()
	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/"+from), chromedp.WaitReady(chromedp.ID("site-search"))); err != nil {
		return nil, err
	}
	mu.Lock()
	counting = true
	mu.Unlock()
	sel := fmt.Sprintf(`.site-search-results a[href=%q]`, srv.URL+"/"+want)
	if err := chromedp.Do(ctx, chromedp.Focus(chromedp.ID("site-search")), chromedp.SendKeys(chromedp.ID("site-search"), word),
		chromedp.WaitVisible(chromedp.CSS(sel))); err != nil {
		return nil, fmt.Errorf("no link to %s for %q: %v", want, word, err)
	}
	mu.Lock()
	defer mu.Unlock()
	sort.Slice(got, func(i, j int) bool { return got[i].path < got[j].path })
	return got, nil
}
