package render

import (
	"fmt"
	"html/template"
	"time"

	"github.com/followup-playbook/playbook/generator/load/rules"
)

// SampleInterview is the interview the built-in timeline is computed for: a Tuesday
// afternoon, with no decision date given and nothing heard since, the most common case.
const SampleInterview = "2026-03-10T14:00"

// Timeline is the default follow-up plan, computed at build time from the rules, for pages
// that show the timeline at a glance and for readers without JavaScript.
type Timeline struct {
	// Interview describes the sample interview, e.g. "Tuesday at 14:00".
	Interview string
	Steps     []TimelineStep
	// End is the sentence that closes the plan.
	End string
	// SVG draws the plan (TimelineSVG), for beside the list.
	SVG template.HTML
}

// TimelineStep is one message of the sample plan.
type TimelineStep struct {
	// Day counts calendar days from the interview (1 is the day after).
	Day     int
	Weekday string
	Time    string // suggested time, HH:MM
	Title   string // the message's title
	URL     string // its template page
	To      string
	Note    string
}

const civilLayout = "2006-01-02T15:04"

// NewTimeline plans the sample interview with r and describes each step; messageURL gives
// the template page of a message id.
func NewTimeline(r *rules.Rules, messageURL func(id string) string) (*Timeline, error) {
	plan, err := r.Plan(rules.Input{Interview: SampleInterview, Interviewers: []string{"each interviewer"}})
	if err != nil {
		return nil, fmt.Errorf("the sample timeline: %w", err)
	}
	// Civil times parsed as UTC: no zone has a say, so day counts are calendar days.
	start, _ := time.Parse(civilLayout, SampleInterview)
	t := &Timeline{Interview: start.Format("Monday at 15:04"), End: plan.End}
	for _, s := range plan.Steps {
		at, err := time.Parse(civilLayout, s.Suggested)
		if err != nil {
			return nil, fmt.Errorf("the sample timeline: step %s: %w", s.ID, err)
		}
		t.Steps = append(t.Steps, TimelineStep{
			Day:     calendarDays(start, at),
			Weekday: at.Format("Monday"),
			Time:    at.Format("15:04"),
			Title:   stepTitle(r, s.ID),
			URL:     messageURL(s.Message),
			To:      s.To,
			Note:    s.Note,
		})
	}
	t.SVG, err = TimelineSVG(r, plan, SampleInterview)
	if err != nil {
		return nil, fmt.Errorf("the sample timeline: %w", err)
	}
	return t, nil
}

// stepTitle is the title of the message of step id, or the id of a step r does not know.
func stepTitle(r *rules.Rules, id string) string {
	if sr, ok := r.Step(id); ok {
		return sr.Title
	}
	return id
}

// calendarDays counts the calendar days from start to t, civil times parsed as UTC.
func calendarDays(start, t time.Time) int {
	return int(t.Truncate(24*time.Hour).Sub(start.Truncate(24*time.Hour)).Hours() / 24)
}
