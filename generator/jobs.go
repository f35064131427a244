package generator

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"

	"github.com/followup-playbook/playbook/generator/diag"
	"github.com/followup-playbook/playbook/generator/internal/strictoml"
	"github.com/followup-playbook/playbook/generator/load/content"
	"github.com/followup-playbook/playbook/generator/render"
)

// job is one output file to render.
type job struct {
	page *content.Page // nil for generated pages
	// counted says the job is one of the pages Summary counts: a content page or a
	// message template's page (not the 404 page or the list of templates).
	counted bool
	layout  string
	source  string
	output  string
	data    render.Data
	// alias says the job is a former address of data.Page, which redirects to it.
	alias bool
	// unlisted says the output is no page of its own for a sitemap to list: a redirect, the
	// offline page.
	unlisted bool
}

// pageJobs renders every content page, a home page when the site has none, the 404 page
// and, when the layouts have one, the offline page.
func pageJobs(a *assembled) []job {
	s := a.site
	var jobs []job
	hasHome := false
	for _, p := range a.pages {
		layout := string(p.Kind)
		if p.Layout != "" {
			layout = p.Layout
		}
		d := render.Data{Site: s, Page: a.views[p]}
		switch p.Kind {
		case content.KindHome:
			hasHome = true
			d.Pages = s.Pages
		case content.KindList:
			for _, r := range a.regular {
				if strings.HasPrefix(r.Rel, path.Dir(p.Rel)+"/") {
					d.Pages = append(d.Pages, a.views[r])
				}
			}
		}
		jobs = append(jobs, job{page: p, counted: true, layout: layout, source: p.Path, output: render.OutputPath(p.URL), data: d})
	}
	if !hasHome {
		home := &render.Page{Title: s.Title, Description: s.Description, URL: s.RelURL(""), Permalink: s.AbsURL(""), Kind: string(content.KindHome)}
		jobs = append(jobs, job{layout: "home", source: "the home page", output: "index.html", data: render.Data{Site: s, Page: home, Pages: s.Pages}})
	}
	notFound := &render.Page{Title: "Page not found", URL: s.RelURL(notFoundFile), Permalink: s.AbsURL(notFoundFile), Kind: "404"}
	jobs = append(jobs, job{layout: "404", source: "the 404 page", output: notFoundFile, data: render.Data{Site: s, Page: notFound}})
	if a.offline {
		// The offline page has no address a visitor or a crawler goes to: its permalink is
		// its URL, so it names no canonical address, and no sitemap lists it. Its Extra is
		// the link to the companion, which works offline, "" when the site has none.
		offline := &render.Page{Title: "You are offline", URL: s.RelURL(offlineFile), Permalink: s.RelURL(offlineFile), Kind: "offline"}
		companion := ""
		for _, p := range a.pages {
			if p.Layout == "follow-ups" {
				companion = s.RelURL(p.URL)
			}
		}
		jobs = append(jobs, job{layout: "offline", source: "the offline page", output: offlineFile, unlisted: true, data: render.Data{Site: s, Page: offline, Extra: companion}})
	}
	return jobs
}

// planJobs lists the files to render: every content page (and a home page when the site
// has none), the 404 page, a page per message template with the list of them, and a
// redirect at each alias of a page; it returns the problems with the aliases.
func planJobs(a *assembled) ([]job, error) {
	jobs := append(pageJobs(a), messageJobs(a)...)
	aliases, err := aliasJobs(a, jobs)
	return append(jobs, aliases...), err
}

// outputsOf lists the jobs' output files, in order.
func outputsOf(jobs []job) []string {
	names := make([]string, len(jobs))
	for i, j := range jobs {
		names[i] = j.output
	}
	return names
}

// pageOutputs lists the output files of the jobs that are pages of their own, in order:
// not a redirect or the offline page, which no sitemap lists.
func pageOutputs(jobs []job) []string {
	var names []string
	for _, j := range jobs {
		if !j.unlisted {
			names = append(names, j.output)
		}
	}
	return names
}

// aliasJobs makes a redirect page at every alias of a content page, a path on the site
// under the base path as a [[menu]] url is. An alias that is no path, or the address of
// another page or alias, is a problem at its value.
func aliasJobs(a *assembled, jobs []job) ([]job, error) {
	taken := map[string]bool{}
	for _, j := range jobs {
		taken[j.output] = true
	}
	var aliases []job
	var errs []error
	for _, p := range a.pages {
		for _, alias := range p.Aliases {
			u, ok := aliasPath(alias)
			if !ok {
				errs = append(errs, p.ValueError(alias, fmt.Sprintf("alias %q is not a path on the site", alias),
					`write the page's former path from the site's root, e.g. "/old-name/"`))
				continue
			}
			out := render.OutputPath(u)
			if taken[out] {
				errs = append(errs, p.ValueError(alias, fmt.Sprintf("alias %q is the address of another page, or another alias", alias),
					"remove it, or rename the page that has it"))
				continue
			}
			taken[out] = true
			aliases = append(aliases, job{alias: true, unlisted: true, source: p.Path, layout: "alias", output: out,
				data: render.Data{Site: a.site, Page: a.views[p]}})
		}
	}
	return aliases, errors.Join(errs...)
}

// aliasPath is alias cleaned into a path under the base path ("old-name/", or a file's
// "old.html"); ok is false for an address, a query, a fragment or a path that climbs out.
func aliasPath(alias string) (string, bool) {
	if alias == "" || render.IsAbsolute(alias) || strings.ContainsAny(alias, "?#\\") {
		return "", false
	}
	u := strings.TrimPrefix(path.Clean("/"+alias), "/")
	if u == "" || strings.Contains("/"+alias+"/", "/../") {
		return "", false
	}
	if path.Ext(u) == "" {
		u += "/"
	}
	return u, true
}

// messageJobs renders one page per message template and the list of them all.
func messageJobs(a *assembled) []job {
	if len(a.messages) == 0 {
		return nil
	}
	s := a.site
	var jobs []job
	for _, mp := range a.messages {
		m := mp.Message
		u := MessageURL(m.ID)
		page := &render.Page{Title: m.Title, Description: mp.Guidance.When, URL: s.RelURL(u), Permalink: s.AbsURL(u), Kind: "message", Section: "templates", Source: m.Path}
		jobs = append(jobs, job{counted: true, layout: "message", source: m.Path, output: render.OutputPath(u), data: render.Data{Site: s, Page: page, Extra: mp}})
	}
	u := "templates/"
	list := &render.Page{Title: "Message templates", Description: "Every message the playbook suggests, ready to fill in with your details.", URL: s.RelURL(u), Permalink: s.AbsURL(u), Kind: "templates", Section: "templates"}
	jobs = append(jobs, job{layout: "templates", source: "the templates page", output: render.OutputPath(u), data: render.Data{Site: s, Page: list, Extra: s.Messages}})
	return jobs
}

// longestFirst is the order to render jobs in: the pages that list others (the home page
// and the section lists, each listing up to every page of the site) before the rest, the
// longest list first. Last, as they come, one of them kept a core busy for a tenth of a
// second at the end of a 10,000-page build with the other core idle.
func longestFirst(jobs []job) []int {
	order := make([]int, len(jobs))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return len(jobs[b].data.Pages) - len(jobs[a].data.Pages) })
	return order
}

// renderJob renders one output file: a page's Markdown, if it has any, inside its layout.
// Its links and images may name files, besides pages. The Markdown's HTML goes into mdBuf, the page into outBuf, whose bytes it returns; a nil
// buffer is a new one.
func renderJob(j job, md *render.Markdown, layouts *render.Layouts, links map[string]string, held map[string]content.Held, figures map[string]string, files render.Files, mdBuf, outBuf *bytes.Buffer) ([]byte, error) {
	if j.alias {
		return render.Alias(j.data.Site, j.data.Page)
	}
	if j.page != nil {
		html, err := md.Convert(mdBuf, render.MarkdownInput{
			Path: j.page.Path, Body: j.page.Body, BodyLine: j.page.BodyLine, Rel: j.page.Rel,
			RawHTML: j.page.RawHTML, Links: links, Held: held, Figures: figures, Site: j.data.Site, Files: files,
		})
		if err != nil {
			return nil, err
		}
		// A copy of the shared view carries the HTML, so it is garbage once written.
		page := *j.data.Page
		page.Content = html
		j.data.Page = &page
	}
	return layouts.Execute(outBuf, j.layout, j.data, j.source)
}

// checkLayouts reports every page whose front matter asks for a layout that does not exist,
// at its layout line; the build does not render those pages.
func checkLayouts(site fs.FS, pages []*content.Page, layouts *render.Layouts) []error {
	var errs []error
	for _, p := range pages {
		if p.Layout == "" || layouts.Has(p.Layout) || layouts.Broken(p.Layout) {
			continue
		}
		src, _ := fs.ReadFile(site, p.Path)
		errs = append(errs, at(p.Path, src, "layout", p.Layout,
			fmt.Sprintf("no layout %q", p.Layout+".html"),
			"add layouts/"+p.Layout+".html, or pick another layout in the front matter"))
	}
	return errs
}

// at is a problem with the value of `key = "value"` in the TOML file path, holding src,
// placed on that line when it can be found.
func at(path string, src []byte, key, value, msg, hint string) *diag.Error {
	if line, col := strictoml.Locate(src, key, value); line > 0 {
		return diag.At(path, src, line, col, msg, hint)
	}
	return &diag.Error{Path: path, Msg: msg, Hint: hint}
}
