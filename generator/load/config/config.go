// Package config reads a site's site.toml into a Config: the site's title, base URL,
// language, navigation and site-wide parameters. Unknown keys are errors, so a typo never
// passes silently.
package config

import (
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"strings"

	"github.com/followup-playbook/playbook/generator/diag"
	"github.com/followup-playbook/playbook/generator/internal/strictoml"
)

// File is the name of the configuration file at a site's root.
const File = "site.toml"

// Config is a site's configuration. Only Title is required; every other field has a
// default. Each field's doc tag is what `playbook help config` and docs/reference.md say
// about its key (see package generator/reference): one or two sentences, then
// "Default: ..." or "Required.".
type Config struct {
	Title       string         `toml:"title" doc:"The site's name, in every page's title, its header and the feed. Required."`
	Description string         `toml:"description" doc:"The site's summary, for the home page's description and the feed. Default: empty."`
	BaseURL     string         `toml:"baseURL" doc:"Where the site is hosted, as an address (\"https://example.org/careers/playbook/\") or a path (\"/careers/playbook/\"); every link is written under its path, and --baseURL replaces it. Default: \"/\"."`
	Language    string         `toml:"language" doc:"The pages' language, as their lang attribute (\"en\", \"en-GB\"). Default: \"en\"."`
	Copyright   string         `toml:"copyright" doc:"The line shown in the footer. Default: empty."`
	Menu        []MenuItem     `toml:"menu" doc:"Entries added to the navigation, which lists every top-level page in reading order (by weight, then title), then the list of templates; an entry for a page it lists takes that page's place. Default: none, the automatic menu alone."`
	MenuOptions MenuOptions    `toml:"menu_options" doc:"How the [[menu]] entries and the automatic menu combine."`
	Params      map[string]any `toml:"params" doc:"Anything your own layouts want, as .Site.Params.KEY; a key not set is empty. Default: empty."`
	// Timeline is checked by generator/load/rules (rules.LoadPolicy), so here it is only
	// accepted.
	Timeline map[string]any `toml:"timeline" doc:"The site-wide timing policy: business days and hours, weekends, chasers, LinkedIn limits, public holidays. Its keys are listed by playbook help timing."`
}

// MenuItem is one [[menu]] entry: a page of the site, named by its path under content/
// or by the name of a page the site makes, or a URL. The generator package resolves it.
type MenuItem struct {
	Name   string `toml:"name" doc:"The text of the link. Required."`
	Page   string `toml:"page" doc:"A page, by its path under content/ (\"chaser.md\", \"guides/_index.md\") or by name: \"calculator\", \"follow-ups\", \"templates\" (the list of message templates, also \"messages\") or \"templates/ID\" (one template). Default: none; give page or url."`
	URL    string `toml:"url" doc:"A path on the site (\"/templates/\", \"/#timeline\"), which is written under the base URL's path, or another site's address (\"https://example.com/\"), written as it is. Default: none; give page or url."`
	Weight int    `toml:"weight" doc:"Places the entry before the first automatic one whose page is heavier, ahead of the pages without a weight and the list of templates; an entry for a page the menu lists moves it there. An entry without a weight goes at the end, in the order written, or in its page's place. Default: 0, at the end."`
}

// MenuOptions is the [menu_options] table.
type MenuOptions struct {
	Replace bool `toml:"replace" doc:"Show the [[menu]] entries alone, instead of adding them to the automatic menu. Default: false."`
}

// Default returns the configuration of a site whose site.toml sets nothing but the title.
func Default() Config {
	return Config{BaseURL: "/", Language: "en"}
}

// Load reads site.toml from the root of fsys. It reports every problem it finds, each as a
// *diag.Error joined into the returned error.
func Load(fsys fs.FS) (Config, []byte, error) {
	src, err := fs.ReadFile(fsys, File)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return Config{}, nil, &diag.Error{Path: File, Msg: "no site.toml at the site's root", Hint: "create one with at least: title = \"My site\""}
		}
		return Config{}, nil, fmt.Errorf("%s: %w", File, err)
	}
	c, err := Parse(src)
	return c, src, err
}

// Parse decodes a site.toml held in src.
func Parse(src []byte) (Config, error) {
	c := Default()
	if _, err := strictoml.Decode(File, src, 1, &c); err != nil {
		return c, err
	}
	var errs []error
	if strings.TrimSpace(c.Title) == "" {
		errs = append(errs, &diag.Error{Path: File, Line: 1, Msg: "the site has no title", Hint: "add a line: title = \"My site\""})
	}
	base, err := normaliseBaseURL(c.BaseURL)
	if err != nil {
		errs = append(errs, keyError(src, "baseURL", err.Error(), "write it as https://example.org/path/ or /path/"))
	}
	c.BaseURL = base
	for i, m := range c.Menu {
		errs = append(errs, checkMenuItem(src, i, m))
	}
	return c, errors.Join(errs...)
}

// WithBaseURL returns c hosted at base instead, as --baseURL asks.
func (c Config) WithBaseURL(base string) (Config, error) {
	b, err := normaliseBaseURL(base)
	if err != nil {
		return c, fmt.Errorf("--baseURL: %w", err)
	}
	c.BaseURL = b
	return c, nil
}

// normaliseBaseURL checks a base URL and makes it end with "/"; "" means "/".
func normaliseBaseURL(base string) (string, error) {
	if base == "" {
		return "/", nil
	}
	u, err := url.Parse(base)
	if err != nil || (u.Scheme != "" && u.Host == "") || (u.Scheme == "" && !strings.HasPrefix(base, "/")) || u.RawQuery != "" || u.Fragment != "" {
		return "/", fmt.Errorf("baseURL %q is not an absolute URL or a path starting with /", base)
	}
	if !strings.HasSuffix(base, "/") {
		base += "/"
	}
	return base, nil
}

// BasePath is the path part of BaseURL, always starting and ending with "/": the prefix of
// every link the site writes.
func (c Config) BasePath() string {
	u, err := url.Parse(c.BaseURL)
	if err != nil || u.Path == "" {
		return "/"
	}
	p := u.Path
	if !strings.HasSuffix(p, "/") {
		p += "/"
	}
	return p
}

// checkMenuItem reports a [[menu]] entry, the i-th from 0, without a name or without
// exactly one of page and url, at its header. What page and url name is checked once the
// pages are known (generator's navigation).
func checkMenuItem(src []byte, i int, m MenuItem) error {
	var msg, hint string
	switch {
	case strings.TrimSpace(m.Name) == "":
		msg, hint = fmt.Sprintf("menu entry %d has no name", i+1), "add name = \"...\", the text of the link"
	case (m.Page == "") == (m.URL == ""):
		msg, hint = fmt.Sprintf("menu entry %d (%q) needs exactly one of page or url", i+1, m.Name), "page = \"chaser.md\" names a page of the site; url = \"/templates/\" a path on it, or \"https://…\" another site"
	default:
		return nil
	}
	if line, col := strictoml.KeyPos(src, fmt.Sprintf("menu.%d", i)); line > 0 {
		return diag.At(File, src, line, col, msg, hint)
	}
	return &diag.Error{Path: File, Msg: msg, Hint: hint}
}

// keyError points at the line that sets key, or at the file when it is not found.
func keyError(src []byte, key, msg, hint string) *diag.Error {
	for i, line := range strings.Split(string(src), "\n") {
		t := strings.TrimSpace(line)
		if strings.HasPrefix(t, key) || strings.HasPrefix(t, "[["+key) || strings.HasPrefix(t, "["+key) {
			return diag.At(File, src, i+1, len(line)-len(strings.TrimLeft(line, " \t"))+1, msg, hint)
		}
	}
	return &diag.Error{Path: File, Msg: msg, Hint: hint}
}
