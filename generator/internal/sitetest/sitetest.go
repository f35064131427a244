// Package sitetest reads test sites written as one txtar archive: every file of the site,
// plus one section that lists the problems the test expects, one per line.
package sitetest

import (
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"golang.org/x/tools/txtar"
)

// Load reads the archive at path as a site. The section named expect is taken out and
// returned as its non-empty lines (nil when the archive has no such section).
func Load(t testing.TB, path, expect string) (fstest.MapFS, []string) {
	t.Helper()
	fsys, sections := Sections(t, path, expect)
	return fsys, sections[expect]
}

// Sections reads the archive at path as a site, less the sections named, each returned
// as its lines with the blank ones at the ends trimmed (a section the archive does not
// have is missing from the map).
func Sections(t testing.TB, path string, names ...string) (fstest.MapFS, map[string][]string) {
	t.Helper()
	a, err := txtar.ParseFile(path)
	if err != nil {
		t.Fatal(err)
	}
	fsys := fstest.MapFS{}
	sections := map[string][]string{}
	for _, f := range a.Files {
		if slices.Contains(names, f.Name) {
			sections[f.Name] = strings.Split(strings.TrimSpace(string(f.Data)), "\n")
			continue
		}
		fsys[f.Name] = &fstest.MapFile{Data: f.Data, Mode: 0o644}
	}
	return fsys, sections
}
