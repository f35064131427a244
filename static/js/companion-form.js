// companion-form.js: the follow-up companion's form, for an application and its rounds: a
// new application with its first round, a round added to an application, a round edited,
// or an application's own fields (company, role, the job ad, the contact, notes) edited.
// companion.js loads it the first time the visitor asks for the form; it builds the form
// then, after the "Add an application" button. page is companion.js's (see start).
import * as S from './companion-state.js';
import { addChange, appChange, editChange, newAppId } from './companion-edit.js';
import { label, sentence } from './companion-words.js';
import { problemText } from './companion-problems.js';
import { isAdd, valuesOf, draftOf } from './interview-link.js';

// The form of each page, built once.
const forms = new WeakMap();

// FIELDS are the form's one-line fields: id (after "fu-"), label, input type, the
// interview's field it fills, and its hint, if any.
// NAMES word an interview's fields in the form's notes.
const NAMES = { company: 'company', role: 'role', interview: 'date and time', ends: 'end time', interviewers: 'interviewers', decisionBy: 'decision date' };

// APP_FIELDS are the application's: id, label, type, field (contact.x for the contact's),
// hint. The round's are FIELDS.
const APP_FIELDS = [
  ['company', 'Company', 'text', 'company'],
  ['role', 'Role', 'text', 'role'],
  ['link', 'Link to the job ad (optional)', 'url', 'link'],
  ['cname', 'Contact: name (optional)', 'text', 'contact.name', 'Who you deal with there: chasers and replies go to them.'],
  ['cemail', 'Contact: e-mail address (optional)', 'email', 'contact.email'],
];
const FIELDS = [
  ['date', 'Date of the interview', 'date'],
  ['start', 'Start time', 'time'],
  ['end', 'End time, if you know it', 'time', 'ends'],
  ['decision', 'Decision date, if they gave one', 'date', 'decisionBy', 'The day they said you would hear by.'],
];

/**
 * openForm shows the form for round iv, or for a new application and its first round when
 * iv is null (filled from draft, the calculator's hand-over, when given).
 */
export function openForm(page, iv, draft = null) {
  if (!forms.has(page)) forms.set(page, build(page));
  forms.get(page).open(iv ? 'round' : 'new', iv, draft);
}

/** openRound shows the form for a new round of application app. */
export function openRound(page, app) {
  if (!forms.has(page)) forms.set(page, build(page));
  forms.get(page).open('next', null, null, app);
}

/** openApp shows the form for application app's own fields. */
export function openApp(page, app) {
  if (!forms.has(page)) forms.set(page, build(page));
  forms.get(page).open('app', null, null, app);
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
  // mode: "new" (an application and its first round), "next" (a round of app), "round"
  // (editing round `editing`) or "app" (editing app's own fields). editing: the round's
  // id; base: its fields (or the application's) when the form opened, or as last brought
  // up to date from another tab's change, so that saving sends only what the visitor
  // changed.
  let mode = 'new', editing = null, base = null, app = null;

  // field is one labelled input, its hint and its error message.
  const field = ([id, text, type, , hint]) => {
    const input = el('input', { type, id: 'fu-' + id });
    if (type === 'text') Object.assign(input, { maxLength: id === 'cname' ? 60 : 80, autocomplete: id === 'company' ? 'organization' : 'off' });
    if (type === 'url' || type === 'email') Object.assign(input, { maxLength: type === 'url' ? 2000 : 200, autocomplete: 'off' });
    if (id === 'date' || id === 'start') input.required = true;
    input.setAttribute('aria-describedby', (hint ? `fu-${id}-h ` : '') + `fu-${id}-e`);
    return el('div', { className: 'field' }, el('label', { htmlFor: input.id }, text),
      hint ? el('p', { className: 'hint', id: `fu-${id}-h` }, hint) : null, input,
      el('p', { className: 'error', id: `fu-${id}-e`, hidden: true }));
  };
  const [company, role, link, cname, cemail] = APP_FIELDS.map(field);
  const [date, start, end, decision] = FIELDS.map(field);
  // What is assumed without an end time is said beside it, and read with it.
  end.querySelector('input').setAttribute('aria-describedby', 'fu-end-note fu-end-e');
  const ckind = el('select', { id: 'fu-ckind' },
    el('option', { value: '' }, 'Choose'), el('option', { value: 'recruiter' }, 'Recruiter'),
    el('option', { value: 'hiring-manager' }, 'Hiring manager'), el('option', { value: 'other' }, 'Someone else'));
  ckind.setAttribute('aria-describedby', 'fu-ckind-e');
  const notes = el('textarea', { id: 'fu-notes', rows: 3, maxLength: 4000 });
  notes.setAttribute('aria-describedby', 'fu-notes-e');
  const kindField = el('div', { className: 'field' }, el('label', { htmlFor: 'fu-ckind' }, 'Contact: who they are'), ckind, el('p', { className: 'error', id: 'fu-ckind-e', hidden: true }));
  const notesField = el('div', { className: 'field' }, el('label', { htmlFor: 'fu-notes' }, 'Notes (optional)'), notes, el('p', { className: 'error', id: 'fu-notes-e', hidden: true }));
  const appPart = el('div', { id: 'fu-app-part' }, company, role, link, cname, cemail, kindField, notesField);
  const people = el('ol', { className: 'fu-people', id: 'fu-people' });
  const addPerson = el('button', { type: 'button', id: 'fu-person' }, 'Add an interviewer');
  const cancel = el('button', { type: 'button', id: 'fu-cancel' }, 'Cancel');
  const heading = el('h3', { id: 'fu-form-h', tabIndex: -1 });
  const form = el('form', { className: 'fu-form', id: 'fu-form', noValidate: true, hidden: true },
    heading, el('p', { className: 'hint', id: 'fu-form-news', role: 'status', hidden: true }), appPart,
    el('div', { id: 'fu-round-part' }, date, el('div', { className: 'fu-row' }, start, end), el('p', { className: 'hint', id: 'fu-end-note' }), decision,
      el('fieldset', {}, el('legend', {}, 'Who interviewed you'),
        el('p', { className: 'hint', id: 'fu-people-h' }, 'Each person gets their own thank-you. An e-mail address is optional: it fills in the recipient when you open a message in your mail app. What you talked about fills in the thank-you to them.'),
        people, el('p', { className: 'error', id: 'fu-people-e', hidden: true }), addPerson)),
    el('p', { className: 'fu-buttons' }, el('button', { type: 'submit', className: 'primary', id: 'fu-save' }, 'Save'), ' ', cancel));
  form.setAttribute('aria-labelledby', 'fu-form-h');
  $('fu-add').parentElement.after(form);
  const input = id => $('fu-' + id);

  // person adds an interviewer's two fields, numbered after the others.
  function person(p = { name: '', email: '' }) {
    const name = el('input', { type: 'text', maxLength: 60, autocomplete: 'off', value: p.name });
    const email = el('input', { type: 'email', maxLength: 200, autocomplete: 'off', value: p.email || '' });
    const topic = el('input', { type: 'text', maxLength: 120, autocomplete: 'off', value: p.topic || '' });
    name.setAttribute('aria-describedby', 'fu-people-h');
    people.append(el('li', {},
      el('div', { className: 'field' }, el('label', {}), name),
      el('div', { className: 'field' }, el('label', {}), email),
      el('div', { className: 'field' }, el('label', {}), topic),
      el('button', { type: 'button', className: 'small', value: 'remove' }, 'Remove', vh(''))));
    renumber();
    return name;
  }
  // renumber names each interviewer's fields by its place in the list.
  function renumber() {
    [...people.children].forEach((li, i) => {
      const [ln, le, lt] = li.querySelectorAll('label'), [n, e, t] = li.querySelectorAll('input');
      ln.htmlFor = n.id = `fu-p${i + 1}`;
      le.htmlFor = e.id = `fu-e${i + 1}`;
      lt.htmlFor = t.id = `fu-t${i + 1}`;
      ln.textContent = `Interviewer ${i + 1}: name`;
      le.textContent = `Interviewer ${i + 1}: e-mail address (optional)`;
      lt.textContent = `Interviewer ${i + 1}: what you talked about (optional)`;
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
  // open shows the form in mode m: for round iv ("round"), a new application filled from
  // draft when given (the calculator's hand-over; "new"), a new round of application a
  // ("next") or a's own fields ("app").
  function open(m, iv, draft, a = null) {
    [mode, app] = [m, a];
    editing = iv ? iv.id : null;
    base = iv ? structuredClone(iv) : m === 'app' ? structuredClone(a) : null;
    $('fu-form-news').hidden = true;
    const from = iv ?? draft;
    clearMarks();
    heading.textContent = { round: iv && `Edit the round of ${label(iv)} on ${iv.interview.slice(0, 10)}`, new: draft ? 'Add the interview from the calculator' : 'Add an application',
      next: a && `Add a round: ${label({ ...a, interview: '' })}`, app: a && `Edit ${label({ ...a, interview: '' })}` }[m];
    appPart.hidden = m === 'round' || m === 'next';
    $('fu-round-part').hidden = m === 'app';
    notesField.hidden = m !== 'app';
    const given = m === 'app' ? a : draft ?? {};
    for (const [id, , , key] of APP_FIELDS) input(id).value = key.startsWith('contact.') ? given.contact?.[key.slice(8)] ?? '' : given[key] ?? '';
    ckind.value = given.contact?.kind ?? '';
    notes.value = given.notes ?? '';
    for (const [id, , , key] of FIELDS) if (key) input(id).value = from?.[key] ?? '';
    input('date').value = from ? from.interview.slice(0, 10) : '';
    input('start').value = from ? from.interview.slice(11) : '';
    const minutes = page.rules?.policy?.interviewLength;
    $('fu-end-note').textContent = minutes ? `Without an end time, the plan counts the interview as ${lengthText(minutes)} long.` : '';
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
    if (mode === 'app' && !form.hidden && !page.view.applications.some(x => x.id === app.id)) news('Another tab deleted this application. Saving brings nothing back: Cancel, then undo the delete from “Recent changes”.');
    if (!editing || form.hidden) return;
    const now = page.find(editing);
    if (!now) {
      news('Another tab deleted this interview. Saving it adds your changes back; Cancel leaves it deleted.');
      return;
    }
    const mine = read(), changed = [], kept = [];
    for (const k of S.FIELD_KEYS) {
      if (k === 'app' || k === 'company' || k === 'role' || JSON.stringify(now[k]) === JSON.stringify(base[k])) continue;
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
    const m = /^interviewers\.(\d+)\.(name|email|topic)$/.exec(path);
    if (m) return [$(`fu-${{ name: 'p', email: 'e', topic: 't' }[m[2]]}${+m[1] + 1}`), 'fu-people-e'];
    if (path === 'interview') return [input('date').value ? input('start') : input('date')];
    if (path === 'contact.kind') return [ckind];
    if (path === 'notes') return [notes];
    const f = [...APP_FIELDS, ...FIELDS].find(f => f[3] === path);
    return [input(f ? f[0] : 'date')];
  }
  // read is the round's fields as the form holds them.
  function read() {
    const who = [...people.children].map(li => li.querySelectorAll('input'))
      .map(([n, e, t]) => ({ name: n.value.trim(), email: e.value.trim(), ...(t.value.trim() ? { topic: t.value.trim() } : {}) })).filter(p => p.name || p.email || p.topic);
    const d = input('date').value, t = input('start').value;
    return { interview: d && t ? `${d}T${t}` : '', ends: input('end').value, decisionBy: input('decision').value, interviewers: who };
  }
  // readApp is the application's fields as the form holds them.
  function readApp() {
    const v = id => input(id).value.trim();
    const out = { company: v('company'), role: v('role'), link: v('link'), contact: { name: v('cname'), email: v('cemail'), kind: ckind.value } };
    return mode === 'app' ? { ...out, notes: notes.value.trim() } : out;
  }
  // refuse marks the form's problems, each [path, words, input, message id], and says them.
  function refuse(problems) {
    for (const [, msg, field, errId] of problems) mark(field, msg, errId);
    page.say('Please check the form: ' + problems.map(p => p[1]).join('; ') + '.');
    problems[0][2]?.focus();
  }
  // changes are the changes the form makes, the first stamped t.
  function changes(t) {
    const id = editing, from = base, fields = read();
    if (mode === 'app') return appChange(app.id, from, readApp(), t);
    if (mode === 'round') {
      // Saving a deleted round's form brings it back with the visitor's fields.
      return page.find(id) ? editChange(id, from, fields, t) : addChange({ ...from, ...fields }, t);
    }
    if (mode === 'next') return addChange({ ...fields, app: app.id, company: app.company, role: app.role }, t);
    // A new application, and its first round named as it is (so that the round reads well
    // in the recent changes, and alone if the application's change is ever undone).
    const a = readApp(), appId = newAppId(t);
    return [appChange(appId, {}, a, t), addChange({ ...fields, app: appId, company: a.company, role: a.role }, page.stamp())];
  }
  function save() {
    clearMarks();
    const problems = [];
    if (mode !== 'app' && !input('date').value) problems.push(['interview', 'Enter the date of the interview', input('date')]);
    if (mode !== 'app' && !input('start').value) problems.push(['interview', 'Enter the time it started', input('start')]);
    if (problems.length) return refuse(problems);
    const name = mode === 'round' ? label(page.find(editing) ?? base) : mode === 'new' || mode === 'app' ? label({ ...readApp(), interview: read().interview }) : label({ ...app, interview: '' });
    const said = { round: `Saved your changes to ${name}.`, app: `Saved your changes to ${name}.`, next: `Added a round of ${name}. Its follow-ups are under “What to do”.`,
      new: `Added ${name}. Its follow-ups are under “What to do”.` }[mode];
    let why = null;
    const ok = page.attempt(changes, said, (text, e) => (why = e));
    if (!ok) {
      // Mark each field the refusal is about: an interview's mistakes, or its plan's.
      for (const p of why?.problems ?? []) {
        if (p.field !== undefined) problems.push([p.field, problemText(p), ...fieldOf(fieldPath(p.field))]);
        else problems.push([p.path, problemText({ ...p, path: p.path.replace(/\.\d+\.(name|email|topic)$/, '') }), ...fieldOf(p.path)]);
      }
      return refuse(problems.length ? problems : [['interview', 'This interview could not be saved', input('date')]]);
    }
    close();
    // A new application's follow-ups are under "What to do", as the message says; a round
    // or an application changed, its card.
    if (mode === 'new') $('fu-todo-h').focus();
    else page.focusApp(mode === 'round' ? page.find(editing)?.app ?? '' : app.id);
  }
  // lengthText words a length in minutes: "1 hour", "90 minutes".
  const lengthText = m => (m % 60 ? `${m} minutes` : m === 60 ? '1 hour' : `${m / 60} hours`);
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
