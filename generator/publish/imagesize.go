package publish

import (
	"bytes"
	"encoding/xml"
	"image"
	_ "image/gif" // the formats ImageSize reads, besides SVG
	_ "image/jpeg"
	_ "image/png"
	"math"
	"path"
	"strconv"
	"strings"

	_ "golang.org/x/image/webp" // WebP, which cameras and image tools write now as often as JPEG
)

// IsImage says whether name is a file ImageSize reads, by its extension.
func IsImage(name string) bool {
	switch strings.ToLower(path.Ext(name)) {
	case ".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg":
		return true
	}
	return false
}

// ImageSize is the size in CSS pixels at which the image b, the static file name, is drawn
// by default: a PNG's, JPEG's, GIF's or WebP's pixels, or an SVG's width and height (in px or
// unitless), else its viewBox's. ok is false when it cannot be told.
func ImageSize(name string, b []byte) (w, h int, ok bool) {
	if strings.EqualFold(path.Ext(name), ".svg") {
		return svgSize(b)
	}
	cfg, _, err := image.DecodeConfig(bytes.NewReader(b))
	if err != nil || cfg.Width <= 0 || cfg.Height <= 0 {
		return 0, 0, false
	}
	return cfg.Width, cfg.Height, true
}

// svgSize reads the root <svg> element's width and height, or its viewBox.
func svgSize(b []byte) (w, h int, ok bool) {
	d := xml.NewDecoder(bytes.NewReader(b))
	for {
		tok, err := d.Token()
		if err != nil {
			return 0, 0, false
		}
		el, isStart := tok.(xml.StartElement)
		if !isStart {
			continue
		}
		if el.Name.Local != "svg" {
			return 0, 0, false
		}
		attrs := map[string]string{}
		for _, a := range el.Attr {
			attrs[a.Name.Local] = a.Value
		}
		if w, wok := pixels(attrs["width"]); wok {
			if h, hok := pixels(attrs["height"]); hok {
				return w, h, true
			}
		}
		box := strings.FieldsFunc(attrs["viewBox"], func(r rune) bool { return r == ' ' || r == ',' })
		if len(box) != 4 {
			return 0, 0, false
		}
		w, wok := pixels(box[2])
		h, hok := pixels(box[3])
		return w, h, wok && hok
	}
}

// pixels reads a length in px or without a unit, rounded to whole pixels.
func pixels(s string) (int, bool) {
	f, err := strconv.ParseFloat(strings.TrimSuffix(strings.TrimSpace(s), "px"), 64)
	if err != nil || f < 1 || f > 1e5 {
		return 0, false
	}
	return int(math.Round(f)), true
}
