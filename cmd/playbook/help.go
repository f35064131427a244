package main

import (
	"context"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/followup-playbook/playbook/generator/diag"
	"github.com/followup-playbook/playbook/generator/load/config"
	"github.com/followup-playbook/playbook/generator/load/rules"
	"github.com/followup-playbook/playbook/generator/reference"
)

// runHelp is `playbook help [COMMAND | TOPIC]`: the commands and topics, a command's
// flags, or a topic of the reference (package generator/reference). The figures topic
// lists the figures of the site at hand, which -s names as every command's does.
func runHelp(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		writeHelp(stdout)
		return nil
	}
	name := args[0]
	for _, c := range commands() {
		if c.name == name {
			return c.run(ctx, []string{"-h"}, stdout, stderr)
		}
	}
	if !slices.Contains(reference.Names(), name) {
		names := make([]string, 0, len(commands()))
		for _, c := range commands() {
			names = append(names, c.name)
		}
		return usageError{fmt.Errorf("help: no command or topic %q; the commands are %s, the topics %s",
			name, strings.Join(names, ", "), strings.Join(reference.Names(), ", "))}
	}
	fs := newFlagSet("help "+name, "help "+name, stderr)
	var source string
	if name == "figures" {
		fs = newFlagSet("help figures", "help figures [-s DIR]", stderr)
		const srcUsage = "the site whose figures to list (default: the nearest folder from the current one up that has site.toml, else the built-in site)"
		fs.StringVar(&source, "source", "", srcUsage)
		fs.StringVar(&source, "s", "", srcUsage)
	}
	if err := parseFlags(fs, args[1:], 0); err != nil {
		return err
	}
	var r *rules.Rules
	site := ""
	if name == "figures" {
		src, dir, err := resolveSite(source, nil)
		if err != nil {
			return err
		}
		// A site.toml that does not load is reported here, as plan does: the rules read
		// its [timeline] and leave a file that is not TOML to the config's report.
		_, _, err = config.Load(src.Own())
		if err == nil {
			r, _, err = rules.Load(src.Own())
		}
		if err != nil {
			if n := diag.Count(err); len(diag.All(err)) > 0 {
				fmt.Fprint(stderr, diag.Report(err))
				return reportedError{n}
			}
			return err
		}
		switch dir {
		case "":
			site = "the built-in site"
		case ".":
			site = "the site in this folder"
		default:
			site = "the site in " + dir
		}
	}
	topics, err := reference.Topics(r, site)
	if err != nil {
		return err
	}
	return reference.Text(stdout, topics[slices.Index(reference.Names(), name)])
}
