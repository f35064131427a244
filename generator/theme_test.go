package generator_test

import (
	"io/fs"
	"regexp"
	"strings"
	"testing"

	playbook "github.com/followup-playbook/playbook"
)

// TestThemeCSSForWebKit: no stylesheet of the theme writes text-decoration as a shorthand
// of more than a line (underline dotted var(--muted)): WebKit drops such a declaration
// whole, and the filled-in words of a template lose their underline in Safari.
func TestThemeCSSForWebKit(t *testing.T) {
	shorthand := regexp.MustCompile(`(?:^|[;{\s])text-decoration\s*:\s*([^;}]*)`)
	checked := 0
	err := fs.WalkDir(playbook.DefaultSite, "static", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".css") {
			return err
		}
		b, err := fs.ReadFile(playbook.DefaultSite, p)
		checked++
		for _, m := range shorthand.FindAllStringSubmatch(string(b), -1) {
			if len(strings.Fields(m[1])) > 1 {
				t.Errorf("%s: text-decoration: %s; write text-decoration-line, -style and -color", p, m[1])
			}
		}
		return err
	})
	if err != nil || checked == 0 {
		t.Fatalf("%d stylesheets checked: %v", checked, err)
	}
}
