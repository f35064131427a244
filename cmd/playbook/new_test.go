package main

import (
	"bytes"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"

	"github.com/followup-playbook/playbook/generator/load/sitefs"
	"github.com/followup-playbook/playbook/generator/output"
	"github.com/followup-playbook/playbook/generator/output/headerrules"
	"github.com/followup-playbook/playbook/generator/output/linkcheck"
)

// TestNewThin checks that `playbook new` writes the site's own files only: site.toml, its
// content, static/_headers and the deploy recipes; that the layouts and the rest come
// from the built-in theme (the site checks); and that it refuses a folder with files.
func TestNewThin(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "mysite")
	code, stdout, stderr := runCmd(t, "new", dir)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var want []string
	for name := range defaultSiteFiles(t) {
		if name == "site.toml" || strings.HasPrefix(name, "content/") {
			want = append(want, name)
		}
	}
	want = append(want, "static/_headers", "README.md", "netlify.toml", ".github/workflows/pages.yml")
	slices.Sort(want)
	got := slices.Sorted(func(yield func(string) bool) {
		for n := range readTree(t, dir) {
			if !yield(n) {
				return
			}
		}
	})
	if !slices.Equal(got, want) {
		t.Errorf("new wrote\n  %s\nwant\n  %s", strings.Join(got, "\n  "), strings.Join(want, "\n  "))
	}
	if !strings.Contains(stdout, "layouts and the other static files come from the built-in theme") {
		t.Errorf("new does not say where the theme comes from: %s", stdout)
	}
	if code, _, stderr := runCmd(t, "check", "-s", dir); code != 0 {
		t.Errorf("the new site does not check: %s", stderr)
	}
	// The folder named is the mistake: one on the command line, exit 2.
	if code, _, stderr := runCmd(t, "new", dir); code != 2 || !strings.Contains(stderr, "not empty") {
		t.Errorf("new over a non-empty folder: exit %d, want 2; %s", code, stderr)
	}
}

// TestNewFull checks that `playbook new --full` writes the whole theme too, but not the
// generator's JavaScript tests, and prints every file it wrote.
func TestNewFull(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "mysite")
	code, stdout, stderr := runCmd(t, "new", "--full", dir)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	tree := readTree(t, dir)
	for name, b := range defaultSiteFiles(t) {
		if !bytes.Equal(tree[name], b) {
			t.Errorf("new --full did not write %s as it is", name)
		}
	}
	for name := range tree {
		if strings.Contains(name, ".test.") || strings.Contains(name, "testdata") {
			t.Errorf("new --full wrote the generator's own test file %s", name)
		}
		if !strings.Contains(stdout, "\n  "+name+"\n") {
			t.Errorf("new --full does not list %s it wrote", name)
		}
	}
	if n := strings.Count(stdout, "\n  "); n != len(tree) {
		t.Errorf("new --full lists %d files; it wrote %d", n, len(tree))
	}
	if code, _, stderr := runCmd(t, "check", "-s", dir); code != 0 {
		t.Errorf("the full new site does not check: %s", stderr)
	}
}

// TestDeployRecipes runs the build command of each recipe a new site gets, read from the
// recipe's file so that it cannot drift from what the host runs, for a site under a
// sub-path, and checks the output as that host serves it: the site's link checker under
// the sub-path, and _headers where the host reads it, with its rules under the sub-path.
func TestDeployRecipes(t *testing.T) {
	goMod, err := os.ReadFile(filepath.Join(repoRoot, "go.mod"))
	if err != nil {
		t.Fatal(err)
	}
	if m := regexp.MustCompile(`(?m)^module (\S+)$`).FindSubmatch(goMod); m == nil || string(m[1]) != sitefs.Module {
		t.Fatalf("go.mod's module is %q; the recipes install %s", m, sitefs.Module)
	}
	install := "go install " + sitefs.Module + "/cmd/playbook@"

	t.Run("GitHub Pages", func(t *testing.T) {
		site := newSite(t)
		workflow := string(readFile(t, filepath.Join(site, ".github/workflows/pages.yml")))
		if !strings.Contains(workflow, "run: "+install) {
			t.Errorf("the workflow does not run %s...", install)
		}
		m := regexp.MustCompile(`(?m)^\s*- run: (playbook build .*)$`).FindStringSubmatch(workflow)
		if m == nil {
			t.Fatalf("no playbook build step in the workflow:\n%s", workflow)
		}
		// configure-pages gives a project site's address without its final slash.
		cmd := strings.ReplaceAll(m[1], "${{ steps.pages.outputs.base_url }}", "https://agency.github.io/playbook")
		args := buildArgs(t, cmd, nil)
		dest := flagValue(args, "-d")
		if !regexp.MustCompile(`(?m)^\s*path: ` + regexp.QuoteMeta(dest) + `$`).MatchString(workflow) {
			t.Errorf("the workflow uploads another folder than %s, which it builds", dest)
		}
		// Pages serves the artifact's root at /playbook/, the repository's name.
		checkHosted(t, site, args, dest, "", "https://agency.github.io/playbook/")
	})

	t.Run("Netlify", func(t *testing.T) {
		site := newSite(t)
		var cfg struct {
			Build struct {
				Command     string
				Publish     string
				Environment map[string]string
			}
		}
		if _, err := toml.DecodeFile(filepath.Join(site, "netlify.toml"), &cfg); err != nil {
			t.Fatal(err)
		}
		first, rest, _ := strings.Cut(cfg.Build.Command, " && ")
		if !strings.HasPrefix(first, install) {
			t.Errorf("the build command starts %q, not %s...", first, install)
		}
		env := cfg.Build.Environment
		if env["PLAYBOOK_PATH"] != "/" {
			t.Errorf("PLAYBOOK_PATH is %q; a new site lives at the root", env["PLAYBOOK_PATH"])
		}
		env["PLAYBOOK_PATH"] = "/careers/playbook/"
		env["URL"] = "https://example-agency.com"
		args := buildArgs(t, rest, env)
		if dest := flagValue(args, "-d"); dest != cfg.Build.Publish {
			t.Errorf("the command builds into %s; Netlify publishes %s", dest, cfg.Build.Publish)
		}
		// Netlify serves the published folder as the host's root: the site is under it
		// at careers/playbook/, and _headers at its top.
		checkHosted(t, site, args, cfg.Build.Publish, "careers/playbook/", "https://example-agency.com/careers/playbook/")
	})

	// Cloudflare Pages runs netlify.toml's command (above); S3's is in docs/deploy.md.
	t.Run("S3 and CloudFront", func(t *testing.T) {
		doc := string(readFile(t, filepath.Join(repoRoot, "docs/deploy.md")))
		_, s3, ok := strings.Cut(doc, "## Amazon S3")
		m := regexp.MustCompile(`(?m)^(playbook build .*)$`).FindStringSubmatch(s3)
		if !ok || m == nil {
			t.Fatal("docs/deploy.md has no S3 section with a playbook build command")
		}
		args := buildArgs(t, m[1], nil)
		// The bucket's key prefix is the sub-path: the folder is the site itself.
		checkHosted(t, newSite(t), args, flagValue(args, "-d"), "", flagValue(args, "-b"))
	})
}

// newSite writes a new site into a temporary folder.
func newSite(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "site")
	if code, _, stderr := runCmd(t, "new", dir); code != 0 {
		t.Fatalf("new: exit %d: %s", code, stderr)
	}
	return dir
}

// buildArgs splits a recipe's shell command (one `playbook build ...`, words in double
// quotes or none, $VAR and ${VAR} from env) into the arguments of run.
func buildArgs(t *testing.T, cmd string, env map[string]string) []string {
	t.Helper()
	var words []string
	var word strings.Builder
	inWord, quoted := false, false
	for i := 0; i < len(cmd); i++ {
		c := cmd[i]
		switch {
		case c == '\\' && i+1 < len(cmd):
			i++
			word.WriteByte(cmd[i])
			inWord = true
		case c == '"':
			quoted, inWord = !quoted, true
		case c == ' ' && !quoted:
			if inWord {
				words = append(words, os.Expand(word.String(), func(k string) string { return env[k] }))
				word.Reset()
				inWord = false
			}
		default:
			word.WriteByte(c)
			inWord = true
		}
	}
	if quoted {
		t.Fatalf("unclosed quote in %q", cmd)
	}
	if inWord {
		words = append(words, os.Expand(word.String(), func(k string) string { return env[k] }))
	}
	if len(words) < 2 || path.Base(words[0]) != "playbook" || words[1] != "build" {
		t.Fatalf("%q is no playbook build command", cmd)
	}
	return words[1:]
}

// flagValue is the value of the flag name in args ("" when absent).
func flagValue(args []string, name string) string {
	if i := slices.Index(args, name); i >= 0 && i+1 < len(args) {
		return args[i+1]
	}
	return ""
}

// checkHosted runs the build args in site and checks the folder dest as a host serves
// it: the site's files under under, at baseURL, with every link resolving, and _headers at
// dest's top sending the security headers to the site's pages (and a copy of 404.html).
func checkHosted(t *testing.T, site string, args []string, dest, under, baseURL string) {
	t.Helper()
	t.Chdir(site)
	if code, _, stderr := runCmd(t, args...); code != 0 {
		t.Fatalf("%s: exit %d:\n%s", strings.Join(args, " "), code, stderr)
	}
	files := map[string][]byte{}
	tree := readTree(t, dest)
	for name, b := range tree {
		if name == output.Marker || name == sitefs.HeadersFile {
			continue
		}
		if name == "404.html" && under != "" {
			// Also at the top, where Netlify serves it for every missing address.
			if !bytes.Equal(b, tree[under+name]) {
				t.Errorf("the 404.html at the top is not the site's")
			}
			continue
		}
		rel, ok := strings.CutPrefix(name, under)
		if !ok {
			t.Errorf("%s is outside %s", name, under)
			continue
		}
		files[rel] = b
	}
	res, err := linkcheck.Check(files, baseURL)
	if err != nil {
		t.Fatal(err)
	}
	if res.Pages < 20 || res.Checked < 100 {
		t.Errorf("only %d pages and %d links checked", res.Pages, res.Checked)
	}
	for _, p := range res.Problems {
		t.Error(p)
	}
	rules := headerrules.Parse(readFile(t, filepath.Join(dest, sitefs.HeadersFile)))
	u, err := url.Parse(baseURL)
	if err != nil {
		t.Fatal(err)
	}
	page := u.Path + "templates/chaser/"
	if got := headerrules.For(rules, page); len(got["Content-Security-Policy"]) != 1 {
		t.Errorf("_headers sends %s no Content-Security-Policy: %v", page, got)
	}
}

func readFile(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
