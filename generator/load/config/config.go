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
// documented default.
type Config struct {
	// Title names the site in every page's <title>, header and feed.
	Title string `toml:"title"`
	// Description is the site's summary for the home page's metadata. Default: empty.
	Description string `toml:"description"`
	// BaseURL is where the site is hosted, e.g. "https://example.org/careers/playbook/".
	// Every link is written under its path. Default: "/".
	BaseURL string `toml:"baseURL"`
	// Language is the pages' lang attribute. Default: "en".
	Language string `toml:"language"`
	// Copyright is shown in the footer. Default: empty.
	Copyright string `toml:"copyright"`
	// Menu is the navigation, in order. Default: every top-level page, by weight then title.
	Menu []MenuItem `toml:"menu"`
	// Params holds anything else a site's own layouts want, as .Site.Params.
	Params map[string]any `toml:"params"`
	// Timeline is the site-wide timing policy; generator/load/rules reads and checks it
	// (rules.LoadPolicy), so here it is only accepted.
	Timeline map[string]any `toml:"timeline"`
}

// MenuItem is one navigation entry: a content page (by its path under content/, as a
// Markdown link would name it) or an external URL.
type MenuItem struct {
	Name string `toml:"name"`
	Page string `toml:"page"`
	URL  string `toml:"url"`
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
		if (m.Page == "") == (m.URL == "") {
			errs = append(errs, keyError(src, "menu", fmt.Sprintf("menu entry %d (%q) needs exactly one of page or url", i+1, m.Name), "page = \"chaser.md\" names a content page; url = \"https://…\" another site"))
		}
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
