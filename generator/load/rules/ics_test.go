package rules

import (
	"strings"
	"testing"
	"time"
	"unicode/utf8"
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

func TestICS(t *testing.T) {
	r := loadSite(t)
	london, err := time.LoadLocation("Europe/London")
	if err != nil {
		t.Skip("no time zone database:", err)
	}
	in := Input{Interview: "2026-03-13T10:00", Interviewers: []string{"Priya, Head of Data; \\ Team", "Zoë Ångström-Łukasiewicz"}}
	p, err := r.Plan(in)
	if err != nil {
		t.Fatal(err)
	}
	out, err := ICS(r, in, p, london)
	if err != nil {
		t.Fatal(err)
	}
	lines := checkICS(t, string(out), len(p.Steps))
	joined := strings.Join(lines, "\n")
	for _, want := range []string{
		"TZID:Europe/London",
		// The plan spans the change to summer time on 29 March 2026 at 01:00 GMT.
		"BEGIN:DAYLIGHT\nDTSTART:20260329T010000\nTZOFFSETFROM:+0000\nTZOFFSETTO:+0100\nTZNAME:BST\nEND:DAYLIGHT",
		"DTSTART;TZID=Europe/London:20260313T130000", // a friday morning interview: the note goes that day
		"DTEND;TZID=Europe/London:20260313T131500",
		"DTSTAMP:20260313T100000Z",
		"UID:20260313T100000-1-thank-you@followup-playbook",
		`SUMMARY:Send: Thank-you note to one interviewer (to Priya\, Head of Data\; \\ Team)`,
	} {
		if !strings.Contains(joined, want) {
			t.Errorf("calendar lacks %q", want)
		}
	}
	golden(t, "plan.ics", out)

	// Summer: DTSTAMP is the interview converted to UTC.
	in2 := Input{Interview: "2026-07-01T10:00"}
	p2, _ := r.Plan(in2)
	out2, err := ICS(r, in2, p2, london)
	if err != nil {
		t.Fatal(err)
	}
	checkICS(t, string(out2), len(p2.Steps))
	if !strings.Contains(string(out2), "DTSTAMP:20260701T090000Z") {
		t.Error("a summer interview's DTSTAMP is not 09:00 UTC")
	}
}

func TestICSFloating(t *testing.T) {
	r := loadSite(t)
	in := Input{Interview: "2026-03-12T14:00", Rejected: "2026-03-13"}
	p, err := r.Plan(in)
	if err != nil {
		t.Fatal(err)
	}
	out, err := ICS(r, in, p, nil)
	if err != nil {
		t.Fatal(err)
	}
	s := string(out)
	checkICS(t, s, len(p.Steps))
	if strings.Contains(s, "TZID") || strings.Contains(s, "VTIMEZONE") {
		t.Error("a calendar without a zone names one")
	}
	if !strings.Contains(s, "\r\nDTSTART:20260312T170000\r\n") {
		t.Error("no floating DTSTART for the thank-you")
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
	if got := icsOffset(-(5*3600 + 30*60)); got != "-0530" {
		t.Errorf("icsOffset = %q", got)
	}
	if got := icsOffset(-75); got != "-000115" {
		t.Errorf("icsOffset with seconds = %q", got)
	}
}
