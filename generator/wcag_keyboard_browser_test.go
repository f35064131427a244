package generator_test

// The companion used with a keyboard alone, and heard through a screen reader (issue 23):
// one flow, adding an interview and marking its first step sent, written once
// (keyboardFlow) and run twice: with real key events and nothing else, checking where the
// focus goes, and again with a virtual screen reader listening, whose transcript is
// compared with testdata/wcag/companion-transcript.txt.

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/accessibility"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"github.com/evanw/esbuild/pkg/api"

	"github.com/followup-playbook/playbook/generator/internal/browsertest"
)

// kbStep is one step of a keyboard user's flow: Tab to the control of that role and
// accessible name, as Chromium's accessibility tree gives them, then type text or press a
// key; after a key, wait until the page shows it took it, and check that the focus is
// then on the control named by focus.
type kbStep struct {
	role, name string
	typed      string // typed a character at a time
	press      string // a key: kbEnter or kbSpace
	done       string // after press: a JavaScript condition that holds once the page has acted and said so
	focus      string // after press: "role: name" of the focused element
}

// keyboardFlow is the flow, in today's companion: add an application with its interview
// (the form, Save), then open its first step's More and mark it sent. Only roles and names locate controls, so a redesign
// of the page changes this list alone. Roles and names are Chromium's: a date field is a
// "Date", a time field an "InputTime", and a visually hidden part of a name is set apart
// with a space ("Mark as sent : ..."). The page's clock is kbNow (a Tuesday), the
// interview the day before.
func keyboardFlow() []kbStep {
	more := "More : Thank-you note to Ana Ruiz, Northwind, Data Analyst"
	return []kbStep{
		{role: "button", name: "Add your first application", press: kbEnter,
			done: `document.getElementById('fu-form')?.hidden === false`, focus: "heading: Add an application"},
		{role: "textbox", name: "Company", typed: "Northwind"},
		{role: "textbox", name: "Role", typed: "Data Analyst"},
		// Chromium's date and time fields take digits in the order of their locale, en-US.
		{role: "Date", name: "Date of the interview", typed: "03092026"},
		{role: "InputTime", name: "Start time", typed: "0300P"},
		{role: "textbox", name: "Interviewer 1: name", typed: "Ana Ruiz"},
		{role: "button", name: "Save", press: kbEnter,
			done:  `document.querySelectorAll('#fu-interviews > li').length === 1 && document.getElementById('fu-status').textContent.startsWith('Added Northwind')`,
			focus: "heading: What to do"},
		// The row's other actions are behind its More.
		{role: "DisclosureTriangle", name: more, press: kbEnter,
			done:  `document.querySelector('#fu-agenda li[data-step="thank-you"] details.fu-more')?.open`,
			focus: "DisclosureTriangle: " + more},
		{role: "button", name: "Mark as sent : Thank-you note to Ana Ruiz, Northwind, Data Analyst", press: kbSpace,
			done: `document.querySelector('#fu-agenda section.done li[data-step="thank-you"]') && document.getElementById('fu-status').textContent.startsWith('Marked as sent')`,
			// Its row goes to Done, folded: the keyboard stays on the application's card.
			focus: "heading: Northwind, Data Analyst"},
	}
}

// The keys that act on a control, named as the flow's record of its stops says them.
const (
	kbEnter = "Enter"
	kbSpace = "Space"
)

// kbKeys are their key events.
var kbKeys = map[string]string{kbEnter: kb.Enter, kbSpace: " "}

// kbNow is the page's time in the keyboard tests, in kbZone: a fixed clock makes the
// transcript, which says dates, the same every day.
const (
	kbNow  = "2026-03-10T10:00:00"
	kbZone = "Europe/London"
)

// kbMaxTabs bounds the Tab presses from one control to the next: more means the control
// is out of reach or the focus order wanders.
const kbMaxTabs = 40

// kbFocus is the focused element as a keyboard user meets it: its role and accessible name
// in Chromium's accessibility tree, and where it is on the page.
type kbFocus struct {
	Body       bool
	Role, Name string
	Top, Left  float64
}

func (f kbFocus) String() string { return f.Role + ": " + f.Name }

// focused reads the focused element's role and name from Chromium's accessibility tree.
func focused(t *testing.T, ctx context.Context) kbFocus {
	t.Helper()
	f, err := chromedp.Run(ctx, chromedp.Evaluate[kbFocus](`(() => { const e = document.activeElement;
		if (!e || e === document.body || e === document.documentElement) return { Body: true };
		const r = e.getBoundingClientRect(); return { Top: r.top + scrollY, Left: r.left + scrollX }; })()`))
	if err != nil {
		t.Fatal(err)
	}
	if f.Body {
		return f
	}
	el, err := chromedp.Call(ctx, runtime.Evaluate, runtime.EvaluateParams{Expression: "document.activeElement"})
	if err != nil {
		t.Fatal(err)
	}
	fetch := false
	ax, err := chromedp.Call(ctx, accessibility.GetPartialAXTree, accessibility.GetPartialAXTreeParams{ObjectID: el.Result.ObjectID, FetchRelatives: &fetch})
	if err != nil || len(ax.Nodes) == 0 {
		t.Fatalf("the focused element's accessibility node: %v", err)
	}
	n := ax.Nodes[0]
	if n.Role != nil {
		f.Role = strings.Trim(string(n.Role.Value), `"`)
	}
	if n.Name != nil {
		f.Name = strings.Trim(string(n.Name.Value), `"`)
	}
	return f
}

// runKeyboardFlow runs the steps with key events alone (no click, no script touching the
// page), and returns every element the focus reached, in order. It fails when a control
// is not reached within kbMaxTabs, when the focus goes up the page while tabbing (a
// focus order that does not follow the reading order), and when an action leaves the
// focus on no element or elsewhere than the step says.
func runKeyboardFlow(t *testing.T, ctx context.Context, steps []kbStep) []string {
	t.Helper()
	p := fuPage{t, ctx}
	var stops []string
	for _, s := range steps {
		want := s.role + ": " + s.name
		prev := focused(t, ctx)
		reached := false
		for range kbMaxTabs {
			p.do(chromedp.KeyEvent(kb.Tab))
			f := focused(t, ctx)
			if f.Body {
				t.Fatalf("tabbing towards %q, the focus left the page after %q", want, stops)
			}
			stops = append(stops, f.String())
			if !prev.Body && f.Top < prev.Top-1 {
				t.Errorf("Tab went up the page, from %s (at %.0f px) to %s (at %.0f px)", prev, prev.Top, f, f.Top)
			}
			prev = f
			if f.String() == want {
				reached = true
				break
			}
		}
		if !reached {
			t.Fatalf("%q not reached in %d presses of Tab; the focus went through %q", want, kbMaxTabs, stops)
		}
		if s.typed != "" {
			p.do(chromedp.KeyEvent(s.typed))
		}
		if s.press == "" {
			continue
		}
		p.do(chromedp.KeyEvent(kbKeys[s.press]))
		p.waitFor("the page to act on "+want, s.done)
		f := focused(t, ctx)
		switch {
		case f.Body:
			t.Errorf("after %s, the focus fell to the page's start (<body>)", want)
		case f.String() != s.focus:
			t.Errorf("after %s, the focus is on %s, want %s", want, f, s.focus)
		}
		stops = append(stops, "after "+s.press+": "+f.String())
	}
	return stops
}

// keyboardPage opens the companion with the page's clock at kbNow in kbZone, in a new
// browser.
func keyboardPage(t *testing.T) fuPage {
	t.Helper()
	browsertest.Require(t)
	site := fuServe(t, fuBuild(t))
	ctx := browsertest.New(t)
	p := fuPage{t, ctx}
	if _, err := chromedp.Call(ctx, emulation.SetTimezoneOverride, emulation.SetTimezoneOverrideParams{TimezoneID: kbZone}); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Call(ctx, emulation.SetLocaleOverride, emulation.SetLocaleOverrideParams{Locale: "en-US"}); err != nil {
		t.Fatal(err)
	}
	fixed := fmt.Sprintf(`(() => { const D = Date, off = new D(%q).getTime() - D.now();
	class Fixed extends D { constructor(...a) { if (a.length) super(...a); else super(D.now() + off); } static now() { return D.now() + off; } }
	window.Date = Fixed; })();`, kbNow)
	if _, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: fixed}); err != nil {
		t.Fatal(err)
	}
	p.open(site.url)
	return p
}

// TestCompanionKeyboardOnly adds an interview and marks its first step sent with the
// keyboard alone: every control reached by Tab, in the page's reading order, and after
// each action the focus where the visitor can go on; then Shift+Tab retraces Tab's steps.
func TestCompanionKeyboardOnly(t *testing.T) {
	p := keyboardPage(t)
	stops := runKeyboardFlow(t, p.ctx, keyboardFlow())
	if got := fuEval[string](p, `document.querySelector('#fu-interviews > li h3').textContent`); got != "Northwind, Data Analyst" {
		t.Errorf("the interview added by keyboard is %q, want Northwind, Data Analyst", got)
	}
	if got := fuEval[string](p, `document.querySelector('#fu-interviews .fu-rounds > li p').textContent`); !strings.HasPrefix(got, "The interview, Monday 9 March 2026, 15:00") || !strings.Contains(got, "Ana Ruiz") {
		t.Errorf("the interview's round says %q, want the date and time typed (Monday 9 March 2026, 15:00) and Ana Ruiz", got)
	}
	t.Logf("%d focus stops: %s", len(stops), strings.Join(stops, " | "))

	// Shift+Tab goes back through the same stops, and Tab forward again to where it began.
	p.do(chromedp.KeyEvent(kb.Tab))
	from := focused(t, p.ctx).String()
	back := []string{from}
	for range 8 {
		p.do(chromedp.KeyEvent(kb.Tab, chromedp.KeyModifiers(chromedp.ModifierShift)))
		back = append(back, focused(t, p.ctx).String())
	}
	forth := []string{back[len(back)-1]}
	for range 8 {
		p.do(chromedp.KeyEvent(kb.Tab))
		forth = append(forth, focused(t, p.ctx).String())
	}
	slices.Reverse(forth)
	if !slices.Equal(back, forth) {
		t.Errorf("from %s, Shift+Tab went through\n%q\nand Tab came back through\n%q (reversed)", from, back, forth)
	}
}

// vsrBundle bundles @guidepup/virtual-screen-reader's browser build (qa/node_modules) with
// esbuild, as the site's own modules are, into one classic script that leaves the screen
// reader in the page's global vsr; it skips t without the package.
func vsrBundle(t *testing.T) string {
	t.Helper()
	entry, err := filepath.Abs(filepath.Join(qaDir, "@guidepup/virtual-screen-reader/lib/esm/index.browser.js"))
	if err == nil {
		_, err = os.Stat(entry)
	}
	if err != nil {
		requireTool(t, "@guidepup/virtual-screen-reader", "run npm ci --prefix qa")
	}
	r := api.Build(api.BuildOptions{EntryPoints: []string{entry}, Bundle: true, Format: api.FormatIIFE, GlobalName: "vsr", Write: false, LogLevel: api.LogLevelSilent})
	if len(r.Errors) > 0 || len(r.OutputFiles) != 1 {
		t.Fatalf("bundling the virtual screen reader: %v", r.Errors)
	}
	return string(r.OutputFiles[0].Contents)
}

// transcriptFile is what a screen reader user hears in keyboardFlow, reviewed as output.
// Two of its lines are the virtual screen reader's, not the page's: it speaks a button's
// value attribute (", sent", ", remove"), which Chromium's accessibility tree does not
// expose, and it gives date and time fields no role, where a screen reader says "date".
const transcriptFile = "testdata/wcag/companion-transcript.txt"

// TestCompanionScreenReaderTranscript runs keyboardFlow with a virtual screen reader
// (@guidepup/virtual-screen-reader, in the page: it follows the focus and speaks the live
// regions, as NVDA or VoiceOver would with the same tree) and compares what it said with
// transcriptFile; go test -run TestCompanionScreenReaderTranscript -update rewrites it.
func TestCompanionScreenReaderTranscript(t *testing.T) {
	browsertest.Require(t)
	bundle := vsrBundle(t)
	p := keyboardPage(t)
	if _, err := chromedp.Run(p.ctx, chromedp.Evaluate[any](bundle+";vsr.virtual.start({ container: document.body })", chromedp.EvalAwaitPromise)); err != nil {
		t.Fatalf("starting the virtual screen reader: %v", err)
	}
	runKeyboardFlow(t, p.ctx, keyboardFlow())
	// Live regions are spoken as the page changes them: the last announcement, made a
	// moment after the action, is awaited before the transcript is read.
	p.waitFor("the screen reader to speak the status", `vsr.virtual.spokenPhraseLog().then(l => l.some(s => s.includes(document.getElementById('fu-status').textContent)))`)
	said := fuEval[[]string](p, `vsr.virtual.spokenPhraseLog()`)
	got := []byte(strings.Join(said, "\n") + "\n")
	if *update {
		if err := os.MkdirAll(filepath.Dir(transcriptFile), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(transcriptFile, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(transcriptFile)
	if err != nil {
		t.Fatalf("%v (go test -run %s -update writes it)", err, t.Name())
	}
	if !bytes.Equal(got, want) {
		t.Errorf("a screen reader now says, in the companion's keyboard flow (diff it with %s; -update rewrites it once reviewed):\n%s", transcriptFile, got)
	}
}
