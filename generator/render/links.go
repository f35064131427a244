package render

import (
	"errors"
	"fmt"
	"net/url"
	"path"
	"reflect"
	"strings"
	"sync"

	"github.com/followup-playbook/playbook/generator/diag"
	"github.com/followup-playbook/playbook/generator/internal/strictoml"
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

// checkURL checks a link written as a URL on the site rather than a source path: an
// absolute path ("/waiting/") or a relative one ("../waiting/"), to a page. It returns the
// page's path under content/ when the link names one, and an error when it names nothing.
// Links to files ("/css/site.css", "x.pdf") are not checked: the static files and the
// feeds are not known here. ok is false for a link that is not checked.
func (f *fragments) checkURL(in *MarkdownInput, dest string) (target, fragment string, ok bool, err error) {
	if dest == "" || dest[0] == '#' || dest[0] == '?' || strings.HasPrefix(dest, "//") {
		return "", "", false, nil
	}
	// Most links that reach here are to other sites: a scheme is told without url.Parse.
	if i := strings.IndexAny(dest, ":/?#"); i > 0 && dest[i] == ':' {
		return "", "", false, nil
	}
	p, fragment, _ := strings.Cut(dest, "#")
	if strings.ContainsAny(p, "%:?") {
		u, err := url.Parse(dest)
		if err != nil || u.Scheme != "" || u.Host != "" || u.Opaque != "" {
			return "", "", false, nil
		}
		p, fragment = u.Path, u.Fragment
	}
	if p == "" || path.Ext(p) != "" || in.Links == nil {
		return "", "", false, nil
	}
	abs := p
	if !strings.HasPrefix(p, "/") {
		here, known := in.Links[in.Rel]
		if !known {
			return "", "", false, nil
		}
		abs = path.Join(here, p)
	}
	abs = strings.TrimSuffix(path.Clean(abs), "/")
	s := f.urlsOf(in.Links)
	if s.base != "" && abs != s.base && !strings.HasPrefix(abs, s.base+"/") {
		return "", "", false, nil
	}
	target, exists := s.pages[abs]
	switch {
	case exists:
	case strings.HasPrefix(p, "/"):
		return "", "", true, fmt.Errorf("broken link: %s is no page of the site", dest)
	default:
		return "", "", true, fmt.Errorf("broken link: %s (%s/ from this page) is no page of the site", dest, abs)
	}
	return target, fragment, true, nil
}
