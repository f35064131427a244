// Tests of companion-file.js's pure half: node --test static/js/
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openedText } from './companion-file.js';
import { validateImport, previewImport } from './companion-import.js';
import { addChange } from './companion-edit.js';

// stamps is a page's clock for the tests: each stamp after the last.
let n = 0;
const stamp = () => `${String(1765000000000 + n++).padStart(13, '0')}-0000-abcdefgh`;
const ivFields = (company, interview) => ({ company, role: '', interview, ends: '', interviewers: [], decisionBy: '' });
const v1 = ivs => JSON.stringify({ format: 'followup-playbook/companion', version: 1, interviews: ivs.map(([id, company]) => ({
  id, company, role: '', interview: '2026-03-12T15:00', ends: '', interviewers: [], decisionBy: '', rejected: '', offer: '', withdrew: '',
  facts: { sent: [], skipped: [], replied: [] }, updated: '2026-03-12T18:00:00.000Z',
})) });

test('opening a file says what it added to what', () => {
  const log = [addChange(ivFields('Initech', '2026-03-10T10:00'), stamp()), addChange(ivFields('Globex', '2026-03-11T10:00'), stamp()), addChange(ivFields('Hooli', '2026-03-11T14:00'), stamp())];
  const open = (text, into) => openedText(previewImport(into, validateImport(text), stamp));
  assert.equal(open(v1([['a1', 'Northwind']]), log), 'Added 1 interview to your list of 3.');
  assert.equal(open(v1([['a1', 'Northwind'], ['a2', 'Contoso']]), []), 'Added 2 interviews to your empty list.');
  assert.equal(open(v1([['a1', 'Northwind'], ['a2', 'Contoso']]), log.slice(0, 1)), 'Added 2 interviews to your list of 1.');
  // The same interviews again, two of them changed, and one more.
  const mine = previewImport([], validateImport(v1([['a1', 'Northwind'], ['a2', 'Contoso']])), stamp).changes;
  assert.equal(open(v1([['a1', 'Northwind Ltd'], ['a2', 'Contoso Ltd'], ['a3', 'Fabrikam']]), [...log, ...mine]), 'Added 1 interview to your list of 5; 2 changed.');
  assert.equal(open(v1([['a1', 'Northwind plc']]), [...log, ...mine]), 'In your list of 5: 1 changed.');
  assert.equal(openedText({ added: [], changed: [], removed: [], had: 2 }), 'Opened: nothing in your list of 2 changed.');
  assert.equal(openedText({ added: [{}], changed: [{}], removed: [{}, {}], had: 4 }), 'Added 1 interview to your list of 4; 1 changed; 2 deleted.');
});
