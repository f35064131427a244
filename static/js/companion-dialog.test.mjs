// Tests of companion-dialog.js's pure half: node --test static/js/
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { outcomeProblem } from './companion-dialog.js';
import { problemText } from './companion-problems.js';
import { sentence } from './companion-words.js';

test('no outcome is dated after today, whatever it is', () => {
  const today = '2026-12-08T23:59';
  for (const [kind, field] of [['rejected', 'The date they turned you down'], ['offer', 'The date of the offer'], ['withdrew', 'The date you withdrew'],
    ['nextRound', 'The date they invited you to another round']]) {
    const p = outcomeProblem(kind, '2026-12-09', today);
    assert.deepEqual(p, { path: kind, code: 'after-today', args: { value: '2026-12-09', today: '2026-12-08' } });
    assert.equal(sentence(problemText(p)), `${field}: Wednesday 9 December 2026 is later than today (Tuesday 8 December 2026).`);
    assert.equal(outcomeProblem(kind, '2026-12-08', today), null, 'today is not later than today');
    assert.equal(outcomeProblem(kind, '2026-11-30', today), null);
  }
});
