package render

import (
	"errors"
	"fmt"
	"net/url"
	"path"
	"reflect"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/followup-playbook/playbook/generator/diag"
	"github.com/followup-playbook/playbook/generator/internal/strictoml"
	"github.com/followup-playbook/playbook/generator/load/content"
)

// A link to a heading of another page ("chaser.md#when") can only be checked once that
// page is parsed, since goldmark makes heading IDs while parsing. Each Convert records
// its page's heading IDs and its links to headings elsewhere; CheckFragments, once every
// page is converted, checks the links. A link is never checked inside Convert during a
// build, so whether its page's own conversion fails does not depend on which page the
// workers reached first. After CheckFragments (a dev server's patch converts a page
// again), Convert checks its links to headings at once against what it knows.

// fragments is what a Markdown knows of the site's headings and the links to them.
type fragments struct {
	mu sync.Mutex
	// ids holds each converted page's heading IDs, by its path under content/, as
	// "\x00id\x00id\x00", one string a page.
	ids map[string]string
	// pending are the links to headings not checked yet.
	pending []fragmentLink
	checked bool // CheckFragments has run
	// sites holds, by the identity of a Links map, the URLs it names (see siteURLs).
	sites sync.Map
}

// fragmentLink is a link to a heading of another page.
type fragmentLink struct {
	target, fragment string // the page's path under content/, and the heading's ID
	dest             string // the link as written
	// in and offset place the link: its position is worked out only if it is broken.
	in     *MarkdownInput
	offset int
}

// broken is the problem of a link to a heading its page, whose heading IDs are ids,
// does not have, with a hint that names the heading meant, or those there are.
func (l fragmentLink) broken(ids string) *diag.Error {
	e := l.in.errorAt(l.offset, fmt.Sprintf("broken link: %s (content/%s) has no heading #%s", l.dest, l.target, l.fragment), "")
	list := strings.Split(strings.Trim(ids, "\x00"), "\x00")
	base, _, _ := strings.Cut(l.dest, "#")
	switch s := strictoml.Suggest(l.fragment, list); {
	case s != "":
		e.Hint = fmt.Sprintf("did you mean %s#%s?", base, s)
	case list[0] == "" && base == "":
		e.Hint = "the page has no headings to link to"
	case list[0] == "":
		e.Hint = fmt.Sprintf("the page has no headings; link to it as %s", base)
	case len(list) > 8:
		e.Hint = "its headings are #" + strings.Join(list[:8], ", #") + ", …"
	default:
		e.Hint = "its headings are #" + strings.Join(list, ", #")
	}
	return e
}

// found says whether the link's heading exists, and known whether its page's headings
// are known at all: a page the build did not convert (one given by a cache, or one that
// cannot be rendered, which is reported already) gives no problem for a link to it.
func (f *fragments) found(l fragmentLink) (ids string, found, known bool) {
	ids, known = f.ids[l.target]
	return ids, strings.Contains(ids, "\x00"+l.fragment+"\x00"), known
}

// record keeps a converted page's heading IDs and takes its links to headings, returning
// the broken ones when they are checked at once.
func (f *fragments) record(rel, ids string, links []fragmentLink) []error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.ids[rel] = ids
	if !f.checked {
		f.pending = append(f.pending, links...)
		return nil
	}
	var errs []error
	for _, l := range links {
		if ids, found, known := f.found(l); known && !found {
			errs = append(errs, l.broken(ids))
		}
	}
	return errs
}

// CheckFragments reports every link to a heading that the page it names does not have,
// among the links of the pages converted since the last call. Call it once every page is
// converted.
func (m *Markdown) CheckFragments() error {
	f := m.frags
	f.mu.Lock()
	defer f.mu.Unlock()
	var errs []error
	for _, l := range f.pending {
		if ids, found, known := f.found(l); known && !found {
			errs = append(errs, l.broken(ids))
		}
	}
	f.pending, f.checked = nil, true
	return errors.Join(errs...)
}

// siteURLs is what a link by URL is checked against: the page every URL of a Links map
// names, and the folders above them (a section, the list of templates, the home page).
type siteURLs struct {
	// pages maps a URL without its final "/" to the page's path under content/, "" for
	// a folder above one.
	pages map[string]string
	// base is the folder every URL is in; a link outside it may be another site's on
	// the same host, and is not checked.
	base string
}

// urlsOf returns the siteURLs of links, made once a map: a build hands every page the same.
func (f *fragments) urlsOf(links map[string]string) *siteURLs {
	key := reflect.ValueOf(links).UnsafePointer()
	if s, ok := f.sites.Load(key); ok {
		return s.(*siteURLs)
	}
	s := &siteURLs{pages: map[string]string{"": ""}} // "" is the home page, "/" without its "/"
	first := true
	for rel, u := range links {
		u = strings.TrimSuffix(u, "/")
		if strings.HasSuffix(rel, ".md") {
			s.pages[u] = rel
		} else if _, ok := s.pages[u]; !ok {
			s.pages[u] = ""
		}
		for d := path.Dir(u); d != "." && d != "/"; d = path.Dir(d) {
			if _, ok := s.pages[d]; !ok {
				s.pages[d] = ""
			}
		}
		// A URL names a folder ("/careers/chaser/"), so the folder that holds every URL
		// is their longest common folder.
		if first {
			s.base, first = u, false
		}
		for s.base != "" && u != s.base && !strings.HasPrefix(u, s.base+"/") {
			s.base = strings.TrimSuffix(path.Dir(s.base), "/")
		}
	}
	got, _ := f.sites.LoadOrStore(key, s)
	return got.(*siteURLs)
}

// siteLink is where a link or image that names no source file leads.
type siteLink struct {
	url  string // the destination to write, "" to keep it as written
	file string // the published file it names, under the base path; "" for none
	// target and fragment are the page it names (its path under content/) and the
	// heading after "#", for the check of headings.
	target, fragment string
}

// linkProblem is a link that leads nowhere, with the hint that fixes it ("" for linkHint).
type linkProblem struct{ msg, hint string }

func (p linkProblem) Error() string { return p.msg }

// checkURL resolves and checks a link or image written as a URL rather than a source path:
// a fragment of the page itself ("#when"); a path on the site ("/templates/",
// "/images/logo.svg"), which is written under the base path, as a [[menu]] url is; the
// site's own full address, checked as its path; a file beside the page ("pic.png", by its
// path from the page's folder under content/, where it is published); or a relative URL
// of a page ("../waiting/"). Another site's address is left alone, as is anything when in
// has no Links (pages) or Files (files) to check against.
func (f *fragments) checkURL(in *MarkdownInput, dest string, image bool) (siteLink, error) {
	if dest == "" || dest[0] == '?' || strings.HasPrefix(dest, "//") {
		return siteLink{}, nil
	}
	if dest[0] == '#' {
		return siteLink{target: in.Rel, fragment: dest[1:]}, nil
	}
	raw, own := dest, false
	// Most links that reach here are to other sites: a scheme is told without url.Parse.
	if i := strings.IndexAny(dest, ":/?#"); i > 0 && dest[i] == ':' {
		rest, ok := in.ownPath(dest)
		if !ok {
			return siteLink{}, nil
		}
		raw, own = rest, true
	}
	written, fragment, _ := strings.Cut(raw, "#")
	written, _, _ = strings.Cut(written, "?")
	p := written
	if strings.ContainsAny(raw, "%:?") {
		u, err := url.Parse(raw)
		if err != nil || u.Scheme != "" || u.Host != "" || u.Opaque != "" {
			return siteLink{}, nil
		}
		p, fragment = u.Path, u.Fragment
	}
	if p == "" {
		return siteLink{}, nil
	}
	base := in.basePath()
	what := "link"
	if image {
		what = "image"
	}
	rooted := strings.HasPrefix(p, "/")
	switch {
	case rooted && path.Ext(p) != "":
		name := strings.TrimPrefix(path.Clean(p), "/")
		l := siteLink{file: name}
		if !own {
			l.url = base + strings.TrimPrefix(written, "/") + raw[len(written):]
		}
		if in.Files != nil && !in.Files.Has(name) {
			return l, linkProblem{fmt.Sprintf("broken %s: %s is no file of the site", what, dest),
				fmt.Sprintf("put the file under static/, as static/%s, or beside the page", name)}
		}
		return l, nil
	case rooted:
		name := strings.TrimPrefix(path.Clean(p), "/")
		l := siteLink{fragment: fragment}
		if !own {
			l.url = base + strings.TrimPrefix(written, "/") + raw[len(written):]
		}
		if in.Links == nil {
			return l, nil
		}
		s := f.urlsOf(in.Links)
		target, exists := s.pageAt(base, name)
		if h, ok := in.heldAt(base + name); !exists && ok {
			return l, heldLink{h}
		}
		if !exists {
			hint := ""
			if rest, ok := strings.CutPrefix(name, strings.Trim(base, "/")+"/"); ok && base != "/" {
				if _, ok := s.pageAt(base, rest); ok {
					hint = fmt.Sprintf("the base URL's path is added to it: write /%s", rest+"/")
				}
			}
			if m := strictoml.Suggest(name, s.names(base)); hint == "" && m != "" {
				hint = fmt.Sprintf("did you mean /%s/?", m)
				if own {
					hint = fmt.Sprintf("did you mean %s%s/?", strings.TrimSuffix(in.Site.BaseURL, "/")+"/", m)
				}
			}
			msg := fmt.Sprintf("broken %s: %s is no page of the site", what, dest)
			if base != "/" && !own {
				msg = fmt.Sprintf("broken %s: %s (%s under the base URL) is no page of the site", what, dest, strings.TrimSuffix(base+name, "/")+"/")
			}
			return l, linkProblem{msg, hint}
		}
		l.target = target
		return l, nil
	case path.Ext(p) != "":
		name := path.Join(path.Dir(in.Rel), p)
		l := siteLink{file: name, url: base + (&url.URL{Path: name}).EscapedPath() + raw[len(written):]}
		if in.Files != nil && (name == ".." || strings.HasPrefix(name, "../") || !in.Files.Has(name)) {
			return l, linkProblem{fmt.Sprintf("broken %s: %s (content/%s) does not exist", what, dest, name),
				fmt.Sprintf("put the file beside the page, as content/%s, or under static/ and write its path on the site, e.g. /images/%s", name, path.Base(name))}
		}
		return l, nil
	}
	here, known := in.Links[in.Rel]
	if !known {
		return siteLink{}, nil
	}
	abs := strings.TrimSuffix(path.Clean(path.Join(here, p)), "/")
	s := f.urlsOf(in.Links)
	if s.base != "" && abs != s.base && !strings.HasPrefix(abs, s.base+"/") {
		return siteLink{}, nil
	}
	target, exists := s.pages[abs]
	if h, ok := in.heldAt(abs); !exists && ok {
		return siteLink{}, heldLink{h}
	}
	if !exists {
		return siteLink{}, linkProblem{fmt.Sprintf("broken %s: %s (%s/ from this page) is no page of the site", what, dest, abs), ""}
	}
	return siteLink{target: target, fragment: fragment}, nil
}

// pageAt finds the page at name, a path under the base path base ("chaser", "" for the
// home page, which a build always makes), and returns its path under content/ ("" for a
// folder or a page the build makes).
func (s *siteURLs) pageAt(base, name string) (string, bool) {
	abs := strings.TrimSuffix(base+name, "/")
	if name == "" {
		return "", true
	}
	target, ok := s.pages[abs]
	return target, ok
}

// names lists the pages' and folders' paths under the base path base, sorted, for a
// "did you mean" hint.
func (s *siteURLs) names(base string) []string {
	var names []string
	for u := range s.pages {
		if n, ok := strings.CutPrefix(u, base); ok && n != "" {
			names = append(names, n)
		}
	}
	sort.Strings(names)
	return names
}

// basePath is the path every URL of the site starts with.
func (in *MarkdownInput) basePath() string {
	if in.Site == nil || in.Site.BasePath == "" {
		return "/"
	}
	return in.Site.BasePath
}

// ownPath returns the path after the base URL of dest, a full address, with a leading
// "/", when dest is under the site's own base URL.
func (in *MarkdownInput) ownPath(dest string) (string, bool) {
	if in.Site == nil || !IsAbsolute(in.Site.BaseURL) {
		return "", false
	}
	base := strings.TrimSuffix(in.Site.BaseURL, "/")
	rest, ok := strings.CutPrefix(dest, base)
	if !ok || rest != "" && !strings.ContainsAny(rest[:1], "/?#") {
		return "", false
	}
	return "/" + strings.TrimPrefix(rest, "/"), true
}

// heldLink is a link to a page the build leaves out by its dates (see MarkdownInput's
// Held): written as its text alone, with a warning.
type heldLink struct{ held content.Held }

func (h heldLink) Error() string { return "a link to a held page" }

// warning is the warning for the link dest at offset in in's body.
func (h heldLink) warning(in *MarkdownInput, dest string, offset int) *diag.Error {
	p, day := h.held.Page, h.held.Date.Format(time.DateOnly)
	if h.held.Future {
		return in.errorAt(offset, fmt.Sprintf("warning: the link to %s (content/%s) is written as its text alone: the page is published on %s (its publishDate), and this build is before then", dest, p.Rel, day),
			"the first build on or after that day links it (build the site on that day, or daily); -F (--buildFuture) builds the page now")
	}
	return in.errorAt(offset, fmt.Sprintf("warning: the link to %s (content/%s) is written as its text alone: the page expired on %s (its expiryDate), so this build leaves it out", dest, p.Rel, day),
		"take the link out, or give the page a later expiryDate; -E (--buildExpired) builds it all the same")
}

// heldAt is the held page whose URL, without its final "/", is abs ("/careers/open-evening").
func (in *MarkdownInput) heldAt(abs string) (content.Held, bool) {
	abs = strings.TrimSuffix(abs, "/")
	for _, h := range in.Held {
		u := in.basePath() + h.Page.URL
		if in.Site != nil {
			u = in.Site.RelURL(h.Page.URL)
		}
		if strings.TrimSuffix(u, "/") == abs {
			return h, true
		}
	}
	return content.Held{}, false
}
