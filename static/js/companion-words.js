// companion-words.js: how the follow-up companion words things, with no DOM: dates, an
// interview's name, the template links and the values they pre-fill (the problems and
// the notes about storage are companion-problems.js's). The page's parts (companion.js
// and the parts it loads on demand) all word through here; tested with
// `node --test static/js/`.
import { dateOf, weekday, weekdayName } from './civil.js';
import { isDateTime } from './companion-agenda.js';

const MONTHS = 'January February March April May June July August September October November December'.split(' ');

/** dayText writes a YYYY-MM-DD (or the date of a YYYY-MM-DDTHH:MM) as "Thursday 12 March 2026". */
export function dayText(s) {
  const [y, m, d] = s.slice(0, 10).split('-').map(Number);
  return `${weekdayName(weekday(dateOf(y, m, d)))} ${d} ${MONTHS[m - 1]} ${y}`;
}
/** whenText writes a YYYY-MM-DDTHH:MM as "Thursday 12 March 2026, 17:00". */
export const whenText = s => `${dayText(s)}, ${s.slice(11, 16)}`;

/**
 * shortDay writes a YYYY-MM-DD (or the date of a YYYY-MM-DDTHH:MM) as "Thu 12 Mar", with
 * its year when it is not thisYear's ("Thu 12 Mar 2026"): the rows and cards of a phone's
 * list, where every line counts. The full date is in each row's <time>.
 */
export function shortDay(s, thisYear = '') {
  const [y, m, d] = s.slice(0, 10).split('-').map(Number);
  return `${weekdayName(weekday(dateOf(y, m, d))).slice(0, 3)} ${d} ${MONTHS[m - 1].slice(0, 3)}${String(y) === thisYear ? '' : ' ' + y}`;
}
/** shortWhen writes a YYYY-MM-DDTHH:MM as "Thu 12 Mar, 17:00" (shortDay's). */
export const shortWhen = (s, thisYear = '') => `${shortDay(s, thisYear)}, ${s.slice(11, 16)}`;

/** GROUP_TITLES are the headings of the agenda's groups. */
export const GROUP_TITLES = { overdue: 'Overdue', today: 'Today', week: 'This week', later: 'Later', done: 'Done' };

/** sentence capitalises a worded problem and ends it with a full stop. */
export const sentence = s => s.charAt(0).toUpperCase() + s.slice(1) + (/[.?!]$/.test(s) ? '' : '.');

/**
 * templateHref is step's template page for an interview, filled in through the URL
 * fragment as fill.js reads it: values from templateValues.
 */
export function templateHref(base, message, values) {
  const frag = Object.entries(values).map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&');
  return `${base}${encodeURIComponent(message)}/${frag ? '#' + frag : ''}`;
}

/** label is an interview's name for people: "Northwind, Data Analyst", or its date. */
export function label(iv) {
  const parts = [iv.company, iv.role].map(s => (s || '').trim()).filter(Boolean);
  return parts.length ? parts.join(', ') : iv.interview ? `the interview of ${dayText(iv.interview)}` : 'an application';
}

/** OUTCOME_TEXT words an interview's outcome. */
export const OUTCOME_TEXT = { rejected: 'They turned you down', offer: 'They made you an offer', withdrew: 'You withdrew', nextRound: 'Invited to another round' };

/** KIND_TEXT words who an application's contact is. */
export const KIND_TEXT = { recruiter: 'recruiter', 'hiring-manager': 'hiring manager', other: '' };

/** contactText is "Dana Fox, recruiter", or "" without a name. */
export function contactText(contact) {
  const name = (contact?.name ?? '').trim();
  return name && KIND_TEXT[contact.kind] ? `${name}, ${KIND_TEXT[contact.kind]}` : name;
}

const TITLES = new Set(['dr', 'mr', 'mrs', 'ms', 'mx', 'miss', 'prof', 'professor', 'sir', 'dame']);

/**
 * firstName is the name to greet someone by: the first word of their name ("Ana Ruiz" is
 * "Ana", "Mary-Jane Smith" "Mary-Jane"), after a title (Dr, Mr, Mrs, Ms, Mx, Miss, Prof,
 * Professor, Sir, Dame, with or without a dot: "Dr. Ana Ruiz" is "Ana"). A title before a
 * single name, or an initial first ("A. Ruiz", "J Smith"), keeps the whole name: "Dr. Ruiz".
 * So does a name in a script without capitals ("李小龙", "李 小龙"), where the family name
 * often comes first and the first word is no first name. The visitor can always edit the
 * greeting on the template page.
 */
export function firstName(name) {
  const words = String(name).trim().split(/\s+/).filter(Boolean);
  if (!words.length) return '';
  if (!/[\p{Lu}\p{Ll}]/u.test(name)) return words.join(' ');
  const rest = TITLES.has(words[0].replace(/\.$/, '').toLowerCase()) ? words.slice(1) : words;
  if (rest.length < 2 && rest.length !== words.length) return words.join(' ');
  if (!rest.length) return '';
  if (/^(\p{Lu}|\p{L}\.)$/u.test(rest[0])) return words.join(' ');
  return rest[0].replace(/,$/, '');
}

/**
 * templateValues are the values that pre-fill step"s template page for this interview,
 * by field name (fill.js"s encodeFragment writes them): interviewer_name (the first name of
 * the interviewer the plan"s `to` names, for the greeting), role, company, interview_date
 * ("12 March", as the calculator writes it) and to_email (that interviewer"s address, for
 * the mail app"s recipient), and what was talked about with them (topic). A step to no
 * interviewer (a chaser, to "the hiring manager") goes to the application's contact: their
 * first name fills the greeting of every template that has one (hiring_manager_name,
 * recipient_name, sender_name) and their address the recipient. Only this interview"s
 * values: never the candidate"s own, which the template page keeps itself. Empty values are
 * left out. step is the plan step (or its id); to is its `to`, the step"s by default.
 */
export function templateValues(interview, step, to = step && step.to, contact = null) {
  const values = {};
  const put = (k, v) => {
    if (typeof v === 'string' && v.trim() !== '') values[k] = v.trim();
  };
  const t = typeof to === 'string' ? to.trim() : '';
  const who = t ? interview.interviewers.find(x => x.name.trim() === t) : undefined;
  if (who) put('interviewer_name', firstName(who.name));
  if (who) put('topic', who.topic);
  const them = !who && contact && contact.name ? contact : null;
  if (them) for (const k of ['hiring_manager_name', 'recipient_name', 'sender_name']) put(k, firstName(them.name));
  put('role', interview.role);
  put('company', interview.company);
  if (isDateTime(interview.interview)) {
    const [, m, d] = interview.interview.slice(0, 10).split('-').map(Number);
    put('interview_date', `${d} ${MONTHS[m - 1]}`);
  }
  if (who) put('to_email', who.email);
  if (them) put('to_email', them.email);
  return values;
}

// nameIn is interview id's name as the log last gave it, though it is deleted since: the
// company and role of its latest add, import or edit that sets them.
function nameIn(log, id) {
  const iv = { company: '', role: '', interview: '' };
  for (const c of log) {
    const f = c.iv === id && (c.kind === 'add' || c.kind === 'edit') ? c.fields : c.kind === 'import' ? c.interviews.find(x => x.id === id) : null;
    if (f) for (const k of ['company', 'role', 'interview']) if (f[k] !== undefined) iv[k] = f[k];
  }
  return iv.interview ? label(iv) : 'an interview';
}

// appNameIn is application id's name as the log last gave it: the company and role of its
// latest changes that set them, else its first round's.
function appNameIn(log, id) {
  const a = { company: '', role: '' };
  for (const c of log) if (c.kind === 'app' && c.app === id) for (const k of ['company', 'role']) if (c.fields[k] !== undefined) a[k] = c.fields[k];
  if (a.company || a.role) return label({ ...a, interview: '' });
  const first = log.find(c => c.kind === 'add' && (c.fields.app === id || (!c.fields.app && c.iv === id)));
  return first ? nameIn(log, first.iv) : 'an application';
}

const FIELD_WORDS = { app: 'application', link: 'job ad', contact: 'contact', notes: 'notes', company: 'company', role: 'role', interview: 'date and time', ends: 'end time', interviewers: 'interviewers', decisionBy: 'decision date', outcome: 'outcome' };

/**
 * changeText words one change of the log for the list of recent changes and the Undo:
 * "Marked as sent: Thank-you note to Ana Gómez, Initech, Ops Lead". log names the
 * interviews, title(stepId) a step.
 */
export function changeText(c, log, title) {
  const who = c.iv ? nameIn(log, c.iv) : '';
  const step = () => `${title(c.step)}${c.to ? ' to ' + c.to : ''}, ${who}`;
  switch (c.kind) {
    case 'add':
      return c.fields.app && c.fields.app !== c.iv ? `Added a round of ${appNameIn(log, c.fields.app)} on ${dayText(c.fields.interview)}` : `Added ${who}`;
    case 'app':
      if (log.find(x => x.kind === 'app' && x.app === c.app) === c) return `Added ${appNameIn(log, c.app)}`;
      return `Changed the ${Object.keys(c.fields).map(k => FIELD_WORDS[k]).join(', ')} of ${appNameIn(log, c.app)}`;
    case 'edit': {
      const o = c.fields.outcome;
      if (o && Object.keys(c.fields).length === 1) return o.kind ? `${OUTCOME_TEXT[o.kind]} on ${dayText(o.on)}: ${who}` : `Outcome cleared: ${who}`;
      return `Changed the ${Object.keys(c.fields).map(k => FIELD_WORDS[k]).join(', ')} of ${who}`;
    }
    case 'mark':
      return c.as === 'sent' ? `Marked as sent on ${whenText(c.at)}: ${step()}` : c.as === 'skipped' ? `Skipped: ${step()}` : `Back on the list: ${step()}`;
    case 'reply':
      return `${c.removed ? 'Removed their reply' : 'They replied'} on ${dayText(c.on)}${c.decisionBy ? `, to decide by ${dayText(c.decisionBy)}` : ''}: ${who}`;
    case 'delete':
      return c.app ? `Deleted ${appNameIn(log, c.app)} and its rounds` : `Deleted ${who}`;
    case 'import':
      return `Opened a saved list: ${c.interviews.length === 1 ? 'one interview' : c.interviews.length + ' interviews'}`;
    case 'merge':
      return `Added what another device sent: ${c.ids.length === 1 ? 'one change' : c.ids.length + ' changes'}`;
    default:
      return c.undone ? 'Undo' : 'Redo';
  }
}
