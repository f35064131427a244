package render

import (
	"bytes"
	"encoding/json"
	"fmt"
	"image"
	"image/draw"
	"image/png"
	"path"
	"regexp"
	"strings"

	"github.com/followup-playbook/playbook/generator/load/config"
)

// The installed app (the follow-ups companion, whose page links the manifest) and the
// browser's tab show the brand, not the theme: the web app manifest names it and takes
// its accent as the theme colour, and the theme's icons are drawn in the accent. These
// functions make those files from the theme's; the build publishes them as if they were
// static files, unless the site has its own.

// MinIconSize is the least width and height of a PNG icon, in pixels: what an installed
// app's splash screen and a home screen draw at most.
const MinIconSize = 512

// IconOf describes the static file name, whose bytes are b, as a site's icon; ok is false
// for a file that is neither an SVG nor a square PNG of at least MinIconSize pixels.
func IconOf(name string, b []byte, url string, size func(string, []byte) (int, int, bool)) (*Icon, bool) {
	switch strings.ToLower(path.Ext(name)) {
	case ".svg":
		return &Icon{File: name, URL: url, Type: "image/svg+xml", Sizes: "any"}, true
	case ".png":
		w, h, ok := size(name, b)
		if !ok || w != h || w < MinIconSize {
			return nil, false
		}
		return &Icon{File: name, URL: url, Type: "image/png", Sizes: fmt.Sprintf("%dx%d", w, h)}, true
	}
	return nil, false
}

// AppName is the installed app's name for the brand named name.
func AppName(name string) string { return name + ": your follow-ups" }

// webManifest is the theme's manifest.webmanifest, field by field in its order, so that
// the file made keeps the theme's shape.
type webManifest struct {
	Name            string         `json:"name"`
	ShortName       string         `json:"short_name"`
	Description     string         `json:"description"`
	ID              string         `json:"id"`
	StartURL        string         `json:"start_url"`
	Scope           string         `json:"scope"`
	Display         string         `json:"display"`
	BackgroundColor string         `json:"background_color"`
	ThemeColor      string         `json:"theme_color"`
	Icons           []manifestIcon `json:"icons"`
}

type manifestIcon struct {
	Src     string `json:"src"`
	Sizes   string `json:"sizes"`
	Type    string `json:"type"`
	Purpose string `json:"purpose,omitempty"`
}

// BrandManifest is the theme's manifest (theme) for brand b: the app named after it, its
// accent, when it has one, as the theme colour, and its icon, when it has one (nil), in
// place of the theme's. A key of the theme's file that webManifest does not know is an
// error, so none is lost unseen.
func BrandManifest(theme []byte, b config.Brand, icon *Icon) ([]byte, error) {
	var m webManifest
	d := json.NewDecoder(bytes.NewReader(theme))
	d.DisallowUnknownFields()
	if err := d.Decode(&m); err != nil {
		return nil, fmt.Errorf("the theme's manifest: %w", err)
	}
	m.Name = AppName(b.Name)
	if c, ok := config.ParseHex(b.Accent); ok {
		m.ThemeColor = c.Hex()
	}
	if icon != nil {
		m.Icons = []manifestIcon{{Src: icon.File, Sizes: icon.Sizes, Type: icon.Type, Purpose: "any"}}
	}
	out, err := json.MarshalIndent(m, "", "  ")
	return append(out, '\n'), err
}

// svgFill is an SVG's first fill colour, the ground of the theme's icon.
var svgFill = regexp.MustCompile(`fill="(#[0-9a-fA-F]{6})"`)

// AccentSVGIcon is the theme's SVG icon with its ground (its first fill colour) in the
// accent; ok is false when the icon has no such fill.
func AccentSVGIcon(svg []byte, accent config.RGB) ([]byte, bool) {
	m := svgFill.FindSubmatch(svg)
	if m == nil {
		return nil, false
	}
	return bytes.ReplaceAll(svg, m[1], []byte(accent.Hex())), true
}

// AccentPNGIcon is the theme's PNG icon with its ground (its most common colour) in the
// accent: each pixel, a blend of the ground and white, becomes the same blend of the
// accent and white, so the white drawing and its edges keep their shape.
func AccentPNGIcon(b []byte, accent config.RGB) ([]byte, error) {
	src, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		return nil, err
	}
	img := image.NewNRGBA(src.Bounds())
	draw.Draw(img, img.Bounds(), src, src.Bounds().Min, draw.Src)
	counts := map[uint32]int{}
	for i := 0; i < len(img.Pix); i += 4 {
		counts[uint32(img.Pix[i])<<16|uint32(img.Pix[i+1])<<8|uint32(img.Pix[i+2])]++
	}
	var ground uint32
	best := -1
	for c, n := range counts {
		// The most common colour, the lesser one on a tie, so the choice is the same every run.
		if n > best || n == best && c < ground {
			ground, best = c, n
		}
	}
	g := [3]float64{float64(ground >> 16), float64(ground >> 8 & 0xff), float64(ground & 0xff)}
	a := [3]float64{float64(accent.R), float64(accent.G), float64(accent.B)}
	var den float64
	for k := range 3 {
		den += (255 - g[k]) * (255 - g[k])
	}
	if den == 0 {
		return nil, fmt.Errorf("the icon's ground is white: nothing to colour")
	}
	for i := 0; i < len(img.Pix); i += 4 {
		// How much of the ground is in the pixel, by least squares over its channels.
		var num float64
		for k := range 3 {
			num += (255 - float64(img.Pix[i+k])) * (255 - g[k])
		}
		t := min(max(num/den, 0), 1)
		for k := range 3 {
			img.Pix[i+k] = uint8(255 - t*(255-a[k]) + 0.5)
		}
	}
	var out bytes.Buffer
	err = (&png.Encoder{CompressionLevel: png.BestCompression}).Encode(&out, img)
	return out.Bytes(), err
}

// IsBranded says whether b changes how the site shows itself beyond the theme's: a name of
// its own (other than the site's title), an accent or an icon.
func IsBranded(b config.Brand, title string) bool {
	return strings.TrimSpace(b.Name) != "" && b.Name != title || b.Accent != "" || b.Icon != ""
}
