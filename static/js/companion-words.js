// companion-words.js: how the follow-up companion words things, with no DOM: dates,
// problems {path, code, args} from companion-state.js or the engine, an interview's name,
// the template links, the calendar of several steps, the notes about storage. The page's
// parts (companion.js and the parts it loads on demand) all word through here; tested with
// `node --test static/js/`.
import { weekdayName } from './civil.js';

const MONTHS = 'January February March April May June July August September October November December'.split(' ');

/** dayText writes a YYYY-MM-DD (or the date of a YYYY-MM-DDTHH:MM) as "Thursday 12 March 2026". */
export function dayText(s) {
  const [y, m, d] = s.slice(0, 10).split('-').map(Number);
  const wd = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  return `${weekdayName(wd)} ${d} ${MONTHS[m - 1]} ${y}`;
}
/** whenText writes a YYYY-MM-DDTHH:MM as "Thursday 12 March 2026, 17:00". */
export const whenText = s => `${dayText(s)}, ${s.slice(11, 16)}`;

/** GROUP_TITLES are the headings of the agenda's groups. */
export const GROUP_TITLES = { overdue: 'Overdue', today: 'Today', week: 'This week', later: 'Later', done: 'Done' };

/** FIELD_NAMES name an interview's fields (and an export file's) for people. */
export const FIELD_NAMES = {
  company: 'the company', role: 'the role', interview: 'the date and time of the interview', ends: 'the end time',
  decisionBy: 'the decision date', rejected: 'the date they turned you down', offer: 'the date of the offer',
  withdrew: 'the date you withdrew', interviewers: 'the interviewers', name: 'the name', email: 'the e-mail address',
  id: 'the id', updated: 'the time it was last changed', facts: 'what you recorded', sent: 'the messages sent',
  skipped: 'the messages skipped', replied: 'the replies', step: 'the step', to: 'the person', at: 'the time',
  on: 'the date of the reply', format: 'the file type', version: 'the version', interviews: 'the list of interviews',
};

/**
 * pathText names the place a problem's path points at, for people:
 * "interviews.2.interviewers.0.email" is "interview 3, interviewer 1: the e-mail address".
 */
export function pathText(path) {
  if (!path) return 'the file';
  const parts = path.split('.'), out = [];
  parts.forEach((p, i) => {
    if (!/^\d+$/.test(p)) return out.push(FIELD_NAMES[p] || `“${p}”`);
    const what = { interviews: 'interview', interviewers: 'interviewer', sent: 'sent message', skipped: 'skipped message', replied: 'reply' }[parts[i - 1]] || 'item';
    out.pop();
    out.push(`${what} ${+p + 1}`);
  });
  return out.join(', ');
}

/** problemText words one problem {path, code, args} from companion-state.js or the engine. */
export function problemText({ path = '', code, args = {} }) {
  const where = pathText(path), a = args;
  const say = {
    required: () => `${where} is missing`,
    'wrong-type': () => `${where} is not what it should be (${a.got} instead of ${a.want})`,
    'too-long': () => `${where} is ${a.length} characters long; at most ${a.max} fit`,
    'control-character': () => `${where} holds a control character`,
    'bad-form': () => `${where} should be written as ${a.want}`,
    'bad-value': () => `${where} is not valid`,
    'no-such-day': () => `${where} is not a day on the calendar; it should be written as ${a.want}`,
    'no-such-time': () => `${where} is not a time of day; it should be written as ${a.want}`,
    'too-many': () => `${where}: ${a.count} is more than the ${a.max} allowed`,
    'too-many-problems': () => `and more problems after the first ${a.max}`,
    'forbidden-key': () => `${where} uses the name “${a.key}”, which is not allowed`,
    'too-large': () => `the file is ${a.bytes} bytes; at most ${a.max} are read`,
    'not-json': () => 'the file is not a saved list (it is not JSON)',
    'wrong-format': () => 'the file is not a Follow-Up Playbook list',
    'bad-version': () => 'the file has no version this page can read',
    'newer-version': () => `the file comes from a newer version of this page (version ${a.version}; this page reads version ${a.known})`,
    'duplicate-id': () => `${where}: two interviews have the same id, “${a.id}”`,
    'no-such-interview': () => 'that interview is no longer in your list',
    'before-interview': () => `${where} is before the interview`,
    'plan-failed': () => `${where}: ${String(a.message || '').replace(/^\S+: /, '')}`,
  }[code];
  return say ? say() : `${where} could not be used (${code})`;
}

/** sentence capitalises a worded problem and ends it with a full stop. */
export const sentence = s => s.charAt(0).toUpperCase() + s.slice(1) + (/[.?!]$/.test(s) ? '' : '.');

/**
 * templateHref is step's template page for an interview, filled in through the URL
 * fragment as fill.js reads it: values from companion-state.js's templateValues.
 */
export function templateHref(base, message, values) {
  const frag = Object.entries(values).map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&');
  return `${base}${encodeURIComponent(message)}/${frag ? '#' + frag : ''}`;
}

/**
 * joinCalendars makes one calendar of the events of several: the first one's header, every
 * VEVENT in order, one END:VCALENDAR. With no calendar at all it is an empty calendar.
 */
export function joinCalendars(cals) {
  const head = cals.length ? cals[0].slice(0, cals[0].indexOf('BEGIN:VEVENT') >>> 0) : '';
  const events = cals.flatMap(c => c.match(/BEGIN:VEVENT\r\n[\s\S]*?END:VEVENT\r\n/g) || []);
  const top = head && head.includes('BEGIN:VCALENDAR') ? head.replace(/END:VCALENDAR\r\n$/, '') : 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Follow-Up Playbook//playbook plan//EN\r\n';
  return top + events.join('') + 'END:VCALENDAR\r\n';
}

/** label is an interview's name for people: "Northwind, Data Analyst", or its date. */
export function label(iv) {
  const parts = [iv.company, iv.role].map(s => (s || '').trim()).filter(Boolean);
  return parts.length ? parts.join(', ') : `the interview of ${dayText(iv.interview)}`;
}

/** OUTCOME_TEXT words an interview's outcome. */
export const OUTCOME_TEXT = { rejected: 'They turned you down', offer: 'They made you an offer', withdrew: 'You withdrew' };

/** storageNote is what the page says when its state is not being kept, by reason. */
export function storageNote(reason) {
  return {
    unavailable: 'This browser is not letting the page keep anything (a private window, or storage turned off). The page works until you close this tab, but nothing will be kept: save your list as a file before you go.',
    full: 'This browser’s storage is full, so your latest changes are not kept. The page works until you close this tab: save your list as a file, then free some space.',
    kept: 'Your changes are not kept while the list that could not be read is still there. Download it, then choose “Start a new list”.',
  }[reason] || '';
}
