// Tests of timeline.js against the Go engine's shared vectors (generator/rules/testdata,
// regenerated with `go test ./generator/rules -run Vectors -update`), in several time zones.
// Run: node --test static/js/
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { plan, planJSON, InputError } from './timeline.js';

const testdata = new URL('../../generator/rules/testdata/', import.meta.url);
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

// checkVectors returns the names of the vectors this process computes differently.
function checkVectors() {
  const bad = [];
  for (const v of vectors) {
    let got;
    try {
      got = planJSON(plan(rules, v.input));
    } catch (e) {
      got = String(e);
    }
    // Go writes the vector's plan with the same encoder as `playbook plan --format json`.
    if (got !== planJSON(v.plan)) bad.push(`${v.name}\n got ${got}\nwant ${planJSON(v.plan)}`);
  }
  return bad;
}

// Run as a child with CHECK_VECTORS set: print the failures as JSON and do nothing else.
if (process.env.CHECK_VECTORS) {
  process.stdout.write(JSON.stringify({ offsets: offsets(), bad: checkVectors() }));
} else {
  test('there are vectors for every kind of case the issue lists', () => {
    assert.ok(vectors.length >= 20, `only ${vectors.length} vectors`);
    const names = vectors.map(v => v.name).join('\n');
    for (const word of ['month end', 'year end', 'leap', 'daylight saving', 'friday', 'thursday', 'rejected', 'offer', 'withdrew']) {
      assert.match(names, new RegExp(word, 'i'), `no vector named for ${word}`);
    }
    assert.ok(vectors.some(v => v.input.interviewers.length >= 2), 'no vector with several interviewers');
    for (const outcome of ['rejected', 'offer', 'withdrew']) {
      assert.ok(vectors.some(v => v.input[outcome]), `no vector with ${outcome}`);
    }
    assert.ok(vectors.some(v => v.input.decisionBy), 'no vector with a decision date');
    assert.ok(vectors.some(v => v.input.weekend === 'same-day'), 'no vector with the same-day policy');
    // Every step of the rules, and every variant of its note, is in some vector's plan.
    const notes = vectors.flatMap(v => v.plan.steps.map(s => s.id + ' ' + s.note));
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

  test('missing input fields mean the same as empty ones', () => {
    const full = { interview: '2026-03-13T10:00', interviewers: [], decisionBy: '', rejected: '', offer: '', withdrew: '', weekend: '', linkedinLimit: 0 };
    assert.deepEqual(plan(rules, { interview: '2026-03-13T10:00' }), plan(rules, full));
  });

  // The messages are Go's, word for word; the Go parity test (generator/rules/parity_test.go)
  // compares them on random input too.
  const bad = [
    [{}, 'interview', "missing; give the interview's date and time as YYYY-MM-DDTHH:MM"],
    [{ interview: '2026-03-12' }, 'interview', '"2026-03-12" is not a date and time; want YYYY-MM-DDTHH:MM, e.g. 2026-03-12T15:00'],
    [{ interview: '2026-02-30T10:00' }, 'interview', '"2026-02-30" is not a day on the calendar'],
    [{ interview: '2027-02-29T10:00' }, 'interview', '"2027-02-29" is not a day on the calendar'],
    [{ interview: '2026-03-12T25:00' }, 'interview', '"25:00" is not a time of day; want HH:MM between 00:00 and 24:00'],
    [{ interview: '2026-03-12T24:00' }, 'interview', '"2026-03-12T24:00": write the next day\'s 00:00 instead of 24:00'],
    [{ interview: '2026-0é-1T15:00' }, 'interview', '"2026-0é-1" is not a date; want YYYY-MM-DD, e.g. 2026-03-12'],
    [{ interview: '2026-03-1éT15:0' }, 'interview', '"2026-03-1éT15:0" is not a date and time; want YYYY-MM-DDTHH:MM, e.g. 2026-03-12T15:00'],
    [{ interview: '２０２６-03-12T15:00' }, 'interview', '"２０２６-03-12T15:00" is not a date and time; want YYYY-MM-DDTHH:MM, e.g. 2026-03-12T15:00'],
    [{ interview: '2026-03-12T15:00', withdrew: '2026-03-1\u00e9' }, 'withdrew', '"2026-03-1é" is not a date and time; want YYYY-MM-DDTHH:MM, e.g. 2026-03-12T15:00'],
    [{ interview: '2026-03-12T15:00', decisionBy: '2026-03-11' }, 'decisionBy', '2026-03-11 is before the interview (2026-03-12)'],
    [{ interview: '2026-03-12T15:00', decisionBy: '12/03/2026' }, 'decisionBy', '"12/03/2026" is not a date; want YYYY-MM-DD, e.g. 2026-03-12'],
    [{ interview: '2026-03-12T15:00', rejected: '2026-03-10' }, 'rejected', '2026-03-10 is before the interview (2026-03-12)'],
    [{ interview: '2026-03-12T15:00', rejected: '2026-03-12T14:59' }, 'rejected', '2026-03-12T14:59 is before the interview (2026-03-12T15:00)'],
    [{ interview: '2026-03-12T15:00', offer: '2026-03-20', withdrew: '2026-03-21' }, 'withdrew', 'give at most one outcome; offer is already given'],
    [{ interview: '2026-03-12T15:00', interviewers: ['Ana', ' \u3000'] }, 'interviewers', 'name 2 is empty'],
    [{ interview: '2026-03-12T15:00', weekend: 'sunday\n' }, 'weekend', 'unknown weekend policy "sunday\\n"; use "monday" or "same-day"'],
    [{ interview: '9000-01-01T10:00' }, 'interview', '9000-01-01 is too far in the future; give a year no later than 8999'],
    [{ interview: '8999-12-31T10:00', withdrew: '9000-01-03T09:00' }, 'withdrew', '9000-01-03 is too far in the future; give a year no later than 8999'],
    [{ interview: '2026-03-12T15:00', linkedinLimit: -1 }, 'linkedinLimit', "must be a positive number of characters, or 0 for the site's default"],
  ];
  for (const [input, field, msg] of bad) {
    test(`bad input ${JSON.stringify(input)}: ${field}`, () => {
      assert.throws(() => plan(rules, input), e => e instanceof InputError && e.field === field && e.msg === msg);
    });
  }

  test('names are trimmed as Go trims them: U+FEFF is not space, U+0085 is', () => {
    const p = plan(rules, { interview: '2026-03-12T15:00', interviewers: ['\u0085 Ana\u00a0', '\ufeffBo'] });
    assert.deepEqual(p.steps.filter(s => s.id === 'thank-you').map(s => s.to), ['Ana', '\ufeffBo']);
  });

  test('planJSON escapes the line and paragraph separators as Go does', () => {
    const p = plan(rules, { interview: '2026-03-12T15:00', interviewers: ['A\u2028B'] });
    assert.match(planJSON(p), /"to": "A\\u2028B"/);
    assert.ok(planJSON(p).endsWith('}\n'));
  });

  test('rules of another version are refused', () => {
    assert.throws(() => plan({ ...rules, version: 2 }, { interview: '2026-03-12T15:00' }), /version 1/);
  });
}
