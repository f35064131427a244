// Tests of companion.js's pure half: node --test static/js/
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dayText, whenText, sentence, templateHref, label } from './companion-words.js';
import { joinCalendars, calendarOf, cancelled } from './companion-calendar.js';
import { pathText, problemText, storageNote } from './companion-problems.js';
import { plan } from './timeline.js';
import { ics } from './calendar.js';
import { validateImport } from './companion-import.js';

test('dates are written for people, whatever the zone', () => {
  assert.equal(dayText('2026-03-12'), 'Thursday 12 March 2026');
  assert.equal(whenText('2028-02-29T09:05'), 'Tuesday 29 February 2028, 09:05');
  assert.equal(dayText('2026-03-29T01:30'), 'Sunday 29 March 2026');
});

test('problems are worded from their codes and paths', () => {
  assert.equal(pathText(''), 'the file');
  assert.equal(pathText('interviews.2.interviewers.0.email'), 'interview 3, interviewer 1, the e-mail address');
  assert.equal(pathText('interviews.0.facts.sent.4.at'), 'interview 1, what you recorded, sent message 5, the time');
  assert.equal(sentence(problemText({ path: 'interviews.0.company', code: 'too-long', args: { length: 81, max: 80 } })), 'Interview 1, the company is 81 characters long; at most 80 fit.');
  assert.equal(problemText({ path: '', code: 'not-json' }), 'the file is not a saved list (it is not JSON)');
  assert.equal(problemText({ path: 'x', code: 'some-new-code' }), '“x” could not be used (some-new-code)');
  // The engine's codes are inputerror.js's words, without a second full stop.
  assert.equal(sentence(problemText({ path: 'interview', code: 'not-a-date-time', args: { value: '12/03' } })), 'The date and time of the interview: “12/03” is not a date and time, such as 2026-03-12T15:00.');
  // Every code the state model can give for a hostile file is worded, none falls through.
  const hostile = [
    '{"format":"followup-playbook/companion","version":1,"interviews":[{"id":"a","interview":"2026-03-12T15:00","updated":"2026-03-12T18:04:05.000Z","__proto__":{"x":1}}]}',
    '{"format":"followup-playbook/companion","version":9,"interviews":[]}',
    '{"format":"other","version":1,"interviews":[]}',
    '{"format":"followup-playbook/companion","version":1,"interviews":[{"id":"a b","interview":"2026-02-30T15:00","company":"x\u0007","updated":"yesterday"},{"id":"a b","interview":"x"}]}',
    'not json',
  ];
  for (const text of hostile) {
    const v = validateImport(text);
    assert.equal(v.ok, false, text);
    for (const p of v.problems) assert.doesNotMatch(problemText(p), /could not be used/, JSON.stringify(p));
  }
});

test('a template link carries the values in its fragment, encoded', () => {
  assert.equal(templateHref('/b/templates/', 'thank-you', { interviewer_name: 'Zoë', role: 'R&D <lead>', to_email: 'a@b.c' }),
    '/b/templates/thank-you/#interviewer_name=Zo%C3%AB&role=R%26D%20%3Clead%3E&to_email=a%40b.c');
  assert.equal(templateHref('/templates/', 'chaser', {}), '/templates/chaser/');
});

test('one calendar of several interviews keeps every event once, with its UID', () => {
  const rules = JSON.parse(readFileSync(new URL('../../generator/load/rules/testdata/rules.json', import.meta.url), 'utf8').toString());
  const a = { interview: '2026-03-12T15:00', interviewers: ['Ana', 'Bo'], decisionBy: '2026-03-20' }, b = { interview: '2026-03-16T10:00' };
  const pa = plan(rules, a), pb = plan(rules, b);
  const opt = { zone: 'Europe/London', now: new Date('2026-03-14T09:30:00Z') };
  const one = [ics(rules, a, pa, { ...opt, key: 'a', only: 0 }), ics(rules, a, pa, { ...opt, key: 'a', only: 2 }), ics(rules, b, pb, { ...opt, key: 'b', only: 1 })];
  const all = joinCalendars(one);
  assert.match(all, /^BEGIN:VCALENDAR\r\n/);
  assert.ok(all.endsWith('\r\nEND:VCALENDAR\r\n'));
  assert.equal(all.match(/BEGIN:VEVENT/g).length, 3);
  for (const c of one) assert.ok(all.includes(c.slice(c.indexOf('BEGIN:VEVENT'), c.indexOf('END:VCALENDAR'))));
  assert.equal(all.match(/END:VCALENDAR/g).length, 1);
  assert.equal(joinCalendars([], rules), 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Follow-Up Playbook//playbook plan//EN\r\nEND:VCALENDAR\r\n');
  // calendarOf writes one step's file as calendar.js does, and several joined.
  assert.equal(calendarOf(rules, [{ input: a, plan: pa, index: 2, key: 'a' }], true, opt), one[1]);
  assert.equal(calendarOf(rules, [{ input: a, plan: pa, index: 0, key: 'a' }, { input: a, plan: pa, index: 2, key: 'a' }, { input: b, plan: pb, index: 1, key: 'b' }], false, opt), all);
  assert.match(all, /\r\nUID:b\.[a-z-]+\.[a-z0-9-]+@followup-playbook\r\n/, 'the interview id names the events');
  // A step's reminder links to its filled template.
  const page = 'https://example.org/templates/thank-you/#interviewer_name=Ana';
  const linked = calendarOf(rules, [{ input: a, plan: pa, index: 0, key: 'a', page }], true, opt);
  assert.equal(linked, ics(rules, a, pa, { ...opt, key: 'a', only: 0, pages: [page] }));
  assert.ok(linked.replace(/\r\n /g, '').includes(page), 'the description carries the template link');
});

test('an interview is named by company and role, or its day', () => {
  assert.equal(label({ company: 'Northwind', role: 'Data Analyst', interview: '2026-03-12T15:00' }), 'Northwind, Data Analyst');
  assert.equal(label({ company: ' ', role: '', interview: '2026-03-12T15:00' }), 'the interview of Thursday 12 March 2026');
  for (const r of ['unavailable', 'full', 'kept']) assert.ok(storageNote(r).length > 40);
});

test('after a rejection, a row file and the all-steps file cancel the chasers under their earlier UIDs', () => {
  const rules = JSON.parse(readFileSync(new URL('../../generator/load/rules/testdata/rules.json', import.meta.url), 'utf8').toString());
  const open = { interview: '2026-03-12T15:00', interviewers: ['Ana Ruiz'], company: 'Northwind' }, done = { ...open, rejected: '2026-03-16' };
  const before = plan(rules, open), after = plan(rules, done), opt = { zone: 'America/New_York', now: new Date('2026-03-14T09:30:00Z') };
  const gone = cancelled(rules, done, after);
  assert.ok(gone.some(s => /chaser/.test(s.id)), 'no chaser dropped');
  assert.deepEqual(cancelled(rules, open, before), []);
  const uid = (cal, status) => cal.split('BEGIN:VEVENT').slice(1).filter(e => e.includes('STATUS:' + status)).map(e => e.match(/UID:(\S+)/)[1]);
  const first = uid(ics(rules, open, before, { ...opt, key: 'iv1' }), 'CONFIRMED');
  const steps = after.steps.map((_, index) => ({ input: done, plan: after, index, key: 'iv1' }));
  for (const cal of [calendarOf(rules, steps, false, opt), calendarOf(rules, steps.slice(0, 1), true, opt), calendarOf(rules, [{ input: done, plan: after, index: -1, key: 'iv1' }], false, opt)]) {
    const off = uid(cal, 'CANCELLED');
    assert.equal(off.length, gone.length);
    for (const u of off) assert.ok(first.includes(u), u);
    assert.equal(cal.match(/END:VCALENDAR/g).length, 1);
  }
  assert.equal(uid(calendarOf(rules, steps, false, opt), 'CONFIRMED').length, after.steps.length);
});
