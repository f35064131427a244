package generator_test

import (
	"context"
	"html"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	playbook "github.com/followup-playbook/playbook"
	"github.com/followup-playbook/playbook/generator"
	"github.com/followup-playbook/playbook/generator/diag"
	"github.com/followup-playbook/playbook/generator/internal/sitetest"
	"github.com/followup-playbook/playbook/generator/load/sitefs"
	"github.com/followup-playbook/playbook/generator/output"
)

// menuBase is where every menu fixture is built: under a sub-path, as --baseURL gives it.
const menuBase = "https://x.test/careers/playbook/"

// TestMenus builds each fixture of testdata/menu under menuBase and compares the home
// page's navigation with its "menu" section, one "Name URL" line an entry, or the build's
// problems with its "errors" section.
func TestMenus(t *testing.T) {
	names, _ := filepath.Glob("testdata/menu/*.txtar")
	if len(names) == 0 {
		t.Fatal("no fixtures")
	}
	for _, name := range names {
		t.Run(strings.TrimSuffix(filepath.Base(name), ".txtar"), func(t *testing.T) {
			site, want := sitetest.Sections(t, name, "menu", "errors")
			out := &output.MemoryOutput{}
			_, err := generator.Build(context.Background(), sitefs.Source{Site: site, Defaults: playbook.DefaultSite}, generator.Options{BaseURL: menuBase}, out)
			if wantErrs, ok := want["errors"]; ok {
				var got []string
				for _, d := range diag.All(err) {
					got = append(got, d.Error())
				}
				if strings.Join(got, "\n") != strings.Join(wantErrs, "\n") {
					t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(wantErrs, "\n"))
				}
				return
			}
			if err != nil {
				t.Fatalf("build failed:\n%s", diag.Report(err))
			}
			if got := navOf(t, out.Files()["index.html"]); strings.Join(got, "\n") != strings.Join(want["menu"], "\n") {
				t.Errorf("menu:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want["menu"], "\n"))
			}
		})
	}
}

var (
	mainNav = regexp.MustCompile(`(?s)<nav aria-label="Main">(.*?)</nav>`)
	navLink = regexp.MustCompile(`<a href="([^"]*)"[^>]*>([^<]*)</a>`)
)

// navOf returns the entries of a page's main navigation as "Name URL" lines.
func navOf(t *testing.T, page []byte) []string {
	t.Helper()
	nav := mainNav.FindSubmatch(page)
	if nav == nil {
		t.Fatalf("no main navigation in:\n%s", page)
	}
	var lines []string
	for _, m := range navLink.FindAllSubmatch(nav[1], -1) {
		lines = append(lines, html.UnescapeString(string(m[2]))+" "+html.UnescapeString(string(m[1])))
	}
	return lines
}
