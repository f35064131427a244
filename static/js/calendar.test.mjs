// Tests of calendar.js. Its bytes are compared with rules.ICS on random plans under five
// zones by generator/load/rules/parity_test.go; these check the iCalendar structure, the
// UTC times, the UIDs, the cancellations and the one-click links directly.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { plan } from './timeline.js';
import { parseDateTime } from './civil.js';
import { ics, eventLinks, dropped, utc, interviewKey, fileName, prodID } from './calendar.js';

const rules = JSON.parse(readFileSync(new URL('../../generator/load/rules/testdata/rules.json', import.meta.url), 'utf8'));
const input = { interview: '2026-03-12T15:00', interviewers: ['Zoë, Ødegård; "\\x"', '李雷'.repeat(30)], decisionBy: '2026-03-20', company: 'Northwind', role: 'Data Analyst' };
const p = plan(rules, input);
const opt = { zone: 'America/Los_Angeles', now: new Date('2026-03-14T09:30:15.678Z') };

// unfold checks RFC 5545's line rules and returns the content lines.
function unfold(text) {
  assert.ok(text.endsWith('\r\n'), 'the file ends with CRLF');
  const physical = text.slice(0, -2).split('\r\n');
  for (const line of physical) {
    assert.ok(!/[\r\n]/.test(line), 'a bare CR or LF');
    assert.ok(new TextEncoder().encode(line).length <= 75, `a line of more than 75 octets: ${line}`);
    assert.ok(!line.includes('\ufffd'), 'a fold split a UTF-8 sequence');
  }
  return physical.reduce((lines, l) => (l.startsWith(' ') ? (lines[lines.length - 1] += l.slice(1)) : lines.push(l), lines), []);
}

test('one event per step, in plan order, in UTC, stamped with the export', () => {
  const lines = unfold(ics(rules, input, p, opt));
  assert.deepEqual(lines.slice(0, 5), ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Follow-Up Playbook//playbook plan//EN', 'CALSCALE:GREGORIAN', 'METHOD:PUBLISH']);
  assert.equal(lines.at(-1), 'END:VCALENDAR');
  assert.equal(lines.filter(l => l === 'BEGIN:VEVENT').length, p.steps.length);
  // 08:00 on 13 March 2026, after the US change (8 March): Pacific daylight time, UTC-7.
  assert.equal(lines.find(l => l.startsWith('DTSTART')), 'DTSTART:20260313T150000Z');
  assert.ok(lines.filter(l => l.startsWith('DTSTAMP')).every(l => l === 'DTSTAMP:20260314T093015Z'));
  assert.ok(lines.includes('SEQUENCE:' + Math.floor(opt.now.getTime() / 60000)));
  assert.ok(!lines.some(l => /^DT(START|END):\d{8}T\d{6}$/.test(l)), 'a floating time');
  assert.throws(() => ics(rules, input, p, { now: opt.now }), /time zone/);
});

test('text values are escaped, long names folded whole, the job named', () => {
  const lines = unfold(ics(rules, input, p, opt));
  assert.ok(lines.includes('SUMMARY:Thank-you note to one interviewer\\, to Zoë\\, Ødegård\\; "\\\\x": Northwind\\, Data Analyst'));
  const description = lines.find(l => l.startsWith('DESCRIPTION:'));
  assert.match(description, /\\nWindow: 2026-03-12 16:00 to 2026-03-13 16:00\.\\nTemplate: thank-you$/);
  const linked = unfold(ics(rules, input, p, { ...opt, pages: ['https://x.test/t/#a=1'] }));
  assert.match(linked.find(l => l.startsWith('DESCRIPTION:')), /Template: https:\/\/x\.test\/t\/#a=1$/);
});

test('a UID names the interview, the step and the person, whatever else changes', () => {
  const uids = i => unfold(ics(rules, i, plan(rules, i), opt)).filter(l => l.startsWith('UID:'));
  const a = { interview: '2026-03-12T15:00', interviewers: ['Ana Ruiz', 'Bo'] }, b = { ...a, interviewers: ['Ana Ruiz', 'Chris', 'Bo'] };
  for (const u of uids(a)) assert.ok(uids(b).includes(u), `${u} lost when Chris was added`);
  assert.ok(uids(a).includes(`UID:${interviewKey(a)}.thank-you.ana-ruiz@followup-playbook`));
  const one = unfold(ics(rules, input, p, { ...opt, only: 2 })), all = unfold(ics(rules, input, p, opt));
  assert.deepEqual(one.filter(l => l.startsWith('UID:')), [all.filter(l => l.startsWith('UID:'))[2]]);
});

test('a site with a brand names itself in PRODID and ends every UID with its domain', () => {
  const branded = { ...rules, calendar: { name: 'Acme; Careers/Ltd', domain: 'example-agency.com' } };
  const lines = unfold(ics(branded, input, p, opt));
  assert.equal(lines[2], 'PRODID:-//Acme\\; CareersLtd//playbook plan//EN');
  assert.equal(prodID(branded), lines[2]);
  assert.ok(lines.filter(l => l.startsWith('UID:')).every(l => l.endsWith('@example-agency.com')));
  assert.equal(prodID(rules), 'PRODID:-//Follow-Up Playbook//playbook plan//EN', 'without a calendar, the default maker');
});

test('a rejection re-export cancels the chasers it dropped, with their UIDs', () => {
  const open = { interview: '2026-03-12T15:00', interviewers: ['Ana'] }, done = { ...open, rejected: '2026-03-13' };
  const before = plan(rules, open), after = plan(rules, done), gone = dropped(before, after);
  assert.ok(gone.some(s => /chaser/.test(s.id)), 'no chaser dropped');
  const first = unfold(ics(rules, open, before, opt)), again = unfold(ics(rules, done, after, { ...opt, now: new Date('2026-03-15T00:00Z'), cancel: gone }));
  assert.equal(again.filter(l => l === 'STATUS:CANCELLED').length, gone.length);
  const uid = again[again.indexOf('STATUS:CANCELLED') - 9];
  assert.ok(uid.startsWith('UID:') && first.includes(uid), uid);
  assert.ok(Number(again.find(l => l.startsWith('SEQUENCE:')).slice(9)) > Number(first.find(l => l.startsWith('SEQUENCE:')).slice(9)));
});

test('clock changes: a skipped time moves forward by the gap, a repeated one is its first', () => {
  const z = (t, zone) => new Date(utc(parseDateTime(t), zone)).toISOString();
  assert.equal(z('2026-03-29T01:30', 'Europe/London'), '2026-03-29T01:30:00.000Z');
  assert.equal(z('2026-10-25T01:30', 'Europe/London'), '2026-10-25T00:30:00.000Z');
  assert.equal(z('2026-03-08T02:15', 'America/Los_Angeles'), '2026-03-08T10:15:00.000Z');
  assert.equal(z('2026-11-01T01:15', 'America/Los_Angeles'), '2026-11-01T08:15:00.000Z');
});

test('Google and Outlook links carry the event at the same UTC times', () => {
  const { google, outlook } = eventLinks(rules, input, p, 0, { ...opt, pages: ['https://x.test/t/'] });
  const g = new URL(google), o = new URL(outlook);
  assert.equal(g.origin + g.pathname, 'https://calendar.google.com/calendar/render');
  assert.equal(g.searchParams.get('action'), 'TEMPLATE');
  assert.equal(g.searchParams.get('dates'), '20260313T150000Z/20260313T151500Z');
  assert.match(g.searchParams.get('text'), /^Thank-you note to one interviewer, to Zoë, Ødegård; "\\x": Northwind, Data Analyst$/);
  assert.match(g.searchParams.get('details'), /Template: https:\/\/x\.test\/t\/$/);
  assert.equal(o.origin + o.pathname, 'https://outlook.live.com/calendar/deeplink/compose');
  assert.equal(o.searchParams.get('startdt'), '2026-03-13T15:00:00Z');
  assert.equal(o.searchParams.get('enddt'), '2026-03-13T15:15:00Z');
  assert.equal(o.searchParams.get('subject'), g.searchParams.get('text'));
  assert.ok(!google.includes('+') && !outlook.includes('+'), 'a space as + reads as a plus in some clients');
});

test('file names are readable ASCII slugs, with a fallback', () => {
  assert.equal(fileName('thank-you', 'Ana Ruiz', 'Northwind'), 'thank-you-ana-ruiz-northwind.ics');
  assert.equal(fileName('thank-you', 'Zoë, Ødegård; "\\x"', ''), 'thank-you-zoe-degard-x.ics');
  assert.equal(fileName('chaser', '李雷', 'Café Ünd Co.'), 'chaser-cafe-und-co.ics');
  assert.equal(fileName('', '李雷', undefined), 'follow-up.ics');
  assert.ok(fileName('x', 'a'.repeat(200)).length <= 84);
  assert.match(fileName('x', 'a'.repeat(200)), /^[a-z0-9-]+\.ics$/);
});
