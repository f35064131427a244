package sitefs_test

import (
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/followup-playbook/playbook/generator/diag"
	"github.com/followup-playbook/playbook/generator/load/content"
	"github.com/followup-playbook/playbook/generator/load/sitefs"
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
	site, err := sitefs.Open(dir)
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
	// A link that stays inside is read, though Sub reads a folder's files without
	// following links (sitefs.Dir.ReadFile), as the os.Root does.
	if err := os.Symlink("a.md", filepath.Join(dir, "content", "guides", "c.md")); err != nil {
		t.Fatal(err)
	}
	if b, err := fs.ReadFile(sub, "c.md"); err != nil || string(b) != "inside" {
		t.Errorf("c.md, a link to a.md, through Sub: %q, %v", b, err)
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

// TestLoadManyFoldersFewFiles loads a site of 300 folders of two pages each through a
// SiteDir with the process allowed few open files: the load must hold no more folders
// open than it has workers.
func TestLoadManyFoldersFewFiles(t *testing.T) {
	dir := t.TempDir()
	for i := range 300 {
		for _, name := range []string{"a.md", "b.md"} {
			p := filepath.Join(dir, "content", fmt.Sprintf("topic-%03d", i), name)
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(p, []byte("+++\ntitle = \"T\"\n+++\nBody.\n"), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	site, err := sitefs.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer site.Close()
	fds, err := os.ReadDir("/proc/self/fd")
	if err != nil {
		t.Skip("no /proc/self/fd to count open files:", err)
	}
	var lim syscall.Rlimit
	if err := syscall.Getrlimit(syscall.RLIMIT_NOFILE, &lim); err != nil {
		t.Fatal(err)
	}
	low := lim
	low.Cur = uint64(len(fds) + 64)
	if err := syscall.Setrlimit(syscall.RLIMIT_NOFILE, &low); err != nil {
		t.Skip("cannot lower the open-file limit:", err)
	}
	defer syscall.Setrlimit(syscall.RLIMIT_NOFILE, &lim)

	pages, err := content.Load(site, content.Options{})
	if err != nil {
		t.Fatalf("load with %d open files allowed:\n%s", low.Cur, diag.Report(err))
	}
	if got := len(pages); got != 600+300 {
		t.Errorf("%d pages, want 600 and 300 section lists", got)
	}
}
