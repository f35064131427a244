package generator_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	playbook "github.com/followup-playbook/playbook"
	"github.com/followup-playbook/playbook/generator"
	"github.com/followup-playbook/playbook/generator/diag"
	"github.com/followup-playbook/playbook/generator/internal/browsertest"
	"github.com/followup-playbook/playbook/generator/load/messages"
	"github.com/followup-playbook/playbook/generator/load/rules"
	"github.com/followup-playbook/playbook/generator/load/sitefs"
	"github.com/followup-playbook/playbook/generator/output"
)

// The template pages are tested on the default site (the repository root) built under a
// sub-path, so every link fill.js depends on must honour the base path.
const (
	siteRoot = ".."
	basePath = "/careers/playbook/"
	// storageKey is fill.js's STORAGE_KEY.
	storageKey    = "followup-playbook:yours"
	oldStorageKey = "followup-playbook:fields"
)

// TestFillCasesAgreeWithGo runs Go's messages.Parse and Fill over the cases template.test.mjs
// runs template.js's parse and fill over (the browser's one filler, for the template pages
// and the plan's notes), so the two cannot drift apart.
func TestFillCasesAgreeWithGo(t *testing.T) {
	b, err := os.ReadFile(path.Join(siteRoot, "static/js/testdata/fill-cases.json"))
	if err != nil {
		t.Fatal(err)
	}
	var file struct {
		Cases []struct {
			Name     string              `json:"name"`
			Template string              `json:"template"`
			Values   map[string]string   `json:"values"`
			Parts    []map[string]string `json:"parts"`
			Filled   string              `json:"filled"`
			Error    bool                `json:"error"`
		} `json:"cases"`
	}
	if err := json.Unmarshal(b, &file); err != nil {
		t.Fatal(err)
	}
	if len(file.Cases) < 20 {
		t.Fatalf("only %d cases in fill-cases.json", len(file.Cases))
	}
	for _, c := range file.Cases {
		t.Run(c.Name, func(t *testing.T) {
			tmpl, err := messages.Parse(c.Template)
			if c.Error {
				if err == nil {
					t.Fatalf("Parse(%q) succeeded; the case says it is an error", c.Template)
				}
				return
			}
			if err != nil {
				t.Fatalf("Parse(%q): %v", c.Template, err)
			}
			got := []map[string]string{}
			for _, p := range tmpl.Parts() {
				if p.Name != "" {
					got = append(got, map[string]string{"name": p.Name})
				} else {
					got = append(got, map[string]string{"text": p.Text})
				}
			}
			if c.Parts == nil {
				c.Parts = []map[string]string{}
			}
			if !slices.EqualFunc(got, c.Parts, func(a, b map[string]string) bool { return fmt.Sprint(a) == fmt.Sprint(b) }) {
				t.Errorf("parts of %q:\n got %v\nwant %v", c.Template, got, c.Parts)
			}
			if filled := tmpl.Fill(c.Values); filled != c.Filled {
				t.Errorf("Fill(%q) = %q, want %q", c.Template, filled, c.Filled)
			}
		})
	}
}

// buildSite builds the default site under basePath into memory.
func buildSite(t *testing.T) map[string][]byte {
	t.Helper()
	out := &output.MemoryOutput{}
	_, err := generator.Build(context.Background(), sitefs.Source{Site: os.DirFS(siteRoot), Defaults: playbook.DefaultSite},
		generator.Options{BaseURL: basePath}, out)
	if err != nil {
		t.Fatalf("building the default site:\n%s", diag.Report(err))
	}
	return out.Files()
}

// loadMessages returns the default site's messages by id and its LinkedIn note limit.
func loadMessages(t *testing.T) (map[string]*messages.Message, int) {
	t.Helper()
	r, msgs, err := rules.Load(os.DirFS(siteRoot))
	if err != nil {
		t.Fatalf("loading the messages:\n%s", diag.Report(err))
	}
	byID := map[string]*messages.Message{}
	for _, m := range msgs {
		byID[m.ID] = m
	}
	return byID, r.Policy.LinkedInLimit
}

// TestTemplatePagesHTML checks what every template page sends before any script runs: the
// text with its blanks, the form hidden, fill.js loaded from under the base path, its data,
// and nothing a strict Content-Security-Policy would block.
func TestTemplatePagesHTML(t *testing.T) {
	files := buildSite(t)
	msgs, limit := loadMessages(t)
	if len(msgs) == 0 {
		t.Fatal("no messages")
	}
	dataBlock := regexp.MustCompile(`(?s)<script type="application/json" id="fill-data">(.*?)</script>`)
	for id, m := range msgs {
		t.Run(id, func(t *testing.T) {
			html := string(files["templates/"+id+"/index.html"])
			if html == "" {
				t.Fatal("no page")
			}
			wants := []string{
				`<form class="fill-form no-print" data-fill-form aria-labelledby="details" hidden>`,
				`<div class="fill-actions no-print" data-fill-actions hidden>`,
				`<script type="module" src="` + basePath + `js/fill.js"></script>`,
				`role="status" aria-live="polite"`,
			}
			for _, f := range m.Fields {
				wants = append(wants, fmt.Sprintf(`<label for="f-%s">`, f.Name), fmt.Sprintf(`data-field="%s"`, f.Name))
				if f.Hint != "" {
					wants = append(wants, fmt.Sprintf(`aria-describedby="f-%s-hint"`, f.Name))
				}
			}
			for _, name := range m.BodyTemplate().Names() {
				wants = append(wants, fmt.Sprintf(`data-name="%s">[`, name))
			}
			for _, w := range wants {
				if !strings.Contains(html, w) {
					t.Errorf("the page lacks %s", w)
				}
			}
			if got, want := strings.Contains(html, `data-action="mail"`), m.Channel == messages.Email; got != want {
				t.Errorf("mail link on the page: %v, want %v", got, want)
			}
			if got, want := strings.Contains(html, "data-fill-count"), m.Channel == messages.LinkedIn; got != want {
				t.Errorf("character count on the page: %v, want %v", got, want)
			}
			// A strict CSP (script-src 'self'; style-src 'self') must not block anything:
			// no inline script but the JSON data block, no style attribute or element, no
			// event handler attribute.
			for _, bad := range []*regexp.Regexp{
				regexp.MustCompile(`<script(?: type="module")?>`),
				regexp.MustCompile(`<style`),
				regexp.MustCompile(`\sstyle=`),
				regexp.MustCompile(`\son[a-z]+=`),
			} {
				if loc := bad.FindStringIndex(html); loc != nil {
					t.Errorf("the page has %q, which a strict CSP would block", html[loc[0]:min(len(html), loc[1]+40)])
				}
			}
			block := dataBlock.FindStringSubmatch(html)
			if block == nil {
				t.Fatal("no fill-data JSON block")
			}
			var data struct {
				ID, Channel, Subject, Body string
				Limit                      int
				Fields                     []struct {
					Name, Label string
					Required    bool
					MaxLength   int
				}
			}
			if err := json.Unmarshal([]byte(block[1]), &data); err != nil {
				t.Fatalf("the fill-data block is not JSON: %v\n%s", err, block[1])
			}
			if data.ID != m.ID || data.Subject != m.Subject || data.Body != m.Body || data.Channel != m.Channel {
				t.Errorf("fill-data says %+v, the message is %s %q %q", data, m.ID, m.Subject, m.Body)
			}
			if want := map[bool]int{true: limit}[m.Channel == messages.LinkedIn]; data.Limit != want {
				t.Errorf("fill-data limit %d, want %d", data.Limit, want)
			}
			if len(data.Fields) != len(m.Fields) {
				t.Fatalf("fill-data has %d fields, the message %d", len(data.Fields), len(m.Fields))
			}
			for i, f := range m.Fields {
				if d := data.Fields[i]; d.Name != f.Name || d.Label != f.Label || d.Required != f.Required || d.MaxLength != f.MaxLength {
					t.Errorf("fill-data field %d is %+v, want %s %q %v %d", i, d, f.Name, f.Label, f.Required, f.MaxLength)
				}
			}
		})
	}
	list := string(files["templates/index.html"])
	for id := range msgs {
		if !strings.Contains(list, `href="`+basePath+"templates/"+id+`/"`) {
			t.Errorf("the templates page does not link to %s", id)
		}
	}
}

// serveSite serves the built files the way a static host does: /x/ is x/index.html.
func serveSite(t *testing.T, files map[string][]byte) string {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		name, ok := strings.CutPrefix(r.URL.Path, basePath)
		if !ok {
			http.NotFound(w, r)
			return
		}
		if name == "" || strings.HasSuffix(name, "/") {
			name += "index.html"
		}
		b, ok := files[name]
		if !ok {
			http.NotFound(w, r)
			return
		}
		http.ServeContent(w, r, name, time.Time{}, bytes.NewReader(b))
	}))
	t.Cleanup(srv.Close)
	return srv.URL + basePath
}

// pageWatch collects what must never happen on a page: console errors, uncaught
// exceptions, failed loads (the browser log) and JavaScript dialogs.
type pageWatch struct {
	mu       sync.Mutex
	problems []string
	seen     int
}

func watchPage(t *testing.T, ctx context.Context) *pageWatch {
	t.Helper()
	w := &pageWatch{}
	msgs := chromedp.Console(ctx)
	go func() {
		for m, err := range msgs {
			if err != nil {
				return
			}
			if m.Type == chromedp.ConsoleError || m.Type == chromedp.ConsoleException || m.Type == "assert" {
				w.add(fmt.Sprintf("console %s: %s (%s:%d)", m.Type, m.Text, m.URL, m.Line+1))
			}
		}
	}()
	err := chromedp.Listen(ctx, func(ev any) {
		if d, ok := ev.(*page.EventJavascriptDialogOpening); ok {
			w.add(fmt.Sprintf("a %s dialog opened: %q", d.Type, d.Message))
			go func() {
				_, _ = chromedp.Call(ctx, page.HandleJavaScriptDialog, page.HandleJavaScriptDialogParams{Accept: false})
			}()
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	return w
}

func (w *pageWatch) add(s string) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.problems = append(w.problems, s)
}

// check fails t for every problem since the last check, after giving late events (a
// failed image load, a console message) a moment to arrive.
func (w *pageWatch) check(t *testing.T, ctx context.Context) {
	t.Helper()
	run(t, ctx, chromedp.Sleep(300*time.Millisecond))
	w.mu.Lock()
	defer w.mu.Unlock()
	for _, p := range w.problems[w.seen:] {
		t.Error(p)
	}
	w.seen = len(w.problems)
}

func run(t *testing.T, ctx context.Context, actions ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(ctx, actions...); err != nil {
		t.Fatal(err)
	}
}

func eval[T any](t *testing.T, ctx context.Context, expr string, opts ...chromedp.EvaluateOption) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr, opts...))
	if err != nil {
		t.Fatalf("evaluating %s: %v", expr, err)
	}
	return v
}

// open loads a page and waits until fill.js has shown the form.
func open(t *testing.T, ctx context.Context, u string) {
	t.Helper()
	run(t, ctx, chromedp.Navigate(u), chromedp.WaitVisible(chromedp.CSS("[data-fill-form]")))
}

// typeInto types each value into its field's input, in the message's field order.
func typeInto(t *testing.T, ctx context.Context, m *messages.Message, values map[string]string) {
	t.Helper()
	for _, f := range m.Fields {
		if v, ok := values[f.Name]; ok {
			run(t, ctx, chromedp.SendKeys(chromedp.CSS("#f-"+f.Name), v))
		}
	}
}

// preview is what the page should show for a template: the values, and "[label]" blanks.
func preview(m *messages.Message, tmpl messages.Template, values map[string]string) string {
	var b strings.Builder
	for _, p := range tmpl.Parts() {
		switch {
		case p.Name == "":
			b.WriteString(p.Text)
		case values[p.Name] != "":
			b.WriteString(values[p.Name])
		default:
			for _, f := range m.Fields {
				if f.Name == p.Name {
					b.WriteString("[" + f.Label + "]")
				}
			}
		}
	}
	return b.String()
}

// waitFragment waits until the URL fragment holds every input's value (fill.js writes it
// once typing pauses).
func waitFragment(t *testing.T, ctx context.Context) {
	t.Helper()
	run(t, ctx, chromedp.Poll[chromedp.Void](`(() => {
		const q = new URLSearchParams(location.hash.slice(1));
		return [...document.querySelectorAll("[data-field]")].every(el => q.get(el.dataset.field) === (el.value || null));
	})()`, chromedp.WithPollingTimeout(5*time.Second)))
}

// copied clicks a copy button and returns what reached the clipboard.
func copied(t *testing.T, ctx context.Context, button, status string) string {
	t.Helper()
	run(t, ctx, chromedp.Evaluate[chromedp.Void](`navigator.clipboard.writeText("stale")`, chromedp.EvalAwaitPromise))
	run(t, ctx, chromedp.Click(chromedp.CSS(button)))
	run(t, ctx, chromedp.Poll[chromedp.Void](fmt.Sprintf(`document.querySelector("[data-fill-status]").textContent.startsWith(%q)`, status),
		chromedp.WithPollingTimeout(5*time.Second)))
	return eval[string](t, ctx, `navigator.clipboard.readText()`, chromedp.EvalAwaitPromise)
}

// decodeMailto splits a mailto: link into its decoded parameters; it fails t unless the
// link has exactly the parameters want lists.
func decodeMailto(t *testing.T, href string, want ...string) map[string]string {
	t.Helper()
	q, ok := strings.CutPrefix(href, "mailto:?")
	if !ok {
		t.Fatalf("mail link %q does not start with mailto:?", href)
	}
	got := map[string]string{}
	for _, pair := range strings.Split(q, "&") {
		k, v, _ := strings.Cut(pair, "=")
		dv, err := url.PathUnescape(v)
		if err != nil {
			t.Fatalf("mail link %q: %v", href, err)
		}
		got[k] = dv
	}
	if len(got) != len(want) {
		t.Fatalf("mail link %q has parameters %v, want %v", href, got, want)
	}
	for _, k := range want {
		if _, ok := got[k]; !ok {
			t.Fatalf("mail link %q has no %s", href, k)
		}
	}
	return got
}

// fillMailto is the mail link the page should offer for values (an optional field left
// empty goes with its paragraph) and the recipient to, encoded as encodeURIComponent does.
func fillMailto(m *messages.Message, values map[string]string, to string) string {
	body := m.BodyTemplate().Fill(values)
	for _, f := range m.Fields {
		if !f.Required && values[f.Name] == "" {
			body = strings.Replace(body, "{"+f.Name+"}\n\n", "", 1)
		}
	}
	enc := strings.NewReplacer("+", "%20", "%21", "!", "%27", "'", "%28", "(", "%29", ")", "%2A", "*").Replace
	encode := func(s string) string { return enc(url.QueryEscape(s)) }
	body = strings.ReplaceAll(strings.TrimSpace(body), "\n", "\r\n")
	return "mailto:" + strings.Replace(encode(to), "%40", "@", 1) + "?subject=" + encode(m.SubjectTemplate().Fill(values)) + "&body=" + encode(body)
}

func TestTemplatePagesInBrowser(t *testing.T) {
	browsertest.Require(t) // before the build and the server, which it would skip
	base := serveSite(t, buildSite(t))
	msgs, limit := loadMessages(t)
	thankYou, linkedin, chaser := msgs["thank-you"], msgs["linkedin-note"], msgs["chaser"]
	if thankYou == nil || linkedin == nil || chaser == nil {
		t.Fatal("the default site lacks thank-you, linkedin-note or chaser")
	}
	ctx := browsertest.New(t)
	watch := watchPage(t, ctx)
	origin := strings.TrimSuffix(base, basePath)
	for _, perm := range []string{"clipboard-read", "clipboard-write"} {
		_, err := chromedp.CallBrowser(ctx, browser.SetPermission, browser.SetPermissionParams{
			Permission: &browser.PermissionDescriptor{Name: perm}, Setting: browser.PermissionSettingGranted, Origin: origin,
		})
		if err != nil {
			t.Fatalf("granting %s: %v", perm, err)
		}
	}

	t.Run("thank-you fills live, copies, mails and keeps the values in the fragment", func(t *testing.T) {
		m := thankYou
		open(t, ctx, base+"templates/thank-you/")
		values := map[string]string{
			"interviewer_name": "Ana María",
			"role":             "R&D Analyst",
			"company":          "Northwind & Sons",
			"topic":            "the 50% faster #reports",
			"your_name":        "Sam Okafor",
		}
		typeInto(t, ctx, m, values)

		body := eval[string](t, ctx, `document.querySelector('[data-preview="body"]').textContent`)
		if want := preview(m, m.BodyTemplate(), values); body != want {
			t.Errorf("preview body:\n%s\nwant:\n%s", body, want)
		}
		subject := eval[string](t, ctx, `document.querySelector('[data-preview="subject"]').textContent`)
		wantSubject := m.SubjectTemplate().Fill(values)
		if subject != wantSubject {
			t.Errorf("preview subject %q, want %q", subject, wantSubject)
		}
		blanks := eval[[]string](t, ctx, `[...document.querySelectorAll("[data-preview] mark.blank")].map(m => m.dataset.name)`)
		if !slices.Equal(blanks, []string{"extra_point"}) {
			t.Errorf("blanks left in the preview: %v, want only extra_point", blanks)
		}

		// The optional extra point, left empty, is left out of the copy with its paragraph.
		wantCopy := strings.TrimSpace(strings.Replace(m.BodyTemplate().Fill(values), "{extra_point}\n\n", "", 1))
		if got := copied(t, ctx, `[data-action="copy"]`, "Copied the message."); got != wantCopy {
			t.Errorf("copied:\n%s\nwant:\n%s", got, wantCopy)
		}
		if got := copied(t, ctx, `[data-action="copy-subject"]`, "Copied the subject."); got != wantSubject {
			t.Errorf("copied subject %q, want %q", got, wantSubject)
		}

		href := eval[string](t, ctx, `document.querySelector('[data-action="mail"]').getAttribute("href")`)
		if !strings.Contains(href, "%0D%0A%0D%0A") || strings.ContainsAny(href, "\r\n #") {
			t.Errorf("mail link %q: line breaks must be %%0D%%0A and nothing left unencoded", href)
		}
		mail := decodeMailto(t, href, "subject", "body")
		if mail["subject"] != wantSubject {
			t.Errorf("mail subject %q, want %q", mail["subject"], wantSubject)
		}
		if want := strings.ReplaceAll(wantCopy, "\n", "\r\n"); mail["body"] != want {
			t.Errorf("mail body %q, want %q", mail["body"], want)
		}

		// The values are in the fragment, never the query; Enter does not submit them.
		run(t, ctx, chromedp.SendKeys(chromedp.CSS("#f-role"), "\r"))
		waitFragment(t, ctx)
		loc, err := url.Parse(eval[string](t, ctx, `location.href`))
		if err != nil {
			t.Fatal(err)
		}
		if loc.RawQuery != "" {
			t.Errorf("the values reached the query: %s", loc)
		}
		frag, err := url.ParseQuery(loc.EscapedFragment())
		if err != nil {
			t.Fatalf("fragment %q: %v", loc.EscapedFragment(), err)
		}
		for k, v := range values {
			if frag.Get(k) != v {
				t.Errorf("fragment %s = %q, want %q", k, frag.Get(k), v)
			}
		}
		if frag.Has("extra_point") {
			t.Errorf("the empty optional field is in the fragment: %s", loc.EscapedFragment())
		}

		// Filling the optional field puts it in; then every blank is filled, as Go fills it.
		values["extra_point"] = "I led a similar migration."
		typeInto(t, ctx, m, map[string]string{"extra_point": values["extra_point"]})
		if got, want := copied(t, ctx, `[data-action="copy"]`, "Copied the message."), strings.TrimSpace(m.BodyTemplate().Fill(values)); got != want {
			t.Errorf("copied with every field:\n%s\nwant:\n%s", got, want)
		}

		// A reload (a bookmark) brings every value back from the fragment.
		waitFragment(t, ctx)
		run(t, ctx, chromedp.Reload(), chromedp.WaitVisible(chromedp.CSS("[data-fill-form]")))
		for k, v := range values {
			if got := eval[string](t, ctx, fmt.Sprintf(`document.getElementById("f-%s").value`, k)); got != v {
				t.Errorf("after a reload %s = %q, want %q", k, got, v)
			}
		}
		if got, want := eval[string](t, ctx, `document.querySelector('[data-preview="body"]').textContent`), preview(m, m.BodyTemplate(), values); got != want {
			t.Errorf("preview after a reload:\n%s\nwant:\n%s", got, want)
		}
		watch.check(t, ctx)
	})

	t.Run("typed markup stays text", func(t *testing.T) {
		open(t, ctx, base+"templates/thank-you/")
		const payload = `<script>alert(1)</script><img src=x onerror=alert(2)>`
		scripts := eval[int](t, ctx, `document.scripts.length`)
		typeInto(t, ctx, thankYou, map[string]string{"topic": payload, "interviewer_name": `"><b>bold</b>`})
		if n := eval[int](t, ctx, `document.querySelectorAll("[data-preview] *:not(mark):not(span)").length`); n != 0 {
			t.Errorf("%d elements other than blanks and values were created in the preview", n)
		}
		if n := eval[int](t, ctx, `document.querySelectorAll("img, b").length`); n != 0 {
			t.Errorf("%d img or b elements were created", n)
		}
		if n := eval[int](t, ctx, `document.scripts.length`); n != scripts {
			t.Errorf("%d scripts on the page, %d before typing", n, scripts)
		}
		body := eval[string](t, ctx, `document.querySelector('[data-preview="body"]').textContent`)
		if !strings.Contains(body, payload) || !strings.Contains(body, `Dear "><b>bold</b>,`) {
			t.Errorf("the typed text is not shown as text:\n%s", body)
		}
		mail := decodeMailto(t, eval[string](t, ctx, `document.querySelector('[data-action="mail"]').href`), "subject", "body")
		if !strings.Contains(mail["body"], payload) {
			t.Errorf("the mail body lost the typed text: %q", mail["body"])
		}
		watch.check(t, ctx)
	})

	t.Run("LinkedIn counts characters against the limit", func(t *testing.T) {
		m := linkedin
		if limit <= 0 {
			t.Fatalf("LinkedIn limit %d", limit)
		}
		open(t, ctx, base+"templates/linkedin-note/")
		if n := eval[int](t, ctx, `document.querySelectorAll('[data-action="mail"], [data-action="copy-subject"]').length`); n != 0 {
			t.Errorf("a LinkedIn note has %d mail or subject buttons", n)
		}
		count := func() (string, bool) {
			t.Helper()
			return eval[string](t, ctx, `document.querySelector("[data-fill-count]").textContent`),
				eval[bool](t, ctx, `document.querySelector("[data-fill-count]").classList.contains("over")`)
		}
		if text, over := count(); over || !regexp.MustCompile(fmt.Sprintf(`^\d+ of %d characters, with %d blanks still to fill\.$`, limit, len(m.Fields))).MatchString(text) {
			t.Errorf("empty form: count %q (over %v)", text, over)
		}
		values := map[string]string{"interviewer_name": "Priya", "role": "Analyst", "topic": "reporting", "your_name": "Sam"}
		typeInto(t, ctx, m, values)
		n := utf8.RuneCountInString(strings.TrimSpace(m.BodyTemplate().Fill(values)))
		if n > limit {
			t.Fatalf("the short values already make %d characters", n)
		}
		if text, over := count(); over || text != fmt.Sprintf("%d of %d characters.", n, limit) {
			t.Errorf("short note: count %q (over %v), want %d of %d", text, over, n, limit)
		}
		// Make it too long, filling each field to its max_length (40). 👋 is one character,
		// as Go counts runes, where JavaScript's length would say two.
		more := map[string]string{"topic": " 👋", "role": "", "your_name": ""}
		for k, v := range values {
			more[k] += strings.Repeat("x", 38-utf8.RuneCountInString(v+more[k]))
			values[k] += more[k]
		}
		typeInto(t, ctx, m, more)
		n = utf8.RuneCountInString(strings.TrimSpace(m.BodyTemplate().Fill(values)))
		if n <= limit {
			t.Fatalf("%d characters is not over %d; lengthen the test's values", n, limit)
		}
		want := fmt.Sprintf("%d of %d characters: %d too many.", n, limit, n-limit)
		if text, over := count(); !over || !strings.HasPrefix(text, want) {
			t.Errorf("long note: count %q (over %v), want %q and flagged", text, over, want)
		}
		watch.check(t, ctx)
	})

	t.Run("the fragment fills the page", func(t *testing.T) {
		m := thankYou
		for _, c := range []struct {
			fragment string
			values   map[string]string
		}{
			{"#interviewer_name=Ana", map[string]string{"interviewer_name": "Ana"}},
			{"#interviewer_name=Zo%C3%AB&role=R%26D+lead&nope=1", map[string]string{"interviewer_name": "Zoë", "role": "R&D lead"}},
			{"#topic=%3Cscript%3Ealert(1)%3C%2Fscript%3E", map[string]string{"topic": "<script>alert(1)</script>"}},
			{"#main", map[string]string{}},
		} {
			// Leave the page first, so each fragment is a fresh load rather than a jump.
			run(t, ctx, chromedp.Navigate("about:blank"))
			open(t, ctx, base+"templates/thank-you/"+c.fragment)
			for _, f := range m.Fields {
				if got := eval[string](t, ctx, fmt.Sprintf(`document.getElementById("f-%s").value`, f.Name)); got != c.values[f.Name] {
					t.Errorf("%s: %s = %q, want %q", c.fragment, f.Name, got, c.values[f.Name])
				}
			}
			if got, want := eval[string](t, ctx, `document.querySelector('[data-preview="body"]').textContent`), preview(m, m.BodyTemplate(), c.values); got != want {
				t.Errorf("%s: preview\n%s\nwant\n%s", c.fragment, got, want)
			}
		}
		// A new fragment on the open page (a link from the calculator, an edited address).
		run(t, ctx, chromedp.Evaluate[chromedp.Void](`location.hash = "interviewer_name=Bea"`))
		run(t, ctx, chromedp.Poll[chromedp.Void](`document.querySelector('[data-preview="body"]').textContent.startsWith("Dear Bea,")`,
			chromedp.WithPollingTimeout(5*time.Second)))
		watch.check(t, ctx)
	})

	t.Run("a mail link too long to open gives way to Copy, and fragment values are held to max_length", func(t *testing.T) {
		m := thankYou
		const to = "ana.ruiz@example.org"
		mailState := func() (href string, hasHref, linkShown, noteShown bool) {
			t.Helper()
			st := eval[struct {
				Href       string
				HasHref    bool
				Link, Note bool
			}](t, ctx, `(() => {
				const a = document.querySelector('[data-action="mail"]'), n = document.querySelector("[data-mail-too-long]");
				return {href: a.getAttribute("href") || "", hasHref: a.hasAttribute("href"), link: a.checkVisibility(), note: n.checkVisibility()};
			})()`)
			return st.Href, st.HasHref, st.Link, st.Note
		}
		inputs := func() map[string]string {
			t.Helper()
			return eval[map[string]string](t, ctx, `Object.fromEntries([...document.querySelectorAll("[data-field]")].map(el => [el.dataset.field, el.value]))`)
		}

		// Accented text at every field's limit: the link would be thousands of characters.
		full := map[string]string{}
		frag := url.Values{"to_email": {to}}
		for _, f := range m.Fields {
			full[f.Name] = strings.Repeat("é", f.MaxLength)
			frag.Set(f.Name, full[f.Name])
		}
		run(t, ctx, chromedp.Navigate("about:blank"))
		open(t, ctx, base+"templates/thank-you/#"+frag.Encode())
		if got := inputs(); !maps.Equal(got, full) {
			t.Errorf("at every limit, the inputs hold %v, want %v", got, full)
		}
		if n := len(fillMailto(m, full, to)); n <= 1800 {
			t.Fatalf("the test's message makes a mail link of only %d characters", n)
		}
		if href, hasHref, link, note := mailState(); hasHref || link || !note {
			t.Errorf("too long a link: href %q (%v), link shown %v, note shown %v; want no href, the link hidden, the note shown", href, hasHref, link, note)
		}
		note := eval[string](t, ctx, `document.querySelector("[data-mail-too-long]").textContent`)
		if !strings.Contains(note, "too long") || !strings.Contains(note, "Copy the message") {
			t.Errorf("the page says %q, want it to say the message is too long for a mail link and to copy it", note)
		}
		if got := eval[string](t, ctx, `document.querySelector('[data-mail-to]').textContent`); got != "To: "+to {
			t.Errorf("the page says %q about the recipient, want it still shown for pasting", got)
		}
		wantCopy := strings.TrimSpace(m.BodyTemplate().Fill(full))
		if got := copied(t, ctx, `[data-action="copy"]`, "Copied the message."); got != wantCopy {
			t.Errorf("copied:\n%s\nwant:\n%s", got, wantCopy)
		}
		if got, want := copied(t, ctx, `[data-action="copy-subject"]`, "Copied the subject."), m.SubjectTemplate().Fill(full); got != want {
			t.Errorf("copied subject %q, want %q", got, want)
		}

		// When it fits again (a new fragment on the open page), the link comes back, to the recipient.
		short := map[string]string{"interviewer_name": "Zoë", "role": "R&D Analyst", "company": "Northwind", "topic": "the reports", "your_name": "Sam"}
		frag = url.Values{"to_email": {to}}
		for k, v := range short {
			frag.Set(k, v)
		}
		run(t, ctx, chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`location.hash = %q`, frag.Encode())))
		run(t, ctx, chromedp.Poll[chromedp.Void](`document.querySelector('[data-action="mail"]').checkVisibility()`, chromedp.WithPollingTimeout(5*time.Second)))
		href, hasHref, link, noteShown := mailState()
		if !hasHref || !link || noteShown {
			t.Errorf("a short message: href %q (%v), link shown %v, note shown %v; want the link back and no note", href, hasHref, link, noteShown)
		}
		if want := fillMailto(m, short, to); href != want {
			t.Errorf("mail link %q, want %q", href, want)
		}
		rest, ok := strings.CutPrefix(href, "mailto:"+to)
		if !ok {
			t.Fatalf("mail link %q is not to %s", href, to)
		}
		mail := decodeMailto(t, "mailto:"+rest, "subject", "body")
		if want := strings.ReplaceAll(strings.TrimSpace(strings.Replace(m.BodyTemplate().Fill(short), "{extra_point}\n\n", "", 1)), "\n", "\r\n"); mail["body"] != want {
			t.Errorf("mail body %q, want %q", mail["body"], want)
		}
		if got, want := mail["subject"], m.SubjectTemplate().Fill(short); got != want {
			t.Errorf("mail subject %q, want %q", got, want)
		}

		// A crafted fragment of 23,000 characters and more: each value is cut to its
		// max_length in characters (code points: no emoji split in two).
		long := url.Values{}
		for i, f := range m.Fields {
			long.Set(f.Name, strings.Repeat([]string{"é", "😀", "x"}[i%3], 2000))
		}
		crafted := long.Encode()
		if len(crafted) < 23000 {
			t.Fatalf("the crafted fragment is only %d characters", len(crafted))
		}
		run(t, ctx, chromedp.Navigate("about:blank"))
		open(t, ctx, base+"templates/thank-you/#"+crafted)
		got := inputs()
		for i, f := range m.Fields {
			if want := strings.Repeat([]string{"é", "😀", "x"}[i%3], f.MaxLength); got[f.Name] != want {
				t.Errorf("crafted fragment: %s holds %d characters (%.12q…), want %d", f.Name, utf8.RuneCountInString(got[f.Name]), got[f.Name], f.MaxLength)
			}
		}
		if eval[int](t, ctx, `document.querySelector('[data-preview="body"]').textContent.length`) > 4000 {
			t.Error("the preview shows more than the fields' limits allow")
		}
		if _, hasHref, link, note := mailState(); hasHref || link || !note {
			t.Errorf("crafted fragment: has href %v, link shown %v, note shown %v", hasHref, link, note)
		}
		watch.check(t, ctx)
	})

	t.Run("remember keeps only your own details until Forget, and a recipient comes from the fragment", func(t *testing.T) {
		run(t, ctx, chromedp.Navigate("about:blank"))
		// What an earlier version kept, an interview's values among them.
		open(t, ctx, base+"templates/thank-you/")
		run(t, ctx, chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`localStorage.setItem(%q, '{"company":"Old Co","role":"Old role","your_name":"Sam"}')`, oldStorageKey)))
		open(t, ctx, base+"templates/voicemail/")
		stored := func() string {
			t.Helper()
			return eval[string](t, ctx, fmt.Sprintf(`String(localStorage.getItem(%q)) + " " + String(localStorage.getItem(%q))`, storageKey, oldStorageKey))
		}
		if s, want := stored(), `{"your_name":"Sam"} null`; s != want {
			t.Errorf("after the move from the old key, stored %s, want %s", s, want)
		}
		if got := eval[string](t, ctx, `document.getElementById("f-role").value`); got != "" {
			t.Errorf("the old key's role %q was filled into another interview's template", got)
		}
		run(t, ctx, chromedp.Click(chromedp.CSS(`[data-action="forget"]`)))
		open(t, ctx, base+"templates/thank-you/")
		if eval[bool](t, ctx, `document.getElementById("remember").checked`) {
			t.Error("remember is ticked on a first visit")
		}
		typeInto(t, ctx, thankYou, map[string]string{"your_name": "Sam", "role": "Analyst", "interviewer_name": "Ana"})
		if s := stored(); s != "null null" {
			t.Errorf("stored %s without being asked", s)
		}
		run(t, ctx, chromedp.Click(chromedp.CSS("#remember")))
		if s, want := stored(), `{"your_name":"Sam"} null`; s != want {
			t.Errorf("stored %s, want %s: only your own details", s, want)
		}
		// Another template starts with your name, and none of the other interview's values.
		open(t, ctx, base+"templates/chaser/")
		for k, want := range map[string]string{"your_name": "Sam", "role": "", "hiring_manager_name": ""} {
			if got := eval[string](t, ctx, fmt.Sprintf(`document.getElementById("f-%s").value`, k)); got != want {
				t.Errorf("chaser %s = %q, want %q", k, got, want)
			}
		}
		if !eval[bool](t, ctx, `document.getElementById("remember").checked`) {
			t.Error("remember is not ticked on the next template")
		}
		typeInto(t, ctx, chaser, map[string]string{"hiring_manager_name": "Ms Lindqvist"})
		if s, want := stored(), `{"your_name":"Sam"} null`; s != want {
			t.Errorf("stored %s, want %s: a person met is never remembered", s, want)
		}
		run(t, ctx, chromedp.Click(chromedp.CSS(`[data-action="forget"]`)))
		if s := stored(); s != "null null" {
			t.Errorf("after Forget, stored %s", s)
		}
		if eval[bool](t, ctx, `document.getElementById("remember").checked`) {
			t.Error("remember still ticked after Forget")
		}
		run(t, ctx, chromedp.Navigate("about:blank"))
		open(t, ctx, base+"templates/chaser/#hiring_manager_name=Ms%20Lindqvist&to_email=l.lindqvist%40example.org")
		if got := eval[string](t, ctx, `document.getElementById("f-your_name").value`); got != "" {
			t.Errorf("after Forget, the chaser still starts with your name %q", got)
		}
		if got := eval[string](t, ctx, `document.querySelector('[data-action="mail"]').href`); !strings.HasPrefix(got, "mailto:l.lindqvist@example.org?subject=") {
			t.Errorf("the mail link is %q, want it addressed to the fragment's recipient", got)
		}
		if got := eval[string](t, ctx, `document.querySelector('[data-mail-to]').textContent`); got != "To: l.lindqvist@example.org" {
			t.Errorf("the page says %q about the recipient", got)
		}
		typeInto(t, ctx, chaser, map[string]string{"role": "Analyst"})
		run(t, ctx, chromedp.Poll[chromedp.Void](`location.hash.includes("to_email=l.lindqvist%40example.org")`, chromedp.WithPollingTimeout(5*time.Second)))
		watch.check(t, ctx)
	})

	t.Run("fits a phone", func(t *testing.T) {
		run(t, ctx, chromedp.EmulateViewport(360, 740))
		defer run(t, ctx, chromedp.ResetViewport())
		run(t, ctx, chromedp.Navigate("about:blank"))
		open(t, ctx, base+"templates/thank-you/#topic="+strings.Repeat("x", 120))
		if w := eval[int](t, ctx, `document.documentElement.scrollWidth`); w > 360 {
			t.Errorf("the page is %dpx wide on a 360px screen", w)
		}
		watch.check(t, ctx)
	})

	t.Run("without JavaScript the text and its blanks are there, the form is not", func(t *testing.T) {
		m := thankYou
		_, err := chromedp.Call(ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true})
		if err != nil {
			t.Fatal(err)
		}
		defer func() {
			_, _ = chromedp.Call(ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: false})
		}()
		run(t, ctx, chromedp.Navigate("about:blank"), chromedp.Navigate(base+"templates/thank-you/#interviewer_name=Ana"))
		body, err := chromedp.Run(ctx, chromedp.TextContent(chromedp.CSS(`[data-preview="body"]`)))
		if err != nil {
			t.Fatal(err)
		}
		if want := preview(m, m.BodyTemplate(), nil); body != want {
			t.Errorf("preview without JavaScript:\n%s\nwant:\n%s", body, want)
		}
		for sel, wantHidden := range map[string]bool{"[data-fill-form]": true, "[data-fill-actions]": true, "[data-nojs]": false} {
			attrs, err := chromedp.Run(ctx, chromedp.Attributes(chromedp.CSS(sel)))
			if err != nil {
				t.Fatal(err)
			}
			if _, hidden := attrs["hidden"]; hidden != wantHidden {
				t.Errorf("%s hidden = %v without JavaScript, want %v", sel, hidden, wantHidden)
			}
		}
		watch.check(t, ctx)
	})
}
