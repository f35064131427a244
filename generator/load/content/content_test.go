package content

import (
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

func TestParsePlacesPages(t *testing.T) {
	tests := []struct {
		path, src string
		kind      Kind
		url       string
		section   string
	}{
		{"content/_index.md", "+++\ntitle = \"Home\"\n+++\n", KindHome, "", ""},
		{"content/after-a-rejection.md", "+++\ntitle = \"R\"\n+++\n", KindPage, "after-a-rejection/", ""},
		{"content/guides/x.md", "+++\ntitle = \"X\"\n+++\n", KindPage, "guides/x/", "guides"},
		{"content/guides/x.md", "+++\ntitle = \"X\"\nslug = \"why\"\n+++\n", KindPage, "guides/why/", "guides"},
		{"content/guides/_index.md", "+++\ntitle = \"Guides\"\n+++\n", KindList, "guides/", "guides"},
		{"content/a.md", "\ufeff+++\r\ntitle = \"BOM and CRLF\"\r\n+++\r\nBody\r\n", KindPage, "a/", ""},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			p, err := Parse(tt.path, []byte(tt.src))
			if err != nil {
				t.Fatal(err)
			}
			if p.Kind != tt.kind || p.URL != tt.url || p.Section != tt.section {
				t.Errorf("got kind %q url %q section %q; want %q %q %q", p.Kind, p.URL, p.Section, tt.kind, tt.url, tt.section)
			}
		})
	}
}

func TestSplitKeepsBodyLine(t *testing.T) {
	p, err := Parse("content/a.md", []byte("+++\ntitle = \"A\"\nweight = 3\n+++\nFirst body line\n"))
	if err != nil {
		t.Fatal(err)
	}
	if p.BodyLine != 5 || string(p.Body) != "First body line\n" || p.Weight != 3 {
		t.Errorf("body line %d, body %q, weight %d", p.BodyLine, p.Body, p.Weight)
	}
}

func TestLoadDraftsAndSections(t *testing.T) {
	fsys := fstest.MapFS{
		"content/a.md":         {Data: []byte("+++\ntitle = \"A\"\n+++\n")},
		"content/b.md":         {Data: []byte("+++\ntitle = \"B\"\ndraft = true\n+++\n")},
		"content/deep/er/c.md": {Data: []byte("+++\ntitle = \"C\"\n+++\n")},
		"content/notes.txt":    {Data: []byte("not a page")},
	}
	for _, drafts := range []bool{false, true} {
		pages, err := Load(fsys, Options{Drafts: drafts})
		if err != nil {
			t.Fatal(err)
		}
		var urls []string
		for _, p := range pages {
			urls = append(urls, p.URL)
		}
		want := "a/ deep/ deep/er/ deep/er/c/"
		if drafts {
			want = "a/ b/ deep/ deep/er/ deep/er/c/"
		}
		if got := strings.Join(urls, " "); got != want {
			t.Errorf("drafts=%v: URLs %q, want %q", drafts, got, want)
		}
	}
}

func TestSortByWeightThenTitle(t *testing.T) {
	pages := []*Page{
		{FrontMatter: FrontMatter{Title: "Zed"}, Path: "z"},
		{FrontMatter: FrontMatter{Title: "Beta", Weight: 2}, Path: "b"},
		{FrontMatter: FrontMatter{Title: "Alpha"}, Path: "a"},
		{FrontMatter: FrontMatter{Title: "Gamma", Weight: 1}, Path: "g"},
	}
	Sort(pages)
	var got []string
	for _, p := range pages {
		got = append(got, p.Title)
	}
	if strings.Join(got, ",") != "Gamma,Beta,Alpha,Zed" {
		t.Errorf("order %v", got)
	}
}

func TestParseProblems(t *testing.T) {
	tests := []struct{ name, src, want string }{
		{"yaml", "---\ntitle: A\n---\nBody\n", "content/a.md:1:1: this front matter is YAML (between --- lines); here it is TOML, between +++ lines"},
		{"yaml with BOM and CRLF", "\ufeff---\r\ntitle: A\r\n---\r\n", "content/a.md:1:1: this front matter is YAML"},
		{"none", "Just text.\n", "content/a.md:1:1: the page has no front matter"},
		{"not UTF-8", "+++\ntitle = \"A\"\n+++\nCaf\xe9\n", "content/a.md:4:4: the file is not valid UTF-8"},
		{"weight in quotes", "+++\ntitle = \"A\"\nweight = \"85\"\n+++\n", `content/a.md:3:10: "weight" takes a whole number, not text; write it without quotes: weight = 85`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("content/a.md", []byte(tt.src))
			if err == nil || !strings.HasPrefix(err.Error(), tt.want) {
				t.Errorf("got %v, want %q", err, tt.want)
			}
		})
	}
}

// TestLoadDates: a page with a publishDate still to come, or an expiryDate passed, is
// left out, unless Future or Expired asks for it; the page expires at its expiryDate.
// LoadHeld lists those pages, each with the date that holds it (+ to come, - passed),
// and never a draft.
func TestLoadDates(t *testing.T) {
	fsys := fstest.MapFS{
		"content/always.md":  {Data: []byte("+++\ntitle = \"Always\"\n+++\n")},
		"content/fair.md":    {Data: []byte("+++\ntitle = \"Fair\"\npublishDate = 2026-05-01\nexpiryDate = 2026-05-08T18:00:00Z\n+++\n")},
		"content/soon.md":    {Data: []byte("+++\ntitle = \"Soon\"\npublishDate = 2026-06-01T09:00:00+01:00\n+++\n")},
		"content/gone.md":    {Data: []byte("+++\ntitle = \"Gone\"\nexpiryDate = 2026-01-01\n+++\n")},
		"content/notyet.md":  {Data: []byte("+++\ntitle = \"Draft\"\ndraft = true\npublishDate = 2026-01-01\n+++\n")},
		"content/visible.md": {Data: []byte("+++\ntitle = \"Visible\"\npublishDate = 2026-01-01\nexpiryDate = 2027-01-01\n+++\n")},
	}
	at := func(s string) time.Time {
		tm, err := time.Parse(time.RFC3339, s)
		if err != nil {
			t.Fatal(err)
		}
		return tm
	}
	tests := []struct {
		now             string
		future, expired bool
		want, held      string
	}{
		{"2026-04-30T12:00:00Z", false, false, "always/ visible/", "fair.md+2026-05-01 gone.md-2026-01-01 soon.md+2026-06-01"},
		{"2026-05-01T00:00:00Z", false, false, "always/ fair/ visible/", "gone.md-2026-01-01 soon.md+2026-06-01"},
		{"2026-05-08T17:59:59Z", false, false, "always/ fair/ visible/", "gone.md-2026-01-01 soon.md+2026-06-01"},
		{"2026-05-08T18:00:00Z", false, false, "always/ visible/", "fair.md-2026-05-08 gone.md-2026-01-01 soon.md+2026-06-01"},
		{"2026-06-01T08:30:00Z", false, false, "always/ soon/ visible/", "fair.md-2026-05-08 gone.md-2026-01-01"},
		{"2026-04-30T12:00:00Z", true, false, "always/ fair/ soon/ visible/", "gone.md-2026-01-01"},
		{"2026-05-09T00:00:00Z", false, true, "always/ fair/ gone/ visible/", "soon.md+2026-06-01"},
		{"2027-02-01T00:00:00Z", true, true, "always/ fair/ gone/ soon/ visible/", ""},
	}
	for _, tt := range tests {
		pages, held, err := LoadHeld(fsys, Options{Future: tt.future, Expired: tt.expired, Now: at(tt.now)})
		if err != nil {
			t.Fatal(err)
		}
		var urls []string
		for _, p := range pages {
			urls = append(urls, p.URL)
		}
		if got := strings.Join(urls, " "); got != tt.want {
			t.Errorf("at %s, future=%v, expired=%v: URLs %q, want %q", tt.now, tt.future, tt.expired, got, tt.want)
		}
		var hs []string
		for _, h := range held {
			sign := "-"
			if h.Future {
				sign = "+"
			}
			hs = append(hs, h.Page.Rel+sign+h.Date.Format(time.DateOnly))
		}
		if got := strings.Join(hs, " "); got != tt.held {
			t.Errorf("at %s, future=%v, expired=%v: held %q, want %q", tt.now, tt.future, tt.expired, got, tt.held)
		}
	}
}
