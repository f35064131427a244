package publish

import (
	"bytes"
	"image"
	"image/png"
	"testing"
)

func TestImageSize(t *testing.T) {
	var pngFile bytes.Buffer
	if err := png.Encode(&pngFile, image.NewGray(image.Rect(0, 0, 120, 40))); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, file string
		b          []byte
		w, h       int
		ok         bool
	}{
		{"png", "logo.png", pngFile.Bytes(), 120, 40, true},
		{"svg with a size", "logo.svg", []byte(`<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="160px" height="40"><rect/></svg>`), 160, 40, true},
		{"svg with a viewBox", "logo.SVG", []byte(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200.4 50"/>`), 200, 50, true},
		{"svg in ems falls back to the viewBox", "l.svg", []byte(`<svg width="10em" height="2em" viewBox="0,0,160,32"/>`), 160, 32, true},
		{"svg without either", "l.svg", []byte(`<svg xmlns="http://www.w3.org/2000/svg"/>`), 0, 0, false},
		{"not an svg", "l.svg", []byte(`<html></html>`), 0, 0, false},
		{"not an image", "l.png", []byte("hello"), 0, 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w, h, ok := ImageSize(tt.file, tt.b)
			if w != tt.w || h != tt.h || ok != tt.ok {
				t.Errorf("ImageSize = %d, %d, %v; want %d, %d, %v", w, h, ok, tt.w, tt.h, tt.ok)
			}
		})
	}
}
