package render

import (
	"bytes"
	"html/template"
)

// aliasPage is what a page's former address serves: a redirect at once (a host that reads
// _redirects answers with a 301 before it is ever served), its new address as the
// canonical one, kept out of search indexes, and a link for a browser that does not follow
// the refresh. It is the theme's, not a layout: it shows nothing of the site.
var aliasPage = template.Must(template.New("alias").Parse(`<!DOCTYPE html>
<html lang="{{.Lang}}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Title}}</title>
<link rel="canonical" href="{{.Permalink}}">
<meta name="robots" content="noindex">
<meta http-equiv="refresh" content="0; url={{.URL}}">
</head>
<body>
<main>
<h1>{{.Title}}</h1>
<p>This page has moved: <a href="{{.URL}}">{{.Title}}</a>.</p>
</main>
</body>
</html>
`))

// Alias renders the page that redirects a former address of p to p.
func Alias(s *Site, p *Page) ([]byte, error) {
	var b bytes.Buffer
	err := aliasPage.Execute(&b, struct {
		Lang                  string
		Title, URL, Permalink string
	}{s.Language, p.Title, p.URL, p.Permalink})
	return b.Bytes(), err
}
