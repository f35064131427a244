package generator

import (
	"bytes"
	"compress/gzip"
	"io"
	"strings"
	"sync"
)

// A build with Options.CompressFrom hands its Output every HTML file gzip-compressed, as
// the dev server keeps a large site in memory: a 100,000-page site's 1 GB of HTML in about
// a quarter of that, each page compressed once as it renders and expanded when served.

var gzipWriters = sync.Pool{New: func() any {
	w, _ := gzip.NewWriterLevel(nil, gzip.BestSpeed)
	return w
}}

// stored is the file name, of bytes b, as the Output is handed it: gzip-compressed when
// compress is set and it is an HTML file, else b itself.
func stored(compress bool, name string, b []byte) []byte {
	if !compress || !strings.HasSuffix(name, ".html") {
		return b
	}
	var buf bytes.Buffer
	buf.Grow(len(b)/3 + 64)
	w := gzipWriters.Get().(*gzip.Writer)
	defer gzipWriters.Put(w)
	w.Reset(&buf)
	// Writing into a bytes.Buffer cannot fail.
	_, _ = w.Write(b)
	_ = w.Close()
	return buf.Bytes()
}

// Expand is a file of a build as it was rendered: a file that stored compressed (an HTML
// file, which never starts with gzip's magic bytes) expanded, any other as it is.
func Expand(name string, b []byte) ([]byte, error) {
	if !strings.HasSuffix(name, ".html") || len(b) < 2 || b[0] != 0x1f || b[1] != 0x8b {
		return b, nil
	}
	r, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		return nil, err
	}
	return io.ReadAll(r)
}
