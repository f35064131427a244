package render

import (
	"errors"
	"strings"
	"testing"
	"testing/fstest"
)

// TestPartialCached checks that partialCached renders a partial once per name and keys,
// whatever data later calls pass, and that an error inside it names the partial.
func TestPartialCached(t *testing.T) {
	site := fstest.MapFS{
		"layouts/base.html":           {Data: []byte(`{{template "main" .}}`)},
		"layouts/page.html":           {Data: []byte(`{{define "main"}}{{partialCached "partials/who.html" .}}|{{partialCached "partials/who.html" . .}}|{{.}}{{end}}`)},
		"layouts/broken.html":         {Data: []byte(`{{define "main"}}{{partialCached "partials/fails.html" .}}{{end}}`)},
		"layouts/partials/who.html":   {Data: []byte(`<b>{{.}}</b>`)},
		"layouts/partials/fails.html": {Data: []byte("ok\n{{index . 5}}")},
	}
	l, err := LoadLayouts(nil, site)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct{ data, want string }{
		{"Ann & Bo", "<b>Ann &amp; Bo</b>|<b>Ann &amp; Bo</b>|Ann &amp; Bo"},
		// The first partial is the cached one; the second is keyed by the data.
		{"Cy", "<b>Ann &amp; Bo</b>|<b>Cy</b>|Cy"},
		{"Ann & Bo", "<b>Ann &amp; Bo</b>|<b>Ann &amp; Bo</b>|Ann &amp; Bo"},
	}
	for _, tt := range tests {
		got, err := l.Execute(nil, "page", tt.data, "content/x.md")
		if err != nil {
			t.Fatal(err)
		}
		if string(got) != tt.want {
			t.Errorf("with %q: got %q, want %q", tt.data, got, tt.want)
		}
	}
	_, err = l.Execute(nil, "broken", []int{1}, "content/y.md")
	if err == nil || !strings.Contains(err.Error(), "partials/fails.html:2") || !strings.Contains(err.Error(), "content/y.md") {
		t.Errorf("error = %v, want one naming partials/fails.html:2 and the page", err)
	}
}

// TestPartialCachedLoops checks that a partialCached that would call itself, directly or
// through other partials, or whose name cannot be followed, is reported at its line when
// the layouts load, instead of running until the stack overflows.
func TestPartialCachedLoops(t *testing.T) {
	base := fstest.MapFile{Data: []byte(`{{template "main" .}}`)}
	page := fstest.MapFile{Data: []byte(`{{define "main"}}{{partialCached "partials/a.html" .}}{{end}}`)}
	tests := []struct {
		name     string
		partials map[string]string
		want     []string
	}{
		{"itself", map[string]string{"a.html": "x\n{{partialCached \"partials/a.html\" .}}"},
			[]string{`layouts/partials/a.html:2:3: partialCached "partials/a.html" leads back to itself`}},
		{"through another partial", map[string]string{
			"a.html": `{{template "partials/b.html" .}}`,
			"b.html": `{{if .}}{{partialCached "partials/a.html" .}}{{end}}`,
		}, []string{`layouts/partials/b.html:1:11: partialCached "partials/a.html" leads back to itself`}},
		{"a name in a variable", map[string]string{"a.html": `{{$n := "partials/a.html"}}{{partialCached $n .}}`},
			[]string{`layouts/partials/a.html:1:30: partialCached needs the partial's name in quotes here`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			site := fstest.MapFS{"layouts/base.html": &base, "layouts/page.html": &page}
			for n, src := range tt.partials {
				site["layouts/partials/"+n] = &fstest.MapFile{Data: []byte(src)}
			}
			l, err := LoadLayouts(nil, site)
			if err == nil || l != nil {
				t.Fatalf("LoadLayouts: layouts %v, error %v; want no layouts and an error", l != nil, err)
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q\nwant it to contain %q", err, w)
				}
			}
		})
	}
	// A partial cached twice, and one that includes another, are fine.
	site := fstest.MapFS{"layouts/base.html": &base, "layouts/page.html": &page,
		"layouts/partials/a.html": {Data: []byte(`{{partialCached "partials/b.html" .}}{{partialCached "partials/b.html" .}}{{template "partials/c.html" .}}`)},
		"layouts/partials/b.html": {Data: []byte(`b`)},
		"layouts/partials/c.html": {Data: []byte(`c`)},
	}
	l, err := LoadLayouts(nil, site)
	if err != nil {
		t.Fatal(err)
	}
	if got, err := l.Execute(nil, "page", 1, "content/x.md"); err != nil || string(got) != "bbc" {
		t.Errorf("got %q, %v; want bbc", got, err)
	}
}

// TestLayoutErrorsOncePerMistake checks that a mistake every page reaches is one error
// counting the pages and naming the first in order, whatever order they render in, and
// that a missing key of Params is empty, so a layout can test for an optional parameter.
func TestLayoutErrorsOncePerMistake(t *testing.T) {
	site := fstest.MapFS{
		"layouts/base.html": {Data: []byte(`{{template "main" .}}`)},
		"layouts/page.html": {Data: []byte("{{define \"main\"}}[{{.Site.Params.missing}}]{{with .Site.Params.missing}}set{{end}}\n{{.Site.Parms}}{{end}}")},
		"layouts/ok.html":   {Data: []byte(`{{define "main"}}[{{.Site.Params.missing}}]{{with .Page.Params.missing}}set{{end}}{{end}}`)},
	}
	l, err := LoadLayouts(nil, site)
	if err != nil {
		t.Fatal(err)
	}
	data := Data{Site: &Site{}, Page: &Page{}}
	if got, err := l.Execute(nil, "ok", data, "content/x.md"); err != nil || string(got) != "[]" {
		t.Errorf("missing Params keys: got %q, %v; want [] (empty)", got, err)
	}
	_, first := l.Execute(nil, "page", data, "content/c.md")
	if first == nil {
		t.Fatal("want an error")
	}
	for _, p := range []string{"content/b.md", "the 404 page", "content/a.md"} {
		if _, err := l.Execute(nil, "page", data, p); !errors.Is(err, ErrBrokenLayout) {
			t.Errorf("%s: error %v, want ErrBrokenLayout (reported with the first page)", p, err)
		}
	}
	want := `layouts/page.html:2:8: while rendering content/a.md and 3 other pages: executing "main" at <.Site.Parms>: can't evaluate field Parms in type *render.Site; did you mean .Params?`
	if first.Error() != want {
		t.Errorf("error\n%s\nwant\n%s", first, want)
	}
}
