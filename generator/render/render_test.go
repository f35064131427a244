package render

import "testing"

// TestSiteURLs checks the links layouts make with RelURL and AbsURL, under a base path and
// with or without a host, and that addresses of other sites pass through either unchanged.
func TestSiteURLs(t *testing.T) {
	hosted := &Site{BaseURL: "https://example.org/careers/", BasePath: "/careers/", Assets: map[string]string{"css/site.css": "css/site.0123456789.css"}}
	bare := &Site{BaseURL: "/", BasePath: "/"}
	tests := []struct {
		site     *Site
		in       string
		rel, abs string
	}{
		{hosted, "", "/careers/", "https://example.org/careers/"},
		{hosted, "chaser/", "/careers/chaser/", "https://example.org/careers/chaser/"},
		{hosted, "/chaser/", "/careers/chaser/", "https://example.org/careers/chaser/"},
		{hosted, "css/site.css", "/careers/css/site.0123456789.css", "https://example.org/careers/css/site.0123456789.css"},
		{hosted, "a:b/c", "a:b/c", "a:b/c"}, // a scheme, as url.Parse reads it
		{hosted, "notes/10:30/", "/careers/notes/10:30/", "https://example.org/careers/notes/10:30/"},
		{hosted, "https://other.example/x", "https://other.example/x", "https://other.example/x"},
		{hosted, "mailto:a@example.org", "mailto:a@example.org", "mailto:a@example.org"},
		{hosted, "//cdn.example/x.js", "//cdn.example/x.js", "//cdn.example/x.js"},
		{bare, "", "/", "/"},
		{bare, "feed.xml", "/feed.xml", "/feed.xml"},
		{bare, "https://other.example/", "https://other.example/", "https://other.example/"},
	}
	for _, tt := range tests {
		if got := tt.site.RelURL(tt.in); got != tt.rel {
			t.Errorf("%s RelURL(%q) = %q, want %q", tt.site.BaseURL, tt.in, got, tt.rel)
		}
		if got := tt.site.AbsURL(tt.in); got != tt.abs {
			t.Errorf("%s AbsURL(%q) = %q, want %q", tt.site.BaseURL, tt.in, got, tt.abs)
		}
	}
}

// TestNextStep checks the "next step" of each page: the following guidance page in reading
// order, the tools with a layout of their own passed over, and none after the last.
func TestNextStep(t *testing.T) {
	page := func(url, layout string) *Page { return &Page{URL: url, Layout: layout} }
	s := &Site{}
	s.SetPages([]*Page{
		page("/calculator/", "calculator"),
		page("/before/", ""),
		page("/follow-ups/", "follow-ups"),
		page("/thanks/", ""),
		page("/sources/", ""),
	})
	tests := []struct{ from, want string }{
		{"/calculator/", "/before/"},
		{"/before/", "/thanks/"}, // the companion in between is a tool
		{"/thanks/", "/sources/"},
		{"/sources/", ""},   // the last page
		{"/elsewhere/", ""}, // not in the reading order (a list page)
	}
	for _, tt := range tests {
		got := ""
		if n := s.NextStep(page(tt.from, "")); n != nil {
			got = n.URL
		}
		if got != tt.want {
			t.Errorf("NextStep(%s) = %q, want %q", tt.from, got, tt.want)
		}
	}
}
