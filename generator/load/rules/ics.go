package rules

import (
	"fmt"
	"hash/fnv"
	"strings"
	"time"

	"github.com/followup-playbook/playbook/generator/load/config"
	"github.com/followup-playbook/playbook/generator/load/rules/civil"
)

// Calendar names who makes a site's calendar files: the organisation in PRODID and the
// domain every event's UID ends with (rules.json's calendar, which static/js/calendar.js
// reads). A field left empty takes DefaultCalendar's.
type Calendar struct {
	Name   string
	Domain string
}

// DefaultCalendar is the maker of a site without a brand, as every file said before sites
// had one.
var DefaultCalendar = Calendar{Name: "Follow-Up Playbook", Domain: "followup-playbook"}

// CalendarOf is the maker of cfg's calendar files: its brand's name (the title by default)
// and the host of its baseURL (config.UIDDomain).
func CalendarOf(cfg config.Config) Calendar {
	return Calendar{Name: cfg.Brand.Name, Domain: cfg.UIDDomain()}
}

// orDefault is c with DefaultCalendar's value in each empty field.
func (c Calendar) orDefault() Calendar {
	if c.Name == "" {
		c.Name = DefaultCalendar.Name
	}
	if c.Domain == "" {
		c.Domain = DefaultCalendar.Domain
	}
	return c
}

// ProdID is the PRODID line of c's files, "PRODID:-//Name//playbook plan//EN", escaped as
// TEXT, with the characters that would end the name's part ("/" and line breaks) left out.
func (c Calendar) ProdID() string {
	name := strings.Map(func(r rune) rune {
		if r == '/' || r < ' ' {
			return -1
		}
		return r
	}, c.orDefault().Name)
	return "PRODID:" + icsText("-//"+name+"//playbook plan//EN")
}

// ICSOptions are what a calendar file needs besides the plan. static/js/calendar.js's ics
// takes the same options by the same names, and must write the same bytes.
type ICSOptions struct {
	// Zone is the candidate's time zone, in which the plan's civil times are read; the
	// file gives every time in UTC ("Z"), which every calendar reads the same way.
	Zone *time.Location
	// Now is the time of export: DTSTAMP, and SEQUENCE, its minutes since 1970, which rise
	// from one export to the next with no stored history, so a re-import updates.
	Now time.Time
	// Key names the interview in every UID: the companion's interview id, or "" for
	// InterviewKey of the input.
	Key string
	// Pages are, by step, the links to the filled template pages ("" or missing: none).
	Pages []string
	// Cancel are steps of an earlier export that the plan no longer has (Dropped), sent
	// with their UIDs as STATUS:CANCELLED.
	Cancel []Step
}

// ICS writes plan p (computed from in) as an iCalendar file (RFC 5545): one VEVENT per
// step at its suggested time, 15 minutes long, in UTC, with a display alarm at its start
// (Google Calendar ignores alarms on import), then one cancelled VEVENT per opt.Cancel.
// r.Calendar names who made it.
//
// A UID names the interview, the step and the person (stepUIDs), never a position, so an
// event keeps its UID when other steps come or go.
func ICS(r *Rules, in Input, p Plan, opt ICSOptions) ([]byte, error) {
	if opt.Zone == nil {
		return nil, fmt.Errorf("a calendar file needs the candidate's time zone")
	}
	key := opt.Key
	if key == "" {
		key = InterviewKey(in)
	}
	now := opt.Now.UTC()
	lines := []string{"BEGIN:VCALENDAR", "VERSION:2.0", r.Calendar.ProdID(), "CALSCALE:GREGORIAN", "METHOD:PUBLISH"}
	uids := stepUIDs(r.Calendar.orDefault().Domain, key, append(append([]Step{}, p.Steps...), opt.Cancel...))
	for i, s := range append(append([]Step{}, p.Steps...), opt.Cancel...) {
		start, err := civil.ParseDateTime(s.Suggested)
		if err != nil {
			return nil, fmt.Errorf("step %d (%s): %w", i+1, s.ID, err)
		}
		at := UTC(start, opt.Zone)
		summary := EventSummary(r, in, s)
		page := ""
		if i < len(opt.Pages) {
			page = opt.Pages[i]
		}
		lines = append(lines, "BEGIN:VEVENT",
			"UID:"+icsText(uids[i]),
			"DTSTAMP:"+utcStamp(now),
			fmt.Sprintf("SEQUENCE:%d", max(0, now.Unix()/60)),
			"DTSTART:"+utcStamp(at),
			"DTEND:"+utcStamp(at.Add(15*time.Minute)),
			"SUMMARY:"+icsText(summary),
			"DESCRIPTION:"+icsText(EventDetails(s, page)),
			"CATEGORIES:Follow-up,"+icsText(s.ID), // the comma separates two categories
			"TRANSP:TRANSPARENT")
		if i >= len(p.Steps) {
			lines = append(lines, "STATUS:CANCELLED", "END:VEVENT")
			continue
		}
		lines = append(lines, "STATUS:CONFIRMED",
			"BEGIN:VALARM", "ACTION:DISPLAY", "DESCRIPTION:"+icsText(summary), "TRIGGER:PT0S", "END:VALARM",
			"END:VEVENT")
	}
	lines = append(lines, "END:VCALENDAR")
	var b strings.Builder
	for _, l := range lines {
		b.WriteString(fold(l))
	}
	return []byte(b.String()), nil
}

// EventSummary is a step's event title: what to send, to whom, for which application
// ("Thank-you note to one interviewer, to Ana Ruiz: Northwind, Data Analyst").
func EventSummary(r *Rules, in Input, s Step) string {
	title := s.Message
	if sr, ok := r.Step(s.ID); ok {
		title = sr.Title
	}
	summary := title + ", to " + s.To
	var job []string
	for _, v := range []string{in.Company, in.Role} {
		if v = strings.TrimSpace(v); v != "" {
			job = append(job, v)
		}
	}
	if len(job) > 0 {
		summary += ": " + strings.Join(job, ", ")
	}
	return summary
}

// EventDetails is a step's event description: its note, its window, and the link to its
// filled template page (or the template's id without one).
func EventDetails(s Step, page string) string {
	if page == "" {
		page = s.Message
	}
	return fmt.Sprintf("%s\nWindow: %s to %s.\nTemplate: %s",
		s.Note, strings.Replace(s.Earliest, "T", " ", 1), strings.Replace(s.Latest, "T", " ", 1), page)
}

// Dropped returns the steps of before that after no longer has, matched by step and
// person: what a re-export sends as cancelled, such as the chasers a rejection dropped.
func Dropped(before, after Plan) []Step {
	kept := map[[2]string]bool{}
	for _, s := range after.Steps {
		kept[[2]string{s.ID, s.To}] = true
	}
	var out []Step
	for _, s := range before.Steps {
		if !kept[[2]string{s.ID, s.To}] {
			out = append(out, s)
		}
	}
	return out
}

// InterviewKey names an interview that has no id (the calculator's): "iv-" and the FNV-1a
// hash, in hex, of its start, company and role, joined by U+001F.
func InterviewKey(in Input) string {
	return "iv-" + hash32(in.Interview+"\x1f"+in.Company+"\x1f"+in.Role)
}

// stepUIDs are the UIDs of steps of the interview named key, "key.step.person@domain", a
// second (third, …) step of the same kind to the same person getting "~2" (~3, …), so that
// no two events of a file share one. The person is slugged to ASCII letters, digits and
// "-"; when that loses anything (case aside) or leaves nothing, the name's hash is added,
// so two names never share one.
func stepUIDs(domain, key string, steps []Step) []string {
	seen := map[string]int{}
	out := make([]string, len(steps))
	for i, s := range steps {
		base := key + "." + s.ID + "." + personSlug(s.To)
		seen[base]++
		if n := seen[base]; n > 1 {
			base += fmt.Sprintf("~%d", n)
		}
		out[i] = base + "@" + domain
	}
	return out
}

// personSlug is name in lower-case ASCII letters and digits, each run of anything else
// "-", trimmed; with the name's hash added when it held anything but ASCII letters, digits
// and spaces, or nothing is left.
func personSlug(name string) string {
	var b strings.Builder
	lossy, dash := false, false
	for i := 0; i < len(name); i++ {
		c := name[i]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c >= 'a' && c <= 'z' || c >= '0' && c <= '9' {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteByte(c)
			dash = false
			continue
		}
		lossy = lossy || c != ' '
		dash = true
	}
	slug := b.String()
	if lossy || slug == "" {
		slug = strings.TrimPrefix(slug+"-"+hash32(name), "-")
	}
	return slug
}

// hash32 is the 32-bit FNV-1a hash of s's UTF-8 bytes, as 8 hex digits.
func hash32(s string) string {
	h := fnv.New32a()
	h.Write([]byte(s))
	return fmt.Sprintf("%08x", h.Sum32())
}

// UTC is civil time t read in zone, by one rule at clock changes: a time is read with the
// offset in force the day before it when that offset holds at the instant it gives, else
// with the offset the day after when that holds, else (a time the change skips) with the
// offset before, which moves it forward by the gap. A repeated time is thus its first.
func UTC(t civil.DateTime, zone *time.Location) time.Time {
	y, m, d := t.Date().YMD()
	c := t.Clock()
	wall := time.Date(y, time.Month(m), d, c/60, c%60, 0, 0, time.UTC).Unix()
	offset := func(unix int64) int64 {
		_, o := time.Unix(unix, 0).In(zone).Zone()
		return int64(o)
	}
	before, after := offset(wall-86400), offset(wall+86400)
	switch {
	case offset(wall-before) == before:
		return time.Unix(wall-before, 0).UTC()
	case offset(wall-after) == after:
		return time.Unix(wall-after, 0).UTC()
	}
	return time.Unix(wall-before, 0).UTC()
}

// utcStamp formats t as an iCalendar UTC DATE-TIME.
func utcStamp(t time.Time) string {
	return t.UTC().Format("20060102T150405Z")
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
