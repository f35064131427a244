// Tests of companion-problems.js: the engine's problems in the page's words and dates.
// node --test static/js/
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { problemText } from './companion-problems.js';
import { plan } from './timeline.js';

const rules = JSON.parse(readFileSync(new URL('../../generator/load/rules/testdata/rules.json', import.meta.url), 'utf8'));

// refusal is the problem the engine gives for input, as the page gets it: {path, code, args}.
function refusal(input) {
  try {
    plan(rules, input);
  } catch (e) {
    return { path: e.field, code: e.code, args: e.args };
  }
  assert.fail(`the engine planned ${JSON.stringify(input)}`);
}

test('the engine’s refusals write their dates as the page does', () => {
  const iv = { interview: '2026-12-08T10:00', today: '2026-12-09T09:00' };
  const cases = [
    [{ ...iv, decisionBy: '2026-12-01' }, 'the decision date: Tuesday 1 December 2026 is before the interview (Tuesday 8 December 2026)'],
    [{ ...iv, facts: { replied: [{ on: '2026-12-10' }] } }, 'what you recorded, reply 1, the date of the reply: Thursday 10 December 2026 is later than today (Wednesday 9 December 2026, 09:00)'],
    [{ ...iv, ends: '09:00' }, 'the end time: It cannot end at 09:00: it started at Tuesday 8 December 2026, 10:00'],
    [{ ...iv, facts: { sent: [{ step: 'thank-you', at: '2026-12-08T10:30' }] } },
      'what you recorded, sent message 1, the time: Tuesday 8 December 2026, 10:30 is before the interview ended (Tuesday 8 December 2026, 11:00)'],
  ];
  for (const [input, want] of cases) {
    const p = refusal(input);
    assert.equal(problemText(p), want, JSON.stringify(p));
    assert.doesNotMatch(problemText(p), /\d{4}-\d\d-\d\d/);
  }
});

test('a value quoted as the visitor typed it stays as typed', () => {
  const iv = { interview: '2026-12-08T10:00' };
  for (const [input, want] of [[{ ...iv, decisionBy: '2026-02-30' }, 'the decision date: “2026-02-30” is not a day on the calendar'],
    [{ interview: '2026-12-08' }, 'the date and time of the interview: “2026-12-08” is not a date and time, such as 2026-03-12T15:00'],
    [{ ...iv, decisionBy: '8 Dec' }, 'the decision date: “8 Dec” is not a date, such as 2026-03-12']]) {
    const p = refusal(input);
    assert.equal(problemText(p), want, JSON.stringify(p));
  }
});
