package serve

import (
	"context"
	"os"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/followup-playbook/playbook/generator/internal/browsertest"
)

// TestBrowserLiveReload keeps one page open in headless Chromium, under the fixture's
// strict Content-Security-Policy, while its site changes: a stylesheet is swapped in
// place, a Markdown edit shows without a manual reload, a broken site.toml shows the
// error page and its fix brings the page back, and a restarted server is found again.
func TestBrowserLiveReload(t *testing.T) {
	ctx := browsertest.New(t)
	ts := startSite(t, nil, nil)
	addr := ts.ln.Addr().String()

	if err := chromedp.Do(ctx, chromedp.Navigate(ts.base+"/chaser/")); err != nil {
		t.Fatal(err)
	}
	waitJS(t, ctx, `document.querySelector("#content").textContent.includes("First version")`)
	// The page's own stream, besides the test's: the script ran despite the CSP.
	waitFor(t, "the page to connect", func() bool { return ts.srv.hub.count() == 2 })

	// A stylesheet change is applied without reloading: the mark survives.
	mark(t, ctx)
	ts.write("static/css/site.css", "body { color: rgb(1, 2, 3); }\n")
	waitJS(t, ctx, `getComputedStyle(document.body).color === "rgb(1, 2, 3)"`)
	waitJS(t, ctx, `document.querySelectorAll('link[rel~="stylesheet"]').length === 1`)
	if !marked(t, ctx) {
		t.Fatal("the page reloaded for a stylesheet change")
	}

	// A Markdown edit reloads the page with the new text.
	ts.write("content/chaser.md", chaserV2)
	waitJS(t, ctx, `!window.playbookMark && document.querySelector("#content").textContent.includes("Second version")`)

	// A broken site.toml shows the error page; the fix brings the page back by itself.
	good, err := os.ReadFile(ts.path("site.toml"))
	if err != nil {
		t.Fatal(err)
	}
	ts.write("site.toml", "title = \n")
	waitJS(t, ctx, `document.title.includes("did not build") && document.body.textContent.includes("site.toml:1:")`)
	ts.write("site.toml", string(good))
	waitJS(t, ctx, `!!document.querySelector("#content") && document.querySelector("#content").textContent.includes("Second version")`)

	// A restart: the page reconnects to the new server and reloads from it.
	waitFor(t, "the page to reconnect", func() bool { return ts.srv.hub.count() == 2 })
	mark(t, ctx)
	ts.stop()
	ts.write("content/chaser.md", "+++\ntitle = \"The chaser\"\n+++\nWritten while the server was down.\n")
	startConfig(t, ts.dir, ts.srv.cfg, addr)
	waitJS(t, ctx, `!window.playbookMark && document.querySelector("#content").textContent.includes("while the server was down")`)
}

// mark sets a variable that a reload would lose.
func mark(t *testing.T, ctx context.Context) {
	t.Helper()
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`window.playbookMark = true`)); err != nil {
		t.Fatal(err)
	}
}

func marked(t *testing.T, ctx context.Context) bool {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`window.playbookMark === true`))
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// waitJS evaluates expr until it is true. A reload in between makes an evaluation fail;
// that is expected and retried.
func waitJS(t *testing.T, ctx context.Context, expr string) {
	t.Helper()
	deadline := time.Now().Add(wait)
	var last error
	for time.Now().Before(deadline) {
		ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`(() => { try { return !!(`+expr+`); } catch (e) { return false; } })()`))
		if err == nil && ok {
			return
		}
		last = err
		time.Sleep(10 * time.Millisecond)
	}
	page, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.documentElement.outerHTML`))
	t.Fatalf("timed out waiting for %s (last error: %v); the page:\n%s", expr, last, page)
}
