// companion-problems.js: how the follow-up companion words a problem {path, code, args}
// from companion-state.js or the engine, and storage that does not keep the list, with no
// DOM. Problems come from a form, a file or a list that cannot be read, which are the
// page's parts loaded on demand (companion.js loads this module itself with the edits, and
// for a plan that fails or storage that keeps nothing); tested with `node --test static/js/`.
// The engine's codes it has no words of its own for are inputerror.js's.
import { message } from './inputerror.js';
import { dayText, whenText } from './companion-words.js';
import { isDate, isDateTime } from './companion-agenda.js';

// TYPED are the engine's codes whose value is quoted as the visitor typed it: a value
// that is no date ("2026-02-30"), or not the kind wanted, read back in the page's words
// would not be what they typed.
const TYPED = new Set(['not-a-date', 'not-a-day', 'not-a-time', 'not-a-date-time', 'end-of-day', 'not-a-date-or-time']);

// pageDates writes the dates and times in a problem's args as the page writes them, not
// as 2026-12-08T10:00.
const pageDates = (code, args) => Object.fromEntries(Object.entries(args).map(([k, v]) => [k,
  k === 'value' && TYPED.has(code) ? v : isDateTime(v) ? whenText(v) : isDate(v) ? dayText(v) : v]));

/** FIELD_NAMES name an interview's fields (and an export file's) for people. */
export const FIELD_NAMES = {
  company: 'the company', role: 'the role', interview: 'the date and time of the interview', ends: 'the end time',
  decisionBy: 'the decision date', rejected: 'the date they turned you down', offer: 'the date of the offer',
  withdrew: 'the date you withdrew', nextRound: 'the date they invited you to another round', interviewers: 'the interviewers', name: 'the name', email: 'the e-mail address',
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
    'wrong-format': () => 'the file is not a list saved by this follow-up companion',
    'bad-version': () => 'the file has no version this page can read',
    'newer-version': () => `the file comes from a newer version of this page (version ${a.version}; this page reads version ${a.known})`,
    'duplicate-id': () => `${where}: two interviews have the same id, “${a.id}”`,
    'no-such-interview': () => 'that interview is no longer in your list',
    'after-now': () => `${where} is later than now`,
    'log-full': () => `your list has recorded ${a.max} changes, the most this page keeps: save it as a file to keep a copy of everything`,
    'invalid-change': () => `${where} could not be recorded`,
    'not-kept': () => 'the change could not be read back from this browser’s storage',
    'plan-failed': () => `${where}: ${String(a.message || '').replace(/^\S+: /, '')}`,
  }[code];
  if (say) return say();
  const engine = message(code, pageDates(code, a));
  if (engine === code) return `${where} could not be used (${code})`;
  // A change refused for its plan (propose) says what is wrong in the engine's words alone.
  return path ? `${where}: ${engine.replace(/\.$/, '')}` : engine.replace(/\.$/, '');
}

/** storageNote is what the page says when its state is not being kept, by reason. */
export function storageNote(reason) {
  return {
    unavailable: 'This browser is not letting the page keep anything (a private window, or storage turned off). The page works until you close this tab, but nothing will be kept: save your list as a file before you go.',
    full: 'This browser’s storage is full, so your latest changes are not kept. The page works until you close this tab: save your list as a file, then free some space.',
    kept: 'Your changes are not kept while the list that could not be read is still there. Download it, then choose “Start a new list”.',
    'not-kept': 'This browser did not keep your latest change (what it read back did not hold it). The page works until you close this tab: save your list as a file.',
  }[reason] || '';
}
