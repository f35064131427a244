package generator_test

import (
	"context"
	"os"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

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

// TestEveryFigureFollowsTheRules changes every timing rule of the default site to unusual
// values and checks that no page states an old figure, in its text or its descriptions,
// and that every new one shows somewhere. The sources page is left out: it quotes the
// articles' own figures.
func TestEveryFigureFollowsTheRules(t *testing.T) {
	site := copySite(t, os.DirFS(".."))
	durations := map[string]string{
		`"24 hours"`: `"29 hours"`, `"7 days"`: `"11 days"`, `"14 days"`: `"17 days"`, `"2 hours"`: `"5 hours"`,
		`"1 business day"`: `"4 business days"`, `"2 business days"`: `"6 business days"`,
	}
	for name, f := range site {
		if !strings.HasPrefix(name, messages.Dir+"/") {
			continue
		}
		_, timing, ok := strings.Cut(string(f.Data), "\n[timing]\n")
		if !ok {
			continue
		}
		changed := timing
		for old, new := range durations {
			changed = strings.ReplaceAll(changed, old, new)
		}
		site[name] = &fstest.MapFile{Data: []byte(strings.Replace(string(f.Data), timing, changed, 1)), Mode: 0o644}
	}
	site["site.toml"] = &fstest.MapFile{Data: []byte(strings.Replace(string(site["site.toml"].Data), "[timeline]\n",
		"[timeline]\nday_start = \"07:00\"\nday_end = \"19:00\"\nmonday_before = \"09:30\"\nmax_chasers = 3\nchaser_time = \"10:45\"\nlinkedin_limit = 230\nlinkedin_limit_premium = 330\n", 1)), Mode: 0o644}
	files, err := build(t, site)
	if err != nil {
		t.Fatalf("build:\n%s", diag.Report(err))
	}
	old := regexp.MustCompile(`\b(?:24 hours|7 days|14 days|2 hours|1 business day|2 business days|200 characters|300 characters|08:00 to 18:00|09:00|10:00|a (?:business )?day|a week|two (?:business )?days|two weeks|two chasers|2 polite)\b`)
	seen := map[string]bool{}
	news := []string{"29 hours", "11 days", "17 days", "4 business days", "6 business days", "230 characters", "07:00 to 19:00", "09:30", "10:45", "3 polite"}
	for _, name := range sortedNames(files) {
		if !strings.HasSuffix(name, ".html") || name == "sources/index.html" {
			continue
		}
		text := string(files[name])
		for _, m := range old.FindAllStringIndex(text, -1) {
			t.Errorf("%s still says %q: …%s…", name, text[m[0]:m[1]], text[max(m[0]-60, 0):min(m[1]+30, len(text))])
		}
		for _, n := range news {
			seen[n] = seen[n] || strings.Contains(text, n)
		}
	}
	for _, n := range news {
		if !seen[n] {
			t.Errorf("no page says %q", n)
		}
	}
}
