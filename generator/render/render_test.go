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
