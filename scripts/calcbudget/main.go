// Command calcbudget prints the timeline calculator's budget figures, measured in headless
// Chromium: what loading the page transfers, file by file, and how long timeline.js takes
// to compute a plan.
//
// The budget is under 30 KB for the whole page (HTML, CSS, JavaScript and
// rules.json, uncompressed) and under 1 ms a plan. The site is built in memory twice,
// as `playbook build` and as `playbook build --minify` (what docs/deploy.md deploys), and
// served under a sub-path; every request the browser makes while the page loads and shows
// its form is counted, favicon included, and every request must reach this site. The plan
// time is the median, over several rounds, of the mean time of a batch of plans computed
// in the page by the same module the calculator uses, for a busy input (three
// interviewers, a decision date, a Friday evening) and a rejection.
//
// Usage:
//
//	go run ./scripts/calcbudget [-s DIR] [-n PLANS] [-check]
//
// DIR is the site (default: the current folder). With -check the exit status is 1 when a
// figure is over budget; without, it only prints. Exit status 2 is a usage or build error.
package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
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
)

// The budget of issue 4.
const (
	maxBytes  = 30 * 1024
	maxPlanMS = 1.0
)

// basePath is where the site is served, so the page's relative addresses are exercised.
const basePath = "/budget/"

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	flags := flag.NewFlagSet("calcbudget", flag.ContinueOnError)
	flags.SetOutput(stderr)
	dir := flags.String("s", ".", "the site's folder")
	plans := flags.Int("n", 200, "plans per timing batch")
	check := flags.Bool("check", false, "exit 1 when a figure is over budget")
	if err := flags.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if flags.NArg() > 0 || *plans < 1 {
		flags.Usage()
		return 2
	}
	browser, cancel, err := startBrowser()
	if err != nil {
		fmt.Fprintln(stderr, "calcbudget:", err)
		return 2
	}
	defer cancel()

	over := false
	for _, minify := range []bool{false, true} {
		name := "playbook build"
		if minify {
			name += " --minify"
		}
		files, err := build(*dir, minify)
		if err != nil {
			fmt.Fprintf(stderr, "calcbudget: building %s:\n%s", *dir, diag.Report(err))
			return 2
		}
		m, err := measure(browser, files, *plans)
		if err != nil {
			fmt.Fprintf(stderr, "calcbudget: %s: %v\n", name, err)
			return 2
		}
		fmt.Fprintf(stdout, "%s: the calculator page\n", name)
		tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
		var total int
		for _, f := range m.files {
			fmt.Fprintf(tw, "  %d\t %s\n", f.size, f.path)
			total += f.size
		}
		fmt.Fprintf(tw, "  %d\t total bytes (%.1f KB of %d KB)\n", total, float64(total)/1024, maxBytes/1024)
		tw.Flush()
		fmt.Fprintf(stdout, "  plan: %.3f ms median (%.3f ms slowest round), budget %.0f ms; calendar file: %.3f ms\n\n",
			m.planMS, m.planMaxMS, maxPlanMS, m.icsMS)
		if minify && (total >= maxBytes || m.planMS >= maxPlanMS) {
			over = true
		}
	}
	if over {
		fmt.Fprintln(stdout, "OVER BUDGET (the deployed build is the --minify one)")
		if *check {
			return 1
		}
	}
	return 0
}

func build(dir string, minify bool) (map[string][]byte, error) {
	out := &output.MemoryOutput{}
	src := sitefs.Source{Site: os.DirFS(dir), Defaults: playbook.DefaultSite}
	_, err := generator.Build(context.Background(), src, generator.Options{BaseURL: basePath, Minify: minify}, out)
	return out.Files(), err
}

// startBrowser starts headless Chromium ($CHROMIUM, else the usual Debian path).
func startBrowser() (context.Context, context.CancelFunc, error) {
	bin := os.Getenv("CHROMIUM")
	if bin == "" {
		bin = "/usr/bin/chromium"
	}
	if _, err := os.Stat(bin); err != nil {
		return nil, nil, fmt.Errorf("no Chromium at %s (apt-get install chromium, or set CHROMIUM)", bin)
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(),
		chromedp.ExecPath(bin), chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.NoFirstRun, chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-component-update", true))
	tab, cancelTab := chromedp.NewContext(actx)
	cancel := func() { cancelTab(); cancelAlloc() }
	if err := chromedp.Do(tab); err != nil { // the first call starts the browser, without a timeout
		cancel()
		return nil, nil, fmt.Errorf("starting %s: %v", bin, err)
	}
	return tab, cancel, nil
}

type served struct {
	path string
	size int
}

type measurement struct {
	files                    []served
	planMS, planMaxMS, icsMS float64
}

// measure loads the calculator from files, recording every request, then times the engine.
func measure(browser context.Context, files map[string][]byte, plans int) (measurement, error) {
	var (
		mu  sync.Mutex
		got []served
	)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		name, ok := strings.CutPrefix(r.URL.Path, basePath)
		if name == "" || strings.HasSuffix(name, "/") {
			name += "index.html"
		}
		b, found := files[name]
		mu.Lock()
		got = append(got, served{r.URL.Path, len(b)})
		mu.Unlock()
		if !ok || !found {
			http.NotFound(w, r)
			return
		}
		http.ServeContent(w, r, name, time.Time{}, bytes.NewReader(b))
	}))
	defer srv.Close()
	ctx, cancel := chromedp.NewContext(browser) // a fresh tab, with an empty cache
	defer cancel()
	ctx, cancelTimeout := context.WithTimeout(ctx, 2*time.Minute)
	defer cancelTimeout()

	site := srv.URL + basePath
	err := chromedp.Do(ctx, chromedp.Navigate(site+"calculator/"), chromedp.WaitVisible(chromedp.CSS("#calc")), chromedp.Sleep(500*time.Millisecond))
	if err != nil {
		return measurement{}, fmt.Errorf("loading the calculator: %v", err)
	}
	others, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`performance.getEntriesByType('resource').map(e => e.name).filter(u => !u.startsWith(location.origin + '/'))`))
	if err != nil {
		return measurement{}, err
	}
	if len(others) > 0 {
		return measurement{}, fmt.Errorf("the page requested other sites: %v", others)
	}
	mu.Lock()
	m := measurement{files: append([]served(nil), got...)}
	mu.Unlock()
	sort.Slice(m.files, func(i, j int) bool { return m.files[i].size > m.files[j].size })

	times, err := chromedp.Run(ctx, chromedp.Evaluate[[]float64](fmt.Sprintf(timing, plans), chromedp.EvalAwaitPromise))
	if err != nil {
		return measurement{}, fmt.Errorf("timing timeline.js: %v", err)
	}
	m.planMS, m.planMaxMS, m.icsMS = times[0], times[1], times[2]
	return m, nil
}

// timing imports the page's own modules and returns the median and slowest of 25 rounds'
// mean plan time, and the median time to write the whole plan's calendar file, in ms.
// Batches, because the browser coarsens performance.now() to a tenth of a millisecond.
const timing = `(async () => {
  const n = %d, base = document.getElementById('calc').dataset.rules.replace(/rules\.json$/, '');
  const { plan } = await import(base + 'js/timeline.js');
  const { ics } = await import(base + 'js/calendar.js');
  const rules = await (await fetch(base + 'rules.json')).json();
  const inputs = [
    { interview: '2026-03-13T19:30', interviewers: ['Priya', 'Tom Baker', 'Ana'], decisionBy: '2026-03-27' },
    { interview: '2026-03-12T15:00', interviewers: ['Priya'], rejected: '2026-03-27' },
  ];
  const median = a => a.sort((x, y) => x - y)[a.length >> 1];
  const round = f => { const t = performance.now(); for (let i = 0; i < n; i++) f(i); return (performance.now() - t) / n; };
  round(i => plan(rules, inputs[i %% 2])); // warm up
  const plans = [], files = [], p = plan(rules, inputs[0]);
  for (let r = 0; r < 25; r++) {
    plans.push(round(i => plan(rules, inputs[i %% 2])));
    files.push(round(() => ics(rules, inputs[0], p)));
  }
  return [median(plans), Math.max(...plans), median(files)];
})()`
