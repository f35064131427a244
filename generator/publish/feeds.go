package publish

import (
	"bytes"
	"encoding/xml"
	"net/url"
	"sort"
	"strings"
	"time"

	"github.com/followup-playbook/playbook/generator/render"
)

// hasHost reports whether the site's base URL is absolute, which sitemaps, robots.txt's
// Sitemap line and feed identifiers need.
func hasHost(s *render.Site) bool {
	u, err := url.Parse(s.BaseURL)
	return err == nil && u.Host != ""
}

// sitemap lists every page written (its HTML files but 404.html), sorted, at its
// absolute address; with a base URL of "/" the addresses are paths, which crawlers
// ignore, so a site for search engines sets a baseURL with its host.
func sitemap(s *render.Site, pages []string) []byte {
	locs := make([]string, 0, len(pages))
	for _, p := range pages {
		locs = append(locs, s.AbsURL(strings.TrimSuffix(p, "index.html")))
	}
	sort.Strings(locs)
	var b bytes.Buffer
	b.WriteString(xml.Header)
	b.WriteString(`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">` + "\n")
	for _, l := range locs {
		b.WriteString("<url><loc>")
		xml.EscapeText(&b, []byte(l))
		b.WriteString("</loc></url>\n")
	}
	b.WriteString("</urlset>\n")
	return b.Bytes()
}

// robots allows every crawler everywhere and names the sitemap when its address is known.
func robots(s *render.Site) []byte {
	var b strings.Builder
	b.WriteString("User-agent: *\nAllow: /\n")
	if hasHost(s) {
		b.WriteString("\nSitemap: " + s.AbsURL(SitemapFile) + "\n")
	}
	return []byte(b.String())
}

// Atom 1.0 (RFC 4287), as much of it as the feed of guidance pages uses.
type atomFeed struct {
	XMLName  xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	Lang     string      `xml:"xml:lang,attr,omitempty"`
	Title    string      `xml:"title"`
	Subtitle string      `xml:"subtitle,omitempty"`
	Links    []atomLink  `xml:"link"`
	ID       string      `xml:"id"`
	Updated  string      `xml:"updated"`
	Author   atomAuthor  `xml:"author"`
	Rights   string      `xml:"rights,omitempty"`
	Entries  []atomEntry `xml:"entry"`
}

type atomLink struct {
	Href string `xml:"href,attr"`
	Rel  string `xml:"rel,attr,omitempty"`
	Type string `xml:"type,attr,omitempty"`
}

type atomAuthor struct {
	Name string `xml:"name"`
}

type atomEntry struct {
	Title   string   `xml:"title"`
	Link    atomLink `xml:"link"`
	ID      string   `xml:"id"`
	Updated string   `xml:"updated"`
	Summary string   `xml:"summary,omitempty"`
}

// feed is the Atom feed of the guidance pages in reading order. A page without a date
// takes the newest date of any page (or 2000-01-01 when none has one), so the feed stays
// byte-identical between builds.
func feed(s *render.Site) []byte {
	var newest time.Time
	for _, p := range s.Pages {
		if p.Date.After(newest) {
			newest = p.Date
		}
	}
	if newest.IsZero() {
		newest = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	stamp := func(t time.Time) string {
		if t.IsZero() {
			t = newest
		}
		return t.UTC().Format(time.RFC3339)
	}
	host := hasHost(s)
	f := atomFeed{
		Lang:     s.Language,
		Title:    s.Title,
		Subtitle: s.Description,
		Links: []atomLink{
			{Href: s.AbsURL(""), Rel: "alternate", Type: "text/html"},
			{Href: s.AbsURL(FeedFile), Rel: "self", Type: "application/atom+xml"},
		},
		ID:      feedID(host, s.AbsURL(""), s.BasePath),
		Updated: stamp(newest),
		Author:  atomAuthor{Name: s.Brand.Name},
		Rights:  s.Copyright,
	}
	for _, p := range s.Pages {
		f.Entries = append(f.Entries, atomEntry{
			Title:   p.Title,
			Link:    atomLink{Href: p.Permalink, Rel: "alternate", Type: "text/html"},
			ID:      feedID(host, p.Permalink, p.URL),
			Updated: stamp(p.Date),
			Summary: p.Description,
		})
	}
	out, err := xml.MarshalIndent(f, "", " ")
	if err != nil {
		panic(err) // plain strings always marshal
	}
	return append(append([]byte(xml.Header), out...), '\n')
}

// feedID is an entry's permanent identifier: its absolute address, or, when the host is
// not known, a tag URI (RFC 4151) made from its path, so the feed stays valid.
func feedID(host bool, permalink, urlPath string) string {
	if host {
		return permalink
	}
	return "tag:followup-playbook,2026:" + urlPath
}
