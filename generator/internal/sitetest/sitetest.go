// Package sitetest reads test sites written as one txtar archive: every file of the site,
// plus one section that lists the problems the test expects, one per line.
package sitetest

import (
	"strings"
	"testing"
	"testing/fstest"

	"golang.org/x/tools/txtar"
)

// Load reads the archive at path as a site. The section named expect is taken out and
// returned as its non-empty lines (nil when the archive has no such section).
func Load(t testing.TB, path, expect string) (fstest.MapFS, []string) {
	t.Helper()
	a, err := txtar.ParseFile(path)
	if err != nil {
		t.Fatal(err)
	}
	fsys := fstest.MapFS{}
	var want []string
	for _, f := range a.Files {
		if f.Name == expect {
			want = strings.Split(strings.TrimSpace(string(f.Data)), "\n")
			continue
		}
		fsys[f.Name] = &fstest.MapFile{Data: f.Data, Mode: 0o644}
	}
	return fsys, want
}
