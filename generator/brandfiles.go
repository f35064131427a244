package generator

import (
	"errors"
	"fmt"
	"io/fs"
	"path"

	"github.com/followup-playbook/playbook/generator/load/config"
	"github.com/followup-playbook/playbook/generator/load/sitefs"
	"github.com/followup-playbook/playbook/generator/publish"
	"github.com/followup-playbook/playbook/generator/render"
)

// The files of the installed app and the browser's tab that the brand changes, by their
// names under static/, each made from the theme's file of that name.
const (
	manifestFile = "manifest.webmanifest"
	faviconFile  = "favicon.svg"
)

// appIcons are the theme's PNG icons, which the manifest lists.
var appIcons = []string{"icons/icon-192.png", "icons/icon-512.png"}

// brandFiles makes the app's manifest and icons for a branded site from the theme's, into
// made: the manifest named after the brand, in its accent and with its icon, the theme's
// icons in the accent when the brand has no icon of its own. A file the site has of its
// own under static/ is the site's to brand, and is left alone, as is every file of a site
// that does not change the theme's name, colour or icon. It returns the brand's icon (its
// URL left for the caller, which knows the base path), nil without one; an icon that is
// not a file under static/, or neither an SVG nor a square PNG big enough, is a problem
// at its value in site.toml (cfgSrc).
func brandFiles(src sitefs.Source, cfg config.Config, cfgSrc []byte, made map[string][]byte) (*render.Icon, error) {
	if src.Site == nil || !render.IsBranded(cfg.Brand, cfg.Title) {
		return nil, nil
	}
	theme := func(name string) ([]byte, bool) {
		if _, err := fs.Stat(src.Site, path.Join(sitefs.StaticDir, name)); err == nil {
			return nil, false
		}
		b, err := fs.ReadFile(src.Defaults, path.Join(sitefs.StaticDir, name))
		return b, err == nil
	}
	var errs []error
	icon, err := brandIcon(src, cfg.Brand.Icon, cfgSrc)
	errs = append(errs, err)
	if b, ok := theme(manifestFile); ok {
		m, err := render.BrandManifest(b, cfg.Brand, icon)
		if err == nil {
			made[manifestFile] = m
		}
		errs = append(errs, err)
	}
	accent, ok := config.ParseHex(cfg.Brand.Accent)
	if !ok || cfg.Brand.Icon != "" {
		return icon, errors.Join(errs...)
	}
	if b, ok := theme(faviconFile); ok {
		if svg, ok := render.AccentSVGIcon(b, accent); ok {
			made[faviconFile] = svg
		}
	}
	for _, n := range appIcons {
		if b, ok := theme(n); ok {
			p, err := render.AccentPNGIcon(b, accent)
			if err == nil {
				made[n] = p
			}
			errs = append(errs, err)
		}
	}
	return icon, errors.Join(errs...)
}

// brandIcon reads the brand's icon, name under static/ (the site's own or the theme's),
// and describes it; nil for none.
func brandIcon(src sitefs.Source, name string, cfgSrc []byte) (*render.Icon, error) {
	if name == "" {
		return nil, nil
	}
	var b []byte
	err := fs.ErrNotExist
	for _, layer := range src.Layers() {
		if b, err = fs.ReadFile(layer, path.Join(sitefs.StaticDir, name)); err == nil {
			break
		}
	}
	if err != nil {
		return nil, config.BrandError(cfgSrc, "icon", name, fmt.Sprintf("icon %q is not a file under static/", name),
			"add the image as static/"+name+", or name one that is there")
	}
	icon, ok := render.IconOf(name, b, "", publish.ImageSize)
	if !ok {
		return nil, config.BrandError(cfgSrc, "icon", name, fmt.Sprintf("icon %q is neither an SVG nor a square PNG of at least %d px", name, render.MinIconSize),
			fmt.Sprintf("use an SVG, or a PNG of %d by %d px or more", render.MinIconSize, render.MinIconSize))
	}
	return icon, nil
}
