package rules

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/followup-playbook/playbook/generator/diag"
	"github.com/followup-playbook/playbook/generator/load/messages"
	"github.com/followup-playbook/playbook/generator/load/rules/civil"
)

var (
	siteOnce  sync.Once
	siteRules *Rules
	siteMsgs  []*messages.Message
	siteErr   error
)

// loadSite compiles the rules of the fixture site, testdata/site (a copy of the default
// site's messages and policy, so editing the site's content breaks only the content's own
// tests), once for all tests.
func loadSite(t testing.TB) *Rules {
	t.Helper()
	siteOnce.Do(func() { siteRules, siteMsgs, siteErr = Load(os.DirFS("testdata/site")) })
	if siteErr != nil {
		t.Fatalf("loading the site's rules:\n%s", diag.Report(siteErr))
	}
	return siteRules
}

// summary writes each step as "suggested id to earliest..latest", then its status, when it
// was sent and each fact that moved it as <fact step to> or <replied on>, the form the
// tables below are written in, and the end as "end: ...".
func summary(p Plan) []string {
	var out []string
	for _, s := range p.Steps {
		line := fmt.Sprintf("%s %s %s %s..%s", s.Suggested, s.ID, s.To, s.Earliest, s.Latest)
		if s.Status != "" {
			line += " " + s.Status
		}
		if s.Sent != "" {
			line += " sent " + s.Sent
		}
		for _, m := range s.MovedBy {
			line += " <" + strings.Join(slices.DeleteFunc([]string{m.Fact, m.Step, m.To, m.On}, func(s string) bool { return s == "" }), " ") + ">"
		}
		out = append(out, line)
	}
	out = append(out, "end: "+p.End)
	if p.Holidays != "" {
		out = append(out, "holidays: "+p.Holidays)
	}
	return out
}

// planCase is one engine case; the same cases are the shared test vectors.
type planCase struct {
	name string
	in   Input
	want []string
	// notes holds substrings expected in the note of the step with that id.
	notes map[string]string
}

func planCases() []planCase {
	priya := []string{"Priya"}
	return []planCase{
		{name: "thursday afternoon, no decision date: chasers 14 and 21 days after the thank-you",
			in: Input{Interview: "2026-03-12T15:00", Interviewers: priya},
			want: []string{
				"2026-03-13T08:00 thank-you Priya 2026-03-12T16:00..2026-03-13T16:00",
				"2026-03-16T08:00 linkedin Priya 2026-03-16T08:00..2026-03-20T08:00",
				"2026-03-27T09:00 chaser hiring manager 2026-03-27T08:00..2026-03-27T18:00",
				"2026-04-03T09:00 second-chaser hiring manager 2026-04-03T08:00..2026-04-03T18:00",
				"end: no reply: move on",
			},
			notes: map[string]string{"thank-you": "Within 24 hours", "chaser": "No decision date was given, so wait 14 days", "second-chaser": "voicemail script", "linkedin": "at most 200 characters"}},
		{name: "late on a thursday, two interviewers: both notes first thing friday",
			in: Input{Interview: "2026-03-12T19:30", Interviewers: []string{"Priya", "Tom Baker"}},
			want: []string{
				"2026-03-13T08:00 thank-you Priya 2026-03-12T20:30..2026-03-13T20:30",
				"2026-03-13T08:00 thank-you Tom Baker 2026-03-12T20:30..2026-03-13T20:30",
				"2026-03-16T08:00 linkedin Priya 2026-03-16T08:00..2026-03-20T08:00",
				"2026-03-16T08:00 linkedin Tom Baker 2026-03-16T08:00..2026-03-20T08:00",
				"2026-03-27T09:00 chaser hiring manager 2026-03-27T08:00..2026-03-27T18:00",
				"2026-04-03T09:00 second-chaser hiring manager 2026-04-03T08:00..2026-04-03T18:00",
				"end: no reply: move on",
			}},
		{name: "friday morning: the thank-you goes the same friday, not monday (issue 16)",
			in: Input{Interview: "2026-03-13T09:00", Interviewers: priya},
			want: []string{
				"2026-03-13T12:00 thank-you Priya 2026-03-13T10:00..2026-03-14T10:00",
				"2026-03-16T12:00 linkedin Priya 2026-03-16T12:00..2026-03-20T12:00",
				"2026-03-27T09:00 chaser hiring manager 2026-03-27T08:00..2026-03-27T18:00",
				"2026-04-03T09:00 second-chaser hiring manager 2026-04-03T08:00..2026-04-03T18:00",
				"end: no reply: move on",
			},
			notes: map[string]string{"thank-you": "Within 24 hours"}},
		{name: "friday with the same-day policy",
			in: Input{Interview: "2026-03-13T10:00", Interviewers: priya, Weekend: "same-day"},
			want: []string{
				"2026-03-13T13:00 thank-you Priya 2026-03-13T11:00..2026-03-14T11:00",
				"2026-03-16T13:00 linkedin Priya 2026-03-16T13:00..2026-03-20T13:00",
				"2026-03-27T09:00 chaser hiring manager 2026-03-27T08:00..2026-03-27T18:00",
				"2026-04-03T09:00 second-chaser hiring manager 2026-04-03T08:00..2026-04-03T18:00",
				"end: no reply: move on",
			},
			notes: map[string]string{"thank-you": "Within 24 hours"}},
		{name: "friday 17:30 same-day: nothing before the end plus 2 hours, so monday",
			in: Input{Interview: "2026-03-13T17:30", Interviewers: priya, Weekend: "same-day"},
			want: []string{
				"2026-03-16T08:00 thank-you Priya 2026-03-13T18:30..2026-03-16T18:00",
				"2026-03-17T08:00 linkedin Priya 2026-03-17T08:00..2026-03-23T08:00",
				"2026-03-30T09:00 chaser hiring manager 2026-03-30T08:00..2026-03-30T18:00",
				"2026-04-06T09:00 second-chaser hiring manager 2026-04-06T08:00..2026-04-06T18:00",
				"end: no reply: move on",
			}},
		{name: "friday 19:00 same-day: no business hours left in the window, so monday",
			in: Input{Interview: "2026-03-13T19:00", Interviewers: priya, Weekend: "same-day"},
			want: []string{
				"2026-03-16T08:00 thank-you Priya 2026-03-13T20:00..2026-03-16T18:00",
				"2026-03-17T08:00 linkedin Priya 2026-03-17T08:00..2026-03-23T08:00",
				"2026-03-30T09:00 chaser hiring manager 2026-03-30T08:00..2026-03-30T18:00",
				"2026-04-06T09:00 second-chaser hiring manager 2026-04-06T08:00..2026-04-06T18:00",
				"end: no reply: move on",
			}},
		{name: "saturday interview, no names given",
			in: Input{Interview: "2026-03-14T11:00"},
			want: []string{
				"2026-03-16T08:00 thank-you your interviewer 2026-03-16T08:00..2026-03-16T10:00",
				"2026-03-17T08:00 linkedin your interviewer 2026-03-17T08:00..2026-03-23T08:00",
				"2026-03-30T09:00 chaser hiring manager 2026-03-30T08:00..2026-03-30T18:00",
				"2026-04-06T09:00 second-chaser hiring manager 2026-04-06T08:00..2026-04-06T18:00",
				"end: no reply: move on",
			}},
		{name: "year end: new year's eve afternoon runs into january",
			in: Input{Interview: "2026-12-31T16:00", Interviewers: priya},
			want: []string{
				"2027-01-01T08:00 thank-you Priya 2026-12-31T17:00..2027-01-01T17:00",
				"2027-01-04T08:00 linkedin Priya 2027-01-04T08:00..2027-01-08T08:00",
				"2027-01-15T09:00 chaser hiring manager 2027-01-15T08:00..2027-01-15T18:00",
				"2027-01-22T09:00 second-chaser hiring manager 2027-01-22T08:00..2027-01-22T18:00",
				"end: no reply: move on",
			}},
		{name: "month end: a decision date the next day still waits 7 days after the thank-you",
			in: Input{Interview: "2026-04-29T10:00", Interviewers: priya, DecisionBy: "2026-04-30"},
			want: []string{
				"2026-04-29T13:00 thank-you Priya 2026-04-29T11:00..2026-04-30T11:00",
				"2026-04-30T13:00 linkedin Priya 2026-04-30T13:00..2026-05-06T13:00",
				"2026-05-06T09:00 chaser hiring manager 2026-05-06T08:00..2026-05-06T18:00",
				"2026-05-13T09:00 second-chaser hiring manager 2026-05-13T08:00..2026-05-13T18:00",
				"end: no reply: move on",
			},
			notes: map[string]string{"chaser": "Their decision date (2026-04-30) has passed"}},
		{name: "decision date on a friday: chaser the monday after",
			in: Input{Interview: "2026-03-12T15:00", Interviewers: priya, DecisionBy: "2026-03-27"},
			want: []string{
				"2026-03-13T08:00 thank-you Priya 2026-03-12T16:00..2026-03-13T16:00",
				"2026-03-16T08:00 linkedin Priya 2026-03-16T08:00..2026-03-20T08:00",
				"2026-03-30T09:00 chaser hiring manager 2026-03-30T08:00..2026-03-30T18:00",
				"2026-04-06T09:00 second-chaser hiring manager 2026-04-06T08:00..2026-04-06T18:00",
				"end: no reply: move on",
			}},
		{name: "decision date on a saturday: chaser the monday after",
			in: Input{Interview: "2026-03-12T15:00", Interviewers: priya, DecisionBy: "2026-03-28"},
			want: []string{
				"2026-03-13T08:00 thank-you Priya 2026-03-12T16:00..2026-03-13T16:00",
				"2026-03-16T08:00 linkedin Priya 2026-03-16T08:00..2026-03-20T08:00",
				"2026-03-30T09:00 chaser hiring manager 2026-03-30T08:00..2026-03-30T18:00",
				"2026-04-06T09:00 second-chaser hiring manager 2026-04-06T08:00..2026-04-06T18:00",
				"end: no reply: move on",
			}},
		{name: "leap year: monday 28 february",
			in: Input{Interview: "2028-02-28T15:00", Interviewers: priya},
			want: []string{
				"2028-02-29T08:00 thank-you Priya 2028-02-28T16:00..2028-02-29T16:00",
				"2028-03-01T08:00 linkedin Priya 2028-03-01T08:00..2028-03-07T08:00",
				"2028-03-14T09:00 chaser hiring manager 2028-03-14T08:00..2028-03-14T18:00",
				"2028-03-21T09:00 second-chaser hiring manager 2028-03-21T08:00..2028-03-21T18:00",
				"end: no reply: move on",
			}},
		{name: "leap day itself",
			in: Input{Interview: "2028-02-29T09:00", Interviewers: priya},
			want: []string{
				"2028-02-29T12:00 thank-you Priya 2028-02-29T10:00..2028-03-01T10:00",
				"2028-03-01T12:00 linkedin Priya 2028-03-01T12:00..2028-03-07T12:00",
				"2028-03-14T09:00 chaser hiring manager 2028-03-14T08:00..2028-03-14T18:00",
				"2028-03-21T09:00 second-chaser hiring manager 2028-03-21T08:00..2028-03-21T18:00",
				"end: no reply: move on",
			}},
		{name: "daylight saving: friday before europe's clocks change",
			in: Input{Interview: "2026-03-27T16:00", Interviewers: priya},
			want: []string{
				"2026-03-30T08:00 thank-you Priya 2026-03-27T17:00..2026-03-30T10:00",
				"2026-03-31T08:00 linkedin Priya 2026-03-31T08:00..2026-04-06T08:00",
				"2026-04-13T09:00 chaser hiring manager 2026-04-13T08:00..2026-04-13T18:00",
				"2026-04-20T09:00 second-chaser hiring manager 2026-04-20T08:00..2026-04-20T18:00",
				"end: no reply: move on",
			}},
		{name: "daylight saving: thursday before north america's clocks change",
			in: Input{Interview: "2026-03-05T15:00", Interviewers: priya},
			want: []string{
				"2026-03-06T08:00 thank-you Priya 2026-03-05T16:00..2026-03-06T16:00",
				"2026-03-09T08:00 linkedin Priya 2026-03-09T08:00..2026-03-13T08:00",
				"2026-03-20T09:00 chaser hiring manager 2026-03-20T08:00..2026-03-20T18:00",
				"2026-03-27T09:00 second-chaser hiring manager 2026-03-27T08:00..2026-03-27T18:00",
				"end: no reply: move on",
			}},
		{name: "rejected after the first chaser: reply, feedback, second chaser dropped",
			in: Input{Interview: "2026-03-12T14:00", Ends: "15:30", Interviewers: priya, Rejected: "2026-03-27"},
			want: []string{
				"2026-03-12T17:30 thank-you Priya 2026-03-12T15:30..2026-03-13T15:30",
				"2026-03-13T17:30 linkedin Priya 2026-03-13T17:30..2026-03-19T17:30",
				"2026-03-26T09:00 chaser hiring manager 2026-03-26T08:00..2026-03-26T18:00",
				"2026-03-27T08:00 rejection-reply whoever told you 2026-03-27T08:00..2026-03-28T08:00",
				"2026-03-30T08:00 feedback-request hiring manager 2026-03-27T08:00..2026-03-31T08:00",
				"end: rejected: reply, ask for feedback, and move on",
			},
			notes: map[string]string{"feedback-request": "within 2 business days", "rejection-reply": "within 24 hours"}},
		{name: "rejected the next morning: every chaser dropped",
			in: Input{Interview: "2026-03-12T15:00", Interviewers: priya, Rejected: "2026-03-13T11:30"},
			want: []string{
				"2026-03-13T08:00 thank-you Priya 2026-03-12T16:00..2026-03-13T16:00",
				"2026-03-13T11:30 rejection-reply whoever told you 2026-03-13T11:30..2026-03-14T11:30",
				"2026-03-16T08:00 linkedin Priya 2026-03-16T08:00..2026-03-20T08:00",
				"2026-03-16T11:30 feedback-request hiring manager 2026-03-13T11:30..2026-03-17T11:30",
				"end: rejected: reply, ask for feedback, and move on",
			}},
		{name: "offer received: no more chasers",
			in: Input{Interview: "2026-03-12T15:00", Interviewers: priya, Offer: "2026-03-20"},
			want: []string{
				"2026-03-13T08:00 thank-you Priya 2026-03-12T16:00..2026-03-13T16:00",
				"2026-03-16T08:00 linkedin Priya 2026-03-16T08:00..2026-03-20T08:00",
				"end: offer received: no more chasers",
			}},
		{name: "withdrew on a saturday: notice at monday's first business hour",
			in: Input{Interview: "2026-03-12T15:00", Interviewers: priya, Withdrew: "2026-03-14T11:00"},
			want: []string{
				"2026-03-13T08:00 thank-you Priya 2026-03-12T16:00..2026-03-13T16:00",
				"2026-03-16T08:00 linkedin Priya 2026-03-16T08:00..2026-03-20T08:00",
				"2026-03-16T08:00 withdrawal recruiter 2026-03-16T08:00..2026-03-16T18:00",
				"end: withdrawn: no more chasers",
			}},
		{name: "withdrew the same day, date only: counts from the interview",
			in: Input{Interview: "2026-03-12T15:00", Interviewers: priya, Withdrew: "2026-03-12"},
			want: []string{
				"2026-03-12T15:00 withdrawal recruiter 2026-03-12T15:00..2026-03-12T18:00",
				"end: withdrawn: no more chasers",
			}},
		{name: "linkedin premium limit",
			in: Input{Interview: "2026-03-11T09:00", Interviewers: priya, LinkedInLimit: 300, DecisionBy: "2026-03-25"},
			want: []string{
				"2026-03-11T12:00 thank-you Priya 2026-03-11T10:00..2026-03-12T10:00",
				"2026-03-12T12:00 linkedin Priya 2026-03-12T12:00..2026-03-18T12:00",
				"2026-03-26T09:00 chaser hiring manager 2026-03-26T08:00..2026-03-26T18:00",
				"2026-04-02T09:00 second-chaser hiring manager 2026-04-02T08:00..2026-04-02T18:00",
				"end: no reply: move on",
			},
			notes: map[string]string{"linkedin": "at most 300 characters"}},
		{name: "daylight saving: thursday evening before europe's clocks go back, decision date on a friday",
			in: Input{Interview: "2026-10-22T18:30", Interviewers: priya, DecisionBy: "2026-10-30"},
			want: []string{
				"2026-10-23T08:00 thank-you Priya 2026-10-22T19:30..2026-10-23T19:30",
				"2026-10-26T08:00 linkedin Priya 2026-10-26T08:00..2026-10-30T08:00",
				"2026-11-02T09:00 chaser hiring manager 2026-11-02T08:00..2026-11-02T18:00",
				"2026-11-09T09:00 second-chaser hiring manager 2026-11-09T08:00..2026-11-09T18:00",
				"end: no reply: move on",
			},
			notes: map[string]string{"chaser": "Their decision date (2026-10-30) has passed"}},
		{name: "daylight saving, southern hemisphere: friday evening before new zealand's clocks go back, three interviewers",
			in: Input{Interview: "2026-04-03T16:30", Interviewers: []string{"Aroha", "Ben", "Mere Tane"}},
			want: []string{
				"2026-04-06T08:00 thank-you Aroha 2026-04-03T17:30..2026-04-06T10:00",
				"2026-04-06T08:00 thank-you Ben 2026-04-03T17:30..2026-04-06T10:00",
				"2026-04-06T08:00 thank-you Mere Tane 2026-04-03T17:30..2026-04-06T10:00",
				"2026-04-07T08:00 linkedin Aroha 2026-04-07T08:00..2026-04-13T08:00",
				"2026-04-07T08:00 linkedin Ben 2026-04-07T08:00..2026-04-13T08:00",
				"2026-04-07T08:00 linkedin Mere Tane 2026-04-07T08:00..2026-04-13T08:00",
				"2026-04-20T09:00 chaser hiring manager 2026-04-20T08:00..2026-04-20T18:00",
				"2026-04-27T09:00 second-chaser hiring manager 2026-04-27T08:00..2026-04-27T18:00",
				"end: no reply: move on",
			},
			notes: map[string]string{"thank-you": "arrive Monday before 10:00"}},
		{name: "year end on a friday afternoon: 31 december 2027, the note arrives monday 3 january",
			in: Input{Interview: "2027-12-31T16:00", Interviewers: priya},
			want: []string{
				"2028-01-03T08:00 thank-you Priya 2027-12-31T17:00..2028-01-03T10:00",
				"2028-01-04T08:00 linkedin Priya 2028-01-04T08:00..2028-01-10T08:00",
				"2028-01-17T09:00 chaser hiring manager 2028-01-17T08:00..2028-01-17T18:00",
				"2028-01-24T09:00 second-chaser hiring manager 2028-01-24T08:00..2028-01-24T18:00",
				"end: no reply: move on",
			}},
		{name: "leap years skip 2100: friday 26 february, decision date sunday 28, month end",
			in: Input{Interview: "2100-02-26T16:30", Interviewers: priya, DecisionBy: "2100-02-28"},
			want: []string{
				"2100-03-01T08:00 thank-you Priya 2100-02-26T17:30..2100-03-01T10:00",
				"2100-03-02T08:00 linkedin Priya 2100-03-02T08:00..2100-03-08T08:00",
				"2100-03-08T09:00 chaser hiring manager 2100-03-08T08:00..2100-03-08T18:00",
				"2100-03-15T09:00 second-chaser hiring manager 2100-03-15T08:00..2100-03-15T18:00",
				"end: no reply: move on",
			},
			notes: map[string]string{"chaser": "Their decision date (2100-02-28) has passed"}},
		{name: "rejected on the interview day, date only: the reply replaces the thank-yous",
			in: Input{Interview: "2026-03-12T15:00", Interviewers: []string{"Priya", "Tom Baker"}, Rejected: "2026-03-12"},
			want: []string{
				"2026-03-12T15:00 rejection-reply whoever told you 2026-03-12T15:00..2026-03-13T15:00",
				"2026-03-13T15:00 feedback-request hiring manager 2026-03-12T15:00..2026-03-16T15:00",
				"end: rejected: reply, ask for feedback, and move on",
			},
			notes: map[string]string{"feedback-request": "within 2 business days"}},
		{name: "friday 16:30 same-day: never before the end plus 2 hours, so monday (issue 16)",
			in: Input{Interview: "2026-03-13T16:30", Interviewers: priya, Weekend: "same-day"},
			want: []string{
				"2026-03-16T08:00 thank-you Priya 2026-03-13T17:30..2026-03-16T18:00",
				"2026-03-17T08:00 linkedin Priya 2026-03-17T08:00..2026-03-23T08:00",
				"2026-03-30T09:00 chaser hiring manager 2026-03-30T08:00..2026-03-30T18:00",
				"2026-04-06T09:00 second-chaser hiring manager 2026-04-06T08:00..2026-04-06T18:00",
				"end: no reply: move on",
			}},
		{name: "ends given: a thursday interview ending 15:30 gets its note at 17:30",
			in: Input{Interview: "2026-03-12T14:00", Ends: "15:30", Interviewers: priya, Company: "Northwind", Role: "Analyst"},
			want: []string{
				"2026-03-12T17:30 thank-you Priya 2026-03-12T15:30..2026-03-13T15:30",
				"2026-03-13T17:30 linkedin Priya 2026-03-13T17:30..2026-03-19T17:30",
				"2026-03-26T09:00 chaser hiring manager 2026-03-26T08:00..2026-03-26T18:00",
				"2026-04-02T09:00 second-chaser hiring manager 2026-04-02T08:00..2026-04-02T18:00",
				"end: no reply: move on",
			}},
		{name: "ends at midnight: the note is the next morning's",
			in: Input{Interview: "2026-03-10T22:00", Ends: "24:00", Interviewers: priya},
			want: []string{
				"2026-03-11T08:00 thank-you Priya 2026-03-11T00:00..2026-03-12T00:00",
				"2026-03-12T08:00 linkedin Priya 2026-03-12T08:00..2026-03-18T08:00",
				"2026-03-25T09:00 chaser hiring manager 2026-03-25T08:00..2026-03-25T18:00",
				"2026-04-01T09:00 second-chaser hiring manager 2026-04-01T08:00..2026-04-01T18:00",
				"end: no reply: move on",
			}},
		{name: "sent: each linkedin note counts from that person's thank-you as sent, the chaser from the latest",
			in: Input{Interview: "2026-03-12T10:00", Interviewers: []string{"Ana", "Bo"}, Today: "2026-03-13T12:00",
				Facts: Facts{Sent: []Sent{{Step: "thank-you", To: "Ana", At: "2026-03-12T19:00"}, {Step: "thank-you", To: " Bo ", At: "2026-03-13T09:00"}}}},
			notes: map[string]string{"linkedin": "at most 200 characters"},
			want: []string{
				"2026-03-12T13:00 thank-you Ana 2026-03-12T11:00..2026-03-13T11:00 done sent 2026-03-12T19:00",
				"2026-03-12T13:00 thank-you Bo 2026-03-12T11:00..2026-03-13T11:00 done sent 2026-03-13T09:00",
				"2026-03-16T08:00 linkedin Ana 2026-03-13T19:00..2026-03-19T19:00 upcoming <sent thank-you Ana>",
				"2026-03-16T09:00 linkedin Bo 2026-03-16T09:00..2026-03-20T09:00 upcoming <sent thank-you Bo>",
				"2026-03-27T09:00 chaser hiring manager 2026-03-27T08:00..2026-03-27T18:00 upcoming <sent thank-you Bo>",
				"2026-04-03T09:00 second-chaser hiring manager 2026-04-03T08:00..2026-04-03T18:00 upcoming",
				"end: no reply: move on",
			}},
		{name: "sent to every interviewer at once, and a linkedin note skipped for one of them",
			in: Input{Interview: "2026-03-12T10:00", Interviewers: []string{"Ana", "Bo"}, Today: "2026-03-16T09:00",
				Facts: Facts{Sent: []Sent{{Step: "thank-you", At: "2026-03-12T13:00"}}, Skipped: []Skipped{{Step: "linkedin", To: "Bo"}}}},
			want: []string{
				"2026-03-12T13:00 thank-you Ana 2026-03-12T11:00..2026-03-13T11:00 done sent 2026-03-12T13:00",
				"2026-03-12T13:00 thank-you Bo 2026-03-12T11:00..2026-03-13T11:00 done sent 2026-03-12T13:00",
				"2026-03-13T13:00 linkedin Ana 2026-03-13T13:00..2026-03-19T13:00 due <sent thank-you Ana>",
				"2026-03-26T09:00 chaser hiring manager 2026-03-26T08:00..2026-03-26T18:00 upcoming <sent thank-you Ana>",
				"2026-04-02T09:00 second-chaser hiring manager 2026-04-02T08:00..2026-04-02T18:00 upcoming",
				"end: no reply: move on",
			}},
		{name: "skipped: a thank-you skipped drops that person's linkedin note; a person's own fact beats the one for everyone",
			in: Input{Interview: "2026-03-12T10:00", Interviewers: []string{"Ana", "Bo"},
				Facts: Facts{Sent: []Sent{{Step: "thank-you", At: "2026-03-12T13:00"}}, Skipped: []Skipped{{Step: "thank-you", To: "Bo"}}}},
			want: []string{
				"2026-03-12T13:00 thank-you Ana 2026-03-12T11:00..2026-03-13T11:00 sent 2026-03-12T13:00",
				"2026-03-13T13:00 linkedin Ana 2026-03-13T13:00..2026-03-19T13:00 <sent thank-you Ana>",
				"2026-03-26T09:00 chaser hiring manager 2026-03-26T08:00..2026-03-26T18:00 <sent thank-you Ana>",
				"2026-04-02T09:00 second-chaser hiring manager 2026-04-02T08:00..2026-04-02T18:00",
				"end: no reply: move on",
			}},
		{name: "sent: the second chaser counts from the chaser as sent, late",
			in: Input{Interview: "2026-03-12T10:00", Interviewers: priya, Today: "2026-04-01T10:00",
				Facts: Facts{Sent: []Sent{{Step: "thank-you", To: "Priya", At: "2026-03-12T14:00"}, {Step: "chaser", At: "2026-03-30T09:15"}}}},
			want: []string{
				"2026-03-12T13:00 thank-you Priya 2026-03-12T11:00..2026-03-13T11:00 done sent 2026-03-12T14:00",
				"2026-03-13T14:00 linkedin Priya 2026-03-13T14:00..2026-03-19T14:00 overdue <sent thank-you Priya>",
				"2026-03-26T09:00 chaser hiring manager 2026-03-26T08:00..2026-03-26T18:00 done sent 2026-03-30T09:15 <sent thank-you Priya>",
				"2026-04-06T09:00 second-chaser hiring manager 2026-04-06T08:00..2026-04-06T18:00 upcoming <sent chaser>",
				"end: no reply: move on",
			}},
		{name: "replied with a new decision date: chasers start afresh after it, the chaser sent before stays done",
			in: Input{Interview: "2026-03-12T10:00", Interviewers: priya, DecisionBy: "2026-03-20", Today: "2026-03-25T12:00",
				Facts: Facts{
					Sent:    []Sent{{Step: "thank-you", At: "2026-03-12T14:00"}, {Step: "chaser", At: "2026-03-23T09:00"}},
					Replied: []Replied{{On: "2026-03-24", DecisionBy: "2026-04-03"}},
				}},
			notes: map[string]string{"chaser": "Their decision date (2026-04-03) has passed"},
			want: []string{
				"2026-03-12T13:00 thank-you Priya 2026-03-12T11:00..2026-03-13T11:00 done sent 2026-03-12T14:00",
				"2026-03-13T14:00 linkedin Priya 2026-03-13T14:00..2026-03-19T14:00 overdue <sent thank-you Priya>",
				"2026-03-23T09:00 chaser hiring manager 2026-03-23T08:00..2026-03-23T18:00 done sent 2026-03-23T09:00 <sent thank-you Priya>",
				"2026-04-06T09:00 chaser hiring manager 2026-04-06T08:00..2026-04-06T18:00 upcoming <replied 2026-03-24>",
				"2026-04-13T09:00 second-chaser hiring manager 2026-04-13T08:00..2026-04-13T18:00 upcoming",
				"end: no reply: move on",
			}},
		{name: "replied without a date: the no-date wait counts from the reply, two new chasers",
			in: Input{Interview: "2026-03-12T10:00", Interviewers: priya, DecisionBy: "2026-03-20",
				Facts: Facts{
					Sent:    []Sent{{Step: "thank-you", At: "2026-03-12T14:00"}, {Step: "chaser", At: "2026-03-23T09:00"}, {Step: "second-chaser", At: "2026-03-30T09:00"}},
					Replied: []Replied{{On: "2026-03-31"}},
				}},
			notes: map[string]string{"chaser": "No decision date was given"},
			want: []string{
				"2026-03-12T13:00 thank-you Priya 2026-03-12T11:00..2026-03-13T11:00 sent 2026-03-12T14:00",
				"2026-03-13T14:00 linkedin Priya 2026-03-13T14:00..2026-03-19T14:00 <sent thank-you Priya>",
				"2026-03-23T09:00 chaser hiring manager 2026-03-23T08:00..2026-03-23T18:00 sent 2026-03-23T09:00 <sent thank-you Priya>",
				"2026-03-30T09:00 second-chaser hiring manager 2026-03-30T08:00..2026-03-30T18:00 sent 2026-03-30T09:00 <sent chaser>",
				"2026-04-14T09:00 chaser hiring manager 2026-04-14T08:00..2026-04-14T18:00 <replied 2026-03-31>",
				"2026-04-21T09:00 second-chaser hiring manager 2026-04-21T08:00..2026-04-21T18:00",
				"end: no reply: move on",
			}},
		{name: "replied twice, given out of order: the latest counts, the chaser sent between stays done",
			in: Input{Interview: "2026-03-12T10:00", Interviewers: priya,
				Facts: Facts{
					Sent:    []Sent{{Step: "thank-you", At: "2026-03-12T14:00"}, {Step: "chaser", At: "2026-03-27T08:30"}},
					Replied: []Replied{{On: "2026-04-06", DecisionBy: "2026-04-08"}, {On: "2026-03-20", DecisionBy: "2026-03-25"}},
				}},
			want: []string{
				"2026-03-12T13:00 thank-you Priya 2026-03-12T11:00..2026-03-13T11:00 sent 2026-03-12T14:00",
				"2026-03-13T14:00 linkedin Priya 2026-03-13T14:00..2026-03-19T14:00 <sent thank-you Priya>",
				"2026-03-27T09:00 chaser hiring manager 2026-03-27T08:00..2026-03-27T18:00 sent 2026-03-27T08:30 <replied 2026-03-20>",
				"2026-04-13T09:00 chaser hiring manager 2026-04-13T08:00..2026-04-13T18:00 <replied 2026-04-06>",
				"2026-04-20T09:00 second-chaser hiring manager 2026-04-20T08:00..2026-04-20T18:00",
				"end: no reply: move on",
			}},
		{name: "replied on the interview day, before the interview ended: it counts from the end",
			in: Input{Interview: "2026-03-12T07:00", Ends: "09:30", Interviewers: priya,
				Facts: Facts{Replied: []Replied{{On: "2026-03-12"}}}},
			want: []string{
				"2026-03-12T11:30 thank-you Priya 2026-03-12T09:30..2026-03-13T09:30",
				"2026-03-13T11:30 linkedin Priya 2026-03-13T11:30..2026-03-19T11:30",
				"2026-03-26T09:00 chaser hiring manager 2026-03-26T08:00..2026-03-26T18:00 <replied 2026-03-12>",
				"2026-04-02T09:00 second-chaser hiring manager 2026-04-02T08:00..2026-04-02T18:00",
				"end: no reply: move on",
			}},
		{name: "rejected at noon: the thank-you sent before it stays done, the one not sent is dropped with what follows it",
			in: Input{Interview: "2026-03-12T10:00", Interviewers: []string{"Ana", "Bo"}, Rejected: "2026-03-12T12:00", Today: "2026-03-12T12:30",
				Facts: Facts{Sent: []Sent{{Step: "thank-you", To: "Ana", At: "2026-03-12T11:30"}}}},
			want: []string{
				"2026-03-12T12:00 rejection-reply whoever told you 2026-03-12T12:00..2026-03-13T12:00 due",
				"2026-03-12T13:00 thank-you Ana 2026-03-12T11:00..2026-03-13T11:00 done sent 2026-03-12T11:30",
				"2026-03-13T11:30 linkedin Ana 2026-03-13T11:30..2026-03-19T11:30 upcoming <sent thank-you Ana>",
				"2026-03-13T12:00 feedback-request hiring manager 2026-03-12T12:00..2026-03-16T12:00 due",
				"end: rejected: reply, ask for feedback, and move on",
			}},
		{name: "today: overdue thank-you (late: send it anyway); the linkedin note and the chasers count from today, never before it",
			in:    Input{Interview: "2026-03-12T10:00", Interviewers: priya, Today: "2026-03-16T09:00"},
			notes: map[string]string{"thank-you": "Late: send it anyway, today."},
			want: []string{
				"2026-03-12T13:00 thank-you Priya 2026-03-12T11:00..2026-03-13T11:00 overdue",
				"2026-03-17T09:00 linkedin Priya 2026-03-17T09:00..2026-03-23T09:00 upcoming <overdue thank-you Priya>",
				"2026-03-30T09:00 chaser hiring manager 2026-03-30T08:00..2026-03-30T18:00 upcoming <overdue thank-you Priya>",
				"2026-04-06T09:00 second-chaser hiring manager 2026-04-06T08:00..2026-04-06T18:00 upcoming",
				"end: no reply: move on",
			}},
		{name: "today before the interview: every step upcoming",
			in: Input{Interview: "2026-03-12T10:00", Interviewers: priya, Today: "2026-03-01T09:00"},
			want: []string{
				"2026-03-12T13:00 thank-you Priya 2026-03-12T11:00..2026-03-13T11:00 upcoming",
				"2026-03-13T13:00 linkedin Priya 2026-03-13T13:00..2026-03-19T13:00 upcoming",
				"2026-03-26T09:00 chaser hiring manager 2026-03-26T08:00..2026-03-26T18:00 upcoming",
				"2026-04-02T09:00 second-chaser hiring manager 2026-04-02T08:00..2026-04-02T18:00 upcoming",
				"end: no reply: move on",
			}},
		{name: "daylight saving weekend in north america: sent and today at 02:30 on 8 march, an hour that does not exist in los angeles",
			in: Input{Interview: "2026-03-06T15:00", Interviewers: priya, Today: "2026-03-08T02:30",
				Facts: Facts{Sent: []Sent{{Step: "thank-you", To: "Priya", At: "2026-03-08T02:30"}}}},
			want: []string{
				"2026-03-09T08:00 thank-you Priya 2026-03-06T16:00..2026-03-09T10:00 done sent 2026-03-08T02:30",
				"2026-03-09T08:00 linkedin Priya 2026-03-09T02:30..2026-03-15T02:30 upcoming <sent thank-you Priya>",
				"2026-03-23T09:00 chaser hiring manager 2026-03-23T08:00..2026-03-23T18:00 upcoming <sent thank-you Priya>",
				"2026-03-30T09:00 second-chaser hiring manager 2026-03-30T08:00..2026-03-30T18:00 upcoming",
				"end: no reply: move on",
			}},
		{name: "daylight saving weekend in europe: sent at 01:30 on 25 october, an hour london has twice, and a reply that monday",
			in: Input{Interview: "2026-10-23T14:00", Interviewers: priya, Today: "2026-10-26T01:30",
				Facts: Facts{Sent: []Sent{{Step: "thank-you", At: "2026-10-25T01:30"}}, Replied: []Replied{{On: "2026-10-26", DecisionBy: "2026-10-30"}}}},
			want: []string{
				"2026-10-23T17:00 thank-you Priya 2026-10-23T15:00..2026-10-24T15:00 done sent 2026-10-25T01:30",
				"2026-10-26T08:00 linkedin Priya 2026-10-26T01:30..2026-11-01T01:30 due <sent thank-you Priya>",
				"2026-11-02T09:00 chaser hiring manager 2026-11-02T08:00..2026-11-02T18:00 upcoming <replied 2026-10-26>",
				"2026-11-09T09:00 second-chaser hiring manager 2026-11-09T08:00..2026-11-09T18:00 upcoming",
				"end: no reply: move on",
			}},
		{name: "daylight saving, southern hemisphere: sent at 02:30 on 5 april, an hour auckland has twice",
			in: Input{Interview: "2026-04-02T09:00", Interviewers: priya, Today: "2026-04-05T02:30",
				Facts: Facts{Sent: []Sent{{Step: "thank-you", At: "2026-04-05T02:30"}}}},
			want: []string{
				"2026-04-02T12:00 thank-you Priya 2026-04-02T10:00..2026-04-03T10:00 done sent 2026-04-05T02:30",
				"2026-04-06T08:00 linkedin Priya 2026-04-06T02:30..2026-04-12T02:30 upcoming <sent thank-you Priya>",
				"2026-04-20T09:00 chaser hiring manager 2026-04-20T08:00..2026-04-20T18:00 upcoming <sent thank-you Priya>",
				"2026-04-27T09:00 second-chaser hiring manager 2026-04-27T08:00..2026-04-27T18:00 upcoming",
				"end: no reply: move on",
			}},
		{name: "names trimmed as String.prototype.trim trims: U+FEFF and spaces go, U+0085 stays",
			in: Input{Interview: "2026-03-12T15:00", Interviewers: []string{"\u0085 Ana\u00a0", "\ufeff\u3000Bo\u2028", "\u200bCy\t"}},
			want: []string{
				"2026-03-13T08:00 thank-you \u0085 Ana 2026-03-12T16:00..2026-03-13T16:00",
				"2026-03-13T08:00 thank-you Bo 2026-03-12T16:00..2026-03-13T16:00",
				"2026-03-13T08:00 thank-you \u200bCy 2026-03-12T16:00..2026-03-13T16:00",
				"2026-03-16T08:00 linkedin \u0085 Ana 2026-03-16T08:00..2026-03-20T08:00",
				"2026-03-16T08:00 linkedin Bo 2026-03-16T08:00..2026-03-20T08:00",
				"2026-03-16T08:00 linkedin \u200bCy 2026-03-16T08:00..2026-03-20T08:00",
				"2026-03-27T09:00 chaser hiring manager 2026-03-27T08:00..2026-03-27T18:00",
				"2026-04-03T09:00 second-chaser hiring manager 2026-04-03T08:00..2026-04-03T18:00",
				"end: no reply: move on",
			}},
		// Public holidays (issue 17): a holiday of the plan's region is not a business day.
		{name: "GB-ENG: christmas eve afternoon, the note waits past christmas and boxing day",
			in: Input{Interview: "2026-12-24T15:00", Interviewers: priya, Region: "GB-ENG"},
			want: []string{
				"2026-12-29T08:00 thank-you Priya 2026-12-24T16:00..2026-12-29T10:00",
				"2026-12-30T08:00 linkedin Priya 2026-12-30T08:00..2027-01-05T08:00",
				"2027-01-12T09:00 chaser hiring manager 2027-01-12T08:00..2027-01-12T18:00",
				"2027-01-19T09:00 second-chaser hiring manager 2027-01-19T08:00..2027-01-19T18:00",
				"end: no reply: move on",
			}},
		{name: "GB-ENG: new year's eve afternoon, new year's day is a holiday: monday",
			in: Input{Interview: "2026-12-31T16:00", Interviewers: priya, Region: "GB-ENG"},
			want: []string{
				"2027-01-04T08:00 thank-you Priya 2026-12-31T17:00..2027-01-04T10:00",
				"2027-01-05T08:00 linkedin Priya 2027-01-05T08:00..2027-01-11T08:00",
				"2027-01-18T09:00 chaser hiring manager 2027-01-18T08:00..2027-01-18T18:00",
				"2027-01-25T09:00 second-chaser hiring manager 2027-01-25T08:00..2027-01-25T18:00",
				"end: no reply: move on",
			}},
		{name: "GB-ENG: christmas on a saturday, its substitute monday and boxing day's tuesday",
			in: Input{Interview: "2027-12-24T11:00", Interviewers: priya, Region: "GB-ENG"},
			want: []string{
				"2027-12-24T14:00 thank-you Priya 2027-12-24T12:00..2027-12-25T12:00",
				"2027-12-29T14:00 linkedin Priya 2027-12-29T14:00..2027-12-31T14:00",
				"2028-01-07T09:00 chaser hiring manager 2028-01-07T08:00..2028-01-07T18:00",
				"2028-01-14T09:00 second-chaser hiring manager 2028-01-14T08:00..2028-01-14T18:00",
				"end: no reply: move on",
			}},
		{name: "GB-ENG: thursday before easter, good friday and easter monday are holidays",
			in: Input{Interview: "2026-04-02T15:00", Interviewers: priya, Region: "GB-ENG"},
			want: []string{
				"2026-04-07T08:00 thank-you Priya 2026-04-02T16:00..2026-04-07T10:00",
				"2026-04-08T08:00 linkedin Priya 2026-04-08T08:00..2026-04-14T08:00",
				"2026-04-21T09:00 chaser hiring manager 2026-04-21T08:00..2026-04-21T18:00",
				"2026-04-28T09:00 second-chaser hiring manager 2026-04-28T08:00..2026-04-28T18:00",
				"end: no reply: move on",
			}},
		{name: "GB-SCT: 2 january on a saturday is a holiday on monday 4th, as it is not in england",
			in: Input{Interview: "2026-12-31T16:00", Interviewers: priya, Region: "GB-SCT"},
			want: []string{
				"2027-01-05T08:00 thank-you Priya 2026-12-31T17:00..2027-01-05T10:00",
				"2027-01-06T08:00 linkedin Priya 2027-01-06T08:00..2027-01-12T08:00",
				"2027-01-19T09:00 chaser hiring manager 2027-01-19T08:00..2027-01-19T18:00",
				"2027-01-26T09:00 second-chaser hiring manager 2027-01-26T08:00..2027-01-26T18:00",
				"end: no reply: move on",
			}},
		{name: "GB-SCT: friday before st andrew's day, the note lands on tuesday",
			in: Input{Interview: "2026-11-27T17:00", Interviewers: priya, Region: "GB-SCT"},
			want: []string{
				"2026-12-01T08:00 thank-you Priya 2026-11-27T18:00..2026-12-01T10:00",
				"2026-12-02T08:00 linkedin Priya 2026-12-02T08:00..2026-12-08T08:00",
				"2026-12-15T09:00 chaser hiring manager 2026-12-15T08:00..2026-12-15T18:00",
				"2026-12-22T09:00 second-chaser hiring manager 2026-12-22T08:00..2026-12-22T18:00",
				"end: no reply: move on",
			}},
		{name: "GB-ENG: friday before st andrew's day, which england does not keep: monday",
			in: Input{Interview: "2026-11-27T17:00", Interviewers: priya, Region: "GB-ENG"},
			want: []string{
				"2026-11-30T08:00 thank-you Priya 2026-11-27T18:00..2026-11-30T10:00",
				"2026-12-01T08:00 linkedin Priya 2026-12-01T08:00..2026-12-07T08:00",
				"2026-12-14T09:00 chaser hiring manager 2026-12-14T08:00..2026-12-14T18:00",
				"2026-12-21T09:00 second-chaser hiring manager 2026-12-21T08:00..2026-12-21T18:00",
				"end: no reply: move on",
			}},
		{name: "US: the day before thanksgiving, the note goes on the friday",
			in: Input{Interview: "2026-11-25T15:00", Interviewers: priya, Region: "US"},
			want: []string{
				"2026-11-27T08:00 thank-you Priya 2026-11-25T16:00..2026-11-27T10:00",
				"2026-11-30T08:00 linkedin Priya 2026-11-30T08:00..2026-12-04T08:00",
				"2026-12-11T09:00 chaser hiring manager 2026-12-11T08:00..2026-12-11T18:00",
				"2026-12-18T09:00 second-chaser hiring manager 2026-12-18T08:00..2026-12-18T18:00",
				"end: no reply: move on",
			}},
		{name: "GB-ENG: a decision date on christmas day, the chaser after the holidays",
			in: Input{Interview: "2026-12-14T10:00", Interviewers: priya, DecisionBy: "2026-12-25", Region: "GB-ENG"},
			want: []string{
				"2026-12-14T13:00 thank-you Priya 2026-12-14T11:00..2026-12-15T11:00",
				"2026-12-15T13:00 linkedin Priya 2026-12-15T13:00..2026-12-21T13:00",
				"2026-12-29T09:00 chaser hiring manager 2026-12-29T08:00..2026-12-29T18:00",
				"2027-01-05T09:00 second-chaser hiring manager 2027-01-05T08:00..2027-01-05T18:00",
				"end: no reply: move on",
			}},
		{name: "GB-ENG: a friday evening interview before the spring bank holiday: tuesday morning",
			in: Input{Interview: "2026-05-22T17:00", Interviewers: priya, Region: "GB-ENG"},
			want: []string{
				"2026-05-26T08:00 thank-you Priya 2026-05-22T18:00..2026-05-26T10:00",
				"2026-05-27T08:00 linkedin Priya 2026-05-27T08:00..2026-06-02T08:00",
				"2026-06-09T09:00 chaser hiring manager 2026-06-09T08:00..2026-06-09T18:00",
				"2026-06-16T09:00 second-chaser hiring manager 2026-06-16T08:00..2026-06-16T18:00",
				"end: no reply: move on",
			}},
		{name: "GB-ENG: after the span of known holidays, planned without them, and says so",
			in: Input{Interview: "2030-12-24T15:00", Interviewers: priya, Region: "GB-ENG"},
			want: []string{
				"2030-12-25T08:00 thank-you Priya 2030-12-24T16:00..2030-12-25T16:00",
				"2030-12-26T08:00 linkedin Priya 2030-12-26T08:00..2031-01-01T08:00",
				"2031-01-08T09:00 chaser hiring manager 2031-01-08T08:00..2031-01-08T18:00",
				"2031-01-15T09:00 second-chaser hiring manager 2031-01-15T08:00..2031-01-15T18:00",
				"end: no reply: move on",
				"holidays: outside",
			}},
		{name: "GB-ENG: a plan running out of the span says so too",
			in: Input{Interview: "2029-12-20T10:00", Interviewers: priya, Region: "GB-ENG"},
			want: []string{
				"2029-12-20T13:00 thank-you Priya 2029-12-20T11:00..2029-12-21T11:00",
				"2029-12-21T13:00 linkedin Priya 2029-12-21T13:00..2029-12-27T13:00",
				"2030-01-03T09:00 chaser hiring manager 2030-01-03T08:00..2030-01-03T18:00",
				"2030-01-10T09:00 second-chaser hiring manager 2030-01-10T08:00..2030-01-10T18:00",
				"end: no reply: move on",
				"holidays: outside",
			}},
		{name: "GB-ENG: before the span",
			in: Input{Interview: "2024-12-24T15:00", Interviewers: priya, Region: "GB-ENG"},
			want: []string{
				"2024-12-25T08:00 thank-you Priya 2024-12-24T16:00..2024-12-25T16:00",
				"2024-12-26T08:00 linkedin Priya 2024-12-26T08:00..2025-01-01T08:00",
				"2025-01-08T09:00 chaser hiring manager 2025-01-08T08:00..2025-01-08T18:00",
				"2025-01-15T09:00 second-chaser hiring manager 2025-01-15T08:00..2025-01-15T18:00",
				"end: no reply: move on",
				"holidays: outside",
			}},
		{name: "next round: invited a week on, the chasers end and no rejection reply is suggested",
			in: Input{Interview: "2026-03-12T15:00", Interviewers: priya, NextRound: "2026-03-20"},
			want: []string{
				"2026-03-13T08:00 thank-you Priya 2026-03-12T16:00..2026-03-13T16:00",
				"2026-03-16T08:00 linkedin Priya 2026-03-16T08:00..2026-03-20T08:00",
				"end: invited to another round: its chasers end here; plan the next round as an interview of its own",
			}},
		{name: "next round after the first chaser was sent: it stays done, the second chaser ends",
			in: Input{Interview: "2026-03-12T15:00", Interviewers: priya, DecisionBy: "2026-03-18", NextRound: "2026-03-27T16:00", Today: "2026-03-30T10:00",
				Facts: Facts{Sent: []Sent{{Step: "thank-you", At: "2026-03-12T17:00"}, {Step: "chaser", At: "2026-03-19T09:15"}}}},
			want: []string{
				"2026-03-13T08:00 thank-you Priya 2026-03-12T16:00..2026-03-13T16:00 done sent 2026-03-12T17:00",
				"2026-03-13T17:00 linkedin Priya 2026-03-13T17:00..2026-03-19T17:00 overdue <sent thank-you Priya>",
				"2026-03-19T09:00 chaser hiring manager 2026-03-19T08:00..2026-03-19T18:00 done sent 2026-03-19T09:15 <sent thank-you Priya>",
				"end: invited to another round: its chasers end here; plan the next round as an interview of its own",
			}},
		{name: "next round while the chaser is overdue and not sent: the invitation ends it",
			in: Input{Interview: "2026-03-12T15:00", Interviewers: priya, DecisionBy: "2026-03-16", NextRound: "2026-03-24", Today: "2026-03-25T10:00",
				Facts: Facts{Sent: []Sent{{Step: "thank-you", To: "Priya", At: "2026-03-13T09:00"}}}},
			want: []string{
				"2026-03-13T08:00 thank-you Priya 2026-03-12T16:00..2026-03-13T16:00 done sent 2026-03-13T09:00",
				"2026-03-16T09:00 linkedin Priya 2026-03-16T09:00..2026-03-20T09:00 overdue <sent thank-you Priya>",
				"end: invited to another round: its chasers end here; plan the next round as an interview of its own",
			}},
		{name: "the next round is an interview of its own: its own thank-you notes, and the chasers from it",
			in: Input{Interview: "2026-03-26T10:00", Ends: "12:30", Interviewers: []string{"Dana Fox", "Lee"}, DecisionBy: "2026-04-02"},
			want: []string{
				"2026-03-26T14:30 thank-you Dana Fox 2026-03-26T12:30..2026-03-27T12:30",
				"2026-03-26T14:30 thank-you Lee 2026-03-26T12:30..2026-03-27T12:30",
				"2026-03-27T14:30 linkedin Dana Fox 2026-03-27T14:30..2026-04-02T14:30",
				"2026-03-27T14:30 linkedin Lee 2026-03-27T14:30..2026-04-02T14:30",
				"2026-04-03T09:00 chaser hiring manager 2026-04-03T08:00..2026-04-03T18:00",
				"2026-04-10T09:00 second-chaser hiring manager 2026-04-10T08:00..2026-04-10T18:00",
				"end: no reply: move on",
			}},
		{name: "both thank-you notes overdue at 14:00: the linkedin notes are not suggested for 08:00 today but from tomorrow, the chaser from today",
			in: Input{Interview: "2026-03-12T15:00", Interviewers: []string{"Priya", "Tom Baker"}, Today: "2026-03-16T14:00"},
			want: []string{
				"2026-03-13T08:00 thank-you Priya 2026-03-12T16:00..2026-03-13T16:00 overdue",
				"2026-03-13T08:00 thank-you Tom Baker 2026-03-12T16:00..2026-03-13T16:00 overdue",
				"2026-03-17T14:00 linkedin Priya 2026-03-17T14:00..2026-03-23T14:00 upcoming <overdue thank-you Priya>",
				"2026-03-17T14:00 linkedin Tom Baker 2026-03-17T14:00..2026-03-23T14:00 upcoming <overdue thank-you Tom Baker>",
				"2026-03-30T09:00 chaser hiring manager 2026-03-30T08:00..2026-03-30T18:00 upcoming <overdue thank-you Priya>",
				"2026-04-06T09:00 second-chaser hiring manager 2026-04-06T08:00..2026-04-06T18:00 upcoming",
				"end: no reply: move on",
			}},
		{name: "one thank-you sent, one overdue: each linkedin note counts from its own, the chaser from the later, today",
			in: Input{Interview: "2026-03-12T15:00", Interviewers: []string{"Priya", "Tom Baker"}, Today: "2026-03-16T14:00",
				Facts: Facts{Sent: []Sent{{Step: "thank-you", To: "Priya", At: "2026-03-13T09:00"}}}},
			want: []string{
				"2026-03-13T08:00 thank-you Priya 2026-03-12T16:00..2026-03-13T16:00 done sent 2026-03-13T09:00",
				"2026-03-13T08:00 thank-you Tom Baker 2026-03-12T16:00..2026-03-13T16:00 overdue",
				"2026-03-16T09:00 linkedin Priya 2026-03-16T09:00..2026-03-20T09:00 due <sent thank-you Priya>",
				"2026-03-17T14:00 linkedin Tom Baker 2026-03-17T14:00..2026-03-23T14:00 upcoming <overdue thank-you Tom Baker>",
				"2026-03-30T09:00 chaser hiring manager 2026-03-30T08:00..2026-03-30T18:00 upcoming <overdue thank-you Tom Baker>",
				"2026-04-06T09:00 second-chaser hiring manager 2026-04-06T08:00..2026-04-06T18:00 upcoming",
				"end: no reply: move on",
			}},
		{name: "overdue before business hours open: the linkedin note a business day from now, at the start of business hours",
			in: Input{Interview: "2026-03-12T15:00", Interviewers: priya, Today: "2026-03-17T07:00"},
			want: []string{
				"2026-03-13T08:00 thank-you Priya 2026-03-12T16:00..2026-03-13T16:00 overdue",
				"2026-03-18T08:00 linkedin Priya 2026-03-18T07:00..2026-03-24T07:00 upcoming <overdue thank-you Priya>",
				"2026-03-31T09:00 chaser hiring manager 2026-03-31T08:00..2026-03-31T18:00 upcoming <overdue thank-you Priya>",
				"2026-04-07T09:00 second-chaser hiring manager 2026-04-07T08:00..2026-04-07T18:00 upcoming",
				"end: no reply: move on",
			}},
		{name: "chaser in the morning: a thank-you sent at 17:30 gives a chaser at 09:00 a week on, its window that business day",
			in: Input{Interview: "2026-03-12T15:00", Interviewers: priya, DecisionBy: "2026-03-13",
				Facts: Facts{Sent: []Sent{{Step: "thank-you", At: "2026-03-12T17:30"}}}},
			want: []string{
				"2026-03-13T08:00 thank-you Priya 2026-03-12T16:00..2026-03-13T16:00 sent 2026-03-12T17:30",
				"2026-03-13T17:30 linkedin Priya 2026-03-13T17:30..2026-03-19T17:30 <sent thank-you Priya>",
				"2026-03-19T09:00 chaser hiring manager 2026-03-19T08:00..2026-03-19T18:00 <sent thank-you Priya>",
				"2026-03-26T09:00 second-chaser hiring manager 2026-03-26T08:00..2026-03-26T18:00",
				"end: no reply: move on",
			}},
		{name: "chaser in the morning after a reply too: a week from the reply, at 09:00, though the chaser before went at 17:50",
			in: Input{Interview: "2026-03-12T15:00", Interviewers: priya, Today: "2026-03-31T17:45",
				Facts: Facts{Sent: []Sent{{Step: "thank-you", At: "2026-03-12T17:30"}, {Step: "chaser", At: "2026-03-26T17:50"}}, Replied: []Replied{{On: "2026-03-31", DecisionBy: "2026-04-03"}}}},
			want: []string{
				"2026-03-13T08:00 thank-you Priya 2026-03-12T16:00..2026-03-13T16:00 done sent 2026-03-12T17:30",
				"2026-03-13T17:30 linkedin Priya 2026-03-13T17:30..2026-03-19T17:30 overdue <sent thank-you Priya>",
				"2026-03-26T09:00 chaser hiring manager 2026-03-26T08:00..2026-03-26T18:00 done sent 2026-03-26T17:50 <sent thank-you Priya>",
				"2026-04-07T09:00 chaser hiring manager 2026-04-07T08:00..2026-04-07T18:00 upcoming <replied 2026-03-31>",
				"2026-04-14T09:00 second-chaser hiring manager 2026-04-14T08:00..2026-04-14T18:00 upcoming",
				"end: no reply: move on",
			}},
	}
}

func TestPlanRules(t *testing.T) {
	r := loadSite(t)
	for _, tc := range planCases() {
		t.Run(tc.name, func(t *testing.T) {
			p, err := r.Plan(tc.in)
			if err != nil {
				t.Fatal(err)
			}
			got := summary(p)
			if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
				t.Errorf("plan:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
			}
			// A chaser sent before a reply keeps the note it had, so one step with the id
			// having the note is enough.
			for id, sub := range tc.notes {
				var notes []string
				for _, s := range p.Steps {
					if s.ID == id {
						notes = append(notes, s.Note)
					}
				}
				if !slices.ContainsFunc(notes, func(n string) bool { return strings.Contains(n, sub) }) {
					t.Errorf("no %s step has a note containing %q: %q", id, sub, notes)
				}
			}
			checkInvariants(t, r, tc.in, p)
		})
	}
}

// checkInvariants asserts what must hold for every plan: rule 8 (business days and
// hours, never before the event followed), no window opening on a non-business day, no
// suggestion before the interview's end plus suggest_after, the windows' order, the time
// order of the steps, the chaser limit (on the chasers not yet sent), no chaser once an
// outcome is known unless it was sent, and each status as today and the facts make it.
func checkInvariants(t *testing.T, r *Rules, in Input, p Plan) {
	t.Helper()
	iv, _ := civil.ParseDateTime(in.Interview)
	end := iv.AddMinutes(r.pol.length)
	if in.Ends != "" {
		c, _ := civil.ParseClock(in.Ends)
		end = iv.Date().At(c)
	}
	today, _ := civil.ParseDateTime(in.Today)
	var outcome civil.DateTime
	hasOutcome := false
	for _, v := range []string{in.Rejected, in.Offer, in.Withdrew} {
		if v != "" {
			hasOutcome = true
			outcome, _ = r.parseEvent("", v, iv)
		}
	}
	prev, chasers := "", 0
	for _, s := range p.Steps {
		e, err1 := civil.ParseDateTime(s.Earliest)
		g, err2 := civil.ParseDateTime(s.Suggested)
		l, err3 := civil.ParseDateTime(s.Latest)
		if err := errors.Join(err1, err2, err3); err != nil {
			t.Fatalf("%s: %v", s.ID, err)
		}
		sr, _ := r.Step(s.ID)
		if !r.pol.isBusinessDay(g.Date()) || g.Clock() < r.pol.start || g.Clock() >= r.pol.end {
			t.Errorf("%s to %s suggested %s, outside business days and hours", s.ID, s.To, s.Suggested)
		}
		if !r.pol.isBusinessDay(e.Date()) {
			t.Errorf("%s to %s: the window opens at %s, on a non-business day", s.ID, s.To, s.Earliest)
		}
		if sr.After == EventInterview && sr.SuggestAfter != nil && g < r.pol.add(end, *sr.SuggestAfter) {
			t.Errorf("%s to %s suggested %s, before the interview's end %s plus %s", s.ID, s.To, s.Suggested, end, sr.SuggestAfter)
		}
		if e > g || g > l {
			t.Errorf("%s to %s: earliest %s, suggested %s, latest %s out of order", s.ID, s.To, s.Earliest, s.Suggested, s.Latest)
		}
		if e < iv {
			t.Errorf("%s earliest %s is before the interview", s.ID, s.Earliest)
		}
		if s.Suggested < prev {
			t.Errorf("%s at %s comes after a step at %s", s.ID, s.Suggested, prev)
		}
		prev = s.Suggested
		if sr.Chaser {
			if s.Sent == "" {
				chasers++
			}
			if hasOutcome && outcome <= g && s.Sent == "" {
				t.Errorf("%s at %s is after the outcome at %s", s.ID, s.Suggested, outcome)
			}
			if sr.To != s.To || s.To != "hiring manager" {
				t.Errorf("%s goes to %q, want the hiring manager only", s.ID, s.To)
			}
		}
		if s.Note == "" || strings.Contains(s.Note, "{") {
			t.Errorf("%s note %q is empty or unfilled", s.ID, s.Note)
		}
		want := ""
		switch {
		case in.Today == "":
		case s.Sent != "":
			want = StatusDone
		case today > l:
			want = StatusOverdue
		case today >= e:
			want = StatusDue
		default:
			want = StatusUpcoming
		}
		if s.Status != want || (want == StatusOverdue) != (s.Note == r.Policy.OverdueNote) {
			t.Errorf("%s to %s: status %q with note %q, want %q (today %q)", s.ID, s.To, s.Status, s.Note, want, in.Today)
		}
	}
	if chasers > r.Policy.MaxChasers {
		t.Errorf("%d chasers not sent, the policy allows %d", chasers, r.Policy.MaxChasers)
	}
}

// TestPlanRandomInputs checks the invariants on many generated inputs; the seed is fixed so
// a failure can be reproduced, and printed with it.
func TestPlanRandomInputs(t *testing.T) {
	r := loadSite(t)
	const seed = 20260312
	rng := rand.New(rand.NewPCG(seed, 0))
	start := civil.DateOf(2026, 1, 1)
	for i := 0; i < 2000; i++ {
		iv := (start + civil.Date(rng.IntN(3*366))).At(rng.IntN(24*4) * 15)
		in := Input{Interview: iv.String(), Interviewers: []string{"A", "B"}[:rng.IntN(3)%2+1]}
		if rng.IntN(2) == 0 {
			in.DecisionBy = (iv.Date() + civil.Date(rng.IntN(40))).String()
		}
		later := iv.AddMinutes(rng.IntN(40 * 24 * 60)).String()
		switch rng.IntN(5) {
		case 0:
			in.Rejected = later
		case 1:
			in.Offer = later[:10]
		case 2:
			in.Withdrew = later
		}
		if rng.IntN(3) == 0 {
			in.Weekend = WeekendSameDay
		}
		p, err := r.Plan(in)
		if err != nil {
			t.Fatalf("seed %d, input %d %+v: %v", seed, i, in, err)
		}
		checkInvariants(t, r, in, p)
		if t.Failed() {
			t.Fatalf("seed %d, input %d: %+v", seed, i, in)
		}
	}
}

// TestPlanShiftsByWeeks checks that civil arithmetic ignores daylight saving: moving the
// interview by whole weeks, across every 2026 clock change in Europe, North America and
// the southern hemisphere, moves every time by the same weeks and changes nothing else.
func TestPlanShiftsByWeeks(t *testing.T) {
	r := loadSite(t)
	for _, base := range []string{"2026-03-02T15:00", "2026-03-20T17:45", "2026-03-26T19:00", "2026-03-27T09:00", "2026-04-01T10:00", "2026-10-22T16:00", "2026-10-30T12:00", "2026-09-24T08:00"} {
		b, _ := civil.ParseDateTime(base)
		p0, err := r.Plan(Input{Interview: base, Interviewers: []string{"A"}})
		if err != nil {
			t.Fatal(err)
		}
		for weeks := 1; weeks <= 3; weeks++ {
			moved := b.AddDays(7 * weeks)
			p, err := r.Plan(Input{Interview: moved.String(), Interviewers: []string{"A"}})
			if err != nil {
				t.Fatal(err)
			}
			if len(p.Steps) != len(p0.Steps) {
				t.Fatalf("%s + %d weeks: %d steps, want %d", base, weeks, len(p.Steps), len(p0.Steps))
			}
			for i, s := range p.Steps {
				s0 := p0.Steps[i]
				for _, pair := range [][2]string{{s.Earliest, s0.Earliest}, {s.Suggested, s0.Suggested}, {s.Latest, s0.Latest}} {
					a, _ := civil.ParseDateTime(pair[0])
					z, _ := civil.ParseDateTime(pair[1])
					if a != z.AddDays(7*weeks) {
						t.Errorf("%s + %d weeks: %s step at %s, want %s moved by the same weeks", base, weeks, s.ID, pair[0], pair[1])
					}
				}
				if s.ID != s0.ID || s.Note != s0.Note || s.To != s0.To {
					t.Errorf("%s + %d weeks: step %d changed: %+v vs %+v", base, weeks, i, s, s0)
				}
			}
		}
	}
}

// inputErrorCases are mistakes and the InputError each must give, code and args being the
// contract the browser engine reproduces; the vectors hold them too.
func inputErrorCases() []struct {
	name string
	in   Input
	want InputError
} {
	iv := "2026-03-12T15:00"
	type a = map[string]string
	return []struct {
		name string
		in   Input
		want InputError
	}{
		{"no interview", Input{}, InputError{"interview", CodeMissing, a{}}},
		{"interview without a time", Input{Interview: "2026-03-12"}, InputError{"interview", civil.NotADateTime, a{"value": "2026-03-12"}}},
		{"interview on 30 february", Input{Interview: "2026-02-30T10:00"}, InputError{"interview", civil.NotADay, a{"value": "2026-02-30T10:00"}}},
		{"interview at 25:00", Input{Interview: "2026-03-12T25:00"}, InputError{"interview", civil.NotATime, a{"value": "2026-03-12T25:00"}}},
		{"interview at 24:00", Input{Interview: "2026-03-12T24:00"}, InputError{"interview", civil.EndOfDay, a{"value": "2026-03-12T24:00"}}},
		{"interview in fullwidth digits", Input{Interview: "２０２６-03-12T15:00"}, InputError{"interview", civil.NotADateTime, a{"value": "２０２６-03-12T15:00"}}},
		{"interview with a non-ascii letter", Input{Interview: "2026-0é-1T15:00"}, InputError{"interview", civil.NotADateTime, a{"value": "2026-0é-1T15:00"}}},
		{"interview past the last year", Input{Interview: "9000-01-01T10:00"}, InputError{"interview", CodeTooLate, a{"value": "9000-01-01T10:00", "lastYear": "8999"}}},
		{"rejected before the interview's day", Input{Interview: iv, Rejected: "2026-03-11"}, InputError{"rejected", CodeBeforeInterview, a{"value": "2026-03-11", "interview": "2026-03-12"}}},
		{"rejected a minute before the interview", Input{Interview: iv, Rejected: "2026-03-12T14:59"}, InputError{"rejected", CodeBeforeInterview, a{"value": "2026-03-12T14:59", "interview": iv}}},
		{"offer written day first", Input{Interview: iv, Offer: "12/03/2026"}, InputError{"offer", CodeNotAnEventTime, a{"value": "12/03/2026"}}},
		{"offer on no day", Input{Interview: iv, Offer: "2026-04-31"}, InputError{"offer", civil.NotADay, a{"value": "2026-04-31"}}},
		{"withdrew with a non-ascii letter", Input{Interview: iv, Withdrew: "2026-03-1é"}, InputError{"withdrew", CodeNotAnEventTime, a{"value": "2026-03-1é"}}},
		{"withdrew before the interview", Input{Interview: iv, Withdrew: "2026-03-01T10:00"}, InputError{"withdrew", CodeBeforeInterview, a{"value": "2026-03-01T10:00", "interview": iv}}},
		{"withdrew past the last year", Input{Interview: "8999-12-31T10:00", Withdrew: "9000-01-03T09:00"}, InputError{"withdrew", CodeTooLate, a{"value": "9000-01-03T09:00", "lastYear": "8999"}}},
		{"decision date before the interview", Input{Interview: iv, DecisionBy: "2026-03-11"}, InputError{"decisionBy", CodeBeforeInterview, a{"value": "2026-03-11", "interview": "2026-03-12"}}},
		{"decision date with a time", Input{Interview: iv, DecisionBy: "2026-03-20T10:00"}, InputError{"decisionBy", civil.NotADate, a{"value": "2026-03-20T10:00"}}},
		{"two outcomes", Input{Interview: iv, Rejected: "2026-03-13", Offer: "2026-03-14"}, InputError{"offer", CodeSecondOutcome, a{"given": "rejected"}}},
		{"an offer and another round", Input{Interview: iv, Offer: "2026-03-13", NextRound: "2026-03-14"}, InputError{"nextRound", CodeSecondOutcome, a{"given": "offer"}}},
		{"invited to another round before the interview", Input{Interview: iv, NextRound: "2026-03-12T14:00"}, InputError{"nextRound", CodeBeforeInterview, a{"value": "2026-03-12T14:00", "interview": iv}}},
		{"invited to another round on no day", Input{Interview: iv, NextRound: "2026-02-30"}, InputError{"nextRound", civil.NotADay, a{"value": "2026-02-30"}}},
		{"unknown weekend policy", Input{Interview: iv, Weekend: "sunday\n"}, InputError{"weekend", CodeUnknownWeekend, a{"value": "sunday\n"}}},
		{"negative linkedin limit", Input{Interview: iv, LinkedInLimit: -1}, InputError{"linkedinLimit", CodeNegativeLimit, a{"value": "-1"}}},
		{"unknown region", Input{Interview: iv, Region: "GB"}, InputError{"region", CodeUnknownRegion, a{"value": "GB", "regions": "US, GB-ENG, GB-SCT, IE, CA, AU, NZ, DE, FR, NL"}}},
		{"a name of spaces", Input{Interview: iv, Interviewers: []string{"Priya", " \u3000\ufeff\u2028"}}, InputError{"interviewers", CodeEmptyName, a{"number": "2"}}},
		{"ends not a time", Input{Interview: iv, Ends: "4pm"}, InputError{"ends", civil.NotATime, a{"value": "4pm"}}},
		{"ends before the start", Input{Interview: iv, Ends: "14:30"}, InputError{"ends", CodeEndsBeforeStart, a{"value": "14:30", "interview": iv}}},
		{"today not a date and time", Input{Interview: iv, Today: "2026-03-13"}, InputError{"today", civil.NotADateTime, a{"value": "2026-03-13"}}},
		{"sent: an unknown step", Input{Interview: iv, Facts: Facts{Sent: []Sent{{Step: "thanks", At: "2026-03-12T17:00"}}}},
			InputError{"facts.sent.0.step", CodeUnknownStep, a{"value": "thanks"}}},
		{"sent: a person not met", Input{Interview: iv, Interviewers: []string{"Ana"}, Facts: Facts{Sent: []Sent{{Step: "thank-you", To: "Bo", At: "2026-03-12T17:00"}}}},
			InputError{"facts.sent.0.to", CodeUnknownPerson, a{"value": "Bo", "step": "thank-you"}}},
		{"sent: a time that is no time", Input{Interview: iv, Facts: Facts{Sent: []Sent{{Step: "thank-you", At: "2026-03-12T17:00"}, {Step: "linkedin", At: "2026-03-13 09:00"}}}},
			InputError{"facts.sent.1.at", civil.NotADateTime, a{"value": "2026-03-13 09:00"}}},
		{"sent: during the interview", Input{Interview: iv, Facts: Facts{Sent: []Sent{{Step: "thank-you", At: "2026-03-12T15:59"}}}},
			InputError{"facts.sent.0.at", CodeFactBeforeInterview, a{"value": "2026-03-12T15:59", "ends": "2026-03-12T16:00"}}},
		{"sent: after today", Input{Interview: iv, Today: "2026-03-12T18:00", Facts: Facts{Sent: []Sent{{Step: "thank-you", At: "2026-03-12T18:01"}}}},
			InputError{"facts.sent.0.at", CodeAfterToday, a{"value": "2026-03-12T18:01", "today": "2026-03-12T18:00"}}},
		{"sent and skipped for the same person", Input{Interview: iv, Interviewers: []string{"Ana"},
			Facts: Facts{Sent: []Sent{{Step: "thank-you", To: "Ana", At: "2026-03-12T17:00"}}, Skipped: []Skipped{{Step: "thank-you", To: " Ana"}}}},
			InputError{"facts.skipped.0.step", CodeConflictingFacts, a{"step": "thank-you", "to": "Ana"}}},
		{"sent: a step whose event did not happen", Input{Interview: iv, Facts: Facts{Sent: []Sent{{Step: "rejection-reply", At: "2026-03-13T09:00"}}}},
			InputError{"facts.sent.0.step", CodeNotInPlan, a{"step": "rejection-reply", "to": ""}}},
		{"skipped: a step to a person whose thank-you was skipped", Input{Interview: iv, Interviewers: []string{"Ana"},
			Facts: Facts{Skipped: []Skipped{{Step: "linkedin", To: "Ana"}, {Step: "thank-you", To: "Ana"}}}},
			InputError{"facts.skipped.0.step", CodeNotInPlan, a{"step": "linkedin", "to": "Ana"}}},
		{"replied before the interview", Input{Interview: iv, Facts: Facts{Replied: []Replied{{On: "2026-03-11"}}}},
			InputError{"facts.replied.0.on", CodeBeforeInterview, a{"value": "2026-03-11", "interview": "2026-03-12"}}},
		{"replied after today", Input{Interview: iv, Today: "2026-03-12T18:00", Facts: Facts{Replied: []Replied{{On: "2026-03-13"}}}},
			InputError{"facts.replied.0.on", CodeAfterToday, a{"value": "2026-03-13", "today": "2026-03-12T18:00"}}},
		{"replied with a new decision date on no day", Input{Interview: iv, Facts: Facts{Replied: []Replied{{On: "2026-03-13", DecisionBy: "2026-02-30"}}}},
			InputError{"facts.replied.0.decisionBy", civil.NotADay, a{"value": "2026-02-30"}}},
		{"two chasers sent between the same replies", Input{Interview: iv, Facts: Facts{Sent: []Sent{{Step: "chaser", At: "2026-03-27T09:00"}, {Step: "chaser", At: "2026-04-01T09:00"}}}},
			InputError{"facts.sent.1.step", CodeConflictingFacts, a{"step": "chaser", "to": ""}}},
	}
}

func TestPlanInputErrors(t *testing.T) {
	r := loadSite(t)
	for _, tt := range inputErrorCases() {
		_, err := r.Plan(tt.in)
		var ie *InputError
		if !errors.As(err, &ie) {
			t.Errorf("%s: Plan(%+v) error = %v, want an InputError", tt.name, tt.in, err)
			continue
		}
		if !reflect.DeepEqual(*ie, tt.want) {
			t.Errorf("%s: Plan(%+v) = %+v, want %+v", tt.name, tt.in, *ie, tt.want)
		}
	}
}

// TestInputErrorWording checks the English of each code: it names what is wrong and what
// was expected.
func TestInputErrorWording(t *testing.T) {
	r := loadSite(t)
	want := map[string]string{
		"no interview":                            "interview: missing; give the interview's date and time as YYYY-MM-DDTHH:MM, e.g. 2026-03-12T15:00",
		"interview without a time":                `interview: "2026-03-12" is not a date and time; want YYYY-MM-DDTHH:MM, e.g. 2026-03-12T15:00`,
		"interview on 30 february":                `interview: "2026-02-30T10:00" is not a day on the calendar (years 1000 and later)`,
		"interview at 25:00":                      `interview: "2026-03-12T25:00" is not a time of day; want HH:MM between 00:00 and 24:00, e.g. 08:00`,
		"interview at 24:00":                      `interview: "2026-03-12T24:00": write the next day's 00:00 instead of 24:00`,
		"interview past the last year":            "interview: 9000-01-01T10:00 is too far in the future; give a year no later than 8999",
		"rejected before the interview's day":     "rejected: 2026-03-11 is before the interview (2026-03-12)",
		"offer written day first":                 `offer: "12/03/2026" is neither a date nor a date and time; want YYYY-MM-DD or YYYY-MM-DDTHH:MM, e.g. 2026-03-20`,
		"decision date with a time":               `decisionBy: "2026-03-20T10:00" is not a date; want YYYY-MM-DD, e.g. 2026-03-12`,
		"two outcomes":                            "offer: give at most one outcome; rejected is already given",
		"unknown weekend policy":                  `weekend: unknown weekend policy "sunday\n"; use "monday" or "same-day"`,
		"negative linkedin limit":                 "linkedinLimit: must be a positive number of characters, or 0 for the site's default, not -1",
		"a name of spaces":                        "interviewers: name 2 is empty",
		"ends before the start":                   "ends: the interview cannot end at 14:30: it started at 2026-03-12T15:00; give a later time that day",
		"sent: an unknown step":                   `facts.sent.0.step: "thanks" is no step of the plan; use one of the steps it lists, e.g. thank-you`,
		"sent: a person not met":                  `facts.sent.0.to: "Bo" is not a recipient of thank-you; give an interviewer's name as in the plan`,
		"sent: during the interview":              "facts.sent.0.at: 2026-03-12T15:59 is before the interview ended (2026-03-12T16:00)",
		"sent: after today":                       "facts.sent.0.at: 2026-03-12T18:01 is later than today (2026-03-12T18:00)",
		"sent and skipped for the same person":    "facts.skipped.0.step: thank-you to Ana is given twice as sent or skipped; keep one",
		"sent: a step whose event did not happen": "facts.sent.0.step: rejection-reply is not in this plan (its event did not happen, or what it follows was skipped or dropped)",
	}
	codes := map[string]bool{}
	for _, tt := range inputErrorCases() {
		_, err := r.Plan(tt.in)
		codes[tt.want.Code] = true
		if w, ok := want[tt.name]; ok && err.Error() != w {
			t.Errorf("%s:\n got %s\nwant %s", tt.name, err, w)
		}
	}
	// Every code is produced by some case, so the browser's table is checked against all.
	for _, c := range []string{civil.NotADate, civil.NotADay, civil.NotATime, civil.NotADateTime, civil.EndOfDay,
		CodeMissing, CodeNotAnEventTime, CodeBeforeInterview, CodeTooLate, CodeSecondOutcome, CodeEmptyName, CodeUnknownWeekend, CodeNegativeLimit,
		CodeEndsBeforeStart, CodeUnknownRegion, CodeUnknownStep, CodeUnknownPerson, CodeFactBeforeInterview, CodeAfterToday, CodeConflictingFacts, CodeNotInPlan} {
		if !codes[c] {
			t.Errorf("no case gives the code %s", c)
		}
	}
}

// TestTrimName checks that names are trimmed of what String.prototype.trim removes.
func TestTrimName(t *testing.T) {
	for in, want := range map[string]string{
		" Ana ": "Ana", "\u00a0Bo\u3000": "Bo", "\ufeffBOM": "BOM", "\u0085Nel\u0085": "\u0085Nel\u0085",
		"\t\v\f\r\n\u2028\u2029\u1680\u2000\u200a\u202f\u205fX": "X", "\u200bZw": "\u200bZw", "A B": "A B",
	} {
		if got := trimName(in); got != want {
			t.Errorf("trimName(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestMaxChasers(t *testing.T) {
	loadSite(t)
	in := Input{Interview: "2026-03-12T15:00", Interviewers: []string{"Priya"}}
	for max, want := range map[int]string{0: "", 1: "chaser", 2: "chaser second-chaser", 5: "chaser second-chaser"} {
		p := DefaultPolicy()
		p.MaxChasers = max
		r, err := Compile(p, siteMsgs)
		if err != nil {
			t.Fatal(err)
		}
		plan, err := r.Plan(in)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, s := range plan.Steps {
			if strings.Contains(s.ID, "chaser") {
				got = append(got, s.ID)
			}
		}
		if strings.Join(got, " ") != want {
			t.Errorf("max_chasers = %d: chasers %v, want %q", max, got, want)
		}
		if plan.End != "no reply: move on" {
			t.Errorf("max_chasers = %d: end %q", max, plan.End)
		}
	}
}

// TestChaserTime checks that a chaser goes at the policy's chaser_time on its business
// day, whatever time of day its wait ends, with that business day as its window.
func TestChaserTime(t *testing.T) {
	loadSite(t)
	sentLate := Input{Interview: "2026-03-12T15:00", Interviewers: []string{"Priya"}, DecisionBy: "2026-03-13",
		Facts: Facts{Sent: []Sent{{Step: "thank-you", At: "2026-03-12T17:30"}}}}
	for _, tt := range []struct {
		chaserTime, dayStart string
		in                   Input
		want                 string
	}{
		{"09:00", "08:00", sentLate, "2026-03-19T09:00 chaser hiring manager 2026-03-19T08:00..2026-03-19T18:00 <sent thank-you Priya>"},
		{"08:00", "08:00", sentLate, "2026-03-19T08:00 chaser hiring manager 2026-03-19T08:00..2026-03-19T18:00 <sent thank-you Priya>"},
		{"17:59", "08:00", sentLate, "2026-03-19T17:59 chaser hiring manager 2026-03-19T08:00..2026-03-19T18:00 <sent thank-you Priya>"},
		{"11:30", "09:30", sentLate, "2026-03-19T11:30 chaser hiring manager 2026-03-19T09:30..2026-03-19T18:00 <sent thank-you Priya>"},
		// The decision date's next business day, a Monday after a weekend.
		{"09:00", "08:00", Input{Interview: "2026-03-12T15:00", DecisionBy: "2026-03-20"},
			"2026-03-23T09:00 chaser hiring manager 2026-03-23T08:00..2026-03-23T18:00"},
	} {
		p := DefaultPolicy()
		p.ChaserTime, p.DayStart = tt.chaserTime, tt.dayStart
		r, err := Compile(p, siteMsgs)
		if err != nil {
			t.Fatal(err)
		}
		plan, err := r.Plan(tt.in)
		if err != nil {
			t.Fatal(err)
		}
		var got string
		for _, line := range summary(plan) {
			if strings.Contains(line, " chaser ") {
				got = line
				break
			}
		}
		if got != tt.want {
			t.Errorf("chaser_time %s, day_start %s: %q, want %q", tt.chaserTime, tt.dayStart, got, tt.want)
		}
	}
}

func TestCustomBusinessWeek(t *testing.T) {
	loadSite(t)
	p := DefaultPolicy()
	p.BusinessDays = []string{"sunday", "monday", "tuesday", "wednesday", "thursday"}
	p.DayStart, p.DayEnd, p.MondayBefore = "09:00", "17:00", "11:00"
	r, err := Compile(p, siteMsgs)
	if err != nil {
		t.Fatal(err)
	}
	// A Thursday afternoon interview: the window runs into Friday, not a business day here.
	plan, err := r.Plan(Input{Interview: "2026-03-12T15:00", Interviewers: []string{"Priya"}})
	if err != nil {
		t.Fatal(err)
	}
	got := summary(plan)[0]
	if want := "2026-03-15T09:00 thank-you Priya 2026-03-12T16:00..2026-03-15T11:00"; got != want {
		t.Errorf("first step %s, want %s", got, want)
	}
	if f := Figures(r); f["business-days"] != "Sunday to Thursday" || f["business-hours"] != "09:00 to 17:00" {
		t.Errorf("figures %q, %q", f["business-days"], f["business-hours"])
	}
	checkInvariants(t, r, Input{Interview: "2026-03-12T15:00"}, plan)
}

// TestHolidaysPolicy checks the [timeline] region keys: unknown codes and repeats are
// problems at their key, a region not listed in regions is offered too, and the site's
// region is the plan's default.
func TestHolidaysPolicy(t *testing.T) {
	for _, tc := range []struct {
		name, region string
		regions      []string
		problem      string // a substring of the problem, "" for none
	}{
		{"none", "", nil, ""},
		{"unknown region", "GB", nil, `unknown region "GB"`},
		{"unknown in regions", "", []string{"US", "XX"}, `unknown region "XX"`},
		{"twice", "", []string{"US", "US"}, `"US" is listed twice`},
		{"region not in regions", "US", []string{"GB-ENG"}, ""},
	} {
		p := DefaultPolicy()
		p.Region, p.Regions = tc.region, tc.regions
		err := p.Validate("site.toml", nil)
		switch {
		case tc.problem == "" && err != nil:
			t.Errorf("%s: %v", tc.name, err)
		case tc.problem != "" && (err == nil || !strings.Contains(err.Error(), tc.problem)):
			t.Errorf("%s: got %v, want a problem with %q", tc.name, err, tc.problem)
		}
	}
	p := DefaultPolicy()
	p.Region, p.Regions = "US", []string{"GB-ENG"}
	loadSite(t)
	r, err := Compile(p, siteMsgs)
	if err != nil {
		t.Fatal(err)
	}
	thanksgiving := Input{Interview: "2026-11-25T15:00"}
	for region, want := range map[string]string{"": "2026-11-27T08:00", "US": "2026-11-27T08:00", "GB-ENG": "2026-11-26T08:00"} {
		thanksgiving.Region = region
		pl, err := r.Plan(thanksgiving)
		if err != nil {
			t.Fatal(err)
		}
		if got := pl.Steps[0].Suggested; got != want {
			t.Errorf("region %q: thank-you at %s, want %s", region, got, want)
		}
	}
}

// TestHolidaysNote checks the text output's sentence for a plan outside the span.
func TestHolidaysNote(t *testing.T) {
	r := loadSite(t)
	for _, tc := range []struct {
		in   Input
		want string
	}{
		{Input{Interview: "2030-12-24T15:00", Region: "GB-ENG"}, "Public holidays were not taken into account: they are known for 2025 to 2029 only.\n"},
		{Input{Interview: "2026-12-24T15:00", Region: "GB-ENG"}, ""},
		{Input{Interview: "2030-12-24T15:00"}, ""},
	} {
		in, want := tc.in, tc.want
		p, err := r.Plan(in)
		if err != nil {
			t.Fatal(err)
		}
		var b strings.Builder
		if err := WriteText(&b, r, in, p); err != nil {
			t.Fatal(err)
		}
		if got := b.String(); want != "" && !strings.HasSuffix(got, want) || want == "" && strings.Contains(got, "holidays") {
			t.Errorf("%+v: text ends\n%s", in, got[max(0, len(got)-120):])
		}
	}
}
