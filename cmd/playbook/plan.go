package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/followup-playbook/playbook/generator/diag"
	"github.com/followup-playbook/playbook/generator/load/rules"
)

// stringList is a flag that may be given several times, each adding one value.
type stringList []string

func (l *stringList) String() string     { return strings.Join(*l, ", ") }
func (l *stringList) Set(v string) error { *l = append(*l, v); return nil }

// planFlagName maps a rules.Input JSON field name to the flag that sets it, so an input
// error names what the user typed.
func planFlagName(field string) string {
	switch field {
	case "interviewers":
		return "interviewer"
	case "decisionBy":
		return "decision-by"
	case "linkedinLimit":
		return "linkedin-limit"
	}
	return field
}

func runPlan(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var (
		in           rules.Input
		interviewers stringList
		format, tz   string
		source       string
	)
	fs := newFlagSet("plan", "plan --interview YYYY-MM-DDTHH:MM [--interviewer NAME]... [--decision-by DATE] [--rejected DATE | --offer DATE | --withdrew DATE] [--weekend monday|same-day] [--linkedin-limit N] [--format text|json|ics] [--tz ZONE] [-s DIR]", stderr)
	both := func(p *string, long, short, usage string) {
		fs.StringVar(p, long, "", usage)
		if short != "" {
			fs.StringVar(p, short, "", usage)
		}
	}
	both(&in.Interview, "interview", "i", "when the interview took place, local time: YYYY-MM-DDTHH:MM")
	const nameUsage = "an interviewer's name; repeat for each person met"
	fs.Var(&interviewers, "interviewer", nameUsage)
	fs.Var(&interviewers, "n", nameUsage)
	both(&in.DecisionBy, "decision-by", "", "the date they said they would decide by: YYYY-MM-DD")
	both(&in.Rejected, "rejected", "", "when a rejection arrived: YYYY-MM-DD or YYYY-MM-DDTHH:MM")
	both(&in.Offer, "offer", "", "when an offer arrived: YYYY-MM-DD or YYYY-MM-DDTHH:MM")
	both(&in.Withdrew, "withdrew", "", "when you decided to withdraw: YYYY-MM-DD or YYYY-MM-DDTHH:MM")
	both(&in.Weekend, "weekend", "", "when the thank-you window runs into the weekend: monday (arrive Monday morning) or same-day (default: the site's policy)")
	fs.IntVar(&in.LinkedInLimit, "linkedin-limit", 0, "the LinkedIn note limit in characters, e.g. 300 with Premium (default: the site's policy)")
	const formatUsage = "output: text, json (the browser engine's contract) or ics (a calendar file)"
	fs.StringVar(&format, "format", "text", formatUsage)
	fs.StringVar(&format, "f", "text", formatUsage)
	both(&tz, "tz", "", "the time zone for --format ics, e.g. Europe/London, or floating for local times as the calculator writes them (default: the machine's)")
	both(&source, "source", "s", "the site's folder, holding site.toml (default: the current folder if it has site.toml, else the built-in site)")
	if err := parseFlags(fs, args, 0); err != nil {
		return err
	}
	in.Interviewers = interviewers
	switch format {
	case "text", "json", "ics":
	default:
		return usageError{fmt.Errorf("--format %q: use text, json or ics", format)}
	}
	var zone *time.Location
	if format == "ics" {
		var err error
		if zone, err = planZone(tz); err != nil {
			return usageError{err}
		}
	}

	src, _, err := resolveSite(source)
	if err != nil {
		return err
	}
	r, _, err := rules.Load(src.Own())
	if err != nil {
		if n := diag.Count(err); len(diag.All(err)) > 0 {
			fmt.Fprint(stderr, diag.Report(err))
			return reportedError{n}
		}
		return err
	}
	p, err := r.Plan(in)
	if err != nil {
		var ie *rules.InputError
		if errors.As(err, &ie) {
			return usageError{fmt.Errorf("--%s: %s", planFlagName(ie.Field), ie.Message())}
		}
		return err
	}
	var out []byte
	switch format {
	case "json":
		out, err = p.JSON()
	case "ics":
		out, err = rules.ICS(r, in, p, zone)
	default:
		var b strings.Builder
		err = rules.WriteText(&b, r, in, p)
		out = []byte(b.String())
	}
	if err != nil {
		return err
	}
	_, err = stdout.Write(out)
	return err
}

// planZone loads the zone for calendar output: --tz, else $TZ, else the zone
// /etc/localtime links to. Without any, the calendar gets floating local times (nil).
func planZone(tz string) (*time.Location, error) {
	if tz == "floating" {
		// Floating local times, as the calculator in the browser writes them: it cannot
		// reproduce a VTIMEZONE from Go's zone database.
		return nil, nil
	}
	if tz != "" {
		loc, err := time.LoadLocation(tz)
		if err != nil {
			return nil, fmt.Errorf("--tz %q: not a known time zone; use a name such as Europe/London or UTC", tz)
		}
		return loc, nil
	}
	name := os.Getenv("TZ")
	if name == "" {
		if target, err := os.Readlink("/etc/localtime"); err == nil {
			if _, after, ok := strings.Cut(target, "zoneinfo/"); ok {
				name = after
			}
		}
	}
	if name == "" {
		return nil, nil
	}
	loc, err := time.LoadLocation(strings.TrimPrefix(name, ":"))
	if err != nil {
		return nil, nil // an unusable machine zone: floating times are still a valid calendar
	}
	return loc, nil
}
