package generator

import (
	"errors"
	"fmt"
	"maps"
	"path"
	"slices"
	"strings"

	"github.com/followup-playbook/playbook/generator/diag"
	"github.com/followup-playbook/playbook/generator/internal/strictoml"
	"github.com/followup-playbook/playbook/generator/load/config"
	"github.com/followup-playbook/playbook/generator/load/content"

	"github.com/followup-playbook/playbook/generator/render"
)

// The navigation is the automatic menu (every top-level page in reading order, then the
// list of templates) with site.toml's [[menu]] entries placed in it, or those entries
// alone when [menu_options] replace = true. An entry names a page, by its path under
// content/ or by a name, or a URL. A path on the site is written under the base URL's
// path, so one site.toml serves every --baseURL, and it must lead to a page or file of
// the site; another site's address is written as it is.

// menuEntry is one entry of the navigation with the weight it is placed by, 0 for none.
type menuEntry struct {
	item   render.NavItem
	weight int
	// automatic says the entry is the automatic menu's, which a [[menu]] entry for the
	// same page takes the place of.
	automatic bool
}

// navigation returns the site's menu: the automatic entries unless the site replaces
// them, then each [[menu]] entry placed by its weight. An entry for a page the automatic
// menu lists takes the place of its entry, or, with a weight, moves it. An entry that
// leads to no page of the site is a problem at its page or url.
func navigation(l *loaded, a *assembled) ([]render.NavItem, error) {
	var entries []menuEntry
	if !l.cfg.MenuOptions.Replace {
		entries = automaticMenu(a)
	}
	if len(l.cfg.Menu) == 0 {
		return itemsOf(entries), nil
	}
	targets := newMenuTargets(l, a)
	var errs []error
	for i, m := range l.cfg.Menu {
		if strings.TrimSpace(m.Name) == "" || (m.Page == "") == (m.URL == "") {
			continue // reported by config.Parse
		}
		u, err := targets.resolve(l.cfgSrc, i, m)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		entries = placeEntry(entries, menuEntry{item: render.NavItem{Name: m.Name, URL: u}, weight: m.Weight})
	}
	return itemsOf(entries), errors.Join(errs...)
}

// itemsOf is the navigation the layouts see: the entries, in order, without their weights.
func itemsOf(entries []menuEntry) []render.NavItem {
	items := make([]render.NavItem, len(entries))
	for i, e := range entries {
		items[i] = e.item
	}
	return items
}

// automaticMenu lists every top-level page in reading order, each with its weight, and,
// when the site has message templates, their list, without a weight.
func automaticMenu(a *assembled) []menuEntry {
	s := a.site
	var entries []menuEntry
	for _, p := range a.regular {
		if p.Section == "" {
			entries = append(entries, menuEntry{item: render.NavItem{Name: p.Title, URL: s.RelURL(p.URL)}, weight: p.Weight, automatic: true})
		}
	}
	if len(a.messages) > 0 {
		entries = append(entries, menuEntry{item: render.NavItem{Name: "Templates", URL: s.RelURL(templatesURL)}, automatic: true})
	}
	return entries
}

// placeEntry adds e to entries: in the place of the automatic entry for the same page
// when it has no weight; else one with a weight before the first entry that is heavier or
// has none (as content.Sort orders pages), one without at the end.
func placeEntry(entries []menuEntry, e menuEntry) []menuEntry {
	if same := slices.IndexFunc(entries, func(o menuEntry) bool { return o.automatic && o.item.URL == e.item.URL }); same >= 0 {
		if e.weight == 0 {
			entries[same].item, entries[same].automatic = e.item, false
			return entries
		}
		entries = slices.Delete(entries, same, same+1)
	}
	if e.weight == 0 {
		return append(entries, e)
	}
	i := slices.IndexFunc(entries, func(o menuEntry) bool { return o.weight == 0 || o.weight > e.weight })
	if i < 0 {
		return append(entries, e)
	}
	return slices.Insert(entries, i, e)
}

// templatesURL is the list of message templates' path under the base path.
const templatesURL = "templates/"

// menuTargets is what a menu entry may lead to.
type menuTargets struct {
	site *render.Site
	// names maps what page = "..." may say, cleaned by pageName, to the page's URL under
	// the base path.
	names map[string]string
	// paths holds every page's URL under the base path: "" (the home page), "chaser/".
	paths map[string]bool
	// files says whether a file, by its name under the base path, is published.
	files func(name string) bool
}

// newMenuTargets lists the pages and files of the site a menu entry may name: content
// pages by their path under content/, with or without ".md", and by their layout
// ("calculator"); the list of templates as "templates" or "messages"; each template as
// "templates/ID", "messages/ID" or "messages/ID.toml".
func newMenuTargets(l *loaded, a *assembled) *menuTargets {
	t := &menuTargets{site: a.site, names: map[string]string{}, paths: map[string]bool{"": true}}
	add := func(name, u string) {
		if _, taken := t.names[name]; !taken {
			t.names[name] = u
		}
	}
	for _, p := range l.pages {
		t.paths[p.URL] = true
		add(p.Rel, p.URL)
		if rest, ok := strings.CutSuffix(p.Rel, "/_index.md"); ok {
			add(rest, p.URL)
		} else if p.Rel != "_index.md" {
			add(strings.TrimSuffix(p.Rel, ".md"), p.URL)
		}
	}
	if len(l.msgs) > 0 {
		t.paths[templatesURL] = true
		for _, n := range []string{"templates", "messages", "messages/_index.md"} {
			add(n, templatesURL)
		}
	}
	for _, m := range l.msgs {
		u := MessageURL(m.ID)
		t.paths[u] = true
		for _, n := range []string{"templates/" + m.ID, "messages/" + m.ID, "messages/" + m.ID + ".toml"} {
			add(n, u)
		}
	}
	// A page's layout names it last, so that a file of that name wins.
	for _, p := range l.pages {
		if p.Layout != "" {
			add(p.Layout, p.URL)
		}
	}
	generated := maps.Clone(madeFiles)
	for u := range t.paths {
		generated[render.OutputPath(u)] = true
	}
	t.files = func(name string) bool { return generated[name] || l.static.Has(name) }
	return t
}

// pageName cleans what a page entry says the way a site owner may write it: "chaser.md",
// "content/chaser.md", "/templates/".
func pageName(page string) string {
	return strings.Trim(strings.TrimPrefix(strings.TrimPrefix(page, "/"), content.Dir+"/"), "/")
}

// resolve returns the link of the i-th (from 0) [[menu]] entry m, or the problem with it.
func (t *menuTargets) resolve(src []byte, i int, m config.MenuItem) (string, error) {
	if m.Page != "" {
		return t.resolvePage(src, i, m)
	}
	return t.resolveURL(src, i, m)
}

// resolvePage finds the page an entry names, or the name it probably meant.
func (t *menuTargets) resolvePage(src []byte, i int, m config.MenuItem) (string, error) {
	if u, ok := t.names[pageName(m.Page)]; ok {
		return t.site.RelURL(u), nil
	}
	hint := `name a page by its path under content/, e.g. page = "chaser.md", or one the site makes: "templates", "templates/ID"`
	if s := strictoml.Suggest(pageName(m.Page), sortedNames(t.names)); s != "" {
		hint = fmt.Sprintf("did you mean page = %q?", s)
	}
	return "", menuError(src, i, "page", fmt.Sprintf("menu entry %q names %s, which does not exist", m.Name, m.Page), hint)
}

// resolveURL writes a path on the site under the base path, once it is known to lead to
// a page or a file, and another site's address as it is. An address under the site's own
// base URL is checked as a path.
func (t *menuTargets) resolveURL(src []byte, i int, m config.MenuItem) (string, error) {
	raw := m.URL
	if render.IsAbsolute(raw) {
		rest, own := strings.CutPrefix(raw, t.site.BaseURL)
		if !own || !render.IsAbsolute(t.site.BaseURL) {
			return raw, nil
		}
		if _, ok := t.sitePath(withoutQuery(rest)); !ok {
			return "", menuError(src, i, "url", fmt.Sprintf("menu entry %q links to %s, which is no page of the site", m.Name, raw), "link to a page the site has, e.g. "+t.site.AbsURL(t.example()))
		}
		return raw, nil
	}
	p := withoutQuery(raw)
	u, ok := t.sitePath(p)
	if ok {
		return t.site.RelURL(u) + raw[len(p):], nil
	}
	what, hint := "page", t.urlHint(u)
	if path.Ext(u) != "" {
		what, hint = "file", "put the file under static/, as static/"+u
	}
	msg := fmt.Sprintf("menu entry %q links to %s, which is no %s of the site", m.Name, p, what)
	if t.site.BasePath != "/" {
		msg = fmt.Sprintf("menu entry %q links to %s (%s under the base URL), which is no %s of the site", m.Name, p, t.site.RelURL(u), what)
	}
	return "", menuError(src, i, "url", msg, hint)
}

// withoutQuery is a URL without its query and fragment.
func withoutQuery(u string) string {
	if j := strings.IndexAny(u, "?#"); j >= 0 {
		return u[:j]
	}
	return u
}

// sitePath cleans p, a path on the site from its root with or without the leading "/",
// into the URL under the base path of the page or file it names, and says whether there
// is one.
func (t *menuTargets) sitePath(p string) (string, bool) {
	u := strings.TrimPrefix(path.Clean("/"+p), "/")
	if path.Ext(u) != "" {
		return u, t.files(u)
	}
	if u != "" {
		u += "/"
	}
	return u, t.paths[u]
}

// urlHint says how to fix a menu url that led nowhere: written with the base path
// already in it, a near miss of a page's path, or else what a url may be.
func (t *menuTargets) urlHint(u string) string {
	base := strings.TrimPrefix(t.site.BasePath, "/")
	if rest, ok := strings.CutPrefix(u, base); ok && base != "" {
		if v, ok := t.sitePath(rest); ok {
			return fmt.Sprintf("the base URL's path is added to it: write url = %q", "/"+v)
		}
	}
	paths := make([]string, 0, len(t.paths))
	for p := range t.paths {
		paths = append(paths, "/"+p)
	}
	slices.Sort(paths)
	if s := strictoml.Suggest("/"+u, paths); s != "" {
		return fmt.Sprintf("did you mean url = %q?", s)
	}
	return fmt.Sprintf("write a path on the site from its root, e.g. url = %q, or name a page: page = \"chaser.md\"", "/"+t.example())
}

// example is a page every site with templates has, for a hint: their list, else the home
// page.
func (t *menuTargets) example() string {
	if t.paths[templatesURL] {
		return templatesURL
	}
	return ""
}

// menuError is a problem with the key of the i-th [[menu]] entry, at its value.
func menuError(src []byte, i int, key, msg, hint string) *diag.Error {
	if line, col := strictoml.ValuePos(src, fmt.Sprintf("menu.%d.%s", i, key)); line > 0 {
		return diag.At(config.File, src, line, col, msg, hint)
	}
	return &diag.Error{Path: config.File, Msg: msg, Hint: hint}
}

func sortedNames[V any](m map[string]V) []string {
	names := make([]string, 0, len(m))
	for n := range m {
		names = append(names, n)
	}
	slices.Sort(names)
	return names
}
