package render

import (
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
