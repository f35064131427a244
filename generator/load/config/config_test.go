package config

import (
	"strings"
	"testing"
)

func TestParse(t *testing.T) {
	tests := []struct {
		name, src  string
		base, path string
		wantErr    string
	}{
		{"title only", `title = "T"`, "/", "/", ""},
		{"sub-path", "title = \"T\"\nbaseURL = \"https://example.org/careers/playbook\"", "https://example.org/careers/playbook/", "/careers/playbook/", ""},
		{"path only", "title = \"T\"\nbaseURL = \"/docs/\"", "/docs/", "/docs/", ""},
		{"no title", `baseURL = "/"`, "/", "/", "site.toml:1: the site has no title"},
		{"relative base", "title = \"T\"\nbaseURL = \"docs\"", "/", "/", `site.toml:2:1: baseURL "docs" is not an absolute URL`},
		{"menu needs page or url", "title = \"T\"\n[[menu]]\nname = \"X\"", "/", "/", "needs exactly one of page or url"},
		{"typo", "title = \"T\"\ntitel = \"U\"", "/", "/", `site.toml:2:1: unknown key "titel"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := Parse([]byte(tt.src))
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if c.BaseURL != tt.base || c.BasePath() != tt.path {
				t.Errorf("base %q path %q, want %q %q", c.BaseURL, c.BasePath(), tt.base, tt.path)
			}
		})
	}
}
