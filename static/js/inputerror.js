// inputerror.js: the visitor's words for the codes of timeline.js's InputError, the
// browser's half of generator/load/rules/inputerror.go (which words them for the terminal).
// Apart from the engine so that a page that only plans (the companion) does not load them
// before it has an error to show.

// WORDS words each code of an InputError for a visitor, from its args; inputerror.go lists
// the codes (Go words them its own way). A value is quoted as it was typed.
const WORDS = {
  'missing': () => 'Give the date and time of the interview.',
  'not-a-date': a => `“${a.value}” is not a date, such as 2026-03-12.`,
  'not-a-day': a => `“${a.value}” is not a day on the calendar.`,
  'not-a-time': a => `“${a.value}” is not a time of day, such as 15:00.`,
  'not-a-date-time': a => `“${a.value}” is not a date and time, such as 2026-03-12T15:00.`,
  'end-of-day': a => `“${a.value}” says 24:00: give the next day's 00:00.`,
  'not-a-date-or-time': a => `“${a.value}” is not a date, such as 2026-03-20, or 2026-03-20T09:00.`,
  'before-interview': a => `${a.value} is before the interview (${a.interview}).`,
  'too-late': a => `${a.value} is too far ahead: the last year is ${a.lastYear}.`,
  'second-outcome': a => `Give one outcome only: ${a.given} is given.`,
  'empty-name': a => `Name ${a.number} is empty.`,
  'unknown-weekend': a => `“${a.value}” is no weekend policy: use monday or same-day.`,
  'negative-limit': a => `${a.value} is below 0: give the note limit, or 0.`,
  'ends-before-start': a => `It cannot end at ${a.value}: it started at ${a.interview}.`,
  'unknown-region': a => (a.regions ? `“${a.value}” is not a region offered here: pick one of ${a.regions}.` : `“${a.value}” is not a region offered here: this site plans without public holidays.`),
  'unknown-step': a => `“${a.value}” is no step of the plan.`,
  'unknown-person': a => `“${a.value}” is not a recipient of ${a.step}.`,
  'fact-before-interview': a => `${a.value} is before the interview ended (${a.ends}).`,
  'after-today': a => `${a.value} is later than today (${a.today}).`,
  'conflicting-facts': a => `${whom(a)} is marked twice, as sent or skipped: keep one.`,
  'not-in-plan': a => `${whom(a)} is not in this plan.`,
};

// whom names a fact's step, to its person when it has one.
const whom = a => (a.to ? `${a.step} to ${a.to}` : a.step);

// message words the error with code and args for a visitor; an unknown code is itself.
export function message(code, args) {
  if (!Object.hasOwn(WORDS, code)) return code;
  return WORDS[code](args);
}
