package generator_test

import (
	"fmt"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/followup-playbook/playbook/generator/internal/browsertest"
)

// TestSearchFindsAHeldOutWord: on the default site under its sub-path and CSP, a page loads
// only the search box's small script (search-box.js); its first focus loads search.js, the
// stemmer and the index, the box busy and saying so meanwhile, in its own space; a word
// only one page has, typed in another
// form than the page's ("frustrated" for "frustration", "ultimatum" for "ultimatums", on a
// guidance page and a template), lists that page by its title, over the page, moving
// nothing; and once the service worker runs, the search works with the network down.
func TestSearchFindsAHeldOutWord(t *testing.T) {
	browsertest.Require(t)
	files := fuBuild(t)
	site := fuServe(t, files)
	ctx := browsertest.New(t)
	p := fuPage{t, ctx}
	fetched := func(what string) bool {
		return fuEval[bool](p, fmt.Sprintf(`performance.getEntriesByType('resource').some(e => e.name.includes(%q))`, what))
	}
	clear := func() { fuEval[bool](p, `(document.getElementById('site-search').value = '', true)`) }
	search := func(word, want, title string) {
		t.Helper()
		clear()
		p.do(chromedp.Focus(chromedp.ID("site-search")), chromedp.SendKeys(chromedp.ID("site-search"), word))
		link := fmt.Sprintf(`.site-search-results a[href=%q]`, site.url+want)
		p.waitFor(fmt.Sprintf("%q to find %s", word, want), fmt.Sprintf(`document.querySelector(%q) !== null`, link))
		if got := fuEval[string](p, fmt.Sprintf(`document.querySelector(%q).textContent`, link)); got != title {
			t.Errorf("%q: the link to %s reads %q, want %q", word, want, got, title)
		}
		if n := p.count(".site-search-results li"); n != 1 {
			t.Errorf("%q: %d results, want the one page that has it", word, n)
		}
	}

	p.do(chromedp.Navigate(site.url + "chaser/"))
	p.waitFor("the page", `document.querySelector('h1') !== null`)
	if !fetched("js/search-box.") {
		t.Error("the page did not load the search box's script")
	}
	if fetched("js/search.") || fetched("search/index.json") || fetched("stem.") {
		t.Error("search.js, the index or the stemmer was fetched before the search box had the focus")
	}
	top := fuEval[float64](p, `document.querySelector('main').getBoundingClientRect().top`)
	box := `JSON.stringify(document.getElementById('site-search').getBoundingClientRect())`
	before := fuEval[string](p, box)
	// The index held back: the box is busy, and says so, until it comes.
	release := site.hold("search/")
	p.do(chromedp.Click(chromedp.ID("site-search")))
	p.waitFor("the box to be busy", `document.querySelector('.site-search').getAttribute('aria-busy') === 'true' && document.getElementById('site-search').placeholder !== ''`)
	p.waitFor("search.js to be loaded", `performance.getEntriesByType('resource').some(e => e.name.includes('js/search.'))`)
	if got := fuEval[string](p, box); got != before {
		t.Errorf("the busy box moved or changed size: %s, was %s", got, before)
	}
	release()
	p.waitFor("the box to be ready", `!document.querySelector('.site-search').hasAttribute('aria-busy') && document.getElementById('site-search').placeholder === ''`)
	search("frustrated", "no-reply/", "When nobody answers")
	search("ultimatum", "templates/second-chaser/", "Second and last chaser")
	if got := fuEval[float64](p, `document.querySelector('main').getBoundingClientRect().top`); got != top {
		t.Errorf("the results moved the page: main's top went from %v to %v", top, got)
	}
	clear()
	p.do(chromedp.SendKeys(chromedp.ID("site-search"), "zzyzx"))
	p.waitFor("no result", `document.querySelector('[data-search-status]').textContent === 'No page has these words.'`)

	p.do(chromedp.Navigate(site.url + "follow-ups/"))
	p.waitFor("the service worker to control the page", `navigator.serviceWorker.controller !== null`)
	p.do(chromedp.Reload())
	p.waitFor("the page", `document.querySelector('h1') !== null && navigator.serviceWorker.controller !== null`)
	site.setDown(true)
	defer site.setDown(false)
	search("frustrated", "no-reply/", "When nobody answers")
}
