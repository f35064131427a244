// companion.js: the follow-up companion page (layouts/follow-ups.html). The state and its
// rules are companion-state.js's, the plans timeline.js's, the calendar files calendar.js's;
// this module words them and draws them. The top half is pure (tested with
// `node --test static/js/`), the DOM glue is start(doc, win). What the visitor types, or a
// file they open, only ever reaches the page as text nodes and attribute values set through
// the DOM, never as HTML; nothing is sent anywhere.
import * as S from './companion-state.js';
import { plan } from './timeline.js';
import { weekdayName } from './civil.js';
import { ics } from './calendar.js';

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

const FIELD_NAMES = {
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

// ---- DOM glue: only in a browser. ----

/** start turns the page's markup into the live companion. It does nothing without #fu. */
export function start(doc, win) {
  const $ = id => doc.getElementById(id);
  const app = $('fu');
  if (!app) return;
  const el = (tag, props, ...kids) => {
    const e = Object.assign(doc.createElement(tag), props);
    e.append(...kids.filter(k => k !== null && k !== undefined && k !== false));
    return e;
  };
  const vh = text => el('span', { className: 'vh' }, text);
  const status = $('fu-status'), dialog = $('fu-dialog'), form = $('fu-form');
  let rules = null, state = S.emptyState(), note = '', urls = [], editing = null, pending = null, act = null;

  let storage = null;
  try {
    storage = win.localStorage;
  } catch {
    storage = null;
  }
  const store = S.openCompanionStore(storage);
  const say = text => {
    status.textContent = '';
    win.setTimeout(() => (status.textContent = text), 30);
  };
  const now = () => new win.Date();
  const today = () => S.civilTime(now());
  const blobURL = (text, type) => {
    const u = win.URL.createObjectURL(new win.Blob([text], { type }));
    urls.push(u);
    return u;
  };

  // alert shows what the page must tell before anything else: an unreadable list, storage
  // that keeps nothing.
  function alert(text, raw) {
    $('fu-alert').hidden = !text;
    $('fu-alert-text').textContent = text;
    $('fu-raw-p').hidden = raw === undefined;
    if (raw !== undefined) {
      const a = $('fu-raw');
      a.href = win.URL.createObjectURL(new win.Blob([raw], { type: 'application/octet-stream' }));
      a.download = 'follow-ups-unreadable.txt';
      if (!$('fu-fresh')) a.after(' ', el('button', { type: 'button', id: 'fu-fresh' }, 'Start a new list'));
    }
  }

  function loadStored(first) {
    const l = store.load();
    if (l.status === 'unreadable' || l.status === 'newer-version') {
      const why = l.status === 'newer-version'
        ? `it was saved by a newer version of this page (version ${l.version})`
        : (l.problems || []).slice(0, 3).map(problemText).join('; ');
      note = 'kept';
      alert(`Your saved list could not be read: ${why}. It is left exactly as it was, and nothing will write over it. Download it to keep a copy. ${storageNote('kept')}`, l.raw);
      return first ? l.state : state;
    }
    if (l.status === 'unavailable') {
      note = 'unavailable';
      alert(storageNote('unavailable'));
      return first ? l.state : state;
    }
    if (l.status === 'migrated' && first) {
      const r = store.save(l.state);
      say(r.ok ? 'Your list was brought up to date with this version of the page.' : '');
      return r.state;
    }
    return first ? l.state : S.merge(state, l.state);
  }

  // commit makes next the state, keeps it (merged with what other tabs kept) and redraws.
  function commit(next, message) {
    const r = store.save(next);
    state = r.state;
    if (!r.ok && r.reason !== note) {
      note = r.reason;
      if (r.reason !== 'kept') alert(storageNote(r.reason));
    } else if (r.ok && note && note !== 'kept') {
      note = '';
      alert('');
    }
    render();
    if (message) say(message);
  }
  // attempt runs an edit, wording a refused one.
  function attempt(edit, message) {
    try {
      commit(edit(), message);
      return true;
    } catch (e) {
      if (!(e instanceof S.StateError)) throw e;
      say(sentence((e.problems.length ? e.problems : [e]).map(problemText).join('; ')));
      return false;
    }
  }

  // ---- Plans and the agenda ----

  const me = { weekend: '', linkedinLimit: 0 };
  const plans = new Map();
  function planFor(iv) {
    const input = S.planInput(iv, me, today());
    const p = plan(rules, input);
    plans.set(iv.id, { input, plan: p });
    return p;
  }
  const title = id => rules.steps.find(r => r.id === id)?.title ?? id;
  const indexOf = (p, item) => p.steps.findIndex(s => s.id === item.step && s.to === item.to && s.suggested === item.suggested);

  function render() {
    urls.forEach(u => win.URL.revokeObjectURL(u));
    urls = [];
    if (!rules) return;
    plans.clear();
    const a = S.agenda(state.interviews, planFor, today());
    const byId = new Map(state.interviews.map(iv => [iv.id, iv]));
    const groups = a.groups.filter(g => g.items.length).map(g => el('section', { className: 'fu-group ' + g.key },
      el('h3', {}, `${GROUP_TITLES[g.key]} `, el('span', { className: 'count' }, `(${g.items.length})`)),
      el('ol', {}, ...g.items.map(item => agendaItem(item, byId.get(item.interviewId))))));
    const broken = a.broken.map(b => el('p', { className: 'error' }, sentence(`The plan for ${label(byId.get(b.interviewId))} could not be made: ${problemText({ path: b.field, code: b.code, args: b.args })}. Edit the interview to put it right`)));
    $('fu-agenda').replaceChildren(...broken, ...groups);
    $('fu-empty').hidden = state.interviews.length > 0;
    $('fu-interviews').replaceChildren(...state.interviews.map(interviewCard));

    const upcoming = a.groups.filter(g => g.key !== 'done').flatMap(g => g.items);
    const cals = upcoming.map(item => {
      const p = plans.get(item.interviewId);
      return ics(rules, p.input, p.plan, indexOf(p.plan, item));
    });
    $('fu-ics-p').hidden = !upcoming.length;
    if (upcoming.length) Object.assign($('fu-ics'), { href: blobURL(joinCalendars(cals), 'text/calendar'), download: 'follow-ups.ics' });
    Object.assign($('fu-export'), { href: blobURL(S.exportText(state), 'application/json'), download: 'follow-ups.json' });
  }

  function agendaItem(item, iv) {
    const what = title(item.step), whom = `${what} to ${item.to}`, about = `: ${whom}, ${label(iv)}`;
    const li = el('li', {});
    Object.assign(li.dataset, { iv: item.interviewId, step: item.step, to: item.to, suggested: item.suggested });
    const done = item.status === 'done' || item.skipped;
    const when = item.skipped ? el('p', { className: 'when' }, 'Skipped')
      : item.sent ? el('p', { className: 'when' }, 'Sent ', el('time', { dateTime: item.sent }, whenText(item.sent)))
        : el('p', { className: 'when' }, el('time', { dateTime: item.suggested }, whenText(item.suggested)));
    li.append(when,
      el('h4', {}, what),
      el('p', { className: 'who' }, `To ${item.to} · ${label(iv)}`));
    if (!done) {
      li.append(el('p', { className: 'why' }, item.note),
        el('p', { className: 'why' }, `Send it between ${whenText(item.earliest)} and ${whenText(item.latest)}.`));
    }
    const p = plans.get(item.interviewId), i = indexOf(p.plan, item);
    const values = S.templateValues(iv, item);
    const buttons = done
      ? [el('button', { type: 'button', className: 'small', value: 'undo' }, 'Undo', vh(about))]
      : [
        el('a', { className: 'button small', href: templateHref(app.dataset.templates, item.message, values) }, 'Open the template', vh(about)),
        el('button', { type: 'button', className: 'small', value: 'sent' }, 'Mark as sent', vh(about)),
        el('button', { type: 'button', className: 'small', value: 'sent-at' }, 'Sent at another time', vh(about)),
        el('button', { type: 'button', className: 'small', value: 'skip' }, 'Skip', vh(about)),
        el('button', { type: 'button', className: 'small', value: 'replied' }, 'They replied', vh(`: ${label(iv)}`)),
        el('button', { type: 'button', className: 'small', value: 'outcome' }, 'Record an outcome', vh(`: ${label(iv)}`)),
        i >= 0 ? el('a', { className: 'button small', href: blobURL(ics(rules, p.input, p.plan, i), 'text/calendar'), download: `follow-up-${item.step}.ics` }, 'Calendar file', vh(about)) : null,
      ];
    li.append(el('div', { className: 'fu-actions' }, ...buttons));
    return li;
  }

  function interviewCard(iv) {
    const names = iv.interviewers.map(x => x.name).join(', ');
    const outcome = S.OUTCOMES.find(k => iv[k]);
    const li = el('li', {},
      el('h3', {}, label(iv)),
      el('p', {}, whenText(iv.interview) + (iv.ends ? ` to ${iv.ends}` : '') + (names ? ` · with ${names}` : '')),
      iv.decisionBy ? el('p', {}, `Decision by ${dayText(iv.decisionBy)}`) : null,
      outcome ? el('p', { className: 'when' }, `${OUTCOME_TEXT[outcome]} on ${dayText(iv[outcome])}`) : null,
      el('div', { className: 'fu-actions' },
        el('button', { type: 'button', className: 'small', value: 'edit' }, 'Edit', vh(`: ${label(iv)}`)),
        el('button', { type: 'button', className: 'small danger', value: 'delete' }, 'Delete', vh(`: ${label(iv)}`))));
    li.dataset.iv = iv.id;
    return li;
  }

  // ---- The interview form ----

  const F = { company: 'fu-company', role: 'fu-role', ends: 'fu-end', decisionBy: 'fu-decision' };
  function person(p = { name: '', email: '' }) {
    const n = $('fu-people').children.length + 1;
    const name = el('input', { type: 'text', id: `fu-p${n}`, maxLength: 60, autocomplete: 'off', value: p.name });
    const email = el('input', { type: 'email', id: `fu-e${n}`, maxLength: 200, autocomplete: 'off', value: p.email || '' });
    name.setAttribute('aria-describedby', 'fu-people-h');
    const li = el('li', {},
      el('div', { className: 'field' }, el('label', { htmlFor: name.id }, `Interviewer ${n}: name`), name),
      el('div', { className: 'field' }, el('label', { htmlFor: email.id }, `Interviewer ${n}: e-mail address (optional)`), email),
      el('button', { type: 'button', className: 'small', value: 'remove' }, 'Remove', vh(` interviewer ${n}`)));
    $('fu-people').append(li);
    return name;
  }
  function renumber() {
    [...$('fu-people').children].forEach((li, i) => {
      const [ln, le] = li.querySelectorAll('label'), [n, e] = li.querySelectorAll('input');
      ln.htmlFor = n.id = `fu-p${i + 1}`;
      le.htmlFor = e.id = `fu-e${i + 1}`;
      ln.textContent = `Interviewer ${i + 1}: name`;
      le.textContent = `Interviewer ${i + 1}: e-mail address (optional)`;
      li.querySelector('.vh').textContent = ` interviewer ${i + 1}`;
    });
  }
  function mark(input, msg, errId) {
    const e = errId ? $(errId) : $(input.id + '-e');
    if (input) {
      if (msg) input.setAttribute('aria-invalid', 'true');
      else input.removeAttribute('aria-invalid');
    }
    if (e) {
      e.textContent = msg ? sentence(msg) : '';
      e.hidden = !msg;
    }
  }
  function clearMarks() {
    form.querySelectorAll('[aria-invalid]').forEach(i => i.removeAttribute('aria-invalid'));
    form.querySelectorAll('.error').forEach(e => { e.hidden = true; e.textContent = ''; });
  }
  function openForm(iv) {
    editing = iv ? iv.id : null;
    clearMarks();
    $('fu-form-h').textContent = iv ? `Edit ${label(iv)}` : 'Add an interview';
    $('fu-company').value = iv?.company ?? '';
    $('fu-role').value = iv?.role ?? '';
    $('fu-date').value = iv ? iv.interview.slice(0, 10) : '';
    $('fu-start').value = iv ? iv.interview.slice(11) : '';
    $('fu-end').value = iv?.ends ?? '';
    $('fu-decision').value = iv?.decisionBy ?? '';
    $('fu-people').replaceChildren();
    (iv && iv.interviewers.length ? iv.interviewers : [undefined]).forEach(p => person(p));
    form.hidden = false;
    $('fu-add').hidden = true;
    $('fu-form-h').focus();
  }
  function closeForm() {
    form.hidden = true;
    $('fu-add').hidden = false;
    editing = null;
  }
  // fieldOf is the input a problem's path (relative to the interview) is about.
  function fieldOf(path) {
    const m = /^interviewers\.(\d+)\.(name|email)$/.exec(path);
    if (m) return [$(`fu-${m[2] === 'name' ? 'p' : 'e'}${+m[1] + 1}`), 'fu-people-e'];
    if (path === 'interview') return [$('fu-date').value ? $('fu-start') : $('fu-date')];
    return [$(F[path] || 'fu-date')];
  }
  function readForm() {
    const people = [...$('fu-people').children].map(li => li.querySelectorAll('input'))
      .map(([n, e]) => ({ name: n.value.trim(), email: e.value.trim() })).filter(p => p.name || p.email);
    return {
      company: $('fu-company').value.trim(), role: $('fu-role').value.trim(),
      interview: $('fu-date').value && $('fu-start').value ? `${$('fu-date').value}T${$('fu-start').value}` : '',
      ends: $('fu-end').value, decisionBy: $('fu-decision').value, interviewers: people,
    };
  }
  function saveForm() {
    clearMarks();
    const fields = readForm();
    const problems = [];
    if (!$('fu-date').value) problems.push(['interview', 'Enter the date of the interview', $('fu-date')]);
    if (!$('fu-start').value) problems.push(['interview', 'Enter the time it started', $('fu-start')]);
    if (!problems.length) {
      const old = editing && state.interviews.find(iv => iv.id === editing);
      const c = S.checkInterview({ ...(old || {}), ...fields, id: editing || 'new' });
      for (const p of c.problems) problems.push([p.path, problemText({ ...p, path: p.path.replace(/\.\d+\.(name|email)$/, '') }), ...fieldOf(p.path)]);
      if (c.ok) {
        try {
          plan(rules, S.planInput(c.interview, me, ''));
        } catch (e) {
          const f = e.field || 'interview';
          problems.push([f, e.code ? problemText({ path: f, code: e.code, args: e.args }) : `${FIELD_NAMES[f] || f}: ${String(e.msg || e.message).replace(/^\S+ is before/, 'this date is before')}`, ...fieldOf(f)]);
        }
      }
    }
    if (problems.length) {
      for (const [, msg, input, errId] of problems) mark(input, msg, errId);
      say('Please check the form: ' + problems.map(p => p[1]).join('; ') + '.');
      problems[0][2]?.focus();
      return;
    }
    const id = editing;
    const ok = attempt(() => (id ? S.updateInterview(state, id, fields, now()) : S.addInterview(state, fields, now())),
      id ? `Saved your changes to ${label({ ...fields, interview: fields.interview })}.` : `Added ${label(fields)}. Its follow-ups are in the list above.`);
    if (ok) {
      closeForm();
      $('fu-todo-h').focus();
    }
  }

  // ---- The dialog: a time you choose, a reply, an outcome, a confirmation ----

  function ask(kind, heading, text, onOk, okText = 'Save') {
    act = { kind, onOk };
    $('fu-d-h').textContent = heading;
    $('fu-d-p').textContent = text;
    $('fu-d-ok').textContent = okText;
    $('fu-d-ok').className = kind === 'confirm' ? 'danger' : 'primary';
    dialog.querySelectorAll('[data-for]').forEach(d => (d.hidden = d.dataset.for !== kind));
    dialog.querySelectorAll('input').forEach(i => { if (i.type !== 'radio') i.value = ''; else i.checked = false; i.removeAttribute('aria-invalid'); });
    mark(null, '', 'fu-d-e');
    dialog.showModal();
  }
  const dialogError = (input, msg) => {
    if (input) input.setAttribute('aria-invalid', 'true');
    mark(null, msg, 'fu-d-e');
    (input || $('fu-d-ok')).focus();
    return false;
  };
  dialog.addEventListener('submit', e => {
    if (e.submitter?.value !== 'ok' || !act) return;
    if (act.onOk() === false) e.preventDefault();
  });
  dialog.addEventListener('close', () => {
    act = null;
  });

  function onItem(button, li) {
    const { iv: id, step, to } = li.dataset;
    const iv = state.interviews.find(x => x.id === id);
    if (!iv) return;
    const what = `${title(step)} to ${to}, ${label(iv)}`;
    switch (button.value) {
      case 'sent':
        attempt(() => S.markSent(state, id, step, to, today(), now()), `Marked as sent: ${what}.`);
        break;
      case 'sent-at':
        ask('sent', 'When did you send it?', what, () => {
          const v = $('fu-d-at').value;
          if (!S.isDateTime(v)) return dialogError($('fu-d-at'), 'Enter the day and time you sent it');
          return attempt(() => S.markSent(state, id, step, to, v, now()), `Marked as sent on ${whenText(v)}: ${what}.`);
        });
        $('fu-d-at').value = today();
        break;
      case 'skip':
        attempt(() => S.skip(state, id, step, to, now()), `Skipped: ${what}. Undo it from the Done list.`);
        break;
      case 'undo':
        attempt(() => S.unmark(state, id, step, to, now()), `Back on your list: ${what}.`);
        break;
      case 'replied':
        ask('replied', 'They replied', label(iv), () => {
          const on = $('fu-d-on').value, d = $('fu-d-new').value;
          if (!S.isDate(on)) return dialogError($('fu-d-on'), 'Enter the date they replied');
          if (d && d < on) return dialogError($('fu-d-new'), 'The new decision date is before their reply');
          return attempt(() => S.replied(state, id, on, d, now()), d ? `Noted their reply: they now expect to decide by ${dayText(d)}.` : 'Noted their reply.');
        });
        $('fu-d-on').value = today().slice(0, 10);
        break;
      case 'outcome':
        ask('outcome', 'Record an outcome', label(iv), () => {
          const kind = dialog.querySelector('input[name=outcome]:checked')?.value, d = $('fu-d-when').value;
          if (!kind) return dialogError(dialog.querySelector('input[name=outcome]'), 'Choose what happened');
          if (!S.isDate(d)) return dialogError($('fu-d-when'), 'Enter the date it happened');
          try {
            plan(rules, S.planInput({ ...iv, ...Object.fromEntries(S.OUTCOMES.map(k => [k, k === kind ? d : ''])) }, me, ''));
          } catch (e) {
            return dialogError($('fu-d-when'), e.code ? problemText({ path: kind, code: e.code, args: e.args }) : 'This date is before the interview');
          }
          return attempt(() => S.setOutcome(state, id, kind, d, now()), `${OUTCOME_TEXT[kind]} on ${dayText(d)}: your list for ${label(iv)} is updated.`);
        });
        $('fu-d-when').value = today().slice(0, 10);
        break;
    }
  }

  $('fu-agenda').addEventListener('click', e => {
    const b = e.target.closest('button');
    if (b) onItem(b, b.closest('li'));
  });
  $('fu-interviews').addEventListener('click', e => {
    const b = e.target.closest('button'), id = b?.closest('li').dataset.iv;
    const iv = id && state.interviews.find(x => x.id === id);
    if (!iv) return;
    if (b.value === 'edit') openForm(iv);
    if (b.value === 'delete') {
      ask('confirm', `Delete ${label(iv)}?`, 'Its follow-ups go too. This cannot be undone.', () =>
        attempt(() => S.deleteInterview(state, id, now()), `Deleted ${label(iv)}.`), 'Delete');
    }
  });
  $('fu-add').addEventListener('click', () => openForm(null));
  $('fu-cancel').addEventListener('click', () => {
    closeForm();
    $('fu-add').focus();
  });
  $('fu-person').addEventListener('click', () => person().focus());
  $('fu-people').addEventListener('click', e => {
    const b = e.target.closest('button');
    if (!b) return;
    const li = b.closest('li'), next = li.nextElementSibling || li.previousElementSibling;
    li.remove();
    renumber();
    (next?.querySelector('input') || $('fu-person')).focus();
  });
  form.addEventListener('submit', e => {
    e.preventDefault();
    saveForm();
  });

  // ---- Export, import, delete everything ----

  $('fu-import').addEventListener('change', async () => {
    const file = $('fu-import').files[0];
    $('fu-preview').hidden = true;
    pending = null;
    if (!file) return;
    const text = file.size > S.LIMITS.bytes ? null : await file.text();
    const v = text === null ? { ok: false, problems: [{ path: '', code: 'too-large', args: { bytes: file.size, max: S.LIMITS.bytes } }] } : S.validateImport(text);
    const list = $('fu-preview-list');
    if (!v.ok) {
      $('fu-preview-h').textContent = 'This file cannot be opened';
      $('fu-preview-text').textContent = 'Nothing has changed. The file was refused because:';
      list.replaceChildren(...v.problems.map(p => el('li', {}, sentence(problemText(p)))));
      $('fu-import-ok').hidden = true;
    } else {
      const p = S.previewImport(state, v);
      const n = (k, one, many) => (p[k].length === 1 ? one : p[k].length + ' ' + many);
      const parts = [p.added.length && `adds ${n('added', 'one interview', 'interviews')}`, p.replaced.length && `replaces ${n('replaced', 'one', 'interviews')} you have`, p.unchanged.length && `has ${n('unchanged', 'one', 'interviews')} you already have, unchanged`].filter(Boolean);
      $('fu-preview-h').textContent = p.problems.length ? 'This file cannot be opened' : 'What this file adds';
      $('fu-preview-text').textContent = p.problems.length ? sentence(p.problems.map(problemText).join('; ')) + ' Nothing has changed.'
        : `This file ${parts.join(', ') || 'holds no interviews'}. Nothing changes until you choose.`;
      list.replaceChildren(...[...p.added.map(x => ['Add', x]), ...p.replaced.map(x => [x.older ? 'Replace with an older copy' : 'Replace', x])]
        .map(([what, x]) => el('li', {}, `${what}: ${label({ ...x, interview: v.interviews.find(i => i.id === x.id).interview })}`)));
      $('fu-import-ok').hidden = !!p.problems.length || !(p.added.length || p.replaced.length);
      if (!p.problems.length) pending = v;
    }
    $('fu-preview').hidden = false;
    $('fu-preview-h').focus();
  });
  const endImport = () => {
    pending = null;
    $('fu-preview').hidden = true;
    $('fu-import').value = '';
  };
  $('fu-import-ok').addEventListener('click', () => {
    if (!pending) return;
    const v = pending;
    if (attempt(() => S.applyImport(state, v, now()), `Opened the file: ${v.interviews.length === 1 ? 'one interview' : v.interviews.length + ' interviews'} in your list.`)) {
      endImport();
      $('fu-todo-h').focus();
    }
  });
  $('fu-import-no').addEventListener('click', () => {
    endImport();
    say('Nothing was changed.');
    $('fu-import').focus();
  });
  $('fu-wipe').addEventListener('click', () => {
    ask('confirm', 'Delete everything?', 'Every interview and its follow-ups go from this browser. This cannot be undone: save your list as a file first if you may want it back.', () => {
      // The tombstones tell other tabs to drop them too; then nothing at all is left.
      commit(S.deleteEverything(state, now()));
      if (note !== 'kept') store.forget();
      state = S.emptyState();
      render();
      say('Everything is deleted from this browser.');
      $('fu-todo-h').focus();
    }, 'Delete everything');
  });
  app.addEventListener('click', e => {
    if (e.target.id !== 'fu-fresh') return;
    ask('confirm', 'Start a new list?', 'The list that could not be read is removed from this browser. Download it first if you may want it.', () => {
      store.discard();
      note = '';
      alert('');
      $('fu-fresh')?.remove();
      commit(state, 'A new list is started.');
    }, 'Start a new list');
  });

  // Another tab changed the list: take its edits (the newer copy of each interview wins).
  win.addEventListener('storage', e => {
    if (e.key !== null && e.key !== store.key) return;
    if (!rules) return;
    const before = state;
    state = loadStored(false);
    const d = S.diff(before, state);
    render();
    if (d.added.length + d.changed.length + d.removed.length) say('Your list was updated from another tab.');
  });

  state = loadStored(true);
  app.hidden = false;
  win.fetch(app.dataset.rules)
    .then(r => {
      if (!r.ok) throw new Error(r.status);
      return r.json();
    })
    .then(r => {
      rules = r;
      render();
    })
    .catch(() => {
      $('fu-empty').textContent = 'The page could not load its rules, so it cannot plan your follow-ups now. Your list is safe: try again when you are online.';
    });
}

if (typeof document !== 'undefined' && typeof window !== 'undefined') start(document, window);
