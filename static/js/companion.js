// companion.js: the follow-up companion page (layouts/follow-ups.html). The state and its
// rules are companion-state.js's, the plans timeline.js's, the wording companion-words.js's;
// this module draws the list and the agenda and runs the
// buttons. What the visitor uses now and then is in modules of its own, loaded the first
// time it is needed (the build makes each a chunk; the service worker caches them all):
// the edits and the store that saves them (companion-edit.js, with the first change), the
// interview form (companion-form.js), the dialog (companion-dialog.js), opening a file
// and the list that could not be read (companion-file.js), the migration of a list of
// version 0 (companion-import.js), the wording of a problem (companion-problems.js) and the
// calendar files (companion-calendar.js).
// Each gets `page`, what start shares with them.
//
// What the visitor types, or a file they open, only ever reaches the page as text nodes and
// attribute values set through the DOM, never as HTML; nothing is sent anywhere.
import * as S from './companion-state.js';
import { plan, holidaysNote } from './timeline.js';
import { pickRegion, saveRegion, REGION_KEY } from './region.js';
import { GROUP_TITLES, OUTCOME_TEXT, dayText, whenText, label, sentence, templateHref, templateValues } from './companion-words.js';

/**
 * start turns the page's markup into the live companion. It does nothing without #fu.
 * It resolves once the stored list is read (the rules are fetched after).
 */
export async function start(doc, win) {
  const $ = id => doc.getElementById(id);
  const app = $('fu');
  if (!app) return;
  const el = (tag, props, ...kids) => {
    const e = Object.assign(doc.createElement(tag), props);
    e.append(...kids.filter(k => k !== null && k !== undefined && k !== false));
    return e;
  };
  const vh = text => el('span', { className: 'vh' }, text);
  // button is a small button of a row: its value names the action, about (hidden) the row.
  const button = (value, text, about, className = 'small') => el('button', { type: 'button', className, value }, text, vh(about));
  const status = $('fu-status');
  let rules = null, state = S.emptyState(), note = '', urls = [];

  let storage = null;
  try {
    storage = win.localStorage;
  } catch {
    storage = null;
  }
  // The stored list is read at once; the store that writes it comes with the edits.
  let migrate, store = null;
  const load = () => S.loadCompanion(storage, S.COMPANION_KEY, { migrate });
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
  // The visitor's own choices, for every interview: the region is region.js's, shared with
  // the calculator, and stands before the first plan is drawn.
  const zone = win.Intl.DateTimeFormat().resolvedOptions().timeZone;
  const me = { weekend: '', linkedinLimit: 0, region: pickRegion($('fu-region'), zone, storage) };

  // The parts loaded on demand: use(name, f) calls f with the part, at once when it is
  // loaded already (so that a second click acts before the next event), else once it is.
  // The parts that change the list come with the edits, and the edits with the wording of
  // a problem, so that page.attempt and page.commit can save and say so at once.
  const loaded = {};
  const use = (name, f) => (loaded[name] ? f(loaded[name]) : part[name]().then(m => f((loaded[name] = m))));
  const withEdits = p => Promise.all([p, use('edit', E => E)]).then(([m]) => m);
  const part = {
    edit: () => Promise.all([import('./companion-edit.js'), use('problems', w => w)]).then(([E]) => {
      store = E.openCompanionStore(storage, S.COMPANION_KEY, { migrate });
      return E;
    }),
    form: () => withEdits(import('./companion-form.js')),
    dialog: () => withEdits(import('./companion-dialog.js')),
    file: () => withEdits(import('./companion-file.js')),
    importer: () => import('./companion-import.js'),
    problems: () => import('./companion-problems.js'),
    calendar: () => import('./companion-calendar.js'),
  };

  // alert shows what the page must tell before anything else: an unreadable list, storage
  // that keeps nothing.
  function alert(text) {
    $('fu-alert').hidden = !text;
    $('fu-alert-text').textContent = text;
  }

  // kept reports whether a load found a list the page must not write over.
  const kept = l => l.status === 'unreadable' || l.status === 'newer-version' || l.status === 'old';
  // loadStored is the state read from storage: the first time as it is, after another
  // tab's change merged with the page's.
  function loadStored(first) {
    const l = load();
    if (kept(l)) {
      note = 'kept';
      use('file', f => f.offerUnreadable(page, l));
      return first ? l.state : state;
    }
    if (l.status === 'unavailable') {
      note = 'unavailable';
      use('problems', w => alert(w.storageNote('unavailable')));
      return first ? l.state : state;
    }
    if (l.status === 'migrated' && first) {
      const r = store.save(l.state);
      say(r.ok ? 'Your list was brought up to date with this version of the page.' : '');
      return r.state;
    }
    return first ? l.state : loaded.edit.merge(state, l.state);
  }

  // commit makes next the state, keeps it (merged with what other tabs kept) and redraws;
  // the edits are loaded.
  function commit(next, message) {
    const r = store.save(next);
    state = r.state;
    if (!r.ok && r.reason !== note) {
      note = r.reason;
      if (r.reason !== 'kept') use('problems', w => alert(w.storageNote(r.reason)));
    } else if (r.ok && note && note !== 'kept') {
      note = '';
      alert('');
    }
    render();
    if (message) say(message);
  }
  // attempt runs an edit (the edits are loaded), wording a refused one.
  function attempt(edit, message) {
    try {
      commit(edit(), message);
      return true;
    } catch (e) {
      if (!(e instanceof S.StateError)) throw e;
      use('problems', w => say(sentence((e.problems.length ? e.problems : [e]).map(w.problemText).join('; '))));
      return false;
    }
  }

  // page is what the parts loaded on demand share with start.
  const page = {
    doc, win, $, el, vh, say, now, today, me, alert, attempt, commit, render, blobURL,
    get state() { return state; },
    set state(s) { state = s; },
    get rules() { return rules; },
    get note() { return note; },
    set note(n) { note = n; },
    get store() { return store; },
    find: id => state.interviews.find(iv => iv.id === id),
  };

  // ---- Plans and the agenda ----

  // plans holds each interview's {input, plan}; upcoming the calendar steps, {input, plan,
  // index}, of the rows not done (the file of #fu-ics), and rows each such row's.
  const plans = new Map(), rows = new WeakMap();
  let upcoming = [];
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
    upcoming = [];
    const a = S.agenda(state.interviews, planFor, today());
    const byId = new Map(state.interviews.map(iv => [iv.id, iv]));
    const groups = a.groups.filter(g => g.items.length).map(g => el('section', { className: 'fu-group ' + g.key },
      el('h3', {}, `${GROUP_TITLES[g.key]} `, el('span', { className: 'count' }, `(${g.items.length})`)),
      el('ol', {}, ...g.items.map(item => agendaItem(item, byId.get(item.interviewId))))));
    // A plan that fails (an engine's refusal) is worded once its words are loaded.
    const broken = a.broken.map(b => {
      const p = el('p', { className: 'error' });
      use('problems', w => (p.textContent = sentence(`The plan for ${label(byId.get(b.interviewId))} could not be made: ${w.problemText({ path: b.field, code: b.code, args: b.args })}. Edit the interview to put it right`)));
      return p;
    });
    $('fu-agenda').replaceChildren(...broken, ...groups);
    // A plan beyond the years whose holidays are known says so, naming its interviews.
    const outside = state.interviews.filter(iv => plans.get(iv.id)?.plan.holidays);
    $('fu-holidays').textContent = outside.length ? outside.map(label).join('; ') + ': ' + holidaysNote(rules, plans.get(outside[0].id).plan) : '';
    $('fu-empty').hidden = state.interviews.length > 0;
    $('fu-interviews').replaceChildren(...state.interviews.map(interviewCard));

    $('fu-ics-p').hidden = !upcoming.length && !state.interviews.some(iv => S.OUTCOMES.some(k => iv[k]));
    Object.assign($('fu-ics'), { href: '#fu', download: 'follow-ups.ics' });
    Object.assign($('fu-export'), { href: blobURL(S.exportText(state), 'application/json'), download: 'follow-ups.json' });
  }

  function agendaItem(item, iv) {
    const what = title(item.step), about = `: ${what} to ${item.to}, ${label(iv)}`, whose = `: ${label(iv)}`;
    const li = el('li', {});
    Object.assign(li.dataset, { iv: item.interviewId, step: item.step, to: item.to, suggested: item.suggested });
    const done = item.status === 'done' || item.skipped;
    const at = item.sent || item.suggested;
    li.append(el('p', { className: 'when' }, ...(item.skipped ? ['Skipped'] : [item.sent ? 'Sent ' : '', el('time', { dateTime: at }, whenText(at))])),
      el('h4', {}, what),
      el('p', { className: 'who' }, `To ${item.to} · ${label(iv)}`));
    if (!done) {
      li.append(el('p', { className: 'why' }, item.note),
        el('p', { className: 'why' }, `Send it between ${whenText(item.earliest)} and ${whenText(item.latest)}.`));
    }
    const p = plans.get(item.interviewId), i = indexOf(p.plan, item);
    const template = templateHref(app.dataset.templates, item.message, templateValues(iv, item));
    if (!done && i >= 0) {
      // The reminder's description links to the filled template: the reason to open it.
      upcoming.push({ input: p.input, plan: p.plan, index: i, key: item.interviewId, page: new win.URL(template, win.location.href).href });
      rows.set(li, upcoming.at(-1));
    }
    const buttons = done
      ? [button('undo', 'Undo', about)]
      : [
        el('a', { className: 'button small', href: template }, 'Open the template', vh(about)),
        button('sent', 'Mark as sent', about),
        button('sent-at', 'Sent at another time', about),
        button('skip', 'Skip', about),
        button('replied', 'They replied', whose),
        button('outcome', 'Record an outcome', whose),
        i >= 0 ? el('details', { className: 'fu-cal' }, el('summary', { className: 'button small' }, 'Add to calendar', vh(about))) : null,
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
      el('div', { className: 'fu-actions' }, button('edit', 'Edit', `: ${label(iv)}`), button('delete', 'Delete', `: ${label(iv)}`, 'small danger')));
    li.dataset.iv = iv.id;
    return li;
  }

  // ---- The buttons ----

  function onItem(button, li) {
    const { iv: id, step, to } = li.dataset;
    const iv = page.find(id);
    if (!iv) return;
    const what = `${title(step)} to ${to}, ${label(iv)}`;
    switch (button.value) {
      case 'sent':
        use('edit', E => attempt(() => E.markSent(state, id, step, to, today(), now()), `Marked as sent: ${what}.`));
        break;
      case 'skip':
        use('edit', E => attempt(() => E.skip(state, id, step, to, now()), `Skipped: ${what}. Undo it from the Done list.`));
        break;
      case 'undo':
        use('edit', E => attempt(() => E.unmark(state, id, step, to, now()), `Back on your list: ${what}.`));
        break;
      case 'sent-at':
        use('dialog', d => d.askSent(page, iv, step, to, what));
        break;
      case 'replied':
        use('dialog', d => d.askReply(page, iv));
        break;
      case 'outcome':
        use('dialog', d => d.askOutcome(page, iv));
        break;
    }
  }

  $('fu-agenda').addEventListener('click', e => {
    const b = e.target.closest('button');
    if (b) onItem(b, b.closest('li'));
  });
  // A calendar file is written when the visitor asks for it: the link gets it, then is
  // followed again. Every upcoming step's (#fu-ics), or one row's.
  app.addEventListener('click', e => {
    const a = e.target.closest('a[download$=".ics"]');
    if (!a || a.href.startsWith('blob:')) return;
    e.preventDefault();
    // Each interview's cancelled steps too (calendarOf), though none of its steps is upcoming.
    const steps = [...upcoming, ...[...plans].map(([key, p]) => ({ ...p, index: -1, key }))];
    use('calendar', c => {
      c.fillAll(page, a, steps);
      a.click();
    });
  });
  // A row's "Add to calendar" opened: its file and links, made then.
  app.addEventListener('toggle', e => {
    const d = e.target, s = d.open && rows.get(d.closest('#fu-agenda li'));
    if (s && !d.dataset.filled) use('calendar', c => c.fillRow(page, d, s));
  }, true);
  $('fu-interviews').addEventListener('click', e => {
    const b = e.target.closest('button'), id = b?.closest('li').dataset.iv;
    const iv = id && page.find(id);
    if (!iv) return;
    if (b.value === 'edit') use('form', f => f.openForm(page, iv));
    if (b.value === 'delete') use('dialog', d => d.askDelete(page, iv));
  });
  $('fu-add').addEventListener('click', () => use('form', f => f.openForm(page, null)));
  $('fu-import').addEventListener('change', () => use('file', f => f.openFile(page, $('fu-import'))));
  $('fu-wipe').addEventListener('click', () => use('dialog', d => d.askWipe(page)));
  // Changing the region moves every plan; the choice is kept for the calculator too.
  $('fu-region').addEventListener('change', e => {
    me.region = e.target.value;
    saveRegion(storage, me.region);
    render();
    say('Every plan now leaves out the public holidays of ' + e.target.selectedOptions[0].textContent + '.');
  });

  // Another tab changed the list: take its edits (the newer copy of each interview wins).
  win.addEventListener('storage', e => {
    if (!rules) return;
    if (e.key === REGION_KEY) {
      me.region = pickRegion($('fu-region'), zone, storage);
      return render();
    }
    if (e.key !== null && e.key !== S.COMPANION_KEY) return;
    use('edit', E => {
      const before = state;
      state = loadStored(false);
      const d = E.diff(before, state);
      render();
      if (d.added.length + d.changed.length + d.removed.length) say('Your list was updated from another tab.');
    });
  });

  // A list of version 0 (the companion's first draft) is read through the migration, loaded
  // only then, and saved at once; a list that cannot be read is offered back before the
  // page shows.
  const first = load();
  if (first.status === 'old') migrate = (await part.importer()).migrateV0;
  if (first.status === 'old' || first.status === 'migrated') await use('edit', E => E);
  else if (kept(first)) await use('file', f => f);
  state = loadStored(true);
  app.hidden = false;
  // The calculator's "Add to my follow-ups": its interview, in the form, for the visitor to
  // complete and save; the address loses it, so a reload does not offer it again.
  if (win.location.hash) use('form', f => f.openGiven(page));
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
