package generator_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"github.com/followup-playbook/playbook/generator/internal/browsertest"
)

// TestLayoutOnPhoneAndDesktop checks what a visitor sees first, in Chromium on the default
// site: on a 390 x 844 phone the home page's "Plan my follow-ups" button is on the first
// screen and no navigation item is cut off or runs past the screen's edge on any page; the
// current page is marked in the navigation; each guidance page ends with a link to the next;
// and on a desktop a template page keeps the filled message beside the form, in view while
// the visitor types at the foot of the form.
func TestLayoutOnPhoneAndDesktop(t *testing.T) {
	browsertest.Require(t)
	base := serveSite(t, buildSite(t))
	ctx := browsertest.New(t)
	watch := watchPage(t, ctx)

	t.Run("phone", func(t *testing.T) {
		run(t, ctx, chromedp.EmulateViewport(390, 844, chromedp.EmulateScale(3), chromedp.EmulateMobile, chromedp.EmulateTouch, chromedp.EmulatePortrait))
		defer run(t, ctx, chromedp.ResetViewport())

		run(t, ctx, chromedp.Navigate(base), chromedp.WaitReady(chromedp.CSS("body")))
		box := eval[map[string]float64](t, ctx, `(() => {
			const a = [...document.querySelectorAll('main a.button')].find(a => a.textContent.trim() === 'Plan my follow-ups');
			if (!a) return {found: 0};
			const r = a.getBoundingClientRect();
			return {found: 1, top: r.top, bottom: r.bottom, left: r.left, right: r.right, vw: innerWidth, vh: innerHeight,
				follow: a.pathname.endsWith('/follow-ups/') ? 1 : 0};
		})()`)
		if box["found"] != 1 {
			t.Fatal(`the home page has no "Plan my follow-ups" button`)
		}
		if box["top"] < 0 || box["left"] < 0 || box["bottom"] > box["vh"] || box["right"] > box["vw"] {
			t.Errorf("the button is at %v, outside the first %vx%v screen", box, box["vw"], box["vh"])
		}
		if box["follow"] != 1 {
			t.Error("the button does not lead to the follow-up companion")
		}

		for _, p := range []string{"", "before-you-leave/", "chaser/", "templates/linkedin-note/", "calculator/", "follow-ups/"} {
			run(t, ctx, chromedp.Navigate(base+p), chromedp.WaitReady(chromedp.CSS("body")))
			cut := eval[[]string](t, ctx, `[...document.querySelectorAll('header nav a')].filter(a => {
				const r = a.getBoundingClientRect();
				return a.scrollWidth > a.clientWidth || r.left < 0 || r.right > document.documentElement.clientWidth;
			}).map(a => a.textContent)`)
			if len(cut) > 0 {
				t.Errorf("/%s at 390px: navigation items cut off or past the edge: %q", p, cut)
			}
			if w := eval[int](t, ctx, `document.documentElement.scrollWidth`); w > 390 {
				t.Errorf("/%s is %dpx wide on a 390px screen", p, w)
			}
		}
	})

	t.Run("where you are and the next step", func(t *testing.T) {
		for _, c := range []struct{ page, current, next string }{
			{"before-you-leave/", "Before you leave the interview", "The thank-you note"},
			{"waiting/", "Waiting well", "The chaser"},
			{"changing-your-mind/", "Changing your mind", "Sources"},
			{"sources/", "Sources", ""},
		} {
			run(t, ctx, chromedp.Navigate(base+c.page), chromedp.WaitReady(chromedp.CSS("body")))
			got := eval[map[string]string](t, ctx, `(() => {
				const cur = document.querySelector('header nav a[aria-current="page"]');
				const next = document.querySelector('main .next-step a');
				const plain = document.querySelector('header nav a:not([aria-current])');
				return {current: cur ? cur.textContent : '', next: next ? next.textContent : '',
					marked: cur && getComputedStyle(cur).backgroundColor !== getComputedStyle(plain).backgroundColor ? 'yes' : 'no'};
			})()`)
			if got["current"] != c.current || got["marked"] != "yes" {
				t.Errorf("/%s: the navigation marks %q (styled apart: %s), want %q", c.page, got["current"], got["marked"], c.current)
			}
			if got["next"] != c.next {
				t.Errorf("/%s: the next step is %q, want %q", c.page, got["next"], c.next)
			}
		}
	})

	t.Run("desktop template page", func(t *testing.T) {
		run(t, ctx, chromedp.EmulateViewport(1280, 900))
		defer run(t, ctx, chromedp.ResetViewport())
		open(t, ctx, base+"templates/thank-you/")
		// The last field in view, as when the visitor has typed down to it.
		run(t, ctx, chromedp.Evaluate[chromedp.Void](`[...document.querySelectorAll('[data-fill-form] .field')].at(-1).scrollIntoView({block: 'end'})`))
		got := eval[map[string]float64](t, ctx, `(() => {
			const f = document.querySelector('[data-fill-form]').getBoundingClientRect();
			const m = document.querySelector('.message-text').getBoundingClientRect();
			return {formRight: f.right, msgLeft: m.left, msgTop: m.top, msgBottom: m.bottom, vh: innerHeight,
				jump: document.querySelector('[data-jump]').offsetParent === null ? 0 : 1};
		})()`)
		if got["msgLeft"] < got["formRight"] {
			t.Errorf("the message (left %v) is not beside the form (right %v)", got["msgLeft"], got["formRight"])
		}
		if got["msgTop"] < 0 || got["msgTop"] > got["vh"] {
			t.Errorf("with the form's last field in view the message's top is at %v, off a %v-high screen", got["msgTop"], got["vh"])
		}
		if got["jump"] != 0 {
			t.Error("the phone's jump buttons show on a desktop, where form and message are side by side")
		}
	})

	t.Run("phone template page jumps between form and message", func(t *testing.T) {
		run(t, ctx, chromedp.EmulateViewport(390, 844, chromedp.EmulateMobile))
		defer run(t, ctx, chromedp.ResetViewport())
		open(t, ctx, base+"templates/thank-you/")
		for _, c := range []struct{ button, target string }{{"text", "text"}, {"details", "details"}} {
			run(t, ctx, chromedp.Click(chromedp.CSS(fmt.Sprintf(`[data-jump=%q]`, c.button))))
			top := eval[float64](t, ctx, fmt.Sprintf(`document.getElementById(%q).getBoundingClientRect().top`, c.target))
			focused := eval[string](t, ctx, `document.activeElement.id`)
			if top < -1 || top > 844/2 || focused != c.target {
				t.Errorf("after the %q button the #%s heading is at %vpx with #%s focused; want it at the top, focused", c.button, c.target, top, focused)
			}
		}
	})

	t.Run("phone details of a template page", func(t *testing.T) {
		// The calculator's Premium choice arrives as premium=1: the note is counted to 300.
		open(t, ctx, base+"templates/linkedin-note/#interviewer_name=Priya&premium=1")
		got := eval[map[string]string](t, ctx, `({limit: document.querySelector('[data-fill-limit]').textContent,
			count: document.querySelector('[data-fill-count]').textContent,
			live: document.querySelector('[data-fill-count]').getAttribute('aria-live') || ''})`)
		if got["limit"] != "300" || !strings.Contains(got["count"], " of 300 characters") {
			t.Errorf("with premium=1 the page says at most %s characters and counts %q; want the Premium 300", got["limit"], got["count"])
		}
		if got["live"] != "" {
			t.Errorf("the count is a live region (aria-live=%q): a screen reader would hear every keystroke", got["live"])
		}
		// Writing the fragment back keeps premium=1, so a bookmark keeps the limit.
		run(t, ctx, chromedp.SendKeys(chromedp.CSS("#f-interviewer_name"), "a"),
			chromedp.Poll[chromedp.Void](`location.hash.includes("premium=1") && location.hash.includes("Priyaa")`, chromedp.WithPollingTimeout(5*time.Second)))

		// No clipboard: the text is selected and the visitor told, as a warning, to copy it.
		run(t, ctx, chromedp.Evaluate[chromedp.Void](`navigator.clipboard.writeText = () => Promise.reject(new Error('denied'))`),
			chromedp.Click(chromedp.CSS(`[data-action="copy"]`)),
			chromedp.Poll[chromedp.Void](`document.querySelector('[data-fill-status]').textContent !== ''`, chromedp.WithPollingTimeout(5*time.Second)))
		st := eval[map[string]string](t, ctx, `({text: document.querySelector('[data-fill-status]').textContent,
			warn: document.querySelector('[data-fill-status]').classList.contains('warn') ? 'yes' : 'no',
			selected: String(getSelection())})`)
		if !strings.HasPrefix(st["text"], "Copy failed: the message is selected, so use your phone's Copy") || st["warn"] != "yes" {
			t.Errorf("after a failed copy the status says %q (a warning: %s)", st["text"], st["warn"])
		}
		if st["selected"] == "" {
			t.Error("after a failed copy nothing is selected")
		}
	})

	t.Run("print", func(t *testing.T) {
		// What paper shows: visible elements, and the address a link in the text prints after itself.
		const printed = `(() => {
			const shown = el => !!el && getComputedStyle(el).display !== 'none' && !el.closest('[hidden]') && [...(function* up(e) { for (; e; e = e.parentElement) yield e; })(el)].every(e => getComputedStyle(e).display !== 'none');
			const ext = document.querySelector('.prose a[href]:not([href^="#"]):not(.anchor)');
			return {nav: shown(document.querySelector('header nav')) ? 'shown' : '',
				buttons: [...document.querySelectorAll('button, a.button')].filter(shown).map(b => b.textContent.trim()).join(' | '),
				cal: [...document.querySelectorAll('.plan .cal, #c-all')].filter(shown).length,
				after: ext ? getComputedStyle(ext, '::after').content : 'none',
				href: ext ? ext.getAttribute('href') : '',
				plan: shown(document.getElementById('c-steps')) || shown(document.querySelector('.message-text')) ? 'shown' : ''};
		})()`
		media := func(m string) {
			if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: m}); err != nil {
				t.Fatal(err)
			}
		}
		defer media("")
		for _, c := range []struct {
			page     string
			prepare  []chromedp.Action[chromedp.Void]
			wantText bool // the plan or the message is printed
		}{
			{page: "sources/"},
			{page: "templates/thank-you/#interviewer_name=Priya", prepare: []chromedp.Action[chromedp.Void]{chromedp.WaitVisible(chromedp.CSS("[data-fill-form]"))}, wantText: true},
			{page: "calculator/", prepare: []chromedp.Action[chromedp.Void]{chromedp.WaitVisible(chromedp.ID("calc")),
				chromedp.SetJavascriptAttribute(chromedp.ID("c-date"), "value", "2026-03-10"), chromedp.SetJavascriptAttribute(chromedp.ID("c-time"), "value", "14:00"),
				chromedp.SendKeys(chromedp.ID("c-n1"), "Priya"), chromedp.Click(chromedp.CSS(`#calc button[type="submit"]`)), chromedp.WaitVisible(chromedp.ID("c-out"))}, wantText: true},
		} {
			media("")
			run(t, ctx, append([]chromedp.Action[chromedp.Void]{chromedp.Navigate("about:blank"), chromedp.Navigate(base + c.page), chromedp.WaitReady(chromedp.CSS("body"))}, c.prepare...)...)
			media("print")
			got := eval[map[string]any](t, ctx, printed)
			if got["nav"] != "" || got["buttons"] != "" || got["cal"] != float64(0) {
				t.Errorf("/%s printed shows the navigation (%v), buttons %q or %v calendar links", c.page, got["nav"], got["buttons"], got["cal"])
			}
			// Chromium gives the content as written, attr(href) unresolved, or resolved.
			after, href := fmt.Sprint(got["after"]), fmt.Sprint(got["href"])
			if c.page == "sources/" && (href == "" || !strings.Contains(after, "attr(href)") && !strings.Contains(after, href)) {
				t.Errorf("/%s printed: a link is followed by %v, want its address %v", c.page, got["after"], got["href"])
			}
			if c.wantText && got["plan"] != "shown" {
				t.Errorf("/%s printed leaves out the plan or the message", c.page)
			}
		}
	})
	watch.check(t, ctx)
}
