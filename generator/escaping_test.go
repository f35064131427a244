package generator_test

import (
	"bytes"
	"context"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"golang.org/x/net/html"

	playbook "github.com/followup-playbook/playbook"
	"github.com/followup-playbook/playbook/generator"
	"github.com/followup-playbook/playbook/generator/diag"
	"github.com/followup-playbook/playbook/generator/load/rules"
	"github.com/followup-playbook/playbook/generator/load/sitefs"
	"github.com/followup-playbook/playbook/generator/output"
)

// payload is what a careless or hostile site owner might type into any text field: markup,
// a script, both kinds of quote, an event handler and a javascript: URL.
const payload = `<script>alert(1)</script>"'><img src=x onerror=alert(2)>javascript:alert(3)`

// hostileSite is a site with the text s in every field a site owner writes: site title and
// description, a menu entry, page titles, descriptions and params, a Markdown link, and a
// message's title, subject, body, field label, hint and example, guidance and timing note.
func hostileSite(s string) fstest.MapFS {
	q := func(v string) string { b, _ := json.Marshal(v); return string(b) } // a TOML basic string
	file := func(data string) *fstest.MapFile { return &fstest.MapFile{Data: []byte(data), Mode: 0o644} }
	return fstest.MapFS{
		"site.toml": file(fmt.Sprintf(`title = %s
description = %s
baseURL = "https://example.org/"

[[menu]]
name = %s
url = "javascript:alert(4)"

[[menu]]
name = "Page"
page = "page.md"
`, q(s), q(s), q(s))),
		"content/_index.md": file(fmt.Sprintf("+++\ntitle = %s\ndescription = %s\n+++\nSee [the page](page.md).\n", q(s), q(s))),
		"content/page.md": file(fmt.Sprintf("+++\ntitle = %s\ndescription = %s\n[params]\nnote = %s\n+++\n# %s\n\n[click](javascript:alert(5)) and <script>alert(6)</script>\n",
			q(s), q(s), q(s), strings.NewReplacer("<", `\<`, ">", `\>`, "[", `\[`, "`", "\\`", "*", `\*`, "_", `\_`).Replace(s))),
		"content/messages/hello.toml": file(fmt.Sprintf(`id = "hello"
title = %s
channel = "email"
subject = %s
body = %s
weight = 1

[guidance]
when = %s
personalise = %s
avoid = %s

[[fields]]
name = "name"
label = %s
hint = %s
example = %s
required = true

[timing]
step = "hello"
to = %s
after = "interview"
within = "24 hours"
note = %s
`, q(s), q(braces(s)+" {name}"), q(braces(s)+" {name}"), q(s), q(s), q(s), q(s), q(s), q(s), q(s), q(braces(s)+"\r\nBEGIN:VEVENT\r\nX-INJECTED:1"))),
	}
}

// braces doubles braces, so s stays literal text inside a placeholder template.
func braces(s string) string { return strings.NewReplacer("{", "{{", "}", "}}").Replace(s) }

// skeleton writes the structure of an HTML document: every element with its attribute
// names, and for URL attributes their scheme. Text and attribute values are left out, so
// two builds that differ only in the text typed into fields have the same skeleton.
func skeleton(t *testing.T, name string, b []byte) string {
	t.Helper()
	var out strings.Builder
	z := html.NewTokenizer(bytes.NewReader(b))
	for {
		switch z.Next() {
		case html.ErrorToken:
			if !errors.Is(z.Err(), io.EOF) {
				t.Fatalf("%s: %v", name, z.Err())
			}
			return out.String()
		case html.StartTagToken, html.SelfClosingTagToken, html.EndTagToken:
			tok := z.Token()
			fmt.Fprintf(&out, "<%s", tok.Data)
			if tok.Type == html.EndTagToken {
				out.WriteString("/")
			}
			for _, a := range tok.Attr {
				fmt.Fprintf(&out, " %s", a.Key)
				v := strings.ToLower(strings.TrimSpace(a.Val))
				switch a.Key {
				case "href", "src", "action", "formaction", "content":
					if i := strings.Index(v, ":"); i > 0 && !strings.ContainsAny(v[:i], "/?# ") {
						fmt.Fprintf(&out, "=%s:", v[:i])
					}
				}
			}
			out.WriteString(">")
		}
	}
}

var jsURL = regexp.MustCompile(`(?i)^\s*(javascript|vbscript|data):`)

// TestHostileTextIsInert builds a site whose every field holds markup, script, quotes and
// javascript: URLs, and checks it comes out inert: each HTML page has exactly the structure
// of the same site built with plain text (no element, attribute or handler was injected),
// no link or source uses a javascript: URL, the feed and sitemap are well-formed XML with
// the text intact, rules.json (fetched, never inlined) holds it as a JSON string, and the plan's .ics keeps it on
// its own escaped lines.
func TestHostileTextIsInert(t *testing.T) {
	for _, minify := range []bool{false, true} {
		t.Run(fmt.Sprintf("minify=%v", minify), func(t *testing.T) {
			build := func(s string) map[string][]byte {
				out := &output.MemoryOutput{}
				_, err := generator.Build(context.Background(), sitefs.Source{Site: hostileSite(s), Defaults: playbook.DefaultSite}, generator.Options{Minify: minify}, out)
				if err != nil {
					t.Fatalf("build:\n%s", diag.Report(err))
				}
				return out.Files()
			}
			plain := build("Plain text here")
			hostile := build(payload)
			if len(plain) != len(hostile) {
				t.Fatalf("%d files with plain text, %d with the payload", len(plain), len(hostile))
			}
			seen := map[string]bool{}
			for name, b := range hostile {
				if _, ok := plain[name]; !ok {
					t.Errorf("%s exists only with the payload", name)
					continue
				}
				switch {
				case strings.HasSuffix(name, ".html"):
					if got, want := skeleton(t, name, b), skeleton(t, name, plain[name]); got != want {
						t.Errorf("%s: the payload changed the page's structure:\n got %s\nwant %s", name, firstDiff(got, want), firstDiff(want, got))
					}
					checkURLs(t, name, b)
					if (name == "page/index.html" || name == "templates/hello/index.html") && !strings.Contains(textOf(b), payload) {
						t.Errorf("%s does not show the payload as text", name)
					}
					seen["html"] = true
				case strings.HasSuffix(name, ".xml"):
					checkXML(t, name, b)
					seen["xml"] = true
				case name == generator.RulesFile:
					checkRulesJSON(t, b)
					seen["json"] = true
				}
			}
			for _, kind := range []string{"html", "xml", "json"} {
				if !seen[kind] {
					t.Errorf("no %s output was checked", kind)
				}
			}
		})
	}
	t.Run("ics", func(t *testing.T) {
		r, _, err := rules.Load(hostileSite(payload))
		if err != nil {
			t.Fatalf("rules:\n%s", diag.Report(err))
		}
		in := rules.Input{Interview: "2026-03-12T15:00", Interviewers: []string{payload}}
		p, err := r.Plan(in)
		if err != nil {
			t.Fatal(err)
		}
		zone, err := time.LoadLocation("Europe/London")
		if err != nil {
			t.Skip("no time zone database:", err)
		}
		ics, err := rules.ICS(r, in, p, rules.ICSOptions{Zone: zone, Now: time.Date(2026, 3, 14, 9, 30, 0, 0, time.UTC)})
		if err != nil {
			t.Fatal(err)
		}
		unfolded := strings.ReplaceAll(string(ics), "\r\n ", "")
		if n := strings.Count(unfolded, "BEGIN:VEVENT\r\n"); n != len(p.Steps) {
			t.Errorf("%d events for %d steps: the note injected one", n, len(p.Steps))
		}
		for _, line := range strings.Split(strings.TrimSuffix(unfolded, "\r\n"), "\r\n") {
			if !regexp.MustCompile(`^[A-Z-]+[;:]`).MatchString(line) {
				t.Errorf("line %q is not a property", line)
			}
			if strings.HasPrefix(line, "X-INJECTED") {
				t.Errorf("injected property %q", line)
			}
		}
		if !strings.Contains(unfolded, `alert(1)</script>"'>`) {
			t.Errorf("the note's text did not survive escaping:\n%s", unfolded)
		}
	})
}

func checkURLs(t *testing.T, name string, b []byte) {
	t.Helper()
	z := html.NewTokenizer(bytes.NewReader(b))
	for tt := z.Next(); tt != html.ErrorToken; tt = z.Next() {
		tok := z.Token()
		for _, a := range tok.Attr {
			switch {
			case (a.Key == "href" || a.Key == "src" || a.Key == "action" || a.Key == "formaction") && jsURL.MatchString(a.Val):
				t.Errorf("%s: <%s %s=%q>", name, tok.Data, a.Key, a.Val)
			case strings.HasPrefix(a.Key, "on"):
				t.Errorf("%s: <%s> has an event handler %s=%q", name, tok.Data, a.Key, a.Val)
			}
		}
		if tok.Type == html.StartTagToken && tok.Data == "script" {
			if z.Next() == html.TextToken && strings.Contains(string(z.Text()), "alert(") && !isJSONScript(tok) {
				t.Errorf("%s: script runs the payload: %.200s", name, z.Text())
			}
		}
	}
}

// isJSONScript reports whether a script element holds data (JSON-LD), not code.
func isJSONScript(tok html.Token) bool {
	for _, a := range tok.Attr {
		if a.Key == "type" && strings.Contains(a.Val, "json") {
			return true
		}
	}
	return false
}

func checkXML(t *testing.T, name string, b []byte) {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(b))
	var text strings.Builder
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Errorf("%s is not well-formed XML: %v", name, err)
			return
		}
		switch x := tok.(type) {
		case xml.StartElement:
			if strings.EqualFold(x.Name.Local, "script") || strings.EqualFold(x.Name.Local, "img") {
				t.Errorf("%s: the payload became a <%s> element", name, x.Name.Local)
			}
		case xml.CharData:
			text.Write(x)
		}
	}
	if name == "feed.xml" && !strings.Contains(text.String(), payload) {
		t.Errorf("%s: the title did not survive as text", name)
	}
}

func checkRulesJSON(t *testing.T, b []byte) {
	t.Helper()
	var v any
	if err := json.Unmarshal(b, &v); err != nil {
		t.Fatalf("rules.json: %v", err)
	}
	found := false
	var walk func(any)
	walk = func(v any) {
		switch x := v.(type) {
		case map[string]any:
			for _, e := range x {
				walk(e)
			}
		case []any:
			for _, e := range x {
				walk(e)
			}
		case string:
			found = found || strings.Contains(x, payload)
		}
	}
	walk(v)
	if !found {
		t.Error("rules.json does not hold the payload as a string")
	}
}

func firstDiff(a, b string) string {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	from := max(0, i-80)
	return a[from:min(len(a), i+120)]
}

// textOf returns the text of an HTML document, entities decoded.
func textOf(b []byte) string {
	var out strings.Builder
	z := html.NewTokenizer(bytes.NewReader(b))
	for tt := z.Next(); tt != html.ErrorToken; tt = z.Next() {
		if tt == html.TextToken {
			out.Write(z.Text())
		}
	}
	return out.String()
}
