package generator_test

import (
	"context"
	"os"
	"regexp"
	"strings"
	"testing"

	playbook "github.com/followup-playbook/playbook"
	"github.com/followup-playbook/playbook/generator"
	"github.com/followup-playbook/playbook/generator/diag"
	"github.com/followup-playbook/playbook/generator/load/content"
	"github.com/followup-playbook/playbook/generator/load/messages"
	"github.com/followup-playbook/playbook/generator/load/rules"
	"github.com/followup-playbook/playbook/generator/load/sitefs"
	"github.com/followup-playbook/playbook/generator/output"
)

// repoSite is the default site as it sits in the repository, one folder up.
func repoSite() sitefs.Source {
	return sitefs.Source{Site: os.DirFS(".."), Defaults: playbook.DefaultSite}
}

// figureInProse matches a timing figure typed as a number ("7 days", "24 hours"): such
// figures must come from the rules through {{< rule KEY >}}, or prose and rules drift.
var figureInProse = regexp.MustCompile(`\b\d+\s*(?:-|to)?\s*(?:\d+\s*)?(?:hours?|days?|business days?|weeks?|characters|chasers?)\b`)

// TestGuidancePages holds the playbook's own content to its promises: every guidance page
// has a title and a description, every link resolves (the build fails otherwise), and no
// timing figure is typed by hand. The sources page may quote the sources' own figures, but
// what follows "Our rule" must take its figures from the rules.
func TestGuidancePages(t *testing.T) {
	site := os.DirFS("..")
	pages, err := content.Load(site, content.Options{})
	if err != nil {
		t.Fatalf("loading content:\n%s", diag.Report(err))
	}
	if len(pages) < 10 {
		t.Fatalf("only %d guidance pages", len(pages))
	}
	for _, p := range pages {
		if strings.TrimSpace(p.Title) == "" || strings.TrimSpace(p.Description) == "" {
			t.Errorf("%s: a guidance page needs a title and a description", p.Path)
		}
		for i, line := range strings.Split(string(p.Body), "\n") {
			n := p.BodyLine + i
			if p.Rel == "sources.md" {
				_, ours, found := strings.Cut(line, "Our rule")
				if !found {
					continue
				}
				line = ours
			}
			if m := figureInProse.FindString(line); m != "" {
				t.Errorf("%s:%d: %q is typed by hand; write it as {{< rule KEY >}} so it follows the rules", p.Path, n, m)
			}
		}
	}
	if _, err := generator.Build(context.Background(), repoSite(), generator.Options{}, &output.MemoryOutput{}); err != nil {
		t.Fatalf("the playbook does not build cleanly:\n%s", diag.Report(err))
	}
}

// TestFiguresFollowTheRules changes a rule and checks the prose follows it.
func TestFiguresFollowTheRules(t *testing.T) {
	site, _ := fixture(t, "testdata/sites/basic.txtar")
	site["content/first.md"].Data = []byte("+++\ntitle = \"First\"\n+++\nLinkedIn allows {{< rule linkedin.limit >}}.\n")
	site["site.toml"].Data = []byte(string(site["site.toml"].Data) + "\n[timeline]\nlinkedin_limit = 250\n")
	files, err := build(t, site)
	if err != nil {
		t.Fatalf("build:\n%s", diag.Report(err))
	}
	if got := string(files["first/index.html"]); !strings.Contains(got, "LinkedIn allows 250 characters.") {
		t.Errorf("the figure did not follow the rule:\n%s", got)
	}
}

// TestSiteMessages holds the playbook's own message templates to their promises: every
// one gives all three pieces of guidance, and each LinkedIn note, filled with its
// examples, fits the free account's limit the site's rules set.
func TestSiteMessages(t *testing.T) {
	timing, msgs, err := rules.Load(os.DirFS(".."))
	if err != nil {
		t.Fatalf("the site's messages or rules have problems:\n%s", diag.Report(err))
	}
	if len(msgs) < 9 {
		t.Fatalf("only %d message templates", len(msgs))
	}
	for _, m := range msgs {
		if m.Guidance.When == "" || m.Guidance.Personalise == "" || m.Guidance.Avoid == "" {
			t.Errorf("%s: guidance needs when, personalise and avoid", m.Path)
		}
		if m.Channel == messages.LinkedIn {
			if n := len([]rune(m.BodyTemplate().Fill(m.Examples()))); n > timing.Policy.LinkedInLimit {
				t.Errorf("%s: filled with its examples, the note is %d characters, over the limit of %d", m.Path, n, timing.Policy.LinkedInLimit)
			}
		}
	}
}
