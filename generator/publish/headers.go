package publish

import (
	"bytes"
	"strings"

	"github.com/followup-playbook/playbook/generator/load/sitefs"
)

// HeadersFile is the static file, static/_headers, that Netlify and Cloudflare Pages read
// response headers from (see headers).
const HeadersFile = sitefs.HeadersFile

// immutable is how long a content-hashed file may be kept: a changed file has a new name.
const immutable = "Cache-Control: public, max-age=31536000, immutable"

// headers is the _headers file a build publishes, made from the site's (base): each of
// its path patterns, written from the site's root (/*, /css/*), is put under the base
// path, since the host matches them against the path a visitor asks for
// (/careers/playbook/*); then each content-hashed file published (hashed, sorted; none
// without Minify) is marked immutable by its exact path. A pattern is never a splat over
// a folder: css/site.css keeps its name from build to build and must not be kept a year.
// Lines that are no pattern (headers, comments, blank lines) are kept as they are;
// a pattern with a host (https://...) is left alone.
//
// Unless the site is served over https (baseURL), a Content-Security-Policy loses its
// upgrade-insecure-requests directive: on a plain-http host (an intranet's) WebKit asks
// for every stylesheet and script of the site over https, which the host does not answer,
// and the pages are left dead and unstyled.
func headers(baseURL, basePath string, base []byte, hashed []string) []byte {
	var b bytes.Buffer
	https := strings.HasPrefix(baseURL, "https://")
	for line := range strings.Lines(string(base)) {
		if strings.HasPrefix(line, "/") {
			line = basePath + strings.TrimPrefix(line, "/")
		}
		if !https && strings.Contains(line, "Content-Security-Policy:") {
			line = withoutUpgrade(line)
		}
		b.WriteString(line)
	}
	if len(hashed) == 0 {
		return b.Bytes()
	}
	if b.Len() > 0 && !bytes.HasSuffix(b.Bytes(), []byte("\n")) {
		b.WriteByte('\n')
	}
	b.WriteString("\n# Added by playbook build --minify: these files are named after their content.\n")
	for _, n := range hashed {
		b.WriteString(basePath + n + "\n  " + immutable + "\n")
	}
	return b.Bytes()
}

// withoutUpgrade is a Content-Security-Policy header line without its
// upgrade-insecure-requests directive.
func withoutUpgrade(line string) string {
	name, policy, _ := strings.Cut(line, ":")
	end := policy[len(strings.TrimRight(policy, " \t\r\n")):]
	var kept []string
	for d := range strings.SplitSeq(strings.TrimSpace(policy), ";") {
		if d = strings.TrimSpace(d); d != "" && d != "upgrade-insecure-requests" {
			kept = append(kept, d)
		}
	}
	return name + ": " + strings.Join(kept, "; ") + end
}

// RedirectsFile is the file, at the host's root, that Netlify and Cloudflare Pages read
// redirects from: the site's own static/_redirects, with a line for each alias after it.
const RedirectsFile = "_redirects"

// Redirect is a former address of a page (an alias) and the page's, both paths under the
// base path.
type Redirect struct{ From, To string }

// redirects is the _redirects file a build publishes: the site's own lines (base, nil for
// none) as they are, then a permanent redirect for each alias, in order.
func redirects(base []byte, r []Redirect) []byte {
	var b bytes.Buffer
	b.Write(base)
	if len(base) > 0 && !bytes.HasSuffix(base, []byte("\n")) {
		b.WriteByte('\n')
	}
	for _, x := range r {
		b.WriteString(x.From + " " + x.To + " 301\n")
	}
	return b.Bytes()
}
