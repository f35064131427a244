package publish

import (
	"errors"
	"io"
	"path"
	"sort"
	"strings"

	"github.com/evanw/esbuild/pkg/api"
	"github.com/tdewolff/minify/v2"
	"github.com/tdewolff/parse/v2"
	jsparse "github.com/tdewolff/parse/v2/js"
)

// moduleMinifier minifies an ES module with esbuild, told it is one: a name a module
// declares at its top level and does not export is its own, and can be shortened like any
// local, which for code written as small named functions, as the site's mirror the Go
// engine, is about a tenth of the bytes. Any other script may be a classic one whose
// top-level names other scripts use, and goes to tdewolff's minifier, which keeps them
// (see moduleType).
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

// moduleType is the media type the minifier knows an ES module by.
const moduleType = "module"

// modules are a site's ES modules (a script with an import or export statement), each with
// the relative imports it names (import or export ... from), as files under static/: the
// scripts read once, for the minifier, the fingerprints and the bundler alike.
type modules map[string][]string

// readModules finds the ES modules among files.
func readModules(files map[string][]byte) modules {
	mods := modules{}
	for name, src := range files {
		if ext := path.Ext(name); ext != ".js" && ext != ".mjs" {
			continue
		}
		module, specs := moduleImports(src)
		if !module {
			continue
		}
		deps := []string{}
		for _, spec := range specs {
			if dep, ok := relativeModule(name, spec); ok {
				deps = append(deps, dep)
			}
		}
		mods[name] = deps
	}
	return mods
}

// roots lists, sorted, the modules no other module imports: the pages' scripts.
func (mods modules) roots() []string {
	imported := map[string]bool{}
	for _, deps := range mods {
		for _, d := range deps {
			imported[d] = true
		}
	}
	var roots []string
	for m := range mods {
		if !imported[m] {
			roots = append(roots, m)
		}
	}
	sort.Strings(roots)
	return roots
}
