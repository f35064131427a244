package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"

	playbook "github.com/followup-playbook/playbook"
	"github.com/followup-playbook/playbook/generator"
	"github.com/followup-playbook/playbook/generator/diag"
	"github.com/followup-playbook/playbook/generator/load/config"
	"github.com/followup-playbook/playbook/generator/load/sitefs"
	"github.com/followup-playbook/playbook/generator/output"
)

// siteFlags are the flags every command that reads a site shares, named as Hugo names them.
type siteFlags struct {
	source                  string
	baseURL                 string
	drafts, future, expired bool
}

func (f *siteFlags) register(fs *flag.FlagSet) {
	const srcUsage = "the site's folder, holding site.toml (default: the nearest folder from the current one up that has site.toml, else the built-in site)"
	fs.StringVar(&f.source, "source", "", srcUsage)
	fs.StringVar(&f.source, "s", "", srcUsage)
	const baseUsage = "the address the site is hosted at, e.g. https://example.org/careers/ (default: site.toml's baseURL)"
	fs.StringVar(&f.baseURL, "baseURL", "", baseUsage)
	fs.StringVar(&f.baseURL, "b", "", baseUsage)
	const draftUsage = "include pages marked draft = true"
	fs.BoolVar(&f.drafts, "buildDrafts", false, draftUsage)
	fs.BoolVar(&f.drafts, "D", false, draftUsage)
	const futureUsage = "include pages whose publishDate is still to come"
	fs.BoolVar(&f.future, "buildFuture", false, futureUsage)
	fs.BoolVar(&f.future, "F", false, futureUsage)
	const expiredUsage = "include pages whose expiryDate has passed"
	fs.BoolVar(&f.expired, "buildExpired", false, expiredUsage)
	fs.BoolVar(&f.expired, "E", false, expiredUsage)
}

// site resolves where the site comes from: --source, else the nearest site.toml in the
// working folder or above it, else the built-in site, which it says on stderr. dir is the
// site's folder ("" for the built-in site). A --baseURL that is no address is a mistake on
// the command line (exit 2), found before the site is read.
func (f *siteFlags) site(stderr io.Writer) (sitefs.Source, string, error) {
	if f.baseURL != "" {
		if _, err := config.Default().WithBaseURL(f.baseURL); err != nil {
			hint := "write it as https://example.org/path/ or /path/"
			if !strings.HasPrefix(f.baseURL, "/") && !strings.Contains(f.baseURL, "://") {
				hint = fmt.Sprintf("did you mean https://%s?", f.baseURL)
			}
			return sitefs.Source{}, "", usageError{fmt.Errorf("%w; %s", err, hint)}
		}
	}
	return resolveSite(f.source, stderr)
}

// resolveSite is sitefs.Resolve over the built-in site, a folder that is no site being a
// mistake on the command line. Falling back on the built-in site is said in one line on
// notice, when not nil: run from the wrong folder, a command would otherwise build or plan
// with the theme's content and rules and say nothing of it.
func resolveSite(dir string, notice io.Writer) (sitefs.Source, string, error) {
	src, dir, err := sitefs.Resolve(dir, playbook.DefaultSite)
	var notSite *sitefs.NotASiteError
	if errors.As(err, &notSite) {
		return src, dir, usageError{err}
	}
	if err == nil && dir == "" && notice != nil {
		fmt.Fprintf(notice, "playbook: no %s in this folder or any above it; using the built-in site (-s DIR names a site; playbook new DIR starts one)\n", config.File)
	}
	return src, dir, err
}

func (f *siteFlags) options() generator.Options {
	return generator.Options{Drafts: f.drafts, Future: f.future, Expired: f.expired, BaseURL: f.baseURL}
}

func runBuild(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var sf siteFlags
	var dest string
	var minify, hostRoot bool
	fs := newFlagSet("build", "build [-s DIR] [-d DIR] [-b URL] [-D] [-F] [-E] [--minify] [--host-root]", stderr)
	sf.register(fs)
	fs.BoolVar(&minify, "minify", false, "minify HTML, CSS, JavaScript, JSON and XML, and name CSS and JavaScript files after a hash of their content")
	fs.BoolVar(&hostRoot, "host-root", false, "write the destination as the host's root: the site under the base URL's path, _headers and _redirects at the top, 404.html at both (Netlify, Cloudflare Pages)")
	const destUsage = "the folder to write the site to (default: public beside site.toml)"
	fs.StringVar(&dest, "destination", "", destUsage)
	fs.StringVar(&dest, "d", "", destUsage)
	if err := parseFlags(fs, args, 0); err != nil {
		return err
	}
	src, dir, err := sf.site(stderr)
	if err != nil {
		return err
	}
	if dest == "" {
		dest = filepath.Join(dir, "public")
	}
	// Whether there was an output to keep, for the report of a failed build.
	_, statErr := os.Stat(dest)
	existed := statErr == nil
	var sum generator.Summary
	_, err = output.WriteDir(dest, func(out output.Output) error {
		var err error
		opts := sf.options()
		opts.Minify, opts.HostRoot = minify, hostRoot
		sum, err = generator.Build(ctx, src, opts, out)
		return err
	})
	warn(stderr, sum.Warnings)
	if err != nil {
		if !existed {
			return report(stderr, err, "nothing was written")
		}
		return report(stderr, err, dest+" was left as it was")
	}
	fmt.Fprintf(stdout, "built %s into %s\n", sum, dest)
	return nil
}

func runCheck(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var sf siteFlags
	fs := newFlagSet("check", "check [-s DIR] [-b URL] [-D] [-F] [-E]", stderr)
	sf.register(fs)
	if err := parseFlags(fs, args, 0); err != nil {
		return err
	}
	src, _, err := sf.site(stderr)
	if err != nil {
		return err
	}
	sum, err := generator.Build(ctx, src, sf.options(), &output.MemoryOutput{})
	warn(stderr, sum.Warnings)
	if err != nil {
		return report(stderr, err, "")
	}
	fmt.Fprintf(stdout, "no problems: %s (nothing written)\n", sum)
	return nil
}

// warn writes a build's warnings to stderr, as report writes problems, and their count.
// A warning does not fail the build: it is how the site is as of today (a link to a page
// gone by its expiryDate is written as its text), which a build on another day changes.
func warn(stderr io.Writer, warnings []*diag.Error) {
	if len(warnings) == 0 {
		return
	}
	errs := make([]error, len(warnings))
	for i, w := range warnings {
		errs[i] = w
	}
	fmt.Fprint(stderr, diag.Report(errors.Join(errs...)))
	fmt.Fprintf(stderr, "%d warning(s)\n", len(warnings))
}

// report writes every problem in err to stderr, then their count and, when there is one,
// what became of the output: kept as it was, or none written.
func report(stderr io.Writer, err error, output string) error {
	if errors.Is(err, context.Canceled) {
		fmt.Fprintln(stderr, "playbook: interrupted; nothing was written")
		return reportedError{1}
	}
	fmt.Fprint(stderr, diag.Report(err))
	n := diag.Count(err)
	if output != "" {
		fmt.Fprintf(stderr, "%d problem(s) found; %s\n", n, output)
	} else {
		fmt.Fprintf(stderr, "%d problem(s) found\n", n)
	}
	return reportedError{n}
}

func runNew(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var opts sitefs.NewSite
	fs := newFlagSet("new", "new [--full] DIR", stderr)
	fs.BoolVar(&opts.Full, "full", false, "also write every layout and static file of the built-in theme, to change them in place (the site then no longer gets the theme's fixes for those files)")
	if err := parseFlags(fs, args, 1); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return usageError{errors.New("new: name the folder to create, e.g. playbook new my-site")}
	}
	dir := fs.Arg(0)
	opts.Version, _ = buildVersion()
	written, err := sitefs.WriteNew(dir, playbook.DefaultSite, opts)
	if errors.As(err, new(*sitefs.NotEmptyError)) {
		return usageError{err} // the folder named on the command line is the mistake
	}
	if err != nil {
		return err
	}
	if opts.Full {
		fmt.Fprintf(stdout, "wrote a new site with the whole theme to %s, %d files:\n", dir, len(written))
		for _, f := range written {
			fmt.Fprintf(stdout, "  %s\n", f)
		}
	} else {
		fmt.Fprintf(stdout, "wrote a new site to %s (%d files: site.toml, content/, static/_headers, README.md and the deploy recipes); layouts and the other static files come from the built-in theme\n", dir, len(written))
	}
	fmt.Fprintf(stdout, "build it with: playbook build -s %s\n", dir)
	return nil
}

func runVersion(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("version", "version", stderr)
	if err := parseFlags(fs, args, 0); err != nil {
		return err
	}
	version, revision := buildVersion()
	if revision != "" {
		revision = " " + revision
	}
	fmt.Fprintf(stdout, "playbook %s%s\n", version, revision)
	return nil
}

// buildVersion is the module version this binary was built from ("(devel)" when Go does
// not know it) and its commit, when known.
func buildVersion() (version, revision string) {
	version = "(devel)"
	if bi, ok := debug.ReadBuildInfo(); ok {
		if bi.Main.Version != "" {
			version = bi.Main.Version
		}
		for _, s := range bi.Settings {
			if s.Key == "vcs.revision" {
				revision = s.Value
			}
		}
	}
	return version, revision
}
