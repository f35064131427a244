package rules

import (
	"maps"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"github.com/followup-playbook/playbook/generator/load/rules/civil"
	"github.com/followup-playbook/playbook/generator/load/rules/holidays"
)

// Input is what the visitor tells us, with the names and forms of the calculator's fields,
// of the companion's plan input (docs/companion.md) and of the shared test vectors. Dates
// are YYYY-MM-DD; times are YYYY-MM-DDTHH:MM, local.
type Input struct {
	// Interview is when the interview started (required, a date and time).
	Interview string `json:"interview"`
	// Ends is when it ended that day, HH:MM; without it, it lasts the policy's
	// interview_length. What follows the interview counts from its end.
	Ends string `json:"ends,omitempty"`
	// Interviewers are the people met, one thank-you each; none means one unnamed.
	Interviewers []string `json:"interviewers"`
	// DecisionBy is the date the employer said they would decide by, if they gave one.
	DecisionBy string `json:"decisionBy"`
	// Rejected, Offer, Withdrew and NextRound (invited to another round) say what happened
	// since, as a date or a date and time; at most one of them. A bare date counts from the
	// start of business hours that day, or from the interview when it was that same day.
	// NextRound is left out of the JSON when empty, so inputs written before it keep their
	// bytes.
	Rejected  string `json:"rejected"`
	Offer     string `json:"offer"`
	Withdrew  string `json:"withdrew"`
	NextRound string `json:"nextRound,omitempty"`
	// Weekend overrides the policy's weekend handling: "monday", "same-day" or "".
	Weekend string `json:"weekend"`
	// LinkedInLimit overrides the policy's LinkedIn note limit (300 with Premium); 0 keeps it.
	LinkedInLimit int `json:"linkedinLimit"`
	// Region is the code of the region whose public holidays are not business days, one
	// the site offers (Policy.Regions); "" is the site's Policy.Region.
	Region string `json:"region,omitempty"`
	// Company and Role are shown in summaries; they change no time.
	Company string `json:"company,omitempty"`
	Role    string `json:"role,omitempty"`
	// Today is now, YYYY-MM-DDTHH:MM local; with it each step has a status, without none.
	Today string `json:"today,omitempty"`
	// Facts are what the candidate recorded since the interview.
	Facts Facts `json:"facts,omitzero"`
}

// WithoutOutcome returns in with no outcome: the plan as it was before the outcome came,
// whose steps the outcome may have dropped (see Dropped).
func (in Input) WithoutOutcome() Input {
	in.Rejected, in.Offer, in.Withdrew, in.NextRound = "", "", "", ""
	return in
}

// HasOutcome reports whether in gives an outcome.
func (in Input) HasOutcome() bool {
	return in.Rejected != "" || in.Offer != "" || in.Withdrew != "" || in.NextRound != ""
}

// Facts are what happened after the interview, as the candidate recorded it.
type Facts struct {
	Sent    []Sent    `json:"sent"`
	Skipped []Skipped `json:"skipped"`
	Replied []Replied `json:"replied"`
}

// Sent says step was sent at At; To names one recipient of a per-interviewer step, and ""
// means every one.
type Sent struct {
	Step string `json:"step"`
	To   string `json:"to,omitempty"`
	At   string `json:"at"`
}

// Skipped says the candidate chose not to send step (to To, or to every recipient).
type Skipped struct {
	Step string `json:"step"`
	To   string `json:"to,omitempty"`
}

// Replied says they answered on a date, with a new decision date or none.
type Replied struct {
	On         string `json:"on"`
	DecisionBy string `json:"decisionBy,omitempty"`
}

// Plan is the answer: the steps in time order and the sentence that ends the plan. Its JSON
// is the contract the browser engine reproduces exactly.
type Plan struct {
	Steps []Step `json:"steps"`
	End   string `json:"end"`
	// Holidays is HolidaysOutside when the plan has a region but runs outside the years
	// whose holidays are known, so that it was planned without them there; else "".
	Holidays string `json:"holidays,omitempty"`
}

// HolidaysOutside is Plan.Holidays for a plan some of whose days are outside the span of
// years whose holidays are known (holidays.First to holidays.Last): on those days public
// holidays count as business days, and the plan must say so.
const HolidaysOutside = "outside"

// Step is one message to send.
type Step struct {
	ID        string `json:"id"`      // the step's kind: "thank-you", "chaser", …
	Message   string `json:"message"` // the template's id
	To        string `json:"to"`      // the interviewer's name, or a role
	Earliest  string `json:"earliest"`
	Suggested string `json:"suggested"`
	Latest    string `json:"latest"`
	Note      string `json:"note"`
	// Status is StatusDone, StatusOverdue, StatusDue or StatusUpcoming; "" without Today.
	Status string `json:"status,omitempty"`
	// Sent is when a done step was sent.
	Sent string `json:"sent,omitempty"`
	// MovedBy are the facts the step's times count from, when any did.
	MovedBy []Moved `json:"movedBy,omitempty"`
}

// Moved names a fact a step counts from: {"fact": "sent", "step", "to"} for the step
// followed, as actually sent (to is the person, for a per-interviewer step),
// {"fact": "overdue", "step", "to"} for the step followed, overdue and not sent, so counted
// from today, or {"fact": "replied", "on"} for the reply that started the chasers afresh.
type Moved struct {
	Fact string `json:"fact"`
	Step string `json:"step,omitempty"`
	To   string `json:"to,omitempty"`
	On   string `json:"on,omitempty"`
}

// The statuses of a step, given today.
const (
	StatusDone     = "done"     // it was sent
	StatusOverdue  = "overdue"  // its latest time has passed and it was not sent
	StatusDue      = "due"      // today is within its window
	StatusUpcoming = "upcoming" // its window has not opened
)

// instance is a step being computed, with civil times.
type instance struct {
	rank, who, round            int // position of the rule in Steps; interviewer index or -1; reply round
	to                          string
	earliest, suggested, latest civil.DateTime
	at                          civil.DateTime // what follows counts from it: when sent, else suggested
	sent                        *fact          // the sent fact, for a done step
	overdue                     bool           // not sent, and today is past latest: at is today
	note                        string
	moved                       []Moved
}

// LastYear is the last year an input date may fall in. A plan runs on from its events by
// waits of at most a year each, so with this bound every date it writes keeps four digits.
const LastYear = 8999

// inRange rejects a date past LastYear for field, whose value is s.
func inRange(field, s string, d civil.Date) error {
	if y, _, _ := d.YMD(); y > LastYear {
		return inputError(field, CodeTooLate, "value", s, "lastYear", strconv.Itoa(LastYear))
	}
	return nil
}

// parseEvent parses a date (counted from the start of business hours, not before the
// interview) or a date and time.
func (r *Rules) parseEvent(field, s string, interview civil.DateTime) (civil.DateTime, error) {
	if civil.HasForm(s, civil.DateForm) {
		d, err := civil.ParseDate(s)
		if err != nil {
			return 0, fromCivil(field, err)
		}
		if d < interview.Date() {
			return 0, inputError(field, CodeBeforeInterview, "value", s, "interview", interview.Date().String())
		}
		if err := inRange(field, s, d); err != nil {
			return 0, err
		}
		return max(d.At(r.pol.start), interview), nil
	}
	if !civil.HasForm(s, civil.DateTimeForm) {
		return 0, inputError(field, CodeNotAnEventTime, "value", s)
	}
	t, err := civil.ParseDateTime(s)
	if err != nil {
		return 0, fromCivil(field, err)
	}
	if t < interview {
		return 0, inputError(field, CodeBeforeInterview, "value", s, "interview", interview.String())
	}
	if err := inRange(field, s, t.Date()); err != nil {
		return 0, err
	}
	return t, nil
}

// situation is the input resolved: event times (the interview's is its end, which what
// follows counts from), the outcome, the interview's start and end, and today.
type situation struct {
	ev         map[string]civil.DateTime
	outcome    string
	start, end civil.DateTime
	today      civil.DateTime
	hasToday   bool
}

// events resolves the input into event times, checking it.
func (r *Rules) events(in Input) (situation, error) {
	if in.Interview == "" {
		return situation{}, inputError("interview", CodeMissing)
	}
	iv, err := civil.ParseDateTime(in.Interview)
	if err != nil {
		return situation{}, fromCivil("interview", err)
	}
	if err := inRange("interview", in.Interview, iv.Date()); err != nil {
		return situation{}, err
	}
	sit := situation{ev: map[string]civil.DateTime{}, start: iv, end: iv.AddMinutes(r.pol.length)}
	if in.Ends != "" {
		c, err := civil.ParseClock(in.Ends)
		if err != nil {
			return situation{}, fromCivil("ends", err)
		}
		if c <= iv.Clock() {
			return situation{}, inputError("ends", CodeEndsBeforeStart, "value", in.Ends, "interview", in.Interview)
		}
		sit.end = iv.Date().At(c)
	}
	ev := sit.ev
	ev[EventInterview] = sit.end
	if in.DecisionBy != "" {
		d, err := r.parseDay("decisionBy", in.DecisionBy, iv)
		if err != nil {
			return situation{}, err
		}
		ev[EventDecisionBy] = d.At(r.pol.start)
	}
	for _, o := range []struct{ event, field, value string }{
		{EventRejected, "rejected", in.Rejected},
		{EventOffer, "offer", in.Offer},
		{EventWithdrew, "withdrew", in.Withdrew},
		{EventNextRound, "nextRound", in.NextRound},
	} {
		if o.value == "" {
			continue
		}
		if sit.outcome != "" {
			return situation{}, inputError(o.field, CodeSecondOutcome, "given", sit.outcome)
		}
		t, err := r.parseEvent(o.field, o.value, iv)
		if err != nil {
			return situation{}, err
		}
		ev[o.event] = t
		sit.outcome = o.event
	}
	for i, n := range in.Interviewers {
		if trimName(n) == "" {
			return situation{}, inputError("interviewers", CodeEmptyName, "number", strconv.Itoa(i+1))
		}
	}
	switch in.Weekend {
	case "", WeekendMonday, WeekendSameDay:
	default:
		return situation{}, inputError("weekend", CodeUnknownWeekend, "value", in.Weekend)
	}
	if in.LinkedInLimit < 0 {
		return situation{}, inputError("linkedinLimit", CodeNegativeLimit, "value", strconv.Itoa(in.LinkedInLimit))
	}
	if in.Region != "" && !slices.Contains(r.pol.regions, in.Region) {
		return situation{}, inputError("region", CodeUnknownRegion, "value", in.Region, "regions", strings.Join(r.pol.regions, ", "))
	}
	if in.Today != "" {
		t, err := civil.ParseDateTime(in.Today)
		if err != nil {
			return situation{}, fromCivil("today", err)
		}
		sit.today, sit.hasToday = t, true
	}
	return sit, nil
}

// parseDay parses a date that may not be before the interview's day nor past LastYear.
func (r *Rules) parseDay(field, s string, interview civil.DateTime) (civil.Date, error) {
	d, err := civil.ParseDate(s)
	if err != nil {
		return 0, fromCivil(field, err)
	}
	if d < interview.Date() {
		return 0, inputError(field, CodeBeforeInterview, "value", s, "interview", interview.Date().String())
	}
	return d, inRange(field, s, d)
}

// trimName trims an interviewer's name of the white space JavaScript's String.prototype.trim
// removes, ECMAScript's WhiteSpace (tab, vertical tab, form feed, U+FEFF and every space
// separator, Zs) and LineTerminator (LF, CR, U+2028, U+2029), so the browser engine trims
// with trim() and the two agree without either imitating the other's library. It differs
// from strings.TrimSpace on U+0085 (kept) and U+FEFF (trimmed).
func trimName(s string) string {
	return strings.TrimFunc(s, func(r rune) bool {
		return unicode.Is(unicode.Zs, r) || strings.ContainsRune("\t\v\f\ufeff\n\r\u2028\u2029", r)
	})
}

// fact is a sent or skipped fact, checked.
type fact struct {
	field string         // its place in the input, e.g. "facts.sent.0"
	step  string         // the step's id
	to    string         // the person, trimmed; "" for every recipient
	at    civil.DateTime // when it was sent; skipped facts have none
	sent  bool
	round int  // the replies before it (see replies); a skip of a chaser is in the last round
	used  bool // it matched a step of the plan
}

// reply is a replied fact: when it counts from, and the new decision date, if any.
type reply struct {
	on         civil.Date
	at         civil.DateTime
	decisionBy civil.Date
	hasDate    bool
}

// facts are the input's facts, checked: sent and skipped by key (see factKey), in input
// order, and the replies by date.
type facts struct {
	list    []*fact
	byKey   map[string]*fact
	replies []reply
}

// factKey is the key of the fact of step to person to in reply round k.
func factKey(step, to string, k int) string { return step + "\x00" + to + "\x00" + strconv.Itoa(k) }

// recipients returns whom step s goes to in a plan: the interviewers, or its role.
func recipients(s *StepRule, names []string) []string {
	if s.PerInterviewer && len(names) > 0 {
		return names
	}
	return []string{s.To}
}

// readFacts checks the facts against the rules and the situation: the sent ones, the
// skipped ones, the replies, then that no step is given twice for a person and round.
func (r *Rules) readFacts(in Input, sit situation, names []string, rounds []bool) (facts, error) {
	fs := facts{byKey: map[string]*fact{}}
	step := func(field, id, to string) (*StepRule, string, error) {
		i, ok := r.index[id]
		if !ok {
			return nil, "", inputError(field+".step", CodeUnknownStep, "value", id)
		}
		s := &r.Steps[i]
		t := trimName(to)
		if t != "" && !slices.Contains(recipients(s, names), t) {
			return nil, "", inputError(field+".to", CodeUnknownPerson, "value", to, "step", id)
		}
		return s, t, nil
	}
	for i, f := range in.Facts.Sent {
		field := "facts.sent." + strconv.Itoa(i)
		_, to, err := step(field, f.Step, f.To)
		if err != nil {
			return fs, err
		}
		t, err := civil.ParseDateTime(f.At)
		if err != nil {
			return fs, fromCivil(field+".at", err)
		}
		if err := inRange(field+".at", f.At, t.Date()); err != nil {
			return fs, err
		}
		if t < sit.end {
			return fs, inputError(field+".at", CodeFactBeforeInterview, "value", f.At, "ends", sit.end.String())
		}
		if sit.hasToday && t > sit.today {
			return fs, inputError(field+".at", CodeAfterToday, "value", f.At, "today", in.Today)
		}
		fs.list = append(fs.list, &fact{field: field, step: f.Step, to: to, at: t, sent: true})
	}
	for i, f := range in.Facts.Skipped {
		field := "facts.skipped." + strconv.Itoa(i)
		_, to, err := step(field, f.Step, f.To)
		if err != nil {
			return fs, err
		}
		fs.list = append(fs.list, &fact{field: field, step: f.Step, to: to})
	}
	for i, f := range in.Facts.Replied {
		field := "facts.replied." + strconv.Itoa(i)
		d, err := r.parseDay(field+".on", f.On, sit.start)
		if err != nil {
			return fs, err
		}
		if sit.hasToday && d > sit.today.Date() {
			return fs, inputError(field+".on", CodeAfterToday, "value", f.On, "today", in.Today)
		}
		rp := reply{on: d, at: max(d.At(r.pol.start), sit.end)}
		if f.DecisionBy != "" {
			if rp.decisionBy, err = r.parseDay(field+".decisionBy", f.DecisionBy, sit.start); err != nil {
				return fs, err
			}
			rp.hasDate = true
		}
		fs.replies = append(fs.replies, rp)
	}
	// By date; of replies on the same day, the one given last counts.
	sort.SliceStable(fs.replies, func(a, b int) bool { return fs.replies[a].on < fs.replies[b].on })
	for _, f := range fs.list {
		if rounds[r.index[f.step]] {
			switch {
			case !f.sent:
				f.round = len(fs.replies)
			default:
				for _, rp := range fs.replies {
					if rp.on < f.at.Date() {
						f.round++
					}
				}
			}
		}
		k := factKey(f.step, f.to, f.round)
		if fs.byKey[k] != nil {
			return fs, inputError(f.field+".step", CodeConflictingFacts, "step", f.step, "to", f.to)
		}
		fs.byKey[k] = f
	}
	return fs, nil
}

// Plan computes the follow-up plan for in. The only errors are *InputError values.
//
// Each reply starts the chasers afresh: the chasers, and the steps following them (round
// steps), are planned once per reply round, round 0 before the first reply and round k
// after the k-th. Of every round but the last only its sent chasers are kept; the other
// steps are round 0's.
func (r *Rules) Plan(in Input) (Plan, error) {
	sit, err := r.events(in)
	if err != nil {
		return Plan{}, err
	}
	region := r.Policy.Region
	if in.Region != "" {
		region = in.Region
	}
	// The rules are shared and read-only; the region is this plan's, so it plans with a
	// copy whose policy knows the region's holidays.
	local := *r
	local.pol = r.pol.forRegion(region)
	r = &local
	weekend := r.Policy.Weekend
	if in.Weekend != "" {
		weekend = in.Weekend
	}
	limit := r.Policy.LinkedInLimit
	if in.LinkedInLimit > 0 {
		limit = in.LinkedInLimit
	}
	names := make([]string, len(in.Interviewers))
	for i, n := range in.Interviewers {
		names[i] = trimName(n)
	}
	// A round step is a chaser or follows one.
	rounds := make([]bool, len(r.Steps))
	for _, i := range r.order {
		j, ok := r.index[r.Steps[i].After]
		rounds[i] = r.Steps[i].Chaser || ok && rounds[j]
	}
	fs, err := r.readFacts(in, sit, names, rounds)
	if err != nil {
		return Plan{}, err
	}

	var all []instance
	last := len(fs.replies)
	contact := sit.end // the latest contact before the round: a reply, or a chaser sent
	for k := 0; k <= last; k++ {
		ev := sit.ev
		var moved []Moved
		if k > 0 {
			rp := fs.replies[k-1]
			ev = maps.Clone(sit.ev)
			delete(ev, EventDecisionBy)
			if rp.hasDate {
				ev[EventDecisionBy] = rp.decisionBy.At(r.pol.start)
			}
			contact = max(contact, rp.at)
			moved = []Moved{{Fact: "replied", On: rp.on.String()}}
		}
		for _, inst := range r.planRound(ev, sit, fs, names, rounds, k, contact, moved, weekend, limit) {
			if rounds[inst.rank] && (k == last || inst.sent != nil) || !rounds[inst.rank] && k == 0 {
				all = append(all, inst)
			}
			if rounds[inst.rank] && inst.sent != nil {
				contact = max(contact, inst.at)
			}
		}
	}
	for _, f := range fs.list {
		if !f.used {
			return Plan{}, inputError(f.field+".step", CodeNotInPlan, "step", f.step, "to", f.to)
		}
	}
	sort.Slice(all, func(a, b int) bool {
		x, y := all[a], all[b]
		if x.suggested != y.suggested {
			return x.suggested < y.suggested
		}
		if x.rank != y.rank {
			return x.rank < y.rank
		}
		if x.round != y.round {
			return x.round < y.round
		}
		return x.who < y.who
	})
	p := Plan{Steps: make([]Step, 0, len(all)), End: Ends()[sit.outcome]}
	// Every day the plan looked at lies from the interview's to the latest step's last.
	lastDay := sit.start.Date()
	for _, inst := range all {
		lastDay = max(lastDay, inst.latest.Date())
	}
	if region != "" && !(holidays.InSpan(sit.start.Date()) && holidays.InSpan(lastDay)) {
		p.Holidays = HolidaysOutside
	}
	for _, inst := range all {
		s := r.Steps[inst.rank]
		st := Step{
			ID: s.ID, Message: s.Message, To: inst.to,
			Earliest: inst.earliest.String(), Suggested: inst.suggested.String(), Latest: inst.latest.String(),
			Note: inst.note, MovedBy: inst.moved,
		}
		switch {
		case inst.sent != nil:
			st.Sent = inst.sent.at.String()
			if sit.hasToday {
				st.Status = StatusDone
			}
		case !sit.hasToday:
		case sit.today > inst.latest:
			st.Status, st.Note = StatusOverdue, r.Policy.OverdueNote
		case sit.today >= inst.earliest:
			st.Status = StatusDue
		default:
			st.Status = StatusUpcoming
		}
		p.Steps = append(p.Steps, st)
	}
	return p, nil
}

// planRound places every step for reply round k with events ev, in dependency order.
// A round step that follows no round step counts, after a reply, from the latest contact
// at least, and was moved by that reply. A step that follows one overdue and not sent
// counts from today.
func (r *Rules) planRound(ev map[string]civil.DateTime, sit situation, fs facts, names []string, rounds []bool, k int, contact civil.DateTime, moved []Moved, weekend string, limit int) []instance {
	// The first max_chasers chaser rules, in step order, are allowed.
	allowed := make([]bool, len(r.Steps))
	chasers := 0
	for i, s := range r.Steps {
		allowed[i] = !s.Chaser || chasers < r.Policy.MaxChasers
		if s.Chaser {
			chasers++
		}
	}

	done := make(map[string][]instance, len(r.Steps))
	var all []instance
	for _, i := range r.order {
		if !allowed[i] {
			continue
		}
		s := &r.Steps[i]
		// The anchors: one event time, or the instances of the step followed.
		var anchors []instance
		if t, ok := ev[s.After]; ok {
			anchors = []instance{{who: -1, at: t}}
		} else if isEvent(s.After) {
			continue // the event did not happen
		} else {
			anchors = done[s.After]
		}
		if len(anchors) == 0 {
			continue
		}
		round := 0
		if rounds[i] {
			round = k
		}
		for who, to := range recipients(s, names) {
			if !s.PerInterviewer {
				who = -1
			}
			from, ok := anchorFor(anchors, who)
			if !ok {
				continue
			}
			a := from.at
			var mv []Moved
			if from.sent != nil || from.overdue {
				m := Moved{Fact: "sent", Step: r.Steps[from.rank].ID}
				if from.overdue {
					m.Fact = "overdue"
				}
				if from.who >= 0 || r.Steps[from.rank].PerInterviewer {
					m.To = from.to
				}
				mv = append(mv, m)
			}
			if j, ok := r.index[s.After]; k > 0 && rounds[i] && !(ok && rounds[j]) {
				// The reply started the round and gave its decision date; the step followed
				// still counts only if it is later than the latest contact.
				if contact > a {
					a, mv = contact, nil
				}
				mv = append(mv, moved...)
			}
			inst := r.place(s, a, ev, weekend, limit)
			inst.rank, inst.who, inst.to, inst.round, inst.moved, inst.at = i, who, to, round, mv, inst.suggested
			f := fs.byKey[factKey(s.ID, to, round)]
			if f == nil {
				f = fs.byKey[factKey(s.ID, "", round)]
			}
			if f != nil {
				f.used = true
				if !f.sent {
					continue // skipped: dropped, and nothing counts from it
				}
				inst.sent, inst.at = f, f.at
			} else {
				by := inst.suggested
				if sit.hasToday {
					by = max(by, sit.today)
				}
				if dropped(s, ev, by) {
					continue
				}
				if sit.hasToday && sit.today > inst.latest {
					inst.overdue, inst.at = true, sit.today
				}
			}
			done[s.ID] = append(done[s.ID], inst)
			all = append(all, inst)
		}
	}
	return all
}

// dropped reports whether one of s's unless events happened by t. A step sent is never
// dropped: it happened.
func dropped(s *StepRule, ev map[string]civil.DateTime, t civil.DateTime) bool {
	for _, u := range s.Unless {
		if e, ok := ev[u]; ok && e <= t {
			return true
		}
	}
	return false
}

// anchorFor returns the instance that the instance for interviewer who (-1: not per
// person) counts from: the same person's when the anchors are per person, else the
// latest (the first of the latest, when several are).
func anchorFor(anchors []instance, who int) (instance, bool) {
	if who >= 0 && anchors[0].who >= 0 {
		for _, a := range anchors {
			if a.who == who {
				return a, true
			}
		}
		return instance{}, false
	}
	best := anchors[0]
	for _, a := range anchors[1:] {
		if a.at > best.at {
			best = a
		}
	}
	return best, true
}

// place computes one step's times from its anchor a; see the package doc for the rules.
func (r *Rules) place(s *StepRule, a civil.DateTime, ev map[string]civil.DateTime, weekend string, limit int) instance {
	pol := r.pol
	note := s.note
	vars := map[string]string{
		"before": civil.FormatClock(pol.mondayBefore),
		"limit":  strconv.Itoa(limit),
	}
	for k, d := range map[string]*Duration{"wait": s.Wait, "within": s.Within, "wait_without": s.WaitWithout, "suggest_after": s.SuggestAfter} {
		if d != nil {
			vars[k] = d.String()
		}
	}

	earliest := a
	if s.Wait != nil {
		earliest = pol.add(a, *s.Wait)
	}
	if s.DayAfter != "" {
		if t, ok := ev[s.DayAfter]; ok {
			earliest = max(earliest, pol.nextBusinessDay(t.Date()+1).At(pol.start))
			vars["day_after"] = t.Date().String()
		} else {
			if s.WaitWithout != nil {
				earliest = pol.add(a, *s.WaitWithout)
			}
			if s.NoteWithout != "" {
				note = s.noteWithout
			}
		}
	}
	aim := earliest
	if s.SuggestAfter != nil {
		aim = max(aim, pol.add(a, *s.SuggestAfter))
	}
	// No window opens on a non-business day.
	if !pol.isBusinessDay(earliest.Date()) {
		earliest = pol.nextBusinessDay(earliest.Date()).At(pol.start)
	}
	suggested := pol.nextBusiness(max(aim, earliest))
	var latest civil.DateTime
	switch {
	case s.Within == nil:
		latest = suggested.Date().At(pol.end)
	default:
		latest = pol.add(a, *s.Within)
		// The weekend policy applies when the aim spills over a non-business day.
		if first, ok := pol.firstNonBusiness(aim.Date(), suggested.Date()); s.Weekend && weekend == WeekendMonday && ok {
			day := pol.nextBusinessDay(first)
			suggested, latest = day.At(pol.start), day.At(pol.mondayBefore)
			if s.NoteWeekend != "" {
				note = s.noteWeekend
			}
			break
		}
		if suggested > latest {
			latest = suggested.Date().At(pol.end)
		}
	}
	if s.Chaser {
		// A chaser's window is its business day; it goes in the morning.
		day := suggested.Date()
		earliest = max(day.At(pol.start), a)
		suggested, latest = max(day.At(pol.chaserTime), earliest), day.At(pol.end)
	}
	vars["day"] = civil.WeekdayName(suggested.Date().Weekday())
	return instance{earliest: earliest, suggested: suggested, latest: latest, note: note.Fill(vars)}
}

// firstNonBusiness returns the first day from..to (inclusive) that is not a business day.
func (c compiledPolicy) firstNonBusiness(from, to civil.Date) (civil.Date, bool) {
	for d := from; d <= to; d++ {
		if !c.isBusinessDay(d) {
			return d, true
		}
	}
	return 0, false
}
