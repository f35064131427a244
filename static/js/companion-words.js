// companion-words.js: how the follow-up companion words things, with no DOM: dates, an
// interview's name, the template links, the notes about
// storage (the problems are companion-problems.js's). The page's parts (companion.js and
// the parts it loads on demand) all word through here; tested with `node --test static/js/`.
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
