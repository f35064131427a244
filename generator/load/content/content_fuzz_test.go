package content

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/followup-playbook/playbook/generator/diag"
)

// FuzzParse feeds arbitrary files to the front matter splitter and parser. Whatever the
// bytes, Parse must return (never panic or hang), every problem must be a positioned
// *diag.Error that names the file and a line inside it, and a page it accepts must have a
// title and a body that is the tail of the file. Seeds live in testdata/fuzz/FuzzParse.
func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"",
		"+++\ntitle = \"A\"\n+++\nbody\n",
		"\ufeff+++\r\ntitle = \"A\"\r\n+++\r\nbody\r\n",
		"+++\n",
		"+++\ntitle = \"A\"\n",
		"+++\n+++\n",
		"+++ \t\ntitle = 'x'\ncolour = 1\n+++\n",
		"+++\ntitle = \"A\"\ndate = 2026-13-45\n+++\n",
		"+++\n[params]\na.b.c = 1\ntitle = 2\n+++\n",
		"+++\ntitle = \"\"\"\n+++\n\"\"\"\n+++\n",
		"no front matter at all",
		"caf\xe9",
	} {
		f.Add([]byte(s))
	}
	const p = "content/guides/x.md"
	f.Fuzz(func(t *testing.T, src []byte) {
		start := time.Now()
		hang := time.AfterFunc(10*time.Second, func() { panic(fmt.Sprintf("Parse hangs on %q", src)) })
		page, err := Parse(p, src)
		hang.Stop()
		if d := time.Since(start); d > 2*time.Second {
			t.Errorf("Parse took %v on %d bytes", d, len(src))
		}
		lines := bytes.Count(src, []byte("\n")) + 1
		if err != nil {
			all := diag.All(err)
			if len(all) == 0 || len(all) != diag.Count(err) {
				t.Fatalf("error is not a list of *diag.Error: %#v", err)
			}
			for _, d := range all {
				if d.Path != p {
					t.Errorf("problem names %q, want %q: %v", d.Path, p, d)
				}
				if d.Line < 0 || d.Line > lines || d.Col < 0 {
					t.Errorf("problem at %d:%d is outside the file's %d lines: %v", d.Line, d.Col, lines, d)
				}
				if d.Msg == "" {
					t.Errorf("problem without a message: %#v", d)
				}
			}
			_ = diag.Report(err)
		}
		if !utf8.Valid(src) {
			if err == nil {
				t.Fatal("invalid UTF-8 accepted")
			}
			return
		}
		if page == nil {
			t.Fatal("a valid UTF-8 file gave no page")
		}
		if page.Path != p || page.URL == "" || !strings.HasSuffix(page.URL, "/") {
			t.Errorf("page placed at path %q URL %q", page.Path, page.URL)
		}
		if err == nil {
			if strings.TrimSpace(page.Title) == "" {
				t.Error("page without a title accepted")
			}
			if !bytes.HasSuffix(src, page.Body) {
				t.Error("body is not the tail of the file")
			}
			if page.BodyLine < 1 || page.BodyLine > lines+1 {
				t.Errorf("body starts on line %d of %d", page.BodyLine, lines)
			}
		}
	})
}
