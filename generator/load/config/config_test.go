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
		{"relative base", "title = \"T\"\nbaseURL = \"docs\"", "/", "/", `site.toml:2:11: baseURL "docs" is not an absolute URL`},
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

func TestBrand(t *testing.T) {
	tests := []struct {
		name, src string
		wantName  string
		wantErr   string // the whole message, or "" for none
	}{
		{"absent: the title names the site", `title = "T"`, "T", ""},
		{"all of it", "title = \"T\"\n[brand]\nname = \"Acme Careers\"\nlogo = \"images/logo.svg\"\naccent = \"#1a7f5a\"\ncontact = \"Call 0100\"\n[brand.cta]\ntext = \"Talk to us\"\nurl = \"/contact/\"", "Acme Careers", ""},
		{"mailto", "title = \"T\"\n[brand.cta]\ntext = \"Write\"\nurl = \"mailto:jobs@example.org\"", "T", ""},
		{"dotted keys", "title = \"T\"\nbrand.accent = \"#0000ee\"", "T",
			`site.toml:2:16: accent "#0000ee" is too faint to read as text: its contrast is 9.22:1 with the light background #fdfdfb, and 2.17:1 for its dark-scheme colour #1111ff with #15171a; links and buttons need 4.5:1 in both; try "#000092", the same hue at another lightness (14.57:1 light, 4.51:1 dark)`},
		{"too light", "title = \"T\"\n[brand]\naccent = \"#777777\"", "T",
			`site.toml:3:10: accent "#777777" is too faint to read as text: its contrast is 4.39:1 with the light background #fdfdfb, and 5.06:1 for its dark-scheme colour #888888 with #15171a; links and buttons need 4.5:1 in both; try "#747474", the same hue at another lightness (4.58:1 light, 5.27:1 dark)`},
		{"no colour", "title = \"T\"\n[brand]\naccent = \"blue\"", "T",
			`site.toml:3:10: accent "blue" is not a colour written #rrggbb; write six hexadecimal digits after #, e.g. accent = "#0b5cad"`},
		{"cta without url", "title = \"T\"\n[brand.cta]\ntext = \"Talk to us\"", "T",
			`site.toml:3:8: [brand.cta] has a text but no url; give both text and url, or neither`},
		{"cta without text", "title = \"T\"\n[brand]\ncta.url = \"/x/\"", "T",
			`site.toml:3:11: [brand.cta] has a url but no text; give both text and url, or neither`},
		{"cta over http", "title = \"T\"\n[brand.cta]\ntext = \"Go\"\nurl = \"http://example.org/\"", "T",
			`site.toml:4:7: [brand.cta] url "http://example.org/" is not an https:// address, a mailto: address or a path on the site; write it as https://example.org/contact, mailto:jobs@example.org or /contact/`},
		{"cta to another host without a scheme", "title = \"T\"\n[brand.cta]\ntext = \"Go\"\nurl = \"//example.org/\"", "T",
			`site.toml:4:7: [brand.cta] url "//example.org/" is not an https:// address`},
		{"logo outside static", "title = \"T\"\n[brand]\nlogo = \"../logo.png\"", "T",
			`site.toml:3:8: logo "../logo.png" is not a file under static/; name the file by its path under static/, e.g. logo = "images/logo.svg"`},
		{"typo", "title = \"T\"\n[brand]\naccnet = \"#000000\"", "T", `site.toml:3:1: unknown key "brand.accnet"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := Parse([]byte(tt.src))
			if tt.wantErr != "" {
				if err == nil || !strings.HasPrefix(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v\nwant %s", err, tt.wantErr)
				}
				if strings.Count(err.Error(), "\n") > 0 {
					t.Errorf("one mistake, more than one message: %v", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if c.Brand.Name != tt.wantName {
				t.Errorf("name %q, want %q", c.Brand.Name, tt.wantName)
			}
		})
	}
}

func TestUIDDomain(t *testing.T) {
	for base, want := range map[string]string{
		"/":                        DefaultUIDDomain,
		"/careers/":                DefaultUIDDomain,
		"https://example.org/x/":   "example.org",
		"https://Example.org:8443": "example.org",
	} {
		c, err := Parse([]byte("title = \"T\"\nbaseURL = \"" + base + "\""))
		if err != nil {
			t.Fatal(err)
		}
		if got := c.UIDDomain(); got != want {
			t.Errorf("UIDDomain of %s = %q, want %q", base, got, want)
		}
	}
}
