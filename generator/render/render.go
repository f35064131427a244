// Package render turns loaded pages into HTML: Markdown through goldmark, then html/template
// layouts. It never reads content or writes output itself; it is handed what it renders.
package render

import (
	"net/url"
	"path"
	"strings"
	"time"

	"github.com/followup-playbook/playbook/generator/load/config"
	"github.com/followup-playbook/playbook/generator/load/content"
)

// Site is what every layout sees about the whole site, as .Site.
type Site struct {
	Title       string
	Description string
	Language    string
	Copyright   string
	// BaseURL is where the site is hosted ("https://example.org/careers/" or "/").
	BaseURL string
	// BasePath is BaseURL's path, the prefix of every link: "/careers/" or "/".
	BasePath string
	// Menu is the navigation, in order.
	Menu []NavItem
	// Pages lists the regular guidance pages in reading order.
	Pages []*Page
	// Brand is site.toml's [brand]: the organisation's name, logo, accent, contact line
	// and call to action.
	Brand Brand
	// Params is site.toml's [params].
	Params map[string]any
	// Figures are the timing figures from the rules, by key, as {{< rule KEY >}} shows them.
	Figures map[string]string
	// Messages are the message templates, in order, for layouts that list them.
	Messages []*MessagePage
	// Timeline is the default plan computed from the rules, nil when they did not load.
	Timeline *Timeline
	// Regions are the choices of the pages' "Public holidays of" select (RegionChoices),
	// and Region the site's own, "" for none; Weekend is the policy's weekend choice,
	// checked on the calculator before any script runs.
	Regions []Region
	Region  string
	Weekend string
	// Assets maps a static file's path ("css/site.css") to the name it is published
	// under ("css/site.3f2a9c1b0d.css") when assets are fingerprinted; RelURL and AbsURL
	// consult it. Nil otherwise.
	Assets map[string]string
	// Preloads maps a page's module ("js/companion.js") to the published files it imports
	// (ModulePreloads); nil when modules are published unbundled.
	Preloads map[string][]string

	// next is each page's NextStep by its URL, made by SetPages.
	next map[string]*Page
	// origin is BaseURL's "scheme://host", "" when it has no host; NewSite sets it once
	// rather than AbsURL parsing BaseURL on every call.
	origin string
}

// NavItem is one navigation entry.
type NavItem struct {
	Name string
	URL  string
}

// Page is what a layout sees about one page, as .Page.
type Page struct {
	Title       string
	Description string
	// URL is the page's link, under the base path: "/careers/chaser/".
	URL string
	// Permalink is the page's absolute address when BaseURL has a host, else URL.
	Permalink string
	Date      time.Time
	Kind      string
	Section   string
	Weight    int
	Params    map[string]any
	// Source is the file the page comes from, "" for generated pages.
	Source string
	// Layout is the layout its front matter asks for, "" for its kind's own.
	Layout  string
	Content any // template.HTML once rendered
}

// Data is what a layout is executed with.
type Data struct {
	Site *Site
	Page *Page
	// Pages are the pages a list or home page lists, in order.
	Pages []*Page
	// Extra is the data of a special page (a message template, the calculator).
	Extra any
}

// NewSite fills the site-wide fields from the configuration.
func NewSite(c config.Config) *Site {
	s := &Site{
		Title:       c.Title,
		Description: c.Description,
		Language:    c.Language,
		Copyright:   c.Copyright,
		BaseURL:     c.BaseURL,
		BasePath:    c.BasePath(),
		Params:      c.Params,
		origin:      originOf(c.BaseURL),
	}
	s.Brand = newBrand(s, c.Brand)
	return s
}

// RelURL returns the link to p (a path on the site, with or without leading slash) under
// the base path: RelURL "css/site.css" is "/careers/css/site.css", or the fingerprinted
// name from Assets when there is one.
func (s *Site) RelURL(p string) string {
	if IsAbsolute(p) {
		return p
	}
	p = strings.TrimPrefix(p, "/")
	if a, ok := s.Assets[p]; ok {
		p = a
	}
	return s.BasePath + p
}

// ModulePreloads returns the links to the files the page's module p ("js/companion.js")
// imports, for <link rel="modulepreload">: the browser then fetches them beside p instead
// of after reading it. None when modules are published unbundled (the dev server's build).
func (s *Site) ModulePreloads(p string) []string {
	files := s.Preloads[strings.TrimPrefix(p, "/")]
	links := make([]string, len(files))
	for i, f := range files {
		links[i] = s.BasePath + f
	}
	return links
}

// OGLocale is the site's language as Open Graph writes a locale ("en-GB" is "en_GB"), or ""
// when the language names no country: Open Graph wants language and territory.
func (s *Site) OGLocale() string {
	l := strings.ReplaceAll(s.Language, "-", "_")
	if !strings.Contains(l, "_") {
		return ""
	}
	return l
}

// IsAbsolute reports whether p names a scheme or a host ("https://x", "mailto:a", "//x"),
// as url.Parse would find, without parsing: layouts call RelURL several times a page.
func IsAbsolute(p string) bool {
	if strings.HasPrefix(p, "//") {
		return true
	}
	i := strings.IndexAny(p, ":/?#")
	if i <= 0 || p[i] != ':' {
		return false
	}
	u, err := url.Parse(p)
	return err == nil && (u.Scheme != "" || u.Host != "")
}

// AbsURL returns the absolute address of p when BaseURL has a host, else RelURL p.
func (s *Site) AbsURL(p string) string {
	rel := s.RelURL(p)
	if IsAbsolute(rel) {
		return rel
	}
	origin := s.origin
	if origin == "" {
		origin = originOf(s.BaseURL)
	}
	return origin + rel
}

// originOf returns "scheme://host" of an address, "" when it has no host.
func originOf(base string) string {
	if !strings.Contains(base, "//") {
		return ""
	}
	u, err := url.Parse(base)
	if err != nil || u.Host == "" {
		return ""
	}
	return u.Scheme + "://" + u.Host
}

// PageFor describes a loaded content page for the layouts.
func (s *Site) PageFor(p *content.Page) *Page {
	return &Page{
		Title:       p.Title,
		Description: p.Description,
		URL:         s.RelURL(p.URL),
		Permalink:   s.AbsURL(p.URL),
		Date:        p.Date,
		Kind:        string(p.Kind),
		Section:     p.Section,
		Weight:      p.Weight,
		Params:      p.Params,
		Source:      p.Path,
		Layout:      p.Layout,
	}
}

// SetPages makes pages the regular pages in reading order, and works out each one's next
// step once: a page of a 10,000-page site looking for itself would cost 10,000 compares.
func (s *Site) SetPages(pages []*Page) {
	s.Pages = pages
	s.next = make(map[string]*Page, len(pages))
	var next *Page
	for i := len(pages) - 1; i >= 0; i-- {
		s.next[pages[i].URL] = next
		if pages[i].Layout == "" {
			next = pages[i]
		}
	}
}

// NextStep is the guidance page that follows p in reading order (SetPages), for the "next
// step" link at the end of a page; nil after the last one. Pages with a layout of their
// own (the calculator, the companion) are tools, not steps of the process, and are passed
// over. p is matched by URL, since a page renders from a copy of its view.
func (s *Site) NextStep(p *Page) *Page {
	return s.next[p.URL]
}

// OutputPath is the file a page with URL u (relative to the base path) is written to.
func OutputPath(u string) string {
	if u == "" || strings.HasSuffix(u, "/") {
		return path.Join(u, "index.html")
	}
	return u
}
