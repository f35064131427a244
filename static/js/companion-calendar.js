// companion-calendar.js: the follow-up companion's calendar files and one-click links. The
// pure half: one step's file (calendar.js's ics) or every upcoming step's, joined into one,
// with the steps an interview's outcome dropped, still ahead, sent as cancelled
// (docs/companion.md, "Calendar files"). The page's half,
// fillRow, fills a row's "Add to calendar" disclosure. companion.js loads it the first
// time the visitor asks for a calendar file or opens that disclosure; the pure half is
// tested with `node --test static/js/`.
import { ics, eventLinks, dropped, fileName, prodID } from './calendar.js';
import { plan, withoutOutcome } from './timeline.js';
import { civilTime } from './companion-agenda.js';

/**
 * joinCalendars makes one calendar of the events of several: the first one's header, every
 * VEVENT in order, one END:VCALENDAR. With no calendar at all it is an empty calendar made
 * by the site of rules.
 */
export function joinCalendars(cals, rules) {
  const head = cals.length ? cals[0].slice(0, cals[0].indexOf('BEGIN:VEVENT') >>> 0) : '';
  const events = cals.flatMap(c => c.match(/BEGIN:VEVENT\r\n[\s\S]*?END:VEVENT\r\n/g) || []);
  const top = head && head.includes('BEGIN:VCALENDAR') ? head.replace(/END:VCALENDAR\r\n$/, '') : 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\n' + prodID(rules) + '\r\n';
  return top + events.join('') + 'END:VCALENDAR\r\n';
}

/**
 * cancelled is the steps an interview's outcome dropped (input, its plan input, and p, its
 * plan): those of the same interview planned without its outcome (withoutOutcome, every
 * kind of outcome, another round's too) that p no longer has, as `playbook plan --format
 * ics` finds them. None without an outcome.
 */
export function cancelled(rules, input, p) {
  const open = withoutOutcome(input);
  // Without an outcome there is nothing to take away, and no second plan to make.
  if (Object.keys(open).every(k => (open[k] || '') === (input[k] || ''))) return [];
  try {
    return dropped(plan(rules, open), p);
  } catch {
    return [];
  }
}

// pagesOf is calendar.js's pages for step s: its filled template's address, at its place.
const pagesOf = s => Object.assign([], { [s.index]: s.page ?? '' });

/**
 * calendarOf is the calendar file of steps, each {input, plan, index, key, page} (the plan
 * input, its plan, the step's place in it, or -1 for none, the interview's id, which names
 * it in the UIDs, and the address of its filled template, which its description links to), followed by each of their interviews' cancelled steps, under the UIDs an
 * export before the outcome gave them. With one step and nothing cancelled it is
 * calendar.js's file of that step; else joinCalendars of the events. opt are calendar.js's
 * zone and now, and today (YYYY-MM-DDTHH:MM, now on the visitor's clock): with it, a
 * cancelled step whose time has passed is left out, as its reminder has gone off.
 */
export function calendarOf(rules, steps, one = steps.length === 1, opt = {}) {
  const seen = new Set(), cals = [];
  for (const s of steps) {
    if (s.index >= 0) cals.push(ics(rules, s.input, s.plan, { ...opt, key: s.key, only: s.index, pages: pagesOf(s) }));
  }
  let gone = 0;
  for (const s of steps) {
    if (seen.has(s.key)) continue;
    seen.add(s.key);
    // Every cancelled step goes to ics, also those left out: a step's UID counts the steps
    // before it that share its name.
    const cancel = cancelled(rules, s.input, s.plan);
    cancel.forEach((c, j) => {
      if (opt.today && c.suggested < opt.today) return;
      gone++;
      cals.push(ics(rules, s.input, s.plan, { ...opt, key: s.key, cancel, only: s.plan.steps.length + j }));
    });
  }
  return one && !gone ? cals[0] : joinCalendars(cals, rules);
}

// ignored is what calendars ignore, for the visitor, after a file cancelling gone events.
const ignored = gone => (gone ? `The file also cancels ${gone === 1 ? 'the event' : `${gone} events`} of what an outcome dropped; some calendars ignore cancellations, so delete those events by hand. ` : '') +
  'Google Calendar ignores the reminders when it imports a file.';
// options are calendarOf's for the page: its zone, and now as the export's time and as today.
function options(page) {
  const now = page.now();
  return { zone: page.win.Intl.DateTimeFormat().resolvedOptions().timeZone, now, today: civilTime(now) };
}

/**
 * upcomingFile is the file of every upcoming step: of steps (calendarOf's, with each
 * interview as a step of index -1 for its cancellations), those whose time is not before
 * opt.today, and the cancelled steps still ahead. A step overdue, or due with its time
 * passed, is on the page; a reminder of it would be in the past.
 */
export function upcomingFile(rules, steps, opt) {
  return calendarOf(rules, steps.filter(s => s.index < 0 || s.plan.steps[s.index].suggested >= opt.today), false, opt);
}

/**
 * fillAll points a, the link to every upcoming step's file, at that file (upcomingFile's
 * of steps), and says under it what calendars ignore.
 */
export function fillAll(page, a, steps) {
  const file = upcomingFile(page.rules, steps, options(page));
  a.href = page.blobURL(file, 'text/calendar');
  const note = page.$('fu-ics-note') ?? a.parentNode.after(page.el('p', { id: 'fu-ics-note', className: 'hint' })) ?? page.$('fu-ics-note');
  note.textContent = ignored((file.match(/STATUS:CANCELLED/g) || []).length);
}

/**
 * fillRow fills d, a row's "Add to calendar" disclosure, for step s ({input, plan, index,
 * key}): its calendar file (with what its interview's outcome cancelled), its Google
 * Calendar and Outlook.com links (new tabs), each named after the summary's hidden text
 * (the step, the person, the interview), and what calendars ignore.
 */
export function fillRow(page, d, s) {
  const { el, vh } = page, rules = page.rules, step = s.plan.steps[s.index];
  const about = d.querySelector('summary .vh')?.textContent ?? '';
  const opt = options(page);
  const links = eventLinks(rules, s.input, s.plan, s.index, { ...opt, pages: pagesOf(s) }), tab = { target: '_blank', rel: 'noopener' };
  const cal = calendarOf(rules, [s], true, opt), gone = (cal.match(/STATUS:CANCELLED/g) || []).length;
  const file = el('a', { href: page.blobURL(cal, 'text/calendar'), download: fileName(step.id, step.to, s.input.company) }, 'Calendar file (.ics)', vh(about));
  d.replaceChildren(d.querySelector('summary'),
    el('p', {}, file, ' · ', el('a', { ...tab, href: links.google }, vh('Add to '), 'Google Calendar', vh(about + ' (opens in a new tab)')),
      ' · ', el('a', { ...tab, href: links.outlook }, vh('Add to '), 'Outlook.com', vh(about + ' (opens in a new tab)'))),
    el('p', { className: 'hint' }, ignored(gone)));
  d.dataset.filled = '1';
}
