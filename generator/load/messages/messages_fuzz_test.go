package messages

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/followup-playbook/playbook/generator/diag"
)

// unparse writes parts back as template text: the inverse of Parse.
func unparse(parts []Part) string {
	var b strings.Builder
	for _, p := range parts {
		if p.Name != "" {
			b.WriteString("{" + p.Name + "}")
			continue
		}
		b.WriteString(strings.NewReplacer("{", "{{", "}", "}}").Replace(p.Text))
	}
	return b.String()
}

// FuzzTemplate parses and fills arbitrary placeholder text. A text either parses into
// parts that write back to an equivalent template, with valid names, or fails with an
// offset pointing at a "{"; filling never re-reads a value as a placeholder, and a name
// without a value stays visible as {name}. Seeds live in testdata/fuzz/FuzzTemplate.
func FuzzTemplate(f *testing.F) {
	for _, s := range []string{
		"", "Dear {name},", "{{name}} }} } {", "{", "}", "{{", "{a", "{A}", "{a-b}", "{1}",
		"{name}{name}{role}", "x{a_1}y", "\xff{name}\x00", "{é}", "{name\n}",
	} {
		f.Add(s, "Priya")
	}
	f.Fuzz(func(t *testing.T, text, value string) {
		tpl, err := Parse(text)
		if err != nil {
			var se *SyntaxError
			if !asSyntax(err, &se) {
				t.Fatalf("error %T is not a *SyntaxError", err)
			}
			if se.Offset < 0 || se.Offset >= len(text) || text[se.Offset] != '{' {
				t.Fatalf("offset %d of %q does not point at a brace", se.Offset, text)
			}
			if _, err := Fill(text, nil); err == nil {
				t.Fatal("Fill accepted what Parse rejects")
			}
			return
		}
		for _, p := range tpl.Parts() {
			if p.Name != "" && !ValidName(p.Name) {
				t.Fatalf("placeholder %q is not a valid name", p.Name)
			}
			if p.Name == "" && p.Text == "" {
				t.Fatal("empty text part")
			}
		}
		again, err := Parse(unparse(tpl.Parts()))
		if err != nil {
			t.Fatalf("written back as %q, it no longer parses: %v", unparse(tpl.Parts()), err)
		}
		if fmt.Sprint(again.Parts()) != fmt.Sprint(tpl.Parts()) {
			t.Fatalf("round trip changed the parts: %v → %v", tpl.Parts(), again.Parts())
		}
		values := map[string]string{}
		want := ""
		for _, p := range tpl.Parts() {
			switch {
			case p.Name == "":
				want += p.Text
			case value == "":
				want += "{" + p.Name + "}"
			default:
				values[p.Name] = value
				want += value
			}
		}
		if got := tpl.Fill(values); got != want {
			t.Fatalf("Fill(%q) = %q, want %q", text, got, want)
		}
	})
}

func asSyntax(err error, se **SyntaxError) bool {
	e, ok := err.(*SyntaxError)
	*se = e
	return ok
}

// FuzzDecode decodes arbitrary message files. It must return, never panic, within a bound,
// and report each problem as a *diag.Error naming the file at a line inside it.
func FuzzDecode(f *testing.F) {
	for _, s := range []string{
		"",
		"id = \"x\"\ntitle = \"X\"\nchannel = \"email\"\nsubject = \"Hi {name}\"\nbody = \"Dear {name}\"\n[[fields]]\nname = \"name\"\nlabel = \"Name\"\n",
		"id = \"x\"\nchannel = \"linkedin\"\nbody = \"\"\"\n{a} {{ }}\n{\n\"\"\"\n[[fields]]\nname = \"a\"\nmax_length = -1\n",
		"id = 1\n",
		"[timing]\nstep = \"x\"\nwait = \"7 days\"\n",
		"body = '''{'''\nsubject = \"{b\"\n",
		"\ufeffid = \"x\"\r\ntitle = \"X\"\r\n",
	} {
		f.Add([]byte(s))
	}
	const p = "content/messages/x.toml"
	f.Fuzz(func(t *testing.T, src []byte) {
		start := time.Now()
		_, err := Decode(p, src, Options{Limits: map[string]int{LinkedIn: 200}})
		if d := time.Since(start); d > 2*time.Second {
			t.Errorf("Decode took %v", d)
		}
		if err == nil {
			return
		}
		lines := bytes.Count(src, []byte("\n")) + 1
		all := diag.All(err)
		if len(all) == 0 || len(all) != diag.Count(err) {
			t.Fatalf("error is not a list of *diag.Error: %v", err)
		}
		for _, d := range all {
			if d.Path != p || d.Line < 0 || d.Line > lines || d.Msg == "" {
				t.Errorf("problem %q not positioned inside the file", d.Error())
			}
		}
		_ = diag.Report(err)
	})
}
