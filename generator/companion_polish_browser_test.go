package generator_test

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/followup-playbook/playbook/generator/internal/browsertest"
)

// fuDayText writes a civil day as the page does: "Wednesday 9 December 2026".
func fuDayText(days int) string {
	return time.Now().AddDate(0, 0, days).Format("Monday 2 January 2006")
}

// TestCompanionRefusesAFutureOutcome: an outcome dated after today is refused in the
// dialog where it is entered, at its date, in the page's words and dates, and nothing is
// kept.
func TestCompanionRefusesAFutureOutcome(t *testing.T) {
	fuClear(t)
	site := fuServe(t, fuBuild(t))
	p := fuPage{t, browsertest.New(t)}
	p.open(site.url)
	p.add(fuInterview{company: "Initech", role: "Ops Lead", date: fuDay(-3), start: "14:00", people: [][2]string{{"Ana Gómez", ""}}})
	before := fuEval[int](p, fuLogLen)
	p.act(p.card(p.ids()[0]), "outcome")
	p.waitFor("the dialog", `document.getElementById('fu-dialog')?.open`)
	p.do(chromedp.Click(chromedp.ID("fu-d-rejected")))
	p.set("fu-d-when", fuDay(1))
	p.do(chromedp.Click(chromedp.ID("fu-d-ok")))
	p.waitFor("the refusal", `!document.getElementById('fu-d-e').hidden`)
	want := "The date they turned you down: " + fuDayText(1) + " is later than today (" + fuDayText(0) + ")."
	if got := fuEval[string](p, `document.getElementById('fu-d-e').textContent`); got != want {
		t.Errorf("a rejection dated tomorrow says %q, want %q", got, want)
	}
	if !fuEval[bool](p, `document.getElementById('fu-dialog').open && document.activeElement.id === 'fu-d-when' && document.getElementById('fu-d-when').getAttribute('aria-invalid') === 'true'`) {
		t.Error("the refusal is not at the outcome's date, in the dialog still open")
	}
	p.do(chromedp.Click(chromedp.ID("fu-d-cancel")))
	if n := fuEval[int](p, fuLogLen); n != before {
		t.Errorf("a refused outcome was kept: %d changes, want %d", n, before)
	}
}

// TestCompanionOpensAFile: opening a file says what it added to what; JSON that is no
// companion file is refused with the reason, and the list stays as it was.
func TestCompanionOpensAFile(t *testing.T) {
	fuClear(t)
	site := fuServe(t, fuBuild(t))
	p := fuPage{t, browsertest.New(t)}
	p.open(site.url)
	p.add(fuInterview{company: "Mine", role: "Kept", date: fuDay(-2), start: "15:00"})

	iv := func(id, company string) string {
		return fmt.Sprintf(`{"id":%q,"company":%q,"role":"","interview":%q,"ends":"","interviewers":[],"decisionBy":"","rejected":"","offer":"","withdrew":"",
			"facts":{"sent":[],"skipped":[],"replied":[]},"updated":"2026-03-12T18:04:05.000Z"}`, id, company, fuDay(-3)+"T10:00")
	}
	p.importText(`{"format":"followup-playbook/companion","version":1,"interviews":[` + iv("a-1", "Northwind") + "," + iv("a-2", "Contoso") + `]}`)
	p.do(chromedp.Click(chromedp.ID("fu-import-ok")))
	p.waitFor("the two interviews opened", `document.querySelectorAll('#fu-interviews .fu-rounds > li').length === 3`)
	if got, want := fuEval[string](p, `document.getElementById('fu-toast-text').textContent`), "Added 2 interviews to your list of 1."; got != want {
		t.Errorf("after opening a file the page says %q, want %q", got, want)
	}

	kept := p.exported()
	for _, text := range []string{`{"hello":"world"}`, `{}`} {
		p.importText(text)
		got := fuEval[string](p, `document.getElementById('fu-preview').textContent`)
		if !strings.Contains(got, "cannot be opened") || !strings.Contains(got, "not a list saved by this follow-up companion") || fuEval[bool](p, `!document.getElementById('fu-import-ok').hidden`) {
			t.Errorf("the file %s: the preview says %q, want it refused as no companion file", text, got)
		}
		p.do(chromedp.Click(chromedp.ID("fu-import-no")))
		if got := p.exported(); got != kept {
			t.Errorf("the file %s changed the list:\n%s", text, got)
		}
	}
}

// TestCompanionSaysTheLengthItAssumes: by the end time, the form says how long an
// interview without one is taken to last, from the rules the page was given (here 90
// minutes, where the site says an hour).
func TestCompanionSaysTheLengthItAssumes(t *testing.T) {
	fuClear(t)
	files := fuBuild(t)
	var r map[string]any
	if err := json.Unmarshal(files["rules.json"], &r); err != nil {
		t.Fatal(err)
	}
	r["policy"].(map[string]any)["interviewLength"] = 90
	b, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	files["rules.json"] = b
	site := fuServe(t, files)
	p := fuPage{t, browsertest.New(t)}
	p.open(site.url)
	p.do(chromedp.Click(chromedp.ID("fu-add")), chromedp.WaitVisible(chromedp.ID("fu-form")))
	want := "Without an end time, the plan counts the interview as 90 minutes long."
	got := fuEval[string](p, `(e => e.closest('#fu-round-part').querySelector('#fu-end-note')?.textContent ?? '')(document.getElementById('fu-end'))`)
	if got != want {
		t.Errorf("by the end time the form says %q, want %q", got, want)
	}
	// And a screen reader says it with the field.
	if d := fuEval[string](p, `document.getElementById('fu-end').getAttribute('aria-describedby')`); !strings.Contains(" "+d+" ", " fu-end-note ") {
		t.Errorf("the end time is described by %q, not by what is assumed without it", d)
	}
}

// upcomingCalendar follows the link to every upcoming step's file and reads it, with the
// page's civil time just before and just after: the file counts from a minute between.
func (p fuPage) upcomingCalendar() (cal, from, to string) {
	p.t.Helper()
	const now = `new Date(Date.now() - new Date().getTimezoneOffset() * 60000).toISOString().slice(0, 16)`
	from = fuEval[string](p, now)
	cal = fuEval[string](p, fuCalendar+`(document.getElementById('fu-ics'))`)
	return cal, from, fuEval[string](p, now)
}

// fuAhead is 1 for a step to count whose time (YYYY-MM-DDTHH:MM) is not before now.
func fuAhead(count bool, at, now string) int {
	if count && at >= now {
		return 1
	}
	return 0
}

// fuAheadRows counts the rows of interview iv not done whose time is not before now.
func fuAheadRows(items []fuItem, iv, now string) int {
	n := 0
	for _, it := range items {
		if it.IV == iv {
			n += fuAhead(it.Group != "done", it.Suggested, now)
		}
	}
	return n
}
