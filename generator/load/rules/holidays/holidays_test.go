package holidays

import (
	"slices"
	"testing"

	"github.com/followup-playbook/playbook/generator/load/rules/civil"
)

func TestDates(t *testing.T) {
	for _, tc := range []struct {
		region, date string
		holiday      bool
	}{
		{"GB-ENG", "2026-12-25", true},
		{"GB-ENG", "2027-12-27", true},  // Christmas on a Saturday: its substitute Monday
		{"GB-ENG", "2027-12-28", true},  // and Boxing Day's Tuesday
		{"GB-ENG", "2026-04-03", true},  // Good Friday
		{"GB-ENG", "2026-04-06", true},  // Easter Monday
		{"GB-SCT", "2026-04-06", false}, // not in Scotland
		{"GB-SCT", "2026-01-02", true},
		{"GB-ENG", "2026-01-02", false},
		{"GB-SCT", "2026-11-30", true},  // St Andrew's Day
		{"GB-SCT", "2025-12-01", true},  // on a Sunday in 2025: the Monday after
		{"GB-SCT", "2027-01-04", true},  // 2 January on a Saturday
		{"GB-SCT", "2026-08-03", true},  // Scotland's summer holiday, early August
		{"GB-SCT", "2026-08-31", false}, // England's
		{"US", "2026-11-26", true},      // Thanksgiving
		{"US", "2027-12-24", true},      // Christmas on a Saturday, observed on the Friday
		{"US", "2027-12-31", true},      // so is New Year's Day 2028
		{"DE", "2026-10-03", true},
		{"GB-ENG", "2024-12-25", false}, // outside the span: not known
		{"GB-ENG", "2030-12-25", false},
	} {
		d, err := civil.ParseDate(tc.date)
		if err != nil {
			t.Fatal(err)
		}
		if got := slices.Contains(Dates(tc.region), d); got != tc.holiday {
			t.Errorf("%s %s: holiday = %v, want %v", tc.region, tc.date, got, tc.holiday)
		}
	}
}

func TestRegions(t *testing.T) {
	for _, c := range Regions() {
		if !Known(c) || len(Dates(c)) < 5*(Last-First+1) {
			t.Errorf("%s: %d holidays in %d–%d", c, len(Dates(c)), First, Last)
		}
		if Name(c) == "" {
			t.Errorf("%s has no name for the region select", c)
		}
	}
	if Known("XX") || Dates("XX") != nil || Name("XX") != "" {
		t.Error("XX is known")
	}
}
