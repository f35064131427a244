import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fragmentOf, valuesOf, ADD, isAdd, draftOf } from './interview-link.js';

const full = { date: '2026-03-12', time: '15:00', decision: '2026-03-20', names: ['Ana Ruiz', 'Tom & Jo = 1'], outcome: 'rejected', when: '2026-03-27', weekend: 'same-day', region: 'GB-SCT', premium: true };

test('a plan survives the fragment: every value, names in order, and premium', () => {
  const frag = fragmentOf(full);
  assert.equal(frag, 'date=2026-03-12&time=15%3A00&decision=2026-03-20&outcome=rejected&when=2026-03-27&weekend=same-day&region=GB-SCT&n=Ana+Ruiz&n=Tom+%26+Jo+%3D+1&premium=1');
  assert.deepEqual(valuesOf('#' + frag), full);
  assert.deepEqual(valuesOf(`#${ADD}&${frag}`), full, 'the companion reads the same values after its word');
});

test('invited to another round is handed over as any outcome is', () => {
  const next = { ...full, outcome: 'nextRound', when: '2026-03-24' };
  assert.match(fragmentOf(next), /&outcome=nextRound&when=2026-03-24&/);
  assert.deepEqual(valuesOf('#' + ADD + '&' + fragmentOf(next)), next);
});

test('empty values and blank names are left out, and read back empty', () => {
  const frag = fragmentOf({ date: '2026-03-12', time: '', names: ['', '  '], premium: false });
  assert.equal(frag, 'date=2026-03-12');
  assert.deepEqual(valuesOf(frag), { date: '2026-03-12', time: '', decision: '', outcome: '', when: '', weekend: '', region: '', names: [], premium: false });
});

test('an ordinary anchor, an empty fragment or unknown keys hold no values', () => {
  for (const hash of ['', '#', '#main', '#add', '#x=1&y=2', undefined]) assert.equal(valuesOf(hash), null, String(hash));
});

test('markup in a value stays text', () => {
  const v = valuesOf('#date=%3Cscript%3E&n=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E');
  assert.equal(v.date, '<script>');
  assert.deepEqual(v.names, ['<img src=x onerror=alert(1)>']);
});

test('the companion is asked to add only by its word first, and gets a draft to complete', () => {
  for (const [hash, want] of [['#add&date=2026-03-12', true], ['#add', true], ['add&x=1', true], ['#date=2026-03-12&add', false], ['#added=1', false], ['', false]]) {
    assert.equal(isAdd(hash), want, hash);
  }
  assert.deepEqual(draftOf(full), {
    company: '', role: '', interview: '2026-03-12T15:00', ends: '', decisionBy: '2026-03-20',
    interviewers: [{ name: 'Ana Ruiz', email: '' }, { name: 'Tom & Jo = 1', email: '' }],
  });
  assert.equal(draftOf(valuesOf('#add&time=15:00')).interview, '', 'no date: nothing to plan from yet');
});

test('a region alone is a value, and a link without one reads as the site\'s region ("")', () => {
  assert.deepEqual(valuesOf('#region=US'), { date: '', time: '', decision: '', outcome: '', when: '', weekend: '', region: 'US', names: [], premium: false });
  assert.equal(valuesOf('#date=2026-03-12&time=15%3A00').region, '');
  assert.equal(fragmentOf({ date: '2026-03-12', time: '15:00', region: '', names: [] }), 'date=2026-03-12&time=15%3A00');
});
