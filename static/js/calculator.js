// The calculator page (layouts/calculator.html): the form to timeline.js's input, the plan
// to a list with template links and .ics files. Typed text only ever becomes text nodes.
import { plan, InputError, WEEKDAYS, parseCivil, dayOf, ymd, weekday, clock } from './timeline.js';
import { ics } from './calendar.js';

const $ = id => document.getElementById(id);
const form = $('calc'), names = $('c-names'), status = $('c-status'), out = $('c-out');
const MONTHS = 'January February March April May June July August September October November December'.split(' ');
let rules, urls = [], shown;

const el = (tag, props, ...kids) => {
  const e = Object.assign(document.createElement(tag), props);
  e.append(...kids);
  return e;
};
// day writes a plan time's date for people, "12 March"; when adds the weekday, year and time.
const day = t => { const [, m, d] = ymd(dayOf(t)); return `${d} ${MONTHS[m - 1]}`; };
const when = s => { const t = parseCivil(s); return `${WEEKDAYS[weekday(dayOf(t))]} ${day(t)} ${ymd(dayOf(t))[0]}, ${clock(t)}`; };

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
  const li = e.target.closest('button') && e.target.closest('li'), next = li?.nextElementSibling || li?.previousElementSibling;
  if (!li) return;
  li.remove();
  renumber();
  (next?.querySelector('input') || $('c-add')).focus();
};
$('c-add').onclick = () => addName().focus();

// problem shows msg under the input with id (or clears it) and returns the input if marked.
function problem(id, msg) {
  const e = $(id + '-e'), f = $(id);
  e.textContent = msg;
  e.hidden = !msg;
  if (msg) f.setAttribute('aria-invalid', 'true');
  else f.removeAttribute('aria-invalid');
  return msg && f;
}

// read returns the form as the engine's input, or the inputs it marked as wrong.
function read() {
  const outcome = form.elements.outcome.value, bad = [];
  const value = (id, empty, whole = 'Enter a whole date: day, month and year.') => {
    const f = $(id);
    bad.push(problem(id, f.validity.badInput ? whole : f.value ? '' : empty));
    return f.value;
  };
  const input = {
    interview: value('c-date', 'Enter the date of the interview.') + 'T' + value('c-time', 'Enter the time it started.', 'Enter a whole time.'),
    interviewers: [...names.querySelectorAll('input')].map(i => i.value).filter(n => n.trim()),
    decisionBy: value('c-decision', ''), rejected: '', offer: '', withdrew: '',
    weekend: form.elements.weekend.value,
    linkedinLimit: $('c-premium').checked ? rules.policy.linkedinLimitPremium : 0,
  };
  problem('c-when', '');
  if (outcome) input[outcome] = value('c-when', 'Enter the date it happened.');
  return bad.filter(Boolean).length ? bad.filter(Boolean) : input;
}

// link is step s's template page, filled in through the URL fragment.
function link(s, input) {
  const values = { interviewer_name: rules.steps.find(r => r.id === s.id).perInterviewer && input.interviewers.length ? s.to : '', interview_date: day(parseCivil(input.interview)) };
  const hash = Object.entries(values).filter(e => e[1]).map(([k, v]) => k + '=' + encodeURIComponent(v)).join('&');
  return `${form.dataset.templates}${s.message}/#${hash}`;
}

// calendar points the link a at a new .ics file.
function calendar(a, text, file) {
  urls.push(a.href = URL.createObjectURL(new Blob([text], { type: 'text/calendar' })));
  a.download = file;
  return a;
}

function show(input, p) {
  urls.forEach(URL.revokeObjectURL);
  urls = [];
  const title = s => rules.steps.find(r => r.id === s.id).title;
  $('c-steps').replaceChildren(...p.steps.map((s, i) => el('li', {},
    el('p', { className: 'when' }, el('time', { dateTime: s.suggested }, when(s.suggested))),
    el('p', {}, el('a', { href: link(s, input) }, title(s)), ' to ' + s.to),
    el('p', { className: 'why' }, s.note),
    el('p', { className: 'why' }, `Window: ${when(s.earliest)} to ${when(s.latest)}.`),
    el('p', {}, calendar(el('a', {}, 'Add to calendar', el('span', { className: 'vh' }, `: ${title(s)} to ${s.to}`)), ics(rules, input, p, i), `follow-up-${i + 1}.ics`)))));
  $('c-end').textContent = `Then: ${p.end}.`;
  calendar($('c-all'), ics(rules, input, p), 'follow-up-plan.ics');
  out.hidden = false;
  const s = p.steps[0];
  status.textContent = `Your plan has ${p.steps.length} messages.` + (s ? ` First: ${title(s)}, ${when(s.suggested)}.` : '');
}

// update plans from the form; on submit it also moves the focus to the plan or the first
// problem. The engine's own complaints (a date before the interview) go to their field.
function update(submit) {
  let input = read(), p;
  if (!input.length) {
    try {
      p = plan(rules, input);
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      const id = e.field === 'decisionBy' ? 'c-decision' : e.field !== 'interview' ? 'c-when' : /time of/.test(e.msg) ? 'c-time' : 'c-date';
      input = [problem(id, e.msg.replace(/^\S+ is before/, 'This date is before') + '.')];
    }
  }
  if (p) show(input, p);
  else status.textContent = 'Please check the form: ' + input.map(f => f.labels[0].textContent).join(', ') + '.';
  out.hidden = !p;
  if (submit) (p ? $('c-out-h') : input[0]).focus();
}

form.onsubmit = e => {
  e.preventDefault();
  update(shown = true);
};
form.onchange = e => {
  const picked = e.target.name === 'outcome' && e.target.value;
  if (e.target.name === 'outcome') $('c-when-f').hidden = !picked;
  // A just-picked outcome waits for its date rather than being called wrong at once.
  if (shown && !(picked && !$('c-when').value)) update();
};

fetch(form.dataset.rules)
  .then(r => r.json())
  .then(r => {
    rules = r;
    $(rules.policy.weekend === 'same-day' ? 'c-same' : 'c-monday').checked = true;
    form.querySelector('[type=submit]').disabled = false;
  })
  .catch(() => {
    form.hidden = true;
    status.textContent = 'The calculator could not load its rules; the timeline below still holds.';
  });
