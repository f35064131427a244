// Tests of companion-form.js's pure half: node --test static/js/
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { endHint } from './companion-form.js';

test('the end time says how long an interview without one is taken to last, from the rules', () => {
  for (const [minutes, length] of [[60, 'one hour'], [90, 'one hour and 30 minutes'], [120, '2 hours'], [45, '45 minutes'], [121, '2 hours and one minute']]) {
    assert.equal(endHint(minutes), `If you leave it empty, we assume it lasted ${length}: the follow-ups count from its end.`);
  }
  assert.equal(endHint(0), 'If you leave it empty, the follow-ups count from the start time.');
  assert.equal(endHint(undefined), '', 'no rules, nothing said');
});
