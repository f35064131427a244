// A plan as an .ics file, byte for byte as rules.ICS writes it (generator/load/rules/ics.go),
// and the same step as "Add to Google Calendar" and Outlook.com links.
import { parseDateTime, dateString, dateOfTime, clockOf } from './civil.js';

const text = s => s.replace(/[\\;,]|\r\n|\n|\r/g, c => c < ' ' ? '\\n' : '\\' + c);
const pad = (n, w = 2) => String(n).padStart(w, '0');

// utcStamp formats epoch milliseconds as an iCalendar UTC DATE-TIME.
function utcStamp(ms) {
  const d = new Date(ms), y = d.getUTCFullYear();
  return pad(y, 4) + pad(d.getUTCMonth() + 1) + pad(d.getUTCDate()) + 'T' + pad(d.getUTCHours()) + pad(d.getUTCMinutes()) + pad(d.getUTCSeconds()) + 'Z';
}

// offsetAt is zone's offset from UTC, in seconds, at epoch second unix.
function offsetAt(zone, unix) {
  const f = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', era: 'short', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
  const p = Object.fromEntries(f.formatToParts(new Date(unix * 1000)).map(x => [x.type, x.value]));
  const y = p.era === 'BC' || p.era === 'B' ? 1 - p.year : +p.year, d = new Date(0);
  d.setUTCFullYear(y, p.month - 1, +p.day);
  d.setUTCHours(+p.hour, +p.minute, +p.second);
  return d.getTime() / 1000 - unix;
}

/**
 * utc is civil time t (minutes, civil.js) read in zone, as epoch milliseconds, by rules.UTC's
 * rule at clock changes: the offset of the day before when it holds at the instant it
 * gives, else the day after's when that holds, else (a skipped time) the day before's,
 * which moves it forward by the gap; a repeated time is its first.
 */
export function utc(t, zone) {
  const [y, m, d] = dateString(dateOfTime(t)).split('-').map(Number), c = clockOf(t), day = new Date(0);
  day.setUTCFullYear(y, m - 1, d);
  day.setUTCHours(Math.floor(c / 60), c % 60, 0);
  const wall = day.getTime() / 1000, before = offsetAt(zone, wall - 86400), after = offsetAt(zone, wall + 86400);
  if (offsetAt(zone, wall - before) === before) return (wall - before) * 1000;
  if (offsetAt(zone, wall - after) === after) return (wall - after) * 1000;
  return (wall - before) * 1000;
}

// hash32 is the 32-bit FNV-1a hash of s's UTF-8 bytes, as 8 hex digits.
function hash32(s) {
  let h = 0x811c9dc5;
  for (const b of new TextEncoder().encode(s)) h = Math.imul(h ^ b, 0x01000193) >>> 0;
  return h.toString(16).padStart(8, '0');
}

/** interviewKey names an interview that has no id, as rules.InterviewKey. */
export const interviewKey = input => 'iv-' + hash32(`${input.interview}\x1f${input.company ?? ''}\x1f${input.role ?? ''}`);

// personSlug is rules.personSlug: lower-case ASCII letters and digits, other runs "-", and
// the name's hash when it held anything but ASCII letters, digits and spaces.
function personSlug(name) {
  const slug = name.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '').toLowerCase();
  return /[^A-Za-z0-9 ]/.test(name) || !slug ? (slug ? slug + '-' : '') + hash32(name) : slug;
}

// The maker of a site without a brand, as rules.DefaultCalendar: what rules.json's calendar
// means when it is left out; maker is rules.calendar over it, as Calendar.orDefault.
const DEFAULT_CALENDAR = { name: 'Follow-Up Playbook', domain: 'followup-playbook' };
const maker = rules => ({ ...DEFAULT_CALENDAR, ...rules.calendar });

/** prodID is the PRODID line of the site's files (rules.json's calendar), as rules.Calendar.ProdID. */
export const prodID = rules => 'PRODID:' + text(`-//${maker(rules).name.replace(/[/\x00-\x1f]/g, '')}//playbook plan//EN`);

// stepUIDs are the UIDs of steps, as rules.stepUIDs: key.step.person@domain, ~2 for a repeat.
function stepUIDs(domain, key, steps) {
  const seen = new Map();
  return steps.map(s => {
    let base = `${key}.${s.id}.${personSlug(s.to)}`;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    if (n > 1) base += '~' + n;
    return base + '@' + domain;
  });
}

/** eventSummary is a step's event title, as rules.EventSummary. */
export function eventSummary(rules, input, s) {
  const title = rules.steps.find(r => r.id === s.id)?.title ?? s.message;
  const job = [input.company, input.role].map(v => (v ?? '').trim()).filter(Boolean);
  return `${title}, to ${s.to}` + (job.length ? ': ' + job.join(', ') : '');
}

/** eventDetails is a step's event description, as rules.EventDetails. */
export function eventDetails(s, page) {
  const day = v => v.replace('T', ' ');
  return `${s.note}\nWindow: ${day(s.earliest)} to ${day(s.latest)}.\nTemplate: ${page || s.message}`;
}

/** dropped is the steps of before that after no longer has, by step and person, as rules.Dropped. */
export function dropped(before, after) {
  const kept = new Set(after.steps.map(s => JSON.stringify([s.id, s.to])));
  return before.steps.filter(s => !kept.has(JSON.stringify([s.id, s.to])));
}

// fold ends a line with CRLF and cuts it into 75 octets (74 after a continuation's
// space), never inside a UTF-8 sequence.
function fold(line) {
  let b = new TextEncoder().encode(line), out = '', cut = 75;
  const dec = new TextDecoder();
  for (; b.length > cut; cut = 74) {
    while ((b[cut] & 0xc0) === 0x80) cut--;
    out += dec.decode(b.subarray(0, cut)) + '\r\n ';
    b = b.subarray(cut);
  }
  return out + dec.decode(b) + '\r\n';
}

/**
 * ics writes plan (from input and rules) as rules.ICS does with the same options: zone (the
 * visitor's, Intl.DateTimeFormat().resolvedOptions().timeZone), now (a Date: the export),
 * key (the interview's id, or interviewKey), pages (by step, the filled template page's
 * URL) and cancel (steps dropped since an earlier export). With only, the step at that
 * index alone, with the UID it has in the whole plan, and no cancellation. rules.calendar
 * names who makes the file, as Rules.Calendar does for rules.ICS.
 */
export function ics(rules, input, plan, { zone, now, key = '', pages = [], cancel = [], only } = {}) {
  if (!zone) throw Error('a calendar file needs the candidate\'s time zone');
  key ||= interviewKey(input);
  const ms = now.getTime() - now.getTime() % 1000, all = [...plan.steps, ...cancel], uids = stepUIDs(maker(rules).domain, key, all);
  const out = ['BEGIN:VCALENDAR', 'VERSION:2.0', prodID(rules), 'CALSCALE:GREGORIAN', 'METHOD:PUBLISH'];
  all.forEach((s, i) => {
    if (only !== undefined && only !== i) return;
    const at = utc(parseDateTime(s.suggested), zone), summary = eventSummary(rules, input, s);
    out.push('BEGIN:VEVENT', 'UID:' + text(uids[i]), 'DTSTAMP:' + utcStamp(ms), 'SEQUENCE:' + Math.max(0, Math.floor(ms / 60000)),
      'DTSTART:' + utcStamp(at), 'DTEND:' + utcStamp(at + 15 * 60000), 'SUMMARY:' + text(summary),
      'DESCRIPTION:' + text(eventDetails(s, pages[i] ?? '')), 'CATEGORIES:Follow-up,' + text(s.id), 'TRANSP:TRANSPARENT');
    if (i >= plan.steps.length) out.push('STATUS:CANCELLED', 'END:VEVENT');
    else out.push('STATUS:CONFIRMED', 'BEGIN:VALARM', 'ACTION:DISPLAY', 'DESCRIPTION:' + text(summary), 'TRIGGER:PT0S', 'END:VALARM', 'END:VEVENT');
  });
  return [...out, 'END:VCALENDAR'].map(fold).join('');
}

/**
 * eventLinks are step i's "Add to Google Calendar" and Outlook.com links, {google, outlook},
 * built from the same step as its event in ics: the same UTC times, title and description.
 */
export function eventLinks(rules, input, plan, i, { zone, pages = [] }) {
  const s = plan.steps[i], at = utc(parseDateTime(s.suggested), zone), end = at + 15 * 60000;
  const text = eventSummary(rules, input, s), details = eventDetails(s, pages[i] ?? '');
  const iso = ms => new Date(ms).toISOString().replace(/\.000Z$/, 'Z');
  const q = o => new URLSearchParams(o).toString().replaceAll('+', '%20');
  return {
    google: 'https://calendar.google.com/calendar/render?' + q({ action: 'TEMPLATE', text, dates: utcStamp(at) + '/' + utcStamp(end), details }),
    outlook: 'https://outlook.live.com/calendar/deeplink/compose?' + q({ path: '/calendar/action/compose', rru: 'addevent', subject: text, startdt: iso(at), enddt: iso(end), body: details }),
  };
}

/**
 * fileName is a readable .ics file name of parts (step id, person, company, …): each part's
 * ASCII letters and digits, accents dropped, other runs "-", lower case, empty parts left
 * out, at most 80 characters; "follow-up.ics" when nothing is left.
 */
export function fileName(...parts) {
  const slug = parts.map(v => String(v ?? '').normalize('NFKD').replace(/[\u0300-\u036f]/g, '').replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '').toLowerCase())
    .filter(Boolean).join('-').slice(0, 80).replace(/-$/, '');
  return (slug || 'follow-up') + '.ics';
}
