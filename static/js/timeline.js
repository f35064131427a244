// The plan engine of generator/rules (rules.go documents the rules) run on /rules.json:
// plan(rules, input) is `playbook plan --format json`'s plan, planJSON(plan) its bytes.
// Civil time only (days since 1970-01-01, minutes), never a Date: no zone matters.
const DAY = 1440;
export const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

// InputError is Go's rules.InputError: field is the input key, msg Go's message.
export class InputError extends Error {
  constructor(field, msg) {
    super(field + ': ' + msg);
    Object.assign(this, { field, msg });
  }
}

const div = (a, b) => Math.floor(a / b);
const pad = (n, w = 2) => String(n).padStart(w, '0');
// Hinnant's days_from_civil and civil_from_days, as in package civil.
const dateOf = (y, m, d) => {
  if (m < 3) y--;
  const era = div(y, 400), yoe = y - era * 400;
  return era * 146097 + yoe * 365 + div(yoe, 4) - div(yoe, 100) + div(153 * (m > 2 ? m - 3 : m + 9) + 2, 5) + d - 719469;
};
export const ymd = day => {
  const z = day + 719468, era = div(z, 146097), doe = z - era * 146097;
  const yoe = div(doe - div(doe, 1460) + div(doe, 36524) - div(doe, 146096), 365);
  const doy = doe - 365 * yoe - div(yoe, 4) + div(yoe, 100), mp = div(5 * doy + 2, 153), m = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (m < 3), m, doy - div(153 * mp + 2, 5) + 1];
};
export const weekday = day => ((day + 4) % 7 + 7) % 7;
export const dayOf = t => div(t, DAY);
export const clock = t => { t -= dayOf(t) * DAY; return pad(div(t, 60)) + ':' + pad(t % 60); };
const fmtDate = day => ymd(day).map((n, i) => pad(n, i ? 2 : 4)).join('-');
const fmtTime = t => fmtDate(dayOf(t)) + 'T' + clock(t);

// Parsing works on UTF-8 bytes (one char each) so that lengths and messages are Go's;
// q is Go's %q of such bytes.
const bytes = s => Array.from(new TextEncoder().encode(s), b => String.fromCharCode(b)).join('');
const hex = (n, w) => '\\' + { 2: 'x', 4: 'u', 8: 'U' }[w] + n.toString(16).padStart(w, '0');
const ESC = { 7: 'a', 8: 'b', 9: 't', 10: 'n', 11: 'v', 12: 'f', 13: 'r', 34: '"', 92: '\\' };
const q = b => '"' + Array.from(new TextDecoder().decode(Uint8Array.from(b, c => c.charCodeAt(0))), ch => {
  const r = ch.codePointAt(0);
  return ESC[r] ? '\\' + ESC[r] : /[ \p{L}\p{M}\p{N}\p{P}\p{S}]/u.test(ch) ? ch : hex(r, r < 32 || r === 127 ? 2 : r < 65536 ? 4 : 8);
}).join('') + '"';
const fail = msg => { throw Error(msg); };
const num = s => /^\d+$/.test(s) ? +s : NaN;
function parseDate(s) {
  const [y, m, d] = [s.slice(0, 4), s.slice(5, 7), s.slice(8)].map(num);
  if (s.length !== 10 || s[4] + s[7] !== '--' || isNaN(y + m + d)) fail(q(s) + ' is not a date; want YYYY-MM-DD, e.g. 2026-03-12');
  if (y < 1000 || m < 1 || m > 12 || d < 1 || d > ymd(dateOf(y, m + 1, 1) - 1)[2]) fail(q(s) + ' is not a day on the calendar');
  return dateOf(y, m, d);
}
function parseClock(s) {
  const h = num(s.slice(0, 2)), m = num(s.slice(3));
  if (s.length !== 5 || s[2] !== ':') fail(q(s) + ' is not a time of day; want HH:MM, e.g. 08:00');
  if (isNaN(h + m) || m > 59 || h > 24 || (h === 24 && m)) fail(q(s) + ' is not a time of day; want HH:MM between 00:00 and 24:00');
  return h * 60 + m;
}
function parseDateTime(s) {
  if (s.length !== 16 || s[10] !== 'T') fail(q(s) + ' is not a date and time; want YYYY-MM-DDTHH:MM, e.g. 2026-03-12T15:00');
  const d = parseDate(s.slice(0, 10)), c = parseClock(s.slice(11));
  return c < DAY ? d * DAY + c : fail(q(s) + ": write the next day's 00:00 instead of 24:00");
}
// parseCivil reads a plan time, YYYY-MM-DDTHH:MM, as minutes.
export const parseCivil = s => parseDateTime(bytes(s));

// Go's strings.TrimSpace: unlike trim(), U+0085 is a space and U+FEFF is not.
const SP = '[\\t-\\r \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]+';
const trim = s => s.replace(RegExp(`^${SP}|${SP}$`, 'g'), '');
// Duration.String and messages.Template.Fill ("{{" and "}}" are braces; an empty {name} stays).
const duration = d => d.amount + ' ' + (d.amount === 1 ? d.unit.slice(0, -1) : d.unit);
const fill = (text, vars) => text.replace(/\{\{|\}\}|\{([a-z][a-z0-9_]*)\}/g, (m, k) => k ? vars[k] || m : m[0]);

// events checks the input as rules.events does, returning the event times and the outcome.
function events(P, input) {
  const str = k => input[k] ?? '', err = (f, m) => { throw new InputError(f, m); };
  const read = (parse, f, s) => { try { return parse(bytes(s)); } catch (e) { err(f, e.message); } };
  const before = (f, v, t) => err(f, `${v} is before the interview (${t})`);
  // rules.LastYear: with waits of at most a year, every date in a plan keeps four digits.
  const range = (f, d) => ymd(d)[0] > 8999 && err(f, `${fmtDate(d)} is too far in the future; give a year no later than 8999`);
  if (!str('interview')) err('interview', "missing; give the interview's date and time as YYYY-MM-DDTHH:MM");
  const iv = read(parseDateTime, 'interview', str('interview')), ivDay = dayOf(iv), ev = { interview: iv };
  range('interview', ivDay);
  let v = str('decisionBy'), outcome = '';
  if (v) {
    const d = read(parseDate, 'decisionBy', v);
    if (d < ivDay) before('decisionBy', v, fmtDate(ivDay));
    range('decisionBy', d);
    ev['decision-by'] = d * DAY + P.dayStart;
  }
  for (const f of ['rejected', 'offer', 'withdrew']) {
    if (!(v = str(f))) continue;
    if (outcome) err(f, `give at most one outcome; ${outcome} is already given`);
    if (bytes(v).length === 10) {
      const d = read(parseDate, f, v);
      if (d < ivDay) before(f, v, fmtDate(ivDay));
      range(f, d);
      ev[f] = Math.max(d * DAY + P.dayStart, iv);
    } else {
      if ((ev[f] = read(parseDateTime, f, v)) < iv) before(f, v, fmtTime(iv));
      range(f, dayOf(ev[f]));
    }
    outcome = f;
  }
  (input.interviewers ?? []).forEach((n, i) => trim(n) || err('interviewers', `name ${i + 1} is empty`));
  if (!['', 'monday', 'same-day'].includes(v = str('weekend'))) err('weekend', `unknown weekend policy ${q(bytes(v))}; use "monday" or "same-day"`);
  if (input.linkedinLimit < 0) err('linkedinLimit', "must be a positive number of characters, or 0 for the site's default");
  return [ev, outcome];
}

// plan computes the plan for input from rules (the parsed /rules.json), or throws an
// InputError. The steps are placed as rules.place does, in dependency order.
export function plan(rules, input) {
  if (rules.version !== 1) throw Error('timeline.js reads rules.json version 1, not ' + rules.version);
  const P = rules.policy, steps = rules.steps, isDay = d => P.businessDays.includes(weekday(d));
  const nextDay = d => { while (!isDay(d)) d++; return d; };
  const at = (d, m) => d * DAY + m, mins = t => t - at(dayOf(t), 0);
  const next = t => isDay(dayOf(t)) && mins(t) < P.dayEnd ? Math.max(t, at(dayOf(t), P.dayStart)) : at(nextDay(dayOf(t) + 1), P.dayStart);
  const add = (t, d) => {
    if (d.unit !== 'business days') return t + d.amount * (d.unit === 'hours' ? 60 : DAY);
    let day = dayOf(t);
    for (let i = 0; i < d.amount; i++) day = nextDay(day + 1);
    return at(day, mins(t));
  };
  const [ev, outcome] = events(P, input);
  const weekend = input.weekend || P.weekend, names = (input.interviewers ?? []).map(trim);
  const limit = String(input.linkedinLimit > 0 ? input.linkedinLimit : P.linkedinLimit);

  const place = (s, a) => {
    let note = s.note, earliest = s.wait ? add(a, s.wait) : a, latest;
    const vars = { before: clock(P.mondayBefore), limit }, t = ev[s.dayAfter];
    for (const k of ['wait', 'within', 'waitWithout', 'suggestAfter']) if (s[k]) vars[k.replace(/[A-Z]/, c => '_' + c.toLowerCase())] = duration(s[k]);
    if (t !== undefined) {
      earliest = Math.max(earliest, at(nextDay(dayOf(t) + 1), P.dayStart));
      vars.day_after = fmtDate(dayOf(t));
    } else if (s.dayAfter) {
      if (s.waitWithout) earliest = add(a, s.waitWithout);
      note = s.noteWithout || note;
    }
    let suggested = next(s.suggestAfter ? Math.max(earliest, add(a, s.suggestAfter)) : earliest);
    if (!s.within) latest = at(dayOf(suggested), P.dayEnd);
    else {
      latest = add(a, s.within);
      let off = dayOf(earliest); // the first non-business day of the window, if any
      while (off <= dayOf(latest) && isDay(off)) off++;
      if (s.weekend && weekend === 'monday' && off <= dayOf(latest)) {
        off = nextDay(off);
        [suggested, latest] = [at(off, P.dayStart), at(off, P.mondayBefore)];
        note = s.noteWeekend || note;
      } else if (suggested > latest) {
        if (next(earliest) <= latest) suggested = next(earliest);
        else latest = at(dayOf(suggested), P.dayEnd);
      }
    }
    vars.day = WEEKDAYS[weekday(dayOf(suggested))];
    return { earliest, suggested, latest, note: fill(note, vars) };
  };

  const done = {}, all = [], seen = [], byId = Object.fromEntries(steps.map((s, i) => [s.id, i]));
  let chasers = 0;
  const allowed = steps.map(s => !s.chaser || chasers++ < P.maxChasers);
  const visit = i => {
    const s = steps[i];
    if (seen[i]) return;
    seen[i] = 1;
    if (Object.hasOwn(byId, s.after)) visit(byId[s.after]);
    const event = rules.events.includes(s.after);
    const anchors = !allowed[i] || (event && ev[s.after] === undefined) ? [] : event ? [{ who: -1, suggested: ev[s.after] }] : done[s.after] ?? [];
    if (!anchors.length) return;
    (s.perInterviewer && names.length ? names : [s.to]).forEach((to, who) => {
      if (!s.perInterviewer) who = -1;
      // The same person's anchor for a per-person step after another, else the latest.
      const a = who >= 0 && anchors[0].who >= 0 ? anchors.find(x => x.who === who)?.suggested : Math.max(...anchors.map(x => x.suggested));
      const inst = a === undefined ? null : { i, who, to, ...place(s, a) };
      if (!inst || s.unless.some(u => ev[u] <= inst.suggested)) return;
      (done[s.id] ??= []).push(inst);
      all.push(inst);
    });
  };
  steps.forEach((_, i) => visit(i));
  all.sort((x, y) => x.suggested - y.suggested || x.i - y.i || x.who - y.who);
  return {
    steps: all.map(({ i, to, earliest, suggested, latest, note }) => ({
      id: steps[i].id, message: steps[i].message, to,
      earliest: fmtTime(earliest), suggested: fmtTime(suggested), latest: fmtTime(latest), note,
    })),
    end: rules.ends[outcome],
  };
}

// planJSON writes a plan as Go's encoder does, which also escapes U+2028 and U+2029.
export const planJSON = p => JSON.stringify(p, null, 2).replace(/[\u2028\u2029]/g, c => hex(c.charCodeAt(0), 4)) + '\n';
