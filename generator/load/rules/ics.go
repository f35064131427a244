package rules

import (
	"fmt"
	"strings"
	"time"

	"github.com/followup-playbook/playbook/generator/load/rules/civil"
)

// ICS writes plan p (computed from in) as an iCalendar file (RFC 5545): one VEVENT per
// step at its suggested time, 15 minutes long, with the window and note in the
// description. With a zone, times carry TZID and a VTIMEZONE describing the zone's offsets
// over the plan's dates is included; with a nil zone they are floating local times.
//
// The output is deterministic: DTSTAMP is the interview time (in UTC when the zone is
// known, else written as if it were UTC), and each UID is built from the interview, the
// step's position and its id, so running the same plan again updates the same events.
func ICS(r *Rules, in Input, p Plan, zone *time.Location) ([]byte, error) {
	iv, err := civil.ParseDateTime(in.Interview)
	if err != nil {
		return nil, fromCivil("interview", err)
	}
	var lines []string
	add := func(format string, args ...any) { lines = append(lines, fmt.Sprintf(format, args...)) }
	add("BEGIN:VCALENDAR")
	add("VERSION:2.0")
	add("PRODID:-//Follow-Up Playbook//playbook plan//EN")
	add("CALSCALE:GREGORIAN")
	add("METHOD:PUBLISH")

	stamp := icsTime(iv) + "Z"
	tzid := ""
	if zone != nil {
		tzid = ";TZID=" + zone.String()
		stamp = toTime(iv, zone).UTC().Format("20060102T150405Z")
		from, to := iv, iv
		for _, s := range p.Steps {
			for _, v := range []string{s.Earliest, s.Suggested, s.Latest} {
				if t, err := civil.ParseDateTime(v); err == nil {
					from, to = min(from, t), max(to, t)
				}
			}
		}
		lines = append(lines, vtimezone(zone, toTime(from.AddDays(-1), zone), toTime(to.AddDays(1), zone))...)
	}
	for i, s := range p.Steps {
		start, err := civil.ParseDateTime(s.Suggested)
		if err != nil {
			return nil, fmt.Errorf("step %d (%s): %w", i+1, s.ID, err)
		}
		title := s.Message
		if sr, ok := r.Step(s.ID); ok {
			title = sr.Title
		}
		add("BEGIN:VEVENT")
		add("UID:%s-%d-%s@followup-playbook", icsTime(iv), i+1, s.ID)
		add("DTSTAMP:%s", stamp)
		add("DTSTART%s:%s", tzid, icsTime(start))
		add("DTEND%s:%s", tzid, icsTime(start.AddMinutes(15)))
		add("SUMMARY:%s", icsText("Send: "+title+" (to "+s.To+")"))
		add("DESCRIPTION:%s", icsText(fmt.Sprintf("%s\nWindow: %s to %s.\nTemplate: %s",
			s.Note, strings.Replace(s.Earliest, "T", " ", 1), strings.Replace(s.Latest, "T", " ", 1), s.Message)))
		add("CATEGORIES:Follow-up,%s", icsText(s.ID)) // the comma separates two categories
		add("TRANSP:TRANSPARENT")
		add("END:VEVENT")
	}
	add("END:VCALENDAR")
	var b strings.Builder
	for _, l := range lines {
		b.WriteString(fold(l))
	}
	return []byte(b.String()), nil
}

// icsTime formats a civil time as an iCalendar local DATE-TIME.
func icsTime(t civil.DateTime) string {
	y, m, d := t.Date().YMD()
	c := t.Clock()
	return fmt.Sprintf("%04d%02d%02dT%02d%02d00", y, m, d, c/60, c%60)
}

// toTime places a civil time in zone, the only place the plan meets real time.
func toTime(t civil.DateTime, zone *time.Location) time.Time {
	y, m, d := t.Date().YMD()
	c := t.Clock()
	return time.Date(y, time.Month(m), d, c/60, c%60, 0, 0, zone)
}

// icsText escapes a TEXT value: backslash, semicolon, comma and newlines (RFC 5545 3.3.11).
func icsText(s string) string {
	return strings.NewReplacer(`\`, `\\`, ";", `\;`, ",", `\,`, "\r\n", `\n`, "\n", `\n`, "\r", `\n`).Replace(s)
}

// fold ends a content line with CRLF, folding it so that no line is longer than 75
// octets; continuation lines start with a space. It never splits a UTF-8 sequence.
func fold(line string) string {
	var b strings.Builder
	limit := 75
	for len(line) > limit {
		cut := limit
		for cut > 0 && line[cut]&0xC0 == 0x80 {
			cut--
		}
		b.WriteString(line[:cut])
		b.WriteString("\r\n ")
		line = line[cut:]
		limit = 74 // the leading space counts
	}
	b.WriteString(line)
	b.WriteString("\r\n")
	return b.String()
}

// vtimezone describes zone's offsets from "from" to "to": the period in force at from, and
// one STANDARD or DAYLIGHT component for every change before to.
func vtimezone(zone *time.Location, from, to time.Time) []string {
	lines := []string{"BEGIN:VTIMEZONE", "TZID:" + zone.String()}
	t := from
	for {
		name, offset := t.Zone()
		start, end := t.ZoneBounds()
		kind := "STANDARD"
		if t.IsDST() {
			kind = "DAYLIGHT"
		}
		fromOffset, onset := offset, "19700101T000000"
		if !start.IsZero() {
			_, fromOffset = start.Add(-time.Second).Zone()
			onset = start.UTC().Add(time.Duration(fromOffset) * time.Second).Format("20060102T150405")
		}
		lines = append(lines, "BEGIN:"+kind, "DTSTART:"+onset,
			"TZOFFSETFROM:"+icsOffset(fromOffset), "TZOFFSETTO:"+icsOffset(offset), "TZNAME:"+icsText(name), "END:"+kind)
		if end.IsZero() || !end.Before(to) {
			break
		}
		t = end
	}
	return append(lines, "END:VTIMEZONE")
}

// icsOffset formats seconds east of UTC as +HHMM, or +HHMMSS when there are seconds.
func icsOffset(sec int) string {
	sign := "+"
	if sec < 0 {
		sign, sec = "-", -sec
	}
	s := fmt.Sprintf("%s%02d%02d", sign, sec/3600, sec/60%60)
	if sec%60 != 0 {
		s += fmt.Sprintf("%02d", sec%60)
	}
	return s
}
