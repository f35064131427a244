// Package rules turns the timing rules written in the message files, and the site's
// [timeline] policy, into a follow-up plan: what to send, to whom and when, after an
// interview.
//
// # Where the rules live
//
// Every number and every dependency comes from TOML: each content/messages/<id>.toml that
// is a step of the plan has a [timing] table, and site.toml's [timeline] table holds the
// policy (see Policy). The engine only knows how to apply those keys, so the same rules
// can be exported with JSON as /rules.json and applied again by static/js/timeline.js.
// Each key's meaning and default is the doc tag of its field, in messages.Timing and
// Policy: `playbook help timing` and docs/reference.md print them (package
// generator/reference), so they are written once.
//
// Events are the things the visitor tells us about: interview (a date and time),
// decision-by (a date), rejected, offer, withdrew and next-round (invited to another round;
// a date, or a date and time). An outcome ends the interview's own steps that name it in
// unless: next-round ends its chasers, and the next round is planned as an interview of its
// own, with its own thank-you notes and the chasers from then on. A step
// whose anchor is an event that did not happen, or a step that was dropped, is not in the
// plan. A step following a per-interviewer step from a single step is anchored at the
// latest of them; a per-interviewer step following another is anchored at the same
// person's.
//
// # Earliest, suggested, latest
//
// The interview event is the interview's end: Input.Ends, else its start plus the policy's
// interview_length. Each step of a plan has three times, all civil local YYYY-MM-DDTHH:MM:
//
//   - earliest is the first moment the step is right: the anchor plus wait, and for a step
//     with day_after, no sooner than the first business day after that event. It is never
//     before the anchor, and never on a non-business day (then it is the start of business
//     hours on the next business day), but it may fall outside business hours.
//   - suggested is when to send: the first business moment (a business day, within
//     business hours; the end of business hours itself is outside them) at or after the
//     aim, which is earliest, or anchor + suggest_after when that is later. It is never
//     before the aim, but for a chaser (below).
//   - latest is the end of the window: anchor + within. A step without within, or one
//     whose window closes before its suggested time, has until the end of business hours
//     on its suggested day.
//
// A chaser (chaser = true) is a matter of days, not hours: its window is the business day
// it falls on, from the start of business hours (or its anchor, when later that day) to
// their end, and it is suggested at the policy's chaser_time that day (or at its earliest,
// when later). So a chaser whose wait ends at 17:30 is suggested that morning, not for the
// last half-hour of the day.
//
// Under the "monday" weekend policy, a step with weekend = true whose aim spills over a
// non-business day (one lies from the aim's day to the suggested day) is written over the
// weekend and suggested for the start of business hours on the first business day after
// it, with latest at the policy's monday_before. So a Friday morning interview's note goes
// on Friday, and a Friday evening's on Monday. Under "same-day" the normal window applies.
//
// The first max_chasers chaser steps (in step order) are kept; later ones and the steps
// following them are left out. The chaser and second chaser go to the hiring manager only,
// as the sources advise: it is who decides, and writing to everyone reads as pressure.
//
// Steps are ordered by suggested time, then by step order (the message's weight, then the
// step id), then by reply round, then by the order the interviewers were given.
//
// # Facts and today
//
// Input.Facts are what the candidate recorded. A sent step (to one person, or to every
// recipient when no person is named; a person's own fact wins) is done: it stays in the
// plan with its times, is never dropped by unless, and what follows it counts from when it
// was sent. A skipped step is dropped, and nothing counts from it. A reply starts the
// chasers afresh: the chasers and the steps following them are planned again for every
// reply (max_chasers counting from it), with the reply's decision date in place of the
// old one, or none, and counting from the latest contact (the reply, at the start of
// business hours that day, or a chaser sent before it); the chasers sent before a reply
// stay in the plan as done, the others are replaced. A chaser sent on or before a reply's
// day belongs before it. Facts that cannot be are InputErrors: an unknown step or person,
// a step not in the plan, a step given twice, a time before the interview's end or after
// today.
//
// With Input.Today each step has a status: done, overdue (today is past its latest; its
// note becomes the policy's overdue_note), due (today is within its window) or upcoming.
// A step overdue and not sent will be sent today at the soonest, so what follows it counts
// from today (and is never suggested before it); its movedBy says so. A step not sent is
// also dropped by an unless event that happened by today, not only by its suggested time:
// an outcome that came while it was late ends it.
//
// # Civil time
//
// The engine works on the calendar (package civil): "7 days" is 7 calendar days at the same
// wall-clock time, whatever the daylight-saving rules, so the plan is the same in every
// time zone. A zone is only used to write calendar files (ICS).
package rules

import (
	"errors"
	"fmt"
	"io/fs"
	"regexp"
	"sort"
	"strings"

	"github.com/followup-playbook/playbook/generator/internal/strictoml"
	"github.com/followup-playbook/playbook/generator/load/messages"
)

// The events a plan is computed from.
const (
	EventInterview  = "interview"
	EventDecisionBy = "decision-by"
	EventRejected   = "rejected"
	EventOffer      = "offer"
	EventWithdrew   = "withdrew"
	EventNextRound  = "next-round"
)

// Events lists every event a timing rule may name.
func Events() []string {
	return []string{EventInterview, EventDecisionBy, EventRejected, EventOffer, EventWithdrew, EventNextRound}
}

// Ends returns the sentence that closes a plan, by outcome: "" when nothing has happened
// since the interview (the chasers ran out), else the outcome event's name.
func Ends() map[string]string {
	return map[string]string{
		"":             "no reply: move on",
		EventRejected:  "rejected: reply, ask for feedback, and move on",
		EventOffer:     "offer received: no more chasers",
		EventWithdrew:  "withdrawn: no more chasers",
		EventNextRound: "invited to another round: its chasers end here; plan the next round as an interview of its own",
	}
}

// StepRule is one compiled [timing] table: a kind of step in the plan.
type StepRule struct {
	ID             string
	Message        string // the message id, the template to use
	Title          string // the message's title
	To             string
	PerInterviewer bool
	After          string
	Wait           *Duration // nil when not set
	SuggestAfter   *Duration
	Within         *Duration
	Weekend        bool
	DayAfter       string
	WaitWithout    *Duration
	Unless         []string
	Chaser         bool
	Alternative    string
	Note           string
	NoteWeekend    string
	NoteWithout    string

	note, noteWeekend, noteWithout messages.Template
	timing                         *messages.Timing // as written, for the figures of bad durations
	// lostAnchor is set when after names nothing or closes a loop: the step it was meant
	// to follow is not known, so neither is the name of its min-after figure.
	lostAnchor bool
}

// Rules is the policy and the step rules compiled from the messages, ready to plan with.
type Rules struct {
	Policy Policy
	// Calendar names who makes the calendar files (ICS); whoever loads the rules for a
	// site sets it from the site's configuration (CalendarOf). Zero: DefaultCalendar.
	Calendar Calendar
	// Steps are in step order: by message weight, then step id.
	Steps []StepRule

	pol   compiledPolicy
	index map[string]int // step id → position in Steps
	order []int          // Steps in dependency order, for evaluation
	// unknown are the steps that may be defined in a message whose [timing] could not be
	// read or whose step did not compile (see Compile), sorted.
	unknown []string
	ok      bool // compiled without a problem
}

// NoteVars lists the placeholders a note may use, and what each is replaced by.
func NoteVars() map[string]string {
	return map[string]string{
		"within":        "the step's within, e.g. \"24 hours\"",
		"wait":          "the step's wait",
		"wait_without":  "the step's wait_without",
		"suggest_after": "the step's suggest_after",
		"before":        "the policy's monday_before, e.g. \"10:00\"",
		"day":           "the weekday of the suggested time, e.g. \"Monday\"",
		"limit":         "the LinkedIn note limit in effect, e.g. \"200\"",
		"day_after":     "the date of the step's day_after event, YYYY-MM-DD",
	}
}

var stepID = regexp.MustCompile(`^[a-z][a-z0-9]*(-[a-z0-9]+)*$`)

func isEvent(s string) bool {
	for _, e := range Events() {
		if e == s {
			return true
		}
	}
	return false
}

// Load reads the site's policy from site.toml's [timeline] table (the default policy when
// the file or the table is absent) and its messages, and compiles the rules. It returns the
// messages too, for pages that show them. With problems it still loads everything that is
// good: the policy with its defaults where a key is bad, every message that has an id
// (messages.Load), and the rules as Compile returns them.
func Load(fsys fs.FS) (*Rules, []*messages.Message, error) {
	p, perr := LoadPolicy(fsys)
	msgs, merr := messages.Load(fsys, p.MessageOptions())
	r, cerr := Compile(p, msgs)
	return r, msgs, errors.Join(perr, merr, cerr)
}

// Compile checks every [timing] table of msgs against the others and the policy, and
// returns the rules. Problems in the tables are *diag.Error values pointing at their keys.
//
// With problems the rules are returned too, for Figures and nothing else (they cannot
// plan): every step that compiled, compiled with the policy's defaults where the policy has
// a mistake. A figure whose value could not be read stands in for it (a bad duration as
// written, "…" for a step of a message whose [timing] could not be read), and a rule naming
// such a step is not reported: its only problem is the one already reported.
func Compile(p Policy, msgs []*messages.Message) (*Rules, error) {
	var errs []error
	pol, probs := p.compile()
	if len(probs) > 0 {
		for _, pr := range probs {
			errs = append(errs, fmt.Errorf("site.toml [timeline]: %s", pr.msg))
		}
		p = p.Usable()
		pol, _ = p.compile()
	}
	r := &Rules{Policy: p, pol: pol, index: map[string]int{}}
	byID := map[string]*messages.Message{}
	for _, m := range msgs {
		byID[m.ID] = m
	}
	owner := map[string]*messages.Message{} // step id → message
	unknown := map[string]bool{}            // steps that may be in a message not read
	var timed []*messages.Message
	for _, m := range msgs {
		if m.Timing == nil {
			if m.Unread {
				unknown[m.ID] = true
				if s := writtenStep(m.Src); s != "" {
					unknown[s] = true
				}
			}
			continue
		}
		s := m.Timing.Step
		var err error
		switch {
		case s == "":
			err = m.At("timing", "[timing] has no step", `add step = "..." naming the plan step, e.g. "thank-you"`)
		case !stepID.MatchString(s):
			err = m.At("timing.step", fmt.Sprintf("step %q is not a valid step id", s), "use lowercase words joined by -")
		case isEvent(s):
			err = m.At("timing.step", fmt.Sprintf("step %q has the name of an event", s), "events are "+strings.Join(Events(), ", ")+"; name the step differently")
		case owner[s] != nil:
			err = m.At("timing.step", fmt.Sprintf("step %q is already the timing of %s", s, owner[s].Path), "each step belongs to one message; rename one")
		}
		if err != nil {
			errs = append(errs, err)
			unknown[m.ID] = true // the step it was meant to be is most likely named after it
			continue
		}
		owner[s] = m
		timed = append(timed, m)
	}
	for s := range owner {
		delete(unknown, s)
	}
	// msgs are sorted by weight then id, so timed steps are in step order already.
	for _, m := range timed {
		sr, err := compileStep(m, byID, owner, unknown)
		errs = append(errs, err)
		r.index[sr.ID] = len(r.Steps)
		r.Steps = append(r.Steps, sr)
	}
	r.unknown = sortedKeys(unknown)
	errs = append(errs, r.sortByDependency(owner))
	err := errors.Join(errs...)
	r.ok = err == nil
	return r, err
}

// writtenStep returns the value of the step key under [timing] as written in src, a file
// that could not be decoded, or "".
func writtenStep(src []byte) string {
	line, _ := strictoml.KeyPos(src, "timing.step")
	if line == 0 {
		return ""
	}
	l := strings.Split(string(src), "\n")[line-1]
	if m := writtenString.FindStringSubmatch(l); m != nil {
		return m[1]
	}
	return ""
}

var writtenString = regexp.MustCompile(`=\s*"([^"\\]*)"`)

func compileStep(m *messages.Message, byID, owner map[string]*messages.Message, unknown map[string]bool) (StepRule, error) {
	t := m.Timing
	var errs []error
	add := func(key, msg, hint string) { errs = append(errs, m.At("timing."+key, msg, hint)) }
	sr := StepRule{
		ID: t.Step, Message: m.ID, Title: m.Title, To: t.To, PerInterviewer: t.PerInterviewer,
		After: t.After, Weekend: t.Weekend, DayAfter: t.DayAfter, Unless: t.Unless, Chaser: t.Chaser,
		Alternative: t.Alternative, Note: t.Note, NoteWeekend: t.NoteWeekend, NoteWithout: t.NoteWithout,
		timing: t,
	}
	if strings.TrimSpace(t.To) == "" {
		add("step", fmt.Sprintf("step %q has no recipient", t.Step), `add to = "the hiring manager" (or, with per_interviewer = true, the fallback "your interviewer")`)
	}
	events := strings.Join(Events(), ", ")
	switch {
	case t.After == "":
		add("step", fmt.Sprintf("step %q does not say what it follows", t.Step), "add after = \"interview\" or the id of another step")
	case !isEvent(t.After) && owner[t.After] == nil && !unknown[t.After]:
		hint := "use an event (" + events + ") or a step id: " + strings.Join(sortedKeys(owner), ", ")
		if near := strictoml.Suggest(t.After, append(Events(), sortedKeys(owner)...)); near != "" {
			hint = fmt.Sprintf("did you mean after = %q?", near)
		}
		add("after", fmt.Sprintf("after = %q names no event or step", t.After), hint)
		sr.lostAnchor = true
	}
	dur := func(key, v string) *Duration {
		if v == "" {
			return nil
		}
		d, err := ParseDuration(v)
		if err != nil {
			add(key, err.Error(), "")
			return nil
		}
		return &d
	}
	sr.Wait = dur("wait", t.Wait)
	sr.SuggestAfter = dur("suggest_after", t.SuggestAfter)
	sr.Within = dur("within", t.Within)
	sr.WaitWithout = dur("wait_without", t.WaitWithout)
	if t.Weekend && t.Within == "" {
		add("weekend", "weekend = true needs a within window to check against the weekend", "add within = \"24 hours\", or remove weekend")
	}
	if t.DayAfter != "" && !isEvent(t.DayAfter) {
		hint := "use one of " + events
		if near := strictoml.Suggest(t.DayAfter, Events()); near != "" {
			hint = fmt.Sprintf("did you mean day_after = %q?", near)
		}
		add("day_after", fmt.Sprintf("day_after = %q names no event", t.DayAfter), hint)
	}
	if t.WaitWithout != "" && t.DayAfter == "" {
		add("wait_without", "wait_without is only used with day_after", "add day_after = \"decision-by\", or remove wait_without")
	}
	for _, u := range t.Unless {
		if !isEvent(u) {
			hint := "use events from " + events
			if near := strictoml.Suggest(u, Events()); near != "" {
				hint = fmt.Sprintf("did you mean %q?", near)
			}
			add("unless", fmt.Sprintf("unless names %q, which is no event", u), hint)
		}
	}
	if t.Alternative != "" && byID[t.Alternative] == nil {
		hint := "use the id of a file in content/messages"
		if near := strictoml.Suggest(t.Alternative, sortedKeys(byID)); near != "" {
			hint = fmt.Sprintf("did you mean alternative = %q?", near)
		}
		add("alternative", fmt.Sprintf("alternative = %q names no message", t.Alternative), hint)
	}
	note := func(key, text string, allowed func(string) bool) messages.Template {
		if strings.Contains(text, "{{<") {
			add(key, "a note takes its figures as placeholders, not {{< rule KEY >}}", "use "+strings.Join(sortedKeys(NoteVars()), ", "))
			return messages.Template{}
		}
		tpl, err := messages.Parse(text)
		if err != nil {
			add(key, "bad placeholder in "+key+": "+err.Error(), "")
			return tpl
		}
		for _, name := range tpl.Names() {
			if !allowed(name) {
				add(key, fmt.Sprintf("{%s} cannot be used in %s", name, key), "notes may use "+strings.Join(sortedKeys(NoteVars()), ", ")+", where the step sets the key they show")
			}
		}
		return tpl
	}
	has := func(name string) bool {
		switch name {
		case "within":
			return t.Within != ""
		case "wait":
			return t.Wait != ""
		case "wait_without":
			return t.WaitWithout != ""
		case "suggest_after":
			return t.SuggestAfter != ""
		case "before", "day", "limit":
			return true
		}
		return false
	}
	if strings.TrimSpace(t.Note) == "" {
		add("step", fmt.Sprintf("step %q has no note", t.Step), "add note = \"...\", the one-line reason shown in the plan")
	}
	sr.note = note("note", t.Note, func(n string) bool { return has(n) || (n == "day_after" && t.DayAfter != "") })
	if t.NoteWeekend != "" && !t.Weekend {
		add("note_weekend", "note_weekend is only used with weekend = true", "remove it, or set weekend = true")
	}
	sr.noteWeekend = note("note_weekend", t.NoteWeekend, func(n string) bool { return has(n) || (n == "day_after" && t.DayAfter != "") })
	if t.NoteWithout != "" && t.DayAfter == "" {
		add("note_without", "note_without is only used with day_after", "remove it, or add day_after")
	}
	sr.noteWithout = note("note_without", t.NoteWithout, has)
	return sr, errors.Join(errs...)
}

// sortByDependency orders the steps so that each comes after the step it follows, and
// reports every cycle at the "after" key of each step in it.
func (r *Rules) sortByDependency(owner map[string]*messages.Message) error {
	const (
		unvisited = iota
		visiting
		done
	)
	state := make([]int, len(r.Steps))
	var errs []error
	var path []int
	var visit func(i int)
	visit = func(i int) {
		switch state[i] {
		case done:
			return
		case visiting:
			// path holds the chain that led back here; report the cycle once, from i.
			start := 0
			for k, j := range path {
				if j == i {
					start = k
				}
			}
			var names []string
			for _, j := range path[start:] {
				names = append(names, r.Steps[j].ID)
			}
			names = append(names, r.Steps[i].ID)
			chain := strings.Join(names, " → ")
			for _, j := range path[start:] {
				r.Steps[j].lostAnchor = true
				m := owner[r.Steps[j].ID]
				errs = append(errs, m.At("timing.after", fmt.Sprintf("step %q depends on itself: %s", r.Steps[j].ID, chain),
					"a step must follow an event or an earlier step; break the loop"))
			}
			return
		}
		state[i] = visiting
		path = append(path, i)
		if j, ok := r.index[r.Steps[i].After]; ok {
			visit(j)
		}
		path = path[:len(path)-1]
		state[i] = done
		r.order = append(r.order, i)
	}
	for i := range r.Steps {
		visit(i)
	}
	return errors.Join(errs...)
}

// OK reports whether the rules compiled without a problem: only then can they plan (and be
// exported for the browser's engine). Rules with problems serve Figures alone.
func (r *Rules) OK() bool { return r.ok }

// Regions are the codes of the regions a visitor may pick, as /rules.json's policy.regions
// lists them: the site's order, its own Region first.
func (r *Rules) Regions() []string { return append([]string{}, r.pol.regions...) }

// Step returns the rule of the step with id, and whether there is one.
func (r *Rules) Step(id string) (StepRule, bool) {
	i, ok := r.index[id]
	if !ok {
		return StepRule{}, false
	}
	return r.Steps[i], true
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
