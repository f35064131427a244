package rules

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/followup-playbook/playbook/generator/load/rules/civil"
)

// Units of a Duration.
const (
	Hours        = "hours"
	Days         = "days"
	BusinessDays = "business days"
)

// Duration is a wait written in a [timing] table: "24 hours", "7 days", "2 business days".
// Days and business days are calendar steps that keep the wall-clock time, never 24-hour
// blocks of seconds.
type Duration struct {
	Amount int    `json:"amount"`
	Unit   string `json:"unit"` // Hours, Days or BusinessDays
}

// The longest waits a rule may name: a year in each unit. Follow-up advice never needs more,
// and the bound keeps every date the engine computes inside four-digit years and every
// business-day loop short.
const (
	MaxHours        = 366 * 24
	MaxDays         = 366
	MaxBusinessDays = 366
)

// ParseDuration parses "N hour(s)", "N day(s)" or "N business day(s)" with 0 ≤ N and N at
// most a year (MaxHours, MaxDays, MaxBusinessDays).
func ParseDuration(s string) (Duration, error) {
	num, unit, ok := strings.Cut(strings.TrimSpace(s), " ")
	n, err := strconv.Atoi(num)
	if !ok || err != nil || n < 0 || num != strconv.Itoa(n) {
		return Duration{}, fmt.Errorf("%q is not a duration; write a whole number and a unit, e.g. \"24 hours\", \"7 days\" or \"2 business days\"", s)
	}
	var d Duration
	switch unit {
	case "hour", "hours":
		d = Duration{n, Hours}
	case "day", "days":
		d = Duration{n, Days}
	case "business day", "business days":
		d = Duration{n, BusinessDays}
	default:
		return Duration{}, fmt.Errorf("%q has an unknown unit %q; use hours, days or business days", s, unit)
	}
	if limit := map[string]int{Hours: MaxHours, Days: MaxDays, BusinessDays: MaxBusinessDays}[d.Unit]; n > limit {
		return Duration{}, fmt.Errorf("%q is longer than a year; a wait may be at most %d %s", s, limit, d.Unit)
	}
	return d, nil
}

// String writes the duration for people: "24 hours", "1 day", "2 business days".
func (d Duration) String() string {
	unit := d.Unit
	if d.Amount == 1 {
		unit = strings.TrimSuffix(unit, "s")
	}
	return strconv.Itoa(d.Amount) + " " + unit
}

// isBusinessDay reports whether messages are sent on day d: a business day of the week
// that is not a public holiday of the plan's region.
func (c compiledPolicy) isBusinessDay(d civil.Date) bool {
	return c.days[d.Weekday()] && !c.holiday[d]
}

// forRegion returns the policy planning with the public holidays of region ("" for none),
// one of c.regions.
func (c compiledPolicy) forRegion(region string) compiledPolicy {
	c.holiday = nil
	if ds := c.dates[region]; ds != nil {
		c.holiday = make(map[civil.Date]bool, len(ds))
		for _, d := range ds {
			c.holiday[d] = true
		}
	}
	return c
}

// nextBusinessDay returns the first business day on or after d. The policy has at least
// one business day a week and holidays are few, so the loop ends within weeks.
func (c compiledPolicy) nextBusinessDay(d civil.Date) civil.Date {
	for !c.isBusinessDay(d) {
		d++
	}
	return d
}

// nextBusiness returns t when it is inside business hours on a business day, else the
// start of the next business hours after it.
func (c compiledPolicy) nextBusiness(t civil.DateTime) civil.DateTime {
	d, m := t.Date(), t.Clock()
	if c.isBusinessDay(d) {
		if m < c.start {
			return d.At(c.start)
		}
		if m < c.end {
			return t
		}
	}
	return c.nextBusinessDay(d + 1).At(c.start)
}

// add moves t by d: hours on the wall clock, days on the calendar, and business days one
// business day at a time, keeping the time of day.
func (c compiledPolicy) add(t civil.DateTime, d Duration) civil.DateTime {
	switch d.Unit {
	case Hours:
		return t.AddMinutes(d.Amount * 60)
	case Days:
		return t.AddDays(d.Amount)
	default:
		day, clock := t.Date(), t.Clock()
		for i := 0; i < d.Amount; i++ {
			day = c.nextBusinessDay(day + 1)
		}
		return day.At(clock)
	}
}
