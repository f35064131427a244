// companion.js: the follow-up companion page (layouts/follow-ups.html). The state is a log
// of changes (companion-state.js replays it into the list, companion-edit.js makes and keeps
// changes), the plans are timeline.js's, the wording companion-words.js's; this module draws
// the list and the agenda, runs the buttons, and keeps the log: every change is checked
// against the plan it gives before it is kept (propose), stored and read back before it is
// announced, and announced with an Undo. What the visitor uses now and then is in modules of its own, loaded the first
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
import * as A from './companion-agenda.js';
import { pickRegion, saveRegion, REGION_KEY } from './region.js';
import { GROUP_TITLES, OUTCOME_TEXT, changeText, contactText, dayText, whenText, label, sentence, shortDay, shortWhen, templateHref, templateValues } from './companion-words.js';

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
  let rules = null, note = '', urls = [];
  // The log is the truth; view is replay(log): the list, the notes on each interview.
  let log = [], view = { applications: [], interviews: [], notes: new Map(), changes: [] }, clock = '';
  // The log's reading and replay (companion-state.js) and the engine (timeline.js): loaded
  // after a list kept from the last visit is drawn, at once when there is none to draw, and
  // not at all for an empty list until the visitor adds to it.
  let S = null, T = null, engineLoad = null;
  const engine = () => (engineLoad ??= Promise.all([import('./companion-state.js'), import('./timeline.js')]).then(([s, t]) => ([S, T] = [s, t])));
  let replica = '';

  let storage = null;
  try {
    storage = win.localStorage;
  } catch {
    storage = null;
  }
  // The rules are fetched while the stored log is read.
  const fetched = win.fetch(app.dataset.rules).then(r => {
    if (!r.ok) throw new Error(r.status);
    return r.text();
  });
  let rulesText = '';
  // The stored log is read at once; the store that writes it comes with the edits.
  let migrate, store = null;
  const load = () => S.loadCompanion(storage, A.COMPANION_KEY, { migrate });
  // texts are the stored log's texts (both keys'), or null when storage refuses. basis is
  // what they were when the log in memory was last the stored one (after a load, a save, or
  // another tab's change that brought nothing this tab lacked), else null: the list drawn
  // is kept under their names (VIEW_KEY) for the next visit to draw before it replays.
  const texts = () => {
    try {
      return [storage.getItem(A.COMPANION_KEY), storage.getItem(A.COMPANION_KEY + A.RECENT)];
    } catch {
      return null;
    }
  };
  let basis = null;
  // The edits wait for the log: a list drawn as it was last (VIEW_KEY) is shown before it.
  let logLoaded = () => {};
  const logReady = new Promise(r => (logLoaded = r));
  const toast = $('fu-toast');
  let undoIds = [];
  // say announces text; with ids, the changes it announces, which its button takes back
  // (Undo) or, after an undo, makes again (Redo).
  let redo = false;
  const say = (text, ids = [], again = false) => {
    status.textContent = '';
    win.setTimeout(() => (status.textContent = text), 30);
    $('fu-toast-text').textContent = text;
    [undoIds, redo] = [ids, again];
    Object.assign($('fu-undo'), { hidden: !ids.length, textContent: again ? 'Redo' : 'Undo' });
    toast.hidden = !text;
  };
  const now = () => new win.Date();
  const today = () => A.civilTime(now());
  const blobURL = (text, type) => {
    const u = win.URL.createObjectURL(new win.Blob([text], { type }));
    urls.push(u);
    return u;
  };
  // The visitor's own choices, for every interview: the region is region.js's, shared with
  // the calculator, and stands before the first plan is drawn.
  const zone = win.Intl.DateTimeFormat().resolvedOptions().timeZone;
  const me = { weekend: '', linkedinLimit: 0, region: pickRegion($('fu-region'), zone, storage) };

  // Each interview's plan, kept by its input: planned once, not at every change. Plans are
  // made without today (the agenda gives each step its status), so they last while today
  // moves, and replay's check is the same plan.
  const cache = new Map();
  // byInterview: each interview's entry of cache, by the interview replay gave (the same
  // object while nothing changes it); made anew when the visitor's choices change.
  let byInterview = new WeakMap();
  function cachedPlan(iv) {
    const had = byInterview.get(iv);
    if (had) return had;
    const input = A.planInput(iv, me, '');
    const key = JSON.stringify(input);
    if (!cache.has(key)) {
      try {
        cache.set(key, { input, plan: T.plan(rules, input) });
      } catch (e) {
        cache.set(key, { input, error: A.planProblem(e) });
      }
    }
    byInterview.set(iv, cache.get(key));
    return cache.get(key);
  }
  const check = iv => (rules ? cachedPlan(iv).error ?? null : null);
  // stale: the list drawn was kept under other rules or another script (drawKept).
  let stale = false;
  // replay's memo: cleared whenever check would answer otherwise (the rules, the region).
  const memo = new Map();
  const refresh = () => S && (view = S.replay(log, check, memo));

  // The parts loaded on demand: use(name, f) calls f with the part, at once when it is
  // loaded already (so that a second click acts before the next event), else once it is.
  // The parts that change the list come with the edits, and the edits with the wording of
  // a problem, so that page.attempt can check, keep and say so at once.
  const loaded = {};
  const use = (name, f) => (loaded[name] ? f(loaded[name]) : part[name]().then(m => f((loaded[name] = m))));
  const withEdits = p => Promise.all([p, use('edit', E => E)]).then(([m]) => m);
  const part = {
    edit: () => Promise.all([import('./companion-edit.js'), use('problems', w => w), logReady, engine()]).then(([E]) => {
      store = E.openCompanionStore(storage, A.COMPANION_KEY, { migrate });
      return E;
    }),
    form: () => withEdits(import('./companion-form.js')),
    dialog: () => withEdits(import('./companion-dialog.js')),
    file: () => withEdits(import('./companion-file.js')),
    keep: () => import('./companion-keep.js'),
    importer: () => withEdits(import('./companion-import.js')),
    problems: () => import('./companion-problems.js'),
    calendar: () => import('./companion-calendar.js'),
    drawing: () => import('./timeline-svg.js'),
  };

  // alert shows what the page must tell before anything else: an unreadable list, storage
  // that keeps nothing.
  function alert(text) {
    $('fu-alert').hidden = !text;
    $('fu-alert-text').textContent = text;
  }

  // kept reports whether a load found a list the page must not write over.
  const kept = l => l.status === 'unreadable' || l.status === 'newer-version' || l.status === 'old';

  // stamp is a new change's stamp, after every change seen (and those given).
  const stamp = (seen = []) => {
    const E = loaded.edit;
    replica ||= E.newReplica(b => win.crypto.getRandomValues(b));
    // Past every stamp seen: this tab's, the log's (another tab's may run fast) and seen's.
    // The log is in stamp order: its last change is its latest.
    return (clock = E.nextStamp(E.latest(seen, E.latest(log.slice(-1), clock)), now().getTime(), replica));
  };

  // keep adds changes (made and checked, the edits loaded) to the log, stores it and reads
  // it back, then redraws: true once stored. message is said only then, with an Undo;
  // when the browser does not keep it, the page says so and goes on in memory.
  function keep(changes, message, { merge = false } = {}) {
    const E = loaded.edit;
    let next = log, before = view;
    if (merge) next = E.union(log, changes);
    else for (const c of changes) ({ log: next, view: before } = E.propose(next, c, check, before, memo));
    const r = store.save(next, changes.map(c => c.id));
    log = r.log;
    basis = r.ok ? r.texts : null;
    win.performance.mark('fu-changed');
    clock = E.latest(log, clock);
    // Unless another tab's changes came with the save, the list is the one propose made.
    if (merge || r.log.length !== next.length) refresh();
    else view = before;
    if (!r.ok && r.reason !== note) {
      note = r.reason;
      if (r.reason !== 'kept') use('problems', w => alert(w.storageNote(r.reason)));
    } else if (r.ok && note && note !== 'kept') {
      note = '';
      alert('');
    }
    render();
    keepFocus();
    // A merge's Undo takes back the merge change, which names what it brought.
    const undoable = merge ? changes.filter(c => c.kind === 'merge').map(c => c.id) : changes.filter(c => c.kind !== 'undo').map(c => c.id);
    if (message) say(r.ok ? message : `${message} It is not kept in this browser: see the note above.`, undoable);
    if (r.ok) use('keep', k => k.afterChange(page));
    return r.ok;
  }
  // attempt makes a change (make(stamp) returns one, or a list, or null for none) and keeps
  // it, wording a refused one where it was made: say by default, or into(text) (a dialog's
  // or a form's message). true when kept.
  function attempt(make, message, into = say) {
    try {
      const made = make(stamp());
      const changes = made === null ? [] : Array.isArray(made) ? made : [made];
      if (!changes.length) {
        say('Nothing was changed.');
        return true;
      }
      keep(changes, message);
      return true;
    } catch (e) {
      if (!(e instanceof A.StateError)) throw e;
      use('problems', w => into(sentence((e.problems.length ? e.problems : [e]).map(w.problemText).join('; ')), e));
      return false;
    }
  }
  // undo takes back the changes ids (undone true) or makes them again (false).
  function undo(ids, undone) {
    const E = loaded.edit;
    const what = ids.map(id => log.find(c => c.id === id)).filter(Boolean);
    if (!what.length) return;
    const text = what.map(c => changeText(c, log, title)).join('; ');
    const message = `${undone ? 'Undone' : 'Made again'}: ${text}.`;
    if (attempt(t => ids.map((id, i) => E.undoChange(id, undone, i ? stamp() : t)), message) && !note) say(message, ids, undone);
  }

  // page is what the parts loaded on demand share with start.
  const page = {
    doc, win, $, el, vh, say, now, today, me, alert, attempt, keep, undo, render, blobURL, stamp, check, use, storage,
    get log() { return log; },
    set log(l) { [log, basis] = [l, null]; refresh(); },
    get view() { return view; },
    get rules() { return rules; },
    get note() { return note; },
    set note(n) { note = n; },
    get store() { return store; },
    find: id => view.interviews.find(iv => iv.id === id),
    findApp: id => view.applications.find(a => a.id === id),
    // focusApp puts the keyboard on application id's card (after a form or a dialog).
    keepFocus: () => keepFocus(),
    focusApp: id => {
      focusHome = id;
      keepFocus(true);
    },
    onExternal: null,
  };

  // ---- Plans and the agenda ----

  // plans holds each interview's {input, plan}; upcoming the calendar steps, {input, plan,
  // index}, of the rows not done (the file of #fu-ics), and rows each such row's.
  const plans = new Map(), rows = new WeakMap();
  let upcoming = [];
  function planFor(iv) {
    const p = cachedPlan(iv);
    if (p.error) return p.error;
    const shown = asOfNow(iv, p);
    plans.set(iv.id, shown);
    return shown.plan;
  }
  // asOfNow is the plan p of interview iv as the list shows it: planned again with today
  // when a step is late and not sent, so that what follows it is not suggested before now
  // (the rules' overdue rule, as playbook plan --today applies it). The plans kept, and
  // replay's check, stay without today: they must not change while time passes.
  // Such a plan is kept by p (a plan's input without today) with the minute it was made,
  // and stands for the ten minutes it was made in. An older one still serves a drawing,
  // and is made again in the browser's idle time, a few at a time, then drawn: a change
  // never waits for every late interview to plan again.
  let lateness = new WeakMap(), lateQueue = [], refreshing = 0;
  function asOfNow(iv, p) {
    const now = today();
    if (!T || !p.plan.steps.some(s => !s.sent && now > s.latest)) return p;
    const had = lateness.get(p);
    // Made in these ten minutes (the same YYYY-MM-DDTHH:M): it stands.
    if (had && had.at.slice(0, 15) === now.slice(0, 15)) return had.entry;
    if (had) {
      lateQueue.push([iv, p]);
      refreshing ||= idle(refreshLate);
      return had.entry;
    }
    return planAsOf(iv, p, now).entry;
  }
  function planAsOf(iv, p, now) {
    const input = A.planInput(iv, me, now);
    let entry;
    try {
      entry = { input, plan: T.plan(rules, input) };
    } catch {
      // A fact recorded later than this device's clock says it is now: the plan without today.
      entry = p;
    }
    lateness.set(p, { at: now, entry });
    return lateness.get(p);
  }
  function refreshLate(deadline) {
    refreshing = 0;
    const now = today();
    for (let n = 0; lateQueue.length && (n < 20 || deadline?.timeRemaining() > 5); n++) {
      const [iv, p] = lateQueue.pop();
      if (lateness.get(p)?.at.slice(0, 15) !== now.slice(0, 15)) planAsOf(iv, p, now);
    }
    if (lateQueue.length) refreshing = idle(refreshLate);
    else render();
  }
  // idle runs f in the browser's idle time where it says so (not Safari), else soon.
  const idle = f => (win.requestIdleCallback ? win.requestIdleCallback(f, { timeout: 2000 }) : win.setTimeout(f, 50));
  const title = id => rules?.steps.find(r => r.id === id)?.title ?? id;
  // toContact: a step to no one interviewer (a chaser, to "the hiring manager") goes to the
  // application's contact.
  const toContact = id => {
    const step = rules?.steps.find(r => r.id === id);
    return !!step && !step.perInterviewer;
  };
  // whom words who a row's step goes to: an interviewer, the contact ("Dana Fox,
  // recruiter"), or the rules' words when there is no contact.
  const whom = (item, a) => (toContact(item.step) && contactText(a?.contact)) || item.to;
  const indexOf = (p, item) => p.steps.findIndex(s => s.id === item.step && s.to === item.to && s.suggested === item.suggested);

  // ROWS is how many rows a group shows until the visitor asks for all; shownAll the groups
  // they asked it of.
  const ROWS = 10, shownAll = new Set();
  let exportStale = true;
  function render() {
    if (!rules) return;
    plans.clear();
    upcoming = [];
    ivKeys = new Map();
    const list = view.interviews;
    // A row holding the focus is drawn anew when its step changes ("Mark as sent" moves
    // it to Done): the focus follows it to its new place, instead of falling to the page's
    // start, where a keyboard or screen reader user would have to find their place again.
    const held = doc.activeElement?.closest('#fu-agenda li');
    const a = A.agenda(list, planFor, today(), { overdueNote: rules.policy.overdueNote });
    const byId = new Map(list.map(iv => [iv.id, iv]));
    apps = new Map(view.applications.map(x => [x.id, x]));
    // Each application's next step: its first in the agenda's order (overdue, today, ...).
    const next = new Map();
    for (const g of a.groups) if (g.key !== 'done') for (const item of g.items) if (!next.has(byId.get(item.interviewId).app)) next.set(byId.get(item.interviewId).app, item);
    // A long group shows its first rows and a button for the rest: a list of hundreds of
    // steps would take seconds to draw on a phone, and nobody reads it at once.
    // A group, its list and its rows are moved only when they change: a change redraws the
    // rows it changed, and the page lays out only those.
    const groups = a.groups.filter(g => g.items.length).map(g => {
      const all = shownAll.has(g.key) || g.items.length <= ROWS;
      const s = sections.get(g.key) ?? sections.set(g.key, newSection(g.key)).get(g.key);
      s.count.textContent = `(${g.items.length})`;
      update(s.ol, (all ? g.items : g.items.slice(0, ROWS)).map(item => agendaItem(item, byId.get(item.interviewId))));
      s.more.hidden = all;
      s.more.firstChild.textContent = `Show all ${g.items.length}`;
      return s.section;
    });
    // A plan that fails (the site's rules changed since it was recorded) is worded once its
    // words are loaded; its card lists what was recorded, each removable.
    const broken = a.broken.map(b => {
      const p = el('p', { className: 'error' });
      use('problems', w => (p.textContent = sentence(`The plan for ${label(byId.get(b.interviewId))} could not be made: ${w.problemText({ path: b.field, code: b.code, args: b.args })}. Its card under “Your applications” lists what you recorded: remove what is wrong, or edit the round`)));
      return p;
    });
    update($('fu-agenda'), [...broken, ...groups]);
    // A plan beyond the years whose holidays are known says so, naming its interviews.
    const outside = list.filter(iv => plans.get(iv.id)?.plan.holidays);
    $('fu-holidays').textContent = outside.length && T ? outside.map(label).join('; ') + ': ' + T.holidaysNote(rules, plans.get(outside[0].id).plan) : '';
    $('fu-empty').hidden = list.length > 0;
    // As the groups: the first cards, and a button for the rest. Closed applications (an
    // offer, a rejection, a withdrawal) are listed apart.
    const [open, closed] = [[], []];
    for (const x of view.applications) (A.CLOSING.some(k => byId.get(x.rounds.at(-1))?.[k]) ? closed : open).push(x);
    const cards = shownAll.has('cards') || open.length <= ROWS ? open : open.slice(0, ROWS);
    update($('fu-interviews'), cards.map(x => appCard(x, byId, next.get(x.id))));
    $('fu-more-cards').hidden = cards.length === open.length;
    $('fu-more-cards').textContent = `Show all ${open.length} applications`;
    $('fu-closed').hidden = !closed.length;
    $('fu-closed-n').textContent = `(${closed.length})`;
    update($('fu-closed-list'), closed.map(x => appCard(x, byId, next.get(x.id))));
    filterClosed();
    // A row holding the focus that is drawn anew ("Mark as sent" moves it to Done): the
    // focus follows it to its new place (a card's is keepFocus's, on the card).
    if (held && !held.isConnected) {
      const same = li => ['iv', 'step', 'to'].every(k => li.dataset[k] === held.dataset[k]);
      const h = [...$('fu-agenda').querySelectorAll('li')].find(same)?.querySelector('h4');
      h?.setAttribute('tabindex', '-1');
      h?.focus();
    }

    $('fu-ics-p').hidden = !upcoming.length && !list.some(iv => A.OUTCOMES.some(k => iv[k]));
    $('fu-add').textContent = view.applications.length ? 'Add an application' : 'Add your first application';
    Object.assign($('fu-ics'), { href: '#fu', download: 'follow-ups.ics' });
    // The file is written when the visitor reaches for the link, not at every change.
    exportStale = true;
    [rowCache, cardCache, nextRows, nextCards] = [nextRows, nextCards, new Map(), new Map()];
    // A file of a row drawn again stays; those of rows gone are let go.
    const live = new Set([...app.querySelectorAll('a[href^="blob:"]')].map(a => a.href));
    urls = urls.filter(u => live.has(u) || (win.URL.revokeObjectURL(u), false));
    if ($('fu-recent').open) recent();
    keepView();
  }

  // keepView keeps the list drawn (VIEW_KEY) a second after the last change, when it is the
  // stored log's: its plans too, so that the next visit draws it at once.
  let viewTimer = 0;
  function keepView() {
    win.clearTimeout(viewTimer);
    // In the browser's idle time where it says so (not Safari), so as not to delay a tap.
    const idle = () => (win.requestIdleCallback ? win.requestIdleCallback(writeView, { timeout: 2000 }) : writeView());
    viewTimer = basis && rulesText ? win.setTimeout(idle, 1000) : 0;
  }
  function writeView() {
    viewTimer = 0;
    if (!basis) return;
    const [b, v] = [basis, view];
    // Each plan without its input, which is its key's JSON and drawKept makes again.
    const planned = v.interviews.map(iv => JSON.stringify(A.planInput(iv, me, ''))).filter(k => cache.has(k)).map(k => {
      const { plan, error } = cache.get(k);
      return [k, plan ? { plan } : { error }];
    });
    try {
      storage.setItem(A.VIEW_KEY, A.viewText(A.viewKey(b, rulesText, me, import.meta.url), v, planned));
      // scripts/calcbudget waits for this before it loads the page again.
      win.performance.mark('fu-view-kept');
    } catch {
      // The log matters more than this copy: a full storage keeps no copy.
      storage.removeItem(A.VIEW_KEY);
    }
  }
  // Leaving the page before that second: kept then.
  win.addEventListener('pagehide', () => viewTimer && writeView());

  // update makes kids the children of parent, moving only those not in their place: a row
  // added to a list is one insertion, not the list drawn again.
  function update(parent, kids) {
    const now = parent.children;
    kids.forEach((k, i) => now[i] !== k && parent.insertBefore(k, now[i] ?? null));
    while (now.length > kids.length) now[kids.length].remove();
  }
  // sections holds each group's section, its count, list and "Show all" button.
  const sections = new Map();
  // Overdue, Today and This week are open; Later and Done are behind their headings.
  function newSection(key) {
    const count = el('span', { className: 'count' }), ol = el('ol', {});
    const more = Object.assign(button('more', '', `: ${GROUP_TITLES[key]}`), { id: 'fu-more-' + key });
    const h = el('h3', {}, `${GROUP_TITLES[key]} `, count);
    const body = key === 'later' || key === 'done' ? [el('details', {}, el('summary', {}, h), ol, more)] : [h, ol, more];
    const section = el('section', { className: 'fu-group ' + key }, ...body);
    return { section, count, ol, more };
  }

  // recent lists the latest changes, each with its Undo (or Redo, once undone).
  function recent() {
    if (!S) return;
    const undone = S.undoneIds(S.uniqueLog(log));
    const shown = log.filter(c => c.kind !== 'undo').slice(-20).reverse();
    $('fu-recent-list').replaceChildren(...shown.map(c => {
      const text = changeText(c, log, title), off = undone.has(c.id);
      const b = button(off ? 'redo' : 'undo', off ? 'Redo' : 'Undo', ': ' + text);
      b.dataset.change = c.id;
      return el('li', {}, el('span', { className: off ? 'undone' : '' }, text, off ? ' (undone)' : ''), ' ', b);
    }));
  }

  // The rows and cards of the last drawing, by what they show: a change redraws only what
  // it changed. ivKeys holds each interview's JSON for one drawing.
  let rowCache = new Map(), cardCache = new Map(), nextRows = new Map(), nextCards = new Map(), ivKeys = new Map(), apps = new Map();
  const ivKey = iv => ivKeys.get(iv.id) ?? ivKeys.set(iv.id, JSON.stringify(iv)).get(iv.id);
  function agendaItem(item, iv) {
    const key = JSON.stringify(item) + ivKey(iv) + JSON.stringify(apps.get(iv.app)?.contact) + today().slice(0, 4), hit = rowCache.get(key);
    if (hit) {
      nextRows.set(key, hit);
      if (hit.cal) upcoming.push(hit.cal);
      return hit.li;
    }
    const li = newRow(item, iv);
    nextRows.set(key, { li, cal: rows.get(li) });
    return li;
  }
  function newRow(item, iv) {
    const a = apps.get(iv.app), to = whom(item, a);
    const what = title(item.step), about = `: ${what} to ${to}, ${label(iv)}`;
    const li = el('li', {});
    Object.assign(li.dataset, { iv: item.interviewId, step: item.step, to: item.to, suggested: item.suggested, earliest: item.earliest });
    const done = item.status === 'done' || item.skipped;
    const at = item.sent || item.suggested, year = today().slice(0, 4);
    // Two lines: what, to whom; for which application, when.
    li.append(el('h4', {}, `${what} to ${to}`),
      el('p', { className: 'who' }, `${label(iv)} · `,
        el('span', { className: 'when' }, ...(item.skipped ? ['Skipped'] : [item.sent ? 'Sent ' : '', el('time', { dateTime: at }, shortWhen(at, year))]))));
    const p = plans.get(item.interviewId), i = indexOf(p.plan, item);
    const template = templateHref(app.dataset.templates, item.message, templateValues(iv, item, item.to, a?.contact));
    if (!done && i >= 0) {
      // The reminder's description links to the filled template: the reason to open it.
      upcoming.push({ input: p.input, plan: p.plan, index: i, key: item.interviewId, page: new win.URL(template, win.location.href).href });
      rows.set(li, upcoming.at(-1));
    }
    // One action in sight, the message; the others behind More.
    const buttons = done
      ? [button('undo', 'Undo', about)]
      : [
        openLink(template, about, item, a),
        el('details', { className: 'fu-more' }, el('summary', { className: 'button small' }, 'More', vh(about)),
          el('p', { className: 'why' }, item.note),
          el('p', { className: 'why' }, `Send it between ${whenText(item.earliest)} and ${whenText(item.latest)}.`),
          el('div', { className: 'fu-actions' },
            button('sent', 'Mark as sent', about),
            button('sent-at', 'Sent at another time', about),
            button('skip', 'Skip', about),
            i >= 0 ? el('details', { className: 'fu-cal' }, el('summary', { className: 'button small' }, 'Add to calendar', vh(about))) : null)),
      ];
    li.append(el('div', { className: 'fu-actions' }, ...buttons));
    return li;
  }
  // openLink opens the filled message; a step to the contact, while the application has
  // none, asks who it is first (data-ask).
  function openLink(href, about, item, a) {
    const l = el('a', { className: 'button small primary', href }, 'Open the message', vh(about));
    if (toContact(item.step) && a && !a.contact.name) Object.assign(l.dataset, { ask: a.id, message: item.message, iv: item.interviewId, step: item.step, to: item.to });
    return l;
  }

  // appCard is an application's card: its company and role, its stage, and its next step
  // with one action; the rest (the step's other actions, the application's, each round
  // with its plan and timeline) behind More.
  function appCard(a, byId, item) {
    const rounds = a.rounds.map(id => byId.get(id));
    const key = JSON.stringify(a) + rounds.map(iv => ivKey(iv) + JSON.stringify(view.notes.get(iv.id)) + !!plans.get(iv.id)?.plan.steps.length).join() + JSON.stringify(item ?? null) + today().slice(0, 10);
    const li = cardCache.get(key) ?? newCard(a, rounds, item);
    nextCards.set(key, li);
    return li;
  }
  function newCard(a, rounds, item) {
    const name = label({ ...a, interview: rounds[0]?.interview ?? '' }), about = `: ${name}`;
    const last = rounds.at(-1), outcome = A.OUTCOMES.find(k => last[k]);
    const year = today().slice(0, 4);
    // The decision date is said when it is what the application waits for (no step before
    // it); else the round's details under More say it.
    const stage = outcome ? `${OUTCOME_TEXT[outcome]} on ${shortDay(last[outcome], year)}`
      : `${rounds.length > 1 ? `Round ${rounds.length}` : 'Interview'} ${shortWhen(last.interview, year)}${last.decisionBy && !item ? ` · Decision by ${shortDay(last.decisionBy, year)}` : ''}`;
    const li = el('li', {}, el('h3', { tabIndex: -1 }, name), el('p', { className: 'fu-stage' }, stage));
    li.dataset.app = a.id;
    const iv = item && rounds.find(r => r.id === item.interviewId);
    const nextStep = el('div', { className: 'fu-next' }), actions = [];
    if (iv) {
      const to = whom(item, a), what = `: ${title(item.step)} to ${to}, ${name}`;
      Object.assign(nextStep.dataset, { iv: iv.id, step: item.step, to: item.to, earliest: item.earliest });
      nextStep.append(el('p', {}, el('strong', {}, 'Next: '), `${title(item.step)} to ${to}`,
        ...(item.status === 'overdue' ? [' (late)'] : [', by ', el('time', { dateTime: item.latest }, shortDay(item.latest, year))])),
      );
      actions.push(openLink(templateHref(app.dataset.templates, item.message, templateValues(iv, item, item.to, a.contact)), what, item, a));
    } else if (outcome === 'nextRound') {
      nextStep.append(el('p', {}, el('strong', {}, 'Next: '), 'add the date of the next round.'));
      actions.push(button('add-round', 'Add the next round', about, 'small primary'));
    }
    const more = el('details', { className: 'fu-more' }, el('summary', { className: 'button small' }, 'More', vh(about)),
      a.contact.name ? el('p', {}, `Contact: ${contactText(a.contact)}${a.contact.email ? ` (${a.contact.email})` : ''}`) : null,
      a.link ? el('p', {}, el('a', { href: a.link, rel: 'noopener noreferrer', target: '_blank' }, 'The job ad', vh(about))) : null,
      a.notes ? el('p', { className: 'fu-notes' }, a.notes) : null,
      el('div', { className: 'fu-actions' },
        iv ? button('sent', 'Mark the next step as sent', about) : null,
        iv ? button('sent-at', 'Sent at another time', about) : null,
        button('replied', 'They replied', about),
        button('outcome', 'Record an outcome', about),
        button('add-round', 'Add a round', about),
        button('edit-app', 'Edit', about),
        button('delete-app', 'Delete', about, 'small danger')),
      el('ol', { className: 'fu-rounds' }, ...rounds.map((r, i) => roundItem(r, i, rounds.length))));
    // The next step's action and More side by side.
    li.append(nextStep, el('div', { className: 'fu-actions' }, ...actions, more));
    return li;
  }
  function roundItem(iv, i, n) {
    const names = iv.interviewers.map(x => x.name).join(', ');
    const outcome = A.OUTCOMES.find(k => iv[k]);
    const what = `${n > 1 ? `Round ${i + 1}` : 'The interview'}, ${whenText(iv.interview)}`, about = `: ${what}`;
    const note = view.notes.get(iv.id);
    const li = el('li', {},
      el('p', {}, el('strong', {}, what), (iv.ends ? ` to ${iv.ends}` : '') + (names ? ` · with ${names}` : '') + (iv.decisionBy ? ` · Decision by ${dayText(iv.decisionBy)}` : '')),
      outcome ? el('p', { className: 'when' }, `${OUTCOME_TEXT[outcome]} on ${dayText(iv[outcome])}`) : null,
      plans.get(iv.id)?.plan.steps.length ? el('details', { className: 'fu-tl' }, el('summary', {}, 'Plan and timeline', vh(about))) : null,
      note && (note.setAside.length || note.problem) ? troubleList(iv, note) : null,
      el('div', { className: 'fu-actions' }, button('edit', 'Edit', about), button('delete', 'Delete', about, 'small danger')));
    li.dataset.iv = iv.id;
    return li;
  }

  // troubleList shows what an interview holds that does not fit its plan: changes set aside
  // (two devices recorded things that do not go together), or, when it does not plan at
  // all (the site's rules changed), every fact recorded; each can be removed.
  function troubleList(iv, n) {
    const items = [];
    for (const s of n.setAside) {
      const c = log.find(x => x.id === s.id), text = changeText(c, log, title), why = el('span', {});
      use('problems', w => (why.textContent = sentence(w.problemText({ path: '', code: s.problem.code, args: s.problem.args }))));
      const b = button('drop', 'Remove', ': ' + text);
      b.dataset.change = s.id;
      items.push(el('li', {}, `${text}. `, why, ' ', b));
    }
    if (n.problem) {
      for (const f of iv.facts.sent) items.push(fact(`Sent: ${title(f.step)}${f.to ? ' to ' + f.to : ''}, ${whenText(f.at)}`, 'unmark', f));
      for (const f of iv.facts.skipped) items.push(fact(`Skipped: ${title(f.step)}${f.to ? ' to ' + f.to : ''}`, 'unmark', f));
      for (const f of iv.facts.replied) items.push(fact(`They replied on ${dayText(f.on)}${f.decisionBy ? ', to decide by ' + dayText(f.decisionBy) : ''}`, 'unreply', f));
    }
    const p = el('p', { className: 'error' });
    if (n.problem) use('problems', w => (p.textContent = sentence(`This round does not plan: ${w.problemText({ path: n.problem.field, code: n.problem.code, args: n.problem.args })}. What you recorded is listed here: remove what is wrong, or edit the interview`)));
    else p.textContent = 'Not applied, because it does not fit this round’s plan (recorded on another device or tab, or before the site’s rules changed). Remove it, or edit the round:';
    return el('div', { className: 'fu-trouble' }, p, el('ul', {}, ...items));
  }
  function fact(text, value, f) {
    const b = button(value, 'Remove', ': ' + text);
    Object.assign(b.dataset, { step: f.step ?? '', to: f.to ?? '', on: f.on ?? '', by: f.decisionBy ?? '' });
    return el('li', {}, text, ' ', b);
  }

  // ---- The buttons ----

  function onItem(button, li) {
    const { iv: id, step, to } = li.dataset;
    const iv = page.find(id);
    if (!iv) return;
    const what = `${title(step)} to ${to}, ${label(iv)}`;
    switch (button.value) {
      case 'sent':
        // Before its window opens, "sent now" is rarely true: ask when instead.
        if (today() < li.dataset.earliest) use('dialog', d => d.askSent(page, iv, step, to, what));
        else use('edit', E => attempt(t => E.markChange(iv, step, to, 'sent', today(), t), `Marked as sent: ${what}.`));
        break;
      case 'skip':
        use('edit', E => attempt(t => E.markChange(iv, step, to, 'skipped', '', t), `Skipped: ${what}.`));
        break;
      case 'undo':
        use('edit', E => attempt(t => E.markChange(iv, step, to, '', '', t), `Back on your list: ${what}.`));
        break;
      case 'sent-at':
        use('dialog', d => d.askSent(page, iv, step, to, what));
        break;
    }
  }
  // onCard runs a card's button: the next step's (as a row's), or the application's, whose
  // replies and outcomes are its latest round's.
  function onCard(b, card) {
    const a = page.findApp(card.dataset.app);
    if (!a) return;
    const last = page.find(a.rounds.at(-1)), round = b.closest('[data-iv]');
    focusHome = a.id;
    switch (b.value) {
      case 'sent':
      case 'sent-at':
        return onItem(b, card.querySelector('.fu-next'));
      case 'replied':
        return last && use('dialog', d => d.askReply(page, last));
      case 'outcome':
        return last && use('dialog', d => d.askOutcome(page, last, () => use('form', f => f.openRound(page, page.findApp(a.id)))));
      case 'add-round':
        return use('form', f => f.openRound(page, a));
      case 'edit-app':
        return use('form', f => f.openApp(page, a));
      case 'delete-app':
        return use('dialog', d => d.askDeleteApp(page, a));
    }
    const iv = round && page.find(round.dataset.iv);
    if (!iv) return;
    if (b.value === 'edit') use('form', f => f.openForm(page, iv));
    if (b.value === 'delete') use('dialog', d => d.askDelete(page, iv));
    if (b.value === 'drop') use('edit', () => undo([b.dataset.change], true));
    if (b.value === 'unmark') use('edit', E => attempt(t => E.markChange(iv, b.dataset.step, b.dataset.to, '', '', t), `Removed from ${label(iv)}.`));
    if (b.value === 'unreply') use('edit', E => attempt(t => E.replyChange(iv.id, b.dataset.on, b.dataset.by, t, true), `Removed their reply from ${label(iv)}.`));
  }
  // keepFocus keeps the keyboard's place after a change redrew what held it: on the card
  // (its heading) of the application acted on, else on the list's heading.
  let focusHome = '';
  function keepFocus(move = false) {
    const f = doc.activeElement;
    // Asked nothing of the layout: measuring it here would make the browser lay out the
    // page in the middle of the change.
    if (!move && f && f !== doc.body && f.isConnected) return;
    const card = focusHome && app.querySelector(`[data-app="${win.CSS.escape(focusHome)}"] h3`);
    (card || $('fu-todo-h')).focus();
  }

  $('fu-agenda').addEventListener('click', e => {
    const b = e.target.closest('button');
    if (b?.value === 'more') {
      // Every row of the group, the focus on the first that was not shown.
      const key = b.closest('section').classList[1];
      shownAll.add(key);
      render();
      const h = $('fu-agenda').querySelector(`section.${key} li:nth-child(${ROWS + 1}) h4`);
      h?.setAttribute('tabindex', '-1');
      h?.focus();
    } else if (b) {
      focusHome = page.find(b.closest('li').dataset.iv)?.app ?? '';
      onItem(b, b.closest('li'));
    }
  });
  // A step to the contact, while the application has none, asks who it is, then opens
  // the message with their name.
  app.addEventListener('click', e => {
    const l = e.target.closest('a[data-ask]');
    if (!l) return;
    const a = page.findApp(l.dataset.ask), iv = page.find(l.dataset.iv);
    if (!a || !iv || a.contact.name) return;
    e.preventDefault();
    const step = { id: l.dataset.step, to: l.dataset.to };
    use('dialog', d => d.askContact(page, a, withContact => win.location.assign(templateHref(app.dataset.templates, l.dataset.message, templateValues(iv, step, step.to, withContact.contact)))));
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
  // A row's "Add to calendar" opened: its file and links, made then; an interview's
  // timeline opened: its plan drawn (timeline-svg.js), as the calculator draws it; the
  // recent changes opened: listed.
  app.addEventListener('toggle', e => {
    const d = e.target, s = d.open && d.matches('.fu-cal') && rows.get(d.closest('#fu-agenda li'));
    if (s && !d.dataset.filled) use('calendar', c => c.fillRow(page, d, s));
    if (d.open && d.matches('.fu-tl:not([data-filled])')) {
      const p = plans.get(d.parentNode.dataset.iv);
      d.dataset.filled = 1;
      // The whole plan in words, then drawn.
      d.append(el('ol', { className: 'fu-plan' }, ...p.plan.steps.map(s => el('li', {}, `${title(s.id)} to ${s.to}: ${whenText(s.suggested)}`, s.status === 'done' ? ' (sent)' : ''))));
      use('drawing', m => d.append(m.timelineSVG(doc, rules, p.plan, p.input.interview)));
    }
    if (d.open && d.id === 'fu-recent') recent();
  }, true);
  for (const list of [$('fu-interviews'), $('fu-closed-list')]) {
    list.addEventListener('click', e => {
      const b = e.target.closest('button'), card = b?.closest('[data-app]');
      if (card) onCard(b, card);
    });
  }
  // The closed applications, found by any word of their card.
  const filterClosed = () => {
    const q = $('fu-closed-q').value.trim().toLowerCase();
    for (const li of $('fu-closed-list').children) li.hidden = !!q && !li.textContent.toLowerCase().includes(q);
  };
  $('fu-closed-q').addEventListener('input', filterClosed);
  $('fu-undo').addEventListener('click', () => use('edit', () => undo(undoIds, !redo)));
  $('fu-recent-list').addEventListener('click', e => {
    const b = e.target.closest('button');
    if (b) use('edit', () => undo([b.dataset.change], b.value === 'undo'));
  });
  // The export link gets its file as the pointer or the focus reaches it, and at the click
  // at the latest (before the browser follows it).
  let logIn = false;
  for (const type of ['pointerdown', 'focus', 'click']) {
    $('fu-export').addEventListener(type, e => {
      // A list drawn before its log was read: the file once the log is in.
      if (!logIn) {
        if (type === 'click') {
          e.preventDefault();
          logReady.then(() => $('fu-export').click());
        }
        return;
      }
      if (!exportStale) return;
      exportStale = false;
      const a = $('fu-export');
      if (a.href.startsWith('blob:')) win.URL.revokeObjectURL(a.href);
      Object.assign(a, { href: win.URL.createObjectURL(new win.Blob([S.exportText(log, view)], { type: 'application/json' })), download: 'follow-ups.json' });
    });
  }
  $('fu-more-cards').addEventListener('click', () => {
    shownAll.add('cards');
    render();
    $('fu-interviews').children[ROWS]?.querySelector('h3')?.focus();
  });
  $('fu-add').addEventListener('click', () => use('form', f => f.openForm(page, null)));
  $('fu-import').addEventListener('change', () => use('file', f => f.openFile(page, $('fu-import'))));
  $('fu-wipe').addEventListener('click', () => use('dialog', d => d.askWipe(page)));
  $('fu-send').addEventListener('click', () => use('keep', k => k.send(page)));
  // Changing the region moves every plan; the choice is kept for the calculator too.
  $('fu-region').addEventListener('change', e => {
    me.region = e.target.value;
    saveRegion(storage, me.region);
    memo.clear();
    byInterview = new WeakMap();
    lateness = new WeakMap();
    refresh();
    render();
    say('Every plan now leaves out the public holidays of ' + e.target.selectedOptions[0].textContent + '.');
  });

  // Another tab changed the list: the union of its log and this one's. Delete everything
  // in another tab (the stored log removed) empties this one too.
  win.addEventListener('storage', async e => {
    await engine();
    if (e.key === REGION_KEY) {
      me.region = pickRegion($('fu-region'), zone, storage);
      memo.clear();
      byInterview = new WeakMap();
    lateness = new WeakMap();
      refresh();
      return render();
    }
    if (e.key !== null && e.key !== A.COMPANION_KEY && e.key !== A.COMPANION_KEY + A.RECENT) return;
    // Delete everything removes the main key first: from then on this list is empty too.
    const wiped = e.key === null || (e.key === A.COMPANION_KEY && e.newValue === null);
    const t = texts(), l = load();
    if (wiped || l.status === 'empty') log = [];
    else if (l.status === 'ok') log = S.mergeLogs(log, l.log);
    else return;
    basis = l.status === 'ok' && log.length === l.log.length ? t : null;
    // What this tab kept and the stored log lacks (another tab wrote over it between its
    // read and its write) is written again.
    if (store && l.status === 'ok' && log.length > l.log.length) store.save(log);
    const before = JSON.stringify(view.interviews);
    refresh();
    render();
    page.onExternal?.();
    if (JSON.stringify(view.interviews) !== before) say('Your list was updated from another tab.');
  });

  // A list of version 0 (the companion's first draft) is read through the migration, loaded
  // only then; one of version 0 or 1 becomes one import change, kept at once; a list that
  // cannot be read is offered back before the page shows.
  // The list as last drawn, when the stored log, the rules and the visitor's choices are
  // what they were then: shown at once, before the log is read and replayed.
  const drawn = await drawKept();
  const t = texts();
  // An empty list needs neither the log's reading nor the engine.
  const none = t && t[0] === null && t[1] === null;
  if (!none) await engine();
  let l = none ? { status: 'empty', log: [], interviews: [] } : load();
  logIn = true;
  logLoaded();
  if (l.status === 'old') {
    migrate = (await part.importer()).migrateV0;
    l = load();
  }
  if (l.status === 'migrated') await use('edit', E => E);
  else if (kept(l)) await use('file', f => f);
  if (kept(l)) {
    note = 'kept';
    use('file', f => f.offerUnreadable(page, l));
  } else if (l.status === 'unavailable') {
    note = 'unavailable';
    use('problems', w => alert(w.storageNote('unavailable')));
  } else if (l.status === 'migrated') {
    const c = loaded.edit.importChange(l.interviews, stamp());
    const r = store.save([c], [c.id]);
    [log, basis] = [r.log, r.ok ? r.texts : null];
    say(r.ok ? 'Your list was brought up to date with this version of the page.' : '');
  } else [log, basis] = [l.log, l.status === 'ok' ? t : null];
  clock = log.reduce((top, c) => (c.id > top ? c.id : top), clock);
  app.hidden = false;
  // The calculator's "Add to my follow-ups": its interview, in the form, for the visitor to
  // complete and save; a link from another device: its code asked for. Either way the
  // address loses it, so a reload does not offer it again.
  if (win.location.hash.startsWith('#send=')) use('keep', k => k.receive(page));
  else if (win.location.hash) use('form', f => f.openGiven(page));
  // A link pasted into this tab's address bar changes only the fragment.
  win.addEventListener('hashchange', () => {
    if (win.location.hash.startsWith('#send=')) use('keep', k => k.receive(page));
  });
  // The browser offers to install the app once, early: the offer is kept for the button.
  win.addEventListener('beforeinstallprompt', e => {
    e.preventDefault();
    $('fu-install').hidden = false;
    $('fu-install').onclick = () => e.prompt();
  });
  // With a list, when a copy was last kept, and what the browser says of keeping it.
  if (log.length) use('keep', k => k.status(page));
  // The log replayed: the list drawn already keeps its rows and cards.
  // Until then only the rows on screen were laid out (companion.css): now every one is.
  const settled = () => {
    app.classList.remove('fu-loading', 'fu-stale');
    $('fu-agenda').removeAttribute('aria-busy');
    win.performance.mark('fu-replayed');
  };
  if (drawn) {
    if (stale) [rowCache, cardCache] = [new Map(), new Map()];
    refresh();
    render();
    settled();
    return;
  }
  fetched
    .then(text => {
      [rulesText, rules] = [text, JSON.parse(text)];
      const t = win.performance.now();
      memo.clear();
      byInterview = new WeakMap();
    lateness = new WeakMap();
      refresh();
      render();
      return shown(t).then(settled);
    })
    .catch(() => {
      app.classList.remove('fu-loading');
      $('fu-empty').textContent = 'The page could not load its rules, so it cannot plan your follow-ups now. Your list is safe: try again when you are online.';
    });

  // shown marks the list shown (painted), drawn from t: scripts/calcbudget reads when, and
  // what drawing it took.
  async function shown(t) {
    win.performance.measure('fu-draw', { start: t });
    await painted();
    win.performance.mark('fu-list');
  }
  // painted resolves once the browser has painted what was drawn (or after 100 ms, where a
  // tab in the background paints nothing).
  function painted() {
    return new Promise(r => {
      win.requestAnimationFrame(() => win.setTimeout(r));
      win.setTimeout(r, 100);
    });
  }

  // drawKept draws the list as VIEW_KEY kept it, if it was made from the stored log's
  // texts, these rules and choices, and needs no change of the log to draw (none set
  // aside): true once drawn and painted.
  async function drawKept() {
    const now = texts();
    if (!now || (now[0] === null && now[1] === null)) return false;
    let t;
    try {
      const kept = storage.getItem(A.VIEW_KEY);
      if (kept === null) return false;
      const text = await fetched;
      t = win.performance.now();
      const v = A.readView(kept, A.viewKey(now, text, me, import.meta.url));
      if (!v) return false;
      // Another tab or device changed the log since: the list is replayed, but the plans
      // of the interviews it did not change are these.
      if (v.fits === 'plans') {
        for (const [key, p] of v.plans) cache.set(key, { input: JSON.parse(key), ...p });
        return false;
      }
      if ([...v.notes.values()].some(n => n.setAside?.length)) return false;
      const planned = new Map(v.plans), inputs = v.interviews.map(iv => A.planInput(iv, me, '')), keys = inputs.map(input => JSON.stringify(input));
      if (!keys.every(key => planned.has(key))) return false;
      [rulesText, rules] = [text, JSON.parse(text)];
      // Plans of other rules or another script serve only the interviews drawn now: the
      // replay plans every interview again, and draws every row anew.
      stale = v.fits === 'stale';
      v.interviews.forEach((iv, i) => {
        const entry = { input: inputs[i], ...planned.get(keys[i]) };
        if (!stale) cache.set(keys[i], entry);
        byInterview.set(iv, entry);
      });
      view = { applications: v.applications, interviews: v.interviews, notes: v.notes, changes: [] };
      app.hidden = false;
      app.classList.toggle('fu-stale', stale);
      $('fu-agenda').setAttribute('aria-busy', String(stale));
      render();
      win.performance.mark(stale ? 'fu-from-stale' : 'fu-from-kept');
    } catch {
      // Not a list this page can draw: the log is replayed instead.
      [view, rules, rulesText, stale] = [{ applications: [], interviews: [], notes: new Map(), changes: [] }, null, '', false];
      cache.clear();
      byInterview = new WeakMap();
    lateness = new WeakMap();
      app.classList.remove('fu-stale');
      $('fu-agenda').removeAttribute('aria-busy');
      return false;
    }
    // Painted before the log is read.
    await shown(t);
    return true;
  }
}

if (typeof document !== 'undefined' && typeof window !== 'undefined') start(document, window);
