package rules

import (
	"errors"
	"testing"
	"time"
)

// FuzzParseDuration parses arbitrary waits. A wait either fails with a message that quotes
// it, or has a known unit and a non-negative amount and writes back to itself.
func FuzzParseDuration(f *testing.F) {
	for _, s := range []string{"24 hours", "1 day", "2 business days", "0 days", "-1 days", "01 days",
		"7  days", " 7 days ", "7 weeks", "9223372036854775807 hours", "99999999999999999999 days", "", "1", "day", "+1 day"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseDuration(s)
		if err != nil {
			if err.Error() == "" {
				t.Fatal("empty error")
			}
			return
		}
		limit := map[string]int{Hours: MaxHours, Days: MaxDays, BusinessDays: MaxBusinessDays}[d.Unit]
		if d.Amount < 0 || d.Amount > limit {
			t.Fatalf("%q: amount %d outside 0..%d %s", s, d.Amount, limit, d.Unit)
		}
		again, err := ParseDuration(d.String())
		if err != nil || again != d {
			t.Fatalf("%q → %v → %q → %v, %v", s, d, d.String(), again, err)
		}
	})
}

// FuzzPlan runs the site's rules on arbitrary input, as `playbook plan` and the shared
// vectors give it. The only errors are *InputError values naming a field; a plan that
// comes back holds every invariant checkInvariants knows, and comes back quickly.
func FuzzPlan(f *testing.F) {
	f.Add("2026-03-12T15:00", "Priya", "2026-03-20", "", "", "", "")
	f.Add("2026-03-13T17:59", "", "", "2026-03-14", "", "", "same-day")
	f.Add("2026-03-12T15:00", "A", "", "", "2026-04-01T09:00", "", "monday")
	f.Add("0000-01-01T00:00", " ", "9999-12-31", "", "", "9999-12-31T23:59", "")
	f.Add("2026-02-29T10:00", "", "2026-02-30", "2026-13-01", "", "", "sunday")
	f.Add("2026-03-12T24:00", "", "", "", "", "", "")
	f.Add("9999-12-31T23:59", "X", "9999-12-31", "", "", "", "")
	f.Fuzz(func(t *testing.T, interview, who, decision, rejected, offer, withdrew, weekend string) {
		r := loadSite(t)
		in := Input{Interview: interview, DecisionBy: decision, Rejected: rejected, Offer: offer, Withdrew: withdrew, Weekend: weekend}
		if who != "" {
			in.Interviewers = []string{who}
		}
		start := time.Now()
		p, err := r.Plan(in)
		if d := time.Since(start); d > 2*time.Second {
			t.Errorf("Plan took %v on %+v", d, in)
		}
		if err != nil {
			var ie *InputError
			if !errors.As(err, &ie) || ie.Field == "" || ie.Args == nil || ie.Message() == ie.Code {
				t.Fatalf("error %v (%T) is not a worded *InputError naming a field", err, err)
			}
			return
		}
		if _, err := p.JSON(); err != nil {
			t.Fatal(err)
		}
		checkInvariants(t, r, in, p)
		if t.Failed() {
			t.Fatalf("input %+v", in)
		}
	})
}
