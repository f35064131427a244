// Package holidays gives the public holidays of the regions a plan may be made for, as
// civil dates, from github.com/rickar/cal/v2: its definitions follow each country's rules
// (Easter, "first Monday of May", the day a holiday on a weekend is observed instead) and
// are kept up to date upstream, where a list typed here would go stale.
//
// Dates are given for the years First to Last only, the span /rules.json carries to the
// browser's engine: both engines decide from the same dates, and a plan that runs outside
// the span says that it was planned without holidays. Move the span on once a year, with
// the library's update.
package holidays

import (
	"slices"
	"sync"
	"time"

	"github.com/rickar/cal/v2"
	"github.com/rickar/cal/v2/au"
	"github.com/rickar/cal/v2/ca"
	"github.com/rickar/cal/v2/de"
	"github.com/rickar/cal/v2/fr"
	"github.com/rickar/cal/v2/gb"
	"github.com/rickar/cal/v2/ie"
	"github.com/rickar/cal/v2/nl"
	"github.com/rickar/cal/v2/nz"
	"github.com/rickar/cal/v2/us"

	"github.com/followup-playbook/playbook/generator/load/rules/civil"
)

// First and Last bound the years whose holidays are known (inclusive): the year before
// the one this span was set in, to three years after it.
const (
	First = 2025
	Last  = 2029
)

// Scotland's own bank holidays, which the library's gb package does not list: 2 January
// (moved as Boxing Day is, since the day before it is a holiday too) and St Andrew's Day
// (to the Monday after a weekend, as the other bank holidays are).
var (
	secondJanuary = &cal.Holiday{Name: "2 January", Type: cal.ObservanceBank, Month: time.January, Day: 2,
		Func: cal.CalcDayOfMonth, Observed: gb.BoxingDay.Observed}
	stAndrewsDay = &cal.Holiday{Name: "St Andrew's Day", Type: cal.ObservanceBank, Month: time.November, Day: 30,
		Func: cal.CalcDayOfMonth, Observed: gb.ChristmasDay.Observed}
)

// lists returns the holidays of each region by its code: a country (ISO 3166-1) or a part
// of one (ISO 3166-2). A function, not a variable, so that no package state can change.
// AU is New South Wales, the library listing Australia's holidays by state.
func lists() map[string][]*cal.Holiday {
	scotland := []*cal.Holiday{secondJanuary, gb.SummerHolidayScotland, stAndrewsDay}
	for _, h := range gb.Holidays {
		if h != gb.EasterMonday && h != gb.SummerHoliday {
			scotland = append(scotland, h)
		}
	}
	return map[string][]*cal.Holiday{
		"US":     us.Holidays,
		"GB-ENG": gb.Holidays,
		"GB-SCT": scotland,
		"IE":     ie.Holidays,
		"CA":     ca.Holidays,
		"AU":     au.HolidaysNSW,
		"NZ":     nz.Holidays,
		"DE":     de.Holidays,
		"FR":     fr.Holidays,
		"NL":     nl.Holidays,
	}
}

// Regions returns the codes of the regions known, sorted.
func Regions() []string {
	codes := make([]string, 0, len(lists()))
	for c := range lists() {
		codes = append(codes, c)
	}
	slices.Sort(codes)
	return codes
}

// Name is how a visitor is shown region code, "" for an unknown one. AU's data is New
// South Wales's, GB-ENG's the bank holidays of England and Wales, and US, CA and DE have
// their nationwide holidays only, which the names say where it matters.
func Name(code string) string {
	return map[string]string{
		"US": "United States", "GB-ENG": "England and Wales", "GB-SCT": "Scotland", "IE": "Ireland",
		"CA": "Canada", "AU": "Australia (New South Wales)", "NZ": "New Zealand", "DE": "Germany",
		"FR": "France", "NL": "Netherlands",
	}[code]
}

// Known reports whether code is a region whose holidays are known.
func Known(code string) bool {
	_, ok := lists()[code]
	return ok
}

// InSpan reports whether the holidays of day d are known: its year is First to Last.
func InSpan(d civil.Date) bool {
	y, _, _ := d.YMD()
	return y >= First && y <= Last
}

// Dates returns the holidays of region code (the library's list of its standard ones) from First to Last, sorted:
// each holiday's own day and, when it falls on a weekend, the day observed instead, both
// not business days. It returns nil for an unknown code.
func Dates(code string) []civil.Date {
	// They never change, and the dev server's every full build asks for every region's
	// (a millisecond and a half of the default site's 25 ms save): each is worked out once.
	if ds, ok := datesOf.Load(code); ok {
		return slices.Clone(ds.([]civil.Date))
	}
	ds := dates(code)
	datesOf.Store(code, ds)
	return slices.Clone(ds)
}

// datesOf holds dates' answer by region code.
var datesOf sync.Map

func dates(code string) []civil.Date {
	var ds []civil.Date
	// A holiday of one year may be observed in another (the US observes a New Year's Day
	// on a Saturday on the Friday before), so the years on either side are computed too.
	for y := First - 1; y <= Last+1; y++ {
		for _, h := range lists()[code] {
			actual, observed := h.Calc(y)
			if actual.IsZero() {
				continue // not held that year
			}
			for _, t := range []time.Time{actual, observed} {
				if d := civil.DateOf(t.Year(), int(t.Month()), t.Day()); InSpan(d) {
					ds = append(ds, d)
				}
			}
		}
	}
	slices.Sort(ds)
	return slices.Compact(ds)
}
