package render

import (
	"fmt"
	"strings"

	"github.com/followup-playbook/playbook/generator/load/config"
)

// Brand is what layouts see of site.toml's [brand], as .Site.Brand: the organisation
// behind the site, ready to show.
type Brand struct {
	// Name is the organisation's name (the site's title when [brand] sets none).
	Name string
	// Logo is the header's image, nil without one.
	Logo *Logo
	// Icon is the site's own icon, nil for the theme's favicon.svg.
	Icon *Icon
	// Accent is the colour of links and buttons ("#1a7f5a"), "" for the theme's own.
	Accent string
	// Stylesheet says the build made BrandStylesheet (BrandCSS), which pages then link.
	Stylesheet bool
	// Contact is the footer's contact line, "" for none.
	Contact string
	// CTA is the call to action, nil without one.
	CTA *CTA
}

// Logo is the brand's image: its address and its size in CSS pixels, which the <img>
// states so that the header does not move once the image arrives.
type Logo struct {
	// File is its path under static/.
	File          string
	URL           string
	Width, Height int
}

// Icon is the brand's icon: its address and media type, and its sizes as a web app
// manifest writes them ("any" for an SVG, "512x512").
type Icon struct {
	File, URL, Type, Sizes string
}

// CTA is the brand's call to action.
type CTA struct {
	Text string
	// URL is where it goes: an address as written, or a site path under the base path.
	URL string
}

// BrandStylesheet is the stylesheet a build makes from [brand] (BrandCSS), published as
// if it were a static file; it replaces a file of that name under static/.
const BrandStylesheet = "css/brand.css"

// newBrand is b as layouts see it on site s; the logo is the build's to add, once it has
// found the file and its size.
func newBrand(s *Site, b config.Brand) Brand {
	out := Brand{Name: b.Name, Accent: b.Accent, Contact: b.Contact, Stylesheet: BrandCSS(b) != nil}
	if out.Name == "" { // a Config that config.Parse did not make
		out.Name = s.Title
	}
	if b.CTA.Text != "" && b.CTA.URL != "" {
		out.CTA = &CTA{Text: b.CTA.Text, URL: s.RelURL(b.CTA.URL)}
	}
	return out
}

// BrandCSS is the stylesheet of brand b, nil when it has nothing to show (a name alone):
// site.css's --accent custom property for the light scheme and, as config.DarkAccent
// derives it, the dark one, and the look of the logo and the call to action. The accent
// has passed config's contrast check; the text on an accent background (--accent-fg,
// white in the light scheme and near black in the dark) then has at least that contrast.
// The rules are here rather than in site.css, so that a site without a brand loads none
// of them.
func BrandCSS(b config.Brand) []byte {
	if b.Accent == "" && b.Logo == "" && b.Contact == "" && b.CTA.Text == "" {
		return nil
	}
	var css strings.Builder
	css.WriteString("/* Made by playbook from site.toml's [brand]. */\n")
	if c, ok := config.ParseHex(b.Accent); ok {
		fmt.Fprintf(&css, ":root { --accent: %s; }\n@media (prefers-color-scheme: dark) {\n  :root { --accent: %s; }\n}\n", c.Hex(), config.DarkAccent(c).Hex())
	}
	css.WriteString(`.site-title { display: inline-flex; align-items: center; gap: 0.6rem; }
.site-logo { display: block; max-height: 2.5rem; width: auto; }
.cta { margin: 2rem 0 1rem; padding: 0.25rem 1rem; border-left: 4px solid var(--accent); }
.cta a { font-weight: 700; }
.site-footer .cta { margin: 0 0 1rem; }
`)
	return []byte(css.String())
}
