// Tests of companion-calendar.js's pure half: node --test static/js/
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { upcomingFile, cancelled, calendarOf } from './companion-calendar.js';
import { plan, withoutOutcome } from './timeline.js';
import { ics } from './calendar.js';

const rules = JSON.parse(readFileSync(new URL('../../generator/load/rules/testdata/rules.json', import.meta.url), 'utf8'));
const opt = { zone: 'Europe/London', now: new Date('2026-03-10T12:00:00Z'), today: '2026-03-10T12:00' };

// events are a calendar's VEVENTs: {uid, status, text}.
const events = cal => (cal.match(/BEGIN:VEVENT\r\n[\s\S]*?END:VEVENT\r\n/g) || []).map(text => ({ uid: /\r\nUID:(.*)\r\n/.exec(text)[1], status: /\r\nSTATUS:(.*)\r\n/.exec(text)[1], text }));
const uids = (list, status) => list.filter(e => e.status === status).map(e => e.uid).sort();

test('the file of every upcoming step holds the steps still ahead, and cancels only what is still ahead', () => {
  const open = { interview: '2026-03-02T10:00', interviewers: ['Ana Ruiz'], company: 'Northwind', decisionBy: '2026-03-06' };
  const inputs = { open, rejected: { ...open, rejected: '2026-03-05' }, next: { ...open, nextRound: '2026-03-05' }, later: { ...open, interview: '2026-03-12T10:00', decisionBy: '' } };
  // The page's steps: each row's (every step of every plan here) and each interview's, for its cancellations.
  const steps = Object.entries(inputs).flatMap(([key, input]) => {
    const p = plan(rules, input);
    return [...p.steps.map((_, index) => ({ input, plan: p, index, key })), { input, plan: p, index: -1, key }];
  });
  const file = events(upcomingFile(rules, steps, opt));
  const want = { CONFIRMED: [], CANCELLED: [] };
  let past = 0;
  for (const [key, input] of Object.entries(inputs)) {
    // Each event as the interview's own whole file has it, and each cancelled one as it was
    // before the outcome: the same UIDs and bytes.
    const p = plan(rules, input), before = plan(rules, withoutOutcome(input)), gone = cancelled(rules, input, p);
    const own = events(ics(rules, input, p, { ...opt, key, cancel: gone }));
    const earlier = events(ics(rules, withoutOutcome(input), before, { ...opt, key }));
    [...p.steps, ...gone].forEach((s, i) => {
      if (s.suggested < opt.today) return past++;
      const e = own[i];
      want[e.status].push(e.uid);
      assert.ok(file.some(f => f.text === e.text), `the file lacks ${e.uid}'s event as calendar.js writes it`);
      if (e.status === 'CANCELLED') assert.ok(earlier.some(x => x.uid === e.uid && x.status === 'CONFIRMED'), `${e.uid} was not offered before the outcome`);
    });
  }
  assert.ok(past > 0, 'the case has steps and cancellations in the past');
  assert.deepEqual(uids(file, 'CONFIRMED'), want.CONFIRMED.sort());
  assert.deepEqual(uids(file, 'CANCELLED'), want.CANCELLED.sort());
  assert.ok(want.CANCELLED.some(u => u.startsWith('next.')) && want.CANCELLED.some(u => u.startsWith('rejected.')), 'both outcomes cancel a chaser still ahead');
  assert.equal(uids(file, 'CONFIRMED').filter(u => u.startsWith('open.')).length, 1, 'of the open interview, its second chaser alone is ahead');
});

test('another round cancels the chasers, as a rejection does; no outcome cancels nothing', () => {
  const open = { interview: '2026-03-02T10:00', interviewers: ['Ana Ruiz'], decisionBy: '2026-03-06' };
  for (const outcome of ['rejected', 'nextRound']) {
    const input = { ...open, [outcome]: '2026-03-05' }, gone = cancelled(rules, input, plan(rules, input));
    assert.deepEqual(gone.map(s => s.id), ['chaser', 'second-chaser'], outcome);
  }
  assert.deepEqual(cancelled(rules, open, plan(rules, open)), []);
  // A row's file cancels what is still ahead too, and only with today: without it, all.
  const input = { ...open, nextRound: '2026-03-05' }, p = plan(rules, input), row = [{ input, plan: p, index: 0, key: 'iv' }];
  assert.deepEqual(events(calendarOf(rules, row, true, opt)).map(e => e.status), ['CONFIRMED', 'CANCELLED']);
  assert.deepEqual(events(calendarOf(rules, row, true, { ...opt, today: undefined })).map(e => e.status), ['CONFIRMED', 'CANCELLED', 'CANCELLED']);
});
