package config

import (
	"fmt"
	"math"
	"strconv"
)

// The page backgrounds of the built-in theme, as static/css/site.css sets --bg in the light
// and the dark scheme (TestBackgroundsMatchTheStylesheet keeps them equal). An accent is
// read as text on them.
const (
	LightBackground = "#fdfdfb"
	DarkBackground  = "#15171a"
)

// MinContrast is the contrast WCAG 2.x asks of body text (success criterion 1.4.3, AA).
const MinContrast = 4.5

// RGB is a colour of the sRGB space, 8 bits a channel.
type RGB struct{ R, G, B uint8 }

// ParseHex reads a colour written "#rrggbb".
func ParseHex(s string) (RGB, bool) {
	if len(s) != 7 || s[0] != '#' {
		return RGB{}, false
	}
	v, err := strconv.ParseUint(s[1:], 16, 32)
	if err != nil {
		return RGB{}, false
	}
	return RGB{uint8(v >> 16), uint8(v >> 8), uint8(v)}, true
}

// Hex writes c as "#rrggbb", in lower case.
func (c RGB) Hex() string { return fmt.Sprintf("#%02x%02x%02x", c.R, c.G, c.B) }

// Luminance is c's relative luminance as WCAG 2.x defines it, from 0 (black) to 1 (white).
func (c RGB) Luminance() float64 {
	lin := func(v uint8) float64 {
		s := float64(v) / 255
		if s <= 0.03928 {
			return s / 12.92
		}
		return math.Pow((s+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(c.R) + 0.7152*lin(c.G) + 0.0722*lin(c.B)
}

// Contrast is the WCAG 2.x contrast ratio of two colours, from 1 to 21.
func Contrast(a, b RGB) float64 {
	la, lb := a.Luminance(), b.Luminance()
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

// DarkAccent is the colour an accent takes in the dark scheme: the same hue and saturation
// with the lightness mirrored (HSL lightness L becomes 100% - L), so a dark blue on the
// light page is a light blue on the dark one.
func DarkAccent(c RGB) RGB {
	h, s, l := c.hsl()
	return fromHSL(h, s, 1-l)
}

// hsl is c as hue (0 to 360), saturation and lightness (0 to 1).
func (c RGB) hsl() (h, s, l float64) {
	r, g, b := float64(c.R)/255, float64(c.G)/255, float64(c.B)/255
	hi, lo := math.Max(r, math.Max(g, b)), math.Min(r, math.Min(g, b))
	l = (hi + lo) / 2
	d := hi - lo
	if d == 0 {
		return 0, 0, l
	}
	s = d / (1 - math.Abs(2*l-1))
	switch hi {
	case r:
		h = math.Mod((g-b)/d, 6)
	case g:
		h = (b-r)/d + 2
	default:
		h = (r-g)/d + 4
	}
	h *= 60
	if h < 0 {
		h += 360
	}
	return h, s, l
}

// fromHSL is the colour of hue h (degrees), saturation s and lightness l (0 to 1), each
// channel rounded to the nearest of 256.
func fromHSL(h, s, l float64) RGB {
	c := (1 - math.Abs(2*l-1)) * s
	x := c * (1 - math.Abs(math.Mod(h/60, 2)-1))
	var r, g, b float64
	switch {
	case h < 60:
		r, g = c, x
	case h < 120:
		r, g = x, c
	case h < 180:
		g, b = c, x
	case h < 240:
		g, b = x, c
	case h < 300:
		r, b = x, c
	default:
		r, b = c, x
	}
	m := l - c/2
	ch := func(v float64) uint8 { return uint8(math.Round(math.Min(1, math.Max(0, v+m)) * 255)) }
	return RGB{ch(r), ch(g), ch(b)}
}

// AccentContrast is how an accent reads as text: its contrast with the light background,
// and its dark-scheme colour's (DarkAccent) with the dark background.
type AccentContrast struct {
	Light, Dark float64
	DarkAccent  RGB
}

// MeasureAccent measures accent against the theme's backgrounds.
func MeasureAccent(accent RGB) AccentContrast {
	light, _ := ParseHex(LightBackground)
	dark, _ := ParseHex(DarkBackground)
	d := DarkAccent(accent)
	return AccentContrast{Light: Contrast(accent, light), Dark: Contrast(d, dark), DarkAccent: d}
}

// OK says both contrasts reach MinContrast.
func (m AccentContrast) OK() bool { return m.Light >= MinContrast && m.Dark >= MinContrast }

// NearestPassing is the colour of accent's hue and saturation whose lightness is nearest
// its own and which passes in both schemes, found in steps of half a percent. Black
// (whose dark-scheme colour is white) always passes, so there is always one.
func NearestPassing(accent RGB) RGB {
	h, s, l := accent.hsl()
	for step := 1; step <= 200; step++ {
		for _, sign := range []float64{-1, 1} {
			nl := l + sign*float64(step)*0.005
			if nl < 0 || nl > 1 {
				continue
			}
			c := fromHSL(h, s, nl)
			if MeasureAccent(c).OK() {
				return c
			}
		}
	}
	return RGB{}
}

// ratio writes a contrast ratio as WCAG tools do, "4.48:1": two decimals, cut rather than
// rounded, so a colour just short of 4.5 never reads as 4.50.
func ratio(r float64) string {
	return strconv.FormatFloat(math.Floor(r*100)/100, 'f', 2, 64) + ":1"
}
