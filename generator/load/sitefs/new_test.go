package sitefs_test

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/followup-playbook/playbook/generator/load/sitefs"
)

// theme is a built-in site in small: what a new site copies, and what it leaves to the theme.
var theme = fstest.MapFS{
	"site.toml":                  {Data: []byte("title = \"T\"\n")},
	"content/_index.md":          {Data: []byte("+++\ntitle = \"Home\"\n+++\n")},
	"content/messages/a.toml":    {Data: []byte("title = \"A\"\n")},
	"layouts/base.html":          {Data: []byte("<html></html>")},
	"static/_headers":            {Data: []byte("/*\n  X: y\n")},
	"static/css/site.css":        {Data: []byte("body{}")},
	"static/js/a.js":             {Data: []byte("export {}")},
	"static/js/a.test.mjs":       {Data: []byte("test")},
	"static/js/testdata/v.json":  {Data: []byte("{}")},
	"scripts/tool/main.go":       {Data: []byte("package main")},
	"generator/testdata/x.txtar": {Data: []byte("x")},
}

func TestWriteNew(t *testing.T) {
	recipes := []string{".github/workflows/pages.yml", "README.md", "netlify.toml"}
	own := []string{"content/_index.md", "content/messages/a.toml", "site.toml", "static/_headers"}
	themeFiles := []string{"layouts/base.html", "static/css/site.css", "static/js/a.js"}
	tests := []struct {
		name    string
		opts    sitefs.NewSite
		want    []string
		install string // in every recipe
		pinNote bool   // the recipes ask to pin a release
	}{
		{"thin, a release", sitefs.NewSite{Version: "v1.4.0"}, append(own, recipes...), "cmd/playbook@v1.4.0", false},
		{"thin, a pseudo-version", sitefs.NewSite{Version: "v0.0.0-20261201230000-b1f7d90abcde"}, append(own, recipes...), "cmd/playbook@v0.0.0-20261201230000-b1f7d90abcde", false},
		{"thin, a development build", sitefs.NewSite{Version: "(devel)"}, append(own, recipes...), "cmd/playbook@latest", true},
		{"thin, changed files", sitefs.NewSite{Version: "v1.4.0+dirty"}, append(own, recipes...), "cmd/playbook@latest", true},
		{"full", sitefs.NewSite{Full: true, Version: "v1.4.0"}, append(append(own, recipes...), themeFiles...), "cmd/playbook@v1.4.0", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "site")
			got, err := sitefs.WriteNew(dir, theme, tt.opts)
			if err != nil {
				t.Fatal(err)
			}
			want := slices.Sorted(slices.Values(tt.want))
			if strings.Join(got, "\n") != strings.Join(want, "\n") {
				t.Errorf("wrote\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
			}
			for _, f := range want {
				if _, err := os.Stat(filepath.Join(dir, filepath.FromSlash(f))); err != nil {
					t.Errorf("listed %s but did not write it: %v", f, err)
				}
			}
			for _, r := range recipes {
				b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(r)))
				if err != nil {
					t.Fatal(err)
				}
				if !strings.Contains(string(b), sitefs.Module+"/"+tt.install) {
					t.Errorf("%s does not install %s/%s:\n%s", r, sitefs.Module, tt.install, b)
				}
				if note := strings.Contains(string(b), "Pin the release") || strings.Contains(string(b), "pin a release"); note != tt.pinNote {
					t.Errorf("%s: asks to pin a release: %v, want %v", r, note, tt.pinNote)
				}
			}
		})
	}
}

func TestWriteNewRefusesAFolderWithFiles(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := sitefs.WriteNew(dir, theme, sitefs.NewSite{}); err == nil || !strings.Contains(err.Error(), "is not empty") {
		t.Errorf("WriteNew over a folder with files: %v", err)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "notes.txt")); string(b) != "mine" {
		t.Errorf("notes.txt is now %q", b)
	}
}
