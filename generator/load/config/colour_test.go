package config

import (
	"os"
	"regexp"
	"testing"
)

func TestContrast(t *testing.T) {
	tests := []struct {
		a, b string
		want string // as ratio writes it
	}{
		{"#777777", "#ffffff", "4.47:1"}, // 4.478, shown 4.48 when rounded: ratio cuts, so no failing colour reads 4.50
		{"#767676", "#ffffff", "4.54:1"},
		{"#000000", "#ffffff", "21.00:1"},
		{"#ffffff", "#ffffff", "1.00:1"},
		{"#0b5cad", LightBackground, "6.54:1"},
		{"#777777", LightBackground, "4.39:1"},
		{"#8ab8ff", DarkBackground, "8.87:1"}, // the theme's own dark-scheme accent
	}
	for _, tt := range tests {
		a, okA := ParseHex(tt.a)
		b, okB := ParseHex(tt.b)
		if !okA || !okB {
			t.Fatalf("ParseHex(%q, %q) failed", tt.a, tt.b)
		}
		if got := ratio(Contrast(a, b)); got != tt.want {
			t.Errorf("Contrast(%s, %s) = %s, want %s", tt.a, tt.b, got, tt.want)
		}
		if Contrast(a, b) != Contrast(b, a) {
			t.Errorf("Contrast(%s, %s) depends on the order", tt.a, tt.b)
		}
	}
}

func TestParseHex(t *testing.T) {
	for _, s := range []string{"#fff", "0b5cad", "#0b5cag", "#0b5cad0", "", "#-b5cad"} {
		if _, ok := ParseHex(s); ok {
			t.Errorf("ParseHex(%q) accepted", s)
		}
	}
	if c, ok := ParseHex("#0B5CAD"); !ok || c.Hex() != "#0b5cad" {
		t.Errorf("ParseHex(#0B5CAD) = %v, %v", c, ok)
	}
}

func TestDarkAccent(t *testing.T) {
	tests := []struct{ light, dark string }{
		{"#0b5cad", "#52a3f4"}, // the theme's blue: lightness 36% becomes 64%
		{"#000000", "#ffffff"},
		{"#777777", "#888888"},
		{"#0000ee", "#1111ff"}, // a pure blue stays dark: readable on white, not on the dark page
	}
	for _, tt := range tests {
		c, _ := ParseHex(tt.light)
		if got := DarkAccent(c).Hex(); got != tt.dark {
			t.Errorf("DarkAccent(%s) = %s, want %s", tt.light, got, tt.dark)
		}
	}
}

func TestNearestPassing(t *testing.T) {
	tests := []struct{ accent, want string }{
		{"#777777", "#747474"},
		{"#0000ee", "#000092"},
		{"#ffcc00", "#8f7200"},
		{"#6b21a8", "#661f9f"},
	}
	for _, tt := range tests {
		c, _ := ParseHex(tt.accent)
		if MeasureAccent(c).OK() {
			t.Fatalf("%s passes: no test of a fix", tt.accent)
		}
		if got := NearestPassing(c).Hex(); got != tt.want {
			t.Errorf("NearestPassing(%s) = %s, want %s", tt.accent, got, tt.want)
		}
	}
	// Whatever the colour, the one suggested passes in both schemes.
	for r := 0; r < 256; r += 51 {
		for g := 0; g < 256; g += 51 {
			for b := 0; b < 256; b += 51 {
				c := RGB{uint8(r), uint8(g), uint8(b)}
				if fix := NearestPassing(c); !MeasureAccent(fix).OK() {
					t.Errorf("NearestPassing(%s) = %s, which fails: %+v", c.Hex(), fix.Hex(), MeasureAccent(fix))
				}
			}
		}
	}
}

// TestBackgroundsMatchTheStylesheet keeps the backgrounds accents are measured against the
// ones the theme paints: --bg in site.css, light first, then in the dark scheme.
func TestBackgroundsMatchTheStylesheet(t *testing.T) {
	css, err := os.ReadFile("../../../static/css/site.css")
	if err != nil {
		t.Fatal(err)
	}
	got := regexp.MustCompile(`--bg: (#[0-9a-f]{6});`).FindAllStringSubmatch(string(css), -1)
	if len(got) != 2 || got[0][1] != LightBackground || got[1][1] != DarkBackground {
		t.Errorf("site.css sets --bg to %v; LightBackground %s, DarkBackground %s", got, LightBackground, DarkBackground)
	}
}
