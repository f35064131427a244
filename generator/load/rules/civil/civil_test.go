package civil

import (
	"errors"
	"testing"
	"time"
)

// TestDateMatchesTimePackage checks the integer calendar against Go's own proleptic
// Gregorian calendar in UTC, day by day, across leap days and century years.
func TestDateMatchesTimePackage(t *testing.T) {
	start := time.Date(1899, 12, 25, 0, 0, 0, 0, time.UTC)
	for i := 0; i < 200*366; i++ {
		tm := start.AddDate(0, 0, i)
		d := DateOf(tm.Year(), int(tm.Month()), tm.Day())
		if want := Date(tm.Unix() / 86400); d != want {
			t.Fatalf("DateOf(%s) = %d, want %d", tm.Format("2006-01-02"), d, want)
		}
		y, m, dd := d.YMD()
		if y != tm.Year() || m != int(tm.Month()) || dd != tm.Day() {
			t.Fatalf("YMD(%d) = %d-%d-%d, want %s", d, y, m, dd, tm.Format("2006-01-02"))
		}
		if d.Weekday() != int(tm.Weekday()) {
			t.Fatalf("Weekday(%s) = %d, want %d", tm.Format("2006-01-02"), d.Weekday(), tm.Weekday())
		}
		if d.String() != tm.Format("2006-01-02") {
			t.Fatalf("String = %s, want %s", d, tm.Format("2006-01-02"))
		}
	}
}

func TestParseDateTime(t *testing.T) {
	tests := []struct {
		in      string
		want    string
		weekday string
		code    string // the Error's code, when in does not parse
	}{
		{in: "2026-03-12T15:00", want: "2026-03-12T15:00", weekday: "Thursday"},
		{in: "2028-02-29T09:30", want: "2028-02-29T09:30", weekday: "Tuesday"},
		{in: "1969-12-31T23:59", want: "1969-12-31T23:59", weekday: "Wednesday"},
		{in: "2000-02-29T00:00", want: "2000-02-29T00:00", weekday: "Tuesday"},
		{in: "2027-02-29T09:00", code: NotADay},
		{in: "1900-02-29T09:00", code: NotADay},
		{in: "2026-13-01T09:00", code: NotADay},
		{in: "2026-04-31T09:00", code: NotADay},
		{in: "2026-03-12 15:00", code: NotADateTime},
		{in: "2026-03-12T15:60", code: NotATime},
		{in: "2026-03-12T24:00", code: EndOfDay},
		{in: "2026-03-12T1500", code: NotADateTime},
		{in: "2026-3-12T15:00", code: NotADateTime},
		{in: "+026-03-12T15:00", code: NotADateTime},
		{in: "", code: NotADateTime},
		{in: "0999-12-31T10:00", code: NotADay},
		{in: "２０２６-03-12T15:00", code: NotADateTime},
		{in: "2026-0é-1T15:00", code: NotADateTime},
		{in: "2026-03-12T15:00Z", code: NotADateTime},
	}
	for _, tt := range tests {
		got, err := ParseDateTime(tt.in)
		if tt.code != "" {
			var e *Error
			if !errors.As(err, &e) || e.Code != tt.code || e.Value != tt.in {
				t.Errorf("ParseDateTime(%q) = %s, %v; want a %s error about the whole text", tt.in, got, err, tt.code)
			}
			continue
		}
		if err != nil {
			t.Errorf("ParseDateTime(%q): %v", tt.in, err)
			continue
		}
		if got.String() != tt.want {
			t.Errorf("ParseDateTime(%q) = %s, want %s", tt.in, got, tt.want)
		}
		if w := WeekdayName(got.Date().Weekday()); w != tt.weekday {
			t.Errorf("%s is a %s, want %s", tt.in, w, tt.weekday)
		}
	}
}

func TestArithmeticAcrossBoundaries(t *testing.T) {
	tests := []struct {
		from string
		days int
		mins int
		want string
	}{
		{"2026-12-31T23:30", 0, 45, "2027-01-01T00:15"},
		{"2028-02-28T12:00", 1, 0, "2028-02-29T12:00"},
		{"2028-02-29T12:00", 1, 0, "2028-03-01T12:00"},
		{"2027-02-28T12:00", 1, 0, "2027-03-01T12:00"},
		{"2026-03-28T09:00", 1, 0, "2026-03-29T09:00"}, // a daylight-saving Sunday in Europe: still 24 hours
		{"2026-03-07T09:00", 0, 24 * 60, "2026-03-08T09:00"},
		{"2026-01-31T10:00", 14, 0, "2026-02-14T10:00"},
		{"1970-01-01T00:00", 0, -1, "1969-12-31T23:59"},
	}
	for _, tt := range tests {
		from, err := ParseDateTime(tt.from)
		if err != nil {
			t.Fatal(err)
		}
		if got := from.AddDays(tt.days).AddMinutes(tt.mins).String(); got != tt.want {
			t.Errorf("%s + %dd %dm = %s, want %s", tt.from, tt.days, tt.mins, got, tt.want)
		}
	}
}

func TestParseClock(t *testing.T) {
	for in, want := range map[string]int{"00:00": 0, "08:00": 480, "18:30": 1110, "24:00": 1440} {
		if got, err := ParseClock(in); err != nil || got != want {
			t.Errorf("ParseClock(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
	for _, in := range []string{"8:00", "24:01", "12:60", "ab:cd", "12.00", "-1:00", "１2:00"} {
		var e *Error
		if _, err := ParseClock(in); !errors.As(err, &e) || e.Code != NotATime {
			t.Errorf("ParseClock(%q): %v, want a %s error", in, err, NotATime)
		}
	}
}
