// region.js: whose public holidays a plan leaves out, as the visitor chooses it on the
// calculator and the companion (issue 17). The codes are rules.json's policy.regions, which
// the build writes into the page's select with their names (render.RegionChoices); the
// choice is the visitor's own, kept in this browser under REGION_KEY (not an interview's,
// not in the companion's list), and preselected from the browser's time zone the first
// time. Small on purpose: both pages load it with their first screen.

/** REGION_KEY is where the visitor's choice is kept; "" means no holidays. */
export const REGION_KEY = 'followup-playbook:region';

/**
 * ZONES are the IANA time zones that preselect a region, by region: a word ending in "/"
 * is the prefix of the words after it, up to the next such word. Every zone of the US (Pacific/Honolulu included) and of
 * Canada; Europe/London is England (Scotland shares it, so GB-SCT is only ever chosen by
 * hand); AU only from the zones of New South Wales (Sydney, Broken Hill, Lord Howe), as
 * its holidays are that state's: Melbourne or Perth preselect nothing.
 */
export const ZONES = {
  US: 'America/ New_York Chicago Denver Los_Angeles Phoenix Anchorage Juneau Sitka Yakutat Nome Metlakatla Adak Boise Detroit Menominee Indiana/Indianapolis Indiana/Knox Indiana/Marengo Indiana/Petersburg Indiana/Tell_City Indiana/Vevay Indiana/Vincennes Indiana/Winamac Kentucky/Louisville Kentucky/Monticello North_Dakota/Beulah North_Dakota/Center North_Dakota/New_Salem Pacific/ Honolulu US/ Eastern Central Mountain Pacific Alaska Hawaii Arizona',
  CA: 'America/ Toronto Vancouver Edmonton Winnipeg Regina Halifax St_Johns Moncton Glace_Bay Goose_Bay Whitehorse Dawson Dawson_Creek Creston Fort_Nelson Cambridge_Bay Inuvik Iqaluit Rankin_Inlet Resolute Swift_Current Atikokan Blanc-Sablon Montreal Canada/ Eastern Central Mountain Pacific Atlantic Newfoundland',
  'GB-ENG': 'Europe/ London', IE: 'Europe/ Dublin', DE: 'Europe/ Berlin Busingen', FR: 'Europe/ Paris', NL: 'Europe/ Amsterdam',
  AU: 'Australia/ Sydney Broken_Hill Lord_Howe NSW ACT Canberra', NZ: 'Pacific/ Auckland Chatham',
};

/** regionOfZone is the region whose ZONES hold zone, or "". */
export function regionOfZone(zone) {
  for (const [code, list] of Object.entries(ZONES)) {
    let prefix = '';
    for (const w of list.split(' ')) {
      if (w.endsWith('/')) prefix = w;
      else if (prefix + w === zone) return code;
    }
  }
  return '';
}

/**
 * preselect is the region a form starts with: the stored choice when it is still offered
 * ("" — none — counts only on a site with no region of its own, site ""), else zone's
 * region when regions offers it, else the site's.
 */
export function preselect(zone, regions, stored, site = '') {
  if (typeof stored === 'string' && (stored === '' ? site === '' : regions.includes(stored))) return stored;
  const z = regionOfZone(zone);
  return regions.includes(z) ? z : site;
}

/** loadRegion is the stored choice, or null when there is none or storage fails. */
export function loadRegion(storage) {
  try {
    return storage.getItem(REGION_KEY);
  } catch {
    return null;
  }
}

/** saveRegion keeps the choice; it reports whether it could. */
export function saveRegion(storage, code) {
  try {
    storage.setItem(REGION_KEY, code);
    return true;
  } catch {
    return false;
  }
}

/**
 * pickRegion sets select (the page's "Public holidays of" <select>, whose options the build
 * wrote from the policy, data-site the site's own region) to preselect's choice for zone
 * and the stored one: the DOM half, shared by both pages. It returns the choice.
 */
export function pickRegion(select, zone, storage) {
  const site = select.dataset.site ?? '';
  const regions = [...select.options].map(o => o.value).filter(Boolean);
  return (select.value = preselect(zone, regions, loadRegion(storage), site));
}
