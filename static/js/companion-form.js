// companion-form.js: the follow-up companion's interview form, to add an interview or edit
// one. companion.js loads it the first time the visitor asks for the form; it builds the
// form then, after the "Add an interview" button. page is companion.js's (see start).
import * as S from './companion-state.js';
import { addChange, editChange } from './companion-edit.js';
import { label, sentence } from './companion-words.js';
import { problemText } from './companion-problems.js';
import { isAdd, valuesOf, draftOf } from './interview-link.js';

// The form of each page, built once.
const forms = new WeakMap();

// FIELDS are the form's one-line fields: id (after "fu-"), label, input type, the
// interview's field it fills, and its hint, if any ('' for one written as the form opens).
// NAMES word an interview's fields in the form's notes.
const NAMES = { company: 'company', role: 'role', interview: 'date and time', ends: 'end time', interviewers: 'interviewers', decisionBy: 'decision date' };

const FIELDS = [
  ['company', 'Company', 'text', 'company'],
  ['role', 'Role', 'text', 'role'],
  ['date', 'Date of the interview', 'date'],
  ['start', 'Start time', 'time'],
  ['end', 'End time, if you know it', 'time', 'ends', ''],
  ['decision', 'Decision date, if they gave one', 'date', 'decisionBy', 'The day they said you would hear by.'],
];

/**
 * endHint says, beside the end time, what the plan assumes without one: the interview
 * lasted minutes (rules.json's policy.interviewLength, the site's [timeline]
 * interview_length), and the follow-ups count from its end. '' with no rules to say it.
 */
export function endHint(minutes) {
  if (!Number.isInteger(minutes)) return '';
  if (minutes === 0) return 'If you leave it empty, the follow-ups count from the start time.';
  const h = Math.floor(minutes / 60), m = minutes % 60;
  const length = [h && (h === 1 ? 'one hour' : `${h} hours`), m && (m === 1 ? 'one minute' : `${m} minutes`)].filter(Boolean).join(' and ');
  return `If you leave it empty, we assume it lasted ${length}: the follow-ups count from its end.`;
}

/** openForm shows the interview form for iv, or for a new interview when iv is null. */
export function openForm(page, iv, draft = null) {
  if (!forms.has(page)) forms.set(page, build(page));
  forms.get(page).open(iv, draft);
}

/**
 * openGiven opens the form on the interview the calculator's "Add to my follow-ups" put in
 * the address, for the visitor to complete and save; the address loses it, so a reload does
 * not offer it again. An address with any other fragment is left as it is.
 */
export function openGiven(page) {
  const { win } = page, given = isAdd(win.location.hash) && valuesOf(win.location.hash);
  if (!given) return;
  win.history.replaceState(win.history.state, '', win.location.pathname + win.location.search);
  openForm(page, null, draftOf(given));
}

function build(page) {
  const { $, el, vh } = page;
  // editing: the interview's id; base: its fields when the form opened, or as last
  // brought up to date from another tab's change, so that saving sends only what the
  // visitor changed.
  let editing = null, base = null;

  // field is one labelled input, its hint and its error message.
  const field = ([id, text, type, , hint]) => {
    const input = el('input', { type, id: 'fu-' + id });
    if (type === 'text') Object.assign(input, { maxLength: 80, autocomplete: id === 'company' ? 'organization' : 'off' });
    if (id === 'date' || id === 'start') input.required = true;
    const hinted = hint !== undefined;
    input.setAttribute('aria-describedby', (hinted ? `fu-${id}-h ` : '') + `fu-${id}-e`);
    return el('div', { className: 'field' }, el('label', { htmlFor: input.id }, text),
      hinted ? el('p', { className: 'hint', id: `fu-${id}-h` }, hint) : null, input,
      el('p', { className: 'error', id: `fu-${id}-e`, hidden: true }));
  };
  const [company, role, date, start, end, decision] = FIELDS.map(field);
  const people = el('ol', { className: 'fu-people', id: 'fu-people' });
  const addPerson = el('button', { type: 'button', id: 'fu-person' }, 'Add an interviewer');
  const cancel = el('button', { type: 'button', id: 'fu-cancel' }, 'Cancel');
  const heading = el('h3', { id: 'fu-form-h', tabIndex: -1 });
  const form = el('form', { className: 'fu-form', id: 'fu-form', noValidate: true, hidden: true },
    heading, el('p', { className: 'hint', id: 'fu-form-news', role: 'status', hidden: true }), company, role, date, el('div', { className: 'fu-row' }, start, end), decision,
    el('fieldset', {}, el('legend', {}, 'Who interviewed you'),
      el('p', { className: 'hint', id: 'fu-people-h' }, 'Each person gets their own thank-you. An e-mail address is optional: it fills in the recipient when you open a message in your mail app.'),
      people, el('p', { className: 'error', id: 'fu-people-e', hidden: true }), addPerson),
    el('p', { className: 'fu-buttons' }, el('button', { type: 'submit', className: 'primary' }, 'Save the interview'), ' ', cancel));
  form.setAttribute('aria-labelledby', 'fu-form-h');
  $('fu-add').parentElement.after(form);
  const input = id => $('fu-' + id);

  // person adds an interviewer's two fields, numbered after the others.
  function person(p = { name: '', email: '' }) {
    const name = el('input', { type: 'text', maxLength: 60, autocomplete: 'off', value: p.name });
    const email = el('input', { type: 'email', maxLength: 200, autocomplete: 'off', value: p.email || '' });
    name.setAttribute('aria-describedby', 'fu-people-h');
    people.append(el('li', {},
      el('div', { className: 'field' }, el('label', {}), name),
      el('div', { className: 'field' }, el('label', {}), email),
      el('button', { type: 'button', className: 'small', value: 'remove' }, 'Remove', vh(''))));
    renumber();
    return name;
  }
  // renumber names each interviewer's fields by its place in the list.
  function renumber() {
    [...people.children].forEach((li, i) => {
      const [ln, le] = li.querySelectorAll('label'), [n, e] = li.querySelectorAll('input');
      ln.htmlFor = n.id = `fu-p${i + 1}`;
      le.htmlFor = e.id = `fu-e${i + 1}`;
      ln.textContent = `Interviewer ${i + 1}: name`;
      le.textContent = `Interviewer ${i + 1}: e-mail address (optional)`;
      li.querySelector('.vh').textContent = ` interviewer ${i + 1}`;
    });
  }
  function mark(field, msg, errId) {
    const e = $(errId || field.id + '-e');
    if (msg) field?.setAttribute('aria-invalid', 'true');
    e.textContent = msg ? sentence(msg) : '';
    e.hidden = !msg;
  }
  function clearMarks() {
    form.querySelectorAll('[aria-invalid]').forEach(i => i.removeAttribute('aria-invalid'));
    form.querySelectorAll('.error').forEach(e => { e.hidden = true; e.textContent = ''; });
  }
  // open shows the form for iv, or for a new interview, filled from draft when given (the
  // calculator's hand-over).
  function open(iv, draft) {
    editing = iv ? iv.id : null;
    base = iv ? structuredClone(iv) : null;
    $('fu-form-news').hidden = true;
    const from = iv ?? draft;
    clearMarks();
    heading.textContent = iv ? `Edit ${label(iv)}` : draft ? 'Add the interview from the calculator' : 'Add an interview';
    for (const [id, , , key] of FIELDS) if (key) input(id).value = from?.[key] ?? '';
    // Said as the form opens: the site's rules may have changed since it was built.
    $('fu-end-h').textContent = endHint(page.rules?.policy.interviewLength);
    $('fu-end-h').hidden = !$('fu-end-h').textContent;
    input('date').value = from ? from.interview.slice(0, 10) : '';
    input('start').value = from ? from.interview.slice(11) : '';
    people.replaceChildren();
    (from && from.interviewers.length ? from.interviewers : [undefined]).forEach(p => person(p));
    form.hidden = false;
    $('fu-add').hidden = true;
    heading.focus();
  }
  function close() {
    form.hidden = true;
    $('fu-add').hidden = false;
    editing = base = null;
  }
  // another takes in a change another tab made to the interview being edited: a field the
  // visitor has not touched shows the new value; one they have keeps theirs, and the form
  // says so. Saving then sends only the visitor's fields, so neither change is lost.
  page.onExternal = () => {
    if (!editing || form.hidden) return;
    const now = page.find(editing);
    if (!now) {
      news('Another tab deleted this interview. Saving it adds your changes back; Cancel leaves it deleted.');
      return;
    }
    const mine = read(), changed = [], kept = [];
    for (const k of S.FIELD_KEYS) {
      if (JSON.stringify(now[k]) === JSON.stringify(base[k])) continue;
      const touched = k === 'interview' ? mine.interview !== base.interview : JSON.stringify(mine[k]) !== JSON.stringify(base[k]);
      (touched ? kept : changed).push(k);
    }
    if (!changed.length && !kept.length) return;
    for (const k of changed) {
      base[k] = structuredClone(now[k]);
      if (k === 'interview') {
        input('date').value = now.interview.slice(0, 10);
        input('start').value = now.interview.slice(11);
      } else if (k === 'interviewers') {
        people.replaceChildren();
        (now.interviewers.length ? now.interviewers : [undefined]).forEach(p => person(p));
      } else input(FIELDS.find(f => f[3] === k)[0]).value = now[k];
    }
    const names = ks => ks.map(k => NAMES[k]).join(', ');
    news([changed.length && `Another tab changed the ${names(changed)} of this interview: the form shows it now.`,
      kept.length && `Another tab also changed the ${names(kept)}, which you have changed here: saving keeps yours.`].filter(Boolean).join(' '));
  };
  function news(text) {
    $('fu-form-news').textContent = text;
    $('fu-form-news').hidden = false;
  }
  // fieldOf is the input a problem's path (relative to the interview) is about, and the
  // id of the message that says it when it is not the input's own.
  function fieldOf(path) {
    const m = /^interviewers\.(\d+)\.(name|email)$/.exec(path);
    if (m) return [$(`fu-${m[2] === 'name' ? 'p' : 'e'}${+m[1] + 1}`), 'fu-people-e'];
    if (path === 'interview') return [input('date').value ? input('start') : input('date')];
    const f = FIELDS.find(f => f[3] === path);
    return [input(f ? f[0] : 'date')];
  }
  function read() {
    const who = [...people.children].map(li => li.querySelectorAll('input'))
      .map(([n, e]) => ({ name: n.value.trim(), email: e.value.trim() })).filter(p => p.name || p.email);
    const d = input('date').value, t = input('start').value;
    return {
      company: input('company').value.trim(), role: input('role').value.trim(),
      interview: d && t ? `${d}T${t}` : '', ends: input('end').value, decisionBy: input('decision').value, interviewers: who,
    };
  }
  // refuse marks the form's problems, each [path, words, input, message id], and says them.
  function refuse(problems) {
    for (const [, msg, field, errId] of problems) mark(field, msg, errId);
    page.say('Please check the form: ' + problems.map(p => p[1]).join('; ') + '.');
    problems[0][2]?.focus();
  }
  function save() {
    clearMarks();
    const fields = read();
    const problems = [];
    if (!input('date').value) problems.push(['interview', 'Enter the date of the interview', input('date')]);
    if (!input('start').value) problems.push(['interview', 'Enter the time it started', input('start')]);
    if (problems.length) return refuse(problems);
    const id = editing, from = base;
    // Saving a deleted interview's form brings it back with the visitor's fields.
    const gone = id && !page.find(id);
    let why = null;
    const ok = page.attempt(t => (id && !gone ? editChange(id, from, fields, t) : addChange(fields, t)),
      id ? `Saved your changes to ${label(fields)}.` : `Added ${label(fields)}. Its follow-ups are under “What to do”.`, (text, e) => (why = e));
    if (!ok) {
      // Mark each field the refusal is about: an interview's mistakes, or its plan's.
      for (const p of why?.problems ?? []) {
        if (p.field !== undefined) problems.push([p.field, problemText(p), ...fieldOf(fieldPath(p.field))]);
        else problems.push([p.path, problemText({ ...p, path: p.path.replace(/\.\d+\.(name|email)$/, '') }), ...fieldOf(p.path)]);
      }
      return refuse(problems.length ? problems : [['interview', 'This interview could not be saved', input('date')]]);
    }
    close();
    $('fu-todo-h').focus();
  }
  // fieldPath is the interview field an engine's problem is about.
  const fieldPath = f => (/^facts\./.test(f) || !f ? 'interview' : f);

  cancel.addEventListener('click', () => {
    close();
    $('fu-add').focus();
  });
  addPerson.addEventListener('click', () => person().focus());
  people.addEventListener('click', e => {
    const b = e.target.closest('button');
    if (!b) return;
    const li = b.closest('li'), next = li.nextElementSibling || li.previousElementSibling;
    li.remove();
    renumber();
    (next?.querySelector('input') || addPerson).focus();
  });
  form.addEventListener('submit', e => {
    e.preventDefault();
    save();
  });
  return { open };
}
