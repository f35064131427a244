// Tests of calendar.js. Its bytes are compared with rules.ICS on random plans by
// generator/load/rules/parity_test.go; these check the iCalendar structure directly.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { plan } from './timeline.js';
import { ics } from './calendar.js';

const rules = JSON.parse(readFileSync(new URL('../../generator/load/rules/testdata/rules.json', import.meta.url), 'utf8'));
const input = { interview: '2026-03-12T15:00', interviewers: ['Zoë, Ødegård; "\\x"', '李雷'.repeat(30)], decisionBy: '2026-03-20' };
const p = plan(rules, input);

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

test('one event per step, in plan order, with floating local times', () => {
  const lines = unfold(ics(rules, input, p));
  assert.deepEqual(lines.slice(0, 5), ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Follow-Up Playbook//playbook plan//EN', 'CALSCALE:GREGORIAN', 'METHOD:PUBLISH']);
  assert.equal(lines.at(-1), 'END:VCALENDAR');
  assert.equal(lines.filter(l => l === 'BEGIN:VEVENT').length, p.steps.length);
  assert.deepEqual(lines.filter(l => l.startsWith('DTSTART')), p.steps.map(s => 'DTSTART:' + s.suggested.replace(/[-:]/g, '') + '00'));
  assert.ok(lines.includes('DTSTAMP:20260312T150000Z'));
  assert.ok(!lines.some(l => l.includes('TZID')), 'a floating calendar names no zone');
  assert.ok(lines.includes('DTEND:20260313T081500'), 'an event lasts 15 minutes');
});

test('text values are escaped and long names folded whole', () => {
  const lines = unfold(ics(rules, input, p));
  assert.ok(lines.includes('SUMMARY:Send: Thank-you note to one interviewer (to Zoë\\, Ødegård\\; "\\\\x")'));
  assert.ok(lines.includes(`SUMMARY:Send: Thank-you note to one interviewer (to ${'李雷'.repeat(30)})`));
  const description = lines.find(l => l.startsWith('DESCRIPTION:'));
  assert.match(description, /\\nWindow: 2026-03-12 16:00 to 2026-03-13 16:00\.\\nTemplate: thank-you$/);
});

test('one step alone keeps the UID it has in the whole plan', () => {
  const all = unfold(ics(rules, input, p)), uids = all.filter(l => l.startsWith('UID:'));
  assert.deepEqual(uids, p.steps.map((s, i) => `UID:20260312T150000-${i + 1}-${s.id}@followup-playbook`));
  const one = unfold(ics(rules, input, p, 2));
  assert.deepEqual(one.filter(l => l.startsWith('UID:')), [uids[2]]);
  assert.equal(one.filter(l => l === 'BEGIN:VEVENT').length, 1);
});
