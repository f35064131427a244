package reference_test

import (
	"bytes"
	"context"
	"flag"
	"image"
	"image/jpeg"
	"io/fs"
	"os"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/BurntSushi/toml"

	playbook "github.com/followup-playbook/playbook"
	"github.com/followup-playbook/playbook/generator"
	"github.com/followup-playbook/playbook/generator/diag"
	"github.com/followup-playbook/playbook/generator/load/config"
	"github.com/followup-playbook/playbook/generator/load/messages"
	"github.com/followup-playbook/playbook/generator/load/rules"
	"github.com/followup-playbook/playbook/generator/load/sitefs"
	"github.com/followup-playbook/playbook/generator/output"
	"github.com/followup-playbook/playbook/generator/reference"
)

var update = flag.Bool("update", false, "rewrite docs/reference.md from the definitions")

// referenceFile is docs/reference.md, from this package's folder.
const referenceFile = "../../docs/reference.md"

// regenerate is the command that writes docs/reference.md again.
const regenerate = "go test ./generator/reference -run TestReferenceIsCurrent -update"

func builtinTopics(t *testing.T) []reference.Topic {
	t.Helper()
	r, _, err := rules.Load(playbook.DefaultSite)
	if err != nil {
		t.Fatalf("the built-in site's rules: %v", err)
	}
	topics, err := reference.Topics(r, "the built-in site")
	if err != nil {
		t.Fatal(err)
	}
	return topics
}

// TestReferenceIsCurrent: docs/reference.md is what the definitions give today.
func TestReferenceIsCurrent(t *testing.T) {
	var b bytes.Buffer
	if err := reference.Markdown(&b, builtinTopics(t), regenerate); err != nil {
		t.Fatal(err)
	}
	if *update {
		if err := os.WriteFile(referenceFile, b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	have, err := os.ReadFile(referenceFile)
	if err != nil {
		t.Fatalf("%v; create it with: %s", err, regenerate)
	}
	if !bytes.Equal(have, b.Bytes()) {
		t.Errorf("docs/reference.md is stale (the definitions of the keys or figures changed); regenerate it with:\n\t%s", regenerate)
	}
}

// TestTablesNeedDocTags: a field without a doc tag, or a key's tag that says neither its
// default nor that it is required, is an error naming the field.
func TestTablesNeedDocTags(t *testing.T) {
	type inner struct {
		A string `toml:"a" doc:"Something. Required."`
		B int    `toml:"b" doc:"Something else."`
	}
	type outer struct {
		Name  string  `toml:"name"`
		Items []inner `toml:"items" doc:"A list."`
	}
	_, err := reference.Tables(outer{}, "")
	for _, want := range []string{"outer.Name (name) has no doc tag", `inner.B (items.b): its doc tag ends with neither "Default: ..." nor "Required."`} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("Tables: %v, want it to say %q", err, want)
		}
	}
}

// TestTables reads nested tables, arrays of tables, free tables and a stop, in the order
// the struct declares them.
func TestTables(t *testing.T) {
	type cta struct {
		Text string `toml:"text" doc:"The words. Required."`
	}
	type brand struct {
		Name string `toml:"name" doc:"The name. Default: the title."`
		CTA  cta    `toml:"cta" doc:"A call to action."`
	}
	type item struct {
		N int `toml:"n" doc:"A number. Default: 0."`
	}
	type site struct {
		Title  string         `toml:"title" doc:"The title. Required."`
		Tags   []string       `toml:"tags" doc:"Tags. Default: none."`
		Params map[string]any `toml:"params" doc:"Anything."`
		Brand  brand          `toml:"brand" doc:"The look."`
		Items  []item         `toml:"items" doc:"Items."`
		Later  *item          `toml:"later" doc:"Documented elsewhere. Default: none."`
		Hidden string         `toml:"-"`
	}
	tables, err := reference.Tables(site{Tags: []string{"x"}}, "", "later")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, tb := range tables {
		line := tb.Header + ":"
		for _, k := range tb.Keys {
			line += " " + k.Name + "(" + k.Type + ";" + k.Default
			if k.Required {
				line += "required"
			}
			line += ")"
		}
		got = append(got, line)
	}
	want := []string{
		": title(string;required) tags(list of strings;none) params(table;) later(table;none)",
		"[brand]: name(string;the title)",
		"[brand.cta]: text(string;required)",
		"[[items]]: n(integer;0)",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("tables:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestDefaultsAreTheDefaults: a key's "Default:" starts with its value in the defaults
// the loaders start from (config.Default, rules.DefaultPolicy), written as TOML.
func TestDefaultsAreTheDefaults(t *testing.T) {
	for _, tt := range []struct {
		v     any
		table string
	}{{config.Default(), ""}, {rules.DefaultPolicy(), "timeline"}} {
		tables, err := reference.Tables(tt.v, tt.table)
		if err != nil {
			t.Fatal(err)
		}
		checked := 0
		for _, tb := range tables {
			for _, k := range tb.Keys {
				if !k.Value.IsValid() || k.Value.IsZero() {
					continue
				}
				var b bytes.Buffer
				if err := toml.NewEncoder(&b).Encode(map[string]any{"k": k.Value.Interface()}); err != nil {
					t.Fatal(err)
				}
				want := strings.TrimSpace(strings.TrimPrefix(b.String(), "k = "))
				if !strings.HasPrefix(k.Default, want) {
					t.Errorf("%s %s: doc says Default: %s, but the default is %s", tb.Header, k.Name, k.Default, want)
				}
				checked++
			}
		}
		if checked == 0 {
			t.Errorf("%T: no default checked", tt.v)
		}
	}
}

// TestExamples: the examples the reference shows are right: the menu and the page build on
// the built-in site, in the places and with what they say, and the message file decodes
// without a problem.
func TestExamples(t *testing.T) {
	site := fstest.MapFS{}
	err := fs.WalkDir(playbook.DefaultSite, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(playbook.DefaultSite, p)
		site[p] = &fstest.MapFile{Data: b}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	site[config.File].Data = append(site[config.File].Data, "\n"+reference.MenuExample...)
	// The page example, in a folder of events with its image beside it, built on a day
	// between its publishDate and its expiryDate.
	var jpg bytes.Buffer
	if err := jpeg.Encode(&jpg, image.NewGray(image.Rect(0, 0, 800, 450)), nil); err != nil {
		t.Fatal(err)
	}
	site["content/events/spring-fair.md"] = &fstest.MapFile{Data: []byte(reference.PageExample)}
	site["content/events/hall.jpg"] = &fstest.MapFile{Data: jpg.Bytes()}
	out := &output.MemoryOutput{}
	if _, err := generator.Build(context.Background(), sitefs.Source{Site: site, Defaults: playbook.DefaultSite},
		generator.Options{BaseURL: "https://example.org/careers/playbook/", Now: time.Date(2026, 4, 25, 12, 0, 0, 0, time.UTC)}, out); err != nil {
		t.Fatalf("the menu or page example does not build:\n%s", diag.Report(err))
	}
	fair := string(out.Files()["events/spring-fair/index.html"])
	for _, want := range []string{`<img src="/careers/playbook/events/hall.jpg" alt="The Great Hall" width="800" height="450">`, `href="/careers/playbook/events/"`, `class="footnote-ref"`} {
		if !strings.Contains(fair, want) {
			t.Errorf("the page example lacks %s:\n%s", want, fair)
		}
	}
	if !strings.Contains(string(out.Files()["_redirects"]), "/careers/playbook/fair/ /careers/playbook/events/spring-fair/ 301\n") {
		t.Errorf("the page example's alias is not in _redirects:\n%s", out.Files()["_redirects"])
	}
	home := string(out.Files()["index.html"])
	for _, want := range []string{
		`<li><a href="/careers/playbook/calculator/">Plan your follow-ups</a></li>`,
		`<li><a href="/careers/playbook/templates/">Message templates</a></li>`,
		`<li><a href="/careers/playbook/follow-ups/">Your follow-ups</a></li>`,
		`<li><a href="https://example-agency.com/contact/">Talk to a recruiter</a></li>
</ul>`,
	} {
		if !strings.Contains(home, want) {
			t.Errorf("the home page's menu lacks %s", want)
		}
	}
	if _, err := messages.Decode("content/messages/thank-you.toml", []byte(reference.MessageExample), rules.DefaultPolicy().MessageOptions()); err != nil {
		t.Errorf("the message example has problems:\n%s", diag.Report(err))
	}
}
