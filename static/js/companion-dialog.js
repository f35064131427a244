// companion-dialog.js: the follow-up companion's dialog, for what a row's button needs to
// ask (the time a message was sent, a reply, an outcome) and for a confirmation (deleting an
// interview, or everything, and starting a new list). companion.js
// loads it the first time one is asked; it builds the <dialog> then. page is companion.js's
// (see start).
import * as S from './companion-state.js';
import { appChange, markChange, replyChange, outcomeChange, deleteAppChange, deleteChange } from './companion-edit.js';
import { OUTCOME_TEXT, contactText, dayText, whenText, label, sentence } from './companion-words.js';

// The dialog of each page, built once.
const dialogs = new WeakMap();

// Each dialog checks what it can before the change is made (a time later than now), and
// the change itself is checked against the plan it would give (page.attempt): a refused one
// is said in the dialog, which stays open.

/** askSent asks when step to `to` of iv was sent (what names it), and marks it so. */
export function askSent(page, iv, step, to, what) {
  ask(page, 'sent', 'When did you send it?', what, d => {
    const v = d.input('at').value;
    if (!S.isDateTime(v)) return d.error('at', 'Enter the day and time you sent it');
    if (v > page.today()) return d.error('at', `${whenText(v)} is later than now: enter when you sent it`);
    return page.attempt(t => markChange(iv, step, to, 'sent', v, t), `Marked as sent on ${whenText(v)}: ${what}.`, m => d.error('at', m));
  }).input('at').value = page.today();
}

/** askReply asks when they replied about iv, and the new decision date they gave. */
export function askReply(page, iv) {
  ask(page, 'replied', 'They replied', label(iv), d => {
    const on = d.input('on').value, by = d.input('new').value;
    if (!S.isDate(on)) return d.error('on', 'Enter the date they replied');
    if (on > page.today().slice(0, 10)) return d.error('on', `${dayText(on)} is later than today: enter the day they replied`);
    if (on < iv.interview.slice(0, 10)) return d.error('on', `${dayText(on)} is before the interview (${dayText(iv.interview)})`);
    if (by && by < on) return d.error('new', 'The new decision date is before their reply');
    return page.attempt(t => replyChange(iv.id, on, by, t), by ? `Noted their reply: they now expect to decide by ${dayText(by)}.` : 'Noted their reply.', m => d.error('on', m));
  }).input('on').value = page.today().slice(0, 10);
}

/**
 * askOutcome asks what happened with iv, and when. "Invited to another round" then asks for
 * the next round (the form, through next(), which companion.js gives).
 */
export function askOutcome(page, iv, next = () => {}) {
  ask(page, 'outcome', 'Record an outcome', label(iv), d => {
    const kind = d.dialog.querySelector('input[name=outcome]:checked')?.value, when = d.input('when').value;
    if (!kind) return d.error('rejected', 'Choose what happened');
    if (!S.isDate(when)) return d.error('when', 'Enter the date it happened');
    if (when > page.today().slice(0, 10)) return d.error('when', `${dayText(when)} is later than today: enter the day it happened`);
    const ok = page.attempt(t => outcomeChange(iv.id, kind, when, t), `${OUTCOME_TEXT[kind]} on ${dayText(when)}: your list for ${label(iv)} is updated.`, m => d.error('when', m));
    // The dialog closes first: the form it opens takes the focus.
    if (ok && kind === 'nextRound') page.win.setTimeout(next);
    return ok;
  }).input('when').value = page.today().slice(0, 10);
}

/**
 * askContact asks who application a's contact is, for a step to them (then(a), once kept,
 * opens it with their name). Skipping opens it without.
 */
export function askContact(page, a, then) {
  const d = ask(page, 'contact', 'Who should it go to?', `Your contact at ${label({ ...a, interview: '' })}: their name goes in the greeting and their address in To. Kept with the application.`, d => {
    const contact = { name: d.input('cn').value.trim(), email: d.input('ce').value.trim(), kind: d.dialog.querySelector('input[name=kind]:checked')?.value ?? '' };
    if (!contact.name) return d.error('cn', 'Enter their name, or choose Open without a name');
    const ok = page.attempt(t => appChange(a.id, a, { ...a, contact }, t), `Saved ${contactText(contact)} as your contact at ${label({ ...a, interview: '' })}.`, m => d.error('cn', m));
    if (ok) page.win.setTimeout(() => then({ ...a, contact }));
    return ok;
  }, 'Save and open');
  d.skip.hidden = false;
  d.skip.onclick = () => {
    d.dialog.close();
    then(a);
  };
}

/** askDeleteApp asks before deleting application a and its rounds: Undo brings them back. */
export function askDeleteApp(page, a) {
  const name = label({ ...a, interview: '' });
  confirm(page, `Delete ${name}?`, `Its ${a.rounds.length === 1 ? 'round' : a.rounds.length + ' rounds'} and their follow-ups go too. You can undo it from the message that follows, or from “Recent changes”.`, 'Delete', () =>
    page.attempt(t => deleteAppChange(a.id, t), `Deleted ${name}.`));
}

/** askDelete asks before deleting iv, and deletes it: Undo brings it back. */
export function askDelete(page, iv) {
  confirm(page, `Delete ${label(iv)}?`, 'Its follow-ups go too. You can undo it from the message that follows, or from “Recent changes”.', 'Delete', () =>
    page.attempt(t => deleteChange(iv.id, t), `Deleted ${label(iv)}.`));
}

/** askWipe asks before deleting everything from this browser, and deletes it. */
export function askWipe(page) {
  confirm(page, 'Delete everything?',
    'Every interview, its follow-ups and the record of your changes go from this browser, and from its other tabs. This cannot be undone: save your list as a file first if you may want it back.',
    'Delete everything', () => {
      if (page.note !== 'kept') page.store.discard();
      page.log = [];
      page.render();
      page.say('Everything is deleted from this browser.');
      page.$('fu-todo-h').focus();
    });
}

/** confirm asks the visitor to confirm heading (text says more); ok names the button. */
export function confirm(page, heading, text, ok, onOk) {
  ask(page, 'confirm', heading, text, onOk, ok);
}

// ask opens the dialog with the part for kind; onOk(d) runs on its OK button and keeps the
// dialog open by returning false. It returns d: input(name) is the input fu-d-<name>.
function ask(page, kind, heading, text, onOk, okText = 'Save') {
  if (!dialogs.has(page)) dialogs.set(page, build(page));
  const d = dialogs.get(page);
  d.act = onOk;
  d.heading.textContent = heading;
  d.text.textContent = text;
  d.ok.textContent = okText;
  d.ok.className = kind === 'confirm' ? 'danger' : 'primary';
  d.dialog.querySelectorAll('[data-for]').forEach(p => (p.hidden = p.dataset.for !== kind));
  d.dialog.querySelectorAll('input').forEach(i => {
    if (i.type !== 'radio') i.value = '';
    else i.checked = false;
    i.removeAttribute('aria-invalid');
  });
  d.skip.hidden = true;
  d.message('');
  d.dialog.showModal();
  return d;
}

function build(page) {
  const { $, el } = page;
  // field is a labelled input of the dialog, described by its error message.
  const field = (name, text, type) => {
    const input = el('input', { type, id: 'fu-d-' + name });
    input.setAttribute('aria-describedby', 'fu-d-e');
    return el('div', { className: 'field' }, el('label', { htmlFor: input.id }, text), input);
  };
  const part = (kind, tag, ...kids) => {
    const p = el(tag, {}, ...kids);
    p.dataset.for = kind;
    return p;
  };
  const radio = (name, value, text) => el('div', { className: 'choice' },
    el('input', { type: 'radio', name, id: `fu-d-${value}`, value }), el('label', { htmlFor: `fu-d-${value}` }, text));
  const choice = (value, text) => radio('outcome', value, text);
  const d = {
    heading: el('h2', { id: 'fu-d-h' }),
    text: el('p', { id: 'fu-d-p' }),
    ok: el('button', { type: 'submit', value: 'ok', id: 'fu-d-ok', className: 'primary' }),
    err: el('p', { className: 'error', id: 'fu-d-e', hidden: true }),
    act: null,
    input: name => $('fu-d-' + name),
    skip: el('button', { type: 'button', id: 'fu-d-skip', hidden: true }, 'Open without a name'),
  };
  const cancel = el('button', { type: 'submit', value: 'cancel', id: 'fu-d-cancel', formNoValidate: true }, 'Cancel');
  d.dialog = el('dialog', { className: 'fu-dialog', id: 'fu-dialog' },
    el('form', { method: 'dialog', id: 'fu-dform', noValidate: true }, d.heading, d.text,
      part('sent', 'div', field('at', 'When you sent it', 'datetime-local')),
      part('replied', 'div', field('on', 'When they replied', 'date'), field('new', 'New decision date, if they gave one', 'date')),
      part('outcome', 'fieldset', el('legend', {}, 'What happened'),
        choice('nextRound', 'They invited me to another round'), choice('rejected', 'They turned me down'), choice('offer', 'They made me an offer'), choice('withdrew', 'I am withdrawing'),
        field('when', 'On which date?', 'date')),
      part('contact', 'div', field('cn', 'Their name', 'text'), field('ce', 'Their e-mail address (optional)', 'email'),
        el('fieldset', {}, el('legend', {}, 'They are'), radio('kind', 'recruiter', 'The recruiter'), radio('kind', 'hiring-manager', 'The hiring manager'), radio('kind', 'other', 'Someone else'))),
      d.err, el('p', { className: 'fu-buttons' }, d.ok, ' ', d.skip, ' ', cancel)));
  d.dialog.setAttribute('aria-labelledby', 'fu-d-h');
  $('fu').append(d.dialog);
  d.message = msg => {
    d.err.textContent = msg ? sentence(msg) : '';
    d.err.hidden = !msg;
  };
  // error marks the input fu-d-<name> and says msg; false keeps the dialog open.
  d.error = (name, msg) => {
    const input = d.input(name);
    input.setAttribute('aria-invalid', 'true');
    d.message(msg);
    input.focus();
    return false;
  };
  d.dialog.addEventListener('submit', e => {
    if (e.submitter?.value !== 'ok' || !d.act) return;
    if (d.act(d) === false) e.preventDefault();
  });
  // The button that opened it may have been drawn again meanwhile: the keyboard goes back
  // to the card it was on.
  d.dialog.addEventListener('close', () => {
    d.act = null;
    page.win.setTimeout(() => page.keepFocus());
  });
  return d;
}
