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
			if got := string(headers(tt.basePath, []byte(base), tt.hashed)); got != tt.want {
				t.Errorf("got:\n%s\nwant:\n%s", got, tt.want)
			}
		})
	}
}
