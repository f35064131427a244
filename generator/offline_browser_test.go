package generator_test

import (
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/followup-playbook/playbook/generator/internal/browsertest"
)

// TestOfflinePage: once the service worker runs, a page it never kept, asked for with no
// network, is answered with the site's offline page, which says so and links to the
// companion, instead of the browser's own error; a page it kept is itself.
func TestOfflinePage(t *testing.T) {
	browsertest.Require(t)
	files := fuBuild(t)
	site := fuServe(t, files)
	ctx := browsertest.New(t)
	p := fuPage{t, ctx}
	p.do(chromedp.Navigate(site.url + "follow-ups/"))
	p.waitFor("the service worker to control the page", `navigator.serviceWorker.controller !== null`)
	p.do(chromedp.Navigate(site.url + "thank-you-note/"))
	p.waitFor("the page", `document.querySelector('h1') !== null`)
	kept := fuEval[string](p, `document.querySelector('h1').textContent`)

	site.setDown(true)
	defer site.setDown(false)
	p.do(chromedp.Navigate(site.url + "chaser/"))
	p.waitFor("a page", `document.querySelector('h1') !== null`)
	if got := fuEval[string](p, `document.querySelector('h1').textContent`); got != "You are offline" {
		t.Errorf("offline, a page never opened shows %q, want the offline page", got)
	}
	if got := fuEval[string](p, `document.querySelector('article a')?.href ?? ''`); got != site.url+"follow-ups/" {
		t.Errorf("the offline page links to %q, want the companion", got)
	}
	p.do(chromedp.Navigate(site.url + "thank-you-note/"))
	p.waitFor("a page", `document.querySelector('h1') !== null`)
	if got := fuEval[string](p, `document.querySelector('h1').textContent`); got != kept {
		t.Errorf("offline, a page opened before shows %q, want %q", got, kept)
	}
}
