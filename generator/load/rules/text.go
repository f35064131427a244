package rules

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/followup-playbook/playbook/generator/load/rules/civil"
	"github.com/followup-playbook/playbook/generator/load/rules/holidays"
)

// JSON returns the plan as `playbook plan --format json` prints it: indented, with "<",
// ">" and "&" left as they are, and a final newline.
func (p Plan) JSON() ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(p); err != nil {
		return nil, fmt.Errorf("encoding the plan: %w", err)
	}
	return b.Bytes(), nil
}

// humanTime writes a plan time for people: "Thursday 2026-03-12 15:00".
func humanTime(s string) string {
	t, err := civil.ParseDateTime(s)
	if err != nil {
		return s
	}
	return civil.WeekdayName(t.Date().Weekday()) + " " + strings.Replace(s, "T", " ", 1)
}

// HolidaysNote returns the sentence that a plan made outside the span of known holidays
// shows (timeline.js words it the same), or "".
func HolidaysNote(p Plan) string {
	if p.Holidays != HolidaysOutside {
		return ""
	}
	return fmt.Sprintf("Public holidays were not taken into account: they are known for %d to %d only.", holidays.First, holidays.Last)
}

// WriteText writes plan p, computed from in, for a terminal: one numbered entry per step
// with its suggested time, recipient, template, window and note, then the end. Done and
// overdue steps are marked on their first line; a done step says when it was sent.
func WriteText(w io.Writer, r *Rules, in Input, p Plan) error {
	var b strings.Builder
	fmt.Fprintf(&b, "Follow-up plan for an interview on %s", humanTime(in.Interview))
	switch {
	case in.Role != "" && in.Company != "":
		fmt.Fprintf(&b, " (%s at %s)", in.Role, in.Company)
	case in.Role != "" || in.Company != "":
		fmt.Fprintf(&b, " (%s%s)", in.Role, in.Company)
	}
	b.WriteString("\n")
	if in.Today != "" {
		fmt.Fprintf(&b, "As of %s\n", humanTime(in.Today))
	}
	for i, s := range p.Steps {
		title := s.Message
		if sr, ok := r.Step(s.ID); ok {
			title = sr.Title
		}
		mark := map[string]string{StatusDone: "  [done]", StatusOverdue: "  [OVERDUE]", StatusDue: "  [due now]"}[s.Status]
		fmt.Fprintf(&b, "\n%d. %s  %s, to %s%s\n", i+1, humanTime(s.Suggested), s.ID, s.To, mark)
		fmt.Fprintf(&b, "   Template: %s (%s)\n", title, s.Message)
		fmt.Fprintf(&b, "   Window:   %s to %s\n", humanTime(s.Earliest), humanTime(s.Latest))
		if s.Sent != "" {
			fmt.Fprintf(&b, "   Sent:     %s\n", humanTime(s.Sent))
		}
		fmt.Fprintf(&b, "   %s\n", s.Note)
	}
	if len(p.Steps) == 0 {
		b.WriteString("\nNothing to send.\n")
	}
	fmt.Fprintf(&b, "\nEnd: %s\n", p.End)
	if n := HolidaysNote(p); n != "" {
		fmt.Fprintf(&b, "%s\n", n)
	}
	_, err := io.WriteString(w, b.String())
	return err
}
