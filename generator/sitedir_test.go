package generator_test

import (
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/followup-playbook/playbook/generator"
)

// TestSiteDirStaysInside reads a site folder through OpenSiteDir and its Sub, and checks
// that neither follows a symlink out of the folder.
func TestSiteDirStaysInside(t *testing.T) {
	dir, outside := t.TempDir(), t.TempDir()
	mustWrite := func(name, data string) {
		t.Helper()
		if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(name, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	mustWrite(filepath.Join(dir, "content", "guides", "a.md"), "inside")
	mustWrite(filepath.Join(outside, "secret.md"), "secret")
	if err := os.Symlink(outside, filepath.Join(dir, "content", "elsewhere")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(outside, "secret.md"), filepath.Join(dir, "content", "guides", "b.md")); err != nil {
		t.Fatal(err)
	}
	site, err := generator.OpenSiteDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer site.Close()

	sub, err := fs.Sub(site, "content/guides")
	if err != nil {
		t.Fatal(err)
	}
	defer sub.(io.Closer).Close()
	if b, err := fs.ReadFile(sub, "a.md"); err != nil || string(b) != "inside" {
		t.Errorf("a.md through Sub: %q, %v", b, err)
	}
	if b, err := fs.ReadFile(site, "content/guides/a.md"); err != nil || string(b) != "inside" {
		t.Errorf("a.md: %q, %v", b, err)
	}
	for name, read := range map[string]func() ([]byte, error){
		"b.md through Sub":            func() ([]byte, error) { return fs.ReadFile(sub, "b.md") },
		"content/guides/b.md":         func() ([]byte, error) { return fs.ReadFile(site, "content/guides/b.md") },
		"content/elsewhere/secret.md": func() ([]byte, error) { return fs.ReadFile(site, "content/elsewhere/secret.md") },
		"secret.md through Sub": func() ([]byte, error) {
			s, err := fs.Sub(site, "content/elsewhere")
			if err != nil {
				return nil, err
			}
			return fs.ReadFile(s, "secret.md")
		},
		"Sub of a path that goes up": func() ([]byte, error) { _, err := fs.Sub(site, "../x"); return nil, err },
	} {
		b, err := read()
		if err == nil || strings.Contains(string(b), "secret") {
			t.Errorf("%s: read %q, %v; want an error", name, b, err)
		}
	}
}
