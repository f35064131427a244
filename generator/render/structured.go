package render

import (
	"encoding/json"
	"fmt"
	"html/template"
)

// StructuredData is the page's JSON-LD for search engines (schema.org): a HowTo made of
// the sample timeline on a page whose params.schema is "HowTo", an Article on a guidance
// page, a WebSite on the home page, and "" on any other page. Layouts put it in a
// <script type="application/ld+json"> element.
//
// It is one call made in Go rather than a dozen values escaped one by one in the layout:
// that was a sixth of a page's layout time. encoding/json escapes <, > and & inside
// strings, so the text cannot close the script element, and html/template inserts a
// template.JS as it is.
func (d Data) StructuredData() (template.JS, error) {
	p, s := d.Page, d.Site
	if p == nil || s == nil {
		return "", nil
	}
	desc := p.Description
	if desc == "" {
		desc = s.Description
	}
	url := ""
	if p.Permalink != p.URL {
		url = p.Permalink
	}
	var v any
	switch {
	case fmt.Sprint(p.Params["schema"]) == "HowTo" && s.Timeline != nil:
		steps := make([]howToStep, len(s.Timeline.Steps))
		for i, st := range s.Timeline.Steps {
			steps[i] = howToStep{
				Type: "HowToStep",
				Name: fmt.Sprintf("Day %d: %s", st.Day, st.Title),
				Text: fmt.Sprintf("Day %d, %s %s: %s to %s. %s", st.Day, st.Weekday, st.Time, st.Title, st.To, st.Note),
			}
		}
		v = howTo{webSite{Context: schemaOrg, Type: "HowTo", Name: p.Title, Description: desc, URL: url, InLanguage: s.Language}, steps}
	case p.Kind == "page":
		a := article{Context: schemaOrg, Type: "Article", Headline: p.Title, Description: desc, URL: url, MainEntityOfPage: url, InLanguage: s.Language}
		if !p.Date.IsZero() {
			a.DatePublished = p.Date.Format("2006-01-02")
			a.DateModified = a.DatePublished
		}
		org := organization{Type: "Organization", Name: s.Title, URL: s.AbsURL("")}
		a.Author, a.Publisher = org, org
		v = a
	case p.Kind == "home":
		v = webSite{Context: schemaOrg, Type: "WebSite", Name: s.Title, Description: desc, URL: url, InLanguage: s.Language}
	default:
		return "", nil
	}
	b, err := json.Marshal(v)
	if err != nil {
		return "", err
	}
	return template.JS(b), nil
}

const schemaOrg = "https://schema.org"

// howTo is a webSite's fields, in the same order, and the steps.
type howTo struct {
	webSite
	Step []howToStep `json:"step"`
}

type howToStep struct {
	Type string `json:"@type"`
	Name string `json:"name"`
	Text string `json:"text"`
}

type article struct {
	Context          string       `json:"@context"`
	Type             string       `json:"@type"`
	Headline         string       `json:"headline"`
	Description      string       `json:"description"`
	URL              string       `json:"url,omitempty"`
	MainEntityOfPage string       `json:"mainEntityOfPage,omitempty"`
	InLanguage       string       `json:"inLanguage"`
	DatePublished    string       `json:"datePublished,omitempty"`
	DateModified     string       `json:"dateModified,omitempty"`
	Author           organization `json:"author"`
	Publisher        organization `json:"publisher"`
}

type organization struct {
	Type string `json:"@type"`
	Name string `json:"name"`
	URL  string `json:"url"`
}

type webSite struct {
	Context     string `json:"@context"`
	Type        string `json:"@type"`
	Name        string `json:"name"`
	Description string `json:"description"`
	URL         string `json:"url,omitempty"`
	InLanguage  string `json:"inLanguage"`
}
