package main

import (
	"bytes"
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/followup-playbook/playbook/generator/reference"
)

// runCmd runs the command line as main would and returns its exit code and output.
func runCmd(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	err := run(context.Background(), args, &out, &errb)
	code = exitCode(err, &errb)
	return code, out.String(), errb.String()
}

func TestUsage(t *testing.T) {
	t.Chdir(t.TempDir()) // no site.toml here or above: the built-in site
	tests := []struct {
		args     []string
		code     int
		contains string
	}{
		{[]string{"help"}, 0, "build"},
		{[]string{"help", "build"}, 0, "--destination"},
		{[]string{"help", "config"}, 0, "[menu_options]"},
		{[]string{"help", "messages"}, 0, "max_length"},
		{[]string{"help", "timing"}, 0, "linkedin_limit_premium"},
		{[]string{"help", "figures"}, 0, "The figures of the built-in site"},
		{[]string{"help", "figures", "-s", "/nonexistent-site"}, 2, "has no site.toml"},
		{[]string{"help", "timing", "extra"}, 2, `unexpected argument "extra"`},
		{[]string{"help", "config", "-s", "."}, 2, "flag provided but not defined: -s"},
		{[]string{"help", "nope"}, 2, `help: no command or topic "nope"; the commands are build, check, new, plan, serve, version, the topics config, pages, messages, timing, figures`},
		{[]string{"build", "-h"}, 0, "--buildDrafts"},
		{nil, 2, "no command"},
		{[]string{"bild"}, 2, `unknown command "bild"`},
		{[]string{"build", "--nope"}, 2, "flag provided but not defined: -nope"},
		{[]string{"build", "extra"}, 2, `unexpected argument "extra"`},
		{[]string{"build", "-s", "/nonexistent-site"}, 2, "has no site.toml"},
		{[]string{"build", "-b", "example.com/path/"}, 2, `--baseURL: baseURL "example.com/path/" is not an absolute URL or a path starting with /; did you mean https://example.com/path/?`},
		{[]string{"check", "--baseURL", "https://"}, 2, "write it as https://example.org/path/ or /path/"},
		{[]string{"serve", "-b", "careers/"}, 2, "did you mean https://careers/?"},
		{[]string{"version"}, 0, "playbook"},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			code, stdout, stderr := runCmd(t, tt.args...)
			if code != tt.code {
				t.Errorf("exit code %d, want %d (stderr: %s)", code, tt.code, stderr)
			}
			if !strings.Contains(stdout+stderr, tt.contains) {
				t.Errorf("output does not mention %q:\n%s%s", tt.contains, stdout, stderr)
			}
		})
	}
}

// TestBuildEmbeddedSiteFromEmptyFolder is the promise of the README: with no site on
// disk, build writes the built-in site, its home page links to every content page, and
// a second build is byte-identical.
func TestBuildEmbeddedSiteFromEmptyFolder(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	code, stdout, stderr := runCmd(t, "build")
	if code != 0 {
		t.Fatalf("exit %d:\n%s", code, stderr)
	}
	if !regexp.MustCompile(`^built \d+ pages, \d+ templates, \d+ files, \d+ bytes in \d+ ms into public\n$`).MatchString(stdout) {
		t.Errorf("summary line = %q", stdout)
	}
	first := readTree(t, filepath.Join(dir, "public"))
	home := string(first["index.html"])
	pages, _ := fs.Glob(os.DirFS(filepath.Join(dir, "public")), "*/index.html")
	if len(pages) < 2 {
		t.Fatalf("only %d pages built", len(pages))
	}
	for _, p := range pages {
		link := `href="/` + strings.TrimSuffix(p, "index.html") + `"`
		if !strings.Contains(home, link) {
			t.Errorf("home page has no link %s", link)
		}
	}
	if code, _, stderr := runCmd(t, "build"); code != 0 {
		t.Fatalf("second build: exit %d:\n%s", code, stderr)
	}
	second := readTree(t, filepath.Join(dir, "public"))
	if len(first) != len(second) {
		t.Fatalf("second build wrote %d files, first %d", len(second), len(first))
	}
	for n, b := range first {
		if !bytes.Equal(second[n], b) {
			t.Errorf("%s differs between two builds of the same input", n)
		}
	}
}

func TestBuildBadSiteExitsOneAndKeepsOutput(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	write(t, "site.toml", "title = \"Site\"\n")
	write(t, "content/a.md", "+++\ntitle = \"A\"\n+++\nSee [b](b.md).\n")
	// With no output yet, none was kept: the report says nothing was written.
	code, _, stderr := runCmd(t, "build")
	if want := "1 problem(s) found; nothing was written\n"; code != 1 || !strings.HasSuffix(stderr, want) {
		t.Errorf("first build: exit %d, want 1 and %q:\n%s", code, want, stderr)
	}
	write(t, "content/b.md", "+++\ntitle = \"B\"\n+++\n")
	if code, _, stderr := runCmd(t, "build"); code != 0 {
		t.Fatalf("exit %d:\n%s", code, stderr)
	}
	before := readTree(t, "public")
	os.Remove("content/b.md")
	code, _, stderr = runCmd(t, "build")
	if code != 1 {
		t.Errorf("exit %d, want 1", code)
	}
	for _, want := range []string{"content/a.md:4:5: broken link: b.md", "See [b](b.md).", "1 problem(s) found; public was left as it was"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr does not mention %q:\n%s", want, stderr)
		}
	}
	after := readTree(t, "public")
	if len(after) != len(before) || !bytes.Equal(after["a/index.html"], before["a/index.html"]) {
		t.Error("the previous output changed")
	}
	if code, _, stderr := runCmd(t, "check"); code != 1 || !strings.Contains(stderr, "broken link") {
		t.Errorf("check: exit %d, stderr %s", code, stderr)
	}
}

func write(t *testing.T, name, data string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

func readTree(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := fs.WalkDir(os.DirFS(dir), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(filepath.Join(dir, p))
		files[p] = b
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// TestCheckMenuUnderBaseURL: check resolves the menu under the base URL it is given. An
// address under the site's own base URL is one of its pages, so the same entry passes
// while the site is hosted elsewhere and is reported, at its line, once it is not.
func TestCheckMenuUnderBaseURL(t *testing.T) {
	t.Chdir(t.TempDir())
	write(t, "site.toml", "title = \"Site\"\n\n[[menu]]\nname = \"Jobs\"\nurl = \"https://x.test/careers/playbook/jobs/\"\n")
	write(t, "content/a.md", "+++\ntitle = \"A\"\n+++\n")
	if code, _, stderr := runCmd(t, "check"); code != 0 {
		t.Fatalf("check under /: exit %d:\n%s", code, stderr)
	}
	code, _, stderr := runCmd(t, "check", "-b", "https://x.test/careers/playbook/")
	if want := `site.toml:5:7: menu entry "Jobs" links to https://x.test/careers/playbook/jobs/, which is no page of the site`; code != 1 || !strings.Contains(stderr, want) {
		t.Errorf("check -b: exit %d, want 1 and %q in:\n%s", code, want, stderr)
	}
}

// TestHelpTopics: playbook help TOPIC prints the reference's topic, as docs/reference.md
// is made from, and the figures are those of the site at hand.
func TestHelpTopics(t *testing.T) {
	t.Chdir(t.TempDir())
	topics, err := reference.Topics(nil, "")
	if err != nil {
		t.Fatal(err)
	}
	for _, topic := range topics[:3] {
		var want bytes.Buffer
		if err := reference.Text(&want, topic); err != nil {
			t.Fatal(err)
		}
		if code, stdout, stderr := runCmd(t, "help", topic.Name); code != 0 || stdout != want.String() {
			t.Errorf("help %s: exit %d, stderr %s; stdout differs from reference.Text:\n%s", topic.Name, code, stderr, stdout)
		}
	}
	write(t, "site.toml", "title = \"Site\"\n\n[timeline]\nmax_chasers = 3\n")
	code, stdout, stderr := runCmd(t, "help", "figures")
	if code != 0 || !strings.Contains(stdout, "The figures of the site in this folder") || !regexp.MustCompile(`(?m)^  chasers\.max +3$`).MatchString(stdout) {
		t.Errorf("help figures in a site: exit %d, stderr %s, stdout:\n%s", code, stderr, stdout)
	}
}

// TestSiteFoundAbove: run from a folder inside a site, a command works on that site, as git
// finds its repository; where no folder up to the root has site.toml, it works on the
// built-in site and says so in one line, and only then.
func TestSiteFoundAbove(t *testing.T) {
	root := t.TempDir()
	t.Chdir(root)
	write(t, "uni/site.toml", "title = \"Northfield Careers\"\n")
	write(t, "uni/content/guides/fair.md", "+++\ntitle = \"The careers fair\"\n+++\nCome along.\n")
	const notice = "playbook: no site.toml in this folder or any above it; using the built-in site"

	t.Chdir(filepath.Join(root, "uni", "content", "guides"))
	code, stdout, stderr := runCmd(t, "build")
	if code != 0 || strings.Contains(stderr, notice) {
		t.Fatalf("build inside the site: exit %d, stderr:\n%s", code, stderr)
	}
	if want := "into " + filepath.Join("..", "..", "public"); !strings.Contains(stdout, want) {
		t.Errorf("build inside the site: %q does not say %q", stdout, want)
	}
	if b, err := os.ReadFile(filepath.Join(root, "uni", "public", "guides", "fair", "index.html")); err != nil || !strings.Contains(string(b), "Northfield Careers") {
		t.Errorf("the site's page is not in uni/public: %v", err)
	}
	if _, err := os.Stat("public"); err == nil {
		t.Error("build wrote public/ in the folder it was run from")
	}

	t.Chdir(root)
	for _, args := range [][]string{{"check"}, {"plan", "--interview", "2026-03-12T15:00", "--today", "2026-03-12T16:00"}} {
		code, _, stderr := runCmd(t, args...)
		if code != 0 || strings.Count(stderr, notice) != 1 || strings.Count(stderr, "\n") != 1 {
			t.Errorf("%s outside any site: exit %d, want 0 and the one line %q; stderr:\n%s", args[0], code, notice, stderr)
		}
	}
}

// TestCheckWarnsOfALinkToAnExpiredPage: a page that links to one gone by its expiryDate
// builds and checks with exit 0, both saying where the link is, what became of it and
// what to do; the built page has the link's text alone.
func TestCheckWarnsOfALinkToAnExpiredPage(t *testing.T) {
	t.Chdir(t.TempDir())
	write(t, "site.toml", "title = \"T\"\n")
	write(t, "content/fair.md", "+++\ntitle = \"Fair\"\nexpiryDate = 2020-05-15\n+++\n")
	write(t, "content/a.md", "+++\ntitle = \"A\"\n+++\nSee [the fair](fair.md).\n")
	for _, cmd := range []string{"check", "build"} {
		code, _, stderr := runCmd(t, cmd)
		if code != 0 {
			t.Errorf("%s: exit %d:\n%s", cmd, code, stderr)
		}
		for _, want := range []string{"content/a.md:4:5: warning: the link to fair.md (content/fair.md) is written as its text alone: the page expired on 2020-05-15", "-E (--buildExpired)", "See [the fair](fair.md).\n        ^", "1 warning(s)"} {
			if !strings.Contains(stderr, want) {
				t.Errorf("%s: stderr does not mention %q:\n%s", cmd, want, stderr)
			}
		}
	}
	if page, err := os.ReadFile("public/a/index.html"); err != nil || !strings.Contains(string(page), "<p>See the fair.</p>") {
		t.Errorf("the built page (%v):\n%s", err, page)
	}
}
