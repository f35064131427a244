package publish

import (
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"path"
	"slices"
	"strings"

	"github.com/evanw/esbuild/pkg/api"

	"github.com/followup-playbook/playbook/generator/diag"
	"github.com/followup-playbook/playbook/generator/load/sitefs"
)

// bundleRoot is where bundle places the static files for esbuild, which wants absolute
// paths; nothing is read from or written to the disk.
const bundleRoot = "/static"

// bundle joins the site's ES modules for publishing: each module no other module imports
// (a page's script: calculator.js, fill.js) becomes one file holding all it imports,
// named after its content, and what two of them share, or one loads only when it is
// needed (import("./calendar.js")), becomes a chunk of its own. A page then loads one
// file instead of a file per module, without the names modules export to each other,
// and without what it never calls. files are the static files as read; it returns the
// files to publish and, for each page's script, its published name.
func bundle(files map[string][]byte, mods modules) (bundled, error) {
	entries := mods.roots()
	if len(entries) == 0 {
		return bundled{}, nil
	}
	points := make([]string, len(entries))
	for i, e := range entries {
		points[i] = bundleRoot + "/" + e
	}
	res := api.Build(api.BuildOptions{
		EntryPoints:       points,
		Bundle:            true,
		Splitting:         true,
		Format:            api.FormatESModule,
		Target:            api.ES2020,
		MinifyWhitespace:  true,
		MinifyIdentifiers: true,
		MinifySyntax:      true,
		LegalComments:     api.LegalCommentsNone,
		AbsWorkingDir:     "/", // the metafile's paths are then bundleRoot's, less its "/"
		Outdir:            bundleRoot,
		Outbase:           bundleRoot,
		EntryNames:        "[dir]/[name].[hash]",
		ChunkNames:        "js/chunk.[hash]",
		Metafile:          true,
		Write:             false,
		Plugins:           []api.Plugin{staticFiles(files)},
	})
	if len(res.Errors) > 0 {
		var errs []error
		for _, m := range res.Errors {
			errs = append(errs, bundleError(m))
		}
		return bundled{}, errors.Join(errs...)
	}
	out := map[string][]byte{}
	for _, f := range res.OutputFiles {
		out[strings.TrimPrefix(f.Path, bundleRoot+"/")] = f.Contents
	}
	var meta struct {
		Outputs map[string]struct {
			EntryPoint string `json:"entryPoint"`
			Imports    []struct {
				Path string `json:"path"`
				Kind string `json:"kind"`
			} `json:"imports"`
		} `json:"outputs"`
	}
	if err := json.Unmarshal([]byte(res.Metafile), &meta); err != nil {
		return bundled{}, err
	}
	b := bundled{files: out, scripts: map[string]string{}, imports: map[string][]string{}, static: map[string][]string{}}
	rel := strings.TrimPrefix(bundleRoot, "/") + "/"
	for name, o := range meta.Outputs {
		if e, ok := strings.CutPrefix(o.EntryPoint, rel); ok {
			b.scripts[e] = strings.TrimPrefix(name, rel)
		}
		var deps, static []string
		for _, imp := range o.Imports {
			if dep, ok := strings.CutPrefix(imp.Path, rel); ok && (imp.Kind == "import-statement" || imp.Kind == "dynamic-import") {
				deps = append(deps, dep)
				if imp.Kind == "import-statement" {
					static = append(static, dep)
				}
			}
		}
		b.imports[strings.TrimPrefix(name, rel)] = deps
		b.static[strings.TrimPrefix(name, rel)] = static
	}
	return b, nil
}

// bundled is what bundle publishes.
type bundled struct {
	files   map[string][]byte // every file it made, by published name
	scripts map[string]string // each page's module, by its name under static/, to its bundle
	// imports holds, for each file made, the files it imports with import or import()
	// (from esbuild's metafile).
	imports map[string][]string
	// static holds, for each file made, those of imports it imports with import: what the
	// browser must fetch before the file runs.
	static map[string][]string
}

// preloads is, for each page's module by its name under static/, the files its bundle
// imports with import, at any depth, sorted: fetched with the bundle (modulepreload)
// rather than once the browser has read it, then each file it imports.
func (b bundled) preloads() map[string][]string {
	out := map[string][]string{}
	for entry, name := range b.scripts {
		if deps := slices.DeleteFunc(reached(name, b.static), func(n string) bool { return n == name }); len(deps) > 0 {
			out[entry] = deps
		}
	}
	return out
}

// closure is the published script name (a bundle or a chunk) and every file it may load,
// at once or on demand (import()), sorted; nil when bundle did not make it.
func (b bundled) closure(name string) []string {
	if _, ok := b.imports[name]; !ok {
		return nil
	}
	return reached(name, b.imports)
}

// reached is name and every file it leads to through edges, at any depth, sorted.
func reached(name string, edges map[string][]string) []string {
	seen := map[string]bool{}
	var walk func(string)
	walk = func(n string) {
		if seen[n] {
			return
		}
		seen[n] = true
		for _, d := range edges[n] {
			walk(d)
		}
	}
	walk(name)
	return slices.Sorted(maps.Keys(seen))
}

// staticFiles has esbuild read modules from files, by paths relative to the importer;
// any other specifier (a bare name, an absolute path or an address) is left to the
// browser.
func staticFiles(files map[string][]byte) api.Plugin {
	return api.Plugin{Name: "static-files", Setup: func(b api.PluginBuild) {
		b.OnResolve(api.OnResolveOptions{Filter: ".*"}, func(a api.OnResolveArgs) (api.OnResolveResult, error) {
			if a.Kind == api.ResolveEntryPoint {
				return api.OnResolveResult{Path: a.Path}, nil
			}
			if !strings.HasPrefix(a.Path, "./") && !strings.HasPrefix(a.Path, "../") {
				return api.OnResolveResult{Path: a.Path, External: true}, nil
			}
			return api.OnResolveResult{Path: path.Join(path.Dir(a.Importer), a.Path)}, nil
		})
		b.OnLoad(api.OnLoadOptions{Filter: ".*"}, func(a api.OnLoadArgs) (api.OnLoadResult, error) {
			src, ok := files[strings.TrimPrefix(a.Path, bundleRoot+"/")]
			if !ok {
				return api.OnLoadResult{}, fmt.Errorf("no such file under %s/", sitefs.StaticDir)
			}
			text := string(src)
			return api.OnLoadResult{Contents: &text, Loader: api.LoaderJS, ResolveDir: path.Dir(a.Path)}, nil
		})
	}}
}

// bundleError is esbuild's message as a problem at its place in the static file.
func bundleError(m api.Message) error {
	d := &diag.Error{Msg: "cannot bundle the JavaScript: " + m.Text, Hint: "fix the module, or build without --minify"}
	if l := m.Location; l != nil {
		// esbuild names the file from its working folder, "/": bundleRoot less its "/".
		d.Path = path.Join(sitefs.StaticDir, strings.TrimPrefix(l.File, strings.TrimPrefix(bundleRoot, "/")+"/"))
		d.Line, d.Col, d.Source = l.Line, l.Column+1, l.LineText
	}
	return d
}

// relativeModule is the file a module specifier (a quoted string, as the parser gives it)
// of the module name imports, when it is relative.
func relativeModule(name string, quoted []byte) (string, bool) {
	if len(quoted) < 2 {
		return "", false
	}
	spec := string(quoted[1 : len(quoted)-1])
	if !strings.HasPrefix(spec, "./") && !strings.HasPrefix(spec, "../") {
		return "", false
	}
	return path.Join(path.Dir(name), spec), true
}
