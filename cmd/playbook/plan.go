package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/followup-playbook/playbook/generator/diag"
	"github.com/followup-playbook/playbook/generator/load/config"
	"github.com/followup-playbook/playbook/generator/load/rules"
)

// stringList is a flag that may be given several times, each adding one value.
type stringList []string

func (l *stringList) String() string     { return strings.Join(*l, ", ") }
func (l *stringList) Set(v string) error { *l = append(*l, v); return nil }

// planFlagName maps a rules.Input JSON field name to the flag that sets it, so an input
// error names what the user typed: "facts.sent.0.at" is the first --sent.
func planFlagName(field string) string {
	root, rest, _ := strings.Cut(field, ".")
	if root == "facts" {
		kind, rest, _ := strings.Cut(rest, ".")
		n, _, _ := strings.Cut(rest, ".")
		if i, err := strconv.Atoi(n); err == nil {
			return fmt.Sprintf("%s #%d", kind, i+1)
		}
		return kind
	}
	switch field {
	case "interviewers":
		return "interviewer"
	case "decisionBy":
		return "decision-by"
	case "nextRound":
		return "next-round"
	case "linkedinLimit":
		return "linkedin-limit"
	}
	return field
}

// planFlagFields returns, by flag, how it sets its field of rules.Input, for --from: a
// flag given replaces that field of the file's interview.
func planFlagFields() map[string]func(dst *rules.Input, src rules.Input) {
	return map[string]func(dst *rules.Input, src rules.Input){
		"interview":   func(d *rules.Input, s rules.Input) { d.Interview = s.Interview },
		"ends":        func(d *rules.Input, s rules.Input) { d.Ends = s.Ends },
		"interviewer": func(d *rules.Input, s rules.Input) { d.Interviewers = s.Interviewers },
		"decision-by": func(d *rules.Input, s rules.Input) { d.DecisionBy = s.DecisionBy },
		"rejected":    func(d *rules.Input, s rules.Input) { d.Rejected = s.Rejected },
		"offer":       func(d *rules.Input, s rules.Input) { d.Offer = s.Offer },
		"withdrew":    func(d *rules.Input, s rules.Input) { d.Withdrew = s.Withdrew },
		"next-round":  func(d *rules.Input, s rules.Input) { d.NextRound = s.NextRound },
		"company":     func(d *rules.Input, s rules.Input) { d.Company = s.Company },
		"role":        func(d *rules.Input, s rules.Input) { d.Role = s.Role },
		"sent":        func(d *rules.Input, s rules.Input) { d.Facts.Sent = s.Facts.Sent },
		"skipped":     func(d *rules.Input, s rules.Input) { d.Facts.Skipped = s.Facts.Skipped },
		"replied":     func(d *rules.Input, s rules.Input) { d.Facts.Replied = s.Facts.Replied },
	}
}

// parseFacts reads the --sent, --skipped and --replied values into facts.
func parseFacts(sent, skipped, replied []string) (rules.Facts, error) {
	var f rules.Facts
	for _, v := range sent {
		who, at, ok := cutLast(v, "=")
		if !ok {
			return f, fmt.Errorf("--sent %q: want STEP[:NAME]=YYYY-MM-DDTHH:MM, e.g. thank-you:Ana=2026-03-12T17:30", v)
		}
		step, to, _ := strings.Cut(who, ":")
		f.Sent = append(f.Sent, rules.Sent{Step: step, To: to, At: at})
	}
	for _, v := range skipped {
		step, to, _ := strings.Cut(v, ":")
		f.Skipped = append(f.Skipped, rules.Skipped{Step: step, To: to})
	}
	for _, v := range replied {
		on, by, _ := strings.Cut(v, "=")
		f.Replied = append(f.Replied, rules.Replied{On: on, DecisionBy: by})
	}
	return f, nil
}

// cutLast is strings.Cut at the last sep: a name may hold a "=", a time never does.
func cutLast(s, sep string) (before, after string, found bool) {
	i := strings.LastIndex(s, sep)
	if i < 0 {
		return s, "", false
	}
	return s[:i], s[i+len(sep):], true
}

const planHelp = "plan --interview YYYY-MM-DDTHH:MM [--ends HH:MM] [--interviewer NAME]... [--decision-by DATE] [--rejected DATE | --offer DATE | --withdrew DATE | --next-round DATE] " +
	"[--sent STEP[:NAME]=TIME]... [--skipped STEP[:NAME]]... [--replied DATE[=NEW-DECISION-DATE]]... [--today TIME] [--company TEXT] [--role TEXT] " +
	"[--from FILE [--id ID]] [--weekend monday|same-day] [--linkedin-limit N] [--region CODE] [--format text|json|ics] [--tz ZONE] [--now YYYY-MM-DDTHH:MMZ] [-s DIR]"

func runPlan(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var (
		in                     rules.Input
		interviewers           stringList
		sent, skipped, replied stringList
		format, tz, now        string
		source, from, id       string
	)
	fs := newFlagSet("plan", planHelp, stderr)
	both := func(p *string, long, short, usage string) {
		fs.StringVar(p, long, "", usage)
		if short != "" {
			fs.StringVar(p, short, "", usage)
		}
	}
	both(&in.Interview, "interview", "i", "when the interview started, local time: YYYY-MM-DDTHH:MM")
	both(&in.Ends, "ends", "", "when it ended that day, HH:MM (default: the start plus the site's interview_length, 1 hour); what follows counts from the end")
	const nameUsage = "an interviewer's name; repeat for each person met"
	fs.Var(&interviewers, "interviewer", nameUsage)
	fs.Var(&interviewers, "n", nameUsage)
	both(&in.DecisionBy, "decision-by", "", "the date they said they would decide by: YYYY-MM-DD")
	both(&in.Rejected, "rejected", "", "when a rejection arrived: YYYY-MM-DD or YYYY-MM-DDTHH:MM")
	both(&in.Offer, "offer", "", "when an offer arrived: YYYY-MM-DD or YYYY-MM-DDTHH:MM")
	both(&in.Withdrew, "withdrew", "", "when you decided to withdraw: YYYY-MM-DD or YYYY-MM-DDTHH:MM")
	both(&in.NextRound, "next-round", "", "when they invited you to another round: YYYY-MM-DD or YYYY-MM-DDTHH:MM; this round's chasers end, and the next round is planned as an interview of its own")
	fs.Var(&sent, "sent", "a step you sent, STEP[:NAME]=YYYY-MM-DDTHH:MM, e.g. thank-you:Ana=2026-03-12T17:30; without :NAME, to every interviewer; repeatable")
	fs.Var(&skipped, "skipped", "a step you chose not to send, STEP[:NAME], e.g. linkedin:Ana; repeatable")
	fs.Var(&replied, "replied", "they answered on YYYY-MM-DD, with a new decision date as =YYYY-MM-DD or none; repeatable, the latest counts")
	both(&in.Today, "today", "", "now, YYYY-MM-DDTHH:MM, which gives each step its status (default: now on this machine)")
	both(&in.Company, "company", "", "the company, shown in the text output")
	both(&in.Role, "role", "", "the role, shown in the text output")
	both(&from, "from", "", "read the interview from FILE, the companion's export (docs/companion.md); the flags given replace the file's values")
	both(&id, "id", "", "with --from, the interview's id (needed when the file holds several)")
	both(&in.Weekend, "weekend", "", "when the thank-you would spill into the weekend: monday (arrive Monday morning) or same-day (default: the site's policy)")
	both(&in.Region, "region", "", "the region whose public holidays are not business days, e.g. GB-ENG, one of the site's [timeline] regions (default: the site's region)")
	fs.IntVar(&in.LinkedInLimit, "linkedin-limit", 0, "the LinkedIn note limit in characters, e.g. 300 with Premium (default: the site's policy)")
	const formatUsage = "output: text, json (the browser engine's contract) or ics (a calendar file)"
	fs.StringVar(&format, "format", "text", formatUsage)
	fs.StringVar(&format, "f", "text", formatUsage)
	both(&tz, "tz", "", "the time zone the plan's times are in, for --format ics, e.g. Europe/London (default: the machine's); the file gives them in UTC")
	both(&now, "now", "", "the export time for --format ics, YYYY-MM-DDTHH:MMZ in UTC: the events' DTSTAMP and SEQUENCE (default: now)")
	both(&source, "source", "s", "the site's folder, holding site.toml (default: the nearest folder from the current one up that has site.toml, else the built-in site)")
	if err := parseFlags(fs, args, 0); err != nil {
		return err
	}
	in.Interviewers = interviewers
	facts, err := parseFacts(sent, skipped, replied)
	if err != nil {
		return usageError{err}
	}
	in.Facts = facts
	given := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { given[f.Name] = true })
	given["interview"] = given["interview"] || given["i"]
	given["interviewer"] = given["interviewer"] || given["n"]
	if id != "" && from == "" {
		return usageError{errors.New("--id is only used with --from FILE")}
	}
	if from != "" {
		fileIn, picked, err := readCompanion(from, id)
		if err != nil {
			return usageError{err}
		}
		id = picked
		for name, set := range planFlagFields() {
			if given[name] {
				set(&fileIn, in)
			}
		}
		// The region, like the weekend policy, is the visitor's own, never an interview's.
		fileIn.Weekend, fileIn.LinkedInLimit, fileIn.Today, fileIn.Region = in.Weekend, in.LinkedInLimit, in.Today, in.Region
		in = fileIn
	}
	if in.Today == "" {
		in.Today = time.Now().Format("2006-01-02T15:04")
	}
	switch format {
	case "text", "json", "ics":
	default:
		return usageError{fmt.Errorf("--format %q: use text, json or ics", format)}
	}
	var zone *time.Location
	exported := time.Now()
	if format == "ics" {
		if zone, err = planZone(tz); err != nil {
			return usageError{err}
		}
		if now != "" {
			if exported, err = time.Parse("2006-01-02T15:04Z", now); err != nil {
				return usageError{fmt.Errorf("--now %q: want YYYY-MM-DDTHH:MMZ, in UTC, e.g. 2026-03-14T09:30Z", now)}
			}
		}
	} else if now != "" {
		return usageError{errors.New("--now is only used with --format ics")}
	}

	src, _, err := resolveSite(source, stderr)
	if err != nil {
		return err
	}
	report := func(err error) error {
		if n := diag.Count(err); len(diag.All(err)) > 0 {
			fmt.Fprint(stderr, diag.Report(err))
			return reportedError{n}
		}
		return err
	}
	// The site's configuration names the calendar files' maker. A site.toml that does not
	// load is reported once, here, as build does, before the rules read it again.
	cfg, _, err := config.Load(src.Own())
	if err != nil {
		return report(err)
	}
	r, _, err := rules.Load(src.Own())
	if err != nil {
		return report(err)
	}
	r.Calendar = rules.CalendarOf(cfg)
	p, err := r.Plan(in)
	if err != nil {
		var ie *rules.InputError
		if errors.As(err, &ie) {
			name := planFlagName(ie.Field)
			flagName := strings.Fields(name)[0]
			if _, inFile := planFlagFields()[flagName]; from != "" && inFile && !given[flagName] {
				return usageError{fmt.Errorf("%s, interview %q: %s: %s", from, id, ie.Field, ie.Message())}
			}
			return usageError{fmt.Errorf("--%s: %s", name, ie.Message())}
		}
		return err
	}
	var out []byte
	switch format {
	case "json":
		out, err = p.JSON()
	case "ics":
		opt := rules.ICSOptions{Zone: zone, Now: exported, Key: id, Pages: templatePages(cfg.BaseURL, r, in, p)}
		if in.HasOutcome() {
			// An outcome drops steps an earlier export had: send them as cancelled.
			if before, err := r.Plan(in.WithoutOutcome()); err == nil {
				opt.Cancel = rules.Dropped(before, p)
			}
		}
		out, err = rules.ICS(r, in, p, opt)
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

// The companion's export file: its format, and the limits of docs/companion.md.
const (
	companionFormat  = "followup-playbook/companion"
	companionVersion = 3 // 3 adds applications, each interview a round of one (named by its application's company and role); 2 carries the log of changes beside the interviews it gives; 1, the interviews alone
	companionMax     = 1 << 20
	maxInterviews    = 200
	maxInterviewers  = 20
	maxFacts         = 500
	maxText          = 200
)

// companionFile is the part of the export file a plan needs; other keys are ignored.
type companionFile struct {
	Format     string `json:"format"`
	Version    int    `json:"version"`
	Interviews []struct {
		ID           string `json:"id"`
		Company      string `json:"company"`
		Role         string `json:"role"`
		Interview    string `json:"interview"`
		Ends         string `json:"ends"`
		Interviewers []struct {
			Name string `json:"name"`
		} `json:"interviewers"`
		DecisionBy string      `json:"decisionBy"`
		Rejected   string      `json:"rejected"`
		Offer      string      `json:"offer"`
		Withdrew   string      `json:"withdrew"`
		NextRound  string      `json:"nextRound"` // absent from files written before it
		Facts      rules.Facts `json:"facts"`
	} `json:"interviews"`
}

// readCompanion reads interview id (or the only one) of the export file at path, which is
// untrusted: its size, its types and its counts are checked, and each mistake names the
// field.
// It returns the input and the interview's id.
func readCompanion(path, id string) (rules.Input, string, error) {
	f, err := os.Open(path)
	if err != nil {
		return rules.Input{}, "", fmt.Errorf("--from: %w", err)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, companionMax+1))
	if err != nil {
		return rules.Input{}, "", fmt.Errorf("--from %s: %w", path, err)
	}
	if len(data) > companionMax {
		return rules.Input{}, "", fmt.Errorf("%s is larger than %d bytes; an export file is at most 1 MiB", path, companionMax)
	}
	var doc companionFile
	if err := json.Unmarshal(data, &doc); err != nil {
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) {
			return rules.Input{}, "", fmt.Errorf("%s: %s: want %s, not %s", path, te.Field, te.Type, te.Value)
		}
		return rules.Input{}, "", fmt.Errorf("%s is not a companion export file: %v", path, err)
	}
	switch {
	case doc.Format != companionFormat:
		return rules.Input{}, "", fmt.Errorf("%s: format %q: want %q, the companion's export file", path, doc.Format, companionFormat)
	case doc.Version > companionVersion:
		return rules.Input{}, "", fmt.Errorf("%s: version %d is newer than this playbook reads (%d); update playbook", path, doc.Version, companionVersion)
	case doc.Version < 1:
		return rules.Input{}, "", fmt.Errorf("%s: version %d: this playbook reads versions 1 to %d; export the file again from the companion", path, doc.Version, companionVersion)
	case len(doc.Interviews) == 0:
		return rules.Input{}, "", fmt.Errorf("%s holds no interview", path)
	case len(doc.Interviews) > maxInterviews:
		return rules.Input{}, "", fmt.Errorf("%s: interviews: %d, more than %d", path, len(doc.Interviews), maxInterviews)
	}
	ids := make([]string, len(doc.Interviews))
	k := -1
	for i, iv := range doc.Interviews {
		ids[i] = iv.ID
		if iv.ID == id || id == "" && len(doc.Interviews) == 1 {
			k = i
		}
	}
	if k < 0 {
		if id == "" {
			return rules.Input{}, "", fmt.Errorf("%s holds %d interviews: give --id, one of %s", path, len(ids), strings.Join(ids, ", "))
		}
		return rules.Input{}, "", fmt.Errorf("%s has no interview %q; its ids are %s", path, id, strings.Join(ids, ", "))
	}
	iv := doc.Interviews[k]
	field := fmt.Sprintf("%s: interviews.%d.", path, k)
	if n := len(iv.Facts.Sent) + len(iv.Facts.Skipped) + len(iv.Facts.Replied); n > maxFacts {
		return rules.Input{}, "", fmt.Errorf("%sfacts: %d facts, more than %d", field, n, maxFacts)
	}
	if len(iv.Interviewers) > maxInterviewers {
		return rules.Input{}, "", fmt.Errorf("%sinterviewers: %d, more than %d", field, len(iv.Interviewers), maxInterviewers)
	}
	in := rules.Input{Interview: iv.Interview, Ends: iv.Ends, DecisionBy: iv.DecisionBy, Rejected: iv.Rejected, Offer: iv.Offer, Withdrew: iv.Withdrew,
		NextRound: iv.NextRound, Company: iv.Company, Role: iv.Role, Facts: iv.Facts}
	for _, p := range iv.Interviewers {
		in.Interviewers = append(in.Interviewers, p.Name)
	}
	for name, v := range map[string]string{"company": in.Company, "role": in.Role} {
		if n := utf8.RuneCountInString(v); n > maxText {
			return rules.Input{}, "", fmt.Errorf("%s%s: %d characters, more than %d", field, name, n, maxText)
		}
	}
	return in, iv.ID, nil
}

// planZone loads the zone for calendar output: --tz, else $TZ, else the zone
// /etc/localtime links to; without any, an error asks for --tz. "floating" is refused:
// Outlook misreads floating times, so every file is written in UTC.
func planZone(tz string) (*time.Location, error) {
	if tz == "floating" {
		return nil, errors.New("--tz floating: calendar files are written in UTC now, since Outlook misreads floating times; give the zone the plan's times are in, e.g. Europe/London")
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
	loc, err := time.LoadLocation(strings.TrimPrefix(name, ":"))
	if name == "" || err != nil {
		return nil, errors.New("--format ics: this machine's time zone is unknown; give --tz, e.g. --tz Europe/London")
	}
	return loc, nil
}
