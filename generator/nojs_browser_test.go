package generator_test

import (
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"github.com/followup-playbook/playbook/generator/internal/browsertest"
)

// TestNeedsJavaScriptOnlyWithout: every page that says it needs JavaScript says so to a
// browser that runs none, and never while its script runs (the sentence was shown above
// the working companion and calculator).
func TestNeedsJavaScriptOnlyWithout(t *testing.T) {
	browsertest.Require(t)
	files := fuBuild(t)
	site := fuServe(t, files)
	says := regexp.MustCompile(`needs JavaScript`)
	var pages []string
	for name, b := range files {
		if strings.HasSuffix(name, ".html") && says.Match(b) {
			pages = append(pages, strings.TrimSuffix(name, "index.html"))
		}
	}
	sort.Strings(pages)
	if strings.Join(pages, " ") != "calculator/ follow-ups/" {
		t.Errorf("the pages that say they need JavaScript are %q, want the calculator and the companion", pages)
	}
	ctx := browsertest.New(t)
	p := fuPage{t, ctx}
	shown := `document.body.innerText.includes('needs JavaScript')`
	for _, page := range pages {
		p.do(chromedp.Navigate(site.url + page))
		// The page's script has run: the calculator's button works, the companion is shown.
		p.waitFor("the script of "+page, `document.querySelector('#calc [type=submit]:enabled, #fu:not([hidden])') !== null`)
		if fuEval[bool](p, shown) {
			t.Errorf("%s says it needs JavaScript while its script runs", page)
		}
	}
	if _, err := chromedp.Call(ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
		t.Fatal(err)
	}
	for _, page := range pages {
		p.do(chromedp.Navigate(site.url + page))
		if !fuEval[bool](p, shown) {
			t.Errorf("%s, without JavaScript, does not say it needs it", page)
		}
	}
}
