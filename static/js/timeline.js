// The plan engine of generator/rules (see rules.go for the rules), run on /rules.json:
// plan(rules, input) equals `playbook plan --format json`, and planJSON(plan) its bytes.
// Civil time only: days since 1970-01-01 and minutes, never a Date, so no zone matters.
const DAY = 1440;
export const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

// InputError is Go's rules.InputError: field is the input key, msg Go's message.
export class InputError extends Error {
  constructor(field, msg) {
    super(field + ': ' + msg);
    this.field = field;
    this.msg = msg;
  }
}

const div = (a, b) => Math.floor(a / b);
const pad = (n, w = 2) => String(n).padStart(w, '0');

// Hinnant's days_from_civil and civil_from_days, as package civil.
const dateOf = (y, m, d) => {
  if (m <= 2) y--;
  const era = div(y, 400), yoe = y - era * 400;
  return era * 146097 + yoe * 365 + div(yoe, 4) - div(yoe, 100) + div(153 * (m > 2 ? m - 3 : m + 9) + 2, 5) + d - 719469;
};
export const ymd = day => {
  const z = day + 719468, era = div(z, 146097), doe = z - era * 146097;
  const yoe = div(doe - div(doe, 1460) + div(doe, 36524) - div(doe, 146096), 365);
  const doy = doe - 365 * yoe - div(yoe, 4) + div(yoe, 100), mp = div(5 * doy + 2, 153), m = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (m <= 2), m, doy - div(153 * mp + 2, 5) + 1];
};
export const weekday = day => ((day + 4) % 7 + 7) % 7;
export const clock = min => pad(div(min, 60)) + ':' + pad(min % 60);
export const dayOf = t => div(t, DAY);
const mins = t => t - dayOf(t) * DAY;
const fmtDate = day => ymd(day).map((n, i) => pad(n, i ? 2 : 4)).join('-');
const fmtTime = t => fmtDate(dayOf(t)) + 'T' + clock(mins(t));

// Parsers take UTF-8 bytes, one char each, so lengths and messages are Go's for any text.
const bytes = s => Array.from(new TextEncoder().encode(s), b => String.fromCharCode(b)).join('');
const hex = (n, w) => '\\' + (w > 4 ? 'U' : w > 2 ? 'u' : 'x') + n.toString(16).padStart(w, '0');
const ESC = { 7: 'a', 8: 'b', 9: 't', 10: 'n', 11: 'v', 12: 'f', 13: 'r', 34: '"', 92: '\\' };
// q is Go's %q of the bytes b.
const q = b => '"' + Array.from(new TextDecoder().decode(Uint8Array.from(b, c => c.charCodeAt(0))), ch => {
  const r = ch.codePointAt(0);
  return ESC[r] ? '\\' + ESC[r] : /[ \p{L}\p{M}\p{N}\p{P}\p{S}]/u.test(ch) ? ch : hex(r, r < 32 || r === 127 ? 2 : r < 65536 ? 4 : 8);
}).join('') + '"';

const num = s => /^\d+$/.test(s) ? +s : NaN;
const fail = msg => { throw Error(msg); };
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
  if (c === DAY) fail(q(s) + ": write the next day's 00:00 instead of 24:00");
  return d * DAY + c;
}
// parseCivil reads a plan time, YYYY-MM-DDTHH:MM, as minutes.
export const parseCivil = s => parseDateTime(bytes(s));

// Go's strings.TrimSpace, whose spaces differ from trim()'s (U+0085 is one, U+FEFF not).
const SP = '[\\t-\\r \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]+';
const trim = s => s.replace(RegExp(`^${SP}|${SP}$`, 'g'), '');

// durationText is Go's Duration.String: "24 hours", "1 business day".
export const durationText = d => d.amount + ' ' + (d.amount === 1 ? d.unit.slice(0, -1) : d.unit);
// fill is messages.Template.Fill: "{{" and "}}" are braces, an empty {name} stays.
const fill = (text, vars) => text.replace(/\{\{|\}\}|\{([a-z][a-z0-9_]*)\}/g, (m, k) => k ? vars[k] || m : m[0]);

// events checks the input as rules.events does and returns the event times and outcome.
function events(P, input) {
  const str = k => input[k] ?? '', err = (f, m) => { throw new InputError(f, m); };
  const read = (parse, f, s) => { try { return parse(bytes(s)); } catch (e) { err(f, e.message); } };
  const before = (f, v, t) => err(f, `${v} is before the interview (${t})`);
  if (!str('interview')) err('interview', "missing; give the interview's date and time as YYYY-MM-DDTHH:MM");
  const iv = read(parseDateTime, 'interview', str('interview')), ivDay = dayOf(iv), ev = { interview: iv };
  let v = str('decisionBy'), outcome = '';
  if (v) {
    const d = read(parseDate, 'decisionBy', v);
    if (d < ivDay) before('decisionBy', v, fmtDate(ivDay));
    ev['decision-by'] = d * DAY + P.dayStart;
  }
  for (const f of ['rejected', 'offer', 'withdrew']) {
    if (!(v = str(f))) continue;
    if (outcome) err(f, `give at most one outcome; ${outcome} is already given`);
    if (bytes(v).length === 10) {
      const d = read(parseDate, f, v);
      if (d < ivDay) before(f, v, fmtDate(ivDay));
      ev[f] = Math.max(d * DAY + P.dayStart, iv);
    } else if ((ev[f] = read(parseDateTime, f, v)) < iv) before(f, v, fmtTime(iv));
    outcome = f;
  }
  (input.interviewers ?? []).forEach((n, i) => trim(n) || err('interviewers', `name ${i + 1} is empty`));
  if (!['', 'monday', 'same-day'].includes(v = str('weekend'))) err('weekend', `unknown weekend policy ${q(bytes(v))}; use "monday" or "same-day"`);
  if (input.linkedinLimit < 0) err('linkedinLimit', "must be a positive number of characters, or 0 for the site's default");
  return [ev, outcome];
}

// plan computes the follow-up plan for input from rules, the parsed /rules.json; it
// throws an InputError for a mistake in the input.
export function plan(rules, input) {
  if (rules.version !== 1) throw Error('timeline.js reads rules.json version 1, not ' + rules.version);
  const P = rules.policy, steps = rules.steps, isDay = d => P.businessDays.includes(weekday(d));
  const nextDay = d => { while (!isDay(d)) d++; return d; };
  const next = t => isDay(dayOf(t)) && mins(t) < P.dayEnd ? Math.max(t, dayOf(t) * DAY + P.dayStart) : nextDay(dayOf(t) + 1) * DAY + P.dayStart;
  const add = (t, d) => {
    if (d.unit !== 'business days') return t + d.amount * (d.unit === 'hours' ? 60 : DAY);
    let day = dayOf(t);
    for (let i = 0; i < d.amount; i++) day = nextDay(day + 1);
    return day * DAY + mins(t);
  };
  const [ev, outcome] = events(P, input);
  const weekend = input.weekend || P.weekend, names = (input.interviewers ?? []).map(trim);
  const vars0 = { before: clock(P.mondayBefore), limit: String(input.linkedinLimit > 0 ? input.linkedinLimit : P.linkedinLimit) };

  // place computes a step's times from its anchor a, as rules.place does.
  const place = (s, a) => {
    let note = s.note, earliest = s.wait ? add(a, s.wait) : a, latest;
    const vars = { ...vars0 }, t = ev[s.dayAfter];
    for (const k of ['wait', 'within', 'waitWithout', 'suggestAfter']) if (s[k]) vars[k.replace(/[A-Z]/, c => '_' + c.toLowerCase())] = durationText(s[k]);
    if (s.dayAfter && t !== undefined) {
      earliest = Math.max(earliest, nextDay(dayOf(t) + 1) * DAY + P.dayStart);
      vars.day_after = fmtDate(dayOf(t));
    } else if (s.dayAfter) {
      if (s.waitWithout) earliest = add(a, s.waitWithout);
      note = s.noteWithout || note;
    }
    let suggested = next(s.suggestAfter ? Math.max(earliest, add(a, s.suggestAfter)) : earliest);
    if (!s.within) latest = dayOf(suggested) * DAY + P.dayEnd;
    else {
      latest = add(a, s.within);
      let off = dayOf(earliest);
      while (off <= dayOf(latest) && isDay(off)) off++;
      if (s.weekend && weekend === 'monday' && off <= dayOf(latest)) {
        off = nextDay(off) * DAY;
        [suggested, latest] = [off + P.dayStart, off + P.mondayBefore];
        note = s.noteWeekend || note;
      } else if (suggested > latest) {
        if (next(earliest) <= latest) suggested = next(earliest);
        else latest = dayOf(suggested) * DAY + P.dayEnd;
      }
    }
    vars.day = WEEKDAYS[weekday(dayOf(suggested))];
    return { earliest, suggested, latest, note: fill(note, vars) };
  };

  // Evaluate the steps in dependency order (each after the step it follows), keeping the
  // first maxChasers chasers, and drop a step an "unless" event reached first.
  const done = {}, all = [], seen = [], byId = Object.fromEntries(steps.map((s, i) => [s.id, i]));
  let chasers = 0;
  const allowed = steps.map(s => !s.chaser || chasers++ < P.maxChasers);
  const visit = i => {
    if (seen[i]) return;
    seen[i] = 1;
    const s = steps[i];
    if (Object.hasOwn(byId, s.after)) visit(byId[s.after]);
    if (!allowed[i] || (rules.events.includes(s.after) && ev[s.after] === undefined)) return;
    const anchors = ev[s.after] !== undefined ? [{ who: -1, suggested: ev[s.after] }] : done[s.after] ?? [];
    if (!anchors.length) return;
    (s.perInterviewer && names.length ? names : [s.to]).forEach((to, who) => {
      if (!s.perInterviewer) who = -1;
      const a = who >= 0 && anchors[0].who >= 0 ? anchors.find(x => x.who === who)?.suggested : Math.max(...anchors.map(x => x.suggested));
      if (a === undefined) return;
      const inst = { i, who, to, ...place(s, a) };
      if (s.unless.some(u => ev[u] <= inst.suggested)) return;
      (done[s.id] ??= []).push(inst);
      all.push(inst);
    });
  };
  steps.forEach((_, i) => visit(i));
  all.sort((x, y) => x.suggested - y.suggested || x.i - y.i || x.who - y.who);
  return {
    steps: all.map(x => ({
      id: steps[x.i].id, message: steps[x.i].message, to: x.to,
      earliest: fmtTime(x.earliest), suggested: fmtTime(x.suggested), latest: fmtTime(x.latest), note: x.note,
    })),
    end: rules.ends[outcome],
  };
}

// planJSON writes a plan as Go's encoder does, which also escapes U+2028 and U+2029.
export const planJSON = p => JSON.stringify(p, null, 2).replace(/[\u2028\u2029]/g, c => hex(c.charCodeAt(0), 4)) + '\n';
