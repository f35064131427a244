package generator

import (
	"errors"
	"io/fs"
	"testing"
	"testing/fstest"
)

// TestReuseReadsAgain: a memo is taken again only while every file, folder and stat its
// load read reads the same, in each layer; a load that failed or opened a file is kept for
// no later build.
func TestReuseReadsAgain(t *testing.T) {
	site := fstest.MapFS{"layouts/a.html": {Data: []byte("a")}, "layouts/b.html": {Data: []byte("b")}}
	theme := fstest.MapFS{"layouts/base.html": {Data: []byte("base")}}
	loads := 0
	var failWith error
	load := func(fss []fs.FS) (int, error) {
		loads++
		n := 0
		for _, f := range fss {
			if err := fs.WalkDir(f, "layouts", func(p string, d fs.DirEntry, err error) error {
				if err == nil && !d.IsDir() {
					_, err = fs.ReadFile(f, p)
					n++
				}
				return err
			}); err != nil {
				return 0, err
			}
		}
		if _, err := fs.ReadFile(fss[0], "site.toml"); !errors.Is(err, fs.ErrNotExist) {
			n += 100
		}
		return n, failWith
	}
	var m *memo[int]
	check := func(what string, wantLoads, wantN int, wantAgain bool) {
		t.Helper()
		n, again, err := reuse(&m, []fs.FS{site, theme}, load)
		if err != nil && failWith == nil {
			t.Fatal(err)
		}
		if loads != wantLoads || n != wantN || again != wantAgain {
			t.Errorf("%s: %d loads, value %d, again %v; want %d, %d, %v", what, loads, n, again, wantLoads, wantN, wantAgain)
		}
	}
	check("first", 1, 3, false)
	check("nothing changed", 1, 3, true)
	site["layouts/a.html"] = &fstest.MapFile{Data: []byte("A")}
	check("a file's bytes", 2, 3, false)
	check("nothing changed since", 2, 3, true)
	theme["layouts/partials/c.html"] = &fstest.MapFile{Data: []byte("c")}
	check("a file in a new folder of the theme", 3, 4, false)
	site["site.toml"] = &fstest.MapFile{Data: []byte("")}
	check("a file read but missing before", 4, 104, false)
	check("nothing changed since", 4, 104, true)
	delete(site, "layouts/b.html")
	check("a file gone", 5, 103, false)
	failWith = errors.New("a problem")
	site["layouts/a.html"] = &fstest.MapFile{Data: []byte("AA")}
	check("a load with a problem", 6, 103, false)
	check("is not kept", 7, 103, false)
	failWith = nil
	check("a load without", 8, 103, false)
	check("is", 8, 103, true)

	opens := func(fss []fs.FS) (int, error) {
		loads++
		f, err := fss[0].Open("layouts/a.html")
		if err == nil {
			f.Close()
		}
		return 1, err
	}
	for range 2 {
		if _, again, _ := reuse(&m, []fs.FS{site}, opens); again {
			t.Error("a load that opened a file was taken again")
		}
	}
}
