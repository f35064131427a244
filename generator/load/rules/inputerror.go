package rules

import (
	"fmt"

	"github.com/followup-playbook/playbook/generator/load/rules/civil"
)

// The codes of an InputError besides civil's parse codes (civil.NotADate, civil.NotADay,
// civil.NotATime, civil.NotADateTime, civil.EndOfDay, each with the arg "value"). A code
// and its args are the error's JSON contract: static/js/timeline.js throws the same ones
// and words them itself, so no English is shared between the engines. A code keeps its
// meaning and its args once published; a new kind of mistake gets a new code.
const (
	CodeMissing         = "missing"            // no args
	CodeNotAnEventTime  = "not-a-date-or-time" // value: neither YYYY-MM-DD nor YYYY-MM-DDTHH:MM
	CodeBeforeInterview = "before-interview"   // value; interview: its date, or date and time, as the value's form
	CodeTooLate         = "too-late"           // value; lastYear: LastYear
	CodeSecondOutcome   = "second-outcome"     // given: the outcome event already given
	CodeEmptyName       = "empty-name"         // number: the name's position, from 1
	CodeUnknownWeekend  = "unknown-weekend"    // value
	CodeNegativeLimit   = "negative-limit"     // value
	CodeEndsBeforeStart = "ends-before-start"  // value: the end HH:MM; interview: the start
	CodeUnknownRegion   = "unknown-region"     // value; regions: the codes offered, joined by ", "
	// The facts' codes. Their fields are paths into Input's JSON, e.g. "facts.sent.0.at".
	CodeUnknownStep         = "unknown-step"          // value: no step of the rules has this id
	CodeUnknownPerson       = "unknown-person"        // value; step: the step has no recipient named value
	CodeFactBeforeInterview = "fact-before-interview" // value; ends: when the interview ended, YYYY-MM-DDTHH:MM
	CodeAfterToday          = "after-today"           // value; today: the input's today
	CodeConflictingFacts    = "conflicting-facts"     // step; to: the person, or "" for every recipient
	CodeNotInPlan           = "not-in-plan"           // step; to: the step (to that person) is not in this plan
)

// InputError is a mistake in the input: Field names it as in Input's JSON, Code says what
// is wrong and Args holds the values its wording needs, all strings (never nil).
type InputError struct {
	Field string            `json:"field"`
	Code  string            `json:"code"`
	Args  map[string]string `json:"args"`
}

// inputError makes an InputError from its code and args given as name, value pairs.
func inputError(field, code string, args ...string) *InputError {
	e := &InputError{Field: field, Code: code, Args: map[string]string{}}
	for i := 0; i+1 < len(args); i += 2 {
		e.Args[args[i]] = args[i+1]
	}
	return e
}

// fromCivil turns a parse error of field's value into an InputError with civil's code.
func fromCivil(field string, err error) *InputError {
	ce := err.(*civil.Error) // civil's parsers return no other error
	return inputError(field, ce.Code, "value", ce.Value)
}

// Message words the error for a person, in English, saying what was expected.
func (e *InputError) Message() string {
	a := e.Args
	switch e.Code {
	case civil.NotADate, civil.NotADay, civil.NotATime, civil.NotADateTime, civil.EndOfDay:
		return (&civil.Error{Code: e.Code, Value: a["value"]}).Error()
	case CodeMissing:
		return "missing; give the interview's date and time as YYYY-MM-DDTHH:MM, e.g. 2026-03-12T15:00"
	case CodeNotAnEventTime:
		return fmt.Sprintf("%q is neither a date nor a date and time; want YYYY-MM-DD or YYYY-MM-DDTHH:MM, e.g. 2026-03-20", a["value"])
	case CodeBeforeInterview:
		return fmt.Sprintf("%s is before the interview (%s)", a["value"], a["interview"])
	case CodeTooLate:
		return fmt.Sprintf("%s is too far in the future; give a year no later than %s", a["value"], a["lastYear"])
	case CodeSecondOutcome:
		return fmt.Sprintf("give at most one outcome; %s is already given", a["given"])
	case CodeEmptyName:
		return fmt.Sprintf("name %s is empty", a["number"])
	case CodeUnknownWeekend:
		return fmt.Sprintf("unknown weekend policy %q; use %q or %q", a["value"], WeekendMonday, WeekendSameDay)
	case CodeNegativeLimit:
		return fmt.Sprintf("must be a positive number of characters, or 0 for the site's default, not %s", a["value"])
	case CodeEndsBeforeStart:
		return fmt.Sprintf("the interview cannot end at %s: it started at %s; give a later time that day", a["value"], a["interview"])
	case CodeUnknownRegion:
		if a["regions"] == "" {
			return fmt.Sprintf("unknown region %q; this site plans without public holidays", a["value"])
		}
		return fmt.Sprintf("unknown region %q; use one of %s", a["value"], a["regions"])
	case CodeUnknownStep:
		return fmt.Sprintf("%q is no step of the plan; use one of the steps it lists, e.g. thank-you", a["value"])
	case CodeUnknownPerson:
		return fmt.Sprintf("%q is not a recipient of %s; give an interviewer's name as in the plan", a["value"], a["step"])
	case CodeFactBeforeInterview:
		return fmt.Sprintf("%s is before the interview ended (%s)", a["value"], a["ends"])
	case CodeAfterToday:
		return fmt.Sprintf("%s is later than today (%s)", a["value"], a["today"])
	case CodeConflictingFacts:
		return fmt.Sprintf("%s is given twice as sent or skipped; keep one", whom(a["step"], a["to"]))
	case CodeNotInPlan:
		return fmt.Sprintf("%s is not in this plan (its event did not happen, or what it follows was skipped or dropped)", whom(a["step"], a["to"]))
	}
	return e.Code // every code is worded above; TestInputErrorWording checks it
}

// whom names step, to person when to is given: "thank-you to Ana".
func whom(step, to string) string {
	if to == "" {
		return step
	}
	return step + " to " + to
}

func (e *InputError) Error() string { return e.Field + ": " + e.Message() }
