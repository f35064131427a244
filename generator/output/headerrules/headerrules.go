// Package headerrules applies a _headers file as Netlify and Cloudflare Pages do, so tests
// can ask which headers a host sends for a path: a rule is a path pattern on a line of its
// own (a * matches any run of characters, across slashes too), followed by indented
// "Name: value" lines; every rule whose pattern matches the path adds its headers.
package headerrules

import (
	"path"
	"strings"
)

// Rule is one pattern and the headers it sets, in the file's order.
type Rule struct {
	Pattern string
	Headers [][2]string
}

// Parse reads the rules of a _headers file; comments and blank lines are skipped.
func Parse(file []byte) []Rule {
	var rules []Rule
	for line := range strings.Lines(string(file)) {
		trimmed := strings.TrimSpace(line)
		switch {
		case trimmed == "" || strings.HasPrefix(trimmed, "#"):
		case line[0] != ' ' && line[0] != '\t':
			rules = append(rules, Rule{Pattern: trimmed})
		case len(rules) > 0:
			name, value, _ := strings.Cut(trimmed, ":")
			r := &rules[len(rules)-1]
			r.Headers = append(r.Headers, [2]string{strings.TrimSpace(name), strings.TrimSpace(value)})
		}
	}
	return rules
}

// For returns the values of each header the rules send for the request path p, by name,
// in the order the matching rules give them (a header two rules set has two values,
// which the hosts join with a comma).
func For(rules []Rule, p string) map[string][]string {
	got := map[string][]string{}
	for _, r := range rules {
		if !matches(r.Pattern, p) {
			continue
		}
		for _, h := range r.Headers {
			got[h[0]] = append(got[h[0]], h[1])
		}
	}
	return got
}

// matches reports whether pattern matches p, a * matching any run of characters. Only
// patterns of paths are compared; one with a host never matches.
func matches(pattern, p string) bool {
	if !strings.HasPrefix(pattern, "/") {
		return false
	}
	// path.Match's * stops at a slash; the hosts' splat does not, so match segment-free.
	pat := strings.ReplaceAll(strings.ReplaceAll(pattern, "/", "\x00"), "?", "\\?")
	ok, err := path.Match(pat, strings.ReplaceAll(p, "/", "\x00"))
	return err == nil && ok
}
