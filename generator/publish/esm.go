package publish

import (
	"errors"
	"io"
	"strings"

	"github.com/evanw/esbuild/pkg/api"
	"github.com/tdewolff/minify/v2"
)

// moduleMinifier minifies JavaScript with esbuild, told that every file is an ES module:
// the site's scripts are all loaded with type="module", so a name a module declares at
// its top level and does not export is its own, and can be shortened like any local. A
// minifier that takes each file for a classic script (tdewolff's) must keep those names,
// which for code written as small named functions, mirroring the Go engine, is about a
// tenth of the bytes.
type moduleMinifier struct{}

func (moduleMinifier) Minify(_ *minify.M, w io.Writer, r io.Reader, _ map[string]string) error {
	src, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	res := api.Transform(string(src), api.TransformOptions{
		Loader:            api.LoaderJS,
		Format:            api.FormatESModule,
		Target:            api.ES2020,
		MinifyWhitespace:  true,
		MinifyIdentifiers: true,
		MinifySyntax:      true,
		LegalComments:     api.LegalCommentsNone,
	})
	if len(res.Errors) > 0 {
		var msgs []string
		for _, e := range res.Errors {
			msg := e.Text
			if e.Location != nil {
				msg = e.Location.LineText + ": " + msg
			}
			msgs = append(msgs, msg)
		}
		return errors.New(strings.Join(msgs, "; "))
	}
	_, err = w.Write(res.Code)
	return err
}
