package serve

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/followup-playbook/playbook/generator"
	"github.com/followup-playbook/playbook/generator/diag"
	"github.com/followup-playbook/playbook/generator/load/config"
	"github.com/followup-playbook/playbook/generator/load/content"
	"github.com/followup-playbook/playbook/generator/load/messages"
	"github.com/followup-playbook/playbook/generator/output"
	"github.com/followup-playbook/playbook/generator/render"
)

// snapshot is what the server answers from: swapped whole, never changed once stored.
type snapshot struct {
	// id names this state of the site; pages carry it, and a browser whose page carries
	// another one reloads.
	id string
	// files is the last good build, by slash-separated path; nil when no build succeeded yet.
	files map[string][]byte
	// base is the base path the files are served under: "/" or "/careers/".
	base string
	// err holds the last build's problems; nil when it succeeded.
	err error
	// errPage is the page shown for err.
	errPage []byte
}

// result is one finished build.
type result struct {
	files map[string][]byte
	sum   generator.Summary
	err   error
	took  time.Duration
}

func (s *Server) nextID() string {
	return s.instance + "." + strconv.FormatInt(s.gen.Add(1), 10)
}

// first makes the initial build; the server starts serving whatever its outcome.
func (s *Server) first(ctx context.Context) {
	r := s.runBuild(ctx, nil)
	if ctx.Err() != nil {
		return
	}
	if r.err != nil {
		s.fail(r, nil)
		return
	}
	s.cur.Store(&snapshot{id: s.nextID(), files: r.files, base: s.basePath()})
	s.printf("built %d pages in %s\n", r.sum.Pages+r.sum.Templates, round(r.took))
	s.warnOf(r.sum.Warnings)
}

// warnOf writes a build's warnings (see generator.Summary) as problems are written.
func (s *Server) warnOf(warnings []*diag.Error) {
	if len(warnings) == 0 {
		return
	}
	errs := make([]error, len(warnings))
	for i, w := range warnings {
		errs[i] = w
	}
	s.warnf("%s%d warning(s)\n", diag.Report(errors.Join(errs...)), len(warnings))
}

func (s *Server) runBuild(ctx context.Context, changed []string) result {
	start := time.Now()
	out := &output.MemoryOutput{}
	sum, err := s.build(ctx, changed, out)
	return result{files: out.Files(), sum: sum, err: err, took: time.Since(start)}
}

// rebuilds builds every batch of changes the watcher sends, one build at a time: a new
// batch cancels the build still running and starts one with both batches' changes. A
// build that fails while its files may still be being written is held back until they
// have settled, and dropped if another change comes first: an editor that paused between
// truncating a file and writing it must not flash an error page.
func (s *Server) rebuilds(ctx context.Context, batches <-chan batch) {
	// building is the build in progress, nil when none runs.
	type building struct {
		cancel context.CancelFunc
		done   chan result
	}
	var (
		cur     *building
		pending []string // changes not yet in a build that was put in place
		held    *result  // a failure waiting for the files to settle
		hold    = time.NewTimer(time.Hour)
	)
	hold.Stop()
	defer hold.Stop()
	stop := func() {
		if cur != nil {
			cur.cancel()
			<-cur.done // never two builds at once: they would share the cores
			cur = nil
		}
	}
	defer stop()
	for {
		var done <-chan result
		if cur != nil {
			done = cur.done
		}
		select {
		case <-ctx.Done():
			return
		case b := <-batches:
			stop()
			held = nil
			hold.Stop()
			pending = mergePaths(pending, b)
			bctx, cancel := context.WithCancel(ctx)
			cur = &building{cancel: cancel, done: make(chan result, 1)}
			go func(changed []string, done chan<- result) {
				done <- s.runBuild(bctx, changed)
			}(pending, cur.done)
		case r := <-done:
			cur.cancel()
			cur = nil
			if ctx.Err() != nil {
				return
			}
			if r.err != nil {
				if wait := s.untilSettled(); wait > 0 {
					held = &r
					hold.Reset(wait)
					continue
				}
			}
			s.publish(r, pending)
			pending = nil
		case <-hold.C:
			if held == nil {
				continue
			}
			// Changes still coming (a burst, or a slow writer): their batch will replace
			// this failure; until then, keep waiting.
			if wait := s.untilSettled(); wait > 0 {
				hold.Reset(wait)
				continue
			}
			s.publish(*held, pending)
			pending, held = nil, nil
		}
	}
}

// untilSettled is how long until the files have been quiet for quietFor.
func (s *Server) untilSettled() time.Duration {
	return time.Until(time.Unix(0, s.activity.Load()).Add(s.quietFor))
}

// mergePaths appends b to a, keeping each path once, at its latest position.
func mergePaths(a, b []string) []string {
	out := make([]string, 0, len(a)+len(b))
	seen := map[string]bool{}
	for i := len(b) - 1; i >= 0; i-- {
		if !seen[b[i]] {
			seen[b[i]] = true
			out = append(out, b[i])
		}
	}
	for i := len(a) - 1; i >= 0; i-- {
		if !seen[a[i]] {
			seen[a[i]] = true
			out = append(out, a[i])
		}
	}
	for i, j := 0, len(out)-1; i < j; i, j = i+1, j-1 {
		out[i], out[j] = out[j], out[i]
	}
	return out
}

// publish puts a finished build in place and only then tells the browsers.
func (s *Server) publish(r result, changed []string) {
	if r.err != nil {
		s.fail(r, changed)
		return
	}
	prev := s.cur.Load()
	base := s.basePath()
	ev := event{name: "reload"}
	var outs []string
	if prev != nil && prev.err == nil && prev.files != nil && prev.base == base {
		outs = changedOutputs(prev.files, r.files)
		switch {
		case len(outs) == 0:
			ev.name = ""
		case allCSS(outs):
			ev.name = "css"
			for _, o := range outs {
				ev.hrefs = append(ev.hrefs, base+o)
			}
		}
	}
	next := &snapshot{files: r.files, base: base}
	if ev.name == "" {
		next.id = prev.id // the same site: open pages are up to date
	} else {
		next.id = s.nextID()
	}
	if ev.name == "reload" && s.cfg.Navigate {
		ev.path = s.navigateTo(changed, next)
	}
	ev.build = next.id
	s.published.Add(1)
	s.lastChanged.Store(&changed)
	s.cur.Store(next)
	if ev.name != "" {
		s.hub.broadcast(ev.encode())
	}

	what := ""
	switch ev.name {
	case "":
		what = ": nothing changed"
	case "css":
		what = ": stylesheet swapped"
	}
	pages := fmt.Sprintf("%d pages", r.sum.Pages+r.sum.Templates)
	if r.sum.Rendered < r.sum.Pages+r.sum.Templates {
		pages = fmt.Sprintf("%d of %s", r.sum.Rendered, pages)
	}
	s.printf("rebuilt %s in %s (%s)%s\n", pages, round(r.took), describe(changed), what)
	s.warnOf(r.sum.Warnings)
}

// fail keeps the last good build, shows the problems in the terminal and in every open
// page, and answers page requests with them until a build succeeds.
func (s *Server) fail(r result, changed []string) {
	prev := s.cur.Load()
	next := &snapshot{id: s.nextID(), err: r.err, base: "/"}
	if prev != nil {
		next.files, next.base = prev.files, prev.base
	}
	next.errPage = errorPage(next.id, r.err)
	s.published.Add(1)
	s.lastChanged.Store(&changed)
	s.cur.Store(next)
	s.hub.broadcast(event{name: "reload", build: next.id}.encode())

	n := diag.Count(r.err)
	s.warnf("%s", diag.Report(r.err))
	kept := "nothing to serve until they are fixed"
	if next.files != nil {
		kept = "still serving the last good build"
	}
	s.warnf("%d problem(s) found%s; %s\n", n, afterChange(changed), kept)
}

func afterChange(changed []string) string {
	if len(changed) == 0 {
		return ""
	}
	return " after changing " + describe(changed)
}

// describe names the changed files for the terminal, briefly.
func describe(changed []string) string {
	switch len(changed) {
	case 0:
		return "no file named"
	case 1:
		return nameOf(changed[0])
	default:
		return fmt.Sprintf("%s and %d more", nameOf(changed[len(changed)-1]), len(changed)-1)
	}
}

func nameOf(rel string) string {
	if rel == "" {
		return "unknown files"
	}
	return rel
}

// round shortens a duration for the terminal: 850µs, 3.1ms, 1.25s.
func round(d time.Duration) string {
	switch {
	case d < time.Millisecond:
		return d.Round(time.Microsecond).String()
	case d < time.Second:
		return d.Round(100 * time.Microsecond).String()
	default:
		return d.Round(10 * time.Millisecond).String()
	}
}

// basePath is the path the site is served under, from site.toml or --baseURL.
func (s *Server) basePath() string {
	site := s.cfg.Source.Site
	if site == nil {
		site = s.cfg.Source.Defaults
	}
	cfg, _, err := config.Load(site)
	if err != nil {
		return "/"
	}
	if s.cfg.Options.BaseURL != "" {
		if c, err := cfg.WithBaseURL(s.cfg.Options.BaseURL); err == nil {
			cfg = c
		}
	}
	return cfg.BasePath()
}

// changedOutputs lists the files that differ between two builds, sorted. Builds are
// byte-for-byte reproducible, so an unchanged file compares equal.
func changedOutputs(old, new map[string][]byte) []string {
	var out []string
	for name, b := range new {
		if ob, ok := old[name]; !ok || !bytes.Equal(ob, b) {
			out = append(out, name)
		}
	}
	for name := range old {
		if _, ok := new[name]; !ok {
			out = append(out, name)
		}
	}
	sort.Strings(out)
	return out
}

func allCSS(names []string) bool {
	for _, n := range names {
		if path.Ext(n) != ".css" {
			return false
		}
	}
	return true
}

// navigateTo returns the address of the page made from the last changed source file that
// makes one, or "" to reload the page the browser is on.
func (s *Server) navigateTo(changed []string, sn *snapshot) string {
	site := s.cfg.Source.Site
	if site == nil {
		return ""
	}
	for i := len(changed) - 1; i >= 0; i-- {
		u, ok := sourceURL(site, changed[i])
		if !ok {
			continue
		}
		if _, ok := sn.files[render.OutputPath(u)]; ok {
			return sn.base + u
		}
	}
	return ""
}

// sourceURL maps a source file to its page's URL relative to the base path, as the
// generator places it: content/a/b.md → a/b/ (or its slug), content/_index.md → "",
// content/messages/x.toml → templates/x/.
func sourceURL(site fs.FS, rel string) (string, bool) {
	switch {
	case strings.HasPrefix(rel, messages.Dir+"/") && path.Ext(rel) == ".toml" && path.Dir(rel) == messages.Dir:
		return generator.MessageURL(strings.TrimSuffix(path.Base(rel), ".toml")), true
	case strings.HasPrefix(rel, content.Dir+"/") && path.Ext(rel) == ".md":
		src, err := fs.ReadFile(site, rel)
		if err != nil {
			return "", false
		}
		// Parse places the page even when its front matter has a problem; the slug, if
		// any, is what moves it.
		p, _ := content.Parse(rel, src)
		if p == nil {
			return "", false
		}
		return p.URL, true
	}
	return "", false
}
