// companion-state.js: the state core of the follow-up companion (/follow-ups/), with no
// DOM: what its first screen needs.
//
// docs/companion.md is the contract: the state and export file, and the plan input with
// facts. Everything here is a pure function of its arguments, tested with
// `node --test static/js/`: reading an untrusted value (the stored state, with
// loadCompanion, or a file), checking an interview, the export file, the engine's input
// for one interview and the agenda across all interviews. What changes the state (the
// edits, the merge of two tabs' copies, the store that saves it, never over what it cannot
// read) is companion-edit.js's, loaded with the first change; opening a file is
// companion-import.js's; the values that pre-fill a template page are companion-words.js's.
//
// Mistakes are never English: each is {path, code, args}, and the page words it. A path is
// dotted, with list indexes, as in Go's diag: "interviews.3.interviewers.0.email"; "" is
// the file itself.
//
// Times are civil (wall-clock) strings, "YYYY-MM-DDTHH:MM", compared as text and counted
// in calendar days, never as Date: a daylight-saving change cannot move an item from one
// group of the agenda to another. The only instants are `updated` (the browser's
// toISOString) and tombstones' `at`, which only order edits.

import { dateOf, daysIn } from "./civil.js";

/** COMPANION_KEY is the localStorage key of the companion's state. */
export const COMPANION_KEY = "followup-playbook:companion";
/** FORMAT is the `format` of the state and of an export file. */
export const FORMAT = "followup-playbook/companion";
/** VERSION is the schema version this module writes; older ones are migrated on reading. */
export const VERSION = 1;

/**
 * LIMITS are the import limits of docs/companion.md. Each text is at most its template
 * field's max_length: company and role 80 (content/messages/*.toml), an interviewer's name
 * 60 (interviewer_name of thank-you); the others, which fill no field, 200.
 * tombstones bounds the deletions remembered for other tabs (see merge).
 */
export const LIMITS = Object.freeze({
  bytes: 1 << 20,
  interviews: 200,
  interviewers: 20,
  facts: 500,
  id: 40,
  company: 80,
  role: 80,
  name: 60,
  email: 200,
  text: 200,
  tombstones: 1000,
  problems: 100,
});

/** GROUPS are the agenda's groups, in the order it lists them. */
export const GROUPS = Object.freeze(["overdue", "today", "week", "later", "done"]);
/** OUTCOMES are the interview fields that hold an outcome; at most one is set. */
export const OUTCOMES = Object.freeze(["rejected", "offer", "withdrew"]);

/**
 * StateError is an edit the state refuses (an unknown id, a malformed date): code and args
 * as in a problem, and problems when a whole interview was checked.
 */
export class StateError extends Error {
  constructor(code, args = {}, problems = []) {
    super(code);
    this.name = "StateError";
    this.code = code;
    this.args = args;
    this.problems = problems;
  }
}

// ---- Forms of values ----

const FORBIDDEN = new Set(["__proto__", "constructor", "prototype"]);
const ID = /^[A-Za-z0-9-]+$/;
const CONTROL = /[\u0000-\u001f\u007f]/;
// Loosely an address: something, one "@", a domain with a dot; no space, no markup.
const EMAIL = /^[^\s@<>"]+@[^\s@<>"]+\.[^\s@<>".]+$/;

const pad = (n, w = 2) => String(n).padStart(w, "0");
// dayNumber is days since 1970-01-01 of a real "YYYY-MM-DD" (civil.js's, as the engine
// counts), or NaN.
function dayNumber(s) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  const [y, mo, d] = m ? [+m[1], +m[2], +m[3]] : [];
  return m && mo >= 1 && mo <= 12 && d >= 1 && d <= daysIn(y, mo) ? dateOf(y, mo, d) : NaN;
}

/** isDate reports whether s is "YYYY-MM-DD" and a day on the calendar. */
export const isDate = (s) => typeof s === "string" && !Number.isNaN(dayNumber(s));
/** isClock reports whether s is "HH:MM" from 00:00 to 24:00, as the engine's `ends`. */
export const isClock = (s) => {
  const m = typeof s === "string" && /^(\d{2}):(\d{2})$/.exec(s);
  return !!m && +m[2] < 60 && (+m[1] < 24 || s === "24:00");
};
/** isDateTime reports whether s is "YYYY-MM-DDTHH:MM" on a real day, 00:00 to 23:59. */
export const isDateTime = (s) => typeof s === "string" && s.length === 16 && s[10] === "T" && isDate(s.slice(0, 10)) && isClock(s.slice(11)) && !s.endsWith("24:00");
/** isInstant reports whether s is an instant as toISOString writes it, as `updated` is. */
export const isInstant = (s) => {
  const m = typeof s === "string" && /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,3})?Z$/.exec(s);
  return !!m && isDate(m[1]) && +m[2] < 24 && +m[3] < 60 && +m[4] < 60;
};

/**
 * civilTime is a Date's local wall-clock time as the engine's "YYYY-MM-DDTHH:MM": the
 * page's `today` is civilTime(new Date()).
 */
export function civilTime(date) {
  return `${pad(date.getFullYear(), 4)}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

// ---- Reading an untrusted value ----

const typeOf = (v) => (v === null ? "null" : Array.isArray(v) ? "array" : typeof v);
const isObject = (v) => typeOf(v) === "object";

// A reader collects problems and warnings, at most LIMITS.problems problems.
function reader() {
  const r = { problems: [], warnings: [], full: false };
  r.problem = (path, code, args = {}) => {
    if (r.problems.length < LIMITS.problems) r.problems.push({ path, code, args });
    else if (!r.full) {
      r.full = true;
      r.problems.push({ path: "", code: "too-many-problems", args: { max: LIMITS.problems } });
    }
  };
  r.warn = (path, code, args = {}) => {
    if (r.warnings.length < LIMITS.problems) r.warnings.push({ path, code, args });
  };
  return r;
}
const at = (path, key) => (path === "" ? String(key) : `${path}.${key}`);

// keys checks an object's own keys: a forbidden one is a problem, an unknown one is dropped
// with a warning. Values are only ever read by the names the caller knows.
function keys(r, obj, path, known) {
  for (const k of Object.keys(obj)) {
    if (FORBIDDEN.has(k)) r.problem(at(path, k), "forbidden-key", { key: k });
    else if (!known.includes(k)) r.warn(at(path, k), "unknown-field", { key: k });
  }
}

// text reads a one-line string field: absent is "", unless required.
function text(r, obj, key, path, { max = LIMITS.text, required = false, check, form } = {}) {
  const p = at(path, key);
  const v = Object.hasOwn(obj, key) ? obj[key] : undefined;
  if (v === undefined || v === null || v === "") {
    if (required) r.problem(p, "required");
    return "";
  }
  if (typeof v !== "string") {
    r.problem(p, "wrong-type", { want: "string", got: typeOf(v) });
    return "";
  }
  const n = Array.from(v).length;
  if (n > max) r.problem(p, "too-long", { length: n, max });
  else if (CONTROL.test(v)) r.problem(p, "control-character");
  else if (required && v.trim() === "") r.problem(p, "required");
  else if (check && !check(v)) r.problem(p, ...whyNot(v, form));
  else return v;
  return "";
}

// list reads an array field of at most max items, each with item(value, path).
function list(r, obj, key, path, max, item) {
  const p = at(path, key);
  const v = Object.hasOwn(obj, key) ? obj[key] : undefined;
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) {
    r.problem(p, "wrong-type", { want: "array", got: typeOf(v) });
    return [];
  }
  if (v.length > max) {
    r.problem(p, "too-many", { count: v.length, max });
    return [];
  }
  return v.map((x, i) => item(x, at(p, i))).filter((x) => x !== null);
}

// object checks that v is a plain object, or records it.
function object(r, v, path) {
  if (isObject(v)) return true;
  r.problem(path, "wrong-type", { want: "object", got: typeOf(v) });
  return false;
}

// record reads an object whose fields are known: read() is what it holds, null when it is
// not an object.
const record = (r, v, path, known, read) => (object(r, v, path) ? (keys(r, v, path, known), read()) : null);

// whyNot is the problem of a value not of its form: "bad-form" {want} when its shape is
// wrong; when only the calendar is, "no-such-day" (2026-02-29) or "no-such-time" (25:00).
function whyNot(v, form) {
  const shapes = { "YYYY-MM-DD": /^\d{4}-\d{2}-\d{2}$/, "YYYY-MM-DDTHH:MM": /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, "HH:MM": /^\d{2}:\d{2}$/,
    "YYYY-MM-DDTHH:MM:SS.sssZ": /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/ };
  const shaped = form.split(" or ").some((f) => Object.hasOwn(shapes, f) && shapes[f].test(v));
  if (!shaped) return ["bad-form", { want: form }];
  return v.length >= 10 && !isDate(v.slice(0, 10)) ? ["no-such-day", { want: form }] : ["no-such-time", { want: form }];
}

const dateForm = { check: isDate, form: "YYYY-MM-DD" };
const timeForm = { check: isDateTime, form: "YYYY-MM-DDTHH:MM" };
const outcomeForm = { check: (s) => isDate(s) || isDateTime(s), form: "YYYY-MM-DD or YYYY-MM-DDTHH:MM" };
const idForm = { max: LIMITS.id, check: (s) => ID.test(s), form: "letters, digits and -" };
const instantForm = { check: isInstant, form: "YYYY-MM-DDTHH:MM:SS.sssZ" };

const readInterviewer = (r, v, path) => record(r, v, path, ["name", "email"], () => ({
  name: text(r, v, "name", path, { max: LIMITS.name, required: true }),
  email: text(r, v, "email", path, { max: LIMITS.email, check: (s) => EMAIL.test(s), form: "name@example.com" }),
}));

function readFacts(r, v, path) {
  const out = { sent: [], skipped: [], replied: [] };
  if (v === undefined || v === null) return out;
  if (!object(r, v, path)) return out;
  keys(r, v, path, ["sent", "skipped", "replied"]);
  const count = ["sent", "skipped", "replied"].reduce((n, k) => n + (Array.isArray(v[k]) ? v[k].length : 0), 0);
  if (count > LIMITS.facts) {
    r.problem(path, "too-many", { count, max: LIMITS.facts });
    return out;
  }
  const fact = (fields, read) => (x, p) => record(r, x, p, fields, () => read(x, p));
  const to = (x, p) => {
    const t = text(r, x, "to", p, { max: LIMITS.name });
    return t ? { to: t } : {};
  };
  out.sent = list(r, v, "sent", path, LIMITS.facts, fact(["step", "to", "at"], (x, p) => ({
    step: text(r, x, "step", p, { ...idForm, required: true }), ...to(x, p), at: text(r, x, "at", p, { ...timeForm, required: true }),
  })));
  out.skipped = list(r, v, "skipped", path, LIMITS.facts, fact(["step", "to"], (x, p) => ({
    step: text(r, x, "step", p, { ...idForm, required: true }), ...to(x, p),
  })));
  out.replied = list(r, v, "replied", path, LIMITS.facts, fact(["on", "decisionBy"], (x, p) => {
    const on = text(r, x, "on", p, { ...dateForm, required: true }), d = text(r, x, "decisionBy", p, dateForm);
    return d ? { on, decisionBy: d } : { on };
  }));
  return out;
}

/** INTERVIEW_KEYS are an interview's fields, in the order the state writes them. */
export const INTERVIEW_KEYS = Object.freeze(["id", "company", "role", "interview", "ends", "interviewers", "decisionBy", ...OUTCOMES, "facts", "updated"]);

// readInterview reads one interview into a fresh object with the fields in their order.
function readInterview(r, v, path, { needUpdated = true, needId = true } = {}) {
  const field = (key, form) => text(r, v, key, path, form);
  return record(r, v, path, INTERVIEW_KEYS, () => ({
    id: field("id", { ...idForm, required: needId }),
    company: field("company", { max: LIMITS.company }),
    role: field("role", { max: LIMITS.role }),
    interview: field("interview", { ...timeForm, required: true }),
    ends: field("ends", { check: isClock, form: "HH:MM" }),
    interviewers: list(r, v, "interviewers", path, LIMITS.interviewers, (x, p) => readInterviewer(r, x, p)),
    decisionBy: field("decisionBy", dateForm),
    rejected: field("rejected", outcomeForm),
    offer: field("offer", outcomeForm),
    withdrew: field("withdrew", outcomeForm),
    facts: readFacts(r, Object.hasOwn(v, "facts") ? v.facts : undefined, at(path, "facts")),
    updated: field("updated", { ...instantForm, required: needUpdated }),
  }));
}

// readTombstones reads a stored value's `deleted`: [{id, at}].
function readTombstones(r, v) {
  return list(r, v, "deleted", "", LIMITS.tombstones, (x, p) => record(r, x, p, ["id", "at"], () => ({
    id: text(r, x, "id", p, { ...idForm, required: true }),
    at: text(r, x, "at", p, { ...instantForm, required: true }),
  })));
}

// isVersion0 reports whether a parsed value is of version 0 (the companion's first draft,
// before `format`), which companion-import.js's migrateV0 reads.
const isVersion0 = (v) => isObject(v) && !Object.hasOwn(v, "format") && (v.version === undefined || v.version === 0);

// readParsed reads a parsed value of any known version: {version, interviews, deleted} and
// the reader's problems; from is the version it was written in. A version-0 value is
// read through migrate (companion-import.js's migrateV0), which the caller passes.
// Stored, with tombstones, it may hold up to twice LIMITS.interviews: two tabs that each
// added to 200 merge to more, and that must not make the stored value unreadable.
function readParsed(r, v, { tombstones = false, migrate } = {}) {
  if (!object(r, v, "")) return null;
  let from = v.version;
  if (isVersion0(v)) {
    from = 0;
    keys(r, v, "", ["version", "interviews"]);
    v = migrate(v);
    r.warn("", "migrated", { from: 0, to: VERSION });
  } else {
    if (v.format !== FORMAT) {
      r.problem("format", "wrong-format", { want: FORMAT });
      return null;
    }
    if (typeof from !== "number" || !Number.isInteger(from) || from < 1) {
      r.problem("version", "bad-version", {});
      return null;
    }
    if (from > VERSION) {
      r.problem("version", "newer-version", { version: from, known: VERSION });
      return null;
    }
    keys(r, v, "", tombstones ? ["format", "version", "interviews", "deleted"] : ["format", "version", "interviews"]);
  }
  if (!Object.hasOwn(v, "interviews")) r.problem("interviews", "required");
  const interviews = list(r, v, "interviews", "", tombstones ? 2 * LIMITS.interviews : LIMITS.interviews, (x, p) => readInterview(r, x, p));
  const seen = new Map();
  interviews.forEach((iv, i) => {
    if (!iv.id) return;
    if (seen.has(iv.id)) r.problem(`interviews.${i}.id`, "duplicate-id", { id: iv.id, first: seen.get(iv.id) });
    else seen.set(iv.id, i);
  });
  return { from, interviews, deleted: tombstones ? readTombstones(r, v) : [] };
}

function parseText(r, text) {
  if (typeof text !== "string") {
    r.problem("", "wrong-type", { want: "string", got: typeOf(text) });
    return undefined;
  }
  // Every character is at least one byte: only a short enough text is worth encoding.
  const size = text.length > LIMITS.bytes ? text.length : new TextEncoder().encode(text).length;
  if (size > LIMITS.bytes) {
    r.problem("", "too-large", { bytes: size, max: LIMITS.bytes });
    return undefined;
  }
  try {
    return JSON.parse(text);
  } catch {
    r.problem("", "not-json");
    return undefined;
  }
}

/**
 * readText reads the text of a state or an export file, which is untrusted, as
 * companion-import.js's validateImport describes: {value, problems, warnings}, value
 * {from, interviews, deleted} (deleted only with tombstones: true, for a stored value) or
 * null when there are problems. migrate reads a version-0 value (migrateV0); without it
 * such a value is refused with the problem {code: "bad-version"}.
 */
export function readText(text, { tombstones = false, migrate } = {}) {
  const r = reader();
  const v = parseText(r, text);
  if (!r.problems.length && isVersion0(v) && !migrate) r.problem("version", "bad-version", {});
  const got = r.problems.length ? null : readParsed(r, v, { tombstones, migrate });
  return { value: r.problems.length ? null : got, problems: r.problems, warnings: r.warnings };
}

/**
 * checkInterview checks one interview's fields as an import does, without the need for
 * `id` or `updated`: {ok, interview, problems}, with paths relative to the interview ("company",
 * "interviewers.0.email"). The page uses it to mark a form's mistakes before an edit.
 */
export function checkInterview(fields) {
  const r = reader();
  const interview = readInterview(r, fields, "", { needUpdated: false, needId: false });
  return { ok: r.problems.length === 0, interview, problems: r.problems };
}

// ---- The state ----

/** emptyState is a state with no interviews. */
export function emptyState() {
  return { format: FORMAT, version: VERSION, interviews: [], deleted: [] };
}

/**
 * exportState is the export file's value: the state without its tombstones, which only
 * concern this browser's tabs.
 */
export function exportState(state) {
  return { format: FORMAT, version: VERSION, interviews: state.interviews };
}

/** exportText is the export file's text: exportState as indented JSON, ending in a newline. */
export function exportText(state) {
  return JSON.stringify(exportState(state), null, 2) + "\n";
}

// ---- Storage ----

// readStored reads a stored text: {status, state, raw, problems}; migrate as readParsed's.
function readStored(raw, migrate) {
  if (raw === null) return { status: "empty", state: emptyState() };
  const r = reader();
  const v = parseText(r, raw);
  if (!r.problems.length && isVersion0(v) && !migrate) return { status: "old", state: emptyState(), raw, from: 0 };
  const got = r.problems.length ? null : readParsed(r, v, { tombstones: true, migrate });
  const newer = r.problems.find((p) => p.code === "newer-version");
  if (newer) return { status: "newer-version", state: emptyState(), raw, version: newer.args.version };
  if (r.problems.length || !got) return { status: "unreadable", state: emptyState(), raw, problems: r.problems };
  const state = { ...emptyState(), interviews: got.interviews, deleted: got.deleted };
  return got.from < VERSION ? { status: "migrated", state, raw, from: got.from } : { status: "ok", state };
}

/**
 * loadCompanion reads the state kept in storage (localStorage, or anything with getItem;
 * null when the browser refused it) under key, which is untrusted: {state, status} with
 * status
 *   "ok", "empty" (nothing stored), "migrated" (an older version, read; raw and from too),
 *   "old" (version 0, stored by the companion's first draft, and no migrate given: raw
 *     and from too; the state is empty, and the store's save refuses, as for "unreadable",
 *     until the page reads it again with {migrate: migrateV0} of companion-import.js,
 *     which it loads only then),
 *   "unreadable" (raw and problems too) or "newer-version" (raw and version too): the
 *     state is empty and the store's save refuses until the visitor downloads raw and the
 *     store's discard() removes it;
 *   "unavailable": storage threw; the page works in memory and says nothing is kept.
 * companion-edit.js's openCompanionStore, which writes the state, reads it with this.
 */
export function loadCompanion(storage, key = COMPANION_KEY, { migrate } = {}) {
  let raw;
  try {
    raw = storage.getItem(key);
  } catch {
    return { status: "unavailable", state: emptyState() };
  }
  return readStored(raw, migrate);
}


// ---- The engine's input and the agenda ----

/**
 * planInput is the plan input of docs/companion.md for one interview: its fields, the
 * interviewers' names, its facts, company and role, today (YYYY-MM-DDTHH:MM, or "" for
 * no status) and the visitor's own choices me = {weekend, linkedinLimit, region} (the
 * calculator's "", "monday" or "same-day", 0 or a number, and a code of the rules'
 * policy.regions or "" for the site's: region.js's). Fresh arrays: the engine cannot change
 * the state.
 */
export function planInput(interview, me = {}, today = "") {
  const iv = interview;
  return {
    interview: iv.interview,
    ends: iv.ends,
    interviewers: iv.interviewers.map((x) => x.name),
    decisionBy: iv.decisionBy,
    rejected: iv.rejected,
    offer: iv.offer,
    withdrew: iv.withdrew,
    weekend: typeof me.weekend === "string" ? me.weekend : "",
    linkedinLimit: typeof me.linkedinLimit === "number" && me.linkedinLimit > 0 ? me.linkedinLimit : 0,
    region: typeof me.region === "string" ? me.region : "",
    company: iv.company,
    role: iv.role,
    today,
    facts: {
      sent: iv.facts.sent.map((f) => ({ ...f })),
      skipped: iv.facts.skipped.map((f) => ({ ...f })),
      replied: iv.facts.replied.map((f) => ({ ...f })),
    },
  };
}

// planError is what planFor's failure says: {field, code, args}.
function planError(e) {
  const src = e && typeof e === "object" ? e : {};
  const field = typeof src.field === "string" ? src.field : "";
  if (typeof src.code === "string") return { field, code: src.code, args: isObject(src.args) ? src.args : {} };
  // An engine without codes (today's timeline.js): its own message, passed on as an argument.
  return { field, code: "plan-failed", args: { message: String(src.msg ?? src.message ?? e) } };
}

const factFor = (facts, s) => facts.find((f) => f.step === s.id && (f.to === undefined || f.to.trim() === String(s.to).trim()));

/**
 * agenda is what to do across all interviews: {groups, broken}. groups is one {key, items}
 * per GROUPS key, in that order, each item {interviewId, company, role, step, message, to,
 * earliest, suggested, latest, note, status, sent?, skipped?}. planFor(interview) is the
 * plan of one interview (the page's (iv) => plan(rules, planInput(iv, me, today))); today
 * is YYYY-MM-DDTHH:MM. A step's group:
 *   done: status "done" or a sent or skipped fact for it; newest first;
 *   overdue: status "overdue" (its latest time has passed);
 *   today: status "due" (its window is open now), or its suggested time is on today's date;
 *   week: suggested in the 7 days after today's date (today 2026-03-12: 13th to 19th);
 *   later: after that.
 * A step without a status (an engine given no today) gets one from the contract's rules.
 * The groups but done are sorted by suggested time, then company, interview and the plan's
 * order. An interview whose plan fails (planFor throws, or returns {field, code, args} or
 * {error}) is in broken, {interviewId, company, role, field, code, args}, and the others
 * still plan; so is one whose plan has a step of the wrong shape, with code "bad-plan".
 * A today not of the form YYYY-MM-DDTHH:MM throws a StateError "bad-today".
 */
export function agenda(interviews, planFor, today) {
  if (!isDateTime(today)) throw new StateError("bad-today", { want: "YYYY-MM-DDTHH:MM" });
  const groups = Object.fromEntries(GROUPS.map((k) => [k, []]));
  const broken = [];
  const day = dayNumber(today.slice(0, 10));
  let order = 0;
  for (const iv of interviews) {
    let p;
    try {
      p = planFor(iv);
    } catch (e) {
      p = { error: e };
    }
    // A plan that fails, or has a step of the wrong shape (an engine's bug), breaks its
    // interview only.
    const failed = !p || !Array.isArray(p.steps) ? planError(p && (p.error ?? p))
      : p.steps.some((s) => !s || typeof s !== "object" || ![s.earliest, s.suggested, s.latest].every(isDateTime) || typeof s.id !== "string")
        ? { field: "", code: "bad-plan", args: {} } : null;
    if (failed) {
      broken.push({ interviewId: iv.id, company: iv.company, role: iv.role, ...failed });
      continue;
    }
    for (const s of p.steps) {
      const sentFact = factFor(iv.facts.sent, s), skipFact = factFor(iv.facts.skipped, s);
      let status = s.status;
      if (!status) {
        status = sentFact ? "done" : today > s.latest ? "overdue" : s.earliest <= today ? "due" : "upcoming";
      }
      const item = {
        interviewId: iv.id, company: iv.company, role: iv.role, step: s.id, message: s.message, to: s.to,
        earliest: s.earliest, suggested: s.suggested, latest: s.latest, note: s.note, status,
      };
      const sent = s.sent || (sentFact && sentFact.at);
      if (sent) item.sent = sent;
      if (skipFact && status !== "done") item.skipped = true;
      let key;
      if (status === "done" || item.skipped) key = "done";
      else if (status === "overdue") key = "overdue";
      else if (status === "due") key = "today";
      else {
        const d = dayNumber(s.suggested.slice(0, 10)) - day;
        key = d <= 0 ? "today" : d <= 7 ? "week" : "later";
      }
      groups[key].push({ item, order: order++ });
    }
  }
  const byTime = (a, b) => cmp(a.item.suggested, b.item.suggested) || cmp(a.item.company, b.item.company) || cmp(a.item.interviewId, b.item.interviewId) || a.order - b.order;
  const doneTime = (x) => x.item.sent || x.item.suggested;
  return {
    groups: GROUPS.map((k) => ({
      key: k,
      items: groups[k].sort(k === "done" ? (a, b) => cmp(doneTime(b), doneTime(a)) || byTime(a, b) : byTime).map((x) => x.item),
    })),
    broken,
  };
}
const cmp = (a, b) => (a < b ? -1 : a > b ? 1 : 0);
