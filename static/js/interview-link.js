// interview-link.js: one interview's form values in a URL fragment, so a plan can be
// bookmarked and shared (the calculator keeps its inputs there, as the template pages keep
// theirs) and handed to the follow-up companion ("Add to my follow-ups" opens
// follow-ups/#add&... and the companion offers to add what it is given). The fragment
// never reaches a server. Keys: date, time, decision, n (one per interviewer, in order),
// outcome (the input's field of an outcome: rejected, offer, withdrew or nextRound), when,
// weekend, region, premium=1. A link without region (as every link before
// issue 17) plans with the site's region, as the engine reads an empty one.

const TEXT_KEYS = ['date', 'time', 'decision', 'outcome', 'when', 'weekend', 'region'];

/** ADD is the fragment's first word when the values are for the companion to add. */
export const ADD = 'add';

/**
 * fragmentOf writes the calculator's values {date, time, decision, names, outcome, when,
 * weekend, region, premium} as a fragment without its "#", leaving out what is empty.
 */
export function fragmentOf(values) {
  const p = new URLSearchParams();
  for (const k of TEXT_KEYS) if (values[k]) p.append(k, values[k]);
  for (const n of values.names ?? []) if (n.trim() !== '') p.append('n', n);
  if (values.premium) p.append('premium', '1');
  return p.toString();
}

/**
 * valuesOf reads a fragment (with or without its "#", and with or without ADD first) back
 * into the values fragmentOf wrote, or null when it holds none (an ordinary anchor). Every
 * value is text as typed; the form and the engine check it.
 */
export function valuesOf(hash) {
  const p = new URLSearchParams((hash ?? '').replace(/^#/, ''));
  if (!TEXT_KEYS.some(k => p.has(k)) && !p.has('n')) return null;
  const values = { names: p.getAll('n'), premium: p.get('premium') === '1' };
  for (const k of TEXT_KEYS) values[k] = p.get(k) ?? '';
  return values;
}

/** isAdd reports whether a fragment asks the companion to add the interview it holds. */
export function isAdd(hash) {
  const s = (hash ?? '').replace(/^#/, '');
  return s === ADD || s.startsWith(ADD + '&');
}

/**
 * draftOf is the companion's new-interview fields (docs/companion.md) for values: the
 * interview's date and start, the decision date and the interviewers, for the visitor to
 * complete (company, role, end, addresses) and save. An outcome is recorded on the
 * companion with its own buttons.
 */
export function draftOf(values) {
  let interview = '';
  if (values.date) interview = values.date + 'T' + values.time;
  return {
    company: '', role: '', interview, ends: '', decisionBy: values.decision,
    interviewers: values.names.map(name => ({ name, email: '' })),
  };
}
