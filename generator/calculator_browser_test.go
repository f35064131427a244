package generator_test

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"regexp"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	playbook "github.com/followup-playbook/playbook"
	"github.com/followup-playbook/playbook/generator"
	"github.com/followup-playbook/playbook/generator/diag"
	"github.com/followup-playbook/playbook/generator/internal/browsertest"
	"github.com/followup-playbook/playbook/generator/load/rules"
	"github.com/followup-playbook/playbook/generator/load/sitefs"
	"github.com/followup-playbook/playbook/generator/output"
)

// calcBase is the sub-path the site is built under for the calculator's test, so that
// every address the page fetches or links to must honour the base path.
const calcBase = "/jobs/follow-up/"

// calcCase is one visit to the calculator: what is typed, and the input that means.
type calcCase struct {
	date, clock, decision string
	names                 []string
	outcome, when         string // "rejected", "offer" or "withdrew", and its date
	weekend               string // the radio to pick, "" for the site's default
	premium               bool
}

func (c calcCase) input(r *rules.Rules) rules.Input {
	in := rules.Input{Interview: c.date + "T" + c.clock, Interviewers: c.names, DecisionBy: c.decision, Weekend: c.weekend}
	switch c.outcome {
	case "rejected":
		in.Rejected = c.when
	case "offer":
		in.Offer = c.when
	case "withdrew":
		in.Withdrew = c.when
	}
	if in.Weekend == "" {
		in.Weekend = r.Policy.Weekend
	}
	if c.premium {
		in.LinkedInLimit = r.Policy.LinkedInLimitPremium
	}
	return in
}

// TestCalculatorInBrowser fills the calculator's form in headless Chromium as a visitor
// would, and holds what it shows to the Go engine: the timeline against rules.Plan, the
// calendar files against rules.ICS, the template links against the names typed; then it
// follows a link to its pre-filled template page, checks the messages for bad input, and
// visits every page of the site for console errors and requests to other sites.
func TestCalculatorInBrowser(t *testing.T) {
	ctx := browsertest.New(t)
	files := calcBuild(t, false)
	site, origin := calcServe(t, files)
	r, _, err := rules.Load(os.DirFS(".."))
	if err != nil {
		t.Fatalf("loading the rules:\n%s", diag.Report(err))
	}
	problems := calcWatch(t, ctx)
	// The page preselects the region of the browser's zone: the cases below plan without
	// holidays, as in UTC, whatever the machine's zone.
	if _, err := chromedp.Call(ctx, emulation.SetTimezoneOverride, emulation.SetTimezoneOverrideParams{TimezoneID: "UTC"}); err != nil {
		t.Fatal(err)
	}

	calcDo(t, ctx, chromedp.Navigate(site+"calculator/"), chromedp.WaitVisible(chromedp.CSS("#calc")))
	problems.check(t, ctx, "the calculator")
	// The form is live (its script ran) before the engine and the rules are fetched: the
	// page's first load stays small, and they come with the visitor's first focus.
	calcDo(t, ctx, chromedp.Poll[chromedp.Void](`!document.querySelector('#calc [type=submit]').disabled`, chromedp.WithPollingTimeout(10*time.Second)))
	if got := calcEval[string](t, ctx, `performance.getEntriesByType('resource').map(e => e.name).filter(n => /rules\.json|timeline/.test(n)).join(' ')`); got != "" {
		t.Errorf("the calculator fetched %s before the visitor touched the form", got)
	}

	t.Run("empty form", func(t *testing.T) {
		calcDo(t, ctx, chromedp.Click(chromedp.CSS(`#calc button[type="submit"]`)))
		for _, id := range []string{"c-date", "c-time"} {
			calcField(t, ctx, id, "Enter the")
		}
		if got := calcEval[string](t, ctx, `document.activeElement.id`); got != "c-date" {
			t.Errorf("after submitting an empty form the focus is on %q, want the interview date", got)
		}
		if calcEval[bool](t, ctx, `!document.getElementById('c-out').hidden`) {
			t.Error("a plan is shown for an empty form")
		}
	})

	cases := []calcCase{
		{date: "2026-03-12", clock: "19:30", names: []string{"Priya", "Tom Baker"}, decision: "2026-03-27"},
		{date: "2026-03-27", clock: "16:00", names: []string{"Zoë <b>Ødegård</b>", "O'Brien & Co=1 + 2%"}, weekend: "same-day", premium: true},
		{date: "2028-02-29", clock: "09:00", outcome: "rejected", when: "2028-03-03"},
		{date: "2026-12-31", clock: "16:00", names: []string{"Ana", "Bo", "Cy"}, outcome: "withdrew", when: "2027-01-02"},
		{date: "2026-03-12", clock: "15:00", names: []string{"Priya"}, outcome: "offer", when: "2026-03-20"},
	}
	for _, c := range cases {
		in := c.input(r)
		t.Run(fmt.Sprintf("%sT%s %d names %s", c.date, c.clock, len(c.names), c.outcome), func(t *testing.T) {
			calcFill(t, ctx, site, c)
			calcDo(t, ctx, chromedp.Click(chromedp.CSS(`#calc button[type="submit"]`)), chromedp.WaitVisible(chromedp.CSS("#c-out")))
			want, err := r.Plan(in)
			if err != nil {
				t.Fatal(err)
			}
			calcCheckPlan(t, ctx, r, in, want)
			if got := calcEval[string](t, ctx, `document.activeElement.id`); got != "c-out-h" {
				t.Errorf("after showing the plan the focus is on %q, want its heading", got)
			}
			if got := calcEval[string](t, ctx, `document.getElementById('c-status').textContent`); !strings.Contains(got, fmt.Sprintf("%d messages", len(want.Steps))) {
				t.Errorf("the status says %q, want the number of messages (%d)", got, len(want.Steps))
			}
		})
	}

	// The one-click links and the files carry the suggested times read in the visitor's
	// zone (calcCheckPlan parses each link), here two zones on either side of UTC.
	for _, zone := range []string{"America/New_York", "Asia/Kolkata"} {
		t.Run("links in "+zone, func(t *testing.T) {
			if _, err := chromedp.Call(ctx, emulation.SetTimezoneOverride, emulation.SetTimezoneOverrideParams{TimezoneID: zone}); err != nil {
				t.Fatal(err)
			}
			defer func() {
				_, _ = chromedp.Call(ctx, emulation.SetTimezoneOverride, emulation.SetTimezoneOverrideParams{TimezoneID: ""})
			}()
			c := calcCase{date: "2026-03-06", clock: "16:00", names: []string{"Ana Ruiz"}, decision: "2026-03-13"}
			calcFill(t, ctx, site, c)
			if got := calcEval[string](t, ctx, `Intl.DateTimeFormat().resolvedOptions().timeZone`); got != zone && !(zone == "Asia/Kolkata" && got == "Asia/Calcutta") { // ICU's older name
				t.Fatalf("the browser's zone is %q, want %q", got, zone)
			}
			calcDo(t, ctx, chromedp.Click(chromedp.CSS(`#calc button[type="submit"]`)), chromedp.WaitVisible(chromedp.CSS("#c-out")))
			in := c.input(r)
			want, err := r.Plan(in)
			if err != nil {
				t.Fatal(err)
			}
			calcCheckPlan(t, ctx, r, in, want)
		})
	}

	t.Run("bad input", func(t *testing.T) {
		calcFill(t, ctx, site, calcCase{date: "2026-03-12", clock: "15:00", decision: "2026-03-11"})
		calcDo(t, ctx, chromedp.Click(chromedp.CSS(`#calc button[type="submit"]`)))
		calcField(t, ctx, "c-decision", "2026-03-11 is before the interview (2026-03-12).")
		calcFill(t, ctx, site, calcCase{date: "2026-03-12", clock: "15:00", outcome: "rejected", when: "2026-03-10"})
		calcDo(t, ctx, chromedp.Click(chromedp.CSS(`#calc button[type="submit"]`)))
		calcField(t, ctx, "c-when", "2026-03-10 is before the interview (2026-03-12).")
		if got := calcEval[string](t, ctx, `document.activeElement.id`); got != "c-when" {
			t.Errorf("the focus is on %q, want the rejection's date", got)
		}
		calcFill(t, ctx, site, calcCase{date: "2026-03-12", clock: "15:00", outcome: "withdrew"})
		calcDo(t, ctx, chromedp.Click(chromedp.CSS(`#calc button[type="submit"]`)))
		calcField(t, ctx, "c-when", "Enter the date it happened.")
		// An impossible date, as a browser without a date picker would pass it on.
		calcFill(t, ctx, site, calcCase{clock: "15:00"})
		calcEval[bool](t, ctx, `(document.getElementById('c-date').type = 'text', document.getElementById('c-date').value = '2026-02-30', true)`)
		calcDo(t, ctx, chromedp.Click(chromedp.CSS(`#calc button[type="submit"]`)))
		calcField(t, ctx, "c-date", "“2026-02-30” is not a day on the calendar.")
		// Fixing the field clears its message and shows the plan again, without a submit.
		calcEval[bool](t, ctx, `(document.getElementById('c-date').value = '2026-02-27', document.getElementById('c-date').dispatchEvent(new Event('change', {bubbles: true})), true)`)
		if err := chromedp.Do(ctx, chromedp.Poll[chromedp.Void](`!document.getElementById('c-out').hidden`, chromedp.WithPollingTimeout(5*time.Second))); err != nil {
			t.Error("the plan is not shown again once the date is corrected")
		}
		if msg := calcEval[string](t, ctx, `document.getElementById('c-date-e').hidden ? '' : document.getElementById('c-date-e').textContent`); msg != "" {
			t.Errorf("the corrected date still shows %q", msg)
		}
	})
	problems.check(t, ctx, "the calculator")

	t.Run("keyboard: add and remove interviewers", func(t *testing.T) {
		calcFill(t, ctx, site, calcCase{date: "2026-03-12", clock: "15:00", names: []string{"Ana"}})
		calcDo(t, ctx, chromedp.Focus(chromedp.CSS("#c-add")), chromedp.KeyEvent(kb.Enter))
		if got := calcEval[string](t, ctx, `document.activeElement.id`); got != "c-n2" {
			t.Fatalf("after Add the focus is on %q, want the new name's input c-n2", got)
		}
		calcDo(t, ctx, chromedp.KeyEvent("Bo"), chromedp.KeyEvent(kb.Tab))
		if got := calcEval[string](t, ctx, `document.activeElement.getAttribute('aria-label')`); got != "Remove interviewer 2" {
			t.Errorf("Tab from the name reaches %q, want its Remove button", got)
		}
		calcDo(t, ctx, chromedp.Focus(chromedp.CSS(`#c-names li:first-child button`)), chromedp.KeyEvent(kb.Enter))
		got := calcEval[[]string](t, ctx, `[...document.querySelectorAll('#c-names li')].map(li => li.querySelector('label').textContent + '=' + li.querySelector('input').value)`)
		if strings.Join(got, ",") != "Interviewer 1=Bo" {
			t.Errorf("after removing the first interviewer the rows are %v, want Bo renumbered as Interviewer 1", got)
		}
		if id := calcEval[string](t, ctx, `document.activeElement.id`); id != "c-n1" {
			t.Errorf("after Remove the focus is on %q, want the next name", id)
		}
	})

	t.Run("a step's link opens its template filled in", func(t *testing.T) {
		c := cases[0]
		calcFill(t, ctx, site, c)
		calcDo(t, ctx, chromedp.Click(chromedp.CSS(`#calc button[type="submit"]`)), chromedp.WaitVisible(chromedp.CSS("#c-out")))
		link := `#c-steps li:nth-child(2) a[href*="/templates/"]`
		href := calcEval[string](t, ctx, `document.querySelector('`+link+`').href`)
		calcDo(t, ctx, chromedp.Click(chromedp.CSS(link)), chromedp.WaitReady(chromedp.CSS("h1")))
		loc := calcEval[string](t, ctx, `location.href`)
		if loc != href || !strings.HasPrefix(loc, site+"templates/thank-you/#") {
			t.Fatalf("the link led to %s, want %s, the thank-you template", loc, href)
		}
		frag, _ := url.ParseQuery(strings.SplitN(loc, "#", 2)[1])
		if frag.Get("interviewer_name") != "Tom Baker" || frag.Get("interview_date") != "12 March" {
			t.Errorf("the fragment %q does not carry the name and date typed", loc)
		}
		// fill.js fills the form from the fragment, where the template page has it.
		if calcEval[bool](t, ctx, `!!document.getElementById('f-interviewer_name')`) {
			v := calcEval[string](t, ctx, `new Promise(ok => { const end = Date.now() + 5000, f = () => { const v = document.getElementById('f-interviewer_name').value; v || Date.now() > end ? ok(v) : setTimeout(f, 50); }; f(); })`, chromedp.EvalAwaitPromise)
			if v != "Tom Baker" {
				t.Errorf("the template's interviewer field holds %q, want Tom Baker", v)
			}
		} else {
			t.Log("the template page has no form to fill yet; checked the fragment only")
		}
		problems.check(t, ctx, "the template page")
	})

	// Issue 17: the region is preselected from the browser's zone, kept once chosen, carried
	// in the link, planned around its holidays as playbook plan does, and a plan past the
	// years known says so.
	t.Run("public holidays of the visitor's region", func(t *testing.T) {
		zone := func(z string) {
			if _, err := chromedp.Call(ctx, emulation.SetTimezoneOverride, emulation.SetTimezoneOverrideParams{TimezoneID: z}); err != nil {
				t.Fatal(err)
			}
		}
		picked := func(want string) {
			t.Helper()
			err := chromedp.Do(ctx, chromedp.Poll[chromedp.Void](fmt.Sprintf(`document.getElementById('c-region').options.length > 1 && document.getElementById('c-region').value === %q`, want),
				chromedp.WithPollingTimeout(5*time.Second)))
			if err != nil {
				t.Errorf("the region select holds %q, want %q", calcEval[string](t, ctx, `document.getElementById('c-region').value`), want)
			}
		}
		t.Cleanup(func() {
			_, _ = chromedp.Run(ctx, chromedp.Evaluate[bool](`localStorage.removeItem('followup-playbook:region'), true`))
			zone("UTC")
		})
		calcDo(t, ctx, chromedp.Navigate(site+"calculator/"), chromedp.WaitVisible(chromedp.CSS("#calc")))
		calcEval[bool](t, ctx, `localStorage.removeItem('followup-playbook:region'), true`)
		zone("Europe/London")
		c := calcCase{date: "2026-04-02", clock: "16:00", names: []string{"Priya"}}
		calcFill(t, ctx, site, c)
		picked("GB-ENG")
		if got := calcEval[string](t, ctx, `document.querySelector('#c-region option').textContent + '|' + document.querySelector('#c-region option[value=AU]').textContent`); got != "None|Australia (New South Wales)" {
			t.Errorf("the options are labelled %q, want None first and AU's state named", got)
		}
		calcDo(t, ctx, chromedp.Click(chromedp.CSS(`#calc button[type="submit"]`)), chromedp.WaitVisible(chromedp.CSS("#c-out")))
		in := c.input(r)
		in.Region = "GB-ENG"
		want, err := r.Plan(in)
		if err != nil {
			t.Fatal(err)
		}
		calcCheckPlan(t, ctx, r, in, want)
		if calcEval[bool](t, ctx, `!document.getElementById('c-holidays').hidden`) {
			t.Error("a plan within the years known shows the holidays note")
		}
		if frag := calcEval[string](t, ctx, `location.hash`); !strings.Contains(frag, "region=GB-ENG") {
			t.Errorf("the address %q does not keep the region", frag)
		}
		if got := calcEval[string](t, ctx, `String(localStorage.getItem('followup-playbook:region'))`); got != "null" {
			t.Errorf("a preselected region was stored (%q) before the visitor chose one", got)
		}

		// Chosen by hand, it is kept, and wins over the zone on the next visit.
		calcDo(t, ctx, chromedp.SetValue(chromedp.ID("c-region"), "GB-SCT"))
		calcEval[bool](t, ctx, `document.getElementById('c-region').dispatchEvent(new Event('change', { bubbles: true }))`)
		if got := calcEval[string](t, ctx, `localStorage.getItem('followup-playbook:region')`); got != "GB-SCT" {
			t.Errorf("the choice is stored as %q, want GB-SCT", got)
		}
		zone("America/New_York")
		calcDo(t, ctx, chromedp.Navigate(site+"calculator/"), chromedp.WaitVisible(chromedp.CSS("#calc")))
		picked("GB-SCT")
		calcEval[bool](t, ctx, `localStorage.removeItem('followup-playbook:region'), true`)
		calcDo(t, ctx, chromedp.Navigate(site+"calculator/?again"), chromedp.WaitVisible(chromedp.CSS("#calc")))
		picked("US")

		// Past the years whose holidays are known: planned without them, and said so.
		c = calcCase{date: "2031-03-13", clock: "15:00", names: []string{"Priya"}}
		calcFill(t, ctx, site, c)
		picked("US")
		calcDo(t, ctx, chromedp.Click(chromedp.CSS(`#calc button[type="submit"]`)), chromedp.WaitVisible(chromedp.CSS("#c-out")))
		in = c.input(r)
		in.Region = "US"
		want, err = r.Plan(in)
		if err != nil {
			t.Fatal(err)
		}
		calcCheckPlan(t, ctx, r, in, want)
		note := calcEval[string](t, ctx, `(p => p.hidden ? '' : p.textContent)(document.getElementById('c-holidays'))`)
		if want.Holidays != rules.HolidaysOutside || note != rules.HolidaysNote(want) {
			t.Errorf("past the years known the note says %q, want %q (plan: %q)", note, rules.HolidaysNote(want), want.Holidays)
		}

		// A link with a region the site does not offer is the region's problem, not a quiet plan.
		calcDo(t, ctx, chromedp.Navigate(site+"calculator/?link#date=2026-03-12&time=15%3A00&region=XX"), chromedp.WaitVisible(chromedp.CSS("#calc")))
		calcField(t, ctx, "c-region", "“XX” is not a region offered here")
	})

	// The deployed build is minified, with fingerprinted modules whose imports are rewritten:
	// the page must compute the same plans from it.
	t.Run("minified build", func(t *testing.T) {
		minSite, _ := calcServe(t, calcBuild(t, true))
		for _, c := range cases[:2] {
			in := c.input(r)
			calcFill(t, ctx, minSite, c)
			calcDo(t, ctx, chromedp.Click(chromedp.CSS(`#calc button[type="submit"]`)), chromedp.WaitVisible(chromedp.CSS("#c-out")))
			want, err := r.Plan(in)
			if err != nil {
				t.Fatal(err)
			}
			calcCheckPlan(t, ctx, r, in, want)
		}
		if src := calcEval[string](t, ctx, `document.querySelector('script[type=module]').getAttribute('src')`); !strings.Contains(src, "calculator.") || strings.HasSuffix(src, "/calculator.js") {
			t.Errorf("the minified page loads %s, want the fingerprinted calculator module", src)
		}
		problems.check(t, ctx, "the minified calculator")
	})

	t.Run("no console errors and no other site on any page", func(t *testing.T) {
		var pages []string
		for name := range files {
			if strings.HasSuffix(name, ".html") {
				pages = append(pages, name)
			}
		}
		sort.Strings(pages)
		if len(pages) < 15 {
			t.Fatalf("only %d pages built", len(pages))
		}
		for _, name := range pages {
			u := site + strings.TrimSuffix(name, "index.html")
			calcDo(t, ctx, chromedp.Navigate(u), chromedp.WaitReady(chromedp.CSS("body")))
			// Give module scripts and their fetches time to run.
			calcEval[bool](t, ctx, `new Promise(ok => setTimeout(() => ok(true), 200))`, chromedp.EvalAwaitPromise)
			for _, res := range calcEval[[]string](t, ctx, `performance.getEntriesByType('resource').map(e => e.name)`) {
				if !strings.HasPrefix(res, origin+"/") {
					t.Errorf("%s requested %s, which is not this site", name, res)
				}
			}
			problems.check(t, ctx, name)
		}
	})
}

// calcFill loads the calculator afresh and fills c in as a visitor would: dates through
// the inputs' values (a date picker's typing depends on the locale), names typed.
func calcFill(t *testing.T, ctx context.Context, site string, c calcCase) {
	t.Helper()
	calcDo(t, ctx, chromedp.Navigate(site+"calculator/"), chromedp.WaitVisible(chromedp.CSS("#calc")))
	set := func(id, v string) {
		calcDo(t, ctx, chromedp.SetJavascriptAttribute(chromedp.ID(id), "value", v))
	}
	set("c-date", c.date)
	set("c-time", c.clock)
	set("c-decision", c.decision)
	for i, n := range c.names {
		if i > 0 {
			calcDo(t, ctx, chromedp.Click(chromedp.ID("c-add")))
		}
		calcDo(t, ctx, chromedp.SendKeys(chromedp.ID(fmt.Sprintf("c-n%d", i+1)), n))
	}
	if c.outcome != "" {
		calcDo(t, ctx, chromedp.Click(chromedp.ID("c-"+c.outcome)), chromedp.WaitVisible(chromedp.ID("c-when")))
		set("c-when", c.when)
	}
	switch c.weekend {
	case rules.WeekendMonday:
		calcDo(t, ctx, chromedp.Click(chromedp.ID("c-monday")))
	case rules.WeekendSameDay:
		calcDo(t, ctx, chromedp.Click(chromedp.ID("c-same")))
	}
	if c.premium {
		calcDo(t, ctx, chromedp.Click(chromedp.ID("c-premium")))
	}
}

// calcCheckPlan compares the plan on the page with want, and its calendar files with
// rules.ICS for the same input.
func calcCheckPlan(t *testing.T, ctx context.Context, r *rules.Rules, in rules.Input, want rules.Plan) {
	t.Helper()
	type shown struct {
		When, Text, Title, Href, Line, Note, Window, Ics string
		File, Type, Google, Outlook, Targets, Names      string
	}
	// The calendar links get their files once calendar.js has loaded; until then the
	// plan's link has no href.
	calcDo(t, ctx, chromedp.Poll[chromedp.Void](`document.getElementById('c-all').href.startsWith('blob:')`, chromedp.WithPollingTimeout(10*time.Second)))
	got := calcEval[[]shown](t, ctx, `Promise.all([...document.querySelectorAll('#c-steps > li')].map(async li => {
		const p = li.querySelectorAll('p'), a = p[1].querySelector('a'), [cal, google, outlook] = p[4].querySelectorAll('a');
		const blob = await (await fetch(cal.href)).blob();
		return { When: li.querySelector('time').dateTime, Text: li.querySelector('time').textContent, Title: a.textContent,
			Href: a.getAttribute('href'), Line: p[1].textContent, Note: p[2].textContent, Window: p[3].textContent,
			Ics: await blob.text(), File: cal.download, Type: blob.type, Google: google.href, Outlook: outlook.href,
			Targets: [google, outlook].map(x => x.target + ' ' + x.rel).join(', '), Names: [cal, google, outlook].map(x => x.textContent).join(' | ') };
	}))`, chromedp.EvalAwaitPromise)
	if len(got) != len(want.Steps) {
		t.Fatalf("the page shows %d steps, playbook plan has %d", len(got), len(want.Steps))
	}
	human := func(s string) string {
		tm, err := time.Parse("2006-01-02T15:04", s)
		if err != nil {
			t.Fatal(err)
		}
		return tm.Format("Monday 2 January 2006, 15:04")
	}
	// The page writes in the browser's zone at the time of export: read both back, and
	// the template pages' absolute links, to ask rules.ICS for the same bytes.
	zone, err := time.LoadLocation(calcEval[string](t, ctx, `Intl.DateTimeFormat().resolvedOptions().timeZone`))
	if err != nil {
		t.Fatal(err)
	}
	stamp := regexp.MustCompile(`DTSTAMP:(\d{8}T\d{6}Z)`).FindStringSubmatch(got[0].Ics)
	if stamp == nil {
		t.Fatalf("no DTSTAMP in %q", got[0].Ics)
	}
	now, _ := time.Parse("20060102T150405Z", stamp[1])
	opt := rules.ICSOptions{Zone: zone, Now: now}
	for _, g := range got {
		opt.Pages = append(opt.Pages, calcEval[string](t, ctx, fmt.Sprintf(`new URL(%q, location.href).href`, g.Href)))
	}
	cal, err := rules.ICS(r, in, want, opt)
	if err != nil {
		t.Fatal(err)
	}
	iv, _ := time.Parse("2006-01-02T15:04", in.Interview)
	files := map[string]bool{}
	for i, s := range want.Steps {
		g := got[i]
		sr, _ := r.Step(s.ID)
		frag := "#interview_date=" + calcEncode(iv.Format("2 January"))
		if sr.PerInterviewer && len(in.Interviewers) > 0 {
			frag = "#interviewer_name=" + calcEncode(s.To) + "&" + frag[1:]
		}
		w := shown{
			When: s.Suggested, Text: human(s.Suggested), Title: sr.Title,
			Href: calcBase + "templates/" + s.Message + "/" + frag,
			Line: sr.Title + " to " + s.To, Note: s.Note,
			Window: "Window: " + human(s.Earliest) + " to " + human(s.Latest) + ".",
			Ics:    calcOneEvent(string(cal), i),
		}
		calcCheckLinks(t, i, s, sr.Title, zone, g.Google, g.Outlook)
		if g.Targets != "_blank noopener, _blank noopener" {
			t.Errorf("step %d: the calendar links open as %q, want a new tab without opener", i+1, g.Targets)
		}
		if n := "Add to calendar: " + sr.Title + " to " + s.To + " | Add to Google Calendar: " + sr.Title + " to " + s.To + " (opens in a new tab) | Add to Outlook.com: " + sr.Title + " to " + s.To + " (opens in a new tab)"; g.Names != n {
			t.Errorf("step %d: the calendar links are named %q, want %q", i+1, g.Names, n)
		}
		if g.Type != "text/calendar" {
			t.Errorf("step %d: its calendar file is typed %q, want text/calendar", i+1, g.Type)
		}
		if !regexp.MustCompile(`^[a-z0-9-]+\.ics$`).MatchString(g.File) || !strings.HasPrefix(g.File, s.ID+"-") || files[g.File] {
			t.Errorf("step %d: its calendar file is named %q, want a new ASCII slug of %s and the person", i+1, g.File, s.ID)
		}
		files[g.File] = true
		if ascii := regexp.MustCompile(`^[A-Za-z]+( [A-Za-z]+)*$`); ascii.MatchString(s.To) {
			if n := s.ID + "-" + strings.ToLower(strings.ReplaceAll(s.To, " ", "-")) + ".ics"; g.File != n && !strings.HasPrefix(g.File, strings.TrimSuffix(n, ".ics")+"-") {
				t.Errorf("step %d: its calendar file is named %q, want %q", i+1, g.File, n)
			}
		}
		g.File, g.Type, g.Google, g.Outlook, g.Targets, g.Names = "", "", "", "", "", ""
		if g.Ics != w.Ics {
			t.Errorf("step %d (%s): its .ics differs from playbook plan's event:\n got %q\nwant %q", i+1, s.ID, g.Ics, w.Ics)
		}
		g.Ics, w.Ics = "", ""
		if g != w {
			t.Errorf("step %d:\n got %+v\nwant %+v", i+1, g, w)
		}
	}
	end := calcEval[string](t, ctx, `document.getElementById('c-end').textContent`)
	if end != "Then: "+want.End+"." {
		t.Errorf("the plan ends with %q, want %q", end, want.End)
	}
	whole := calcEval[string](t, ctx, `fetch(document.getElementById('c-all').href).then(r => r.text())`, chromedp.EvalAwaitPromise)
	if whole != string(cal) {
		t.Errorf("the whole plan's .ics differs from playbook plan --format ics:\n got %q\nwant %q", whole, cal)
	}
	if n := calcEval[string](t, ctx, `document.getElementById('c-all').download`); n != "follow-up-plan-"+in.Interview[:10]+".ics" {
		t.Errorf("the whole plan downloads as %q", n)
	}
}

// calcCheckLinks parses step i's Google Calendar and Outlook.com links and checks that
// they hold its title and its suggested time, read in zone, as UTC, for 15 minutes.
func calcCheckLinks(t *testing.T, i int, s rules.Step, title string, zone *time.Location, google, outlook string) {
	t.Helper()
	at, err := time.ParseInLocation("2006-01-02T15:04", s.Suggested, zone)
	if err != nil {
		t.Fatal(err)
	}
	at, end := at.UTC(), at.UTC().Add(15*time.Minute)
	g, err := url.Parse(google)
	if err != nil || g.Scheme+"://"+g.Host+g.Path != "https://calendar.google.com/calendar/render" {
		t.Fatalf("step %d: its Google link is %q", i+1, google)
	}
	q := g.Query()
	if d := at.Format("20060102T150405Z") + "/" + end.Format("20060102T150405Z"); q.Get("dates") != d || q.Get("action") != "TEMPLATE" {
		t.Errorf("step %d (%s in %s): Google's dates=%q action=%q, want %q", i+1, s.Suggested, zone, q.Get("dates"), q.Get("action"), d)
	}
	if !strings.HasPrefix(q.Get("text"), title+", to "+s.To) || !strings.HasPrefix(q.Get("details"), s.Note+"\n") {
		t.Errorf("step %d: Google's text=%q details=%q", i+1, q.Get("text"), q.Get("details"))
	}
	o, err := url.Parse(outlook)
	if err != nil || o.Scheme+"://"+o.Host+o.Path != "https://outlook.live.com/calendar/deeplink/compose" {
		t.Fatalf("step %d: its Outlook link is %q", i+1, outlook)
	}
	q = o.Query()
	start, err1 := time.Parse(time.RFC3339, q.Get("startdt"))
	stop, err2 := time.Parse(time.RFC3339, q.Get("enddt"))
	if err1 != nil || err2 != nil || !start.Equal(at) || !stop.Equal(end) || q.Get("subject") != g.Query().Get("text") {
		t.Errorf("step %d (%s in %s): Outlook's startdt=%q enddt=%q subject=%q, want %s to %s", i+1, s.Suggested, zone, q.Get("startdt"), q.Get("enddt"), q.Get("subject"), at.Format(time.RFC3339), end.Format(time.RFC3339))
	}
}

// calcEncode is JavaScript's encodeURIComponent.
func calcEncode(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || strings.IndexByte("-_.!~*'()", c) >= 0 {
			b.WriteByte(c)
		} else {
			fmt.Fprintf(&b, "%%%02X", c)
		}
	}
	return b.String()
}

// calcOneEvent keeps the k-th VEVENT of a calendar, as the page's "this step" file.
func calcOneEvent(cal string, k int) string {
	const begin, end = "BEGIN:VEVENT\r\n", "END:VEVENT\r\n"
	head, rest, _ := strings.Cut(cal, begin)
	return head + strings.SplitAfter(begin+rest, end)[k] + "END:VCALENDAR\r\n"
}

// calcField checks that the input with id shows a message starting with want, is marked
// invalid, and is described by the message.
func calcField(t *testing.T, ctx context.Context, id, want string) {
	t.Helper()
	// The form is checked once the engine has loaded, which the first submit may wait for.
	_ = chromedp.Do(ctx, chromedp.Poll[chromedp.Void](fmt.Sprintf(`(e => !e.hidden && e.textContent.startsWith(%q))(document.getElementById(%q + '-e'))`, want, id),
		chromedp.WithPollingTimeout(5*time.Second)))
	got := calcEval[[]string](t, ctx, fmt.Sprintf(`(f => [document.getElementById(%[1]q + '-e').hidden ? '' : document.getElementById(%[1]q + '-e').textContent,
		f.getAttribute('aria-invalid') || '', f.getAttribute('aria-describedby') || ''])(document.getElementById(%[1]q))`, id))
	if !strings.HasPrefix(got[0], want) {
		t.Errorf("%s shows %q, want a message starting %q", id, got[0], want)
	}
	if got[1] != "true" || !strings.Contains(" "+got[2]+" ", " "+id+"-e ") {
		t.Errorf("%s: aria-invalid=%q, aria-describedby=%q; want it invalid and described by its message", id, got[1], got[2])
	}
}

func calcBuild(t *testing.T, minify bool) map[string][]byte {
	t.Helper()
	out := &output.MemoryOutput{}
	_, err := generator.Build(context.Background(), sitefs.Source{Site: os.DirFS(".."), Defaults: playbook.DefaultSite},
		generator.Options{BaseURL: calcBase, Minify: minify}, out)
	if err != nil {
		t.Fatalf("building the site:\n%s", diag.Report(err))
	}
	return out.Files()
}

// calcServe serves files as a static host would under calcBase, and returns the site's
// address and the server's origin.
func calcServe(t *testing.T, files map[string][]byte) (site, origin string) {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		name, ok := strings.CutPrefix(r.URL.Path, calcBase)
		if name == "" || strings.HasSuffix(name, "/") {
			name += "index.html"
		}
		b, found := files[name]
		if !ok || !found {
			http.NotFound(w, r)
			return
		}
		http.ServeContent(w, r, name, time.Time{}, bytes.NewReader(b))
	}))
	t.Cleanup(srv.Close)
	return srv.URL + calcBase, srv.URL
}

// calcProblems collects console errors and uncaught exceptions.
type calcProblems struct {
	mu   sync.Mutex
	list []string
	seen int
}

func calcWatch(t *testing.T, ctx context.Context) *calcProblems {
	t.Helper()
	p := &calcProblems{}
	msgs := chromedp.Console(ctx)
	go func() {
		for m, err := range msgs {
			if err != nil {
				return
			}
			if m.Type == chromedp.ConsoleError || m.IsException() || m.Type == "assert" {
				p.mu.Lock()
				p.list = append(p.list, fmt.Sprintf("console %s: %s (%s:%d)", m.Type, m.Text, m.URL, m.Line+1))
				p.mu.Unlock()
			}
		}
	}()
	return p
}

// check fails t for every problem since the last check, after a moment for late messages.
func (p *calcProblems) check(t *testing.T, ctx context.Context, where string) {
	t.Helper()
	calcDo(t, ctx, chromedp.Sleep(100*time.Millisecond))
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, s := range p.list[p.seen:] {
		t.Errorf("%s: %s", where, s)
	}
	p.seen = len(p.list)
}

func calcDo(t *testing.T, ctx context.Context, actions ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(ctx, actions...); err != nil {
		t.Fatal(err)
	}
}

func calcEval[T any](t *testing.T, ctx context.Context, expr string, opts ...chromedp.EvaluateOption) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr, opts...))
	if err != nil {
		t.Fatalf("evaluating %s: %v", expr, err)
	}
	return v
}
