package rules_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"math/rand/v2"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/followup-playbook/playbook/generator/diag"
	"github.com/followup-playbook/playbook/generator/load/rules"
	"github.com/followup-playbook/playbook/generator/load/rules/civil"
)

// RequireNodeEnv turns a missing node into a failure rather than a skip; CI sets it.
const RequireNodeEnv = "PLAYBOOK_REQUIRE_NODE"

var (
	paritySeed  = flag.Uint64("parity.seed", 0, "seed of TestParityWithBrowserEngine's random inputs (0: a new one)")
	parityCases = flag.Int("parity.n", 600, "how many random inputs TestParityWithBrowserEngine compares")
)

// nodeZones are the TZ values the browser engine runs under, one batch of inputs each: its
// plans must not depend on the zone.
var nodeZones = []string{"UTC", "America/Los_Angeles", "Europe/London", "Asia/Kolkata", "Pacific/Auckland"}

// nodeRunner reads {rules, cases} on stdin and prints, for each case, the browser engine's
// plan JSON and calendar files, or its input error: field, code and args, which is the
// contract; the wording is each engine's own, and only has to exist.
const nodeRunner = `
import { plan, planJSON, withoutOutcome, InputError } from %q;
import { message } from %q;
import { ics, dropped } from %q;
let data = '';
for await (const chunk of process.stdin) data += chunk;
const { rules, cases } = JSON.parse(data);
process.stdout.write(JSON.stringify(cases.map(c => {
  const r = rules[c.rules];
  try {
    const p = plan(r, c.input);
    const o = { zone: Intl.DateTimeFormat().resolvedOptions().timeZone, now: new Date(c.now), key: c.key, pages: c.page ? p.steps.map(s => c.page + s.id) : [] };
    if (c.cancel) {
      try { o.cancel = dropped(plan(r, withoutOutcome(c.input)), p); } catch (e) { if (!(e instanceof InputError)) throw e; }
    }
    return { plan: planJSON(p), ics: ics(r, c.input, p, o), one: p.steps.length ? ics(r, c.input, p, { ...o, cancel: [], only: c.one %% p.steps.length }) : '' };
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    if (message(e.code, e.args) === e.code) throw Error('no wording for ' + e.code);
    return { error: { field: e.field, code: e.code, args: e.args } };
  }
})));
`

type parityCase struct {
	Rules int         `json:"rules"`
	Input rules.Input `json:"input"`
	One   int         `json:"one"` // which step to write alone as a calendar file
	// The calendar's options: the export time (RFC 3339), the interview's key, the
	// template pages' prefix, and whether to cancel what the outcome dropped.
	Now    string `json:"now"`
	Key    string `json:"key"`
	Page   string `json:"page"`
	Cancel bool   `json:"cancel"`
}

type parityResult struct {
	Plan  string            `json:"plan"`
	ICS   string            `json:"ics"`
	One   string            `json:"one"`
	Error *rules.InputError `json:"error"`
}

// TestParityWithBrowserEngine runs the Go engine and static/js/timeline.js (with
// calendar.js) on the same random inputs, under several policies and time zones, and
// requires the same bytes of plan JSON and calendar files, and the same input errors
// (field, code and args).
// A failure prints the seed; rerun with -parity.seed=N to get the same inputs.
func TestParityWithBrowserEngine(t *testing.T) {
	node, err := exec.LookPath("node")
	if err != nil {
		if os.Getenv(RequireNodeEnv) != "" {
			t.Fatalf("node not found, and %s is set: install Node.js", RequireNodeEnv)
		}
		t.Skipf("SKIPPED PARITY TEST: node not found (install Node.js); set %s=1 to make this a failure", RequireNodeEnv)
	}
	base, msgs, err := rules.Load(os.DirFS("testdata/site"))
	if err != nil {
		t.Fatalf("loading the fixture's rules:\n%s", diag.Report(err))
	}
	var rs []*rules.Rules
	var docs []json.RawMessage
	for i, p := range parityPolicies(base.Policy) {
		r, err := rules.Compile(p, msgs)
		if err != nil {
			t.Fatalf("policy %+v: %v", p, err)
		}
		if i%2 == 1 {
			// Every other site has a brand, with a name TEXT must escape and "/" a
			// PRODID cannot hold: both engines name the maker alike.
			r.Calendar = rules.Calendar{Name: "Acme; Careers, Ltd/Ü\\", Domain: "example-agency.com"}
		}
		doc, err := rules.JSON(r)
		if err != nil {
			t.Fatal(err)
		}
		rs, docs = append(rs, r), append(docs, doc)
	}

	seed := *paritySeed
	if seed == 0 {
		seed = uint64(time.Now().UnixNano())
	}
	rng := rand.New(rand.NewPCG(seed, 1))
	cases := make([]parityCase, *parityCases)
	for i := range cases {
		c := parityCase{Rules: rng.IntN(len(rs)), Input: randomInput(rng), One: rng.IntN(8),
			Now:    time.Unix(rng.Int64N(4e9), 0).UTC().Format(time.RFC3339),
			Key:    []string{"", "a1b2c3", "Ünï;code,"}[rng.IntN(3)],
			Page:   []string{"", "https://example.test/templates/é?x=1;y=2#"}[rng.IntN(2)],
			Cancel: rng.IntN(2) == 0}
		if rng.IntN(3) > 0 {
			c.Input = randomFacts(rng, rs[c.Rules], c.Input)
		}
		cases[i] = c
	}

	var got []parityResult
	for z, zone := range nodeZones {
		lo, hi := z*len(cases)/len(nodeZones), (z+1)*len(cases)/len(nodeZones)
		out, err := runNode(node, zone, docs, cases[lo:hi])
		if err != nil {
			t.Fatalf("seed %d: running the browser engine with TZ=%s: %v", seed, zone, err)
		}
		if len(out) != hi-lo {
			t.Fatalf("seed %d: %d results for %d inputs", seed, len(out), hi-lo)
		}
		got = append(got, out...)
	}

	plans, errs, failures, withFacts := 0, 0, 0, 0
	codes, statuses, moved, ends := map[string]bool{}, map[string]bool{}, map[string]bool{}, map[string]bool{}
	tally := map[string]int{}
	for i, c := range cases {
		zone, err := time.LoadLocation(nodeZones[i*len(nodeZones)/len(cases)])
		if err != nil {
			t.Fatal(err)
		}
		want := goResult(t, rs[c.Rules], c, zone)
		if want.Error != nil {
			errs++
			codes[want.Error.Code] = true
			tally[want.Error.Code]++
		} else {
			plans++
			var p rules.Plan
			if err := json.Unmarshal([]byte(want.Plan), &p); err != nil {
				t.Fatal(err)
			}
			ends[p.End] = true
			for _, s := range p.Steps {
				statuses[s.Status] = true
				for _, m := range s.MovedBy {
					moved[m.Fact] = true
				}
			}
			f := c.Input.Facts
			if len(f.Sent)+len(f.Skipped)+len(f.Replied) > 0 {
				withFacts++
			}
		}
		if !reflect.DeepEqual(got[i], want) {
			failures++
			in, _ := json.Marshal(c.Input)
			t.Errorf("seed %d, case %d (policy %d, TZ=%s), input %s:\n%s", seed, i, c.Rules, nodeZones[i*len(nodeZones)/len(cases)], in, diffResult(got[i], want))
			if failures >= 5 {
				t.Fatalf("seed %d: stopping after %d differences; rerun with -parity.seed=%d", seed, failures, seed)
			}
		}
	}
	if failures > 0 {
		t.Logf("rerun with: go test ./generator/load/rules -run Parity -parity.seed=%d", seed)
	}
	// The generator must exercise both paths, or the comparison proves little.
	if plans < len(cases)/2 || errs < len(cases)/20 || len(codes) < 16 || withFacts < len(cases)/4 || len(statuses) < 5 || len(moved) < 3 || len(ends) < len(rules.Ends()) {
		t.Errorf("seed %d: %d plans (%d with facts, statuses %v, moved by %v, ends %v) and %d input errors (%d codes) out of %d inputs; the generator is unbalanced",
			seed, plans, withFacts, statuses, moved, ends, errs, len(codes), len(cases))
	}
	t.Logf("seed %d: %d plans, %d of them with facts; %d input errors of %d codes: %v", seed, plans, withFacts, errs, len(codes), tally)
}

// goResult is what the browser engine must produce for c.
func goResult(t *testing.T, r *rules.Rules, c parityCase, zone *time.Location) parityResult {
	t.Helper()
	p, err := r.Plan(c.Input)
	var ie *rules.InputError
	if errors.As(err, &ie) {
		return parityResult{Error: ie}
	}
	if err != nil {
		t.Fatalf("input %+v: %v", c.Input, err)
	}
	b, err := p.JSON()
	if err != nil {
		t.Fatal(err)
	}
	now, err := time.Parse(time.RFC3339, c.Now)
	if err != nil {
		t.Fatal(err)
	}
	opt := rules.ICSOptions{Zone: zone, Now: now, Key: c.Key}
	if c.Page != "" {
		for _, s := range p.Steps {
			opt.Pages = append(opt.Pages, c.Page+s.ID)
		}
	}
	alone := opt
	if c.Cancel {
		if before, err := r.Plan(c.Input.WithoutOutcome()); err == nil {
			opt.Cancel = rules.Dropped(before, p)
		}
	}
	cal, err := rules.ICS(r, c.Input, p, opt)
	if err != nil {
		t.Fatal(err)
	}
	res := parityResult{Plan: string(b), ICS: string(cal)}
	if n := len(p.Steps); n > 0 {
		one, err := rules.ICS(r, c.Input, p, alone)
		if err != nil {
			t.Fatal(err)
		}
		res.One = oneEvent(string(one), c.One%n)
	}
	return res
}

// oneEvent keeps only the k-th VEVENT of a calendar file, the browser's "this step only".
func oneEvent(cal string, k int) string {
	const begin, end = "BEGIN:VEVENT\r\n", "END:VEVENT\r\n"
	head, rest, _ := strings.Cut(cal, begin)
	events := strings.SplitAfter(begin+rest, end) // each with its BEGIN line
	return head + events[k] + "END:VCALENDAR\r\n"
}

func runNode(node, zone string, docs []json.RawMessage, cases []parityCase) ([]parityResult, error) {
	abs, err := filepath.Abs("../../../static/js")
	if err != nil {
		return nil, err
	}
	mod := func(name string) string {
		return (&url.URL{Scheme: "file", Path: filepath.ToSlash(filepath.Join(abs, name))}).String()
	}
	in, err := json.Marshal(map[string]any{"rules": docs, "cases": cases})
	if err != nil {
		return nil, err
	}
	cmd := exec.Command(node, "--input-type=module", "-e", fmt.Sprintf(nodeRunner, mod("timeline.js"), mod("inputerror.js"), mod("calendar.js")))
	cmd.Env = append(os.Environ(), "TZ="+zone)
	cmd.Stdin = bytes.NewReader(in)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("%v\n%s", err, stderr.String())
	}
	var res []parityResult
	if err := json.Unmarshal(out, &res); err != nil {
		return nil, fmt.Errorf("reading node's output: %v", err)
	}
	return res, nil
}

// diffResult names each part that differs, from its first differing line on.
func diffResult(got, want parityResult) string {
	var b strings.Builder
	errText := func(e *rules.InputError) string {
		b, _ := json.Marshal(e)
		return string(b)
	}
	for _, f := range []struct{ name, got, want string }{
		{"error", errText(got.Error), errText(want.Error)},
		{"plan", got.Plan, want.Plan}, {"ics", got.ICS, want.ICS}, {"one-step ics", got.One, want.One},
	} {
		if f.got == f.want {
			continue
		}
		g, w := strings.SplitAfter(f.got, "\n"), strings.SplitAfter(f.want, "\n")
		i := 0
		for i < len(g) && i < len(w) && g[i] == w[i] {
			i++
		}
		fmt.Fprintf(&b, "%s, from line %d:\n  browser %q\n  go      %q\n", f.name, i+1,
			strings.Join(g[i:min(len(g), i+3)], ""), strings.Join(w[i:min(len(w), i+3)], ""))
	}
	return b.String()
}

// parityPolicies are the site's policy and variations on every key the engine reads.
func parityPolicies(p rules.Policy) []rules.Policy {
	sunThu := p
	sunThu.BusinessDays = []string{"sunday", "monday", "tuesday", "wednesday", "thursday"}
	sunThu.DayStart, sunThu.DayEnd, sunThu.MondayBefore, sunThu.ChaserTime = "09:30", "17:15", "11:00", "10:45"
	sunThu.Weekend, sunThu.MaxChasers = rules.WeekendSameDay, 1
	sunThu.Region = "GB-SCT"
	everyDay := p
	everyDay.BusinessDays = []string{"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
	everyDay.DayStart, everyDay.DayEnd, everyDay.MondayBefore, everyDay.ChaserTime = "00:00", "24:00", "24:00", "23:59"
	everyDay.MaxChasers = 0
	oneDay := p
	oneDay.BusinessDays = []string{"wednesday"}
	oneDay.DayStart, oneDay.DayEnd, oneDay.MondayBefore, oneDay.ChaserTime = "07:00", "08:00", "07:01", "07:00"
	oneDay.MaxChasers, oneDay.LinkedInLimit = 5, 250
	oneDay.Region, oneDay.Regions = "US", []string{"US", "GB-ENG", "GB-SCT", "DE"}
	return []rules.Policy{p, p, sunThu, everyDay, oneDay}
}

// randomInput makes an input the way visitors and the vectors do, leaning on the edges:
// month and year ends, leap days, weekends, late evenings, the end of business hours, and
// a share of mistakes of every kind the engine reports.
func randomInput(rng *rand.Rand) rules.Input {
	pick := func(s ...string) string { return s[rng.IntN(len(s))] }
	var day civil.Date
	switch rng.IntN(5) {
	case 3: // the holiday seasons of the years whose holidays are known, and the years around
		y := 2024 + rng.IntN(7)
		day = civil.DateOf(y, []int{1, 4, 5, 8, 11, 12}[rng.IntN(6)], 1) + civil.Date(rng.IntN(31))
	case 0: // anywhere from 1990 to 2070
		day = civil.DateOf(1990, 1, 1) + civil.Date(rng.IntN(80*365))
	case 1: // the last days of a month
		y, m := 1999+rng.IntN(110), 1+rng.IntN(12)
		day = civil.DateOf(y, m, civil.DaysIn(y, m)-rng.IntN(4))
	case 2: // around 29 February, in leap, common and century years, and the last years allowed
		y := []int{2024, 2027, 2028, 2000, 2100, 1900, 2400, 8996, 8999, 9000}[rng.IntN(10)]
		day = civil.DateOf(y, 2, 25) + civil.Date(rng.IntN(8))
	default: // the weeks when clocks change, in 2026
		month := []int{3, 4, 9, 10, 11}[rng.IntN(5)]
		day = civil.DateOf(2026, month, 1) + civil.Date(rng.IntN(31))
	}
	minute := rng.IntN(24 * 60)
	if rng.IntN(3) == 0 {
		minute = []int{0, 7*60 + 59, 8 * 60, 9*60 + 30, 15 * 60, 17*60 + 59, 18 * 60, 19*60 + 30, 22 * 60, 23*60 + 59}[rng.IntN(10)]
	}
	iv := day.At(minute)
	in := rules.Input{Interview: iv.String()}

	names := []string{"Priya", "Tom Baker", "Zoë Ødegård", "李雷", " Ana ", "\u00a0Bo\u3000", "\ufeffBOM", "O'Brien <b>&amp;", "Line\u2028Sep", "Tab\there", "\u0085Nel", "Émile, Jr.; \"Q\"", "\u0085", "\u200b", "\u180eMv", "x\u2029"}
	for n := rng.IntN(5); n > 0; n-- {
		in.Interviewers = append(in.Interviewers, names[rng.IntN(len(names))])
	}
	if rng.IntN(10) == 0 {
		in.Interviewers = []string{}
	}
	if rng.IntN(2) == 0 {
		in.DecisionBy = (day + civil.Date(rng.IntN(45))).String()
	}
	later := func() string {
		t := iv.AddMinutes(rng.IntN(50 * 24 * 60))
		if rng.IntN(2) == 0 {
			return t.Date().String()
		}
		return t.String()
	}
	switch rng.IntN(7) {
	case 0:
		in.Rejected = later()
	case 1:
		in.Offer = later()
	case 2:
		in.Withdrew = later()
	case 3:
		in.NextRound = later()
	}
	in.Weekend = pick("", "", "monday", "same-day")
	// The regions of the fixture site, none (the policy's), and rarely one no policy offers.
	in.Region = pick("", "", "US", "GB-ENG", "GB-SCT", "IE", "CA", "AU", "NZ", "DE", "FR", "NL")
	if rng.IntN(40) == 0 {
		in.Region = "XX"
	}
	if rng.IntN(4) == 0 {
		in.LinkedInLimit = 300
	}

	// About one input in six carries a mistake.
	if rng.IntN(6) == 0 {
		bad := pick("", "2026-02-29T10:00", "2027-02-29", "2026-13-01T10:00", "2026-04-31T09:00", "2026-03-12 15:00",
			"2026-03-12T24:00", "2026-03-12T23:60", "2026-03-12T7:00", "26-03-12T10:00", "0999-12-31T10:00",
			"２０２６-03-12T15:00", "2026-03-1éT15:0", "2026-03-12T15:00Z", "2026-03-12T15:00:00", "2026-03-12", "12/03/2026",
			"2026-03-12T\t5:00", "2026-03-12T-1:00", "+2026-03-12T1:00", "2026-0é-1T15:00", "2026-03-1é", "9000-01-01T00:00", "9000-01-01")
		earlier := (iv.Date() - civil.Date(1+rng.IntN(3))).String()
		switch rng.IntN(9) {
		case 0:
			in.Interview = bad
		case 1:
			in.DecisionBy = pick(bad, earlier)
		case 2:
			in.Rejected = pick(bad, earlier, iv.AddMinutes(-1).String())
		case 3:
			in.Offer = pick(bad, earlier)
		case 4:
			in.Withdrew = pick(bad, iv.AddMinutes(-rng.IntN(600)-1).String())
		case 5:
			in.Rejected, in.Withdrew = later(), later()
			if rng.IntN(2) == 0 {
				in.Rejected, in.NextRound = "", pick(bad, earlier)
			}
		case 6:
			in.Interviewers = append(in.Interviewers, pick("", " ", "\u3000\t", "\u2028", "\ufeff", "\u202f\u205f\u1680\u2000\u200a\v\f\r\n"))
		case 7:
			in.Weekend = pick("Monday", "sunday", "same day", "x\x00\u00ad\U0001F600\x7f")
		default:
			in.LinkedInLimit = -1 - rng.IntN(300)
		}
	}
	return in
}

// randomFacts adds to in an end, a today and a sequence of facts, drawn from in's own plan
// so that most of them fit it: steps sent around their suggested times (before and after
// today, across clock-change weekends when the interview is near one), skipped, replies
// with and without a new decision date; and a share of facts that cannot be, of every
// kind the engine reports.
func randomFacts(rng *rand.Rand, r *rules.Rules, in rules.Input) rules.Input {
	iv, err := civil.ParseDateTime(in.Interview)
	if err != nil {
		return in
	}
	if rng.IntN(3) == 0 && iv.Clock() < 23*60 {
		in.Ends = civil.FormatClock(iv.Clock() + 1 + rng.IntN(24*60-iv.Clock()))
	}
	pick := func(s ...string) string { return s[rng.IntN(len(s))] }
	// Facts follow the plan as it is, then again as they move it, so chasers after a
	// reply and second chasers after a chaser sent get their turn.
	for round := 0; round < 1+rng.IntN(3); round++ {
		p, err := r.Plan(in)
		if err != nil || len(p.Steps) == 0 {
			break
		}
		// One fact for a step and person; after a skip, what follows waits for the next
		// plan, where it is gone.
		seen := map[string]bool{}
	steps:
		for _, s := range p.Steps {
			if s.Sent != "" || rng.IntN(3) == 0 {
				continue
			}
			to := ""
			if sr, _ := r.Step(s.ID); sr.PerInterviewer && len(in.Interviewers) > 0 && rng.IntN(4) > 0 {
				to = s.To
			}
			if seen[s.ID] || seen[s.ID+"\x00"+to] {
				continue
			}
			seen[s.ID+"\x00"+to] = true
			if to == "" {
				seen[s.ID] = true
			}
			switch rng.IntN(5) {
			case 0:
				in.Facts.Skipped = append(in.Facts.Skipped, rules.Skipped{Step: s.ID, To: to})
				break steps
			default:
				g, _ := civil.ParseDateTime(s.Suggested)
				end, _ := civil.ParseDateTime(s.Earliest)
				at := max(g.AddMinutes(rng.IntN(4*24*60)-24*60), end)
				in.Facts.Sent = append(in.Facts.Sent, rules.Sent{Step: s.ID, To: to, At: at.String()})
			}
		}
		if rng.IntN(2) == 0 {
			last := iv.Date()
			if n := len(p.Steps); n > 0 {
				t, _ := civil.ParseDateTime(p.Steps[rng.IntN(n)].Suggested)
				last = t.Date()
			}
			rp := rules.Replied{On: (last + civil.Date(rng.IntN(10))).String()}
			if rng.IntN(2) == 0 {
				rp.DecisionBy = (last + civil.Date(rng.IntN(30))).String()
			}
			in.Facts.Replied = append(in.Facts.Replied, rp)
		}
	}
	// Today: mostly after the facts, so they are allowed; sometimes none.
	if rng.IntN(5) > 0 {
		latest := iv
		for _, f := range in.Facts.Sent {
			if t, err := civil.ParseDateTime(f.At); err == nil {
				latest = max(latest, t)
			}
		}
		for _, f := range in.Facts.Replied {
			if d, err := civil.ParseDate(f.On); err == nil {
				latest = max(latest, d.At(0))
			}
		}
		in.Today = latest.AddMinutes(rng.IntN(30 * 24 * 60)).String()
		// A third of the time, today falls inside a pending step's window, so "due" is
		// always among the statuses compared, whatever the seed.
		if p, err := r.Plan(in); err == nil && rng.IntN(3) == 0 {
			for _, s := range p.Steps {
				open, _ := civil.ParseDateTime(s.Earliest)
				shut, _ := civil.ParseDateTime(s.Latest)
				if s.Sent == "" && open >= latest && shut > open {
					in.Today = open.AddMinutes(rng.IntN(int(shut - open))).String()
					break
				}
			}
		}
	}
	if len(in.Facts.Sent) > 0 {
		rng.Shuffle(len(in.Facts.Sent), func(a, b int) { in.Facts.Sent[a], in.Facts.Sent[b] = in.Facts.Sent[b], in.Facts.Sent[a] })
	}

	// About one input in four carries a fact that cannot be.
	if rng.IntN(4) == 0 {
		sent := rules.Sent{Step: "thank-you", At: iv.AddMinutes(180).String()}
		switch rng.IntN(10) {
		case 0:
			sent.Step = pick("", "thanks", "Thank-you", "constructor", "__proto__", "interview")
		case 1:
			sent.To = pick("Nobody", "hiring manager", "\u00a0", "Priya ")
		case 2:
			sent.At = pick("", "2026-03-12", "2026-03-12T24:00", "2026-02-30T10:00", "9000-01-01T10:00", iv.String())
		case 3:
			if in.Today != "" {
				t, _ := civil.ParseDateTime(in.Today)
				sent.At = t.AddMinutes(1 + rng.IntN(600)).String()
			}
		case 4:
			sent.Step = pick("rejection-reply", "withdrawal", "feedback-request")
		case 5:
			in.Facts.Sent = append(in.Facts.Sent, sent)
		case 6:
			in.Facts.Replied = append(in.Facts.Replied, rules.Replied{On: pick((iv.Date() - 1).String(), "2026-13-01", ""), DecisionBy: pick("", "2026-02-30")})
		case 7:
			in.Facts.Replied = append(in.Facts.Replied, rules.Replied{On: iv.Date().String(), DecisionBy: pick((iv.Date() - 3).String(), "20260320", "9000-01-01")})
		case 8:
			in.Ends = pick("4pm", "24:01", "25:00", "", iv.String()[11:], civil.FormatClock(max(iv.Clock()-1-rng.IntN(60), 0)))
		default:
			in.Today = pick("2026-03-12", "now", "2026-03-12T24:00", in.Interview+":00")
		}
		in.Facts.Sent = append(in.Facts.Sent, sent)
	}
	return in
}
