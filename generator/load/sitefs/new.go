package sitefs

import (
	"bytes"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"text/template"

	"github.com/followup-playbook/playbook/generator/load/config"
)

// StaticDir is the folder, at the site's root, whose files are published as they are.
const StaticDir = "static"

// HeadersFile is the file under static/ that Netlify and Cloudflare Pages read response
// headers from; the build publishes it with its paths under the base URL's.
const HeadersFile = "_headers"

// Module is the Go module the playbook command is installed from, as go.mod names it:
// the deploy recipes of a new site run `go install Module/cmd/playbook@VERSION`.
const Module = "github.com/followup-playbook/playbook"

// IsTestFile reports whether a file under static/ is only there for the generator's
// JavaScript tests (x.test.mjs, testdata/...): no build publishes it, and no new site
// gets it.
func IsTestFile(name string) bool {
	return strings.Contains(path.Base(name), ".test.") || strings.HasPrefix(name, "testdata/") || strings.Contains(name, "/testdata/")
}

// NewSite says what WriteNew writes besides the site's own files.
type NewSite struct {
	// Full writes the theme as well, every layout and static file, for a site that changes
	// them in place (and no longer gets the built-in theme's fixes for the files it has).
	Full bool
	// Version is the playbook release the deploy recipes install; "" or one that cannot
	// be installed (a development build's "(devel)", a "+dirty" one) installs "latest",
	// which the recipe says to pin.
	Version string
}

// recipes are the files a new site gets to put it online, templates of text/template over
// a recipe: the GitHub Pages workflow, Netlify's configuration and the site's notes.
//
//go:embed newsite
var recipes embed.FS

// recipeTarget is where a new site gets each file under newsite/.
func recipeTarget(name string) string {
	switch name {
	case "newsite/pages.yml":
		return ".github/workflows/pages.yml"
	default:
		return strings.TrimPrefix(name, "newsite/")
	}
}

// recipe is what the recipes' templates see.
type recipe struct {
	Module  string
	Version string
	Pinned  bool // Version is a release, not "latest"
	// GoVersion is the Go release for hosts that install one by name (Netlify's
	// GO_VERSION): the one this playbook was built with, which go.mod's go line allows.
	GoVersion string
}

// NotEmptyError says the folder named for a new site holds files already.
type NotEmptyError struct{ Dir string }

func (e *NotEmptyError) Error() string {
	return fmt.Sprintf("%s is not empty; choose a new folder", e.Dir)
}

// WriteNew writes a new site into dir from the built-in one in theme, and returns the
// files it wrote (slash-separated, under dir, sorted). A new site is thin: site.toml, its
// content (the guidance pages and content/messages/), static/_headers, and the deploy
// recipes; its layouts and every other static file come from the built-in theme at build
// time, so it gets the theme's fixes. With opts.Full it also gets every layout and static
// file to change. WriteNew refuses a dir that exists and is not empty, so nobody's work is
// overwritten (a *NotEmptyError).
func WriteNew(dir string, theme fs.FS, opts NewSite) ([]string, error) {
	if entries, err := os.ReadDir(dir); err == nil && len(entries) > 0 {
		return nil, &NotEmptyError{dir}
	} else if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("cannot use %s: %w", dir, err)
	}
	files, err := siteFiles(theme, opts.Full)
	if err != nil {
		return nil, err
	}
	if err := addRecipes(files, opts.Version); err != nil {
		return nil, err
	}
	names := slices.Sorted(maps.Keys(files))
	for _, n := range names {
		target := filepath.Join(dir, filepath.FromSlash(n))
		if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
			return nil, err
		}
		if err := os.WriteFile(target, files[n], 0o644); err != nil {
			return nil, err
		}
	}
	return names, nil
}

// siteFiles reads what a new site copies from theme: site.toml and content/, the static
// _headers, and with full every layout and static file but the generator's JavaScript tests.
func siteFiles(theme fs.FS, full bool) (map[string][]byte, error) {
	files := map[string][]byte{}
	copied := func(p string) bool {
		top, rest, _ := strings.Cut(p, "/")
		switch top {
		case config.File, "content":
			return true
		case StaticDir:
			return !IsTestFile(rest) && (full || rest == HeadersFile)
		case "layouts":
			return full
		}
		return false
	}
	err := fs.WalkDir(theme, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if p != "." && path.Base(p) == "testdata" && strings.HasPrefix(p, StaticDir+"/") {
				return fs.SkipDir
			}
			return nil
		}
		if !copied(p) {
			return nil
		}
		b, err := fs.ReadFile(theme, p)
		files[p] = b
		return err
	})
	return files, err
}

// addRecipes adds the deploy recipes, filled in for version, to files.
func addRecipes(files map[string][]byte, version string) error {
	r := recipe{Module: Module, Version: "latest"}
	if v, ok := strings.CutPrefix(runtime.Version(), "go"); ok {
		r.GoVersion = v
	}
	if installable(version) {
		r.Version, r.Pinned = version, true
	}
	names, err := fs.Glob(recipes, "newsite/*")
	if err != nil {
		return err
	}
	for _, from := range names {
		t, err := template.ParseFS(recipes, from)
		if err != nil {
			return err
		}
		var b bytes.Buffer
		if err := t.Execute(&b, r); err != nil {
			return err
		}
		files[recipeTarget(from)] = b.Bytes()
	}
	return nil
}

// installable reports whether `go install` can fetch version: a release or a
// pseudo-version, not a development build's "(devel)" nor a build from changed files
// ("+dirty").
func installable(version string) bool {
	return strings.HasPrefix(version, "v") && !strings.Contains(version, "+")
}
