// The calculator page (layouts/calculator.html): the form to timeline.js's input, the plan
// to a list with template links and .ics files. The pure half (formInput, planForm, the
// wording) is tested with `node --test`; start(doc, win) is the page, and importing the
// module does nothing else. Typed text only ever becomes text nodes.
//
// The engine (timeline.js, the bulk of what the page runs, and inputerror.js's words) is
// loaded once the visitor starts on the form, or at once for a plan in the address: the
// form is drawn and usable before it arrives. The pure functions take it as an argument. With
// it comes the drawing of the plan (timeline-svg.js), which only matters from then on.
import { fragmentOf, valuesOf, ADD } from './interview-link.js';
import { pickRegion, saveRegion } from './region.js';
import { parseDateTime, dateOfTime, ymd, weekday, weekdayName, formatClock, clockOf, hasForm, DATE_FORM, CLOCK_FORM } from './civil.js';

// FIELDS are the inputs that show a problem, in the form's order.
const FIELDS = ['c-date', 'c-time', 'c-decision', 'c-when', 'c-region'];
const MONTHS = 'January February March April May June July August September October November December'.split(' ');

// The form's own problems, before the engine sees the input: a required field left empty,
// or one the browser could not read (a half-typed date), by field id.
const EMPTY = { 'c-date': 'Enter the date of the interview.', 'c-time': 'Enter the time it started.', 'c-when': 'Enter the date it happened.' };
const INCOMPLETE = { 'c-time': 'Enter a whole time.' };
const WHOLE_DATE = 'Enter a whole date: day, month and year.';

// problemText words a problem {id, code, args} of formInput or planForm: the form's own
// here, the engine's with its message (inputerror.js's).
export function problemText(p, message) {
  if (p.code === 'empty') return EMPTY[p.id];
  if (p.code === 'incomplete') return INCOMPLETE[p.id] ?? WHOLE_DATE;
  return message(p.code, p.args);
}

// checkText asks to check the fields labelled labels, as one sentence: a label that is a
// question ("On which date?") ends it without a full stop after its question mark.
export function checkText(labels) {
  const text = 'Please check the form: ' + labels.join(', ');
  return /[.?!]$/.test(text) ? text : text + '.';
}

// formInput turns the form's values into the engine's input, or lists what is wrong with
// them. values: {date, time, decision, names, outcome ('' or the input's field of an
// outcome: rejected, offer, withdrew or nextRound), when,
// weekend, premium, region (a code of policy.regions, '' for the site's), incomplete (the ids of fields the browser could not read)}.
// It returns {input} or {problems: [{id, code, args}]}, in the form's order.
export function formInput(values, policy) {
  const problems = [];
  const field = (id, value, required) => {
    if (values.incomplete.includes(id)) problems.push({ id, code: 'incomplete', args: {} });
    else if (value === '' && required) problems.push({ id, code: 'empty', args: {} });
    else if (value !== '' && !hasForm(value, id === 'c-time' ? CLOCK_FORM : DATE_FORM)) {
      problems.push({ id, code: id === 'c-time' ? 'not-a-time' : 'not-a-date', args: { value } });
    }
    return value;
  };
  const input = {
    interview: field('c-date', values.date, true) + 'T' + field('c-time', values.time, true),
    interviewers: values.names.filter(n => n.trim() !== ''),
    decisionBy: field('c-decision', values.decision, false), rejected: '', offer: '', withdrew: '',
    weekend: values.weekend,
    linkedinLimit: values.premium ? policy.linkedinLimitPremium : 0,
    region: values.region ?? '',
  };
  if (values.outcome !== '') input[values.outcome] = field('c-when', values.when, true);
  if (problems.length > 0) return { problems };
  return { input };
}

// problemFor is the engine's complaint about a form's input as a problem of the field it
// came from. The interview is typed as a date and a time, so its value is that field's.
function problemFor(e, values) {
  if (e.field === 'region') return { id: 'c-region', code: e.code, args: e.args };
  if (e.field === 'decisionBy') return { id: 'c-decision', code: e.code, args: e.args };
  if (e.field !== 'interview') return { id: 'c-when', code: e.code, args: e.args };
  if (e.code === 'not-a-time' || e.code === 'end-of-day') return { id: 'c-time', code: e.code, args: { ...e.args, value: values.time } };
  return { id: 'c-date', code: e.code, args: { ...e.args, value: values.date } };
}

// planForm plans from the form's values with the engine timeline (timeline.js's module):
// {input, plan}, or {problems} as formInput's.
export function planForm(timeline, rules, values) {
  const r = formInput(values, rules.policy);
  if (r.problems) return r;
  try {
    return { input: r.input, plan: timeline.plan(rules, r.input) };
  } catch (e) {
    if (!(e instanceof timeline.InputError)) throw e;
    return { problems: [problemFor(e, values)] };
  }
}

// day writes a plan time's date for people, "12 March"; when adds the weekday, year and time.
function day(t) {
  const [, m, d] = ymd(dateOfTime(t));
  return `${d} ${MONTHS[m - 1]}`;
}
export function when(s) {
  const t = parseDateTime(s);
  return `${weekdayName(weekday(dateOfTime(t)))} ${day(t)} ${ymd(dateOfTime(t))[0]}, ${formatClock(clockOf(t))}`;
}

// templateLink is step s's template page under base, filled in through the URL fragment
// (fill.js reads it): the interviewer's name when the step is per person and names were
// given, the interview's date, and premium=1 with LinkedIn Premium, so the LinkedIn note's
// page counts to the Premium limit.
export function templateLink(base, rules, s, input) {
  const rule = rules.steps.find(r => r.id === s.id);
  const values = { interview_date: day(parseDateTime(input.interview)), premium: input.linkedinLimit > 0 ? '1' : '' };
  if (rule.perInterviewer && input.interviewers.length > 0) values.interviewer_name = s.to;
  const hash = ['interviewer_name', 'interview_date', 'premium'].filter(k => values[k]).map(k => k + '=' + encodeURIComponent(values[k])).join('&');
  return `${base}${s.message}/#${hash}`;
}

// ---- The page. ----

// start makes the calculator live: it plans on submit (the engine and the rules loaded
// with the first focus on the form) and, once a plan was asked for, on every change. It does nothing on a page without the form.
export function start(doc, win) {
  const $ = id => doc.getElementById(id);
  const form = $('calc'), names = $('c-names'), status = $('c-status'), out = $('c-out');
  if (!form) return;
  let rules, timeline, words, drawing, urls = [], shown = false, linkRegion = '';
  let engine;
  // loadEngine resolves to whether the engine, its words, the drawing and the rules all arrived.
  const loadEngine = () => (engine ??= Promise.all([import('./timeline.js'), import('./inputerror.js'), import('./timeline-svg.js'),
    win.fetch(form.dataset.rules).then(r => (r.ok ? r.json() : Promise.reject(new Error(r.status))))])
    .then(([m, w, d, r]) => ([timeline, words, drawing, rules] = [m, w, d, r]) && true)
    .catch(() => {
      form.hidden = true;
      status.textContent = 'The calculator could not load its rules; the timeline below still holds.';
      return false;
    }));
  form.addEventListener('focusin', loadEngine, { once: true });

  const storage = () => {
    try {
      return win.localStorage;
    } catch {
      return null;
    }
  };
  const el = (tag, props, ...kids) => {
    const e = Object.assign(doc.createElement(tag), props);
    e.append(...kids);
    return e;
  };

  // The interviewers: one numbered row each, with a Remove button.
  function renumber() {
    [...names.children].forEach((li, i) => {
      const [label, input, button] = li.querySelectorAll('label, input, button');
      label.textContent = `Interviewer ${i + 1}`;
      label.htmlFor = input.id = `c-n${i + 1}`;
      button.setAttribute('aria-label', `Remove interviewer ${i + 1}`);
    });
  }
  function addName() {
    const input = el('input', { type: 'text', autocomplete: 'off' });
    input.setAttribute('aria-describedby', 'c-names-h');
    names.append(el('li', { className: 'field' }, el('label'), el('span', { className: 'row' }, input, el('button', { type: 'button' }, 'Remove'))));
    renumber();
    return input;
  }
  names.onclick = e => {
    const li = e.target.closest('button') && e.target.closest('li');
    if (!li) return;
    const next = li.nextElementSibling || li.previousElementSibling;
    li.remove();
    renumber();
    (next?.querySelector('input') || $('c-add')).focus();
  };
  $('c-add').onclick = () => addName().focus();

  // fill puts values (valuesOf's, from a bookmarked or shared link) into the form.
  function fill(values) {
    for (const [id, k] of [['c-date', 'date'], ['c-time', 'time'], ['c-decision', 'decision'], ['c-when', 'when']]) $(id).value = values[k];
    names.replaceChildren();
    for (const n of values.names.length ? values.names : ['']) addName().value = n;
    const outcome = form.querySelector(`[name=outcome][value="${CSS.escape(values.outcome)}"]`);
    if (outcome) outcome.checked = true;
    $('c-when-f').hidden = !form.elements.outcome.value;
    const weekend = form.querySelector(`[name=weekend][value="${CSS.escape(values.weekend)}"]`);
    if (weekend) weekend.checked = true;
    $('c-premium').checked = values.premium;
    // The link's region (none: the site's), even one this site does not offer: the engine
    // then says so under the select, rather than the plan quietly leaving it out.
    linkRegion = values.region || $('c-region').dataset.site;
    $('c-region').value = linkRegion;
  }

  // read takes the form's values for formInput.
  function read() {
    return {
      date: $('c-date').value, time: $('c-time').value, decision: $('c-decision').value, when: $('c-when').value,
      names: [...names.querySelectorAll('input')].map(i => i.value),
      outcome: form.elements.outcome.value, weekend: form.elements.weekend.value, premium: $('c-premium').checked,
      region: $('c-region').selectedIndex < 0 ? linkRegion : $('c-region').value,
      incomplete: FIELDS.filter(id => $(id).validity.badInput),
    };
  }

  // mark shows each problem under its field and clears the other fields' messages; it
  // returns the fields marked.
  function mark(problems) {
    return FIELDS.filter(id => {
      const p = problems.find(x => x.id === id), e = $(id + '-e'), f = $(id);
      e.textContent = p ? problemText(p, words.message) : '';
      e.hidden = !p;
      if (p) f.setAttribute('aria-invalid', 'true');
      else f.removeAttribute('aria-invalid');
      return p;
    }).map($);
  }

  // The calendar files are made by calendar.js, loaded with the first plan shown rather
  // than with the page: the page's first load stays small, and one plan's wait for it is
  // a few milliseconds.
  let calendarModule, shownPlans = 0;
  const loadCalendar = () => (calendarModule ??= import('./calendar.js'));

  // calendar points each step's links at its new .ics file and its Google Calendar and
  // Outlook.com events, and all at the plan's file.
  function calendar(input, p, links, all) {
    const plan = ++shownPlans;
    all.removeAttribute('href'); // until it names this plan's file
    loadCalendar().then(({ ics, eventLinks, fileName }) => {
      if (plan !== shownPlans) return; // a newer plan replaced this one meanwhile
      urls.forEach(u => win.URL.revokeObjectURL(u));
      urls = [];
      const point = (a, text, file) => {
        urls.push(a.href = win.URL.createObjectURL(new win.Blob([text], { type: 'text/calendar' })));
        a.download = file;
      };
      const opt = { zone: win.Intl.DateTimeFormat().resolvedOptions().timeZone, now: new win.Date(),
        pages: p.steps.map(s => new win.URL(templateLink(form.dataset.templates, rules, s, input), win.location.href).href) };
      const names = new Set();
      links.forEach(([file, google, outlook], i) => {
        const s = p.steps[i];
        let name = fileName(s.id, s.to);
        for (let n = 2; names.has(name); n++) name = fileName(s.id, s.to, n);
        names.add(name);
        point(file, ics(rules, input, p, { ...opt, only: i }), name);
        const to = eventLinks(rules, input, p, i, opt);
        google.href = to.google;
        outlook.href = to.outlook;
      });
      point(all, ics(rules, input, p, opt), fileName('follow-up-plan', input.interview.slice(0, 10)));
    });
  }

  function show(input, p) {
    const title = s => rules.steps.find(r => r.id === s.id).title;
    const vh = t => el('span', { className: 'vh' }, t);
    const tab = { target: '_blank', rel: 'noopener' };
    const links = p.steps.map(s => [el('a', {}, 'Add to calendar', vh(`: ${title(s)} to ${s.to}`)),
      el('a', tab, vh('Add to '), 'Google Calendar', vh(`: ${title(s)} to ${s.to} (opens in a new tab)`)),
      el('a', tab, vh('Add to '), 'Outlook.com', vh(`: ${title(s)} to ${s.to} (opens in a new tab)`))]);
    $('c-steps').replaceChildren(...p.steps.map((s, i) => el('li', {},
      el('p', { className: 'when' }, el('time', { dateTime: s.suggested }, when(s.suggested))),
      el('p', {}, el('a', { href: templateLink(form.dataset.templates, rules, s, input) }, title(s)), ' to ' + s.to),
      el('p', { className: 'why' }, s.note),
      el('p', { className: 'why' }, `Window: ${when(s.earliest)} to ${when(s.latest)}.`),
      el('p', { className: 'cal no-print' }, links[i][0], ' (.ics) · ', links[i][1], ' · ', links[i][2]))));
    $('c-svg').replaceChildren(...[drawing.timelineSVG(doc, rules, p, input.interview)].filter(Boolean));
    $('c-end').textContent = `Then: ${p.end}.`;
    calendar(input, p, links, $('c-all'));
    const first = p.steps[0];
    let text = `Your plan has ${p.steps.length} messages.`;
    if (first) text += ` First: ${title(first)}, ${when(first.suggested)}.`;
    status.textContent = text;
  }

  // update plans from the form, once the engine is there; on submit it also moves the
  // focus to the plan or the first problem.
  function update(submit) {
    loadEngine().then(ok => ok && plan(submit));
  }
  function plan(submit) {
    const values = read();
    const r = planForm(timeline, rules, values);
    const marked = mark(r.problems ?? []);
    if (r.plan) {
      show(r.input, r.plan);
      $('c-holidays').textContent = timeline.holidaysNote(rules, r.plan);
      $('c-holidays').hidden = !r.plan.holidays;
      // The plan's inputs stay in the address, to bookmark or share, and go to the companion.
      const frag = fragmentOf(values);
      win.history.replaceState(win.history.state, '', '#' + frag);
      $('c-follow').href = `${form.dataset.followups}#${ADD}&${frag}`;
    }
    else status.textContent = checkText(marked.map(f => f.labels[0].textContent));
    out.hidden = !r.plan;
    if (!submit) return;
    if (r.plan) $('c-out-h').focus();
    else marked[0].focus();
  }

  form.onsubmit = e => {
    e.preventDefault();
    shown = true;
    update(true);
  };
  form.onchange = e => {
    // The region is the visitor's own: kept for their next plan, here and on the companion.
    if (e.target.id === 'c-region') saveRegion(storage(), e.target.value);
    const picked = e.target.name === 'outcome' && e.target.value;
    if (e.target.name === 'outcome') $('c-when-f').hidden = !picked;
    // A just-picked outcome waits for its date rather than being called wrong at once.
    if (shown && !(picked && !$('c-when').value)) update(false);
  };

  // The choices the build wrote (weekend, regions) stand until the visitor's own region is
  // picked; without a script the form cannot be sent. A plan in the address is shown at
  // once, with the engine.
  pickRegion($('c-region'), win.Intl.DateTimeFormat().resolvedOptions().timeZone, storage());
  form.querySelector('[type=submit]').disabled = false;
  const given = valuesOf(win.location.hash);
  if (given) {
    fill(given);
    shown = true;
    update(false);
  }
}

if (typeof document !== 'undefined' && typeof window !== 'undefined') {
  start(document, window);
}
