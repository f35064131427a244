package main

import (
	"fmt"
	"strings"

	"github.com/followup-playbook/playbook/generator/load/rules"
)

// A calendar event of `playbook plan --format ics` links to its step's template page,
// filled in for the interview, as the calculator's events do (templateLink in
// static/js/calculator.js, which TestTemplatePagesAsTheCalculator runs beside this): so
// the file stays, byte for byte, the one the calculator makes for the same interview.

// templatePages are, by step of p (planned by r for in), the address of its template page
// on the site at baseURL, filled in through the URL fragment as fill.js reads it: the
// interviewer a per-person step is to, when names were given, the interview's day, and
// premium=1 with a LinkedIn limit of its own. Nil when baseURL names no host, since a
// calendar cannot open a path.
func templatePages(baseURL string, r *rules.Rules, in rules.Input, p rules.Plan) []string {
	if !strings.HasPrefix(baseURL, "https://") && !strings.HasPrefix(baseURL, "http://") {
		return nil
	}
	var y, m, d int
	day := ""
	if _, err := fmt.Sscanf(in.Interview, "%4d-%2d-%2dT", &y, &m, &d); err == nil && m >= 1 && m <= 12 {
		day = fmt.Sprintf("%d %s", d, months[m-1])
	}
	pages := make([]string, len(p.Steps))
	for i, s := range p.Steps {
		var frag []string
		add := func(k, v string) {
			if v != "" {
				frag = append(frag, k+"="+encodeURIComponent(v))
			}
		}
		if sr, ok := r.Step(s.ID); ok && sr.PerInterviewer && len(in.Interviewers) > 0 {
			add("interviewer_name", s.To)
		}
		add("interview_date", day)
		if in.LinkedInLimit > 0 {
			add("premium", "1")
		}
		// generator.MessageURL's path, as the calculator writes it.
		pages[i] = baseURL + "templates/" + s.Message + "/#" + strings.Join(frag, "&")
	}
	return pages
}

// months are the months' names, as the calculator writes "12 March".
var months = strings.Fields("January February March April May June July August September October November December")

// encodeURIComponent escapes s as JavaScript's encodeURIComponent does: every byte of its
// UTF-8 but letters, digits and -_.!~*'().
func encodeURIComponent(s string) string {
	var b strings.Builder
	for _, c := range []byte(s) {
		if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || strings.IndexByte("-_.!~*'()", c) >= 0 {
			b.WriteByte(c)
		} else {
			fmt.Fprintf(&b, "%%%02X", c)
		}
	}
	return b.String()
}
