// Command screenshots writes the pictures of the site that README.md shows: the home page,
// a guidance page, a filled template page, the calculator with a plan and the companion
// with an interview, each on a 390 x 844 phone and a 1280 x 900 desktop, in light and dark,
// as docs/screenshots/PAGE-VIEWPORT-SCHEME.png.
//
// It builds the site (--minify, as deployed) into a temporary folder, serves it on
// 127.0.0.1 and drives headless Chromium ($CHROMIUM, else /usr/bin/chromium) through
// chromedp. Each picture is of the viewport only, at one device pixel a CSS pixel, so the
// files stay small. The clock of every page is set to one fixed moment and its time zone
// to Europe/London, so the plans, and with them the pictures, are the same on every run.
//
// Usage:
//
//	go run ./scripts/screenshots [-s DIR] [-o DIR]
//
// -s is the site (default: the current folder), -o where the pictures go (default
// docs/screenshots). Exit status 1 when a page could not be built, loaded or pictured.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	playbook "github.com/followup-playbook/playbook"
	"github.com/followup-playbook/playbook/generator"
	"github.com/followup-playbook/playbook/generator/diag"
	"github.com/followup-playbook/playbook/generator/load/sitefs"
	"github.com/followup-playbook/playbook/generator/output"
	"github.com/followup-playbook/playbook/scripts/internal/headless"
)

// viewport is one screen size a picture is taken at.
type viewport struct {
	name          string
	width, height int64
	phone         bool
}

var viewports = []viewport{
	{name: "phone", width: 390, height: 844, phone: true},
	{name: "desktop", width: 1280, height: 900},
}

var schemes = []string{"light", "dark"}

// shot is one page as pictured: where it is, and what a visitor does before the picture.
type shot struct {
	name string
	path string
	// prepare runs once the page has loaded, e.g. fills a form.
	prepare []chromedp.Action[chromedp.Void]
}

// The sample interview every picture shows: a Tuesday afternoon, two interviewers, a
// decision date, seen two days later.
const (
	now          = "2026-03-12T10:00:00Z"
	interviewDay = "2026-03-10"
	decisionDay  = "2026-03-20"
)

// fixedClock is run before any script of a page: Date without arguments, and Date.now,
// give the moment now.
const fixedClock = `(() => {
  const fixed = Date.parse(%q), Real = Date;
  class Fixed extends Real {
    constructor(...a) { super(...(a.length ? a : [fixed])); }
    static now() { return fixed; }
  }
  globalThis.Date = Fixed;
})();`

// setValue sets a form field as a visitor's typing would, input event included.
func setValue(id, value string) chromedp.Action[chromedp.Void] {
	return chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`(() => { const el = document.getElementById(%q); el.value = %q; el.dispatchEvent(new Event('input', {bubbles: true})); el.dispatchEvent(new Event('change', {bubbles: true})); })()`, id, value))
}

// waitFor waits until the script expr is true.
func waitFor(expr string) chromedp.Action[chromedp.Void] {
	return chromedp.Poll[chromedp.Void](expr, chromedp.WithPollingTimeout(20*time.Second))
}

var shots = []shot{
	{name: "home", path: ""},
	{name: "guidance", path: "chaser/"},
	{name: "template", path: "templates/thank-you/#interviewer_name=Priya&role=Data%20Analyst&company=Northwind%20Trading&topic=self-service%20reporting&your_name=Sam%20Okafor",
		prepare: []chromedp.Action[chromedp.Void]{waitFor(`document.querySelector('[data-fill]').classList.contains('fill-ready')`)}},
	{name: "calculator", path: "calculator/", prepare: []chromedp.Action[chromedp.Void]{
		chromedp.WaitVisible(chromedp.ID("calc")),
		setValue("c-date", interviewDay), setValue("c-time", "14:00"), setValue("c-decision", decisionDay),
		setValue("c-n1", "Priya"),
		waitFor(`!document.querySelector('#calc button[type="submit"]').disabled`),
		chromedp.Click(chromedp.CSS(`#calc button[type="submit"]`)),
		chromedp.WaitVisible(chromedp.ID("c-out")),
		chromedp.Evaluate[chromedp.Void](`document.getElementById('c-out').scrollIntoView()`),
	}},
	{name: "companion", path: "follow-ups/", prepare: []chromedp.Action[chromedp.Void]{
		chromedp.WaitVisible(chromedp.ID("fu-add")),
		chromedp.Click(chromedp.ID("fu-add")),
		chromedp.WaitVisible(chromedp.ID("fu-form")),
		setValue("fu-company", "Northwind Trading"), setValue("fu-role", "Data Analyst"),
		setValue("fu-date", interviewDay), setValue("fu-start", "14:00"), setValue("fu-end", "15:00"),
		setValue("fu-decision", decisionDay), setValue("fu-cname", "Dana Fox"), setValue("fu-ckind", "recruiter"),
		setValue("fu-p1", "Priya"), setValue("fu-t1", "self-service reporting"),
		chromedp.Click(chromedp.CSS(`#fu-form button[type="submit"]`)),
		waitFor(`document.querySelectorAll('#fu-interviews .fu-rounds > li, #fu-closed-list .fu-rounds > li').length === 1 && document.getElementById('fu-form').hidden`),
		chromedp.Evaluate[chromedp.Void](`document.getElementById('fu-todo-h').scrollIntoView()`),
	}},
}

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	flags := flag.NewFlagSet("screenshots", flag.ContinueOnError)
	flags.SetOutput(stderr)
	dir := flags.String("s", ".", "the site's folder")
	out := flags.String("o", filepath.Join("docs", "screenshots"), "where the pictures go")
	if err := flags.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if err := screenshots(*dir, *out, stdout); err != nil {
		fmt.Fprintln(stderr, "screenshots:", err)
		return 1
	}
	return 0
}

// screenshots is the whole run: build, serve, start the browser, picture every page.
func screenshots(dir, out string, stdout io.Writer) error {
	built, err := os.MkdirTemp("", "playbook-screenshots-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(built)
	public := filepath.Join(built, "public")
	if err := build(dir, public); err != nil {
		return err
	}
	site, stop, err := serve(public)
	if err != nil {
		return err
	}
	defer stop()
	browser, cancel, err := headless.Start(chromedp.Flag("hide-scrollbars", true))
	if err != nil {
		return err
	}
	defer cancel()
	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	for _, vp := range viewports {
		for _, scheme := range schemes {
			for _, s := range shots {
				name := filepath.Join(out, fmt.Sprintf("%s-%s-%s.png", s.name, vp.name, scheme))
				png, err := picture(browser, site, s, vp, scheme)
				if err != nil {
					return fmt.Errorf("%s: %w", name, err)
				}
				if err := os.WriteFile(name, png, 0o644); err != nil {
					return err
				}
				fmt.Fprintf(stdout, "%s\t%d bytes\n", name, len(png))
			}
		}
	}
	return nil
}

// build writes the site in dir, minified, into dest.
func build(dir, dest string) error {
	src := sitefs.Source{Site: os.DirFS(dir), Defaults: playbook.DefaultSite}
	_, err := output.WriteDir(dest, func(o output.Output) error {
		_, err := generator.Build(context.Background(), src, generator.Options{BaseURL: "/", Minify: true}, o)
		return err
	})
	if err != nil {
		return fmt.Errorf("building %s:\n%s", dir, diag.Report(err))
	}
	return nil
}

// serve serves the folder public on a free port of 127.0.0.1 and returns its address.
func serve(public string) (site string, stop func(), err error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", nil, err
	}
	srv := &http.Server{Handler: http.FileServer(http.Dir(public)), ReadHeaderTimeout: 10 * time.Second}
	go func() { _ = srv.Serve(ln) }()
	return "http://" + ln.Addr().String() + "/", func() { _ = srv.Close() }, nil
}

// picture opens s in a fresh tab (an empty profile: nothing stored) at vp in scheme, does
// what it prepares, and returns a PNG of the viewport.
func picture(browser context.Context, site string, s shot, vp viewport, scheme string) ([]byte, error) {
	ctx, cancel := chromedp.NewContext(browser, chromedp.WithNewBrowserContext())
	defer cancel()
	ctx, cancelTimeout := context.WithTimeout(ctx, time.Minute)
	defer cancelTimeout()

	opts := []chromedp.EmulateViewportOption{chromedp.EmulateScale(1)}
	if vp.phone {
		opts = append(opts, chromedp.EmulateMobile, chromedp.EmulateTouch, chromedp.EmulatePortrait)
	}
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(vp.width, vp.height, opts...)); err != nil {
		return nil, err
	}
	if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
		Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}}}); err != nil {
		return nil, err
	}
	if _, err := chromedp.Call(ctx, emulation.SetTimezoneOverride, emulation.SetTimezoneOverrideParams{TimezoneID: "Europe/London"}); err != nil {
		return nil, err
	}
	if _, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: fmt.Sprintf(fixedClock, now)}); err != nil {
		return nil, err
	}
	steps := append([]chromedp.Action[chromedp.Void]{chromedp.Navigate(site + s.path), chromedp.WaitReady(chromedp.CSS("body"))}, s.prepare...)
	if err := chromedp.Do(ctx, steps...); err != nil {
		return nil, err
	}
	return chromedp.Run(ctx, chromedp.CaptureScreenshot())
}
