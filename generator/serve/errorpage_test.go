package serve

import (
	"errors"
	"fmt"
	"html"
	"regexp"
	"strings"
	"testing"

	"github.com/followup-playbook/playbook/generator/diag"
)

// TestErrorPageOrderIsReportOrder: the browser's error page and the terminal list the
// same problems in the same order, whatever order the build joined them in.
func TestErrorPageOrderIsReportOrder(t *testing.T) {
	var (
		layout = &diag.Error{Path: "layouts/page.html", Line: 4, Col: 2, Msg: "unclosed action", Source: "\t{{if .X}"}
		fm     = &diag.Error{Path: "content/a.md", Line: 2, Col: 9, Msg: "invalid TOML", Hint: "see https://toml.io", Source: "title = "}
		link   = &diag.Error{Path: "content/a.md", Line: 12, Col: 1, Msg: "broken link"}
		whole  = &diag.Error{Path: "content/a.md", Msg: "the file is empty"}
		key    = &diag.Error{Path: "site.toml", Line: 3, Col: 1, Msg: `unknown key "titel"`, Hint: "check its spelling"}
		plain  = errors.New("static/logo.png: permission denied")
	)
	tests := []struct {
		name string
		err  error
	}{
		{"flat", errors.Join(key, plain, link, layout, whole, fm)},
		{"nested", errors.Join(errors.Join(plain, errors.Join(key, link)), layout, errors.Join(fm, whole))},
		{"wrapped", errors.Join(fmt.Errorf("layouts: %w", errors.Join(layout)), errors.Join(link, fmt.Errorf("content: %w", errors.Join(whole, fm))), plain, key)},
	}
	var want []string
	for i, tt := range tests {
		report := reportHeads(diag.Report(tt.err))
		page := pageHeads(t, errorPage("1", tt.err))
		if strings.Join(report, "\n") != strings.Join(page, "\n") {
			t.Errorf("%s: the terminal lists\n%s\nthe error page\n%s", tt.name, strings.Join(report, "\n"), strings.Join(page, "\n"))
		}
		if len(report) != 6 {
			t.Errorf("%s: %d problems reported, want 6:\n%s", tt.name, len(report), strings.Join(report, "\n"))
		}
		if i == 0 {
			want = report
		} else if strings.Join(report, "\n") != strings.Join(want, "\n") {
			t.Errorf("%s: the order depends on the join:\n%s\nwant\n%s", tt.name, strings.Join(report, "\n"), strings.Join(want, "\n"))
		}
	}
}

// reportHeads is the first line of each problem in a terminal report.
func reportHeads(report string) []string {
	var out []string
	for _, l := range strings.Split(strings.TrimSuffix(report, "\n"), "\n") {
		if !strings.HasPrefix(l, "    ") {
			out = append(out, l)
		}
	}
	return out
}

var pageProblem = regexp.MustCompile(`(?s)<li>(?:<p class="pos">(.*?)</p>)?\s*<p class="msg">(.*?)</p>(?:<p class="hint">(.*?)</p>)?`)

// pageHeads is each problem of an error page, written the way the terminal report heads it.
func pageHeads(t *testing.T, page []byte) []string {
	t.Helper()
	var out []string
	for _, m := range pageProblem.FindAllStringSubmatch(string(page), -1) {
		pos, msg, hint := html.UnescapeString(m[1]), html.UnescapeString(m[2]), html.UnescapeString(m[3])
		head := "error: " + msg
		if pos != "" {
			head = pos + ": " + msg
		}
		if hint != "" {
			head += "; " + hint
		}
		out = append(out, head)
	}
	if len(out) == 0 {
		t.Fatalf("no problems found in the error page:\n%s", page)
	}
	return out
}
