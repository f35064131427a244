package publish

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/jpeg"
	"image/png"
	"maps"
	"path"
	"slices"
	"strings"
	"sync"

	"golang.org/x/image/draw"

	"github.com/followup-playbook/playbook/generator/parallel"
	"github.com/followup-playbook/playbook/generator/render"
)

// resizeWidths are the widths a wide raster image is copied at: the column's, and twice
// it for screens of two device pixels a CSS pixel.
var resizeWidths = []int{render.ColumnWidth, 2 * render.ColumnWidth}

// jpegQuality is the copies' JPEG quality: a photo's detail is kept where the eye sees it.
const jpegQuality = 85

// resize makes, for every PNG and JPEG file wider than the column, a copy at each width of
// resizeWidths it is wider than, named after it ("images/hall.640w.jpg"), scaled with
// Catmull-Rom and encoded by the standard library, so the same image always gives the
// same bytes. A file that does not decode is left without copies: it is published as it
// is, and a page that shows it states the size ImageSize reads, or reports that it cannot.
func (st *Static) resize(ctx context.Context) {
	var names []string
	for _, n := range slices.Sorted(maps.Keys(st.files)) {
		switch strings.ToLower(path.Ext(n)) {
		case ".png", ".jpg", ".jpeg":
			if w, _, ok := ImageSize(n, st.files[n]); ok && w > resizeWidths[0] {
				names = append(names, n)
			}
		}
	}
	var mu sync.Mutex
	st.variants = map[string][]render.Variant{}
	parallel.Run(ctx, len(names), func(i int) error {
		n := names[i]
		made := variantsOf(n, st.files[n])
		mu.Lock()
		defer mu.Unlock()
		for _, v := range made {
			st.files[v.name] = v.data
			st.variants[n] = append(st.variants[n], render.Variant{Name: v.name, Width: v.width})
		}
		return nil
	})
}

type variant struct {
	name  string
	width int
	data  []byte
}

// variantsOf scales the image b, the file name, to each width of resizeWidths narrower
// than it, narrowest first.
func variantsOf(name string, b []byte) []variant {
	src, format, err := image.Decode(bytes.NewReader(b))
	if err != nil {
		return nil
	}
	ext := path.Ext(name)
	var out []variant
	for _, w := range resizeWidths {
		sb := src.Bounds()
		if sb.Dx() <= w {
			break
		}
		h := max(1, (sb.Dy()*w+sb.Dx()/2)/sb.Dx())
		dst := image.NewRGBA(image.Rect(0, 0, w, h))
		draw.CatmullRom.Scale(dst, dst.Bounds(), src, sb, draw.Src, nil)
		var buf bytes.Buffer
		if format == "jpeg" {
			err = jpeg.Encode(&buf, dst, &jpeg.Options{Quality: jpegQuality})
		} else {
			err = (&png.Encoder{CompressionLevel: png.BestCompression}).Encode(&buf, dst)
		}
		if err != nil {
			return out
		}
		out = append(out, variant{fmt.Sprintf("%s.%dw%s", strings.TrimSuffix(name, ext), w, ext), w, buf.Bytes()})
	}
	return out
}

// Variants are the narrower copies made of the image name, narrowest first (see resize);
// none without Minify.
func (st *Static) Variants(name string) []render.Variant { return st.variants[name] }
