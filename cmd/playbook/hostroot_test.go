package main

import (
	"bytes"
	"strings"
	"testing"

	"github.com/followup-playbook/playbook/generator/output"
)

// TestBuildHostRoot checks that build --host-root writes the destination as a host's root
// folder: the site under the base URL's path, _headers (and _redirects, for a site with
// aliases) at the top with its rules under that path, and 404.html at both places, where
// Netlify and where Cloudflare Pages look for it; and at the root, the same files as a
// build without it.
func TestBuildHostRoot(t *testing.T) {
	t.Chdir(t.TempDir())
	for _, args := range [][]string{
		{"build", "-b", "https://example.org/careers/playbook/", "-d", "plain"},
		{"build", "-b", "https://example.org/careers/playbook/", "-d", "nested", "--host-root"},
		{"build", "-d", "root", "--host-root"},
		{"build", "-d", "root-plain"},
	} {
		if code, _, stderr := runCmd(t, args...); code != 0 {
			t.Fatalf("%s: exit %d:\n%s", strings.Join(args, " "), code, stderr)
		}
	}
	plain, nested := readTree(t, "plain"), readTree(t, "nested")
	if len(nested) != len(plain)+1 {
		t.Errorf("--host-root wrote %d files, a build without it %d, and one more is the 404 page at the top", len(nested), len(plain))
	}
	if !bytes.Equal(nested["404.html"], plain["404.html"]) || !bytes.Equal(nested["careers/playbook/404.html"], plain["404.html"]) {
		t.Error("--host-root: 404.html is not both at the top and beside the site")
	}
	for name, b := range plain {
		want := "careers/playbook/" + name
		if name == "_headers" || name == output.Marker {
			want = name
		}
		if !bytes.Equal(nested[want], b) {
			t.Errorf("%s: not at %s as built", name, want)
		}
	}
	if !strings.Contains(string(nested["_headers"]), "\n/careers/playbook/*\n") {
		t.Errorf("_headers has no rule for /careers/playbook/*:\n%s", nested["_headers"])
	}
	root, rootPlain := readTree(t, "root"), readTree(t, "root-plain")
	if len(root) != len(rootPlain) {
		t.Errorf("at the root, --host-root wrote %d files, a build without it %d", len(root), len(rootPlain))
	}
	for name, b := range rootPlain {
		if !bytes.Equal(root[name], b) {
			t.Errorf("at the root, --host-root changed %s", name)
		}
	}
}

// TestBuildHostRootRedirects: a page's aliases give _redirects lines under the base path,
// at the top of a --host-root build, and a redirect page beside the site.
func TestBuildHostRootRedirects(t *testing.T) {
	t.Chdir(t.TempDir())
	write(t, "site.toml", "title = \"Site\"\n")
	write(t, "content/cv.md", "+++\ntitle = \"Your CV\"\naliases = [\"/resume/\"]\n+++\nBring copies.\n")
	if code, _, stderr := runCmd(t, "build", "-b", "https://example.org/careers/", "--host-root"); code != 0 {
		t.Fatalf("exit %d:\n%s", code, stderr)
	}
	files := readTree(t, "public")
	if got, want := string(files["_redirects"]), "/careers/resume/ /careers/cv/ 301\n"; got != want {
		t.Errorf("_redirects = %q, want %q", got, want)
	}
	if !strings.Contains(string(files["careers/resume/index.html"]), `<meta http-equiv="refresh" content="0; url=/careers/cv/">`) {
		t.Errorf("no redirect page at careers/resume/:\n%s", files["careers/resume/index.html"])
	}
}
