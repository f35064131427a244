import { test } from 'node:test';
import assert from 'node:assert/strict';
import { regionOfZone, preselect, pickRegion, loadRegion, saveRegion, REGION_KEY } from './region.js';

const REGIONS = ['US', 'GB-ENG', 'GB-SCT', 'IE', 'CA', 'AU', 'NZ', 'DE', 'FR', 'NL'];

test('regionOfZone maps the zones of the regions offered', () => {
  const cases = {
    'Europe/London': 'GB-ENG', 'America/New_York': 'US', 'America/Chicago': 'US', 'America/Los_Angeles': 'US',
    'America/Phoenix': 'US', 'America/Anchorage': 'US', 'Pacific/Honolulu': 'US', 'America/Indiana/Indianapolis': 'US',
    'US/Eastern': 'US', 'America/Toronto': 'CA', 'America/Vancouver': 'CA', 'America/St_Johns': 'CA', 'Canada/Pacific': 'CA',
    'Australia/Sydney': 'AU', 'Australia/Broken_Hill': 'AU', 'Pacific/Auckland': 'NZ', 'Europe/Dublin': 'IE',
    'Europe/Berlin': 'DE', 'Europe/Paris': 'FR', 'Europe/Amsterdam': 'NL',
  };
  for (const [zone, code] of Object.entries(cases)) assert.equal(regionOfZone(zone), code, zone);
});

test('regionOfZone gives "" for zones it does not know or whose holidays differ', () => {
  // Melbourne and Perth are Australian, but the AU holidays are New South Wales's.
  for (const zone of ['Australia/Melbourne', 'Australia/Perth', 'Asia/Tokyo', 'Europe/Edinburgh', 'UTC', '', 'Indiana/Knox', 'America/', undefined]) {
    assert.equal(regionOfZone(zone), '', String(zone));
  }
});

test('preselect: the stored choice wins, then the zone, then the site', () => {
  assert.equal(preselect('Europe/London', REGIONS, 'GB-SCT'), 'GB-SCT');
  assert.equal(preselect('Europe/London', REGIONS, ''), '', 'a stored "None" is kept');
  assert.equal(preselect('Europe/London', REGIONS, null), 'GB-ENG');
  assert.equal(preselect('America/New_York', REGIONS, null), 'US');
  assert.equal(preselect('Asia/Tokyo', REGIONS, null), '');
  assert.equal(preselect('Asia/Tokyo', ['FR', 'DE'], null, 'FR'), 'FR');
  // A stored region the site no longer offers, or a zone's it does not offer, falls through.
  assert.equal(preselect('Europe/Paris', ['FR', 'DE'], 'US', 'DE'), 'FR');
  assert.equal(preselect('Europe/London', ['FR', 'DE'], null, 'DE'), 'DE');
  // "" cannot mean none on a site with a region of its own: the engine reads it as the site's.
  assert.equal(preselect('Europe/Paris', ['DE', 'FR'], '', 'DE'), 'FR');
});

test('pickRegion picks among the options the build wrote, on the site\'s terms', () => {
  const select = (site, codes) => ({ dataset: { site }, options: codes.map(value => ({ value })), value: site });
  const stored = v => ({ getItem: () => v });
  let s = select('', ['', ...REGIONS]);
  assert.equal(pickRegion(s, 'Europe/London', stored(null)), 'GB-ENG');
  assert.equal(s.value, 'GB-ENG');
  assert.equal(pickRegion(s, 'Europe/London', stored('')), '', 'a stored "None" is kept where None is offered');
  assert.equal(pickRegion(select('DE', ['DE', 'FR']), 'Europe/London', stored('')), 'DE', 'no None on a site with a region');
  assert.equal(pickRegion(select('DE', ['DE', 'FR']), 'Europe/Paris', stored('US')), 'FR');
  assert.equal(pickRegion({ dataset: {}, options: [{ value: '' }], value: '' }, 'Europe/London', null), '');
});

test('the store keeps a choice and swallows storage errors', () => {
  const m = new Map();
  const storage = { getItem: k => (m.has(k) ? m.get(k) : null), setItem: (k, v) => m.set(k, String(v)) };
  assert.equal(loadRegion(storage), null);
  assert.equal(saveRegion(storage, 'IE'), true);
  assert.equal(m.get(REGION_KEY), 'IE');
  assert.equal(loadRegion(storage), 'IE');
  saveRegion(storage, '');
  assert.equal(loadRegion(storage), '');
  const broken = { getItem() { throw new Error('denied'); }, setItem() { throw new Error('full'); } };
  assert.equal(loadRegion(broken), null);
  assert.equal(saveRegion(broken, 'US'), false);
  assert.equal(loadRegion(null), null);
  assert.equal(saveRegion(undefined, 'US'), false);
});
