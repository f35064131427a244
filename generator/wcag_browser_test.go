package generator_test

// WCAG 2.2 AA evidence beyond axe-core (issue 23): IBM's Equal Access checker with its
// WCAG 2.2 rule set on every kind of page and on the companion in its main states; the
// size of every target (2.5.8) and a focused element never hidden under another (2.4.11),
// measured in Chromium on a phone and on a desktop. The keyboard-only run and the screen
// reader's transcript of the companion are wcag_keyboard_browser_test.go's.

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/followup-playbook/playbook/generator/internal/browsertest"
)

// aceSource reads IBM's Equal Access engine (accessibility-checker-engine's ace.js, the
// checker itself, which runs in the page; its wrapper package would fetch a browser of
// its own), or skips t without it.
func aceSource(t *testing.T) []byte {
	t.Helper()
	src, err := os.ReadFile(filepath.Join(qaDir, "accessibility-checker-engine/ace.js"))
	if err != nil {
		requireTool(t, "accessibility-checker-engine", "run npm ci --prefix qa")
	}
	return src
}

// aceReviewed are the rules whose potential violations (the checker's "Confirm ..." and
// "Verify ...": questions for a person) were reviewed on this site, each with what the
// review found. A violation of any rule fails, as does a potential violation of a rule
// not listed here: a new kind of question is reviewed before it is added.
var aceReviewed = map[string]string{
	"style_focus_visible":         "the checker cannot read :focus-visible; focusWalk checks that each element the Tab key reaches shows site.css's outline",
	"element_tabbable_unobscured": "focusWalk measures it (WCAG 2.4.11) on a phone and a desktop",
	"element_tabbable_visible":    "the skip link, off the screen until it has the focus; focusWalk checks that each focused element has a box in the viewport",
	"form_submit_button_exists":   "the search box answers as one types and a template page's form fills the message as one types: neither sends anything, nor changes the page's context",
	"text_sensory_misuse":         "the words found say the right time, put it right, you left feeling, another round, the extra point, and the message, the timeline or the button below: what follows in the reading order, on every screen; none is a place on the screen alone",
	"style_color_misuse":          "links are underlined, errors and warnings are worded (and marked with a sign); no colour carries meaning alone",
	"text_block_heading":          "the timeline's bold day and time label one step of the list each; they head no section",
	"input_label_visible":         "the field has its visible <label for>; the placeholder is an example only",
}

// aceRun checks the page against the WCAG 2.2 rule set and lists its violations and
// potential violations, the two levels the checker's own wrapper fails on by default. Its
// recommendations are advice, not WCAG failures.
const aceRun = `new ace.Checker().check(document, ["WCAG_2_2"]).then(r => r.results
  .filter(x => x.value[0] === "VIOLATION" && (x.value[1] === "FAIL" || x.value[1] === "POTENTIAL"))
  .map(x => ({ Rule: x.ruleId, Potential: x.value[1] === "POTENTIAL", Text: x.message + " at " + x.path.dom })))`

type aceResult struct {
	Rule      string
	Potential bool
	Text      string
}

// aceCheck runs the Equal Access checker on the page ctx shows and reports what fails, as
// label's. Like axe-core, it is evaluated through the DevTools protocol, which the page's
// CSP does not govern.
func aceCheck(t *testing.T, ctx context.Context, src []byte, label string) {
	t.Helper()
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[any](string(src)+";0")); err != nil {
		t.Fatalf("%s: injecting the Equal Access checker: %v", label, err)
	}
	found, err := chromedp.Run(ctx, chromedp.Evaluate[[]aceResult](aceRun, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("%s: the Equal Access checker: %v", label, err)
	}
	for _, r := range found {
		switch {
		case !r.Potential:
			t.Errorf("%s: Equal Access: %s (violation): %s", label, r.Rule, r.Text)
		case aceReviewed[r.Rule] == "":
			t.Errorf("%s: Equal Access: %s (potential violation, not reviewed: see aceReviewed): %s", label, r.Rule, r.Text)
		}
	}
}

// wcagJS is what the checks below share in the page: which elements are targets, and how
// one is named in a failure.
const wcagJS = `
const TARGETS = 'a[href], button, input:not([type=hidden]), select, textarea, summary, [tabindex]:not([tabindex="-1"]), [role=button], [role=link], [role=checkbox], [role=tab]';
const describe = el => {
  const name = (el.getAttribute('aria-label') || el.textContent || el.value || el.id || '').trim().replace(/\s+/g, ' ').slice(0, 60);
  return el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + (el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\s+/).join('.') : '') + (name ? ' "' + name + '"' : '');
};
`

// targetSizes lists the targets smaller than 24 x 24 CSS px that none of WCAG 2.5.8's
// exceptions covers, from each target's computed box:
//   - inline: a link or button laid out inline, in a block whose text runs outside it (a
//     sentence), is sized by the line;
//   - spacing: a 24 px circle centred on an undersized target's box intersects no other
//     target and no other undersized target's circle;
//   - a checkbox or radio button's label is part of its target (a click on it operates the
//     control), so such a control is measured with its labels' boxes.
//
// The user agent control exception is not claimed: every control here is styled by the
// site. Targets not rendered (hidden, in a closed <details>) or visually hidden (a box of
// 1 px or less) are not targets.
const targetSizes = `(() => {` + wcagJS + `
  const boxOf = el => {
    const boxes = [el.getBoundingClientRect()];
    if (el.matches('input[type=checkbox], input[type=radio]')) for (const l of el.labels) boxes.push(l.getBoundingClientRect());
    const left = Math.min(...boxes.map(b => b.left)), top = Math.min(...boxes.map(b => b.top));
    return { left, top, right: Math.max(...boxes.map(b => b.right)), bottom: Math.max(...boxes.map(b => b.bottom)) };
  };
  const inSentence = el => {
    if (getComputedStyle(el).display !== 'inline') return false;
    let block = el.parentElement;
    while (block && getComputedStyle(block).display === 'inline') block = block.parentElement;
    const walk = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
    for (let n = walk.nextNode(); n; n = walk.nextNode()) {
      if (n.textContent.trim() && !n.parentElement.closest(TARGETS)) return true;
    }
    return false;
  };
  const targets = [...document.querySelectorAll(TARGETS)].filter(el => {
    if (el.disabled) return false;
    const r = el.getBoundingClientRect(), s = getComputedStyle(el);
    return r.width > 1 && r.height > 1 && s.visibility !== 'hidden';
  });
  const all = targets.map(el => ({ el, box: boxOf(el) }));
  for (const t of all) {
    t.small = (t.box.right - t.box.left) < 23.99 || (t.box.bottom - t.box.top) < 23.99;
    t.cx = (t.box.left + t.box.right) / 2; t.cy = (t.box.top + t.box.bottom) / 2;
  }
  const distToBox = (x, y, b) => Math.hypot(Math.max(b.left - x, 0, x - b.right), Math.max(b.top - y, 0, y - b.bottom));
  const out = [];
  for (const t of all) {
    if (!t.small || inSentence(t.el)) continue;
    const near = all.find(o => o !== t && !o.el.contains(t.el) && !t.el.contains(o.el) &&
      (distToBox(t.cx, t.cy, o.box) < 12 || (o.small && Math.hypot(o.cx - t.cx, o.cy - t.cy) < 24)));
    if (near) out.push(describe(t.el) + ' is ' + (t.box.right - t.box.left).toFixed(1) + ' x ' + (t.box.bottom - t.box.top).toFixed(1) +
      ' px, and its 24 px circle reaches ' + describe(near.el));
  }
  return out;
})()`

// targetCheck reports the page's targets that fail WCAG 2.5.8 (targetSizes).
func targetCheck(t *testing.T, ctx context.Context, label string) {
	t.Helper()
	found, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](targetSizes))
	if err != nil {
		t.Fatalf("%s: measuring the targets: %v", label, err)
	}
	for _, v := range found {
		t.Errorf("%s: target size (WCAG 2.5.8): %s", label, v)
	}
}

// focusedStop describes the focused element after a Tab: Body when the focus is on no
// element (it left the page, or was lost); Covered says what lies over it.
type focusedStop struct {
	Body    bool
	Name    string
	Covered string
	Seen    bool
	NoRing  bool
}

// focusStop marks the focused element as visited, checks that it shows a focus indicator
// (an outline of 2 px or more, or a shadow: WCAG 2.4.7), and that it is not hidden by
// another element (WCAG 2.4.11): at its centre and near its four corners (3 px in, past a
// rounded border), each point in the viewport must hit the element or what it contains.
// A link that wraps is measured on its first line. AA asks only that the element not be
// entirely hidden; this asks that no point be, which is what a sticky bar over half a
// field looks like, and stricter.
const focusStop = `(() => {` + wcagJS + `
  const el = document.activeElement;
  if (!el || el === document.body || el === document.documentElement) return { Body: true };
  const seen = el.dataset.wcagSeen === '1';
  el.dataset.wcagSeen = '1';
  const r = getComputedStyle(el).display === 'inline' && el.getClientRects().length ? el.getClientRects()[0] : el.getBoundingClientRect();
  const inset = Math.min(3, r.width / 4, r.height / 4);
  const points = [[(r.left + r.right) / 2, (r.top + r.bottom) / 2], [r.left + inset, r.top + inset], [r.right - inset, r.top + inset],
    [r.left + inset, r.bottom - inset], [r.right - inset, r.bottom - inset]];
  let covered = '', inView = 0;
  if (r.width === 0 || r.height === 0) covered = 'nothing: the focused element has no box';
  for (const [x, y] of points) {
    if (x < 0 || y < 0 || x >= innerWidth || y >= innerHeight) continue;
    inView++;
    const hit = document.elementFromPoint(x, y);
    if (hit && !el.contains(hit) && !hit.contains(el) && !covered) {
      let fixed = hit;
      while (fixed && !['fixed', 'sticky'].includes(getComputedStyle(fixed).position)) fixed = fixed.parentElement;
      covered = describe(hit) + (fixed ? ' (in ' + getComputedStyle(fixed).position + ' ' + describe(fixed) + ')' : '') + ' at ' + Math.round(x) + ',' + Math.round(y);
    }
  }
  if (!inView && !covered) covered = 'nothing: it is outside the viewport';
  const st = getComputedStyle(el);
  const ring = st.outlineStyle !== 'none' && parseFloat(st.outlineWidth) >= 2 || st.boxShadow !== 'none';
  return { Name: describe(el), Covered: covered, Seen: seen, NoRing: !ring };
})()`

// focusWalk tabs through the whole page from its start, as a keyboard user does, and
// reports each focused element without a visible focus or hidden under another
// (focusStop); it fails when the focus never moves. It returns how many elements took the focus.
func focusWalk(t *testing.T, ctx context.Context, label string) int {
	t.Helper()
	// Tab goes on from where the page was last focused or clicked: an element focused at
	// the start of the page, then removed, makes the next Tab go to the page's first.
	start := `(() => { window.scrollTo(0, 0); document.querySelectorAll('[data-wcag-seen]').forEach(e => delete e.dataset.wcagSeen);
		const s = document.createElement('span'); s.tabIndex = -1; document.body.prepend(s); s.focus(); s.remove(); })()`
	if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](start)); err != nil {
		t.Fatal(err)
	}
	stops := 0
	for range 400 {
		if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.Tab)); err != nil {
			t.Fatalf("%s: Tab: %v", label, err)
		}
		s, err := chromedp.Run(ctx, chromedp.Evaluate[focusedStop](focusStop))
		if err != nil {
			t.Fatalf("%s: %v", label, err)
		}
		if s.Body || s.Seen {
			break
		}
		stops++
		if stops == 1 {
			t.Logf("%s: first stop %s", label, s.Name)
		}
		if s.Covered != "" {
			t.Errorf("%s: focused, %s is hidden by %s (WCAG 2.4.11)", label, s.Name, s.Covered)
		}
		if s.NoRing {
			t.Errorf("%s: focused, %s shows no outline (WCAG 2.4.7)", label, s.Name)
		}
	}
	if stops == 0 {
		t.Errorf("%s: Tab focuses nothing", label)
	}
	return stops
}

// wcagViewports are the two screens every page is measured on.
var wcagViewports = []struct {
	name string
	w, h int64
	opts []chromedp.EmulateViewportOption
}{
	{"phone", 390, 844, []chromedp.EmulateViewportOption{chromedp.EmulateScale(3), chromedp.EmulateMobile, chromedp.EmulateTouch, chromedp.EmulatePortrait}},
	{"desktop", 1280, 900, nil},
}

// wcagPages are one page of each kind the site has, by its address under the site.
var wcagPages = []struct{ kind, path string }{
	{"home", ""},
	{"guidance", "chaser/"},
	{"section list", "templates/"},
	{"template", "templates/thank-you/"},
	{"calculator", "calculator/"},
	{"companion", "follow-ups/"},
	{"404", "404.html"},
	{"offline", "offline.html"},
}

// TestWCAG22 runs, on every kind of page and on the companion empty, with a full list, with
// a dialog open and with an error shown: the Equal Access checker (WCAG 2.2 rules), the
// target sizes, and a Tab through the page with each focused element in view. The site is
// what a host serves: minified, under a sub-path, with its Content-Security-Policy.
func TestWCAG22(t *testing.T) {
	browsertest.Require(t)
	ace := aceSource(t)
	site := fuServe(t, fuBuild(t))
	ctx := browsertest.New(t)
	p := fuPage{t, ctx}
	for _, vp := range wcagViewports {
		p.do(chromedp.EmulateViewport(vp.w, vp.h, vp.opts...))
		for _, pg := range wcagPages {
			label := vp.name + " " + pg.kind
			p.do(chromedp.Navigate(site.url + pg.path))
			if pg.kind == "companion" {
				p.ready()
			}
			if vp.name == "desktop" {
				aceCheck(t, ctx, ace, label)
			}
			targetCheck(t, ctx, label)
			n := focusWalk(t, ctx, label)
			t.Logf("%s: %d focus stops", label, n)
		}
	}

	// The companion's states, on a phone, where its list is longest.
	vp := wcagViewports[0]
	p.do(chromedp.EmulateViewport(vp.w, vp.h, vp.opts...))
	state := func(label string) {
		t.Helper()
		aceCheck(t, ctx, ace, "companion "+label)
		targetCheck(t, ctx, "companion "+label)
		focusWalk(t, ctx, "companion "+label)
	}
	p.open(site.url)
	state("empty")
	for _, iv := range []fuInterview{
		{company: "Northwind", role: "Data Analyst", date: fuDay(-3), start: "15:00", end: "16:00", decision: fuDay(4),
			people: [][2]string{{"Ana Ruiz", "ana@example.com"}, {"Tom Baker", ""}}},
		{company: "Contoso", role: "Product Designer", date: fuDay(-1), start: "10:00", people: [][2]string{{"Dr. Priya Shah", "priya@example.org"}}},
		{company: "Fabrikam", role: "Support Lead", date: fuDay(-9), start: "09:30", decision: fuDay(-2)},
	} {
		p.add(iv)
	}
	state("with a full list")

	p.act(`#fu-agenda li`, "sent-at")
	p.waitFor("the dialog", `document.getElementById('fu-dialog')?.open`)
	state("with a dialog open")
	p.do(chromedp.Click(chromedp.ID("fu-d-cancel")))
	p.waitFor("the dialog to close", `!document.getElementById('fu-dialog').open`)

	p.do(chromedp.Click(chromedp.ID("fu-add")), chromedp.WaitVisible(chromedp.ID("fu-form")))
	p.do(chromedp.Click(chromedp.CSS(`#fu-form button[type="submit"]`)))
	p.waitFor("the form's errors", `document.querySelector('#fu-form [aria-invalid=true]') && !document.getElementById('fu-date-e').hidden`)
	state("with an error shown")
}

// TestTargetSizeRules runs targetSizes on a page made of its cases: WCAG 2.5.8's inline
// and spacing exceptions, a checkbox measured with its label, and the targets that fail.
func TestTargetSizeRules(t *testing.T) {
	ctx := browsertest.New(t)
	const small = `width:16px;height:16px;padding:0;border:0;margin:0;vertical-align:top`
	const cases = `<style>body { margin: 0; font: 16px/1.2 sans-serif } div { position: absolute; left: 0 }</style>
<p style="margin:0">Read <a id="inline" href="#">the note</a> first.</p>
<div style="top:100px"><button id="alone" style="` + small + `"></button></div>
<div style="top:200px"><button id="pair1" style="` + small + `"></button><button id="pair2" style="` + small + `;margin-left:4px"></button></div>
<div style="top:300px"><button id="bybig" style="` + small + `"></button><button id="big" style="width:40px;height:40px;margin-left:2px"></button></div>
<div style="top:400px"><input type="checkbox" id="cb" style="width:13px;height:13px;margin:0"><label for="cb" style="display:inline-block;height:30px">Remember me</label></div>
<p style="position:absolute;top:500px;margin:0"><a id="lone1" href="#" style="font-size:10px;line-height:1">x</a> <a id="lone2" href="#" style="font-size:10px;line-height:1">y</a></p>`
	if err := chromedp.Do(ctx, chromedp.Navigate("about:blank"), chromedp.Evaluate[chromedp.Void](`document.body.innerHTML = `+strconv.Quote(cases))); err != nil {
		t.Fatal(err)
	}
	found, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](targetSizes))
	if err != nil {
		t.Fatal(err)
	}
	var failed []string
	for _, f := range found {
		failed = append(failed, regexp.MustCompile(`#(\w+)`).FindStringSubmatch(f)[1])
	}
	// In a sentence, alone, big or with a big label: no failure. Too near another target,
	// or two links with no sentence around them: each fails.
	if want := []string{"pair1", "pair2", "bybig", "lone1", "lone2"}; !slices.Equal(failed, want) {
		t.Errorf("targetSizes fails %q, want %q:\n%s", failed, want, strings.Join(found, "\n"))
	}
}
