// Calendar arithmetic on local dates and wall-clock times, as generator/load/rules/civil does it
// (civil.go, whose functions these are, in its order): a date is days since 1970-01-01, a
// date and time minutes since its midnight. No Date object and no zone, so a plan is the
// same in every time zone.

export const MINUTES_PER_DAY = 24 * 60;

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

// weekdayName is the English name of weekday w (0 is Sunday), or '' when out of range.
export const weekdayName = w => WEEKDAYS[w] ?? '';

// floorDiv divides rounding towards minus infinity, so dates before 1970 work too.
const floorDiv = (a, b) => Math.floor(a / b);

// dateOf is the day of year y, month m (1–12), day d: Hinnant's days_from_civil.
export function dateOf(y, m, d) {
  if (m <= 2) y--;
  const era = floorDiv(y, 400), yoe = y - era * 400;
  let mp = m - 3;
  if (m <= 2) mp = m + 9;
  const doy = floorDiv(153 * mp + 2, 5) + d - 1;
  return era * 146097 + yoe * 365 + floorDiv(yoe, 4) - floorDiv(yoe, 100) + doy - 719468;
}

// ymd is [year, month, day] of day d: Hinnant's civil_from_days.
export function ymd(d) {
  const z = d + 719468, era = floorDiv(z, 146097), doe = z - era * 146097;
  const yoe = floorDiv(doe - floorDiv(doe, 1460) + floorDiv(doe, 36524) - floorDiv(doe, 146096), 365);
  const doy = doe - (365 * yoe + floorDiv(yoe, 4) - floorDiv(yoe, 100)), mp = floorDiv(5 * doy + 2, 153);
  let y = yoe + era * 400, month = mp + 3;
  if (mp >= 10) month = mp - 9;
  if (month <= 2) y++;
  return [y, month, doy - floorDiv(153 * mp + 2, 5) + 1];
}

// weekday is 0 for Sunday through 6 for Saturday; day 0 was a Thursday.
export const weekday = d => ((d + 4) % 7 + 7) % 7;

// at is the moment minute minutes after the start of day d.
export const at = (d, minute) => d * MINUTES_PER_DAY + minute;

const pad = (n, width) => String(n).padStart(width, '0');

// dateString writes day d as YYYY-MM-DD.
export function dateString(d) {
  const [y, m, dd] = ymd(d);
  return pad(y, 4) + '-' + pad(m, 2) + '-' + pad(dd, 2);
}

// dateOfTime is the day moment t falls on; clockOf its minutes since midnight.
export const dateOfTime = t => floorDiv(t, MINUTES_PER_DAY);
export const clockOf = t => t - dateOfTime(t) * MINUTES_PER_DAY;

// dateTimeString writes t as YYYY-MM-DDTHH:MM, the form of the plan's JSON.
export const dateTimeString = t => dateString(dateOfTime(t)) + 'T' + formatClock(clockOf(t));

// formatClock writes minutes since midnight as HH:MM.
export const formatClock = minute => pad(floorDiv(minute, 60), 2) + ':' + pad(minute % 60, 2);

// daysIn is the number of days in month m of year y.
export function daysIn(y, m) {
  if (m === 2) {
    if (y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0)) return 29;
    return 28;
  }
  if ([4, 6, 9, 11].includes(m)) return 30;
  return 31;
}

// CivilError is a date or time that does not parse: value is the text, code says why, one
// of civil.go's codes (not-a-date, not-a-day, not-a-time, not-a-date-time, end-of-day),
// which are part of the plan's contract.
export class CivilError extends Error {
  constructor(code, value) {
    super(code + ': ' + value);
    this.code = code;
    this.value = value;
  }
}

// The forms of civil.go: 9 is an ASCII digit, anything else itself. Only ASCII matches,
// so a length in UTF-16 units here is Go's length in bytes whenever the text matches.
export const DATE_FORM = '9999-99-99', CLOCK_FORM = '99:99', DATE_TIME_FORM = '9999-99-99T99:99';

// hasForm reports whether s has the form f.
export function hasForm(s, f) {
  if (typeof s !== 'string' || s.length !== f.length) return false;
  for (let i = 0; i < f.length; i++) {
    if (f[i] === '9' ? s[i] < '0' || s[i] > '9' : s[i] !== f[i]) return false;
  }
  return true;
}

// parseDate reads YYYY-MM-DD as a day, checking that the day exists.
export function parseDate(s) {
  if (!hasForm(s, DATE_FORM)) throw new CivilError('not-a-date', s);
  const y = Number(s.slice(0, 4)), m = Number(s.slice(5, 7)), d = Number(s.slice(8, 10));
  if (y < 1000 || m < 1 || m > 12 || d < 1 || d > daysIn(y, m)) throw new CivilError('not-a-day', s);
  return dateOf(y, m, d);
}

// parseClock reads HH:MM, 00:00 to 24:00, as minutes since midnight.
export function parseClock(s) {
  if (!hasForm(s, CLOCK_FORM)) throw new CivilError('not-a-time', s);
  const h = Number(s.slice(0, 2)), m = Number(s.slice(3, 5));
  if (m > 59 || h > 24 || (h === 24 && m !== 0)) throw new CivilError('not-a-time', s);
  return h * 60 + m;
}

// parseDateTime reads YYYY-MM-DDTHH:MM as minutes; every error is about the whole text.
export function parseDateTime(s) {
  if (!hasForm(s, DATE_TIME_FORM)) throw new CivilError('not-a-date-time', s);
  let d, c;
  try {
    d = parseDate(s.slice(0, 10));
  } catch {
    throw new CivilError('not-a-day', s);
  }
  try {
    c = parseClock(s.slice(11));
  } catch {
    throw new CivilError('not-a-time', s);
  }
  if (c === MINUTES_PER_DAY) throw new CivilError('end-of-day', s);
  return at(d, c);
}
