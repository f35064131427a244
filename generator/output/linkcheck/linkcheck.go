// Package linkcheck checks a built site's links the way a host would serve it under its
// base URL: every href and src of every page that points into the site names a file of the
// build (a folder's index.html for a clean URL) and, with a fragment, an id on that page.
// The quality gates and the deploy recipes' tests share it.
package linkcheck

import (
	"bytes"
	"fmt"
	"net/url"
	"sort"
	"strings"

	"golang.org/x/net/html"
)

// Result is what Check found.
type Result struct {
	Pages    int      // HTML files read
	Checked  int      // links and assets that resolve
	Problems []string // one line a link that does not, sorted
}

// Check reads every HTML file of files (the build, by slash-separated name) as served at
// baseURL (an address, https://example.org/careers/playbook/, or a path): a link into the
// site must stay under its path and name a file, and a fragment an id of that file.
// Links to other hosts, to the same host outside the base path, and mailto: are not
// followed.
func Check(files map[string][]byte, baseURL string) (Result, error) {
	base, err := url.Parse(baseURL)
	if err != nil {
		return Result{}, err
	}
	basePath := base.Path
	if basePath == "" {
		basePath = "/"
	}
	ids := map[string]map[string]bool{}
	type ref struct{ page, attr, val string }
	var refs []ref
	var r Result
	for name, data := range files {
		if !strings.HasSuffix(name, ".html") {
			continue
		}
		r.Pages++
		doc, err := html.Parse(bytes.NewReader(data))
		if err != nil {
			return r, fmt.Errorf("%s: %w", name, err)
		}
		ids[name] = map[string]bool{}
		for n := range doc.Descendants() {
			if n.Type != html.ElementNode {
				continue
			}
			for _, a := range n.Attr {
				switch a.Key {
				case "id":
					ids[name][a.Val] = true
				case "href", "src":
					refs = append(refs, ref{name, a.Key, a.Val})
				}
			}
		}
	}
	for _, rf := range refs {
		u, err := url.Parse(rf.val)
		if err != nil {
			r.Problems = append(r.Problems, fmt.Sprintf("%s: %s=%q does not parse: %v", rf.page, rf.attr, rf.val, err))
			continue
		}
		// Another site, or a full address of the same host outside the base path (the rest
		// of the owner's site, which this build does not hold).
		if u.Host != "" && (u.Host != base.Host || !strings.HasPrefix(u.Path, basePath)) || u.Scheme == "mailto" {
			continue
		}
		target := rf.page
		if u.Path != "" {
			if !strings.HasPrefix(u.Path, basePath) {
				r.Problems = append(r.Problems, fmt.Sprintf("%s: %s=%q is outside the base path %s", rf.page, rf.attr, rf.val, basePath))
				continue
			}
			target = strings.TrimPrefix(u.Path, basePath)
			if target == "" || strings.HasSuffix(target, "/") {
				target += "index.html"
			}
			if _, ok := files[target]; !ok {
				r.Problems = append(r.Problems, fmt.Sprintf("%s: %s=%q: no file %s in the build", rf.page, rf.attr, rf.val, target))
				continue
			}
		}
		if u.Fragment != "" {
			if tid, ok := ids[target]; !ok || !tid[u.Fragment] {
				r.Problems = append(r.Problems, fmt.Sprintf("%s: %s=%q: no id %q on %s", rf.page, rf.attr, rf.val, u.Fragment, target))
				continue
			}
		}
		r.Checked++
	}
	sort.Strings(r.Problems)
	return r, nil
}
