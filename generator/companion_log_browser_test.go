package generator_test

import (
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
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
	// Two hours ahead, or 23:59 when that is tomorrow (fuClear leaves at least three minutes
	// to midnight): either way later than now, on today's date.
	now := time.Now()
	later, sent := now.Add(2*time.Hour), now.Add(time.Hour)
	if later.Day() != now.Day() {
		later = time.Date(now.Year(), now.Month(), now.Day(), 23, 59, 0, 0, now.Location())
		sent = later
	}
	p.add(fuInterview{company: "Initech", role: "Ops Lead", date: fuDay(0), start: later.Format("15:04"), people: [][2]string{{"Ana Gómez", ""}}})
	iv := p.ids()[0]
	ty := itemSel(iv, "thank-you", "Ana Gómez")
	added := fuEval[int](p, fuLogLen)
	p.act(ty, "sent")
	p.waitFor("the question of when it was sent", `document.getElementById('fu-dialog')?.open`)
	p.set("fu-d-at", fuDay(0)+"T"+sent.Format("15:04"))
	p.do(chromedp.Click(chromedp.ID("fu-d-ok")))
	p.waitFor("the refusal in the dialog", `!document.getElementById('fu-d-e').hidden`)
	msg := fuEval[string](p, `document.getElementById('fu-d-e').textContent`)
	if !strings.Contains(msg, "later than now") || strings.Contains(msg, "T") && strings.Contains(msg, fuDay(0)+"T") {
		t.Errorf("a sent time in the future says %q, want it refused in the page's words", msg)
	}
	p.do(chromedp.Click(chromedp.ID("fu-d-cancel")))
	if n := fuEval[int](p, fuLogLen); n != added {
		t.Errorf("a refused change reached the log: %d changes, %d before", n, added)
	}
	if p.count(`#fu-agenda section.done li`) != 0 || p.count(ty) != 1 {
		t.Error("the refused change changed the list")
	}

	// A list from a device whose clock is in 2099.
	far := time.Date(2099, 1, 1, 0, 0, 0, 0, time.UTC).UnixMilli()
	file := fmt.Sprintf(`{"format":"followup-playbook/companion","version":2,"interviews":[],"log":[{"id":"%d-0000-fast","kind":"add","iv":"x-fast","fields":{"company":"Globex","role":"Analyst","interview":"%sT09:00","ends":"","interviewers":[{"name":"Bo Chen","email":""}],"decisionBy":""}}]}`, far, fuDay(-2))
	p.importText(file)
	p.do(chromedp.Click(chromedp.ID("fu-import-ok")))
	p.waitFor("the imported interview", `document.querySelectorAll('#fu-interviews .fu-rounds > li, #fu-closed-list .fu-rounds > li').length === 2`)
	p.act(itemSel("x-fast", "thank-you", "Bo Chen"), "sent")
	p.waitFor("the sent step", `document.querySelector('#fu-agenda section.done [data-iv="x-fast"]')`)
	p.act(`.fu-rounds > li[data-iv="x-fast"]`, "delete")
	p.waitFor("the confirmation", `document.getElementById('fu-dialog')?.open`)
	p.dialogOK()
	p.waitFor("the deleted interview gone", `document.querySelectorAll('#fu-interviews .fu-rounds > li, #fu-closed-list .fu-rounds > li').length === 1`)
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
	p.waitFor("the interview back", `document.querySelectorAll('#fu-interviews .fu-rounds > li, #fu-closed-list .fu-rounds > li').length === 2 && document.querySelector('#fu-agenda section.done [data-iv="x-fast"]')`)
	// And the toast's Redo deletes it again.
	p.do(chromedp.Click(chromedp.ID("fu-undo")))
	p.waitFor("deleted again", `document.querySelectorAll('#fu-interviews .fu-rounds > li, #fu-closed-list .fu-rounds > li').length === 1`)
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
	q.waitFor("both lists merged", `document.querySelectorAll('#fu-interviews .fu-rounds > li, #fu-closed-list .fu-rounds > li').length === 2`)
	if got := fuEval[string](q, `document.getElementById('fu-interviews').textContent`); !strings.Contains(got, "Contoso") || !strings.Contains(got, "Initech") || strings.Contains(got, "Globex") {
		t.Errorf("the merged list is %q, want Contoso and Initech (Globex was deleted)", got)
	}
}

// TestCompanionChecksAndUndoes: every dialog refuses a date before the interview in the
// page's words and keeps nothing; every kind of change is undone from its announcement,
// and the clock set back five minutes loses nothing.
func TestCompanionChecksAndUndoes(t *testing.T) {
	fuClear(t)
	site := fuServe(t, fuBuild(t))
	ctx := browsertest.New(t)
	p := fuPage{t, ctx}
	watch := watchPage(t, ctx)
	p.open(site.url)
	p.add(fuInterview{company: "Initech", role: "Ops Lead", date: fuDay(-3), start: "14:00", end: "15:30", decision: fuDay(4), people: [][2]string{{"Ana Gómez", ""}}})
	iv := p.ids()[0]
	ty := itemSel(iv, "thank-you", "Ana Gómez")
	logLen := func() int { return fuEval[int](p, fuLogLen) }
	before := logLen()

	// Before the interview, in each dialog.
	for _, c := range []struct{ button, field, value, says string }{
		{"sent-at", "fu-d-at", fuDay(-3) + "T15:00", "before the interview ended"},
		{"replied", "fu-d-on", fuDay(-4), "before the interview"},
		{"outcome", "fu-d-when", fuDay(-4), "before the interview"},
	} {
		if c.button == "sent-at" {
			p.act(ty, c.button)
		} else {
			p.act(p.card(iv), c.button)
		}
		p.waitFor("the dialog", `document.getElementById('fu-dialog')?.open`)
		if c.button == "outcome" {
			p.do(chromedp.Click(chromedp.ID("fu-d-rejected")))
		}
		p.set(c.field, c.value)
		p.do(chromedp.Click(chromedp.ID("fu-d-ok")))
		p.waitFor("the refusal", `!document.getElementById('fu-d-e').hidden`)
		msg := fuEval[string](p, `document.getElementById('fu-d-e').textContent`)
		if !strings.Contains(msg, c.says) || regexpISO.MatchString(msg) {
			t.Errorf("%s before the interview says %q, want %q in the page's words for dates", c.button, msg, c.says)
		}
		p.do(chromedp.Click(chromedp.ID("fu-d-cancel")))
		if n := logLen(); n != before {
			t.Errorf("%s: a refused change was kept (%d changes, want %d)", c.button, n, before)
		}
	}

	// Each kind of change, then its Undo: the list as it was.
	shown := p.snapshot()
	undo := func(what string) {
		t.Helper()
		p.waitFor(what+" announced with Undo", `!document.getElementById('fu-undo').hidden && document.getElementById('fu-undo').textContent === 'Undo'`)
		p.do(chromedp.Click(chromedp.ID("fu-undo")))
		p.waitFor(what+" undone", `document.getElementById('fu-toast-text').textContent.startsWith('Undone')`)
		if got := p.snapshot(); got != shown {
			t.Errorf("after undoing %s the list is\n%s\nwant\n%s", what, got, shown)
		}
	}
	p.act(ty, "sent")
	undo("a one-tap sent")
	p.act(ty, "skip")
	undo("a skip")
	p.act(p.card(iv), "replied")
	p.waitFor("the dialog", `document.getElementById('fu-dialog')?.open`)
	p.set("fu-d-on", fuDay(-1))
	p.dialogOK()
	undo("a reply")
	p.act(p.card(iv), "outcome")
	p.waitFor("the dialog", `document.getElementById('fu-dialog')?.open`)
	p.do(chromedp.Click(chromedp.ID("fu-d-offer")))
	p.set("fu-d-when", fuDay(0))
	p.dialogOK()
	undo("an outcome")
	p.editRole(iv, "Head of Ops")
	undo("an edit")
	p.add(fuInterview{company: "Globex", role: "Analyst", date: fuDay(-1), start: "10:00"})
	undo("an add")

	// The clock set back five minutes: a change made then still stands after a reload.
	if _, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: slowClock}); err != nil {
		t.Fatal(err)
	}
	p.do(chromedp.Reload())
	p.ready()
	p.act(ty, "sent")
	p.waitFor("the sent step", `document.querySelector('#fu-agenda section.done [data-step="thank-you"]')`)
	p.do(chromedp.Reload())
	p.ready()
	if p.count(`#fu-agenda section.done [data-step="thank-you"]`) != 1 {
		t.Error("a change made with the clock set back was lost at the reload")
	}
	watch.check(t, ctx)
}

// slowClock sets the page's clock five minutes back.
const slowClock = `(() => { const D = Date, off = -300000;
	class Slow extends D { constructor(...a) { if (a.length) super(...a); else super(D.now() + off); } static now() { return D.now() + off; } }
	window.Date = Slow; })();`

// regexpISO finds a date written as the engine writes it, which a visitor should not see.
var regexpISO = regexp.MustCompile(`\d{4}-\d{2}-\d{2}`)

// TestCompanionTwoEditForms: two tabs edit one interview at once; the second shows what
// the first saved, and saving it keeps both changes.
func TestCompanionTwoEditForms(t *testing.T) {
	fuClear(t)
	site := fuServe(t, fuBuild(t))
	ctx := browsertest.New(t)
	one := fuPage{t, ctx}
	one.open(site.url)
	one.add(fuInterview{company: "Initech", role: "Ops Lead", date: fuDay(-2), start: "14:00", decision: fuDay(4), people: [][2]string{{"Ana Gómez", ""}}})
	iv := one.ids()[0]
	ctx2, cancel := chromedp.NewContext(ctx)
	defer cancel()
	two := fuPage{t, ctx2}
	two.open(site.url)
	for _, p := range []fuPage{one, two} {
		p.act(`.fu-rounds > li[data-iv="`+iv+`"]`, "edit")
		p.do(chromedp.WaitVisible(chromedp.ID("fu-form")))
	}
	one.set("fu-decision", fuDay(11))
	one.do(chromedp.Click(chromedp.CSS(`#fu-form button[type="submit"]`)))
	one.waitFor("the first tab's save", `document.getElementById('fu-form').hidden`)
	two.waitFor("the other tab's change in the open form", `document.getElementById('fu-decision').value === '`+fuDay(11)+`' && !document.getElementById('fu-form-news').hidden`)
	two.do(chromedp.SetJavascriptAttribute(chromedp.ID("fu-end"), "value", "16:45"), chromedp.Click(chromedp.CSS(`#fu-form button[type="submit"]`)))
	two.waitFor("the second tab's save", `document.getElementById('fu-form').hidden`)
	for _, p := range []fuPage{one, two} {
		p.waitFor("both changes", `document.getElementById('fu-interviews').textContent.includes('to 16:45')`)
		if got := fuEval[string](p, `document.getElementById('fu-interviews').textContent`); !strings.Contains(got, "Decision by") || !strings.Contains(got, dayWords(fuDay(11))) {
			t.Errorf("the decision date moved by the first tab was put back by the second: %q", got)
		}
	}
}

// dayWords is a YYYY-MM-DD as the page writes its day and month: "18 December".
func dayWords(day string) string {
	d, _ := time.Parse("2006-01-02", day)
	return fmt.Sprintf("%d %s", d.Day(), d.Month())
}

// TestCompanionShowsWhatDoesNotPlan: an interview whose recorded facts the rules no longer
// take (a step the site has since removed) still shows, with each fact listed and
// removable; removing it makes the interview plan again. The first interview asks the
// browser to keep the list, and the page says what it answered.
func TestCompanionShowsWhatDoesNotPlan(t *testing.T) {
	fuClear(t)
	site := fuServe(t, fuBuild(t))
	ctx := browsertest.New(t)
	p := fuPage{t, ctx}
	watch := watchPage(t, ctx)
	p.open(site.url)
	p.add(fuInterview{company: "Initech", role: "Ops Lead", date: fuDay(-3), start: "14:00", people: [][2]string{{"Ana Gómez", ""}}})
	p.waitFor("what the browser said about keeping the list", `document.getElementById('fu-persist').textContent !== ''`)
	iv := p.ids()[0]
	// A mark of a step the rules do not have, as a site whose rules changed would leave it,
	// and an interview that ends before it starts, as no form would let through.
	fuEval[bool](p, `(() => { const k = '`+fuKey+`', v = JSON.parse(localStorage.getItem(k)), t = Number(v.log.at(-1).id.slice(0, 13));
		v.log.push({ id: (t + 1) + '-0000-old', kind: 'mark', iv: '`+iv+`', step: 'thank-you-card', as: 'sent', at: '`+fuDay(-1)+`T10:00' },
			{ id: (t + 2) + '-0000-old', kind: 'add', iv: 'x-broken', fields: { company: 'Globex', role: 'Analyst', interview: '`+fuDay(-2)+`T14:00', ends: '13:00', interviewers: [], decisionBy: '' } },
			{ id: (t + 3) + '-0000-old', kind: 'reply', iv: 'x-broken', on: '`+fuDay(-1)+`' });
		localStorage.setItem(k, JSON.stringify(v)); return true; })()`)
	p.do(chromedp.Reload())
	p.ready()
	card, broken := `#fu-interviews li[data-iv="`+iv+`"]`, `#fu-interviews li[data-iv="x-broken"]`
	p.waitFor("the set-aside change, worded", `(document.querySelector('`+card+` .fu-trouble')?.textContent || '').includes('no step of the plan')`)
	if got := fuEval[string](p, `document.querySelector('`+card+` .fu-trouble').textContent`); !strings.Contains(got, "thank-you-card") || !strings.Contains(got, "Not applied") {
		t.Errorf("the card of an interview with a change that does not fit says %q", got)
	}
	p.waitFor("the interview that does not plan, worded", `(document.querySelector('`+broken+` .fu-trouble')?.textContent || '').includes('does not plan')`)
	if got := fuEval[string](p, `document.querySelector('`+broken+` .fu-trouble').textContent`); !strings.Contains(got, "cannot end at 13:00") || !strings.Contains(got, "They replied on") {
		t.Errorf("the card of an interview that does not plan says %q, want its problem and its facts", got)
	}
	p.axe("interviews that do not plan")
	p.reveal(card + ` .fu-trouble button[value="drop"]`)
	p.do(chromedp.Click(chromedp.CSS(card + ` .fu-trouble button[value="drop"]`)))
	p.waitFor("the change removed", `!document.querySelector('`+card+` .fu-trouble')`)
	p.reveal(broken + ` .fu-trouble button[value="unreply"]`)
	p.do(chromedp.Click(chromedp.CSS(broken + ` .fu-trouble button[value="unreply"]`)))
	p.waitFor("the reply removed", `!(document.querySelector('`+broken+` .fu-trouble')?.textContent || '').includes('They replied on')`)
	watch.check(t, ctx)
}

// TestCompanionFastClockTab: a tab whose clock runs two days fast changes a field; the
// other tab, with the right time, changes it after: the later change wins in both, since
// the second tab's clock moves past the stamps it has seen.
func TestCompanionFastClockTab(t *testing.T) {
	fuClear(t)
	site := fuServe(t, fuBuild(t))
	ctx := browsertest.New(t)
	one := fuPage{t, ctx}
	one.open(site.url)
	one.add(fuInterview{company: "Initech", role: "Ops Lead", date: fuDay(-2), start: "14:00", people: [][2]string{{"Ana Gómez", ""}}})
	iv := one.ids()[0]
	ctx2, cancel := chromedp.NewContext(ctx)
	defer cancel()
	fast := strings.Replace(slowClock, "off = -300000", "off = 2 * 86400000", 1)
	if _, err := chromedp.Call(ctx2, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: fast}); err != nil {
		t.Fatal(err)
	}
	two := fuPage{t, ctx2}
	two.open(site.url)
	two.editRole(iv, "Fast Lead")
	one.waitFor("the fast tab's change", `document.getElementById('fu-interviews').textContent.includes('Fast Lead')`)
	one.editRole(iv, "Right Lead")
	for _, p := range []fuPage{one, two} {
		p.waitFor("the later change in both tabs", `document.getElementById('fu-interviews').textContent.includes('Right Lead')`)
	}
	two.do(chromedp.Reload())
	two.ready()
	if got := fuEval[string](two, `document.getElementById('fu-interviews').textContent`); !strings.Contains(got, "Right Lead") {
		t.Errorf("after a reload the fast tab shows %q", got)
	}
}

// TestCompanionSuggestsACopy: changes more than a week old in no copy bring a suggestion to
// keep one; saving the file says when the last copy was kept, and the suggestion goes.
func TestCompanionSuggestsACopy(t *testing.T) {
	fuClear(t)
	site := fuServe(t, fuBuild(t))
	ctx := browsertest.New(t)
	p := fuPage{t, ctx}
	p.open(site.url)
	old := time.Now().Add(-8 * 24 * time.Hour)
	fuEval[bool](p, fmt.Sprintf(`(localStorage.setItem('%s', JSON.stringify({format: 'followup-playbook/companion', version: 2, log: [
		{id: '%d-0000-old', kind: 'add', iv: 'x-old', fields: {company: 'Initech', role: 'Ops Lead', interview: '%sT10:00', ends: '', interviewers: [], decisionBy: ''}}]})), true)`,
		fuKey, old.UnixMilli(), old.Format("2006-01-02")))
	p.do(chromedp.Reload())
	p.ready()
	p.waitFor("the suggestion", `document.getElementById('fu-last-copy').textContent.includes('more than a week old')`)
	if got := fuEval[string](p, `document.getElementById('fu-last-copy').textContent`); !strings.Contains(got, "No copy of this list has been kept yet") {
		t.Errorf("before any copy the page says %q", got)
	}
	p.do(chromedp.Click(chromedp.ID("fu-export")))
	p.waitFor("the copy noted", `document.getElementById('fu-last-copy').textContent.startsWith('Last copy kept: ')`)
	if got := fuEval[string](p, `document.getElementById('fu-last-copy').textContent`); strings.Contains(got, "more than a week old") || regexpISO.MatchString(got) {
		t.Errorf("after a copy the page says %q", got)
	}
}

// editRole changes the role of interview iv's application in its edit form, as a visitor
// would, and saves it.
func (p fuPage) editRole(iv, role string) {
	p.t.Helper()
	p.act(`[data-app="`+fuEval[string](p, `document.querySelector('.fu-rounds > li[data-iv="`+iv+`"]').closest('[data-app]').dataset.app`)+`"]`, "edit-app")
	p.do(chromedp.WaitVisible(chromedp.ID("fu-form")))
	p.do(chromedp.SetJavascriptAttribute(chromedp.ID("fu-role"), "value", role), chromedp.Click(chromedp.CSS(`#fu-form button[type="submit"]`)))
	p.waitFor("the saved form", `document.getElementById('fu-form').hidden`)
}

// TestCompanionDrawsTheKeptList: a list drawn from what the last visit kept
// (followup-playbook:companion-view) shows what the replayed log shows, takes a change at
// once (it waits for the log), is not drawn when it does not match the stored log, is drawn
// marked out of date until the replay when it was kept under other rules, and is put right
// by the replay when it lies; Delete everything removes it.
func TestCompanionDrawsTheKeptList(t *testing.T) {
	fuClear(t)
	site := fuServe(t, fuBuild(t))
	ctx := browsertest.New(t)
	p := fuPage{t, ctx}
	watch := watchPage(t, ctx)
	p.open(site.url)
	p.add(fuInterview{company: "Initech", role: "Ops Lead", date: fuDay(-3), start: "14:00", people: [][2]string{{"Ana Gómez", ""}}})
	p.add(fuInterview{company: "Globex", role: "Analyst", date: fuDay(-1), start: "10:00", people: [][2]string{{"Bo Chen", ""}, {"Cy Park", ""}}})
	ivs := p.ids()
	p.act(itemSel(ivs[0], "thank-you", "Ana Gómez"), "sent")
	p.waitFor("the step sent", `document.querySelector('#fu-agenda section.done li')`)
	kept := func(what string) {
		p.t.Helper()
		p.waitFor(what, `(() => { const k = performance.getEntriesByName('fu-view-kept'), c = performance.getEntriesByName('fu-changed');
			return k.length > 0 && (!c.length || k.at(-1).startTime > c.at(-1).startTime); })()`)
	}
	kept("the list kept after the last change")
	want := p.snapshot()

	// Drawn from what was kept, and the same once the log is replayed.
	p.do(chromedp.Reload())
	p.ready()
	if !fuEval[bool](p, `performance.getEntriesByName('fu-from-kept').length === 1`) {
		t.Fatal("the list was not drawn from what the last visit kept")
	}
	// Rows off screen are laid out once the log is replayed (companion.css's fu-loading).
	if fuEval[bool](p, `document.getElementById('fu').classList.contains('fu-loading')`) {
		t.Error("the log is replayed, and the rows off screen are still not laid out")
	}
	if got := p.snapshot(); got != want {
		t.Errorf("the kept list shows\n%s\nwant\n%s", got, want)
	}
	// A change at once, before or after the log is in: kept, and the list is the replayed one.
	// (Clicked by script: the replay may draw the list again between a finding and a click.)
	fuEval[bool](p, `(document.querySelector('`+itemSel(ivs[1], "thank-you", "Bo Chen")+` button[value="sent"]').click(), true)`)
	p.waitFor("the second step sent", `document.querySelectorAll('#fu-agenda section.done li').length === 2`)
	p.waitFor("the log replayed", `performance.getEntriesByName('fu-replayed').length === 1`)
	// Each application added is two changes (the application, its first round), then two marks.
	if n := fuEval[int](p, fuLogLen); n != 6 {
		t.Errorf("the stored log holds %d changes, want 6", n)
	}
	kept("the list kept after the change")
	want = p.snapshot()

	// What was kept, changed behind the page's back (its names still those of the log): the
	// replay puts the list right.
	fuEval[bool](p, `(() => { const k = 'followup-playbook:companion-view', v = JSON.parse(localStorage.getItem(k));
		v.interviews[0].company = 'Wrong'; localStorage.setItem(k, JSON.stringify(v)); return true; })()`)
	p.do(chromedp.Reload())
	p.ready()
	p.waitFor("the log replayed", `performance.getEntriesByName('fu-replayed').length === 1`)
	if got := p.snapshot(); got != want {
		t.Errorf("after the replay the list shows\n%s\nwant\n%s", got, want)
	}
	// Kept under the site's earlier rules (the rules' name in its key another): drawn,
	// marked out of date, until the log is replayed and every interview planned again. The
	// plans it kept are not used then (made wrong here: the replay puts them right).
	kept("the list kept after the replay")
	fuEval[bool](p, `(() => { const k = 'followup-playbook:companion-view', v = JSON.parse(localStorage.getItem(k)), parts = v.key.split(' ');
		parts[2] = 'earlier-rules'; v.key = parts.join(' ');
		for (const [, p] of v.plans) for (const s of p.plan?.steps ?? []) s.note = 'A note of the earlier rules.';
		localStorage.setItem(k, JSON.stringify(v)); return true; })()`)
	p.do(chromedp.Reload())
	p.ready()
	if !fuEval[bool](p, `performance.getEntriesByName('fu-from-stale').length === 1 && performance.getEntriesByName('fu-from-kept').length === 0`) {
		t.Error("a list kept under earlier rules was not drawn while the log was replayed")
	}
	if fuEval[bool](p, `document.getElementById('fu').classList.contains('fu-stale') || document.getElementById('fu-agenda').hasAttribute('aria-busy')`) {
		t.Error("the log is replayed under the new rules, and the list is still marked out of date")
	}
	if got := p.snapshot(); got != want || strings.Contains(got, "earlier rules") {
		t.Errorf("after the replay under new rules the list shows\n%s\nwant\n%s", got, want)
	}
	// The log changed since (as by an older page): what was kept is not drawn.
	kept("the list kept again")
	fuEval[bool](p, `(() => { const k = '`+fuKey+`', v = JSON.parse(localStorage.getItem(k)); v.log = v.log.filter(c => c.kind !== 'mark'); localStorage.setItem(k, JSON.stringify(v)); localStorage.removeItem(k + ':recent'); return true; })()`)
	p.do(chromedp.Reload())
	p.ready()
	if fuEval[bool](p, `performance.getEntriesByName('fu-from-kept').length > 0`) || p.count(`#fu-agenda section.done li`) != 0 {
		t.Error("a list kept from another log was drawn")
	}

	p.do(chromedp.Click(chromedp.ID("fu-wipe")))
	p.waitFor("the confirmation", `document.getElementById('fu-dialog')?.open`)
	p.dialogOK()
	if v := fuEval[[]string](p, `Object.keys(localStorage).filter(k => k.startsWith('`+fuKey+`'))`); len(v) != 0 {
		t.Errorf("after Delete everything the browser still keeps %v", v)
	}
	watch.check(t, ctx)
}
