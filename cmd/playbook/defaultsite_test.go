package main

import (
	"bytes"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"testing"

	playbook "github.com/followup-playbook/playbook"
	"github.com/followup-playbook/playbook/generator/load/sitefs"
)

// repoRoot is the repository, which is the default site.
const repoRoot = "../.."

// defaultSiteFiles lists the default site's files as they are in the repository
// (site.toml, content/, layouts/, static/ but the generator's JavaScript tests), read from
// the disk rather than from the binary, so that a file the binary leaves out is missed.
func defaultSiteFiles(t *testing.T) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	root := os.DirFS(repoRoot)
	for _, top := range []string{"site.toml", "content", "layouts", sitefs.StaticDir} {
		err := fs.WalkDir(root, top, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			if rel, ok := strings.CutPrefix(p, sitefs.StaticDir+"/"); ok && sitefs.IsTestFile(rel) {
				return nil
			}
			files[p], err = fs.ReadFile(root, p)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if len(files) < 40 {
		t.Fatalf("only %d files in the default site", len(files))
	}
	return files
}

// TestDefaultSiteReachesBuild checks that every file of the default site is in the binary
// as it is in the repository, and reaches each build that falls back on it: of the
// built-in site (no site.toml anywhere), of a folder holding only site.toml, and of a
// site `playbook new` made. Every static file is published as it is (the service worker
// filled in), and every guidance page and message template is a page of the sites that
// have the content.
func TestDefaultSiteReachesBuild(t *testing.T) {
	files := defaultSiteFiles(t)
	for name, b := range files {
		if got, err := fs.ReadFile(playbook.DefaultSite, name); err != nil || !bytes.Equal(got, b) {
			t.Errorf("%s: not in the binary as in the repository (%v)", name, err)
		}
	}

	tmp := t.TempDir()
	bare := filepath.Join(tmp, "bare")
	write(t, filepath.Join(bare, "site.toml"), "title = \"Bare\"\n")
	thin := filepath.Join(tmp, "thin")
	if code, _, stderr := runCmd(t, "new", thin); code != 0 {
		t.Fatalf("new: exit %d: %s", code, stderr)
	}
	builtIn := filepath.Join(tmp, "built-in")
	if err := os.Mkdir(builtIn, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, site := range []struct {
		name, dir   string
		withContent bool
	}{
		{"built-in site", builtIn, true},
		{"site.toml only", bare, false},
		{"new site", thin, true},
	} {
		t.Run(site.name, func(t *testing.T) {
			t.Chdir(site.dir)
			if code, _, stderr := runCmd(t, "build", "-d", "out"); code != 0 {
				t.Fatalf("build: exit %d:\n%s", code, stderr)
			}
			out := readTree(t, "out")
			for name, b := range files {
				want, ok := outputOf(name, site.withContent)
				if !ok {
					continue
				}
				got, built := out[want]
				switch {
				case !built:
					t.Errorf("%s reaches no build: no %s", name, want)
				case strings.HasPrefix(name, sitefs.StaticDir+"/") && name != sitefs.StaticDir+"/sw.js" && name != sitefs.StaticDir+"/"+sitefs.HeadersFile && !bytes.Equal(got, b):
					// The service worker is filled in, and _headers made from the site's
					// (publish.headers: its paths and its policy fit the base URL).
					t.Errorf("%s is published as %s with other bytes", name, want)
				}
			}
		})
	}
}

// outputOf is the file a build publishes for the default site's file name, when a build
// publishes one for it: static/x as x, content/x.md as x/index.html, a message as its
// template page. A layout is no file of its own; the binary holding it is checked.
func outputOf(name string, withContent bool) (string, bool) {
	if rel, ok := strings.CutPrefix(name, sitefs.StaticDir+"/"); ok {
		return rel, true
	}
	rel, ok := strings.CutPrefix(name, "content/")
	if !ok || !withContent {
		return "", false
	}
	if id, ok := strings.CutPrefix(rel, "messages/"); ok {
		return "templates/" + strings.TrimSuffix(id, ".toml") + "/index.html", true
	}
	dir, base := path.Split(strings.TrimSuffix(rel, ".md"))
	if base == "_index" {
		return dir + "index.html", true
	}
	return dir + base + "/index.html", true
}
