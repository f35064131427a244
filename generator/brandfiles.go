package generator

import (
	"errors"
	"io/fs"
	"path"

	"github.com/followup-playbook/playbook/generator/load/config"
	"github.com/followup-playbook/playbook/generator/load/sitefs"
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
// made: the manifest named after the brand and in its accent, the icons in the accent. A
// file the site has of its own under static/ is the site's to brand, and is left alone,
// as is every file of a site that does not change the theme's name or colour.
func brandFiles(src sitefs.Source, cfg config.Config, made map[string][]byte) error {
	if src.Site == nil || !render.IsBranded(cfg.Brand, cfg.Title) {
		return nil
	}
	theme := func(name string) ([]byte, bool) {
		if _, err := fs.Stat(src.Site, path.Join(sitefs.StaticDir, name)); err == nil {
			return nil, false
		}
		b, err := fs.ReadFile(src.Defaults, path.Join(sitefs.StaticDir, name))
		return b, err == nil
	}
	var errs []error
	if b, ok := theme(manifestFile); ok {
		m, err := render.BrandManifest(b, cfg.Brand)
		if err == nil {
			made[manifestFile] = m
		}
		errs = append(errs, err)
	}
	accent, ok := config.ParseHex(cfg.Brand.Accent)
	if !ok {
		return errors.Join(errs...)
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
	return errors.Join(errs...)
}
