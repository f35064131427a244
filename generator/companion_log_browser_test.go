package generator_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/followup-playbook/playbook/generator/internal/browsertest"
)

// TestCompanionKeepsEverything is issue 22's scenarios on a phone: a change whose result
// would not plan is refused where it is made, in the page's words for dates; a list
// stamped by a clock in 2099 is imported, then changed, deleted, reloaded and undone, and
// nothing the visitor did is lost to the fast clock; a list sent by link opens in another
// browser profile with its code and merges with that profile's own list.
func TestCompanionKeepsEverything(t *testing.T) {
	fuClear(t)
	site := fuServe(t, fuBuild(t))
	ctx := browsertest.New(t)
	p := fuPage{t, ctx}
	watch := watchPage(t, ctx)
	p.do(chromedp.EmulateViewport(390, 844, chromedp.EmulateScale(3), chromedp.EmulateMobile, chromedp.EmulateTouch))
	p.open(site.url)

	// An interview later today: its thank-you cannot have been sent yet.
	later := time.Now().Add(2 * time.Hour)
	if later.Day() != time.Now().Day() {
		t.Skip("too near midnight for an interview later today")
	}
	p.add(fuInterview{company: "Initech", role: "Ops Lead", date: fuDay(0), start: later.Format("15:04"), people: [][2]string{{"Ana Gómez", ""}}})
	iv := p.ids()[0]
	ty := itemSel(iv, "thank-you", "Ana Gómez")
	p.act(ty, "sent")
	p.waitFor("the question of when it was sent", `document.getElementById('fu-dialog')?.open`)
	p.set("fu-d-at", fuDay(0)+"T"+later.Add(-time.Hour).Format("15:04"))
	p.do(chromedp.Click(chromedp.ID("fu-d-ok")))
	p.waitFor("the refusal in the dialog", `!document.getElementById('fu-d-e').hidden`)
	msg := fuEval[string](p, `document.getElementById('fu-d-e').textContent`)
	if !strings.Contains(msg, "later than now") || strings.Contains(msg, "T") && strings.Contains(msg, fuDay(0)+"T") {
		t.Errorf("a sent time in the future says %q, want it refused in the page's words", msg)
	}
	p.do(chromedp.Click(chromedp.ID("fu-d-cancel")))
	if n := fuEval[int](p, `JSON.parse(localStorage.getItem('`+fuKey+`')).log.length`); n != 1 {
		t.Errorf("a refused change reached the log: %d changes", n)
	}
	if p.count(`#fu-agenda section.done li`) != 0 || p.count(ty) != 1 {
		t.Error("the refused change changed the list")
	}

	// A list from a device whose clock is in 2099.
	far := time.Date(2099, 1, 1, 0, 0, 0, 0, time.UTC).UnixMilli()
	file := fmt.Sprintf(`{"format":"followup-playbook/companion","version":2,"interviews":[],"log":[{"id":"%d-0000-fast","kind":"add","iv":"x-fast","fields":{"company":"Globex","role":"Analyst","interview":"%sT09:00","ends":"","interviewers":[{"name":"Bo Chen","email":""}],"decisionBy":""}}]}`, far, fuDay(-2))
	p.importText(file)
	p.do(chromedp.Click(chromedp.ID("fu-import-ok")))
	p.waitFor("the imported interview", `document.querySelectorAll('#fu-interviews > li').length === 2`)
	p.act(itemSel("x-fast", "thank-you", "Bo Chen"), "sent")
	p.waitFor("the sent step", `document.querySelector('#fu-agenda section.done [data-iv="x-fast"]')`)
	p.do(chromedp.Click(chromedp.CSS(`#fu-interviews li[data-iv="x-fast"] button[value="delete"]`)))
	p.waitFor("the confirmation", `document.getElementById('fu-dialog')?.open`)
	p.dialogOK()
	p.waitFor("the deleted interview gone", `document.querySelectorAll('#fu-interviews > li').length === 1`)
	p.do(chromedp.Reload())
	p.ready()
	if got := p.ids(); len(got) != 1 || got[0] != iv {
		t.Fatalf("after a reload the list holds %q: the delete after a 2099 stamp was lost", got)
	}
	// Undo from the recent changes, after the reload: it comes back with its sent step.
	p.do(chromedp.Click(chromedp.CSS(`#fu-recent summary`)))
	p.waitFor("the recent changes", `document.querySelector('#fu-recent-list li button')`)
	if got := fuEval[string](p, `document.querySelector('#fu-recent-list li').textContent`); !strings.Contains(got, "Deleted Globex, Analyst") {
		t.Errorf("the latest change is listed as %q", got)
	}
	p.do(chromedp.Click(chromedp.CSS(`#fu-recent-list li button[value="undo"]`)))
	p.waitFor("the interview back", `document.querySelectorAll('#fu-interviews > li').length === 2 && document.querySelector('#fu-agenda section.done [data-iv="x-fast"]')`)
	// And the toast's Redo deletes it again.
	p.do(chromedp.Click(chromedp.ID("fu-undo")))
	p.waitFor("deleted again", `document.querySelectorAll('#fu-interviews > li').length === 1`)
	watch.check(t, ctx)

	// Send to another device: a link and a code; the other profile has a list of its own.
	p.do(chromedp.Click(chromedp.ID("fu-send")))
	p.waitFor("the link and its code", `document.getElementById('fu-send-link')?.value.includes('#send=')`)
	link := fuEval[string](p, `document.getElementById('fu-send-link').value`)
	code := fuEval[string](p, `document.getElementById('fu-code').textContent`)
	if strings.Contains(link, strings.ReplaceAll(code, "-", "")) || strings.Contains(link, code) {
		t.Fatal("the code is in the link")
	}
	other := browsertest.New(t)
	q := fuPage{t, other}
	q.open(site.url)
	q.add(fuInterview{company: "Contoso", role: "Designer", date: fuDay(-1), start: "10:00", people: [][2]string{{"Cy", ""}}})
	q.do(chromedp.Navigate(link))
	q.waitFor("the question for the code", `document.getElementById('fu-code-in')`)
	if got := fuEval[string](q, `location.hash`); got != "" {
		t.Errorf("the address keeps the link: %q", got)
	}
	q.do(chromedp.SendKeys(chromedp.ID("fu-code-in"), "0000000000"), chromedp.Click(chromedp.CSS(`#fu-code-form button[type="submit"]`)))
	q.waitFor("the wrong code refused", `!document.getElementById('fu-code-e').hidden`)
	q.do(chromedp.SetJavascriptAttribute(chromedp.ID("fu-code-in"), "value", strings.ToLower(code)), chromedp.Click(chromedp.CSS(`#fu-code-form button[type="submit"]`)))
	q.waitFor("the preview", `document.getElementById('fu-preview')?.hidden === false`)
	if got := fuEval[string](q, `document.getElementById('fu-preview').textContent`); !strings.Contains(got, "Initech, Ops Lead") {
		t.Errorf("the preview says %q", got)
	}
	q.do(chromedp.Click(chromedp.ID("fu-import-ok")))
	q.waitFor("both lists merged", `document.querySelectorAll('#fu-interviews > li').length === 2`)
	if got := fuEval[string](q, `document.getElementById('fu-interviews').textContent`); !strings.Contains(got, "Contoso") || !strings.Contains(got, "Initech") || strings.Contains(got, "Globex") {
		t.Errorf("the merged list is %q, want Contoso and Initech (Globex was deleted)", got)
	}
}
