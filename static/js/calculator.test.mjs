// Tests of calculator.js's pure half, the form to the engine's input and its problems:
// node --test static/js/
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { checkText, formInput, planForm, problemText, templateLink, when, start } from './calculator.js';
import * as timeline from './timeline.js';
import { message } from './inputerror.js';
const { plan } = timeline;

const rules = JSON.parse(readFileSync(new URL('../../generator/load/rules/testdata/rules.json', import.meta.url), 'utf8'));

// form is a filled form: an interview on a Thursday afternoon, no news, nothing wrong.
const form = over => ({
  date: '2026-03-12', time: '15:00', decision: '', when: '', names: ['Priya'], outcome: '',
  weekend: 'monday', premium: false, incomplete: [], ...over,
});

test('what a visitor typed, and the problems shown under each field', async t => {
  const cases = [
    ['an empty form', { date: '', time: '', names: [''] }, [['c-date', 'empty', 'Enter the date of the interview.'], ['c-time', 'empty', 'Enter the time it started.']]],
    ['a half-typed date', { incomplete: ['c-date'] }, [['c-date', 'incomplete', 'Enter a whole date: day, month and year.']]],
    ['a half-typed time', { incomplete: ['c-time'] }, [['c-time', 'incomplete', 'Enter a whole time.']]],
    ['a half-typed decision date', { incomplete: ['c-decision'] }, [['c-decision', 'incomplete', 'Enter a whole date: day, month and year.']]],
    ['an outcome without its date', { outcome: 'withdrew' }, [['c-when', 'empty', 'Enter the date it happened.']]],
    ['a date written day first', { date: '12/03/2026' }, [['c-date', 'not-a-date', '“12/03/2026” is not a date, such as 2026-03-12.']]],
    ['a time without its zero', { time: '7:00' }, [['c-time', 'not-a-time', '“7:00” is not a time of day, such as 15:00.']]],
    ['30 February', { date: '2026-02-30' }, [['c-date', 'not-a-day', '“2026-02-30” is not a day on the calendar.']]],
    ['midnight written 24:00', { time: '24:00' }, [['c-time', 'end-of-day', "“24:00” says 24:00: give the next day's 00:00."]]],
    ['a time past 23:59', { time: '25:00' }, [['c-time', 'not-a-time', '“25:00” is not a time of day, such as 15:00.']]],
    ['the year 9000', { date: '9000-01-01' }, [['c-date', 'too-late', '9000-01-01 is too far ahead: the last year is 8999.']]],
    ['a decision date before the interview', { decision: '2026-03-11' }, [['c-decision', 'before-interview', '2026-03-11 is before the interview (2026-03-12).']]],
    ['a rejection before the interview', { outcome: 'rejected', when: '2026-03-10' }, [['c-when', 'before-interview', '2026-03-10 is before the interview (2026-03-12).']]],
  ];
  for (const [name, over, want] of cases) {
    await t.test(name, () => {
      const r = planForm(timeline, rules, form(over));
      assert.equal(r.plan, undefined);
      assert.deepEqual(r.problems.map(p => [p.id, p.code, problemText(p, message)]), want);
    });
  }
});

test('a good form is the input the engine plans', async t => {
  const cases = [
    ['the defaults', {}, { interview: '2026-03-12T15:00', interviewers: ['Priya'], decisionBy: '', rejected: '', offer: '', withdrew: '', weekend: 'monday', linkedinLimit: 0, region: '' }],
    ['empty name rows are left out, Premium is its limit', { names: ['', 'Ana', ' \u3000', 'Bo '], premium: true, weekend: 'same-day' },
      { interview: '2026-03-12T15:00', interviewers: ['Ana', 'Bo '], decisionBy: '', rejected: '', offer: '', withdrew: '', weekend: 'same-day', linkedinLimit: 300, region: '' }],
    ['an outcome and a decision date', { outcome: 'offer', when: '2026-03-20', decision: '2026-03-27' },
      { interview: '2026-03-12T15:00', interviewers: ['Priya'], decisionBy: '2026-03-27', rejected: '', offer: '2026-03-20', withdrew: '', weekend: 'monday', linkedinLimit: 0, region: '' }],
    ['invited to another round', { outcome: 'nextRound', when: '2026-03-20' },
      { interview: '2026-03-12T15:00', interviewers: ['Priya'], decisionBy: '', rejected: '', offer: '', withdrew: '', nextRound: '2026-03-20', weekend: 'monday', linkedinLimit: 0, region: '' }],
    ['a date for an outcome not picked is ignored', { when: 'not a date' },
      { interview: '2026-03-12T15:00', interviewers: ['Priya'], decisionBy: '', rejected: '', offer: '', withdrew: '', weekend: 'monday', linkedinLimit: 0, region: '' }],
  ];
  for (const [name, over, want] of cases) {
    await t.test(name, () => {
      assert.deepEqual(formInput(form(over), rules.policy), { input: want });
      assert.deepEqual(planForm(timeline, rules, form(over)), { input: want, plan: plan(rules, want) });
    });
  }
});

test('template links carry the name for per-person steps, and the date', () => {
  const { input, plan: p } = planForm(timeline, rules, form({ names: ['Zoë & Co', 'Bo'] }));
  const links = p.steps.map(s => templateLink('/t/', rules, s, input));
  assert.equal(links[0], '/t/thank-you/#interviewer_name=Zo%C3%AB%20%26%20Co&interview_date=12%20March');
  assert.ok(links.includes('/t/chaser/#interview_date=12%20March'));
  const premium = formInput(form({ premium: true }), rules.policy).input;
  assert.equal(templateLink('/t/', rules, plan(rules, premium).steps[0], premium), '/t/thank-you/#interviewer_name=Priya&interview_date=12%20March&premium=1',
    'the Premium choice goes to the templates, for the LinkedIn note\'s count');
  assert.equal(when('2026-03-12T17:00'), 'Thursday 12 March 2026, 17:00');
});

test('start does nothing on a page without the form', () => {
  assert.equal(start({ getElementById: () => null }, {}), undefined);
});

test('the region picked plans around its public holidays, and says when it cannot', async t => {
  // Thursday 2 April 2026, afternoon: Good Friday and Easter Monday are English bank holidays.
  const easter = { date: '2026-04-02', time: '16:00' };
  await t.test('its holidays are not business days', () => {
    const none = planForm(timeline, rules, form(easter)), eng = planForm(timeline, rules, form({ ...easter, region: 'GB-ENG' }));
    assert.equal(eng.input.region, 'GB-ENG');
    assert.equal(none.input.region, '');
    const days = r => r.plan.steps.map(s => s.suggested.slice(0, 10));
    assert.notDeepEqual(days(eng), days(none));
    for (const d of days(eng)) assert.ok(!['2026-04-03', '2026-04-06'].includes(d), d);
    assert.equal(eng.plan.holidays, undefined);
    assert.equal(timeline.holidaysNote(rules, eng.plan), '');
  });
  await t.test('outside the years known, the plan is made without them and its note says so', () => {
    const r = planForm(timeline, rules, form({ date: '2031-03-13', region: 'US' }));
    assert.equal(r.plan.holidays, 'outside');
    assert.equal(timeline.holidaysNote(rules, r.plan), `Public holidays were not taken into account: they are known for ${rules.holidays.from} to ${rules.holidays.to} only.`);
  });
  await t.test('a region the site does not offer (from a link) is the region field\'s problem', () => {
    const r = planForm(timeline, rules, form({ region: 'XX' }));
    assert.deepEqual(r.problems.map(p => p.id), ['c-region']);
    assert.match(problemText(r.problems[0], message), /“XX” is not a region offered here: pick one of US, GB-ENG/);
  });
});

test('the form\'s problems are named in one sentence, never "?."', () => {
  const cases = [
    [['Date'], 'Please check the form: Date.'],
    [['Date', 'Start time'], 'Please check the form: Date, Start time.'],
    [['Date', 'On which date?'], 'Please check the form: Date, On which date?'],
  ];
  for (const [labels, want] of cases) assert.equal(checkText(labels), want);
});
