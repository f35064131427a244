// Tests of timeline-svg.js: the browser draws each plan of generator/render's golden
// tests exactly as Go's TimelineSVG wrote it (go test ./generator/render -run
// TestTimelineSVG -update rewrites the plans and the drawings): node --test static/js/
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { timelineSVG } from './timeline-svg.js';

const dir = new URL('../../generator/render/testdata/timeline-svg/', import.meta.url);
const rules = JSON.parse(readFileSync(new URL('../../generator/load/rules/testdata/rules.json', import.meta.url), 'utf8'));

// fakeDoc makes the few DOM calls timelineSVG uses, keeping what they were given.
const fakeDoc = {
  createElementNS: (ns, tag) => ({
    ns, tag, attrs: [], textContent: '', kids: [],
    setAttribute(k, v) { this.attrs.push([k, v]); },
    append(...kids) { this.kids.push(...kids); },
  }),
};

// markup writes an element as Go's writeSVG does, escaping as html/template's HTMLEscapeString.
const escape = s => s.replace(/[&'<>"]/g, c => ({ '&': '&amp;', "'": '&#39;', '<': '&lt;', '>': '&gt;', '"': '&#34;' })[c]);
const markup = e => `<${e.tag}${e.attrs.map(([k, v]) => ` ${k}="${escape(v)}"`).join('')}>${escape(e.textContent)}${e.kids.map(markup).join('')}</${e.tag}>`;

test('the browser draws every golden plan as Go does, byte for byte', async t => {
  const cases = readdirSync(dir).filter(f => f.endsWith('.json'));
  assert.ok(cases.length >= 4, `only ${cases.length} plans in ${dir.pathname}`);
  for (const f of cases) {
    await t.test(f, () => {
      const { interview, plan } = JSON.parse(readFileSync(new URL(f, dir), 'utf8'));
      const svg = timelineSVG(fakeDoc, rules, plan, interview);
      assert.equal(svg.ns, 'http://www.w3.org/2000/svg');
      assert.equal(markup(svg) + '\n', readFileSync(new URL(f.replace(/json$/, 'svg'), dir), 'utf8'));
    });
  }
});

test('a title with markup in it stays text', () => {
  const r = { steps: [{ id: 'thank-you', title: 'Thanks <b>&</b> "more"' }] };
  const plan = { steps: [{ id: 'thank-you', suggested: '2026-03-10T17:00' }] };
  const svg = timelineSVG(fakeDoc, r, plan, '2026-03-10T14:00');
  const label = svg.kids.at(-1);
  assert.equal(label.textContent, 'Thanks <b>&</b> "more"');
  assert.equal(label.kids.length, 0);
});

test('a plan without steps draws nothing', () => {
  assert.equal(timelineSVG(fakeDoc, rules, { steps: [], end: 'no reply: move on' }, '2026-03-10T14:00'), null);
});
