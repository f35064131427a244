package generator_test

import (
	"context"
	"io/fs"
	"path/filepath"
	"strings"
	"testing"
	"time"

	playbook "github.com/followup-playbook/playbook"
	"github.com/followup-playbook/playbook/generator"
	"github.com/followup-playbook/playbook/generator/diag"
	"github.com/followup-playbook/playbook/generator/load/sitefs"
	"github.com/followup-playbook/playbook/generator/output"
)

// failingFS lists every file of FS but fails to open the one named, as a disk does when an
// editor deletes a file between the walk and the read, or its permissions deny reading
// (which a test running as root cannot arrange on a real disk).
type failingFS struct {
	fs.FS
	name string
	err  error
}

func (f failingFS) Open(name string) (fs.File, error) {
	if name == f.name {
		return nil, &fs.PathError{Op: "open", Path: name, Err: f.err}
	}
	return f.FS.Open(name)
}

// TestFilesFailingMidBuild builds over a good output with files that vanish or cannot be
// read after the walk listed them: each problem names the file, and the old output stays.
func TestFilesFailingMidBuild(t *testing.T) {
	tests := []struct {
		name, file string
		err        error
		want       string
	}{
		{"page vanishes", "content/first.md", fs.ErrNotExist, "content/first.md: cannot read: file does not exist"},
		{"page unreadable", "content/guides/second.md", fs.ErrPermission, "content/guides/second.md: cannot read: permission denied"},
		{"static file vanishes", "static/robots.txt", fs.ErrNotExist, "static/robots.txt"},
		{"partial unreadable", "layouts/partials/footer.html", fs.ErrPermission, "layouts/partials/footer.html"},
		{"site.toml unreadable", "site.toml", fs.ErrPermission, "site.toml"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			good, _ := fixture(t, "testdata/sites/basic.txtar")
			dest := filepath.Join(t.TempDir(), "public")
			build := func(site fs.FS) error {
				_, err := output.WriteDir(dest, func(out output.Output) error {
					_, err := generator.Build(context.Background(), sitefs.Source{Site: site, Defaults: playbook.DefaultSite}, generator.Options{}, out)
					return err
				})
				return err
			}
			if err := build(good); err != nil {
				t.Fatal(err)
			}
			before := snapshot(t, dest)
			start := time.Now()
			err := build(failingFS{good, tt.file, tt.err})
			if d := time.Since(start); d > 20*time.Second {
				t.Errorf("took %v", d)
			}
			if err == nil {
				t.Fatal("build succeeded; want an error")
			}
			if report := diag.Report(err); !strings.Contains(report, tt.want) {
				t.Errorf("report does not name %q:\n%s", tt.want, report)
			}
			assertUnchanged(t, dest, before)
		})
	}
}
