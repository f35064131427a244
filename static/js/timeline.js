// The plan engine of generator/load/rules run on /rules.json: plan(rules, input) is rules.Plan,
// planJSON(plan) the bytes of `playbook plan --format json`. The functions are plan.go's,
// in its order, then the policy's (duration.go) and the dependency order (rules.go), then
// the browser's own wording of input errors. Civil time only (civil.js): no zone matters.
import {
  at, ymd, dateOfTime, clockOf, dateString, dateTimeString, formatClock, weekday, weekdayName,
  hasForm, parseDate, parseDateTime, CivilError, DATE_FORM, DATE_TIME_FORM,
} from './civil.js';
import { parse, fill } from './template.js';

// LAST_YEAR is rules.LastYear: with waits of at most a year, every date keeps four digits.
export const LAST_YEAR = 8999;

// InputError is rules.InputError: field as in the input, a code from inputerror.go and its
// args, all strings. The code and args are the contract; the message is worded here.
export class InputError extends Error {
  constructor(field, code, args = {}) {
    super(field + ': ' + message(code, args));
    this.field = field;
    this.code = code;
    this.args = args;
  }
}

// fromCivil turns a parse error of field's value into an InputError with civil's code.
function fromCivil(field, e) {
  if (!(e instanceof CivilError)) return e;
  return new InputError(field, e.code, { value: e.value });
}

// read parses field's value s with a civil.js parser, as an InputError when it fails.
function read(field, parser, s) {
  try {
    return parser(s);
  } catch (e) {
    throw fromCivil(field, e);
  }
}

// inRange rejects a date past LAST_YEAR for field, whose value is s.
function inRange(field, s, d) {
  if (ymd(d)[0] > LAST_YEAR) throw new InputError(field, 'too-late', { value: s, lastYear: String(LAST_YEAR) });
}

// parseEvent parses a date (counted from the start of business hours, not before the
// interview) or a date and time.
function parseEvent(P, field, s, interview) {
  if (hasForm(s, DATE_FORM)) {
    const d = read(field, parseDate, s);
    if (d < dateOfTime(interview)) {
      throw new InputError(field, 'before-interview', { value: s, interview: dateString(dateOfTime(interview)) });
    }
    inRange(field, s, d);
    return Math.max(at(d, P.dayStart), interview);
  }
  if (!hasForm(s, DATE_TIME_FORM)) throw new InputError(field, 'not-a-date-or-time', { value: s });
  const t = read(field, parseDateTime, s);
  if (t < interview) throw new InputError(field, 'before-interview', { value: s, interview: dateTimeString(interview) });
  inRange(field, s, dateOfTime(t));
  return t;
}

// events resolves the input into event times (a Map by event name) and the outcome,
// checking it. A field left out means the same as an empty one.
function events(P, input) {
  const { interview = '', decisionBy = '', weekend = '' } = input;
  if (interview === '') throw new InputError('interview', 'missing');
  const iv = read('interview', parseDateTime, interview), ivDay = dateOfTime(iv);
  inRange('interview', interview, ivDay);
  const ev = new Map([['interview', iv]]);
  if (decisionBy !== '') {
    const d = read('decisionBy', parseDate, decisionBy);
    if (d < ivDay) throw new InputError('decisionBy', 'before-interview', { value: decisionBy, interview: dateString(ivDay) });
    inRange('decisionBy', decisionBy, d);
    ev.set('decision-by', at(d, P.dayStart));
  }
  let outcome = '';
  for (const field of ['rejected', 'offer', 'withdrew']) {
    const value = input[field] ?? '';
    if (value === '') continue;
    if (outcome !== '') throw new InputError(field, 'second-outcome', { given: outcome });
    ev.set(field, parseEvent(P, field, value, iv));
    outcome = field;
  }
  (input.interviewers ?? []).forEach((n, i) => {
    if (n.trim() === '') throw new InputError('interviewers', 'empty-name', { number: String(i + 1) });
  });
  if (!['', 'monday', 'same-day'].includes(weekend)) throw new InputError('weekend', 'unknown-weekend', { value: weekend });
  if (input.linkedinLimit < 0) throw new InputError('linkedinLimit', 'negative-limit', { value: String(input.linkedinLimit) });
  return [ev, outcome];
}

// plan computes the plan for input from rules (the parsed /rules.json, version 2: a step's
// unset keys are left out), or throws an InputError. Names are trimmed with trim(), which is what rules.trimName trims.
export function plan(rules, input) {
  if (rules.version !== 2) throw Error('timeline.js reads rules.json version 2, not ' + rules.version);
  const P = rules.policy, steps = rules.steps;
  const [ev, outcome] = events(P, input);
  let weekend = P.weekend;
  if (input.weekend) weekend = input.weekend;
  let limit = P.linkedinLimit;
  if (input.linkedinLimit > 0) limit = input.linkedinLimit;
  const names = (input.interviewers ?? []).map(n => n.trim());

  // The first maxChasers chaser rules, in step order, are allowed.
  const allowed = [];
  let chasers = 0;
  for (const s of steps) {
    allowed.push(!s.chaser || chasers < P.maxChasers);
    if (s.chaser) chasers++;
  }

  const done = new Map(), all = [];
  for (const i of sortByDependency(steps)) {
    if (!allowed[i]) continue;
    const s = steps[i];
    // The anchors: one event time, or the instances of the step followed.
    let anchors;
    if (ev.has(s.after)) anchors = [{ who: -1, suggested: ev.get(s.after) }];
    else if (rules.events.includes(s.after)) continue; // the event did not happen
    else anchors = done.get(s.after) ?? [];
    if (anchors.length === 0) continue;
    let targets = [s.to];
    if (s.perInterviewer && names.length > 0) targets = names;
    targets.forEach((to, who) => {
      if (!s.perInterviewer) who = -1;
      const a = anchorFor(anchors, who);
      if (a === undefined) return;
      const inst = { ...place(P, s, a, ev, weekend, limit), rank: i, who, to };
      if ((s.unless ?? []).some(u => ev.has(u) && ev.get(u) <= inst.suggested)) return;
      if (!done.has(s.id)) done.set(s.id, []);
      done.get(s.id).push(inst);
      all.push(inst);
    });
  }
  all.sort((x, y) => x.suggested - y.suggested || x.rank - y.rank || x.who - y.who);
  return {
    steps: all.map(inst => ({
      id: steps[inst.rank].id, message: steps[inst.rank].message, to: inst.to,
      earliest: dateTimeString(inst.earliest), suggested: dateTimeString(inst.suggested), latest: dateTimeString(inst.latest),
      note: inst.note,
    })),
    end: rules.ends[outcome],
  };
}

// anchorFor returns the anchor of the instance for interviewer who (-1: not per person):
// the same person's anchor when the anchors are per person, else the latest anchor; or
// undefined when that person has none.
function anchorFor(anchors, who) {
  if (who >= 0 && anchors[0].who >= 0) return anchors.find(a => a.who === who)?.suggested;
  return Math.max(...anchors.map(a => a.suggested));
}

// place computes one step's times from its anchor a; rules.go's package doc has the rules.
function place(P, s, a, ev, weekend, limit) {
  let note = s.note;
  const vars = { before: formatClock(P.mondayBefore), limit: String(limit) };
  for (const [k, d] of [['wait', s.wait], ['within', s.within], ['wait_without', s.waitWithout], ['suggest_after', s.suggestAfter]]) {
    if (d) vars[k] = durationString(d);
  }

  let earliest = a;
  if (s.wait) earliest = add(P, a, s.wait);
  if (s.dayAfter) {
    if (ev.has(s.dayAfter)) {
      const t = ev.get(s.dayAfter);
      earliest = Math.max(earliest, at(nextBusinessDay(P, dateOfTime(t) + 1), P.dayStart));
      vars.day_after = dateString(dateOfTime(t));
    } else {
      if (s.waitWithout) earliest = add(P, a, s.waitWithout);
      if (s.noteWithout) note = s.noteWithout;
    }
  }
  let aim = earliest;
  if (s.suggestAfter) aim = Math.max(aim, add(P, a, s.suggestAfter));
  let suggested = nextBusiness(P, aim), latest;
  if (!s.within) {
    latest = at(dateOfTime(suggested), P.dayEnd);
  } else {
    latest = add(P, a, s.within);
    const first = firstNonBusiness(P, dateOfTime(earliest), dateOfTime(latest));
    if (s.weekend && weekend === 'monday' && first !== undefined) {
      const day = nextBusinessDay(P, first);
      suggested = at(day, P.dayStart);
      latest = at(day, P.mondayBefore);
      if (s.noteWeekend) note = s.noteWeekend;
    } else if (suggested > latest) {
      const alt = nextBusiness(P, earliest);
      if (alt <= latest) suggested = alt;
      else latest = at(dateOfTime(suggested), P.dayEnd);
    }
  }
  vars.day = weekdayName(weekday(dateOfTime(suggested)));
  return { earliest, suggested, latest, note: fill(parse(note), vars) };
}

// firstNonBusiness returns the first day from..to (inclusive) that is not a business day,
// or undefined.
function firstNonBusiness(P, from, to) {
  for (let d = from; d <= to; d++) {
    if (!isBusinessDay(P, d)) return d;
  }
  return undefined;
}

// durationString is Duration.String: "24 hours", "1 day", "2 business days".
function durationString(d) {
  let unit = d.unit;
  if (d.amount === 1 && unit.endsWith('s')) unit = unit.slice(0, -1);
  return d.amount + ' ' + unit;
}

// isBusinessDay reports whether messages are sent on day d.
const isBusinessDay = (P, d) => P.businessDays.includes(weekday(d));

// nextBusinessDay returns the first business day on or after d.
function nextBusinessDay(P, d) {
  while (!isBusinessDay(P, d)) d++;
  return d;
}

// nextBusiness returns t when it is inside business hours on a business day, else the
// start of the next business hours after it.
function nextBusiness(P, t) {
  const d = dateOfTime(t), m = clockOf(t);
  if (isBusinessDay(P, d)) {
    if (m < P.dayStart) return at(d, P.dayStart);
    if (m < P.dayEnd) return t;
  }
  return at(nextBusinessDay(P, d + 1), P.dayStart);
}

// add moves t by duration d: hours on the wall clock, days on the calendar, and business
// days one business day at a time, keeping the time of day.
function add(P, t, d) {
  if (d.unit === 'hours') return t + d.amount * 60;
  if (d.unit === 'days') return t + d.amount * 24 * 60;
  let day = dateOfTime(t);
  for (let i = 0; i < d.amount; i++) day = nextBusinessDay(P, day + 1);
  return at(day, clockOf(t));
}

// sortByDependency returns the indexes of steps in an order where each step comes after
// the step it follows; rules.json has no cycles, Go refused them.
function sortByDependency(steps) {
  const index = new Map(steps.map((s, i) => [s.id, i])), seen = [], order = [];
  const visit = i => {
    if (seen[i]) return;
    seen[i] = true;
    if (index.has(steps[i].after)) visit(index.get(steps[i].after));
    order.push(i);
  };
  steps.forEach((_, i) => visit(i));
  return order;
}

// planJSON writes a plan as Go's encoder does, which also escapes U+2028 and U+2029.
export const planJSON = p => JSON.stringify(p, null, 2).replace(/[\u2028\u2029]/g, c => '\\u' + c.charCodeAt(0).toString(16)) + '\n';

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
};

// message words the error with code and args for a visitor; an unknown code is itself.
export function message(code, args) {
  if (!Object.hasOwn(WORDS, code)) return code;
  return WORDS[code](args);
}
