// Tests of timeline.js against the Go engine's shared vectors (generator/load/rules/testdata,
// regenerated with `go test ./generator/load/rules -run Vectors -update`), in several time zones.
// Run: node --test static/js/
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { plan, planJSON, InputError, holidaysNote } from './timeline.js';
import { message } from './inputerror.js';

const testdata = new URL('../../generator/load/rules/testdata/', import.meta.url);
const rules = JSON.parse(readFileSync(new URL('rules.json', testdata), 'utf8'));
const vectors = JSON.parse(readFileSync(new URL('vectors.json', testdata), 'utf8'));

// The zones the plans must not depend on: no offset, west and east of UTC, a half-hour
// offset, and the southern hemisphere, whose clocks change the other way. Each with its
// offsets (Date's getTimezoneOffset, minutes west of UTC) in January and July, which prove
// the child really ran in it.
const ZONES = {
  'UTC': [0, 0],
  'America/Los_Angeles': [480, 420],
  'Europe/London': [0, -60],
  'Asia/Kolkata': [-330, -330],
  'Pacific/Auckland': [-780, -720],
};
const offsets = () => [0, 6].map(m => new Date(2026, m, 15).getTimezoneOffset());

// result is what a vector records for input: the plan's JSON, or the input error's
// field, code and args (with the args' keys sorted, as Go writes them).
function result(input) {
  try {
    return planJSON(plan(rules, input));
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    return JSON.stringify({ field: e.field, code: e.code, args: Object.fromEntries(Object.entries(e.args).sort()) });
  }
}
const want = v => (v.plan ? planJSON(v.plan) : JSON.stringify(v.error));

// checkVectors returns the names of the vectors this process computes differently.
function checkVectors() {
  const bad = [];
  for (const v of vectors) {
    const got = result(v.input);
    if (got !== want(v)) bad.push(`${v.name}\n got ${got}\nwant ${want(v)}`);
  }
  return bad;
}

// Run as a child with CHECK_VECTORS set: print the failures as JSON and do nothing else.
if (process.env.CHECK_VECTORS) {
  process.stdout.write(JSON.stringify({ offsets: offsets(), bad: checkVectors() }));
} else {
  test('there are vectors for every kind of case the issue lists', () => {
    assert.ok(vectors.filter(v => v.plan).length >= 20, 'fewer than 20 plan vectors');
    assert.ok(vectors.filter(v => v.error).length >= 13, 'fewer than 13 input error vectors');
    const names = vectors.map(v => v.name).join('\n');
    for (const word of ['month end', 'year end', 'leap', 'daylight saving', 'friday', 'thursday', 'rejected', 'offer', 'withdrew',
      'next round', 'ends', 'sent', 'skipped', 'replied', 'today', 'overdue', 'due', 'upcoming', 'daylight saving weekend', 'chaser in the morning']) {
      assert.match(names, new RegExp(word, 'i'), `no vector named for ${word}`);
    }
    assert.ok(vectors.some(v => v.input.interviewers.length >= 2), 'no vector with several interviewers');
    for (const outcome of ['rejected', 'offer', 'withdrew', 'nextRound']) {
      assert.ok(vectors.some(v => v.input[outcome]), `no vector with ${outcome}`);
    }
    assert.ok(vectors.some(v => v.input.decisionBy), 'no vector with a decision date');
    assert.ok(vectors.some(v => v.input.weekend === 'same-day'), 'no vector with the same-day policy');
    for (const kind of ['sent', 'skipped', 'replied']) {
      assert.ok(vectors.some(v => v.plan && v.input.facts?.[kind]?.length), `no plan vector with a ${kind} fact`);
    }
    assert.ok(vectors.some(v => v.input.facts?.replied?.some(r => r.decisionBy)), 'no vector with a reply giving a new date');
    assert.ok(vectors.some(v => v.input.facts?.replied?.some(r => !r.decisionBy)), 'no vector with a reply without a date');
    const statuses = new Set(vectors.flatMap(v => v.plan?.steps.map(s => s.status) ?? []));
    for (const st of ['done', 'overdue', 'due', 'upcoming']) assert.ok(statuses.has(st), `no vector with a ${st} step`);
    const moved = new Set(vectors.flatMap(v => v.plan?.steps.flatMap(s => (s.movedBy ?? []).map(m => m.fact)) ?? []));
    assert.deepEqual([...moved].sort(), ['overdue', 'replied', 'sent'], 'no vector moved by each kind of fact');
    assert.ok(vectors.some(v => v.plan?.end === rules.ends['next-round']), 'no vector ends with another round');
    // Every step of the rules, and every variant of its note, is in some vector's plan.
    const notes = vectors.flatMap(v => v.plan?.steps.map(s => s.id + ' ' + s.note) ?? []);
    for (const s of rules.steps) {
      for (const note of [s.note, s.noteWeekend, s.noteWithout].filter(Boolean)) {
        const start = note.split('{')[0];
        assert.ok(notes.some(n => n.startsWith(s.id + ' ' + start)), `no vector shows step ${s.id} with the note "${start}…"`);
      }
    }
  });

  test('every vector, in this process', () => {
    assert.deepEqual(checkVectors(), []);
  });

  for (const [zone, want] of Object.entries(ZONES)) {
    test(`every vector with TZ=${zone}`, () => {
      const env = { ...process.env, TZ: zone, CHECK_VECTORS: '1' };
      delete env.NODE_TEST_CONTEXT; // the child is a plain script, not a test file
      const out = execFileSync(process.execPath, [fileURLToPath(import.meta.url)], { env, encoding: 'utf8' });
      const { offsets: seen, bad } = JSON.parse(out);
      assert.deepEqual(seen, want, 'the child did not run in the zone asked for');
      assert.deepEqual(bad, []);
    });
  }

  test('the plan has the JSON contract, in the key order of the Go output', () => {
    const p = plan(rules, { interview: '2026-03-12T15:00', interviewers: ['Priya'] });
    assert.deepEqual(Object.keys(p), ['steps', 'end']);
    assert.deepEqual(Object.keys(p.steps[0]), ['id', 'message', 'to', 'earliest', 'suggested', 'latest', 'note']);
  });

  test('missing input fields mean the same as empty ones, facts included', () => {
    const full = {
      interview: '2026-03-13T10:00', ends: '', interviewers: [], decisionBy: '', rejected: '', offer: '', withdrew: '', weekend: '', linkedinLimit: 0,
      company: '', role: '', today: '', facts: { sent: [], skipped: [], replied: [] },
    };
    assert.deepEqual(plan(rules, { interview: '2026-03-13T10:00' }), plan(rules, full));
    assert.deepEqual(plan(rules, { interview: '2026-03-13T10:00', facts: { sent: null } }), plan(rules, full));
  });

  test('a done step has the status, sent time and facts keys in the order of the Go output', () => {
    const input = { interview: '2026-03-12T10:00', interviewers: ['Ana'], today: '2026-03-16T09:00', facts: { sent: [{ step: 'thank-you', to: 'Ana', at: '2026-03-12T14:00' }] } };
    const [thanks, linkedin] = plan(rules, input).steps;
    assert.deepEqual(Object.keys(thanks), ['id', 'message', 'to', 'earliest', 'suggested', 'latest', 'note', 'status', 'sent']);
    assert.deepEqual(Object.keys(linkedin), ['id', 'message', 'to', 'earliest', 'suggested', 'latest', 'note', 'status', 'movedBy']);
    assert.deepEqual(linkedin.movedBy, [{ fact: 'sent', step: 'thank-you', to: 'Ana' }]);
    assert.equal(linkedin.earliest, '2026-03-13T14:00', 'the linkedin note counts from the thank-you as sent');
  });

  test('planning leaves the input as it was', () => {
    const input = { interview: '2026-03-12T10:00', interviewers: [' Ana '], facts: { sent: [{ step: 'thank-you', at: '2026-03-12T14:00' }], replied: [{ on: '2026-03-20' }, { on: '2026-03-14' }] } };
    const copy = structuredClone(input);
    plan(rules, input);
    assert.deepEqual(input, copy);
  });

  test('every input error code is worded, with every one of its args', () => {
    const codes = new Set();
    for (const { error: e } of vectors.filter(v => v.error)) {
      codes.add(e.code);
      const text = message(e.code, e.args);
      assert.notEqual(text, e.code, `no wording for ${e.code}`);
      for (const [k, v] of Object.entries(e.args)) assert.ok(text.includes(v), `${e.code}: "${text}" does not show ${k}`);
      assert.equal(new InputError(e.field, e.code, e.args).message, `${e.field}: ${e.code}`);
    }
    assert.equal(codes.size, 21, 'a code is missing from the vectors');
  });

  test('an unknown code is shown as itself, never as a wording of another', () => {
    assert.equal(message('no-such-code', {}), 'no-such-code');
    assert.equal(message('constructor', {}), 'constructor');
  });

  test('names are trimmed with trim(), as rules.trimName trims: U+FEFF goes, U+0085 stays', () => {
    const p = plan(rules, { interview: '2026-03-12T15:00', interviewers: ['\u0085 Ana\u00a0', '\ufeffBo', '\u200bCy\u2029'] });
    assert.deepEqual(p.steps.filter(s => s.id === 'thank-you').map(s => s.to), ['\u0085 Ana', 'Bo', '\u200bCy']);
    assert.throws(() => plan(rules, { interview: '2026-03-12T15:00', interviewers: ['\ufeff\u3000'] }), e => e.code === 'empty-name');
  });

  test('an event named like an Object property is no event', () => {
    const odd = { ...rules, steps: rules.steps.map(s => (s.id === 'chaser' ? { ...s, dayAfter: 'constructor' } : s)) };
    assert.doesNotThrow(() => plan(odd, { interview: '2026-03-12T15:00' }));
  });

  test('planJSON escapes the line and paragraph separators as Go does', () => {
    const p = plan(rules, { interview: '2026-03-12T15:00', interviewers: ['A\u2028B'] });
    assert.match(planJSON(p), /"to": "A\\u2028B"/);
    assert.ok(planJSON(p).endsWith('}\n'));
  });

  test('a plan outside the span of known holidays says so, one inside or without a region does not', () => {
    const outside = plan(rules, { interview: '2030-12-24T15:00', region: 'GB-ENG' });
    assert.equal(outside.holidays, 'outside');
    assert.match(holidaysNote(rules, outside), /not taken into account.*2025 to 2029/);
    for (const input of [{ interview: '2026-12-24T15:00', region: 'GB-ENG' }, { interview: '2030-12-24T15:00' }]) {
      const p = plan(rules, input);
      assert.equal(p.holidays, undefined);
      assert.equal(holidaysNote(rules, p), '');
    }
  });

  test("the site's region is the default, and a visitor's own replaces it", () => {
    const site = { ...rules, policy: { ...rules.policy, region: 'US' } };
    const thanksgiving = { interview: '2026-11-25T15:00' };
    assert.equal(plan(site, thanksgiving).steps[0].suggested, '2026-11-27T08:00');
    assert.equal(plan(site, { ...thanksgiving, region: 'GB-ENG' }).steps[0].suggested, '2026-11-26T08:00');
    assert.equal(plan(rules, thanksgiving).steps[0].suggested, '2026-11-26T08:00');
  });

  test('rules of another version are refused', () => {
    assert.throws(() => plan({ ...rules, version: 2 }, { interview: '2026-03-12T15:00' }), /version 5/);
  });
}
