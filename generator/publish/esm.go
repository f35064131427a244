package publish

import (
	"bytes"
	"errors"
	"io"
	"path"
	"strings"

	"github.com/evanw/esbuild/pkg/api"
	"github.com/tdewolff/minify/v2"
	"github.com/tdewolff/minify/v2/js"
	"github.com/tdewolff/parse/v2"
	jsparse "github.com/tdewolff/parse/v2/js"
)

// scriptMinifier minifies JavaScript. An ES module (a file with an import or export
// statement) goes to esbuild, told it is one: a name a module declares at its top level
// and does not export is its own, and can be shortened like any local, which for code
// written as small named functions, as the site's mirror the Go engine, is about a tenth
// of the bytes. Any other file may be a classic script whose top-level names other
// scripts use, and goes to tdewolff's minifier, which keeps them.
type scriptMinifier struct{ classic js.Minifier }

func (sm scriptMinifier) Minify(m *minify.M, w io.Writer, r io.Reader, params map[string]string) error {
	src, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	if !isModule(src) {
		return sm.classic.Minify(m, w, bytes.NewReader(src), params)
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

// isModule reports whether src has a top-level import or export statement. A file that
// does not parse is left to the classic minifier, which reports why.
func isModule(src []byte) bool {
	module, _ := moduleImports(src)
	return module
}

// moduleImports reports whether src is an ES module and lists the specifiers (quoted, as
// written) its static imports and export ... from statements name.
func moduleImports(src []byte) (module bool, specs [][]byte) {
	ast, err := jsparse.Parse(parse.NewInputBytes(src), jsparse.Options{})
	if err != nil {
		return false, nil
	}
	for _, stmt := range ast.List {
		switch s := stmt.(type) {
		case *jsparse.ImportStmt:
			module, specs = true, append(specs, s.Module)
		case *jsparse.ExportStmt:
			module, specs = true, append(specs, s.Module)
		}
	}
	return module, specs
}

// esModules lists the ES modules among files.
func esModules(files map[string][]byte) map[string]bool {
	modules := map[string]bool{}
	for name, src := range files {
		if ext := path.Ext(name); (ext == ".js" || ext == ".mjs") && isModule(src) {
			modules[name] = true
		}
	}
	return modules
}
