// Package civil does calendar arithmetic on local dates and wall-clock times: days since
// 1970-01-01 and minutes since its midnight, with no time zone and no daylight saving.
//
// The follow-up plan is advice about a calendar ("the next business day at 08:00", "7 days
// later"), not about instants, so it is computed on plain integers. The same integers are
// easy to reproduce in JavaScript (static/js/timeline.js), which is what keeps the Go and
// browser engines equal in every time zone. The day/date conversions are Howard Hinnant's
// days_from_civil and civil_from_days, which use only integer division.
package civil

import (
	"fmt"
	"strconv"
)

// MinutesPerDay is the length of every civil day: there are no 23- or 25-hour days here.
const MinutesPerDay = 24 * 60

// Date is a calendar day, counted in days since 1970-01-01 (day 0, a Thursday).
type Date int

// DateTime is a local date and wall-clock time, counted in minutes since 1970-01-01T00:00.
type DateTime int

// WeekdayName returns the English name of weekday w, numbered like Date.Weekday (0 is
// Sunday, as JavaScript's getUTCDay), or "" when out of range.
func WeekdayName(w int) string {
	names := [7]string{"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"}
	if w < 0 || w > 6 {
		return ""
	}
	return names[w]
}

// floorDiv divides rounding towards minus infinity, so dates before 1970 work too.
func floorDiv(a, b int) int {
	q := a / b
	if (a%b != 0) && ((a < 0) != (b < 0)) {
		q--
	}
	return q
}

// DateOf returns the day for year y, month m (1–12) and day d; it does not check ranges
// (DateOf(2026, 2, 29) is 2026-03-01), ParseDate does.
func DateOf(y, m, d int) Date {
	if m <= 2 {
		y--
	}
	era := floorDiv(y, 400)
	yoe := y - era*400
	mp := m - 3
	if m <= 2 {
		mp = m + 9
	}
	doy := (153*mp+2)/5 + d - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return Date(era*146097 + doe - 719468)
}

// YMD returns the year, month (1–12) and day of the month of d.
func (d Date) YMD() (year, month, day int) {
	z := int(d) + 719468
	era := floorDiv(z, 146097)
	doe := z - era*146097
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
	y := yoe + era*400
	doy := doe - (365*yoe + yoe/4 - yoe/100)
	mp := (5*doy + 2) / 153
	day = doy - (153*mp+2)/5 + 1
	month = mp + 3
	if mp >= 10 {
		month = mp - 9
	}
	if month <= 2 {
		y++
	}
	return y, month, day
}

// Weekday returns 0 for Sunday through 6 for Saturday.
func (d Date) Weekday() int {
	return ((int(d)+4)%7 + 7) % 7 // day 0 was a Thursday
}

// At returns the moment minute minutes after the start of d.
func (d Date) At(minute int) DateTime { return DateTime(int(d)*MinutesPerDay + minute) }

// String formats d as YYYY-MM-DD.
func (d Date) String() string {
	y, m, dd := d.YMD()
	return fmt.Sprintf("%04d-%02d-%02d", y, m, dd)
}

// Date returns the day t falls on.
func (t DateTime) Date() Date { return Date(floorDiv(int(t), MinutesPerDay)) }

// Clock returns the minutes since the start of t's day (0–1439).
func (t DateTime) Clock() int { return int(t) - int(t.Date())*MinutesPerDay }

// AddDays returns t moved n calendar days, keeping the wall-clock time.
func (t DateTime) AddDays(n int) DateTime { return t + DateTime(n*MinutesPerDay) }

// AddMinutes returns t moved n minutes on the wall clock.
func (t DateTime) AddMinutes(n int) DateTime { return t + DateTime(n) }

// String formats t as YYYY-MM-DDTHH:MM, the form of the plan's JSON.
func (t DateTime) String() string {
	return t.Date().String() + "T" + FormatClock(t.Clock())
}

// FormatClock formats minutes since midnight as HH:MM.
func FormatClock(minute int) string {
	return fmt.Sprintf("%02d:%02d", minute/60, minute%60)
}

// DaysIn returns the number of days in month m of year y.
func DaysIn(y, m int) int {
	switch m {
	case 2:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	default:
		return 31
	}
}

// The codes of a parse Error. They are part of the plan's JSON contract (an input error
// carries one), so the browser engine words them itself; they never change meaning.
const (
	NotADate     = "not-a-date"      // not of the form YYYY-MM-DD
	NotADay      = "not-a-day"       // of that form, but no day of the calendar (or before 1000)
	NotATime     = "not-a-time"      // not HH:MM between 00:00 and 24:00
	NotADateTime = "not-a-date-time" // not of the form YYYY-MM-DDTHH:MM
	EndOfDay     = "end-of-day"      // 24:00 in a date and time, which means the next day
)

// Error is a date or time that does not parse: Value is the text given, Code one of the
// codes above.
type Error struct {
	Code  string
	Value string
}

func (e *Error) Error() string {
	switch e.Code {
	case NotADate:
		return fmt.Sprintf("%q is not a date; want YYYY-MM-DD, e.g. 2026-03-12", e.Value)
	case NotADay:
		return fmt.Sprintf("%q is not a day on the calendar (years 1000 and later)", e.Value)
	case NotATime:
		return fmt.Sprintf("%q is not a time of day; want HH:MM between 00:00 and 24:00, e.g. 08:00", e.Value)
	case NotADateTime:
		return fmt.Sprintf("%q is not a date and time; want YYYY-MM-DDTHH:MM, e.g. 2026-03-12T15:00", e.Value)
	default: // EndOfDay
		return fmt.Sprintf("%q: write the next day's 00:00 instead of 24:00", e.Value)
	}
}

// Forms of the text ParseDate, ParseClock and ParseDateTime read: 9 stands for an ASCII
// digit, anything else for itself. A text has a form when it has the form's length in
// bytes and each byte matches. Only ASCII matches, so counting bytes or UTF-16 units (as
// static/js/civil.js does) gives the same answer, and no text is measured in both.
const (
	DateForm     = "9999-99-99"
	ClockForm    = "99:99"
	DateTimeForm = "9999-99-99T99:99"
)

// HasForm reports whether s has the form f (DateForm, ClockForm or DateTimeForm).
func HasForm(s, f string) bool {
	if len(s) != len(f) {
		return false
	}
	for i := 0; i < len(f); i++ {
		if f[i] == '9' && (s[i] < '0' || s[i] > '9') || f[i] != '9' && s[i] != f[i] {
			return false
		}
	}
	return true
}

// number reads the digits of s, which HasForm has checked.
func number(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}

// ParseDate parses YYYY-MM-DD, checking that the day exists (2027-02-29 does not).
func ParseDate(s string) (Date, error) {
	if !HasForm(s, DateForm) {
		return 0, &Error{NotADate, s}
	}
	y, m, d := number(s[0:4]), number(s[5:7]), number(s[8:10])
	if y < 1000 || m < 1 || m > 12 || d < 1 || d > DaysIn(y, m) {
		return 0, &Error{NotADay, s}
	}
	return DateOf(y, m, d), nil
}

// ParseClock parses a wall-clock time HH:MM (00:00 to 24:00; 24:00 is the end of a day).
func ParseClock(s string) (int, error) {
	if !HasForm(s, ClockForm) {
		return 0, &Error{NotATime, s}
	}
	h, m := number(s[0:2]), number(s[3:5])
	if m > 59 || h > 24 || (h == 24 && m != 0) {
		return 0, &Error{NotATime, s}
	}
	return h*60 + m, nil
}

// ParseDateTime parses YYYY-MM-DDTHH:MM (local, no zone, no seconds). Every error is about
// the whole of s, so its Value is s.
func ParseDateTime(s string) (DateTime, error) {
	if !HasForm(s, DateTimeForm) {
		return 0, &Error{NotADateTime, s}
	}
	d, err := ParseDate(s[:10])
	if err != nil {
		return 0, &Error{NotADay, s}
	}
	c, err := ParseClock(s[11:])
	if err != nil {
		return 0, &Error{NotATime, s}
	}
	if c == MinutesPerDay {
		return 0, &Error{EndOfDay, s}
	}
	return d.At(c), nil
}
