package rules

import (
	"sort"
	"strconv"
	"strings"
	"unicode"

	"github.com/followup-playbook/playbook/generator/load/rules/civil"
)

// Input is what the visitor tells us, with the names and forms of the calculator's fields
// and of the shared test vectors. Dates are YYYY-MM-DD; times are YYYY-MM-DDTHH:MM, local.
type Input struct {
	// Interview is when the interview took place (required, a date and time).
	Interview string `json:"interview"`
	// Interviewers are the people met, one thank-you each; none means one unnamed.
	Interviewers []string `json:"interviewers"`
	// DecisionBy is the date the employer said they would decide by, if they gave one.
	DecisionBy string `json:"decisionBy"`
	// Rejected, Offer and Withdrew say what happened since, as a date or a date and time;
	// at most one of them. A bare date counts from the start of business hours that day,
	// or from the interview when it was that same day.
	Rejected string `json:"rejected"`
	Offer    string `json:"offer"`
	Withdrew string `json:"withdrew"`
	// Weekend overrides the policy's weekend handling: "monday", "same-day" or "".
	Weekend string `json:"weekend"`
	// LinkedInLimit overrides the policy's LinkedIn note limit (300 with Premium); 0 keeps it.
	LinkedInLimit int `json:"linkedinLimit"`
}

// Plan is the answer: the steps in time order and the sentence that ends the plan. Its JSON
// is the contract the browser engine reproduces exactly.
type Plan struct {
	Steps []Step `json:"steps"`
	End   string `json:"end"`
}

// Step is one message to send.
type Step struct {
	ID        string `json:"id"`      // the step's kind: "thank-you", "chaser", …
	Message   string `json:"message"` // the template's id
	To        string `json:"to"`      // the interviewer's name, or a role
	Earliest  string `json:"earliest"`
	Suggested string `json:"suggested"`
	Latest    string `json:"latest"`
	Note      string `json:"note"`
}

// instance is a step being computed, with civil times.
type instance struct {
	rank, who                   int // position of the rule in Steps; interviewer index or -1
	to                          string
	earliest, suggested, latest civil.DateTime
	note                        string
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

// events resolves the input into event times, checking it.
func (r *Rules) events(in Input) (map[string]civil.DateTime, string, error) {
	if in.Interview == "" {
		return nil, "", inputError("interview", CodeMissing)
	}
	iv, err := civil.ParseDateTime(in.Interview)
	if err != nil {
		return nil, "", fromCivil("interview", err)
	}
	if err := inRange("interview", in.Interview, iv.Date()); err != nil {
		return nil, "", err
	}
	ev := map[string]civil.DateTime{EventInterview: iv}
	if in.DecisionBy != "" {
		d, err := civil.ParseDate(in.DecisionBy)
		if err != nil {
			return nil, "", fromCivil("decisionBy", err)
		}
		if d < iv.Date() {
			return nil, "", inputError("decisionBy", CodeBeforeInterview, "value", in.DecisionBy, "interview", iv.Date().String())
		}
		if err := inRange("decisionBy", in.DecisionBy, d); err != nil {
			return nil, "", err
		}
		ev[EventDecisionBy] = d.At(r.pol.start)
	}
	outcome := ""
	for _, o := range []struct{ event, field, value string }{
		{EventRejected, "rejected", in.Rejected},
		{EventOffer, "offer", in.Offer},
		{EventWithdrew, "withdrew", in.Withdrew},
	} {
		if o.value == "" {
			continue
		}
		if outcome != "" {
			return nil, "", inputError(o.field, CodeSecondOutcome, "given", outcome)
		}
		t, err := r.parseEvent(o.field, o.value, iv)
		if err != nil {
			return nil, "", err
		}
		ev[o.event] = t
		outcome = o.event
	}
	for i, n := range in.Interviewers {
		if trimName(n) == "" {
			return nil, "", inputError("interviewers", CodeEmptyName, "number", strconv.Itoa(i+1))
		}
	}
	switch in.Weekend {
	case "", WeekendMonday, WeekendSameDay:
	default:
		return nil, "", inputError("weekend", CodeUnknownWeekend, "value", in.Weekend)
	}
	if in.LinkedInLimit < 0 {
		return nil, "", inputError("linkedinLimit", CodeNegativeLimit, "value", strconv.Itoa(in.LinkedInLimit))
	}
	return ev, outcome, nil
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

// Plan computes the follow-up plan for in. The only errors are *InputError values.
func (r *Rules) Plan(in Input) (Plan, error) {
	ev, outcome, err := r.events(in)
	if err != nil {
		return Plan{}, err
	}
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
			anchors = []instance{{who: -1, suggested: t}}
		} else if isEvent(s.After) {
			continue // the event did not happen
		} else {
			anchors = done[s.After]
		}
		if len(anchors) == 0 {
			continue
		}
		targets := []string{s.To}
		if s.PerInterviewer && len(names) > 0 {
			targets = names
		}
		for who, to := range targets {
			if !s.PerInterviewer {
				who = -1
			}
			a, ok := anchorFor(anchors, who)
			if !ok {
				continue
			}
			inst := r.place(s, a, ev, weekend, limit)
			inst.rank, inst.who, inst.to = i, who, to
			dropped := false
			for _, u := range s.Unless {
				if t, ok := ev[u]; ok && t <= inst.suggested {
					dropped = true
				}
			}
			if dropped {
				continue
			}
			done[s.ID] = append(done[s.ID], inst)
			all = append(all, inst)
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
		return x.who < y.who
	})
	p := Plan{Steps: make([]Step, 0, len(all)), End: Ends()[outcome]}
	for _, inst := range all {
		s := r.Steps[inst.rank]
		p.Steps = append(p.Steps, Step{
			ID: s.ID, Message: s.Message, To: inst.to,
			Earliest: inst.earliest.String(), Suggested: inst.suggested.String(), Latest: inst.latest.String(),
			Note: inst.note,
		})
	}
	return p, nil
}

// anchorFor returns the anchor of the instance for interviewer who (-1: not per person):
// the same person's anchor when the anchors are per person, else the latest anchor.
func anchorFor(anchors []instance, who int) (civil.DateTime, bool) {
	if who >= 0 && anchors[0].who >= 0 {
		for _, a := range anchors {
			if a.who == who {
				return a.suggested, true
			}
		}
		return 0, false
	}
	t := anchors[0].suggested
	for _, a := range anchors[1:] {
		t = max(t, a.suggested)
	}
	return t, true
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
	suggested := pol.nextBusiness(aim)
	var latest civil.DateTime
	switch {
	case s.Within == nil:
		latest = suggested.Date().At(pol.end)
	default:
		latest = pol.add(a, *s.Within)
		if first, ok := pol.firstNonBusiness(earliest.Date(), latest.Date()); s.Weekend && weekend == WeekendMonday && ok {
			day := pol.nextBusinessDay(first)
			suggested, latest = day.At(pol.start), day.At(pol.mondayBefore)
			if s.NoteWeekend != "" {
				note = s.noteWeekend
			}
			break
		}
		if suggested > latest {
			if alt := pol.nextBusiness(earliest); alt <= latest {
				suggested = alt
			} else {
				latest = suggested.Date().At(pol.end)
			}
		}
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
