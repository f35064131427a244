package serve

import (
	"io"
	"net/http"
	"net/url"
	"os"
	"regexp"
	"strings"
	"testing"

	playbook "github.com/followup-playbook/playbook"
	"github.com/followup-playbook/playbook/generator/load/sitefs"
)

// TestServesTheAgencyExampleUnderItsSubPath: examples/agency, a site whose base URL has a
// path (/careers/playbook/), served by the dev server as `playbook serve -s
// examples/agency` serves it: every page, stylesheet, script and image its home page
// leads to, page by page, answers under the sub-path, every address a page names on this
// host is under it (root-relative Markdown links and images included), and every image
// states its size. Among them: an image beside its page, one from static/, the old
// address of a renamed page (its alias), and the call to action's page.
func TestServesTheAgencyExampleUnderItsSubPath(t *testing.T) {
	const sub = "/careers/playbook/"
	dir := "../../examples/agency"
	ts := startConfig(t, "", Config{Source: sitefs.Source{Site: os.DirFS(dir), Defaults: playbook.DefaultSite}}, "127.0.0.1:0")
	attr := regexp.MustCompile(`(?:href|src)="([^"]*)"|srcset="([^"]*)"`)
	img := regexp.MustCompile(`<img [^>]*>`)
	seen := map[string]bool{}
	// The home page, and the old address of the renamed page, which a visitor may have kept.
	queue := []string{ts.base + sub, ts.base + sub + "chasing/"}
	for len(queue) > 0 {
		u := queue[0]
		queue = queue[1:]
		if seen[u] {
			continue
		}
		seen[u] = true
		resp, err := http.Get(u)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			t.Errorf("%s: %s", u, resp.Status)
			continue
		}
		if !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") {
			continue
		}
		page := string(body)
		for _, tag := range img.FindAllString(page, -1) {
			if !strings.Contains(tag, ` width="`) || !strings.Contains(tag, ` height="`) {
				t.Errorf("%s: an image without its size: %s", u, tag)
			}
		}
		for _, m := range attr.FindAllStringSubmatch(page, -1) {
			refs := []string{m[1]}
			if m[2] != "" {
				refs = nil
				for _, c := range strings.Split(m[2], ",") {
					refs = append(refs, strings.Fields(c)[0])
				}
			}
			for _, ref := range refs {
				ref = strings.ReplaceAll(ref, "&amp;", "&")
				base, _ := url.Parse(u)
				to, err := base.Parse(ref)
				if err != nil || to.Host != base.Host || strings.HasPrefix(to.Path, "/__playbook/") {
					continue // another site's, or the dev server's own live reload
				}
				if !strings.HasPrefix(to.Path, sub) {
					t.Errorf("%s names %s, outside the site's path %s", u, ref, sub)
					continue
				}
				to.Fragment = ""
				queue = append(queue, to.String())
			}
		}
	}
	for _, want := range []string{"check-in/", "check-in-wait.svg", "images/office-map.svg", "images/logo.svg", "chasing/", "contact/", "templates/thank-you/", "calculator/", "follow-ups/"} {
		if !seen[ts.base+sub+want] {
			t.Errorf("no page leads to %s%s", sub, want)
		}
	}
	resp, err := http.Get(ts.base + sub + "chasing/")
	if err != nil {
		t.Fatal(err)
	}
	alias, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if !strings.Contains(string(alias), `content="0; url=`+sub+`check-in/"`) && !strings.Contains(string(alias), `href="`+sub+`check-in/"`) {
		t.Errorf("the alias does not lead to %scheck-in/:\n%s", sub, alias)
	}
	if len(seen) < 20 {
		t.Errorf("only %d addresses reached", len(seen))
	}
}
