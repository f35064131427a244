package rules

import (
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"

	"github.com/followup-playbook/playbook/generator/diag"
	"github.com/followup-playbook/playbook/generator/internal/strictoml"
	"github.com/followup-playbook/playbook/generator/load/messages"
	"github.com/followup-playbook/playbook/generator/load/rules/civil"
	"github.com/followup-playbook/playbook/generator/load/rules/holidays"
)

// Weekend policies: what happens to a step whose window runs into a non-business day.
const (
	// WeekendMonday writes the message over the weekend and schedules it to arrive on the
	// next business day before Policy.MondayBefore.
	WeekendMonday = "monday"
	// WeekendSameDay ignores the weekend: the message goes out in the normal window.
	WeekendSameDay = "same-day"
)

// Policy is the site-wide part of the timeline, the [timeline] table of site.toml. A loader
// should start from DefaultPolicy and decode over it, so a key left out keeps its default.
//
// Each field's doc tag is what `playbook help timing` and docs/reference.md say about its
// key (package generator/reference); DefaultPolicy holds the defaults they name.
type Policy struct {
	BusinessDays []string `toml:"business_days" doc:"The days messages are sent on, as lowercase English day names. Default: [\"monday\", \"tuesday\", \"wednesday\", \"thursday\", \"friday\"]."`
	DayStart     string   `toml:"day_start" doc:"The start of business hours, HH:MM: suggestions fall between day_start and day_end. Default: \"08:00\"."`
	DayEnd       string   `toml:"day_end" doc:"The end of business hours, HH:MM, itself outside them; after day_start. Default: \"18:00\"."`
	Weekend      string   `toml:"weekend" doc:"What happens to a step with weekend = true whose aim spills over a non-business day: \"monday\" sends it at the start of the next business day, by monday_before; \"same-day\" keeps the normal window. A visitor may choose the other. Default: \"monday\"."`
	MondayBefore string   `toml:"monday_before" doc:"The time, HH:MM, by which a message written over the weekend should arrive on the next business day; inside business hours. Default: \"10:00\"."`
	MaxChasers   int      `toml:"max_chasers" doc:"How many chasers (steps with chaser = true) a plan holds at most, counted again after each reply; 0 never chases. Default: 2."`
	ChaserTime   string   `toml:"chaser_time" doc:"The time, HH:MM, a chaser is suggested at on its business day, whose business hours are its window (a chaser's wait counts in days: one that ends at 17:30 goes that morning); inside business hours. Default: \"09:00\"."`
	// LinkedInLimit is the one the linkedin channel's messages must fit.
	LinkedInLimit        int      `toml:"linkedin_limit" doc:"The most characters of a LinkedIn connection note on a free account: every linkedin message, its examples filled in, must fit. Default: 200."`
	LinkedInLimitPremium int      `toml:"linkedin_limit_premium" doc:"The same with LinkedIn Premium, which a visitor may choose; at least linkedin_limit. Default: 300."`
	InterviewLength      string   `toml:"interview_length" doc:"How long an interview lasts when its end is not given, in hours from 0 to 24; windows and waits after the interview count from its end. Default: \"1 hour\"."`
	OverdueNote          string   `toml:"overdue_note" doc:"The note of a step whose window has closed and that was not sent: what to do now. Default: \"Late: send it anyway, today.\"."`
	Region               string   `toml:"region" doc:"The code of the region whose public holidays are not business days; a visitor may pick another of regions. Default: \"\", no holidays."`
	Regions              []string `toml:"regions" doc:"The region codes a visitor may pick from in the calculator and the companion; region is offered too. Default: none."`
}

// DefaultPolicy returns the policy the playbook recommends: Monday to Friday, 08:00 to
// 18:00, weekend notes arriving Monday before 10:00, two chasers at most, each suggested at
// 09:00 on its day, LinkedIn's
// 200-character note (300 with Premium), and interviews of an hour.
func DefaultPolicy() Policy {
	return Policy{
		BusinessDays:         []string{"monday", "tuesday", "wednesday", "thursday", "friday"},
		DayStart:             "08:00",
		DayEnd:               "18:00",
		Weekend:              WeekendMonday,
		MondayBefore:         "10:00",
		MaxChasers:           2,
		ChaserTime:           "09:00",
		LinkedInLimit:        200,
		LinkedInLimitPremium: 300,
		InterviewLength:      "1 hour",
		OverdueNote:          "Late: send it anyway, today.",
	}
}

// MessageOptions returns the limits the message checks need from the policy: the LinkedIn
// note limit for the linkedin channel.
func (p Policy) MessageOptions() messages.Options {
	return messages.Options{Limits: map[string]int{messages.LinkedIn: p.LinkedInLimit}}
}

// policyKeys lists the [timeline] keys, in the order Policy declares them.
func policyKeys() []string {
	t := reflect.TypeFor[Policy]()
	keys := make([]string, t.NumField())
	for i := range keys {
		keys[i] = t.Field(i).Tag.Get("toml")
	}
	return keys
}

// field returns the field of p that the [timeline] key sets, or the zero Value.
func (p *Policy) field(key string) reflect.Value {
	v := reflect.ValueOf(p).Elem()
	for i := 0; i < v.NumField(); i++ {
		if v.Type().Field(i).Tag.Get("toml") == key {
			return v.Field(i)
		}
	}
	return reflect.Value{}
}

// Usable returns p with the default in place of every key that has a problem, so that a
// site whose policy has a mistake can still compile its rules and be checked with the
// keys that are good. Keys that are checked together (business hours, monday_before and
// chaser_time, the two LinkedIn limits) fall back together; a policy that still has a problem then is
// replaced by DefaultPolicy.
func (p Policy) Usable() Policy {
	_, probs := p.compile()
	if len(probs) == 0 {
		return p
	}
	groups := map[string][]string{
		"day_start":              {"day_start", "day_end", "monday_before", "chaser_time"},
		"day_end":                {"day_start", "day_end", "monday_before", "chaser_time"},
		"monday_before":          {"day_start", "day_end", "monday_before", "chaser_time"},
		"chaser_time":            {"day_start", "day_end", "monday_before", "chaser_time"},
		"linkedin_limit":         {"linkedin_limit", "linkedin_limit_premium"},
		"linkedin_limit_premium": {"linkedin_limit", "linkedin_limit_premium"},
	}
	d := DefaultPolicy()
	for _, pr := range probs {
		keys := groups[pr.key]
		if keys == nil {
			keys = []string{pr.key}
		}
		for _, k := range keys {
			p.field(k).Set(d.field(k))
		}
	}
	if _, probs := p.compile(); len(probs) > 0 {
		return d
	}
	return p
}

// compiledPolicy is the policy in the units the engine computes with.
type compiledPolicy struct {
	days         [7]bool // by civil weekday, 0 = Sunday
	start, end   int     // minutes since midnight
	mondayBefore int
	chaserTime   int
	length       int // InterviewLength in minutes
	// regions are the regions offered, Region first when it is not among Regions, each
	// with its holidays; holiday is the set of the region a plan is made for, nil for none.
	regions []string
	dates   map[string][]civil.Date
	holiday map[civil.Date]bool
}

// problem is one policy mistake, named by its key in the [timeline] table.
type problem struct{ key, msg, hint string }

func (p Policy) compile() (compiledPolicy, []problem) {
	var c compiledPolicy
	var probs []problem
	if len(p.BusinessDays) == 0 {
		probs = append(probs, problem{"business_days", "business_days is empty", `list at least one day, e.g. ["monday", "tuesday", "wednesday", "thursday", "friday"]`})
	}
	for _, d := range p.BusinessDays {
		w := -1
		for i := 0; i < 7; i++ {
			if strings.ToLower(civil.WeekdayName(i)) == d {
				w = i
			}
		}
		switch {
		case w < 0:
			probs = append(probs, problem{"business_days", fmt.Sprintf("unknown day %q in business_days", d), "use lowercase English day names: monday … sunday"})
		case c.days[w]:
			probs = append(probs, problem{"business_days", fmt.Sprintf("%q is listed twice in business_days", d), "list each day once"})
		default:
			c.days[w] = true
		}
	}
	clock := func(key, v string) int {
		m, err := civil.ParseClock(v)
		if err != nil {
			probs = append(probs, problem{key, fmt.Sprintf("%s: %v", key, err), ""})
			return -1
		}
		return m
	}
	c.start = clock("day_start", p.DayStart)
	c.end = clock("day_end", p.DayEnd)
	c.mondayBefore = clock("monday_before", p.MondayBefore)
	c.chaserTime = clock("chaser_time", p.ChaserTime)
	if c.start >= 0 && c.end >= 0 && c.start >= c.end {
		probs = append(probs, problem{"day_end", fmt.Sprintf("day_end %s is not after day_start %s", p.DayEnd, p.DayStart), "business hours run from day_start to day_end on the same day"})
	}
	// monday_before is checked against business hours that make sense, or it would repeat
	// the problem above.
	if c.mondayBefore >= 0 && c.start >= 0 && c.end > c.start && (c.mondayBefore <= c.start || c.mondayBefore > c.end) {
		probs = append(probs, problem{"monday_before", fmt.Sprintf("monday_before %s is not inside business hours (%s to %s)", p.MondayBefore, p.DayStart, p.DayEnd), "pick a time after day_start and no later than day_end"})
	}
	if c.chaserTime >= 0 && c.start >= 0 && c.end > c.start && (c.chaserTime < c.start || c.chaserTime >= c.end) {
		probs = append(probs, problem{"chaser_time", fmt.Sprintf("chaser_time %s is not inside business hours (%s to %s)", p.ChaserTime, p.DayStart, p.DayEnd), "pick a time from day_start to before day_end, e.g. \"09:00\""})
	}
	if p.Weekend != WeekendMonday && p.Weekend != WeekendSameDay {
		probs = append(probs, problem{"weekend", fmt.Sprintf("unknown weekend policy %q", p.Weekend), `use "monday" or "same-day"`})
	}
	if d, err := ParseDuration(p.InterviewLength); err != nil {
		probs = append(probs, problem{"interview_length", "interview_length: " + err.Error(), `e.g. "1 hour"`})
	} else if d.Unit != Hours || d.Amount > 24 {
		probs = append(probs, problem{"interview_length", fmt.Sprintf("interview_length %q is not a number of hours from 0 to 24", p.InterviewLength), `e.g. "1 hour"`})
	} else {
		c.length = d.Amount * 60
	}
	if strings.TrimSpace(p.OverdueNote) == "" {
		probs = append(probs, problem{"overdue_note", "overdue_note is empty", `say what to do with a late step, e.g. "Late: send it anyway, today."`})
	}
	if p.MaxChasers < 0 {
		probs = append(probs, problem{"max_chasers", "max_chasers is negative", "use 0 (never chase) or more"})
	}
	if p.LinkedInLimit <= 0 {
		probs = append(probs, problem{"linkedin_limit", "linkedin_limit must be a positive number of characters", "LinkedIn allows 200 on a free account"})
	}
	if p.LinkedInLimitPremium < p.LinkedInLimit {
		probs = append(probs, problem{"linkedin_limit_premium", fmt.Sprintf("linkedin_limit_premium %d is below linkedin_limit %d", p.LinkedInLimitPremium, p.LinkedInLimit), "Premium allows 300"})
	}
	c.dates = map[string][]civil.Date{}
	offered := p.Regions
	if p.Region != "" && !slices.Contains(offered, p.Region) {
		offered = append([]string{p.Region}, offered...)
	}
	for _, code := range offered {
		switch {
		case !holidays.Known(code):
			probs = append(probs, problem{regionKey(p, code), fmt.Sprintf("unknown region %q", code), "use one of " + strings.Join(holidays.Regions(), ", ")})
		case c.dates[code] != nil:
			probs = append(probs, problem{"regions", fmt.Sprintf("%q is listed twice in regions", code), "list each region once"})
		default:
			c.regions = append(c.regions, code)
			c.dates[code] = holidays.Dates(code)
		}
	}
	return c, probs
}

// regionKey is the key that names an unknown region code: region, or regions.
func regionKey(p Policy, code string) string {
	if code == p.Region {
		return "region"
	}
	return "regions"
}

// Validate checks the policy; path and src are the file it was decoded from (site.toml),
// used to point each problem at its key under [timeline]. src may be nil.
func (p Policy) Validate(path string, src []byte) error {
	_, probs := p.compile()
	var errs []error
	for _, pr := range probs {
		line, col := strictoml.KeyPos(src, "timeline."+pr.key)
		if line == 0 {
			line, col = strictoml.KeyPos(src, "timeline")
		}
		msg := "[timeline] " + pr.msg
		if line == 0 {
			errs = append(errs, &diag.Error{Path: path, Msg: msg, Hint: pr.hint})
			continue
		}
		errs = append(errs, diag.At(path, src, line, col, msg, pr.hint))
	}
	return errors.Join(errs...)
}
