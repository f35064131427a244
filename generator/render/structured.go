package render

import (
	"encoding/json"
	"fmt"
	"html/template"
)

// StructuredData is the page's JSON-LD for search engines (schema.org), on every page but
// the 404: a HowTo made of the sample timeline on a page whose params.schema is "HowTo", an
// Article on a guidance page, a WebSite on the home page, a CreativeWork holding a message
// template's text on its page, and a CollectionPage listing the pages of a list (a
// section's, the templates'). Each names the brand's Organization as its publisher. Layouts
// put it in a <script type="application/ld+json"> element.
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
	org := s.publisher()
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
		a.Author, a.Publisher = org, org
		v = a
	case p.Kind == "home":
		v = webSite{Context: schemaOrg, Type: "WebSite", Name: s.Title, Description: desc, URL: url, InLanguage: s.Language, Publisher: &org}
	case p.Kind == "message":
		m, ok := d.Extra.(*MessagePage)
		if !ok {
			return "", nil
		}
		v = creativeWork{webSite{Context: schemaOrg, Type: "CreativeWork", Name: p.Title, Description: desc, URL: url, InLanguage: s.Language, Publisher: &org}, m.Text()}
	case p.Kind == "templates" || p.Kind == "list":
		var items []listItem
		if msgs, ok := d.Extra.([]*MessagePage); ok {
			for _, m := range msgs {
				items = append(items, listItem{Name: m.Message.Title, URL: s.AbsURL("templates/" + m.Message.ID + "/")})
			}
		}
		for _, lp := range d.Pages {
			items = append(items, listItem{Name: lp.Title, URL: lp.Permalink})
		}
		for i := range items {
			items[i].Type, items[i].Position = "ListItem", i+1
		}
		v = collectionPage{webSite{Context: schemaOrg, Type: "CollectionPage", Name: p.Title, Description: desc, URL: url, InLanguage: s.Language, Publisher: &org},
			itemList{Type: "ItemList", NumberOfItems: len(items), ItemListElement: items}}
	default:
		return "", nil
	}
	b, err := json.Marshal(v)
	if err != nil {
		return "", err
	}
	return template.JS(b), nil
}

// publisher is the brand as schema.org's Organization: its name, the site's address and,
// when it has one, its logo.
func (s *Site) publisher() organization {
	org := organization{Type: "Organization", Name: s.Brand.Name, URL: s.AbsURL("")}
	if l := s.Brand.Logo; l != nil {
		org.Logo = s.AbsURL(l.File)
	}
	return org
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
	Logo string `json:"logo,omitempty"`
}

type webSite struct {
	Context     string        `json:"@context"`
	Type        string        `json:"@type"`
	Name        string        `json:"name"`
	Description string        `json:"description"`
	URL         string        `json:"url,omitempty"`
	InLanguage  string        `json:"inLanguage"`
	Publisher   *organization `json:"publisher,omitempty"`
}

// creativeWork is a message template: a webSite's fields and the message's text.
type creativeWork struct {
	webSite
	Text string `json:"text"`
}

// collectionPage is a list of pages: a webSite's fields and the list.
type collectionPage struct {
	webSite
	MainEntity itemList `json:"mainEntity"`
}

type itemList struct {
	Type            string     `json:"@type"`
	NumberOfItems   int        `json:"numberOfItems"`
	ItemListElement []listItem `json:"itemListElement"`
}

type listItem struct {
	Type     string `json:"@type"`
	Position int    `json:"position"`
	Name     string `json:"name"`
	URL      string `json:"url"`
}
