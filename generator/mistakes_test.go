package generator_test

import (
	"context"
	"io/fs"
	"os"
	"strings"
	"testing"
	"testing/fstest"

	playbook "github.com/followup-playbook/playbook"
	"github.com/followup-playbook/playbook/generator"
	"github.com/followup-playbook/playbook/generator/diag"
	"github.com/followup-playbook/playbook/generator/load/sitefs"
	"github.com/followup-playbook/playbook/generator/output"
)

// mistake is one edit of the default site: old, which must be in file once, becomes new
// (a file not in the site is added with new as its content, or as a copy of the file
// copyOf). want is every problem the build must report, as "path:line:col: message", in
// diag.Problems order.
type mistake struct {
	name, file, old, new string
	copyOf               string
	want                 []string
}

// mistakes are one edit per class of mistake, each applied alone to a copy of the real
// default site: a build must report the problems the mistake causes and nothing more, so
// no follow-on problems (a list of figures left empty, links to files that exist).
var mistakes = []mistake{
	// site.toml
	{name: "timeline-unknown-key", file: "site.toml", old: "[timeline]\n", new: "[timeline]\nmax_chaser = 3\n",
		want: []string{
			`site.toml:9:1: unknown key "timeline.max_chaser"`,
		}},
	{name: "timeline-wrong-type", file: "site.toml", old: "[timeline]\n", new: "[timeline]\nmax_chasers = \"3\"\n",
		want: []string{
			`site.toml:9:15: "timeline.max_chasers" takes a whole number, not text`,
		}},
	{name: "timeline-day-end-before-start", file: "site.toml", old: "[timeline]\n", new: "[timeline]\nday_end = \"07:00\"\n",
		want: []string{
			`site.toml:9:1: [timeline] day_end 07:00 is not after day_start 08:00`,
		}},
	{name: "timeline-unknown-weekend", file: "site.toml", old: "[timeline]\n", new: "[timeline]\nweekend = \"sunday\"\n",
		want: []string{
			`site.toml:9:1: [timeline] unknown weekend policy "sunday"`,
		}},
	{name: "timeline-unknown-day", file: "site.toml", old: "[timeline]\n", new: "[timeline]\nbusiness_days = [\"monday\", \"funday\"]\n",
		want: []string{
			`site.toml:9:1: [timeline] unknown day "funday" in business_days`,
		}},
	{name: "site-unknown-key", file: "site.toml", old: "language = \"en\"\n", new: "language = \"en\"\nlanguag = \"en\"\n",
		want: []string{
			`site.toml:6:1: unknown key "languag"`,
		}},
	{name: "menu-page-missing", file: "site.toml", old: "[timeline]\n", new: "[[menu]]\nname = \"Chasers\"\npage = \"chasers.md\"\n\n[timeline]\n",
		want: []string{
			`site.toml:10:8: menu entry "Chasers" names chasers.md, which does not exist`,
		}},
	{name: "menu-url-to-no-page", file: "site.toml", old: "[timeline]\n", new: "[[menu]]\nname = \"Templates\"\nurl = \"/template/\"\n\n[timeline]\n",
		want: []string{
			`site.toml:10:7: menu entry "Templates" links to /template/, which is no page of the site`,
		}},
	{name: "site-syntax", file: "site.toml", old: "language = \"en\"\n", new: "language = \"en\n",
		want: []string{
			`site.toml:5:15: invalid TOML: strings cannot contain newlines`,
		}},
	// front matter and Markdown
	{name: "front-matter-unknown-key", file: "content/chaser.md", old: "weight = 60\n", new: "weight = 60\nwieght = 60\n",
		want: []string{
			`content/chaser.md:5:1: unknown key "wieght"`,
		}},
	{name: "front-matter-wrong-type", file: "content/chaser.md", old: "weight = 60\n", new: "weight = \"60\"\n",
		want: []string{
			`content/chaser.md:4:10: "weight" takes a whole number, not text`,
		}},
	{name: "front-matter-no-title", file: "content/chaser.md", old: "title = \"The chaser\"\n", new: "",
		want: []string{
			`content/chaser.md:1:1: the page has no title`,
		}},
	{name: "front-matter-unknown-layout", file: "content/chaser.md", old: "weight = 60\n", new: "weight = 60\nlayout = \"wide\"\n",
		want: []string{
			`content/chaser.md:5:10: no layout "wide.html"`,
		}},
	{name: "markdown-unknown-figure", file: "content/chaser.md", old: "{{< rule chaser.no-decision-after >}}", new: "{{< rule chaser.no-date-after >}}",
		want: []string{
			`content/chaser.md:14:31: unknown timing figure "chaser.no-date-after"`,
		}},
	{name: "markdown-broken-link", file: "content/chaser.md", old: "(no-reply.md)", new: "(no-replies.md)",
		want: []string{
			`content/chaser.md:52:119: broken link: no-replies.md (content/no-replies.md) does not exist`,
		}},
	// messages
	{name: "message-unknown-channel", file: "content/messages/chaser.toml", old: "channel = \"email\"", new: "channel = \"e-mail\"",
		want: []string{
			`content/messages/chaser.toml:3:11: unknown channel "e-mail"`,
		}},
	{name: "message-placeholder-without-field", file: "content/messages/chaser.toml", old: "{reason}", new: "{reasons}",
		want: []string{
			`content/messages/chaser.toml:11:72: placeholder {reasons} in body has no field`,
		}},
	{name: "message-not-utf8", file: "content/messages/chaser.toml", old: "Best wishes", new: "Best wishes\xe9",
		want: []string{
			`content/messages/chaser.toml:13:12: the file is not valid UTF-8`,
		}},
	{name: "message-syntax", file: "content/messages/chaser.toml", old: "weight = 30\n", new: "weight = 30\nsubject = \n",
		want: []string{
			"content/messages/chaser.toml:6:11: invalid TOML: expected value but found '\\n' instead",
		}},
	{name: "message-wrong-type", file: "content/messages/chaser.toml", old: "weight = 30\n", new: "weight = \"30\"\n",
		want: []string{
			`content/messages/chaser.toml:5:10: "weight" takes a whole number, not text`,
		}},
	{name: "message-unknown-key", file: "content/messages/chaser.toml", old: "max_length = 150\n", new: "max_length = 150\nmaxlength = 150\n",
		want: []string{
			`content/messages/chaser.toml:57:1: unknown key "fields.maxlength"`,
		}},
	// timing rules
	{name: "timing-unknown-key", file: "content/messages/chaser.toml", old: "wait = \"7 days\"\n", new: "wiat = \"7 days\"\n",
		want: []string{
			`content/messages/chaser.toml:70:1: unknown key "timing.wiat"`,
		}},
	{name: "timing-unknown-after", file: "content/messages/chaser.toml", old: "after = \"thank-you\"", new: "after = \"offered\"",
		want: []string{
			`content/messages/chaser.toml:69:9: after = "offered" names no event or step`,
		}},
	{name: "timing-self-cycle", file: "content/messages/chaser.toml", old: "after = \"thank-you\"", new: "after = \"chaser\"",
		want: []string{
			`content/messages/chaser.toml:69:9: step "chaser" depends on itself: chaser → chaser`,
		}},
	{name: "timing-bad-duration", file: "content/messages/chaser.toml", old: "wait = \"7 days\"", new: "wait = \"a week\"",
		want: []string{
			`content/messages/chaser.toml:70:8: "a week" is not a duration; write a whole number and a unit, e.g. "24 hours", "7 days" or "2 business days"`,
		}},
	{name: "timing-bad-step-id", file: "content/messages/chaser.toml", old: "step = \"chaser\"", new: "step = \"Chaser\"",
		want: []string{
			`content/messages/chaser.toml:67:8: step "Chaser" is not a valid step id`,
		}},
	{name: "timing-note-unknown-placeholder", file: "content/messages/chaser.toml", old: "wait {wait_without} after", new: "wait {wait_witout} after",
		want: []string{
			`content/messages/chaser.toml:76:16: {wait_witout} cannot be used in note_without`,
		}},
	{name: "timing-syntax", file: "content/messages/chaser.toml", old: "wait = \"7 days\"\n", new: "wait = 7 days\n",
		want: []string{
			`content/messages/chaser.toml:70:9: invalid TOML: expected a top-level item to end with a newline, comment, or EOF, but got 'd' instead`,
		}},
	{name: "message-copied", file: "content/messages/thank-you-copy.toml", copyOf: "content/messages/thank-you.toml",
		want: []string{
			`content/messages/thank-you-copy.toml:1:6: id "thank-you" does not match the file name "thank-you-copy.toml"`,
		}},
	{name: "body-placeholder-typo", file: "content/messages/chaser.toml", old: "joining {company}", new: "joining {compnay}",
		want: []string{
			`content/messages/chaser.toml:11:39: placeholder {compnay} in body has no field`,
		}},
	// figures in TOML text
	{name: "guidance-unknown-figure", file: "content/messages/chaser.toml", old: "{{< rule chaser.no-decision-after >}}", new: "{{< rule chaser.no-date-after >}}",
		want: []string{
			`content/messages/chaser.toml:18:200: unknown timing figure "chaser.no-date-after", in guidance.when`,
		}},
	{name: "guidance-placeholder", file: "content/messages/chaser.toml", old: "{{< rule chaser.no-decision-after >}}", new: "{wait_without}",
		want: []string{
			`content/messages/chaser.toml:18:200: placeholder {wait_without} is not filled in, in guidance.when`,
		}},
	{name: "guidance-unclosed-figure", file: "content/messages/chaser.toml", old: "{{< rule chasers.time >}}", new: "{{< rule chasers.time",
		want: []string{
			`content/messages/chaser.toml:18:304: shortcode opened with {{< is not closed on the same line, in guidance.when`,
		}},
	{name: "body-figure", file: "content/messages/chaser.toml", old: "can take longer than planned", new: "can take {{< rule chaser.after >}}",
		want: []string{
			`content/messages/chaser.toml:9:114: a timing figure is not filled in, in body`,
		}},
	{name: "note-figure", file: "content/messages/chaser.toml", old: "wait {wait_without} after", new: "wait {{< rule chaser.no-decision-after >}} after",
		want: []string{
			`content/messages/chaser.toml:76:16: a note takes its figures as placeholders, not {{< rule KEY >}}`,
		}},
	// layouts
	{name: "layout-parse", file: "layouts/page.html", old: "{{.Page.Content}}", new: "{{.Page.Content}",
		want: []string{
			`layouts/page.html:5: bad character U+007D '}'`,
		}},
	// One per page the layout renders: making it one is issue 15 part 3 (render/layouts.go).
	{name: "layout-exec", file: "layouts/message.html", old: "{{$p.ChannelName}}{{if", new: "{{$p.ChannelNam}}{{if",
		want: []string{
			`layouts/message.html:7:29: while rendering content/messages/chaser.toml and 8 other pages: executing "main" at <$p.ChannelNam>: can't evaluate field ChannelNam in type *render.MessagePage`,
		}},
	{name: "partial-parse", file: "layouts/partials/footer.html", old: "<p>{{.}}</p>{{end}}", new: "<p>{{.}}</p>{{end}",
		want: []string{
			`layouts/partials/footer.html:3: bad character U+007D '}'`,
		}},
}

// TestOneMistakeOneMessage applies each mistake to a copy of the repository's site and
// checks the exact problems, their order (the same on every run), and that the first
// names the file that was changed.
func TestOneMistakeOneMessage(t *testing.T) {
	base := copySite(t, os.DirFS(".."))
	for _, m := range mistakes {
		t.Run(m.name, func(t *testing.T) {
			t.Parallel()
			site := edit(t, base, m)
			got := problems(t, site)
			if strings.Join(got, "\n") != strings.Join(m.want, "\n") {
				t.Errorf("%d problems:\n%s\nwant %d:\n%s", len(got), strings.Join(got, "\n"), len(m.want), strings.Join(m.want, "\n"))
			}
			if len(got) > 0 && !strings.HasPrefix(got[0], m.file+":") {
				t.Errorf("the first problem does not name %s: %s", m.file, got[0])
			}
			if again := problems(t, site); strings.Join(again, "\n") != strings.Join(got, "\n") {
				t.Errorf("a second build listed the problems differently:\n%s", strings.Join(again, "\n"))
			}
		})
	}
}

// copySite copies the files of the site in dir that a build reads (site.toml, content/,
// layouts/, static/) into memory.
func copySite(t *testing.T, dir fs.FS) fstest.MapFS {
	t.Helper()
	site := fstest.MapFS{}
	for _, top := range []string{"site.toml", "content", "layouts", "static"} {
		err := fs.WalkDir(dir, top, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			b, err := fs.ReadFile(dir, p)
			site[p] = &fstest.MapFile{Data: b, Mode: 0o644}
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return site
}

// edit returns a copy of base with the mistake applied.
func edit(t *testing.T, base fstest.MapFS, m mistake) fstest.MapFS {
	t.Helper()
	site := make(fstest.MapFS, len(base))
	for k, v := range base {
		site[k] = v
	}
	f, ok := base[m.file]
	if !ok {
		data := []byte(m.new)
		if m.copyOf != "" {
			data = base[m.copyOf].Data
		}
		site[m.file] = &fstest.MapFile{Data: data, Mode: 0o644}
		return site
	}
	if n := strings.Count(string(f.Data), m.old); n != 1 {
		t.Fatalf("%q is in %s %d times, want once", m.old, m.file, n)
	}
	site[m.file] = &fstest.MapFile{Data: []byte(strings.Replace(string(f.Data), m.old, m.new, 1)), Mode: 0o644}
	return site
}

// problems builds site over the built-in one and lists its problems as
// "path:line:col: message".
func problems(t *testing.T, site fs.FS) []string {
	t.Helper()
	_, err := generator.Build(context.Background(), sitefs.Source{Site: site, Defaults: playbook.DefaultSite}, generator.Options{}, &output.MemoryOutput{})
	var got []string
	for _, d := range diag.Problems(err) {
		got = append(got, d.Pos()+": "+d.Msg)
	}
	return got
}
