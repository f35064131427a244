package rules

import (
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/followup-playbook/playbook/generator/load/rules/civil"
)

// checkICS asserts the RFC 5545 structure: CRLF line ends only, lines of at most 75
// octets, folds that split no UTF-8 sequence, balanced BEGIN/END, the required properties,
// and one VEVENT per step. It returns the unfolded content lines.
func checkICS(t *testing.T, ics string, steps int) []string {
	t.Helper()
	if !strings.HasSuffix(ics, "\r\n") {
		t.Error("the file does not end with CRLF")
	}
	if strings.Contains(strings.ReplaceAll(ics, "\r\n", ""), "\n") || strings.Contains(strings.ReplaceAll(ics, "\r\n", ""), "\r") {
		t.Error("a bare LF or CR outside a CRLF")
	}
	physical := strings.Split(strings.TrimSuffix(ics, "\r\n"), "\r\n")
	var lines []string
	for i, l := range physical {
		if len(l) > 75 {
			t.Errorf("line %d is %d octets: %q", i+1, len(l), l)
		}
		if !utf8.ValidString(l) {
			t.Errorf("line %d splits a UTF-8 sequence: %q", i+1, l)
		}
		if strings.HasPrefix(l, " ") {
			if len(lines) == 0 {
				t.Fatal("the file starts with a continuation line")
			}
			lines[len(lines)-1] += l[1:]
			continue
		}
		lines = append(lines, l)
	}
	var stack []string
	events := 0
	props := map[string]int{}
	for _, l := range lines {
		name, value, ok := strings.Cut(l, ":")
		if !ok {
			t.Errorf("content line without a colon: %q", l)
			continue
		}
		switch name {
		case "BEGIN":
			stack = append(stack, value)
			if value == "VEVENT" {
				events++
				props = map[string]int{}
			}
		case "END":
			if len(stack) == 0 || stack[len(stack)-1] != value {
				t.Errorf("END:%s does not close %v", value, stack)
			} else {
				stack = stack[:len(stack)-1]
			}
			if value == "VEVENT" {
				for _, p := range []string{"UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY"} {
					if props[p] != 1 {
						t.Errorf("a VEVENT has %d %s", props[p], p)
					}
				}
			}
		default:
			base, _, _ := strings.Cut(name, ";")
			props[base]++
		}
	}
	if len(stack) != 0 {
		t.Errorf("unclosed components %v", stack)
	}
	if lines[0] != "BEGIN:VCALENDAR" || lines[1] != "VERSION:2.0" || !strings.HasPrefix(lines[2], "PRODID:") {
		t.Errorf("calendar starts %q", lines[:3])
	}
	if events != steps {
		t.Errorf("%d events, want %d", events, steps)
	}
	return lines
}

// icsNow is the export time the tests pin, as plan --now does.
var icsNow = time.Date(2026, 3, 14, 9, 30, 15, 0, time.UTC)

func TestICS(t *testing.T) {
	r := loadSite(t)
	london, err := time.LoadLocation("Europe/London")
	if err != nil {
		t.Skip("no time zone database:", err)
	}
	in := Input{Interview: "2026-03-13T10:00", Interviewers: []string{"Priya, Head of Data; \\ Team", "Zoë Ångström-Łukasiewicz", "Ana Ruiz"},
		Company: "Northwind", Role: "Data Analyst"}
	p, err := r.Plan(in)
	if err != nil {
		t.Fatal(err)
	}
	out, err := ICS(r, in, p, ICSOptions{Zone: london, Now: icsNow, Pages: []string{"https://example.test/templates/thank-you/#interviewer_name=Priya"}})
	if err != nil {
		t.Fatal(err)
	}
	lines := checkICS(t, string(out), len(p.Steps))
	joined := strings.Join(lines, "\n")
	key := InterviewKey(in)
	for _, want := range []string{
		"DTSTART:20260313T130000Z", // a friday morning interview in winter: GMT is UTC
		"DTEND:20260313T131500Z",
		"DTSTAMP:20260314T093015Z",
		fmt.Sprintf("SEQUENCE:%d", icsNow.Unix()/60),
		"UID:" + key + ".thank-you.ana-ruiz@followup-playbook",
		`SUMMARY:Thank-you note to one interviewer\, to Priya\, Head of Data\; \\ Team: Northwind\, Data Analyst`,
		`SUMMARY:Thank-you note to one interviewer\, to Ana Ruiz: Northwind\, Data Analyst`,
		"Template: https://example.test/templates/thank-you/#interviewer_name=Priya",
		"BEGIN:VALARM\nACTION:DISPLAY",
		"TRIGGER:PT0S\nEND:VALARM\nEND:VEVENT",
	} {
		if !strings.Contains(joined, want) {
			t.Errorf("calendar lacks %q", want)
		}
	}
	if strings.Contains(joined, "TZID") || regexp.MustCompile(`(?m)^DT(START|END):\d{8}T\d{6}$`).MatchString(joined) {
		t.Error("a time that is not UTC")
	}
	golden(t, "plan.ics", out)

	// After the change to summer time on 29 March, 13:00 in London is 12:00 UTC.
	in2 := Input{Interview: "2026-07-01T10:00"}
	p2, _ := r.Plan(in2)
	out2, err := ICS(r, in2, p2, ICSOptions{Zone: london, Now: icsNow})
	if err != nil {
		t.Fatal(err)
	}
	checkICS(t, string(out2), len(p2.Steps))
	if !strings.Contains(string(out2), "\r\nDTSTART:20260701T120000Z\r\n") {
		t.Errorf("a summer thank-you is not at 12:00 UTC:\n%s", out2)
	}
	if _, err := ICS(r, in2, p2, ICSOptions{Now: icsNow}); err == nil {
		t.Error("a calendar without a zone was written")
	}
}

func TestUTCAtClockChanges(t *testing.T) {
	zones := map[string]*time.Location{}
	for _, name := range []string{"Europe/London", "America/Los_Angeles", "Pacific/Auckland", "Asia/Kolkata"} {
		z, err := time.LoadLocation(name)
		if err != nil {
			t.Skip("no time zone database:", err)
		}
		zones[name] = z
	}
	for _, c := range []struct{ zone, civil, want, why string }{
		{"Europe/London", "2026-03-29T00:59", "2026-03-29T00:59:00Z", "just before the change"},
		{"Europe/London", "2026-03-29T01:30", "2026-03-29T01:30:00Z", "skipped: forward by the gap, to 02:30 BST"},
		{"Europe/London", "2026-03-29T02:00", "2026-03-29T01:00:00Z", "the first minute after"},
		{"Europe/London", "2026-10-25T01:30", "2026-10-25T00:30:00Z", "repeated: the first, in BST"},
		{"Europe/London", "2026-10-25T02:00", "2026-10-25T02:00:00Z", "after the repeat"},
		{"America/Los_Angeles", "2026-03-08T02:15", "2026-03-08T10:15:00Z", "skipped: 03:15 PDT"},
		{"America/Los_Angeles", "2026-11-01T01:15", "2026-11-01T08:15:00Z", "repeated: the first, in PDT"},
		{"Pacific/Auckland", "2026-04-05T02:30", "2026-04-04T13:30:00Z", "repeated: the first, in NZDT"},
		{"Pacific/Auckland", "2026-09-27T02:30", "2026-09-26T14:30:00Z", "skipped: 03:30 NZDT"},
		{"Asia/Kolkata", "2026-03-29T01:30", "2026-03-28T20:00:00Z", "no change at all"},
	} {
		dt, err := civil.ParseDateTime(c.civil)
		if err != nil {
			t.Fatal(err)
		}
		if got := UTC(dt, zones[c.zone]).Format(time.RFC3339); got != c.want {
			t.Errorf("%s in %s (%s): %s, want %s", c.civil, c.zone, c.why, got, c.want)
		}
	}
}

func TestStepUIDs(t *testing.T) {
	r := loadSite(t)
	utc := time.UTC
	uids := func(in Input, cancel bool) map[string]string {
		p, err := r.Plan(in)
		if err != nil {
			t.Fatal(err)
		}
		opt := ICSOptions{Zone: utc, Now: icsNow, Key: "a1b2c3"}
		if cancel {
			open := in
			open.Rejected = ""
			before, _ := r.Plan(open)
			opt.Cancel = Dropped(before, p)
		}
		out, err := ICS(r, in, p, opt)
		if err != nil {
			t.Fatal(err)
		}
		byUID := map[string]string{}
		var uid, summary string
		for _, l := range checkICS(t, string(out), len(p.Steps)+len(opt.Cancel)) {
			switch {
			case strings.HasPrefix(l, "UID:"):
				uid = l[4:]
			case strings.HasPrefix(l, "SUMMARY:"):
				summary = l[8:]
			case l == "STATUS:CANCELLED":
				summary = "cancelled " + summary
			case l == "END:VEVENT":
				if _, dup := byUID[uid]; dup {
					t.Errorf("two events share UID %s", uid)
				}
				byUID[uid] = summary
			}
		}
		return byUID
	}
	base := Input{Interview: "2026-03-12T14:00", Interviewers: []string{"Ana Ruiz", "Bo"}}
	two := uids(base, false)
	three := base
	three.Interviewers = []string{"Ana Ruiz", "Chris", "Bo"}
	withChris := uids(three, false)
	for uid, summary := range two {
		if withChris[uid] != summary {
			t.Errorf("adding Chris changed %s from %q to %q", uid, summary, withChris[uid])
		}
	}
	if len(withChris) <= len(two) {
		t.Errorf("adding an interviewer added no event: %d, then %d", len(two), len(withChris))
	}
	if _, ok := two["a1b2c3.thank-you.ana-ruiz@followup-playbook"]; !ok {
		t.Errorf("no UID names the interview, the step and the person: %v", two)
	}

	rejected := base
	rejected.Rejected = "2026-03-13"
	after := uids(rejected, true)
	cancelled := 0
	for uid, summary := range after {
		if strings.HasPrefix(summary, "cancelled ") {
			cancelled++
			if two[uid] != strings.TrimPrefix(summary, "cancelled ") {
				t.Errorf("cancelled %s is not the event the first export had: %q", uid, summary)
			}
		}
	}
	if cancelled == 0 {
		t.Error("a rejection cancelled no chaser")
	}

	for _, c := range []struct{ name, want string }{
		{"Ana Ruiz", "ana-ruiz"},
		{"ana  ruiz ", "ana-ruiz"},
		{"Zoë Ødegård", "zo-deg-rd-" + hash32("Zoë Ødegård")},
		{"李雷", hash32("李雷")},
		{"", hash32("")},
		{"your interviewer", "your-interviewer"},
	} {
		if got := personSlug(c.name); got != c.want {
			t.Errorf("personSlug(%q) = %q, want %q", c.name, got, c.want)
		}
	}
}

func TestFoldAndEscape(t *testing.T) {
	long := "DESCRIPTION:" + strings.Repeat("é", 100) + strings.Repeat("x", 80)
	folded := fold(long)
	parts := strings.Split(strings.TrimSuffix(folded, "\r\n"), "\r\n")
	if len(parts) < 3 {
		t.Fatalf("folded into %d lines", len(parts))
	}
	var back strings.Builder
	for i, p := range parts {
		if len(p) > 75 || !utf8.ValidString(p) {
			t.Errorf("part %d: %d octets, valid %v", i, len(p), utf8.ValidString(p))
		}
		if i > 0 {
			if p[0] != ' ' {
				t.Errorf("part %d does not start with a space", i)
			}
			p = p[1:]
		}
		back.WriteString(p)
	}
	if back.String() != long {
		t.Error("unfolding does not give the line back")
	}
	if got := fold("SHORT:x"); got != "SHORT:x\r\n" {
		t.Errorf("fold(short) = %q", got)
	}
	if got := icsText("a,b;c\\d\ne\r\nf"); got != `a\,b\;c\\d\ne\nf` {
		t.Errorf("icsText = %q", got)
	}
}

// TestICSNamesItsMaker: a site's brand names the file's maker and ends every UID; a site
// without one writes what every file said before, and rules.json carries the maker only
// when it is not the default, for calendar.js to name it alike (TestParityWithBrowserEngine).
func TestICSNamesItsMaker(t *testing.T) {
	base := loadSite(t)
	in := Input{Interview: "2026-03-13T10:00", Interviewers: []string{"Ana Ruiz"}}
	p, err := base.Plan(in)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name     string
		calendar Calendar
		prodID   string
		domain   string
		inJSON   string // "" for no calendar key
	}{
		{"no brand", Calendar{}, "PRODID:-//Follow-Up Playbook//playbook plan//EN", "@followup-playbook", ""},
		{"the default, set", DefaultCalendar, "PRODID:-//Follow-Up Playbook//playbook plan//EN", "@followup-playbook", ""},
		{"a brand", Calendar{Name: "Example Agency", Domain: "example-agency.com"}, "PRODID:-//Example Agency//playbook plan//EN", "@example-agency.com",
			`"calendar": {
    "name": "Example Agency",
    "domain": "example-agency.com"
  }`},
		{"a name that needs escaping", Calendar{Name: "A/B; C,\nD"}, `PRODID:-//AB\; C\,D//playbook plan//EN`, "@followup-playbook", `"name": "A/B; C,\nD"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := *base
			r.Calendar = tt.calendar
			out, err := ICS(&r, in, p, ICSOptions{Zone: time.UTC, Now: icsNow})
			if err != nil {
				t.Fatal(err)
			}
			lines := checkICS(t, string(out), len(p.Steps))
			if lines[2] != tt.prodID {
				t.Errorf("PRODID line %q, want %q", lines[2], tt.prodID)
			}
			for _, l := range lines {
				if strings.HasPrefix(l, "UID:") && !strings.HasSuffix(l, tt.domain) {
					t.Errorf("%s does not end with %s", l, tt.domain)
				}
			}
			doc, err := JSON(&r)
			if err != nil {
				t.Fatal(err)
			}
			if has := strings.Contains(string(doc), `"calendar"`); has != (tt.inJSON != "") || !strings.Contains(string(doc), tt.inJSON) {
				t.Errorf("rules.json has calendar %v, want %q", has, tt.inJSON)
			}
		})
	}
}
