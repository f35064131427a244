package rules

import (
	"bytes"
	"encoding/json"
	"strconv"
	"strings"

	"github.com/followup-playbook/playbook/generator/load/messages"
	"github.com/followup-playbook/playbook/generator/load/rules/civil"
	"github.com/followup-playbook/playbook/generator/load/rules/holidays"
)

// JSONVersion is the version of the /rules.json format; it changes when a key changes
// meaning or may be left out, so timeline.js can refuse rules it does not understand.
// Version 2 leaves out a step's keys that are unset (false, empty or no duration), which
// keeps the calculator page within its budget; version 3 adds the policy's interviewLength
// (minutes) and overdueNote, which change plans; version 4 adds the policy's region and
// the holidays of the regions offered; version 5 adds the policy's chaserTime (minutes), a
// chaser's window becoming its business day, the next-round event and the overdue rules
// (package doc). The calendar key (who makes the calendar files) may
// be left out and then means what files said before it, so it needed no new version.
const JSONVersion = 5

// jsonRules is the /rules.json document. Times of day are minutes since midnight and
// business days are weekday numbers (0 is Sunday), the units timeline.js computes with.
type jsonRules struct {
	Version  int               `json:"version"`
	Policy   jsonPolicy        `json:"policy"`
	Events   []string          `json:"events"`
	Steps    []jsonStep        `json:"steps"`
	Ends     map[string]string `json:"ends"`
	Holidays jsonHolidays      `json:"holidays"`
	// Calendar is Rules.Calendar, left out when it is DefaultCalendar, as calendar.js
	// assumes then.
	Calendar *jsonCalendar `json:"calendar,omitempty"`
}

type jsonCalendar struct {
	Name   string `json:"name"`
	Domain string `json:"domain"`
}

// jsonHolidays are the public holidays of each region offered, for the years From to To
// (holidays.First and holidays.Last), kept small for the pages' budgets: a region's are a
// string of one group per year, separated by spaces, each the holidays' days in that year
// counted from 1 January (0), two base-36 digits each. "00 00" is 1 January 2025 and 2026.
type jsonHolidays struct {
	From    int               `json:"from"`
	To      int               `json:"to"`
	Regions map[string]string `json:"regions"`
}

type jsonPolicy struct {
	BusinessDays         []int    `json:"businessDays"`
	DayStart             int      `json:"dayStart"`
	DayEnd               int      `json:"dayEnd"`
	Weekend              string   `json:"weekend"`
	MondayBefore         int      `json:"mondayBefore"`
	MaxChasers           int      `json:"maxChasers"`
	ChaserTime           int      `json:"chaserTime"`
	LinkedInLimit        int      `json:"linkedinLimit"`
	LinkedInLimitPremium int      `json:"linkedinLimitPremium"`
	InterviewLength      int      `json:"interviewLength"`
	OverdueNote          string   `json:"overdueNote"`
	Region               string   `json:"region"`
	Regions              []string `json:"regions"` // offered, in the site's order, Region first
}

type jsonStep struct {
	ID             string    `json:"id"`
	Message        string    `json:"message"`
	Title          string    `json:"title"`
	To             string    `json:"to"`
	PerInterviewer bool      `json:"perInterviewer,omitempty"`
	After          string    `json:"after"`
	Wait           *Duration `json:"wait,omitempty"`
	SuggestAfter   *Duration `json:"suggestAfter,omitempty"`
	Within         *Duration `json:"within,omitempty"`
	Weekend        bool      `json:"weekend,omitempty"`
	DayAfter       string    `json:"dayAfter,omitempty"`
	WaitWithout    *Duration `json:"waitWithout,omitempty"`
	Unless         []string  `json:"unless,omitempty"`
	Chaser         bool      `json:"chaser,omitempty"`
	Alternative    string    `json:"alternative,omitempty"`
	Note           string    `json:"note"`
	NoteWeekend    string    `json:"noteWeekend,omitempty"`
	NoteWithout    string    `json:"noteWithout,omitempty"`
}

// JSON returns the rules and policy as /rules.json for the browser engine: indented, with
// keys in a fixed order, so a rebuild writes the same bytes. Steps are in step order; the
// engine evaluates them in dependency order and sorts as the package doc says.
func JSON(r *Rules) ([]byte, error) {
	doc := jsonRules{
		Version: JSONVersion,
		Policy: jsonPolicy{
			DayStart: r.pol.start, DayEnd: r.pol.end, Weekend: r.Policy.Weekend, MondayBefore: r.pol.mondayBefore,
			MaxChasers: r.Policy.MaxChasers, ChaserTime: r.pol.chaserTime, LinkedInLimit: r.Policy.LinkedInLimit, LinkedInLimitPremium: r.Policy.LinkedInLimitPremium,
			InterviewLength: r.pol.length, OverdueNote: r.Policy.OverdueNote, Region: r.Policy.Region,
			Regions: append([]string{}, r.pol.regions...),
		},
		Events:   Events(),
		Steps:    make([]jsonStep, 0, len(r.Steps)),
		Ends:     Ends(),
		Holidays: jsonHolidays{From: holidays.First, To: holidays.Last, Regions: map[string]string{}},
	}
	if c := r.Calendar.orDefault(); c != DefaultCalendar {
		doc.Calendar = &jsonCalendar{Name: c.Name, Domain: c.Domain}
	}
	for _, code := range r.pol.regions {
		doc.Holidays.Regions[code] = encodeHolidays(r.pol.dates[code])
	}
	doc.Policy.BusinessDays = []int{}
	for d, ok := range r.pol.days {
		if ok {
			doc.Policy.BusinessDays = append(doc.Policy.BusinessDays, d)
		}
	}
	for _, s := range r.Steps {
		doc.Steps = append(doc.Steps, jsonStep{
			ID: s.ID, Message: s.Message, Title: s.Title, To: s.To, PerInterviewer: s.PerInterviewer,
			After: s.After, Wait: s.Wait, SuggestAfter: s.SuggestAfter, Within: s.Within, Weekend: s.Weekend,
			DayAfter: s.DayAfter, WaitWithout: s.WaitWithout, Unless: s.Unless, Chaser: s.Chaser,
			Alternative: s.Alternative, Note: s.Note, NoteWeekend: s.NoteWeekend, NoteWithout: s.NoteWithout,
		})
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false) // the file is served as JSON, never inlined into HTML
	enc.SetIndent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// encodeHolidays writes the dates, sorted and from holidays.First to holidays.Last, as
// jsonHolidays says.
func encodeHolidays(dates []civil.Date) string {
	groups := make([]string, holidays.Last-holidays.First+1)
	for _, d := range dates {
		y, _, _ := d.YMD()
		n := strconv.FormatInt(int64(d-civil.DateOf(y, 1, 1)), 36)
		groups[y-holidays.First] += strings.Repeat("0", 2-len(n)) + n
	}
	return strings.Join(groups, " ")
}

// FigureKind is one kind of {{< rule KEY >}} figure: its key, or the pattern of its keys
// with <step> (a step's id) and <anchor> (what the step follows) in it, and what it shows.
type FigureKind struct{ Key, Meaning string }

// stepFigure is the figure every step has for one duration of its [timing] table, when
// the table sets it. timingKey is also the placeholder a note writes it with.
type stepFigure struct {
	suffix, timingKey, meaning string
	duration                   func(StepRule) *Duration
	written                    func(*messages.Timing) string
}

func stepFigures() []stepFigure {
	return []stepFigure{
		{"within", "within", "the step's window, its within: \"24 hours\"",
			func(s StepRule) *Duration { return s.Within }, func(t *messages.Timing) string { return t.Within }},
		{"after", "wait", "how long after its anchor it may go, its wait: \"7 days\"",
			func(s StepRule) *Duration { return s.Wait }, func(t *messages.Timing) string { return t.Wait }},
		{"no-decision-after", "wait_without", "its wait when no decision date was given, its wait_without",
			func(s StepRule) *Duration { return s.WaitWithout }, func(t *messages.Timing) string { return t.WaitWithout }},
		{"suggest-after", "suggest_after", "how long after its anchor to aim for, its suggest_after",
			func(s StepRule) *Duration { return s.SuggestAfter }, func(t *messages.Timing) string { return t.SuggestAfter }},
	}
}

// policyFigure is a figure of the [timeline] policy.
type policyFigure struct {
	key, meaning string
	value        func(*Rules) string
}

func policyFigures() []policyFigure {
	return []policyFigure{
		{"business-days", "the business days: \"Monday to Friday\"", func(r *Rules) string { return r.pol.describeDays() }},
		{"business-hours", "business hours: \"08:00 to 18:00\"", func(r *Rules) string {
			return civil.FormatClock(r.pol.start) + " to " + civil.FormatClock(r.pol.end)
		}},
		{"weekend.monday-before", "the time a message written over the weekend should arrive by, monday_before", func(r *Rules) string { return civil.FormatClock(r.pol.mondayBefore) }},
		{"chasers.max", "how many chasers a plan holds at most, max_chasers", func(r *Rules) string { return strconv.Itoa(r.Policy.MaxChasers) }},
		{"chasers.time", "the time a chaser is suggested at on its day, chaser_time: \"09:00\"", func(r *Rules) string { return civil.FormatClock(r.pol.chaserTime) }},
		{"linkedin.limit", "a LinkedIn connection note's limit: \"200 characters\"", func(r *Rules) string { return strconv.Itoa(r.Policy.LinkedInLimit) + " characters" }},
		{"linkedin.limit-premium", "the same with Premium", func(r *Rules) string { return strconv.Itoa(r.Policy.LinkedInLimitPremium) + " characters" }},
	}
}

// FigureKinds lists the figures Figures gives: the policy's, by key, then each step's, by
// the pattern of their keys.
func FigureKinds() []FigureKind {
	var kinds []FigureKind
	for _, p := range policyFigures() {
		kinds = append(kinds, FigureKind{p.key, p.meaning})
	}
	for _, sf := range stepFigures() {
		kinds = append(kinds, FigureKind{"<step>." + sf.suffix, sf.meaning})
		if sf.suffix == "after" {
			kinds = append(kinds, FigureKind{"<step>.min-after-<anchor>", "its wait again, named by what it follows: thank-you.min-after-interview"})
		}
	}
	return kinds
}

// Figures returns the human figures the guidance prose quotes through a shortcode, computed
// from the rules so that changing a number in the TOML changes the prose too. Its keys are
// those FigureKinds lists, a step's for each duration its [timing] table sets.
//
// Rules compiled with problems give a stand-in for what they could not read (see Compile),
// so that the prose quoting it is not reported too.
func Figures(r *Rules) map[string]string {
	f := map[string]string{}
	for _, p := range policyFigures() {
		f[p.key] = p.value(r)
	}
	// set adds the figure of a duration: as computed, as written when it is bad, or none
	// when the step does not set it.
	set := func(key string, d *Duration, written string) {
		switch {
		case d != nil:
			f[key] = d.String()
		case written != "":
			f[key] = written
		}
	}
	anchors := append(Events(), r.unknown...)
	for _, s := range r.Steps {
		anchors = append(anchors, s.ID)
	}
	for _, s := range r.Steps {
		for _, sf := range stepFigures() {
			set(s.ID+"."+sf.suffix, sf.duration(s), sf.written(s.timing))
		}
		set(s.ID+".min-after-"+s.After, s.Wait, s.timing.Wait)
		if s.lostAnchor {
			for _, a := range anchors {
				set(s.ID+".min-after-"+a, s.Wait, s.timing.Wait)
			}
		}
	}
	for _, id := range r.unknown {
		for _, sf := range stepFigures() {
			f[id+"."+sf.suffix] = "…"
		}
		for _, a := range anchors {
			f[id+".min-after-"+a] = "…"
		}
	}
	return f
}

// NoteFigures maps each placeholder a note of step may use to the figure key that gives
// the same in text ({{< rule KEY >}}), where it is one: for a hint to text that is not a
// note. The placeholders of the plan's own dates have none.
func NoteFigures(step string) map[string]string {
	f := map[string]string{"before": "weekend.monday-before", "limit": "linkedin.limit"}
	if step != "" {
		for _, sf := range stepFigures() {
			f[sf.timingKey] = step + "." + sf.suffix
		}
	}
	return f
}

// describeDays names the business days for prose: a run of days as "Monday to Friday"
// (counted from Monday, so a week that wraps reads "Sunday to Thursday"), else a list.
func (c compiledPolicy) describeDays() string {
	var days []int // in week order from Monday
	for i := 1; i <= 7; i++ {
		if c.days[i%7] {
			days = append(days, i%7)
		}
	}
	if len(days) == 7 {
		return "every day"
	}
	// Find the start of a single run, allowing it to wrap past Sunday.
	for start := 0; start < 7; start++ {
		if !c.days[(start+6)%7] && c.days[start] {
			n := 0
			for c.days[(start+n)%7] {
				n++
			}
			if n == len(days) {
				if n == 1 {
					return civil.WeekdayName(start)
				}
				return civil.WeekdayName(start) + " to " + civil.WeekdayName((start+n-1)%7)
			}
			break
		}
	}
	names := make([]string, len(days))
	for i, d := range days {
		names[i] = civil.WeekdayName(d)
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}
