// companion-calendar.js: the follow-up companion's calendar files, with no DOM: one step's
// (calendar.js's ics) or every upcoming step's, joined into one. companion.js loads it the
// first time the visitor asks for a calendar file, and writes the file then; tested with
// `node --test static/js/`.
import { ics } from './calendar.js';

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

/**
 * calendarOf is the calendar file of steps, each {input, plan, index, key} (the plan input,
 * its plan, the step's place in it and the interview's id, which names it in the UIDs): with
 * one step, calendar.js's file of that step; with several (or none), joinCalendars of
 * theirs. opt are calendar.js's zone and now.
 */
export function calendarOf(rules, steps, one = steps.length === 1, opt = {}) {
  const cals = steps.map(s => ics(rules, s.input, s.plan, { ...opt, key: s.key, only: s.index }));
  return one ? cals[0] : joinCalendars(cals);
}
