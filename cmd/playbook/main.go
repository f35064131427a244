// Command playbook builds, checks and previews a Follow-Up Playbook site: Markdown guidance,
// TOML message templates and timing rules, turned into a static site.
//
// main only parses flags and calls the packages under generator/.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"sort"
	"strings"
	"syscall"

	"github.com/followup-playbook/playbook/generator/reference"
)

// command is one subcommand: its name, a one-line summary for `playbook help`, and the
// function that runs it with the arguments after its name.
type command struct {
	name    string
	summary string
	run     func(ctx context.Context, args []string, stdout, stderr io.Writer) error
}

func commands() []command {
	return []command{
		{"build", "build the site into the destination folder", runBuild},
		{"check", "load and render everything, write nothing, and report every problem", runCheck},
		{"new", "start a new site in a folder: its content, with the theme built in (--full: the whole theme too)", runNew},
		{"plan", "print what to send after an interview, to whom and when (text, JSON or ICS)", runPlan},
		{"serve", "preview the site with live reload, rebuilding on every change", runServe},
		{"version", "print the version", runVersion},
	}
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(exitCode(err, os.Stderr))
}

// usageError is a mistake in the command line itself: exit status 2, as flag does.
type usageError struct{ err error }

func (e usageError) Error() string { return e.err.Error() }
func (e usageError) Unwrap() error { return e.err }

// reportedError says the problems were already written to stderr in full.
type reportedError struct{ count int }

func (e reportedError) Error() string { return fmt.Sprintf("%d problem(s) found", e.count) }

func exitCode(err error, stderr io.Writer) int {
	switch {
	case err == nil:
		return 0
	case errors.Is(err, flag.ErrHelp):
		return 0
	case errors.As(err, new(usageError)):
		fmt.Fprintf(stderr, "playbook: %v\n", err)
		return 2
	case errors.As(err, new(reportedError)):
		return 1
	default:
		fmt.Fprintf(stderr, "playbook: %v\n", err)
		return 1
	}
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		return usageError{errors.New("no command given; run `playbook help` for the list")}
	}
	name, rest := args[0], args[1:]
	if name == "help" || name == "-h" || name == "--help" || name == "-help" {
		return runHelp(ctx, rest, stdout, stderr)
	}
	for _, c := range commands() {
		if c.name == name {
			return c.run(ctx, rest, stdout, stderr)
		}
	}
	return usageError{fmt.Errorf("unknown command %q; run `playbook help` for the list", name)}
}

func writeHelp(w io.Writer) {
	fmt.Fprint(w, `playbook builds the Follow-Up Playbook site: Markdown guidance and TOML message
templates with timing rules, turned into a static site.

Usage:
  playbook COMMAND [flags]

Commands:
`)
	cs := commands()
	sort.Slice(cs, func(i, j int) bool { return cs[i].name < cs[j].name })
	for _, c := range cs {
		fmt.Fprintf(w, "  %-8s %s\n", c.name, c.summary)
	}
	fmt.Fprint(w, `
Reference (playbook help TOPIC, and docs/reference.md):
`)
	for _, t := range reference.Names() {
		fmt.Fprintf(w, "  %-8s %s\n", t, reference.Summaries()[t])
	}
	fmt.Fprint(w, `
Run 'playbook COMMAND -h' for a command's flags. With no --source and no site.toml in the
current folder, commands work on the default site built into the binary.
`)
}

// newFlagSet returns a FlagSet that writes its usage to stderr, under the command's name
// and summary, and returns errors instead of exiting.
func newFlagSet(name, usage string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(stderr, "Usage: playbook %s\n\n", usage)
		fs.VisitAll(func(f *flag.Flag) {
			if len(f.Name) == 1 {
				return // the short form is listed with its long one
			}
			short := ""
			fs.VisitAll(func(g *flag.Flag) {
				if len(g.Name) == 1 && g.Usage == f.Usage {
					short = "-" + g.Name + ", "
				}
			})
			def := ""
			if f.DefValue != "" && f.DefValue != "false" && f.DefValue != "0" && f.DefValue != "0s" {
				def = fmt.Sprintf(" (default %s)", f.DefValue)
			}
			fmt.Fprintf(stderr, "  %s--%s\n        %s%s\n", short, f.Name, f.Usage, def)
		})
	}
	return fs
}

// parseFlags parses args and turns a flag mistake, or a stray argument, into a usageError.
func parseFlags(fs *flag.FlagSet, args []string, maxArgs int) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return usageError{err}
	}
	if fs.NArg() > maxArgs {
		return usageError{fmt.Errorf("%s: unexpected argument %q", fs.Name(), strings.Join(fs.Args()[maxArgs:], " "))}
	}
	return nil
}
