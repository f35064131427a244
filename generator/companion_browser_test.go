package generator_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	playbook "github.com/followup-playbook/playbook"
	"github.com/followup-playbook/playbook/generator"
	"github.com/followup-playbook/playbook/generator/diag"
	"github.com/followup-playbook/playbook/generator/internal/browsertest"
	"github.com/followup-playbook/playbook/generator/load/rules"
	"github.com/followup-playbook/playbook/generator/load/sitefs"
	"github.com/followup-playbook/playbook/generator/output"
	"github.com/followup-playbook/playbook/generator/render"
)

// fuBase is the sub-path the companion's tests build the site under: every address the
// page, its manifest and its service worker use must honour it.
const fuBase = "/careers/playbook/"

// fuKey is the localStorage key of the companion's state (docs/companion.md), fuKey +
// ":recent" that of its latest changes, and fuLogLen an expression that counts the stored
// log's changes (both keys').
const (
	fuKey    = "followup-playbook:companion"
	fuLogLen = `[localStorage.getItem('` + fuKey + `'), localStorage.getItem('` + fuKey + `:recent')].filter(Boolean).reduce((n, t) => n + JSON.parse(t).log.length, 0)`
)

// fuSite is a built site served as a static host would, with the CSP of static/_headers;
// down makes the server drop every connection, as a visitor with no network sees it.
type fuSite struct {
	url  string // the site's address, ending in fuBase
	mu   sync.Mutex
	file map[string][]byte
	down atomic.Bool
	srv  *httptest.Server
	// held, when set, holds the answer to every request for a file whose name starts
	// with heldPrefix until it is closed (see hold).
	held       chan struct{}
	heldPrefix string
}

func fuServe(t *testing.T, files map[string][]byte) *fuSite {
	t.Helper()
	// The test reads the files the page offers for download (blob: URLs) with fetch, which
	// the site's connect-src would refuse; the page itself never fetches one.
	csp := strings.Replace(csp(t), "connect-src 'self'", "connect-src 'self' blob:", 1)
	s := &fuSite{file: files}
	s.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if s.down.Load() {
			if hj, ok := w.(http.Hijacker); ok {
				if c, _, err := hj.Hijack(); err == nil {
					c.Close()
					return
				}
			}
			panic(http.ErrAbortHandler)
		}
		name, ok := strings.CutPrefix(r.URL.Path, fuBase)
		if name == "" || strings.HasSuffix(name, "/") {
			name += "index.html"
		}
		s.mu.Lock()
		b, found := s.file[name]
		held := s.held
		if !strings.HasPrefix(name, s.heldPrefix) {
			held = nil
		}
		s.mu.Unlock()
		if held != nil {
			<-held
		}
		if !ok || !found {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Security-Policy", csp)
		if strings.HasSuffix(name, ".webmanifest") {
			w.Header().Set("Content-Type", "application/manifest+json")
		}
		if regexp.MustCompile(`\.([0-9a-f]{10}\.css|[A-Z0-9]{8}\.m?js)$`).MatchString(name) {
			w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
		} else {
			w.Header().Set("Cache-Control", "no-cache")
		}
		http.ServeContent(w, r, name, time.Time{}, bytes.NewReader(b))
	}))
	t.Cleanup(s.srv.Close)
	s.url = s.srv.URL + fuBase
	return s
}

// hold holds the answers to the requests for files whose names start with prefix, until
// the function it returns is called.
func (s *fuSite) hold(prefix string) (release func()) {
	s.mu.Lock()
	defer s.mu.Unlock()
	ch := make(chan struct{})
	s.held, s.heldPrefix = ch, prefix
	return func() {
		s.mu.Lock()
		s.held = nil
		s.mu.Unlock()
		close(ch)
	}
}

// setDown cuts the network off (true) or restores it.
func (s *fuSite) setDown(down bool) {
	s.down.Store(down)
	if down {
		s.srv.CloseClientConnections()
	}
}

func fuBuild(t *testing.T) map[string][]byte {
	t.Helper()
	out := &output.MemoryOutput{}
	_, err := generator.Build(context.Background(), sitefs.Source{Site: os.DirFS(".."), Defaults: playbook.DefaultSite},
		generator.Options{BaseURL: "https://example.org" + fuBase, Minify: true}, out)
	if err != nil {
		t.Fatalf("building the site:\n%s", diag.Report(err))
	}
	return out.Files()
}

// fuInterview is one interview as the visitor types it.
type fuInterview struct {
	company, role, date, start, end, decision string
	people                                    [][2]string // name, e-mail
}

// fuItem is one row of the page's "What to do" list.
type fuItem struct {
	IV, Step, To, Suggested, Group, Text, Sent, Href string
}

// fuPage drives one tab of the companion.
type fuPage struct {
	t   *testing.T
	ctx context.Context
}

func (p fuPage) do(actions ...chromedp.Action[chromedp.Void]) {
	p.t.Helper()
	if err := chromedp.Do(p.ctx, actions...); err != nil {
		p.t.Fatal(err)
	}
}

func fuEval[T any](p fuPage, expr string) T {
	p.t.Helper()
	v, err := chromedp.Run(p.ctx, chromedp.Evaluate[T](expr, chromedp.EvalAwaitPromise))
	if err != nil {
		p.t.Fatalf("evaluating %s: %v", expr, err)
	}
	return v
}

// waitFor waits until the expression is truthy (polling on a timer, which runs in a
// background tab too), failing with what after 10 seconds.
func (p fuPage) waitFor(what, expr string) {
	p.t.Helper()
	_, err := chromedp.Run(p.ctx, chromedp.Poll[chromedp.Void](expr, chromedp.WithPollingInterval(25*time.Millisecond), chromedp.WithPollingTimeout(10*time.Second)))
	if err != nil {
		p.t.Fatalf("waiting for %s (%s): %v", what, expr, err)
	}
}

// open loads the companion and waits until it has read its rules and drawn the state.
func (p fuPage) open(site string) {
	p.t.Helper()
	p.do(chromedp.Navigate(site + "follow-ups/"))
	p.ready()
}

// ready waits for the list to be shown and final: drawn from the log replayed (a list
// kept from the last visit is drawn before, and drawn again then).
func (p fuPage) ready() {
	p.t.Helper()
	p.waitFor("the companion to start", `!document.getElementById('fu').hidden && performance.getEntriesByName('fu-list').length > 0 && performance.getEntriesByName('fu-replayed').length > 0`)
}

func (p fuPage) set(id, value string) {
	p.t.Helper()
	p.do(chromedp.SetJavascriptAttribute(chromedp.ID(id), "value", value))
}

func (p fuPage) count(sel string) int {
	p.t.Helper()
	return fuEval[int](p, fmt.Sprintf(`document.querySelectorAll(%q).length`, sel))
}

// add fills in the form as a visitor would and saves it.
func (p fuPage) add(iv fuInterview) {
	p.t.Helper()
	before := p.count("#fu-interviews .fu-rounds > li, #fu-closed-list .fu-rounds > li")
	p.do(chromedp.Click(chromedp.ID("fu-add")), chromedp.WaitVisible(chromedp.ID("fu-form")))
	p.do(chromedp.SendKeys(chromedp.ID("fu-company"), iv.company), chromedp.SendKeys(chromedp.ID("fu-role"), iv.role))
	p.set("fu-date", iv.date)
	p.set("fu-start", iv.start)
	p.set("fu-end", iv.end)
	p.set("fu-decision", iv.decision)
	for i, who := range iv.people {
		if i > 0 {
			p.do(chromedp.Click(chromedp.ID("fu-person")))
		}
		p.do(chromedp.SendKeys(chromedp.ID(fmt.Sprintf("fu-p%d", i+1)), who[0]))
		if who[1] != "" {
			p.do(chromedp.SendKeys(chromedp.ID(fmt.Sprintf("fu-e%d", i+1)), who[1]))
		}
	}
	p.do(chromedp.Click(chromedp.CSS(`#fu-form button[type="submit"]`)))
	p.waitFor("the new interview in the list", fmt.Sprintf(`document.querySelectorAll('#fu-interviews .fu-rounds > li, #fu-closed-list .fu-rounds > li').length === %d && document.getElementById('fu-form').hidden`, before+1))
}

// items reads the "What to do" list.
func (p fuPage) items() []fuItem {
	p.t.Helper()
	return fuEval[[]fuItem](p, `[...document.querySelectorAll('#fu-agenda li')].map(li => ({
		IV: li.dataset.iv, Step: li.dataset.step, To: li.dataset.to, Suggested: li.dataset.suggested,
		Group: li.closest('section').className.replace('fu-group ', ''), Text: li.textContent,
		Sent: li.querySelector('.when time') && li.closest('section.done') ? li.querySelector('.when time').dateTime : '',
		Href: (li.querySelector('a[href*="/templates/"]') || {}).href || '' }))`)
}

// snapshot is everything the list shows, to compare before and after a round trip.
func (p fuPage) snapshot() string {
	p.t.Helper()
	// Every row's and card's words, open or not, but what a disclosure makes when opened
	// (a row's calendar links, a round's plan).
	return fuEval[string](p, `[...document.querySelectorAll('#fu-agenda li, #fu-interviews > li, #fu-closed-list > li')].map(li => {
		const c = li.cloneNode(true);
		c.querySelectorAll('.fu-cal > :not(summary), .fu-tl > :not(summary)').forEach(e => e.remove());
		return c.textContent;
	}).join('\n')`)
}

func (p fuPage) exported() string {
	p.t.Helper()
	return fuEval[string](p, `(a => (a.dispatchEvent(new Event('focus')), fetch(a.href).then(r => r.text())))(document.getElementById('fu-export'))`)
}

// fuCalendar is a function of a calendar link that follows it, as a visitor would, waits for
// the file it is given, and reads it.
const fuCalendar = `(async a => {
	a.click();
	for (let i = 0; i < 200 && !a.href.startsWith('blob:'); i++) await new Promise(r => setTimeout(r, 25));
	return (await fetch(a.href)).text();
})`

// fuRowCal is what a row's "Add to calendar" disclosure offers once opened.
type fuRowCal struct {
	Ics, Type, File, Google, Outlook, Targets, Names, Hint string
}

// rowCalendar opens the "Add to calendar" of the row sel, as a visitor would, waits for
// its links and reads them, the calendar file's text and type included.
func (p fuPage) rowCalendar(sel string) fuRowCal {
	p.t.Helper()
	p.reveal(sel + ` details.fu-cal summary`)
	p.do(chromedp.Click(chromedp.CSS(sel + ` details.fu-cal summary`)))
	p.waitFor("the row's calendar links", `document.querySelector('`+sel+` details.fu-cal[open] a[href^="blob:"]')`)
	c := fuEval[fuRowCal](p, `(async () => {
		const d = document.querySelector('`+sel+` details.fu-cal'), [file, google, outlook] = d.querySelectorAll('a');
		const blob = await (await fetch(file.href)).blob();
		return { Ics: await blob.text(), Type: blob.type, File: file.download, Google: google.href, Outlook: outlook.href,
			Targets: [google, outlook].map(x => x.target + ' ' + x.rel).join(', '), Names: [file, google, outlook].map(x => x.textContent).join(' | '),
			Hint: d.querySelector('.hint').textContent };
	})()`)
	p.do(chromedp.Click(chromedp.CSS(sel + ` details.fu-cal summary`)))
	p.waitFor("the row's calendar links to close", `!document.querySelector('`+sel+` details.fu-cal').open`)
	return c
}

// fuEvents are the UIDs of cal's events of the status given.
func fuEvents(cal, status string) []string {
	var uids []string
	for _, e := range strings.Split(strings.ReplaceAll(cal, "\r\n ", ""), "BEGIN:VEVENT")[1:] {
		if strings.Contains(e, "STATUS:"+status+"\r\n") {
			uids = append(uids, regexp.MustCompile(`UID:(\S+)`).FindStringSubmatch(e)[1])
		}
	}
	sort.Strings(uids)
	return uids
}

// itemSel selects a row of the list.
func itemSel(iv, step, to string) string {
	return fmt.Sprintf(`#fu-agenda li[data-iv=%q][data-step=%q][data-to=%q]`, iv, step, to)
}

// act clicks a row's or a card's button (by its value), opening its "More" first as a
// visitor would when the button is behind it.
func (p fuPage) act(sel, value string) {
	p.t.Helper()
	b := sel + ` button[value="` + value + `"]`
	p.reveal(b)
	p.do(chromedp.Click(chromedp.CSS(b)))
}

// reveal opens the "More" that sel is behind, if it is, as a visitor would.
func (p fuPage) reveal(sel string) {
	p.t.Helper()
	if fuEval[bool](p, `!!document.querySelector('`+sel+`')?.closest('details.fu-more:not([open])')`) {
		p.do(chromedp.Click(chromedp.JSPath(`document.querySelector('` + sel + `').closest('details.fu-more').querySelector(':scope > summary')`)))
		p.waitFor("More to open", `document.querySelector('`+sel+`')?.closest('details.fu-more').open`)
	}
}

// card selects the card of the application that interview iv is a round of.
func (p fuPage) card(iv string) string {
	p.t.Helper()
	return `[data-app="` + fuEval[string](p, `document.querySelector('.fu-rounds > li[data-iv="`+iv+`"]').closest('[data-app]').dataset.app`) + `"]`
}

// dialogOK saves the open dialog and waits for it to close.
func (p fuPage) dialogOK() {
	p.t.Helper()
	p.do(chromedp.Click(chromedp.ID("fu-d-ok")))
	p.waitFor("the dialog to close", `!document.getElementById('fu-dialog').open`)
}

// importText opens text as the chosen file, as the visitor picking it would.
func (p fuPage) importText(text string) {
	p.t.Helper()
	b, _ := json.Marshal(text)
	fuEval[bool](p, `(() => { const dt = new DataTransfer(); dt.items.add(new File([`+string(b)+`], 'follow-ups.json', {type: 'application/json'}));
		const i = document.getElementById('fu-import'); i.files = dt.files; i.dispatchEvent(new Event('change', {bubbles: true})); return true; })()`)
	p.waitFor("the import's preview", `document.getElementById('fu-preview')?.hidden === false`)
}

func (p fuPage) ids() []string {
	p.t.Helper()
	return fuEval[[]string](p, `[...document.querySelectorAll('#fu-interviews .fu-rounds > li, #fu-closed-list .fu-rounds > li')].map(li => li.dataset.iv)`)
}

// axe runs axe-core on the page, when qa/node_modules has it.
func (p fuPage) axe(where string) {
	p.t.Helper()
	src, err := os.ReadFile(filepath.Join(qaDir, "axe-core/axe.min.js"))
	if err != nil {
		requireTool(p.t, "axe-core", "run npm ci --prefix qa")
		return
	}
	if _, err := chromedp.Run[any](p.ctx, chromedp.Evaluate[any](string(src)+";0")); err != nil {
		p.t.Fatalf("injecting axe-core: %v", err)
	}
	for _, v := range fuEval[[]string](p, axeRun) {
		p.t.Errorf("%s: %s", where, v)
	}
}

// civil days from today, in the local zone the browser shares.
func fuDay(days int) string { return time.Now().AddDate(0, 0, days).Format("2006-01-02") }

// fuClear starts a companion test with at least fuSpan to go before midnight: the page
// reads today from the browser's clock and the test from Go's, and both must be the same
// day for the whole test. Nearer midnight, it waits until the new day has begun.
func fuClear(t *testing.T) {
	t.Helper()
	browsertest.Require(t)
	now := time.Now()
	midnight := time.Date(now.Year(), now.Month(), now.Day()+1, 0, 0, 0, 0, now.Location())
	if left := midnight.Sub(now); left < fuSpan {
		t.Logf("%v to midnight: waiting for the next day, so that the page and the test agree on today", left.Round(time.Second))
		time.Sleep(left + time.Second)
	}
}

// fuSpan is more than any companion test takes, under -race on a busy machine.
const fuSpan = 3 * time.Minute

func fuPlan(t *testing.T, r *rules.Rules, in rules.Input) rules.Plan {
	t.Helper()
	p, err := r.Plan(in)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// fuKeys lists the (step, to) of a plan's steps, or of an interview's rows, sorted.
func fuKeys(steps []rules.Step) []string {
	var out []string
	for _, s := range steps {
		out = append(out, s.ID+" to "+s.To)
	}
	sort.Strings(out)
	return out
}

func fuRowKeys(items []fuItem, iv string) []string {
	var out []string
	for _, it := range items {
		if it.IV == iv {
			out = append(out, it.Step+" to "+it.To)
		}
	}
	sort.Strings(out)
	return out
}

// TestCompanionFlow is the check, on a phone and on a desktop: add three
// interviews, mark steps sent, record a reply with a new decision date and a rejection,
// export, delete everything, import, and find the same list; then reload it.
func TestCompanionFlow(t *testing.T) {
	fuClear(t)
	r, _, err := rules.Load(os.DirFS(".."))
	if err != nil {
		t.Fatalf("loading the rules:\n%s", diag.Report(err))
	}
	site := fuServe(t, fuBuild(t))
	ivs := []fuInterview{
		{company: "Northwind", role: "Data Analyst", date: fuDay(-3), start: "15:00", end: "16:00", decision: fuDay(4),
			people: [][2]string{{"Ana Ruiz", "ana@example.com"}, {"Tom Baker", ""}}},
		{company: "Contoso", role: "Product Designer", date: fuDay(-1), start: "10:00", people: [][2]string{{"Dr. Priya Shah", "priya@example.org"}}},
		{company: "Fabrikam", role: "Support Lead", date: fuDay(-9), start: "09:30", decision: fuDay(-2)},
	}
	for _, vp := range []struct {
		name string
		w, h int64
		opts []chromedp.EmulateViewportOption
	}{
		{"phone", 390, 844, []chromedp.EmulateViewportOption{chromedp.EmulateScale(3), chromedp.EmulateMobile, chromedp.EmulateTouch, chromedp.EmulatePortrait}},
		{"desktop", 1280, 900, nil},
	} {
		t.Run(vp.name, func(t *testing.T) {
			ctx := browsertest.New(t)
			p := fuPage{t, ctx}
			watch := watchPage(t, ctx)
			p.do(chromedp.EmulateViewport(vp.w, vp.h, vp.opts...))
			p.open(site.url)
			if !strings.Contains(fuEval[string](p, `document.getElementById('fu-kept').textContent`), "Kept in this browser only") {
				t.Error("the page does not say plainly that the list is kept in this browser only")
			}
			for _, iv := range ivs {
				p.add(iv)
			}
			ids := p.ids()
			if len(ids) != 3 {
				t.Fatalf("the list holds %d interviews, want 3", len(ids))
			}
			a, b, c := ids[0], ids[1], ids[2]
			ins := []rules.Input{
				{Interview: ivs[0].date + "T15:00", Interviewers: []string{"Ana Ruiz", "Tom Baker"}, DecisionBy: ivs[0].decision},
				{Interview: ivs[1].date + "T10:00", Interviewers: []string{"Dr. Priya Shah"}},
				{Interview: ivs[2].date + "T09:30", DecisionBy: ivs[2].decision},
			}
			items := p.items()
			for i, id := range ids {
				want := fuKeys(fuPlan(t, r, ins[i]).Steps)
				if got := fuRowKeys(items, id); strings.Join(got, "|") != strings.Join(want, "|") {
					t.Errorf("%s: the list shows %q, playbook plan has %q", ivs[i].company, got, want)
				}
			}
			// Fabrikam's thank-you is late and not sent: the LinkedIn note after it is not
			// suggested before now (the overdue rule, as playbook plan --today has it).
			for _, it := range items {
				if it.IV == c && it.Step == "linkedin" && it.Suggested < fuDay(0) {
					t.Errorf("Fabrikam's LinkedIn note is suggested for %s, before today, though the thank-you before it is late and not sent", it.Suggested)
				}
			}
			for _, it := range items {
				iv := ivs[indexOf(ids, it.IV)]
				if !strings.Contains(it.Text, " to "+it.To+iv.company+", "+iv.role+" · ") || !strings.Contains(it.Text, "Open the message") {
					t.Errorf("the row %q does not say to whom, for which company and role, with its template", it.Text)
				}
				if it.Group == "done" {
					t.Errorf("%s %s is done before anything was sent", it.IV, it.Step)
				}
			}
			// The template link is filled in for that interview and that interviewer.
			var ty fuItem
			for _, it := range items {
				if it.IV == b && it.Step == "thank-you" {
					ty = it
				}
			}
			if !strings.HasPrefix(ty.Href, site.url+"templates/thank-you/#") || !strings.Contains(ty.Href, "interviewer_name=Priya") ||
				!strings.Contains(ty.Href, "company=Contoso") || !strings.Contains(ty.Href, "role=Product%20Designer") || !strings.Contains(ty.Href, "to_email=priya%40example.org") {
				t.Errorf("the thank-you's template link is %q, want it filled in with Priya, Contoso, the role and her address", ty.Href)
			}
			watch.check(t, ctx)

			// An interview's timeline, opened, is its plan drawn as Go draws it.
			card := `.fu-rounds > li[data-iv="` + b + `"] .fu-tl`
			p.reveal(card)
			p.do(chromedp.Click(chromedp.CSS(card + ` summary`)))
			p.waitFor("Contoso's timeline", `document.querySelector('`+card+` svg')`)
			drawn, err := render.TimelineSVG(r, fuPlan(t, r, ins[1]), ins[1].Interview)
			if err != nil {
				t.Fatal(err)
			}
			if got := fuEval[string](p, svgMarkup+`(document.querySelector('`+card+` svg'))`); got != string(drawn) {
				t.Errorf("the companion draws Contoso's plan as\n%s\nrender.TimelineSVG as\n%s", got, drawn)
			}

			// Mark as sent, now and at a time chosen.
			p.act(itemSel(a, "thank-you", "Ana Ruiz"), "sent")
			p.waitFor("the sent thank-you among the done", `document.querySelector('#fu-agenda section.done `+itemSel(a, "thank-you", "Ana Ruiz")[len("#fu-agenda "):]+`')`)
			p.act(itemSel(a, "thank-you", "Tom Baker"), "sent-at")
			p.waitFor("the dialog", `document.getElementById('fu-dialog')?.open`)
			chosen := fuDay(-2) + "T09:15"
			p.set("fu-d-at", chosen)
			p.dialogOK()
			p.waitFor("the second thank-you among the done", `document.querySelector('#fu-agenda section.done [data-step="thank-you"][data-to="Tom Baker"] time')?.dateTime === '`+chosen+`'`)

			// They replied, with a new decision date: the chaser moves after it.
			newDate := fuDay(12)
			p.act(p.card(a), "replied")
			p.waitFor("the dialog", `document.getElementById('fu-dialog')?.open`)
			p.set("fu-d-on", fuDay(0))
			p.set("fu-d-new", newDate)
			p.dialogOK()
			chaser := ""
			for _, it := range p.items() {
				if it.IV == a && it.Step == "chaser" {
					chaser = it.Suggested
				}
			}
			if chaser <= newDate {
				t.Errorf("after a reply with the new decision date %s, Northwind's chaser is suggested for %q, want after it (the engine's facts.replied)", newDate, chaser)
			}

			// A rejection: the chasers go, the reply and the feedback request come.
			earlier := fuEvents(fuEval[string](p, fuCalendar+`(document.getElementById('fu-ics'))`), "CONFIRMED")
			p.act(p.card(b), "outcome")
			p.waitFor("the dialog", `document.getElementById('fu-dialog')?.open`)
			p.do(chromedp.Click(chromedp.ID("fu-d-rejected")))
			p.set("fu-d-when", fuDay(0))
			p.dialogOK()
			p.waitFor("the rejection on Contoso's card, among the closed", `document.querySelector('#fu-closed-list .fu-rounds > li[data-iv="`+b+`"]').textContent.includes('They turned you down')`)
			rej := ins[1]
			rej.Rejected = fuDay(0)
			if got, want := fuRowKeys(p.items(), b), fuKeys(fuPlan(t, r, rej).Steps); strings.Join(got, "|") != strings.Join(want, "|") {
				t.Errorf("after the rejection Contoso's list is %q, playbook plan --rejected has %q", got, want)
			}

			// The calendar of every upcoming step: one event for each row not done.
			// A calendar file is written when its link is followed (companion-calendar.js).
			cal := fuEval[string](p, fuCalendar+`(document.getElementById('fu-ics'))`)
			notDone := 0
			for _, it := range p.items() {
				if it.Group != "done" {
					notDone++
				}
			}
			if n := len(fuEvents(cal, "CONFIRMED")); n != notDone || !strings.HasPrefix(cal, "BEGIN:VCALENDAR\r\n") || strings.Count(cal, "END:VCALENDAR") != 1 {
				t.Errorf("the calendar of every upcoming step has %d events, want %d (one per row not done):\n%s", n, notDone, cal)
			}
			// The rejection re-export cancels Contoso's chasers, under the UIDs they had.
			gone := rules.Dropped(fuPlan(t, r, ins[1]), fuPlan(t, r, rej))
			cancelled, chasers := fuEvents(cal, "CANCELLED"), 0
			for _, u := range cancelled {
				if indexOf(earlier, u) < 0 || !strings.HasPrefix(u, b+".") {
					t.Errorf("the cancelled event %s is not one of Contoso's earlier events %q", u, earlier)
				}
				if strings.Contains(u, ".chaser.") || strings.Contains(u, ".second-chaser.") {
					chasers++
				}
			}
			if len(cancelled) != len(gone) || chasers == 0 {
				t.Errorf("after the rejection the calendar cancels %q, want the %d steps it dropped, the chasers among them", cancelled, len(gone))
			}
			if got := fuEval[string](p, `document.getElementById('fu-ics-note').textContent`); !strings.Contains(got, "delete those events by hand") || !strings.Contains(got, "Google Calendar ignores the reminders") {
				t.Errorf("under the calendar link the page says %q, want what calendars ignore", got)
			}
			// The rejection reply's own file cancels them too; its links are in the visitor's zone.
			if _, err := chromedp.Call(ctx, emulation.SetTimezoneOverride, emulation.SetTimezoneOverrideParams{TimezoneID: "Asia/Kolkata"}); err != nil {
				t.Fatal(err)
			}
			rr := p.rowCalendar(itemSel(b, "rejection-reply", "whoever told you"))
			_, _ = chromedp.Call(ctx, emulation.SetTimezoneOverride, emulation.SetTimezoneOverrideParams{TimezoneID: ""})
			if got := fuEvents(rr.Ics, "CANCELLED"); strings.Join(got, " ") != strings.Join(cancelled, " ") || len(fuEvents(rr.Ics, "CONFIRMED")) != 1 {
				t.Errorf("the rejection reply's file cancels %q, want %q, and holds %d steps", got, cancelled, len(fuEvents(rr.Ics, "CONFIRMED")))
			}
			if rr.Type != "text/calendar" || rr.File != "rejection-reply-whoever-told-you-contoso.ics" || rr.Targets != "_blank noopener, _blank noopener" {
				t.Errorf("the rejection reply's calendar file is %q typed %q; its links open as %q", rr.File, rr.Type, rr.Targets)
			}
			if !strings.Contains(rr.Hint, "delete those events by hand") || !strings.Contains(rr.Hint, "Google Calendar ignores") {
				t.Errorf("the rejection reply's calendar says %q", rr.Hint)
			}
			about := ": " + fuTitle(t, r, "rejection-reply") + " to whoever told you, Contoso, Product Designer"
			if want := "Calendar file (.ics)" + about + " | Add to Google Calendar" + about + " (opens in a new tab) | Add to Outlook.com" + about + " (opens in a new tab)"; rr.Names != want {
				t.Errorf("the rejection reply's calendar links are named %q, want %q", rr.Names, want)
			}
			kolkata, _ := time.LoadLocation("Asia/Kolkata")
			row := fuEval[rules.Step](p, `(li => ({ id: li.dataset.step, to: li.dataset.to, suggested: li.dataset.suggested, note: li.querySelector('.why').textContent }))(document.querySelector('`+itemSel(b, "rejection-reply", "whoever told you")+`'))`)
			calcCheckLinks(t, 0, row, fuTitle(t, r, "rejection-reply"), kolkata, rr.Google, rr.Outlook)

			oneCal := p.rowCalendar(itemSel(c, "chaser", "the hiring manager"))
			// The two files were exported at different moments: all but DTSTAMP and SEQUENCE,
			// which stamp the export, must be the same.
			unstamped := regexp.MustCompile(`(?m)^(DTSTAMP|SEQUENCE):.*\r\n`)
			one := unstamped.ReplaceAllString(oneCal.Ics, "")
			if strings.Count(one, "BEGIN:VEVENT") != 1 || !strings.Contains(unstamped.ReplaceAllString(cal, ""), one[strings.Index(one, "BEGIN:VEVENT"):strings.Index(one, "END:VCALENDAR")]) {
				t.Errorf("the chaser's own calendar file is not one of the whole calendar's events:\n%s", one)
			}
			p.axe(vp.name + " with three interviews")

			// Export, delete everything, import: the same list.
			exported, before := p.exported(), p.snapshot()
			var file struct {
				Format       string `json:"format"`
				Version      int    `json:"version"`
				Applications []struct {
					ID      string `json:"id"`
					Company string `json:"company"`
				} `json:"applications"`
				Interviews []struct {
					ID       string `json:"id"`
					Rejected string `json:"rejected"`
					Facts    struct {
						Sent    []map[string]string `json:"sent"`
						Replied []map[string]string `json:"replied"`
					} `json:"facts"`
				} `json:"interviews"`
			}
			if err := json.Unmarshal([]byte(exported), &file); err != nil {
				t.Fatalf("the export is not JSON: %v\n%s", err, exported)
			}
			if file.Format != "followup-playbook/companion" || file.Version != 3 || len(file.Interviews) != 3 || len(file.Applications) != 3 {
				t.Fatalf("the export is %s", exported)
			}
			sent := file.Interviews[0].Facts.Sent
			if len(sent) != 2 || sent[0]["to"] != "Ana Ruiz" || sent[1]["to"] != "Tom Baker" || sent[1]["at"] != chosen {
				t.Errorf("the export's sent facts are %v", sent)
			}
			if rep := file.Interviews[0].Facts.Replied; len(rep) != 1 || rep[0]["on"] != fuDay(0) || rep[0]["decisionBy"] != newDate {
				t.Errorf("the export's reply is %v", rep)
			}
			if file.Interviews[1].Rejected != fuDay(0) {
				t.Errorf("the export's rejection is %q", file.Interviews[1].Rejected)
			}

			p.do(chromedp.Click(chromedp.ID("fu-wipe")))
			p.waitFor("the confirmation", `document.getElementById('fu-dialog')?.open`)
			p.dialogOK()
			p.waitFor("an empty list", `!document.querySelector('#fu-interviews li, #fu-agenda li') && !document.getElementById('fu-empty').hidden`)
			if v := fuEval[[]string](p, `Object.keys(localStorage).filter(k => k.startsWith('`+fuKey+`'))`); len(v) != 0 {
				t.Errorf("after Delete everything the browser still keeps %v", v)
			}
			p.importText(exported)
			if got := fuEval[string](p, `document.getElementById('fu-preview').textContent`); !strings.Contains(got, "adds 3 interviews") ||
				!strings.Contains(got, "Northwind, Data Analyst") || !strings.Contains(got, "Fabrikam, Support Lead") {
				t.Errorf("the import's preview says %q", got)
			}
			if p.count("#fu-interviews .fu-rounds > li, #fu-closed-list .fu-rounds > li") != 0 {
				t.Error("the import changed the list before it was confirmed")
			}
			p.do(chromedp.Click(chromedp.ID("fu-import-ok")))
			p.waitFor("the imported list", `document.querySelectorAll('#fu-interviews .fu-rounds > li, #fu-closed-list .fu-rounds > li').length === 3`)
			// The same interviews, and the same log with one change more: the merge that
			// names what the file brought, so that one Undo takes it back.
			var again, first struct {
				Interviews json.RawMessage  `json:"interviews"`
				Log        []map[string]any `json:"log"`
			}
			if err := json.Unmarshal([]byte(p.exported()), &again); err != nil {
				t.Fatal(err)
			}
			_ = json.Unmarshal([]byte(exported), &first)
			if string(again.Interviews) != string(first.Interviews) || len(again.Log) != len(first.Log)+1 || again.Log[len(again.Log)-1]["kind"] != "merge" {
				t.Errorf("export, import, export differ:\n got %s\nwant %s", again.Interviews, exported)
			}
			if got := p.snapshot(); got != before {
				t.Errorf("the list after the import differs: %s", firstDifference(got, before))
			}
			p.do(chromedp.Reload())
			p.ready()
			if got := p.snapshot(); got != before {
				t.Errorf("the list after a reload differs: %s", firstDifference(got, before))
			}
			// Nothing overflows the screen sideways.
			if w := fuEval[int](p, `document.documentElement.scrollWidth - document.documentElement.clientWidth`); w > 0 {
				t.Errorf("the page is %dpx wider than the %s screen", w, vp.name)
			}
			watch.check(t, ctx)
		})
	}
}

func fuTitle(t *testing.T, r *rules.Rules, id string) string {
	sr, ok := r.Step(id)
	if !ok {
		t.Fatalf("no step %s", id)
	}
	return sr.Title
}

func indexOf(list []string, s string) int {
	for i, x := range list {
		if x == s {
			return i
		}
	}
	return -1
}

// TestCompanionOffline loads the companion once, then cuts the network: a reload opens the
// page from the service worker's cache, with its list, and it still plans a new interview.
// A new build then replaces the cached one: its page is served, and the old cache is gone.
func TestCompanionOffline(t *testing.T) {
	fuClear(t)
	files := fuBuild(t)
	site := fuServe(t, files)
	ctx := browsertest.New(t)
	p := fuPage{t, ctx}
	watch := watchPage(t, ctx)
	p.open(site.url)
	if got := fuEval[string](p, `document.querySelector('link[rel=manifest]').href`); got != site.url+"manifest.webmanifest" {
		t.Errorf("the manifest is %s, want it under the base path", got)
	}
	p.waitFor("the service worker to control the page", `navigator.serviceWorker.controller !== null`)
	if got := fuEval[string](p, `navigator.serviceWorker.ready.then(r => r.scope)`); got != site.url {
		t.Errorf("the service worker's scope is %s, want the site's base path %s", got, site.url)
	}
	p.add(fuInterview{company: "Northwind", role: "Data Analyst", date: fuDay(-2), start: "15:00", people: [][2]string{{"Ana Ruiz", ""}}})
	before := p.snapshot()

	site.setDown(true)
	p.do(chromedp.Reload())
	p.ready()
	if got := p.snapshot(); got != before {
		t.Errorf("offline, the list differs:\n got %s\nwant %s", got, before)
	}
	p.add(fuInterview{company: "Contoso", role: "Designer", date: fuDay(-1), start: "10:00"})
	if n := p.count("#fu-agenda li"); n == 0 {
		t.Error("offline, the page plans nothing")
	}
	watch.check(t, ctx)

	// A new build: another version in sw.js and a changed page.
	site.mu.Lock()
	newSW := regexp.MustCompile(`"[0-9a-f]{16}"`).ReplaceAll(files["sw.js"], []byte(`"0123456789abcdef"`))
	site.file = map[string][]byte{}
	for k, v := range files {
		site.file[k] = v
	}
	site.file["sw.js"] = newSW
	site.file["follow-ups/index.html"] = bytes.Replace(files["follow-ups/index.html"], []byte("<h1>"), []byte(`<h1 data-build="2">`), 1)
	site.mu.Unlock()
	site.setDown(false)
	p.do(chromedp.Reload())
	p.ready()
	if !fuEval[bool](p, `!!document.querySelector('h1[data-build="2"]')`) {
		t.Error("online, the reload shows the cached page, not the new build's")
	}
	p.waitFor("the new build's cache alone", `caches.keys().then(k => k.join() === 'playbook-0123456789abcdef')`)
	site.setDown(true)
	p.do(chromedp.Reload())
	p.ready()
	if !fuEval[bool](p, `!!document.querySelector('h1[data-build="2"]')`) {
		t.Error("offline after the new build, the page is the old one")
	}
	site.setDown(false)
}

// TestCompanionTwoTabs: a change in one tab appears in the other, and two tabs editing at
// once keep both edits.
func TestCompanionTwoTabs(t *testing.T) {
	fuClear(t)
	site := fuServe(t, fuBuild(t))
	ctx := browsertest.New(t)
	one := fuPage{t, ctx}
	one.open(site.url)
	ctx2, cancel := chromedp.NewContext(ctx)
	defer cancel()
	two := fuPage{t, ctx2}
	two.open(site.url)

	two.add(fuInterview{company: "Northwind", role: "Data Analyst", date: fuDay(-2), start: "15:00", people: [][2]string{{"Ana Ruiz", ""}}})
	one.waitFor("the other tab's interview", `document.querySelectorAll('#fu-interviews .fu-rounds > li, #fu-closed-list .fu-rounds > li').length === 1`)
	one.add(fuInterview{company: "Contoso", role: "Designer", date: fuDay(-1), start: "10:00", people: [][2]string{{"Bo", ""}}})
	two.waitFor("the first tab's interview", `document.querySelectorAll('#fu-interviews .fu-rounds > li, #fu-closed-list .fu-rounds > li').length === 2`)
	ids := one.ids()

	// Both tabs mark a different step at once; neither loses the other's.
	one.act(itemSel(ids[0], "thank-you", "Ana Ruiz"), "sent")
	two.act(itemSel(ids[1], "thank-you", "Bo"), "sent")
	both := `document.querySelector('#fu-agenda section.done [data-step="thank-you"][data-to="Ana Ruiz"]') && document.querySelector('#fu-agenda section.done [data-step="thank-you"][data-to="Bo"]')`
	one.waitFor("both sent steps in the first tab", both)
	two.waitFor("both sent steps in the second tab", both)
	if a, b := one.exported(), two.exported(); a != b {
		t.Errorf("the two tabs differ:\n%s\n%s", a, b)
	}
	// The newer edit of one interview wins in both.
	two.act(two.card(ids[0]), "edit-app")
	two.do(chromedp.SetJavascriptAttribute(chromedp.ID("fu-role"), "value", "Senior Data Analyst"), chromedp.Click(chromedp.CSS(`#fu-form button[type="submit"]`)))
	one.waitFor("the other tab's edit", `document.getElementById('fu-interviews').textContent.includes('Senior Data Analyst')`)
	two.do(chromedp.Click(chromedp.ID("fu-wipe")))
	two.waitFor("the confirmation", `document.getElementById('fu-dialog')?.open`)
	two.dialogOK()
	one.waitFor("the other tab's Delete everything", `document.querySelectorAll('#fu-interviews .fu-rounds > li, #fu-closed-list .fu-rounds > li').length === 0`)
}

// TestCompanionHostileImport opens files a visitor might be sent: markup and script in
// every string are shown as text and never run; malformed files are refused, with the
// reason, and nothing changes.
func TestCompanionHostileImport(t *testing.T) {
	fuClear(t)
	site := fuServe(t, fuBuild(t))
	ctx := browsertest.New(t)
	p := fuPage{t, ctx}
	watch := watchPage(t, ctx)
	p.open(site.url)
	p.add(fuInterview{company: "Mine", role: "Kept", date: fuDay(-2), start: "15:00"})

	const evil = `<img src=x onerror="window.__pwned=1">`
	hostile := fmt.Sprintf(`{"format":"followup-playbook/companion","version":1,"interviews":[{"id":"x-1","company":%q,"role":"<script>window.__pwned=2</script>",
		"interview":%q,"interviewers":[{"name":"<b onclick=alert(1)>Eve</b>","email":"eve@example.com"}],"decisionBy":"","rejected":"","offer":"","withdrew":"",
		"facts":{"sent":[],"skipped":[],"replied":[]},"updated":"2026-03-12T18:04:05.000Z","extra":"javascript:alert(1)"}]}`, evil, fuDay(-3)+"T15:00")
	p.importText(hostile)
	if got := fuEval[string](p, `document.getElementById('fu-preview-list').textContent`); !strings.Contains(got, evil) {
		t.Errorf("the preview shows %q, want the company's markup as text", got)
	}
	p.do(chromedp.Click(chromedp.ID("fu-import-ok")))
	p.waitFor("the imported interview", `document.querySelectorAll('#fu-interviews .fu-rounds > li, #fu-closed-list .fu-rounds > li').length === 2`)
	if got := fuEval[string](p, `document.getElementById('fu-interviews').textContent`); !strings.Contains(got, evil) || !strings.Contains(got, "<script>") {
		t.Errorf("the list shows %q, want the markup as text", got)
	}
	if n := fuEval[int](p, `document.querySelectorAll('#fu img, #fu script, #fu b, #fu [onerror], #fu [onclick]').length`); n != 0 {
		t.Errorf("the import made %d elements out of its text", n)
	}
	for _, h := range fuEval[[]string](p, `[...document.querySelectorAll('#fu a[href]')].map(a => a.getAttribute('href'))`) {
		if strings.HasPrefix(strings.ToLower(h), "javascript:") {
			t.Errorf("a link to %s", h)
		}
	}
	if fuEval[bool](p, `'__pwned' in window`) {
		t.Error("the file's script ran")
	}
	p.axe("the list after a hostile import")
	p.act(`.fu-rounds > li[data-iv="x-1"]`, "delete")
	p.waitFor("the confirmation", `document.getElementById('fu-dialog')?.open`)
	p.dialogOK()
	p.waitFor("the hostile interview gone", `document.querySelectorAll('#fu-interviews .fu-rounds > li, #fu-closed-list .fu-rounds > li').length === 1`)
	kept := p.exported()

	for _, c := range []struct{ name, text, says string }{
		{"not JSON", "<html>hello</html>", "not a saved list"},
		{"another format", `{"format":"something-else","version":1,"interviews":[]}`, "not a list saved by this follow-up companion"},
		{"a newer version", `{"format":"followup-playbook/companion","version":7,"interviews":[]}`, "newer version"},
		{"a prototype key", `{"format":"followup-playbook/companion","version":1,"interviews":[{"id":"a","interview":"2026-03-12T15:00","updated":"2026-03-12T18:04:05.000Z","__proto__":{"polluted":1}}]}`, "“__proto__”, which is not allowed"},
		{"a date not on the calendar", `{"format":"followup-playbook/companion","version":1,"interviews":[{"id":"a","interview":"2026-02-30T15:00","updated":"2026-03-12T18:04:05.000Z"}]}`, "should be written as YYYY-MM-DDTHH:MM"},
		{"too large", `{"format":"followup-playbook/companion","version":1,"interviews":[],"x":"` + strings.Repeat("a", 1<<20) + `"}`, "at most 1048576"},
	} {
		p.importText(c.text)
		got := fuEval[string](p, `document.getElementById('fu-preview').textContent`)
		if !strings.Contains(got, "cannot be opened") || !strings.Contains(got, c.says) || fuEval[bool](p, `!document.getElementById('fu-import-ok').hidden`) {
			t.Errorf("%s: the preview says %q, want it refused because %q", c.name, got, c.says)
		}
		if fuEval[bool](p, `({}).polluted !== undefined`) {
			t.Errorf("%s: Object.prototype was changed", c.name)
		}
		p.do(chromedp.Click(chromedp.ID("fu-import-no")))
		if got := p.exported(); got != kept {
			t.Errorf("%s: the list changed:\n%s", c.name, got)
		}
	}
	watch.check(t, ctx)
}

// TestCompanionStorage: a stored value the page cannot read is never overwritten and is
// offered back; with storage refused or full the page works and says nothing is kept.
func TestCompanionStorage(t *testing.T) {
	fuClear(t)
	site := fuServe(t, fuBuild(t))

	t.Run("unreadable", func(t *testing.T) {
		ctx := browsertest.New(t)
		p := fuPage{t, ctx}
		p.open(site.url)
		const raw = `{"format":"followup-playbook/companion","version":1,"interviews":[{"id":"a","company":"Nort`
		fuEval[bool](p, `(localStorage.setItem('`+fuKey+`', `+fmt.Sprintf("%q", raw)+`), true)`)
		p.do(chromedp.Reload())
		p.ready()
		if got := fuEval[string](p, `document.getElementById('fu-alert').hidden ? '' : document.getElementById('fu-alert').textContent`); !strings.Contains(got, "could not be read") {
			t.Errorf("the page says %q about a list it cannot read", got)
		}
		if got := fuEval[string](p, `fetch(document.getElementById('fu-raw').href).then(r => r.text())`); got != raw {
			t.Errorf("the download offers %q, want the stored text", got)
		}
		p.add(fuInterview{company: "Contoso", role: "Designer", date: fuDay(-1), start: "10:00"})
		if got := fuEval[string](p, `localStorage.getItem('`+fuKey+`')`); got != raw {
			t.Errorf("the unread value was overwritten with %q", got)
		}
		p.do(chromedp.Click(chromedp.ID("fu-fresh")))
		p.waitFor("the confirmation", `document.getElementById('fu-dialog')?.open`)
		p.dialogOK()
		p.waitFor("the new list kept", `(localStorage.getItem('`+fuKey+`') || '').includes('Contoso')`)
	})

	for _, c := range []struct{ name, script, says string }{
		{"refused", `Object.defineProperty(window, 'localStorage', {get() { throw new DOMException('denied', 'SecurityError'); }});`, "nothing will be kept"},
		{"full", `Storage.prototype.setItem = function () { throw new DOMException('full', 'QuotaExceededError'); };`, "storage is full"},
	} {
		t.Run(c.name, func(t *testing.T) {
			ctx := browsertest.New(t)
			if _, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: c.script}); err != nil {
				t.Fatal(err)
			}
			p := fuPage{t, ctx}
			watch := watchPage(t, ctx)
			p.open(site.url)
			p.add(fuInterview{company: "Contoso", role: "Designer", date: fuDay(-1), start: "10:00", people: [][2]string{{"Bo", ""}}})
			if got := fuEval[string](p, `document.getElementById('fu-alert').hidden ? '' : document.getElementById('fu-alert').textContent`); !strings.Contains(got, c.says) {
				t.Errorf("the page says %q, want it to say %q", got, c.says)
			}
			if p.count("#fu-agenda li") == 0 {
				t.Error("the page plans nothing")
			}
			p.act(`#fu-agenda li[data-step="thank-you"]`, "sent")
			p.waitFor("the sent step", `document.querySelector('#fu-agenda section.done [data-step="thank-you"]')`)
			watch.check(t, ctx)
		})
	}
}

// TestCalculatorHandsOverToCompanion plans on the calculator, reloads the plan from its
// address, and follows "Add to my follow-ups": the companion opens its form with the
// calculator's interview, and saving it puts that interview's plan in the list.
func TestCalculatorHandsOverToCompanion(t *testing.T) {
	fuClear(t)
	site := fuServe(t, fuBuild(t))
	ctx := browsertest.New(t)
	p := fuPage{t, ctx}
	date := fuDay(-1)
	p.do(chromedp.Navigate(site.url+"calculator/"), chromedp.WaitVisible(chromedp.ID("calc")))
	p.set("c-date", date)
	p.set("c-time", "15:00")
	p.do(chromedp.SendKeys(chromedp.ID("c-n1"), "Ana Ruiz"), chromedp.Click(chromedp.CSS(`#calc button[type="submit"]`)), chromedp.WaitVisible(chromedp.ID("c-out")))
	want := fmt.Sprintf("date=%s&time=15%%3A00&weekend=monday&n=Ana+Ruiz", date)
	if got := fuEval[string](p, `location.hash`); got != "#"+want {
		t.Errorf("the calculator's address keeps %q, want #%s", got, want)
	}
	// The address alone brings the plan back.
	p.do(chromedp.Navigate(site.url + "calculator/#" + want))
	p.waitFor("the plan from the address", `!document.getElementById('c-out').hidden && document.getElementById('c-n1').value === 'Ana Ruiz'`)
	p.do(chromedp.Click(chromedp.ID("c-follow")), chromedp.WaitReady(chromedp.ID("fu")))
	p.waitFor("the companion's form with the calculator's interview", `!document.getElementById('fu-form')?.hidden && document.getElementById('fu-p1')?.value === 'Ana Ruiz'`)
	if got := fuEval[string](p, `document.getElementById('fu-date').value + ' ' + document.getElementById('fu-start').value + ' ' + location.hash`); got != date+" 15:00 " {
		t.Errorf("the form holds %q, want the calculator's date and start, and the address without the hand-over", got)
	}
	p.do(chromedp.SendKeys(chromedp.ID("fu-company"), "Northwind"), chromedp.Click(chromedp.CSS(`#fu-form button[type="submit"]`)))
	p.waitFor("the interview in the list", `document.querySelectorAll('#fu-interviews .fu-rounds > li, #fu-closed-list .fu-rounds > li').length === 1`)
	p.waitFor("its thank-you in the list", `document.querySelector('#fu-agenda [data-step="thank-you"][data-to="Ana Ruiz"]')`)
}

// TestCompanionRegion is issue 17's region choice on the companion: preselected from the
// browser's zone without being stored, moving every plan around that region's public
// holidays when chosen, kept for the calculator, followed by another tab, and a plan
// beyond the years whose holidays are known says so.
func TestCompanionRegion(t *testing.T) {
	fuClear(t)
	r, _, err := rules.Load(os.DirFS(".."))
	if err != nil {
		t.Fatalf("loading the rules:\n%s", diag.Report(err))
	}
	site := fuServe(t, fuBuild(t))
	ctx := browsertest.New(t)
	one := fuPage{t, ctx}
	if _, err := chromedp.Call(ctx, emulation.SetTimezoneOverride, emulation.SetTimezoneOverrideParams{TimezoneID: "Europe/London"}); err != nil {
		t.Fatal(err)
	}
	one.open(site.url)
	one.waitFor("the region of Europe/London", `document.getElementById('fu-region').value === 'GB-ENG'`)
	if got := fuEval[string](one, `String(localStorage.getItem('followup-playbook:region'))`); got != "null" {
		t.Errorf("a preselected region was stored (%q) before the visitor chose one", got)
	}

	// A Friday interview before England's August bank holiday: its steps move off the
	// Monday in England, not in Scotland, where that Monday is a working day. Next year's,
	// so that no step is late (a late step moves what follows it to now).
	holiday := time.Date(time.Now().Year()+1, time.August, 31, 0, 0, 0, 0, time.UTC)
	for holiday.Weekday() != time.Monday {
		holiday = holiday.AddDate(0, 0, -1)
	}
	iv := fuInterview{company: "Northwind", role: "Data Analyst", date: holiday.AddDate(0, 0, -3).Format("2006-01-02"), start: "15:00", people: [][2]string{{"Ana Ruiz", ""}}}
	one.add(iv)
	want := func(region string) []string {
		var out []string
		for _, s := range fuPlan(t, r, rules.Input{Interview: iv.date + "T" + iv.start, Interviewers: []string{"Ana Ruiz"}, Company: iv.company, Role: iv.role, Region: region}).Steps {
			out = append(out, s.ID+" to "+s.To+" at "+s.Suggested)
		}
		sort.Strings(out)
		return out
	}
	shown := func(p fuPage) []string {
		var out []string
		for _, it := range p.items() {
			out = append(out, it.Step+" to "+it.To+" at "+it.Suggested)
		}
		sort.Strings(out)
		return out
	}
	if reflect.DeepEqual(want("GB-ENG"), want("GB-SCT")) {
		t.Fatal("the interview's plan is the same in England and Scotland: the test proves nothing")
	}
	if got := shown(one); !reflect.DeepEqual(got, want("GB-ENG")) {
		t.Errorf("with England's holidays preselected the list shows\n%q\nwant\n%q", got, want("GB-ENG"))
	}

	// Chosen by hand: every plan follows, and the choice is kept (the calculator reads the same key).
	one.do(chromedp.SetValue(chromedp.ID("fu-region"), "GB-SCT"))
	fuEval[bool](one, `document.getElementById('fu-region').dispatchEvent(new Event('change', { bubbles: true }))`)
	if got := shown(one); !reflect.DeepEqual(got, want("GB-SCT")) {
		t.Errorf("with Scotland's holidays the list shows\n%q\nwant\n%q", got, want("GB-SCT"))
	}
	if got := fuEval[string](one, `localStorage.getItem('followup-playbook:region')`); got != "GB-SCT" {
		t.Errorf("the chosen region was stored as %q, want GB-SCT", got)
	}

	// Another tab changes it back: this one follows.
	ctx2, cancel := chromedp.NewContext(ctx)
	defer cancel()
	two := fuPage{t, ctx2}
	two.open(site.url)
	two.waitFor("the stored region", `document.getElementById('fu-region').value === 'GB-SCT'`)
	two.do(chromedp.SetValue(chromedp.ID("fu-region"), "GB-ENG"))
	fuEval[bool](two, `document.getElementById('fu-region').dispatchEvent(new Event('change', { bubbles: true }))`)
	one.waitFor("the other tab's region", `document.getElementById('fu-region').value === 'GB-ENG'`)
	if got := shown(one); !reflect.DeepEqual(got, want("GB-ENG")) {
		t.Errorf("after the other tab chose England the list shows\n%q\nwant\n%q", got, want("GB-ENG"))
	}

	// Beyond the years of known holidays, the plan says so, naming the interview.
	if got := fuEval[string](one, `document.getElementById('fu-holidays').textContent`); got != "" {
		t.Errorf("a plan within the known years has a holidays note: %q", got)
	}
	one.add(fuInterview{company: "Contoso", role: "Designer", date: "2031-03-03", start: "10:00", people: [][2]string{{"Bo", ""}}})
	note := fuEval[string](one, `document.getElementById('fu-holidays').textContent`)
	if !strings.HasPrefix(note, "Contoso") || !strings.Contains(note, "not taken into account") || strings.Contains(note, "Northwind") {
		t.Errorf("the holidays note of a 2031 interview is %q", note)
	}
	one.axe("the region choice")
}

// firstDifference is the first line where got and want differ, both ways.
func firstDifference(got, want string) string {
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	for i := 0; i < len(g) || i < len(w); i++ {
		if i >= len(g) || i >= len(w) || g[i] != w[i] {
			line := func(l []string) string {
				if i < len(l) {
					return l[i]
				}
				return "(none)"
			}
			return fmt.Sprintf("line %d:\n got %s\nwant %s", i+1, line(g), line(w))
		}
	}
	return "none"
}

// TestCompanionFitsAPhone: three applications with two interviewers each, on a 390 x 844
// phone, fit in three screens from "What to do" to the last card (the list view: the page's
// introduction and "Keep a copy" are above and below it).
func TestCompanionFitsAPhone(t *testing.T) {
	fuClear(t)
	site := fuServe(t, fuBuild(t))
	ctx := browsertest.New(t)
	p := fuPage{t, ctx}
	p.do(chromedp.EmulateViewport(390, 844, chromedp.EmulateScale(3), chromedp.EmulateMobile, chromedp.EmulateTouch, chromedp.EmulatePortrait))
	p.open(site.url)
	for i, c := range []string{"Globex", "Initech", "Umbrella"} {
		p.add(fuInterview{company: c, role: "Data Analyst", date: fuDay(-i), start: "10:00", end: "11:00", decision: fuDay(7),
			people: [][2]string{{"Ana Ruiz", "ana@example.com"}, {"Tom Baker", ""}}})
	}
	p.do(chromedp.Reload())
	p.ready()
	list := fuEval[int](p, `Math.ceil(document.getElementById('fu-list-h').closest('section').getBoundingClientRect().bottom - document.getElementById('fu-todo-h').getBoundingClientRect().top)`)
	page := fuEval[int](p, `document.documentElement.scrollHeight`)
	t.Logf("three applications on a phone: the list view is %d px (%.1f screens), the whole page %d px", list, float64(list)/844, page)
	if list > 3*844 {
		t.Errorf("the list view of three applications is %d px tall, more than three phone screens (%d px)", list, 3*844)
	}
}

// TestCompanionApplicationRounds: a chaser of an application without a contact asks who it
// goes to, then opens its message addressed to them, and the row says so; "invited to
// another round" ends the first round's chasers and asks for the next round, whose
// interviewer's topic fills their thank-you.
func TestCompanionApplicationRounds(t *testing.T) {
	fuClear(t)
	site := fuServe(t, fuBuild(t))
	ctx := browsertest.New(t)
	p := fuPage{t, ctx}
	watch := watchPage(t, ctx)
	p.open(site.url)
	p.add(fuInterview{company: "Globex", role: "Analyst", date: fuDay(-8), start: "10:00", end: "11:00", decision: fuDay(-1), people: [][2]string{{"Ana Ruiz", ""}}})
	first := p.ids()[0]

	// The chaser, to no interviewer: its message asks for the contact first.
	chaser := itemSel(first, "chaser", "the hiring manager")
	p.do(chromedp.Click(chromedp.CSS(chaser + ` a[data-ask]`)))
	p.waitFor("the question of who it goes to", `document.getElementById('fu-dialog')?.open && !document.getElementById('fu-d-cn').closest('[data-for]').hidden`)
	p.do(chromedp.SendKeys(chromedp.ID("fu-d-cn"), "Dana Fox"), chromedp.SendKeys(chromedp.ID("fu-d-ce"), "dana@globex.example"), chromedp.Click(chromedp.ID("fu-d-recruiter")))
	p.do(chromedp.Click(chromedp.ID("fu-d-ok")))
	// The message's page: its form of fields (WaitVisible waits through the navigation).
	p.do(chromedp.WaitVisible(chromedp.ID("details")))
	if u := fuEval[string](p, `location.pathname + location.hash`); !strings.HasSuffix(fuEval[string](p, `location.pathname`), "/templates/chaser/") || !strings.Contains(u, "hiring_manager_name=Dana") || !strings.Contains(u, "to_email=dana%40globex.example") || !strings.Contains(u, "company=Globex") {
		t.Errorf("the chaser opened as %q, want it addressed to Dana at her address", u)
	}
	p.open(site.url)
	if got := fuEval[string](p, `document.querySelector('`+chaser+` h4').textContent`); got != "Chaser: checking in on the decision to Dana Fox, recruiter" {
		t.Errorf("the chaser's row says %q, want it to Dana Fox, recruiter", got)
	}
	if fuEval[bool](p, `!!document.querySelector('`+chaser+` a[data-ask]')`) {
		t.Error("with a contact, the chaser still asks who it goes to")
	}

	// Invited to another round: the first round's chasers end, and the form asks for the next.
	p.act(p.card(first), "outcome")
	p.waitFor("the dialog", `document.getElementById('fu-dialog')?.open`)
	p.do(chromedp.Click(chromedp.ID("fu-d-nextRound")))
	p.set("fu-d-when", fuDay(0))
	p.dialogOK()
	p.waitFor("the next round's form", `document.getElementById('fu-form')?.hidden === false && document.getElementById('fu-app-part').hidden && document.getElementById('fu-form-h').textContent.startsWith('Add a round')`)
	if p.count(chaser) != 0 {
		t.Error("the first round's chaser is still on the list after the invitation to another round")
	}
	p.set("fu-date", fuDay(2))
	p.set("fu-start", "14:00")
	p.do(chromedp.SendKeys(chromedp.ID("fu-p1"), "Li Wei"), chromedp.SendKeys(chromedp.ID("fu-t1"), "the data platform"))
	p.do(chromedp.Click(chromedp.CSS(`#fu-form button[type="submit"]`)))
	p.waitFor("the second round", `document.getElementById('fu-form').hidden && document.querySelectorAll('#fu-interviews .fu-rounds > li').length === 2`)
	if n := p.count(`#fu-interviews > li`); n != 1 {
		t.Errorf("%d cards, want the one application with its two rounds", n)
	}
	second := p.ids()[1]
	if got := fuEval[string](p, `document.querySelector('#fu-interviews .fu-stage').textContent`); !strings.HasPrefix(got, "Round 2 ") {
		t.Errorf("the card's stage is %q, want round 2", got)
	}
	href := fuEval[string](p, `document.querySelector('`+itemSel(second, "thank-you", "Li Wei")+` a').href`)
	if !strings.Contains(href, "topic=the%20data%20platform") || !strings.Contains(href, "company=Globex") || !strings.Contains(href, "interviewer_name=Li") {
		t.Errorf("the second round's thank-you opens %q, want it filled with Li and what they talked about", href)
	}
	if fuEval[string](p, `document.activeElement.closest('[data-app]')?.dataset.app || ''`) == "" {
		t.Error("after saving the round the keyboard is not on the application's card")
	}
	watch.check(t, ctx)
}
