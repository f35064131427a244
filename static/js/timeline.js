// The plan engine of generator/load/rules run on /rules.json: plan(rules, input) is rules.Plan,
// planJSON(plan) the bytes of `playbook plan --format json`. The functions are plan.go's,
// in its order, then the policy's (duration.go) and the dependency order (rules.go), then
// the browser's own wording of input errors. Civil time only (civil.js): no zone matters.
import {
  at, ymd, dateOf, dateOfTime, clockOf, dateString, dateTimeString, formatClock, weekday, weekdayName,
  hasForm, parseDate, parseClock, parseDateTime, CivilError, DATE_FORM, DATE_TIME_FORM,
} from './civil.js';
import { parse, fill } from './template.js';

// LAST_YEAR is rules.LastYear: with waits of at most a year, every date keeps four digits.
export const LAST_YEAR = 8999;

// InputError is rules.InputError: field as in the input, a code from inputerror.go and its
// args, all strings. The code and args are the contract; inputerror.js words them for a
// visitor, and is loaded only by a page that has an error to show.
export class InputError extends Error {
  constructor(field, code, args = {}) {
    super(field + ': ' + code);
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

// OUTCOMES are the outcome events, each with the input's field that gives it.
const OUTCOMES = [['rejected', 'rejected'], ['offer', 'offer'], ['withdrew', 'withdrew'], ['next-round', 'nextRound']];

// withoutOutcome is Input.WithoutOutcome: input with no outcome, the plan as it was before
// the outcome came, whose steps the outcome may have dropped (calendar.js's dropped).
export const withoutOutcome = input => ({ ...input, rejected: '', offer: '', withdrew: '', nextRound: '' });

// events resolves the input into the situation: event times (a Map by event name; the
// interview's is its end), the outcome, the interview's start and end, and today
// (undefined without one), checking it. A field left out means the same as an empty one.
function events(P, input) {
  const { interview = '', ends = '', decisionBy = '', weekend = '', today = '' } = input;
  if (interview === '') throw new InputError('interview', 'missing');
  const iv = read('interview', parseDateTime, interview);
  inRange('interview', interview, dateOfTime(iv));
  const sit = { ev: new Map(), outcome: '', start: iv, end: iv + P.interviewLength, today: undefined };
  if (ends !== '') {
    const c = read('ends', parseClock, ends);
    if (c <= clockOf(iv)) throw new InputError('ends', 'ends-before-start', { value: ends, interview });
    sit.end = at(dateOfTime(iv), c);
  }
  const ev = sit.ev;
  ev.set('interview', sit.end);
  if (decisionBy !== '') ev.set('decision-by', at(parseDay('decisionBy', decisionBy, iv), P.dayStart));
  for (const [event, field] of OUTCOMES) {
    const value = input[field] ?? '';
    if (value === '') continue;
    if (sit.outcome !== '') throw new InputError(field, 'second-outcome', { given: sit.outcome });
    ev.set(event, parseEvent(P, field, value, iv));
    sit.outcome = event;
  }
  (input.interviewers ?? []).forEach((n, i) => {
    if (n.trim() === '') throw new InputError('interviewers', 'empty-name', { number: String(i + 1) });
  });
  if (!['', 'monday', 'same-day'].includes(weekend)) throw new InputError('weekend', 'unknown-weekend', { value: weekend });
  if (input.linkedinLimit < 0) throw new InputError('linkedinLimit', 'negative-limit', { value: String(input.linkedinLimit) });
  if (input.region && !P.regions.includes(input.region)) throw new InputError('region', 'unknown-region', { value: input.region, regions: P.regions.join(', ') });
  if (today !== '') sit.today = read('today', parseDateTime, today);
  return sit;
}

// parseDay parses a date that may not be before the interview's day nor past LAST_YEAR.
function parseDay(field, s, interview) {
  const d = read(field, parseDate, s);
  if (d < dateOfTime(interview)) throw new InputError(field, 'before-interview', { value: s, interview: dateString(dateOfTime(interview)) });
  inRange(field, s, d);
  return d;
}

// factKey is the key of the fact of step to person to in reply round k.
const factKey = (step, to, k) => step + '\0' + to + '\0' + k;

// recipients returns whom step s goes to in a plan: the interviewers, or its role.
const recipients = (s, names) => (s.perInterviewer && names.length > 0 ? names : [s.to]);

// readFacts checks the facts against the rules and the situation: the sent ones, the
// skipped ones, the replies, then that no step is given twice for a person and round.
function readFacts(P, index, steps, input, sit, names, rounds) {
  const facts = input.facts ?? {}, fs = { list: [], byKey: new Map(), replies: [] };
  const step = (field, id = '', to = '') => {
    if (!index.has(id)) throw new InputError(field + '.step', 'unknown-step', { value: id });
    const t = to.trim();
    if (t !== '' && !recipients(steps[index.get(id)], names).includes(t)) throw new InputError(field + '.to', 'unknown-person', { value: to, step: id });
    return t;
  };
  // Without today, sit.today is undefined: every comparison with it is false, so nothing
  // is after it.
  (facts.sent ?? []).forEach((f, i) => {
    const field = 'facts.sent.' + i, to = step(field, f.step, f.to), value = f.at ?? '';
    const t = read(field + '.at', parseDateTime, value);
    inRange(field + '.at', value, dateOfTime(t));
    if (t < sit.end) throw new InputError(field + '.at', 'fact-before-interview', { value, ends: dateTimeString(sit.end) });
    if (t > sit.today) throw new InputError(field + '.at', 'after-today', { value, today: input.today });
    fs.list.push({ field, step: f.step, to, at: t, sent: true, round: 0, used: false });
  });
  (facts.skipped ?? []).forEach((f, i) => {
    const field = 'facts.skipped.' + i;
    fs.list.push({ field, step: f.step, to: step(field, f.step, f.to), sent: false, round: 0, used: false });
  });
  (facts.replied ?? []).forEach((f, i) => {
    const field = 'facts.replied.' + i, d = parseDay(field + '.on', f.on ?? '', sit.start);
    if (d > dateOfTime(sit.today)) throw new InputError(field + '.on', 'after-today', { value: f.on, today: input.today });
    const rp = { on: d, at: Math.max(at(d, P.dayStart), sit.end), hasDate: false };
    if (f.decisionBy) {
      rp.decisionBy = parseDay(field + '.decisionBy', f.decisionBy, sit.start);
      rp.hasDate = true;
    }
    fs.replies.push(rp);
  });
  // By date; of replies on the same day, the one given last counts.
  fs.replies.sort((a, b) => a.on - b.on);
  for (const f of fs.list) {
    if (rounds[index.get(f.step)]) {
      f.round = f.sent ? fs.replies.filter(rp => rp.on < dateOfTime(f.at)).length : fs.replies.length;
    }
    const k = factKey(f.step, f.to, f.round);
    if (fs.byKey.has(k)) throw new InputError(f.field + '.step', 'conflicting-facts', { step: f.step, to: f.to });
    fs.byKey.set(k, f);
  }
  return fs;
}

// plan computes the plan for input from rules (the parsed /rules.json, version 5: a step's
// unset keys are left out), or throws an InputError. Names are trimmed with trim(), which
// is what rules.trimName trims. Each reply starts the chasers afresh: the chasers and the
// steps following them (round steps) are planned once per reply round; of every round but
// the last only its sent chasers are kept, and the other steps are round 0's.
export function plan(rules, input) {
  if (rules.version !== 5) throw Error('timeline.js reads rules.json version 5, not ' + rules.version);
  const H = rules.holidays;
  const region = input.region || rules.policy.region;
  // The policy this plan is made with: the rules' own, knowing the region's holidays.
  const P = { ...rules.policy, holiday: decodeHolidays(H, H.regions[region] ?? '') };
  const steps = rules.steps;
  const sit = events(P, input);
  let weekend = P.weekend;
  if (input.weekend) weekend = input.weekend;
  let limit = P.linkedinLimit;
  if (input.linkedinLimit > 0) limit = input.linkedinLimit;
  const names = (input.interviewers ?? []).map(n => n.trim());
  const index = new Map(steps.map((s, i) => [s.id, i])), order = sortByDependency(steps, index);
  // A round step is a chaser or follows one.
  const rounds = [];
  for (const i of order) rounds[i] = !!steps[i].chaser || (index.has(steps[i].after) && rounds[index.get(steps[i].after)]);
  const fs = readFacts(P, index, steps, input, sit, names, rounds);

  const all = [], last = fs.replies.length;
  let contact = sit.end; // the latest contact before the round: a reply, or a chaser sent
  for (let k = 0; k <= last; k++) {
    let ev = sit.ev, moved = [];
    if (k > 0) {
      const rp = fs.replies[k - 1];
      ev = new Map(sit.ev);
      ev.delete('decision-by');
      if (rp.hasDate) ev.set('decision-by', at(rp.decisionBy, P.dayStart));
      contact = Math.max(contact, rp.at);
      moved = [{ fact: 'replied', on: dateString(rp.on) }];
    }
    for (const inst of planRound(P, rules, order, index, ev, sit, fs, names, rounds, k, contact, moved, weekend, limit)) {
      if (rounds[inst.rank] ? k === last || inst.sent : k === 0) all.push(inst);
      if (rounds[inst.rank] && inst.sent) contact = Math.max(contact, inst.at);
    }
  }
  for (const f of fs.list) {
    if (!f.used) throw new InputError(f.field + '.step', 'not-in-plan', { step: f.step, to: f.to });
  }
  all.sort((x, y) => x.suggested - y.suggested || x.rank - y.rank || x.round - y.round || x.who - y.who);
  // Every day the plan looked at lies from the interview's to the latest step's last.
  const lastDay = all.reduce((d, inst) => Math.max(d, dateOfTime(inst.latest)), dateOfTime(sit.start));
  const inSpan = d => ymd(d)[0] >= H.from && ymd(d)[0] <= H.to;
  const p = {
    steps: all.map(inst => {
      const st = {
        id: steps[inst.rank].id, message: steps[inst.rank].message, to: inst.to,
        earliest: dateTimeString(inst.earliest), suggested: dateTimeString(inst.suggested), latest: dateTimeString(inst.latest),
        note: inst.note,
      };
      const t = sit.today;
      if (inst.sent) {
        if (t !== undefined) st.status = 'done';
        st.sent = dateTimeString(inst.sent.at);
      } else if (t === undefined) {
        // no status without today
      } else if (t > inst.latest) {
        st.status = 'overdue';
        st.note = P.overdueNote;
      } else st.status = t >= inst.earliest ? 'due' : 'upcoming';
      if (inst.moved.length) st.movedBy = inst.moved;
      return st;
    }),
    end: rules.ends[sit.outcome],
  };
  if (region && !(inSpan(dateOfTime(sit.start)) && inSpan(lastDay))) p.holidays = 'outside';
  return p;
}

// holidaysNote is rules.HolidaysNote: the sentence a plan made outside the span of known
// holidays shows, or ''.
export function holidaysNote(rules, p) {
  if (p.holidays !== 'outside') return '';
  return `Public holidays were not taken into account: they are known for ${rules.holidays.from} to ${rules.holidays.to} only.`;
}

// decodeHolidays reads one region's holidays from rules.json (export.go's jsonHolidays: a
// group per year from H.from, of two base-36 digits per day counted from 1 January) into a
// Set of dates, once per rules and region: the companion plans hundreds of interviews.
const decoded = new WeakMap();
function decodeHolidays(H, s) {
  if (!decoded.has(H)) decoded.set(H, new Map());
  const seen = decoded.get(H);
  if (!seen.has(s)) seen.set(s, decodeOnce(H, s));
  return seen.get(s);
}
function decodeOnce(H, s) {
  const days = new Set();
  s.split(' ').forEach((group, i) => {
    for (let k = 0; k + 2 <= group.length; k += 2) days.add(dateOf(H.from + i, 1, 1) + parseInt(group.slice(k, k + 2), 36));
  });
  return days;
}

// planRound places every step for reply round k with events ev, in dependency order. A
// round step that follows no round step counts, after a reply, from the latest contact at
// least, and was moved by that reply. A step that follows one overdue and not sent counts
// from today.
function planRound(P, rules, order, index, ev, sit, fs, names, rounds, k, contact, moved, weekend, limit) {
  const steps = rules.steps;
  // The first maxChasers chaser rules, in step order, are allowed.
  const allowed = [];
  let chasers = 0;
  for (const s of steps) {
    allowed.push(!s.chaser || chasers < P.maxChasers);
    if (s.chaser) chasers++;
  }

  const done = new Map(), all = [];
  for (const i of order) {
    if (!allowed[i]) continue;
    const s = steps[i];
    // The anchors: one event time, or the instances of the step followed.
    let anchors;
    if (ev.has(s.after)) anchors = [{ who: -1, at: ev.get(s.after) }];
    else if (rules.events.includes(s.after)) continue; // the event did not happen
    else anchors = done.get(s.after) ?? [];
    if (anchors.length === 0) continue;
    const round = rounds[i] ? k : 0;
    recipients(s, names).forEach((to, who) => {
      if (!s.perInterviewer) who = -1;
      const from = anchorFor(anchors, who);
      if (from === undefined) return;
      let a = from.at, mv = [];
      if (from.sent || from.overdue) {
        const m = { fact: from.overdue ? 'overdue' : 'sent', step: steps[from.rank].id };
        if (from.who >= 0 || steps[from.rank].perInterviewer) m.to = from.to;
        mv.push(m);
      }
      if (k > 0 && rounds[i] && !(index.has(s.after) && rounds[index.get(s.after)])) {
        // The reply started the round and gave its decision date; the step followed
        // still counts only if it is later than the latest contact.
        if (contact > a) [a, mv] = [contact, []];
        mv.push(...moved);
      }
      const inst = { ...place(P, s, a, ev, weekend, limit), rank: i, who, to, round, moved: mv };
      inst.at = inst.suggested;
      const f = fs.byKey.get(factKey(s.id, to, round)) ?? fs.byKey.get(factKey(s.id, '', round));
      if (f) {
        f.used = true;
        if (!f.sent) return; // skipped: dropped, and nothing counts from it
        inst.sent = f;
        inst.at = f.at;
      } else {
        // Without today, sit.today is undefined and nothing is by it or past it.
        const by = sit.today > inst.suggested ? sit.today : inst.suggested;
        if (dropped(s, ev, by)) return;
        if (sit.today > inst.latest) [inst.overdue, inst.at] = [true, sit.today];
      }
      if (!done.has(s.id)) done.set(s.id, []);
      done.get(s.id).push(inst);
      all.push(inst);
    });
  }
  return all;
}

// dropped reports whether one of s's unless events happened by t. A step sent is never
// dropped: it happened.
const dropped = (s, ev, t) => (s.unless ?? []).some(u => ev.has(u) && ev.get(u) <= t);

// anchorFor returns the instance that the instance for interviewer who (-1: not per
// person) counts from: the same person's when the anchors are per person, else the
// latest (the first of the latest); or undefined when that person has none.
function anchorFor(anchors, who) {
  if (who >= 0 && anchors[0].who >= 0) return anchors.find(a => a.who === who);
  return anchors.reduce((best, a) => (a.at > best.at ? a : best));
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
  // No window opens on a non-business day.
  if (!isBusinessDay(P, dateOfTime(earliest))) earliest = at(nextBusinessDay(P, dateOfTime(earliest)), P.dayStart);
  let suggested = nextBusiness(P, Math.max(aim, earliest)), latest;
  if (!s.within) {
    latest = at(dateOfTime(suggested), P.dayEnd);
  } else {
    latest = add(P, a, s.within);
    // The weekend policy applies when the aim spills over a non-business day.
    const first = firstNonBusiness(P, dateOfTime(aim), dateOfTime(suggested));
    if (s.weekend && weekend === 'monday' && first !== undefined) {
      const day = nextBusinessDay(P, first);
      suggested = at(day, P.dayStart);
      latest = at(day, P.mondayBefore);
      if (s.noteWeekend) note = s.noteWeekend;
    } else if (suggested > latest) {
      latest = at(dateOfTime(suggested), P.dayEnd);
    }
  }
  if (s.chaser) {
    // A chaser's window is its business day; it goes in the morning.
    const day = dateOfTime(suggested);
    earliest = Math.max(at(day, P.dayStart), a);
    suggested = Math.max(at(day, P.chaserTime), earliest);
    latest = at(day, P.dayEnd);
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

// isBusinessDay reports whether messages are sent on day d: a business day of the week
// that is not a public holiday of the plan's region.
const isBusinessDay = (P, d) => P.businessDays.includes(weekday(d)) && !P.holiday.has(d);

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
// the step it follows (index maps a step id to its position); rules.json has no cycles, Go
// refused them.
function sortByDependency(steps, index) {
  const seen = [], order = [];
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
