package publish

import "testing"

func TestHeaders(t *testing.T) {
	const base = "# Comment /not-a-pattern\n/*\n  X-Frame-Options: DENY\n\nhttps://example.org/*\n  X-Robots-Tag: noindex\n/fonts/*\n  Access-Control-Allow-Origin: *"
	tests := []struct {
		name     string
		basePath string
		hashed   []string
		want     string
	}{
		{"at the root, no hashed files", "/", nil,
			"# Comment /not-a-pattern\n/*\n  X-Frame-Options: DENY\n\nhttps://example.org/*\n  X-Robots-Tag: noindex\n/fonts/*\n  Access-Control-Allow-Origin: *"},
		{"under a sub-path", "/careers/playbook/", nil,
			"# Comment /not-a-pattern\n/careers/playbook/*\n  X-Frame-Options: DENY\n\nhttps://example.org/*\n  X-Robots-Tag: noindex\n/careers/playbook/fonts/*\n  Access-Control-Allow-Origin: *"},
		{"hashed files under a sub-path", "/careers/playbook/", []string{"css/site.0123456789.css", "js/fill.ABCDEFGH.js"},
			"# Comment /not-a-pattern\n/careers/playbook/*\n  X-Frame-Options: DENY\n\nhttps://example.org/*\n  X-Robots-Tag: noindex\n/careers/playbook/fonts/*\n  Access-Control-Allow-Origin: *\n" +
				"\n# Added by playbook build --minify: these files are named after their content.\n" +
				"/careers/playbook/css/site.0123456789.css\n  Cache-Control: public, max-age=31536000, immutable\n" +
				"/careers/playbook/js/fill.ABCDEFGH.js\n  Cache-Control: public, max-age=31536000, immutable\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := string(headers("https://example.org"+tt.basePath, tt.basePath, []byte(base), tt.hashed)); got != tt.want {
				t.Errorf("got:\n%s\nwant:\n%s", got, tt.want)
			}
		})
	}
}

// TestHeadersUpgradeOnlyOverHTTPS: the Content-Security-Policy keeps upgrade-insecure-requests
// for a site served over https, and loses it, wherever it is in the policy, for one served
// over plain http or at a path alone, where WebKit would ask for every file over https.
func TestHeadersUpgradeOnlyOverHTTPS(t *testing.T) {
	const base = "/*\n  Content-Security-Policy: default-src 'self'; upgrade-insecure-requests\n  X-Frame-Options: DENY\n" +
		"/app/*\n  Content-Security-Policy: upgrade-insecure-requests; default-src 'self'\r\n"
	tests := []struct{ baseURL, want string }{
		{"https://careers.example.ac.uk/", base},
		{"http://intranet.example/", "/*\n  Content-Security-Policy: default-src 'self'\n  X-Frame-Options: DENY\n/app/*\n  Content-Security-Policy: default-src 'self'\r\n"},
		{"/", "/*\n  Content-Security-Policy: default-src 'self'\n  X-Frame-Options: DENY\n/app/*\n  Content-Security-Policy: default-src 'self'\r\n"},
	}
	for _, tt := range tests {
		if got := string(headers(tt.baseURL, "/", []byte(base), nil)); got != tt.want {
			t.Errorf("%s: got\n%q\nwant\n%q", tt.baseURL, got, tt.want)
		}
	}
}
