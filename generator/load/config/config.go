// Package config reads a site's site.toml into a Config: the site's title, base URL,
// language, navigation, brand and site-wide parameters. Unknown keys are errors, so a typo
// never passes silently.
package config

import (
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"strconv"
	"strings"

	"github.com/followup-playbook/playbook/generator/diag"
	"github.com/followup-playbook/playbook/generator/internal/strictoml"
)

// File is the name of the configuration file at a site's root.
const File = "site.toml"

// Config is a site's configuration. Only Title is required; every other field has a
// default. Each field's doc tag is what `playbook help config` and docs/reference.md say
// about its key (see package generator/reference): one or two sentences, then
// "Default: ..." or "Required.".
type Config struct {
	Title       string         `toml:"title" doc:"The site's name, in every page's title, its header and the feed. Required."`
	Description string         `toml:"description" doc:"The site's summary, for the home page's description and the feed. Default: empty."`
	BaseURL     string         `toml:"baseURL" doc:"Where the site is hosted, as an address (\"https://example.org/careers/playbook/\") or a path (\"/careers/playbook/\"); every link is written under its path, and --baseURL replaces it. Default: \"/\"."`
	Language    string         `toml:"language" doc:"The pages' language, as their lang attribute (\"en\", \"en-GB\"). Default: \"en\"."`
	Copyright   string         `toml:"copyright" doc:"The line shown in the footer. Default: empty."`
	Menu        []MenuItem     `toml:"menu" doc:"Entries added to the navigation, which lists every top-level page in reading order (by weight, then title), then the list of templates; an entry for a page it lists takes that page's place. Default: none, the automatic menu alone."`
	MenuOptions MenuOptions    `toml:"menu_options" doc:"How the [[menu]] entries and the automatic menu combine."`
	Brand       Brand          `toml:"brand" doc:"The organisation that publishes the playbook: its name, logo, accent colour, a contact line and a call to action, so a site carries its brand without copying the theme's layouts. Default: the site's title as the name, and the theme's own look."`
	Params      map[string]any `toml:"params" doc:"Anything your own layouts want, as .Site.Params.KEY; a key not set is empty. Default: empty."`
	// Timeline is checked by generator/load/rules (rules.LoadPolicy), so here it is only
	// accepted.
	Timeline map[string]any `toml:"timeline" doc:"The site-wide timing policy: business days and hours, weekends, chasers, LinkedIn limits, public holidays. Its keys are listed by playbook help timing."`
}

// MenuItem is one [[menu]] entry: a page of the site, named by its path under content/
// or by the name of a page the site makes, or a URL. The generator package resolves it.
type MenuItem struct {
	Name   string `toml:"name" doc:"The text of the link. Required."`
	Page   string `toml:"page" doc:"A page, by its path under content/ (\"chaser.md\", \"guides/_index.md\") or by name: \"calculator\", \"follow-ups\", \"templates\" (the list of message templates, also \"messages\") or \"templates/ID\" (one template). Default: none; give page or url."`
	URL    string `toml:"url" doc:"A path on the site (\"/templates/\", \"/#timeline\"), which is written under the base URL's path, or another site's address (\"https://example.com/\"), written as it is. Default: none; give page or url."`
	Weight int    `toml:"weight" doc:"Places the entry before the first automatic one whose page is heavier, ahead of the pages without a weight and the list of templates; an entry for a page the menu lists moves it there. An entry without a weight goes at the end, in the order written, or in its page's place. Default: 0, at the end."`
}

// MenuOptions is the [menu_options] table.
type MenuOptions struct {
	Replace bool `toml:"replace" doc:"Show the [[menu]] entries alone, instead of adding them to the automatic menu. Default: false."`
}

// Brand is site.toml's [brand] table. Parse fills Name with the title when it is not set
// and checks the rest: the logo's file is checked by the build, which knows static/.
type Brand struct {
	Name    string `toml:"name" doc:"The organisation's name: the publisher in every page's structured data, the author of the feed and the maker named in calendar files. Default: the site's title."`
	Logo    string `toml:"logo" doc:"An image under static/ shown in the header before the site's title, e.g. \"images/logo.svg\" (SVG, PNG, JPEG, GIF or WebP), with the name as its text alternative; it is also the publisher's logo in structured data. Default: no logo."`
	Icon    string `toml:"icon" doc:"The site's icon, an image under static/: an SVG, or a square PNG of at least 512 px, e.g. \"images/icon.svg\". The browser's tab shows it, and the installed app's manifest lists it as the app's icon. Default: the theme's icon, drawn in the accent when there is one."`
	Accent  string `toml:"accent" doc:"The colour of links and buttons, written #rrggbb. It must reach a contrast of 4.5:1 with the light background, and the colour it becomes in the dark scheme (the same hue with its lightness mirrored) with the dark one; a colour that does not stops the build and names one near it that does. Default: the theme's blue, #0b5cad."`
	Contact string `toml:"contact" doc:"One line of plain text shown in the footer, such as a phone number and opening hours. Default: none."`
	CTA     CTA    `toml:"cta" doc:"A call to action shown where a reader finishes: at the end of every guidance page, on the calculator and follow-ups pages, and in the footer. Default: none."`
}

// CTA is [brand.cta]: a link inviting the reader to get in touch.
type CTA struct {
	Text string `toml:"text" doc:"The link's words, e.g. \"Talk to a recruiter\"; set it together with url. Default: none."`
	URL  string `toml:"url" doc:"Where the link goes: an https:// address, a mailto: address, or a path on the site starting with / (e.g. \"/contact/\"), written under the base URL, where the build must make a page or publish a file. Default: none."`
}

// DefaultUIDDomain ends the UID of every calendar event of a site whose baseURL has no
// host: what every site's events ended with before a site had a brand.
const DefaultUIDDomain = "followup-playbook"

// UIDDomain is the domain of the site's calendar events' UIDs: the host of baseURL when
// it has one, else DefaultUIDDomain. Events keep their UIDs from one export to the next
// only while it stays the same.
func (c Config) UIDDomain() string {
	if u, err := url.Parse(c.BaseURL); err == nil && u.Hostname() != "" {
		return strings.ToLower(u.Hostname())
	}
	return DefaultUIDDomain
}

// Default returns the configuration of a site whose site.toml sets nothing but the title.
func Default() Config {
	return Config{BaseURL: "/", Language: "en"}
}

// Load reads site.toml from the root of fsys. It reports every problem it finds, each as a
// *diag.Error joined into the returned error.
func Load(fsys fs.FS) (Config, []byte, error) {
	src, err := fs.ReadFile(fsys, File)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return Config{}, nil, &diag.Error{Path: File, Msg: "no site.toml at the site's root", Hint: "create one with at least: title = \"My site\""}
		}
		return Config{}, nil, fmt.Errorf("%s: %w", File, err)
	}
	c, err := Parse(src)
	return c, src, err
}

// Parse decodes a site.toml held in src. With problems, it still returns a usable
// Config: what decoded, the defaults for the rest, so that a build goes on to report every
// other file's problems in the same run.
func Parse(src []byte) (Config, error) {
	c := Default()
	if _, err := strictoml.Decode(File, src, 1, &c); err != nil {
		// What follows checks values that may be half decoded; only what the rest of a
		// build relies on is made safe: a base URL, and a name for the brand.
		if c.BaseURL, _ = normaliseBaseURL(c.BaseURL); c.BaseURL == "" {
			c.BaseURL = "/"
		}
		if strings.TrimSpace(c.Brand.Name) == "" {
			c.Brand.Name = c.Title
		}
		return c, err
	}
	var errs []error
	if strings.TrimSpace(c.Title) == "" {
		errs = append(errs, &diag.Error{Path: File, Line: 1, Msg: "the site has no title", Hint: "add a line: title = \"My site\""})
	}
	base, err := normaliseBaseURL(c.BaseURL)
	if err != nil {
		errs = append(errs, valueError(src, "baseURL", err.Error(), "write it as https://example.org/path/ or /path/"))
	}
	c.BaseURL = base
	if strings.TrimSpace(c.Brand.Name) == "" {
		c.Brand.Name = c.Title
	}
	errs = append(errs, checkBrand(src, c.Brand)...)
	for i, m := range c.Menu {
		errs = append(errs, checkMenuItem(src, i, m))
	}
	return c, errors.Join(errs...)
}

// WithBaseURL returns c hosted at base instead, as --baseURL asks.
func (c Config) WithBaseURL(base string) (Config, error) {
	b, err := normaliseBaseURL(base)
	if err != nil {
		return c, fmt.Errorf("--baseURL: %w", err)
	}
	c.BaseURL = b
	return c, nil
}

// normaliseBaseURL checks a base URL and makes it end with "/"; "" means "/".
func normaliseBaseURL(base string) (string, error) {
	if base == "" {
		return "/", nil
	}
	u, err := url.Parse(base)
	if err != nil || (u.Scheme != "" && u.Host == "") || (u.Scheme == "" && !strings.HasPrefix(base, "/")) || u.RawQuery != "" || u.Fragment != "" {
		return "/", fmt.Errorf("baseURL %q is not an absolute URL or a path starting with /", base)
	}
	if !strings.HasSuffix(base, "/") {
		base += "/"
	}
	return base, nil
}

// BasePath is the path part of BaseURL, always starting and ending with "/": the prefix of
// every link the site writes.
func (c Config) BasePath() string {
	u, err := url.Parse(c.BaseURL)
	if err != nil || u.Path == "" {
		return "/"
	}
	p := u.Path
	if !strings.HasSuffix(p, "/") {
		p += "/"
	}
	return p
}

// checkMenuItem reports a [[menu]] entry, the i-th from 0, without a name or without
// exactly one of page and url, at its header. What page and url name is checked once the
// pages are known (generator's navigation).
func checkMenuItem(src []byte, i int, m MenuItem) error {
	var msg, hint string
	switch {
	case strings.TrimSpace(m.Name) == "":
		msg, hint = fmt.Sprintf("menu entry %d has no name", i+1), "add name = \"...\", the text of the link"
	case (m.Page == "") == (m.URL == ""):
		msg, hint = fmt.Sprintf("menu entry %d (%q) needs exactly one of page or url", i+1, m.Name), "page = \"chaser.md\" names a page of the site; url = \"/templates/\" a path on it, or \"https://…\" another site"
	default:
		return nil
	}
	if line, col := strictoml.KeyPos(src, fmt.Sprintf("menu.%d", i)); line > 0 {
		return diag.At(File, src, line, col, msg, hint)
	}
	return &diag.Error{Path: File, Msg: msg, Hint: hint}
}

// valueError is a problem with key's value in site.toml (src), positioned at the value,
// where it is fixed; at the whole file when the key is not written.
func valueError(src []byte, key, msg, hint string) *diag.Error {
	if line, col := strictoml.ValuePos(src, key); line > 0 {
		return diag.At(File, src, line, col, msg, hint)
	}
	return &diag.Error{Path: File, Msg: msg, Hint: hint}
}

// checkBrand reports every problem of [brand] but its logo's file: an accent that is no
// colour or is too faint to read, and a call to action that is half given or goes nowhere
// a reader can follow.
func checkBrand(src []byte, b Brand) []error {
	var errs []error
	if b.Accent != "" {
		if err := checkAccent(src, b.Accent); err != nil {
			errs = append(errs, err)
		}
	}
	if (b.CTA.Text == "") != (b.CTA.URL == "") {
		given, value, missing := "text", b.CTA.Text, "url"
		if b.CTA.Text == "" {
			given, value, missing = "url", b.CTA.URL, "text"
		}
		errs = append(errs, BrandError(src, "cta."+given, value, fmt.Sprintf("[brand.cta] has a %s but no %s", given, missing),
			"give both text and url, or neither"))
	}
	if u := b.CTA.URL; u != "" && !strings.HasPrefix(u, "https://") && !strings.HasPrefix(u, "mailto:") && (!strings.HasPrefix(u, "/") || strings.HasPrefix(u, "//")) {
		errs = append(errs, BrandError(src, "cta.url", u, fmt.Sprintf("[brand.cta] url %q is not an https:// address, a mailto: address or a path on the site", u),
			"write it as https://example.org/contact, mailto:jobs@example.org or /contact/"))
	}
	for _, f := range []struct{ key, value, example string }{{"logo", b.Logo, "images/logo.svg"}, {"icon", b.Icon, "images/icon.svg"}} {
		if f.value != "" && (strings.HasPrefix(f.value, "/") || strings.Contains(f.value, "..") || strings.Contains(f.value, "://")) {
			errs = append(errs, BrandError(src, f.key, f.value, fmt.Sprintf("%s %q is not a file under static/", f.key, f.value),
				fmt.Sprintf("name the file by its path under static/, e.g. %s = %q", f.key, f.example)))
		}
	}
	return errs
}

// checkAccent reports an accent that is not #rrggbb, or that fails MinContrast in either
// scheme, with the ratios measured and the nearest colour that passes.
func checkAccent(src []byte, accent string) error {
	c, ok := ParseHex(accent)
	if !ok {
		return BrandError(src, "accent", accent, fmt.Sprintf("accent %q is not a colour written #rrggbb", accent),
			"write six hexadecimal digits after #, e.g. accent = \"#0b5cad\"")
	}
	m := MeasureAccent(c)
	if m.OK() {
		return nil
	}
	fix := NearestPassing(c)
	fm := MeasureAccent(fix)
	msg := fmt.Sprintf("accent %q is too faint to read as text: its contrast is %s with the light background %s, and %s for its dark-scheme colour %s with %s; links and buttons need %s:1 in both",
		accent, ratio(m.Light), LightBackground, ratio(m.Dark), m.DarkAccent.Hex(), DarkBackground, strconv.FormatFloat(MinContrast, 'f', 1, 64))
	hint := fmt.Sprintf("try %q, the same hue at another lightness (%s light, %s dark)", fix.Hex(), ratio(fm.Light), ratio(fm.Dark))
	return BrandError(src, "accent", accent, msg, hint)
}

// BrandError is a problem with the value of [brand]'s key (dotted below brand: "cta.url"),
// placed at the value, however the table is written, else at the [brand] header: for this
// package's checks and the build's (the logo's file, the call to action's page).
func BrandError(src []byte, key, value, msg, hint string) *diag.Error {
	for _, k := range []string{key[strings.LastIndex(key, ".")+1:], "brand." + key, key} {
		if line, col := strictoml.Locate(src, k, value); line > 0 {
			return diag.At(File, src, line, col, msg, hint)
		}
	}
	if line, col := strictoml.KeyPos(src, "brand"); line > 0 {
		return diag.At(File, src, line, col, msg, hint)
	}
	return &diag.Error{Path: File, Msg: msg, Hint: hint}
}
