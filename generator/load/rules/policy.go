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
type Policy struct {
	// BusinessDays are the days messages are sent on, as lowercase English day names.
	BusinessDays []string `toml:"business_days"`
	// DayStart and DayEnd bound business hours, as HH:MM; DayEnd itself is outside them.
	DayStart string `toml:"day_start"`
	DayEnd   string `toml:"day_end"`
	// Weekend is the default weekend policy, WeekendMonday or WeekendSameDay; a visitor
	// may choose the other in the calculator or with plan --weekend.
	Weekend string `toml:"weekend"`
	// MondayBefore is the time, HH:MM, by which a message written over the weekend should
	// arrive on the first business day after it.
	MondayBefore string `toml:"monday_before"`
	// MaxChasers is how many chasers (steps with chaser = true) a plan holds at most.
	MaxChasers int `toml:"max_chasers"`
	// LinkedInLimit is the connection-note limit in characters for a free account, which
	// the linkedin channel's messages must fit; LinkedInLimitPremium is the one for Premium.
	LinkedInLimit        int `toml:"linkedin_limit"`
	LinkedInLimitPremium int `toml:"linkedin_limit_premium"`
	// InterviewLength is how long an interview lasts when its end is not given, in hours
	// ("1 hour"); windows and waits after the interview count from its end.
	InterviewLength string `toml:"interview_length"`
	// OverdueNote replaces the note of a step whose window has closed and that was not
	// sent: what to do now.
	OverdueNote string `toml:"overdue_note"`
	// Region is the code of the region whose public holidays are not business days (see
	// package holidays), "" for none; a visitor may pick another of Regions, or plan
	// --region. Regions are the codes a visitor may pick from; Region is offered too.
	Region  string   `toml:"region"`
	Regions []string `toml:"regions"`
}

// DefaultPolicy returns the policy the playbook recommends: Monday to Friday, 08:00 to
// 18:00, weekend notes arriving Monday before 10:00, two chasers at most, LinkedIn's
// 200-character note (300 with Premium), and interviews of an hour.
func DefaultPolicy() Policy {
	return Policy{
		BusinessDays:         []string{"monday", "tuesday", "wednesday", "thursday", "friday"},
		DayStart:             "08:00",
		DayEnd:               "18:00",
		Weekend:              WeekendMonday,
		MondayBefore:         "10:00",
		MaxChasers:           2,
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
// keys that are good. Keys that are checked together (business hours and monday_before,
// the two LinkedIn limits) fall back together; a policy that still has a problem then is
// replaced by DefaultPolicy.
func (p Policy) Usable() Policy {
	_, probs := p.compile()
	if len(probs) == 0 {
		return p
	}
	groups := map[string][]string{
		"day_start":              {"day_start", "day_end", "monday_before"},
		"day_end":                {"day_start", "day_end", "monday_before"},
		"monday_before":          {"day_start", "day_end", "monday_before"},
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
	if c.start >= 0 && c.end >= 0 && c.start >= c.end {
		probs = append(probs, problem{"day_end", fmt.Sprintf("day_end %s is not after day_start %s", p.DayEnd, p.DayStart), "business hours run from day_start to day_end on the same day"})
	}
	// monday_before is checked against business hours that make sense, or it would repeat
	// the problem above.
	if c.mondayBefore >= 0 && c.start >= 0 && c.end > c.start && (c.mondayBefore <= c.start || c.mondayBefore > c.end) {
		probs = append(probs, problem{"monday_before", fmt.Sprintf("monday_before %s is not inside business hours (%s to %s)", p.MondayBefore, p.DayStart, p.DayEnd), "pick a time after day_start and no later than day_end"})
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
