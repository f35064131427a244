package sitefs

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
)

// StaticDir is the folder, at the site's root, whose files are published as they are.
const StaticDir = "static"

// HeadersFile is the file under static/ that Netlify and Cloudflare Pages read response
// headers from; the build publishes it with its paths under the base URL's.
const HeadersFile = "_headers"

// IsTestFile reports whether a file under static/ is only there for the generator's
// JavaScript tests (x.test.mjs, testdata/...): no build publishes it, and no new site
// gets it.
func IsTestFile(name string) bool {
	return strings.Contains(path.Base(name), ".test.") || strings.HasPrefix(name, "testdata/") || strings.Contains(name, "/testdata/")
}

// WriteNew copies the site in fsys (the built-in one) into dir as a starting point. It
// refuses a dir that exists and is not empty, so nobody's work is overwritten.
func WriteNew(dir string, fsys fs.FS) error {
	if entries, err := os.ReadDir(dir); err == nil && len(entries) > 0 {
		return fmt.Errorf("%s is not empty; choose a new folder", dir)
	} else if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("cannot use %s: %w", dir, err)
	}
	return fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		// The JavaScript tests and their data are the generator's, not the new site's.
		if rel, ok := strings.CutPrefix(p, StaticDir+"/"); ok && (IsTestFile(rel) || d.IsDir() && path.Base(rel) == "testdata") {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		target := filepath.Join(dir, filepath.FromSlash(p))
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		b, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		return os.WriteFile(target, b, 0o644)
	})
}
