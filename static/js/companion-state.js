// companion-state.js: the state core of the follow-up companion (/follow-ups/), with no
// DOM.
//
// docs/companion.md is the contract. The state is a log of changes, each stamped by a
// hybrid logical clock; the list the page shows is replay(log), and nothing else is kept as
// truth. Everything here is a pure function of its arguments, tested with
// `node --test static/js/`: reading an untrusted value (the stored log, with
// loadCompanion, a file or a link's content), checking an interview or a change, and
// replaying a log into the list. What drawing the list needs (the agenda, each interview's
// plan input, the list as last drawn) is companion-agenda.js's, which the page loads first
// and this module exports again. Making changes, merging logs and the store that keeps
// them are companion-edit.js's, loaded with the first change; opening a file is
// companion-import.js's; the values that pre-fill a template page are companion-words.js's.
//
// Mistakes are never English: each is {path, code, args}, and the page words it. A path is
// dotted, with list indexes, as in Go's diag: "log.3.fields.interviewers.0.email"; "" is
// the file itself.
//
// Times are civil (wall-clock) strings, "YYYY-MM-DDTHH:MM", compared as text and counted
// in calendar days, never as Date: a daylight-saving change cannot move an item from one
// group of the agenda to another. The only instants are the stamps, which only order
// changes.

import {
  CLOSING, COMPANION_KEY, FORMAT, OUTCOMES, RECENT, StateError, VERSION, cmp, dayNumber, isClock, isDate, isDateTime, isObject, typeOf,
} from "./companion-agenda.js";

// What the first screen needs is companion-agenda.js's; the other modules take it from here.
export {
  CLOSING, COMPANION_KEY, FORMAT, GROUPS, OUTCOMES, RECENT, RECENT_MAX, StateError, VERSION, VIEW_KEY, agenda, civilTime, isClock, isDate, isDateTime,
  planInput, planProblem, readView, textHash, viewFits, viewKey, viewText,
} from "./companion-agenda.js";

/**
 * LIMITS are the import limits of docs/companion.md. Each text is at most its template
 * field's max_length: company and role 80 (content/messages/*.toml), an interviewer's name
 * and the contact's 60 (interviewer_name of thank-you, hiring_manager_name of chaser), what
 * was talked about 120 (topic of thank-you); the others, which fill no field, 200, but an
 * application's notes (4,000: a page of them) and its link (2,000, as browsers keep).
 * changes bounds a log: 2,000 is a long search's worth (200 interviews of ten changes), and
 * 3,000 typical changes export well under the 1 MiB a file or a link may hold.
 */
export const LIMITS = Object.freeze({
  bytes: 1 << 20,
  interviews: 200,
  applications: 200,
  interviewers: 20,
  facts: 500,
  id: 40,
  company: 80,
  role: 80,
  name: 60,
  email: 200,
  topic: 120,
  link: 2000,
  notes: 4000,
  text: 200,
  changes: 3000,
  problems: 100,
});


// ---- Forms of values ----

const FORBIDDEN = new Set(["__proto__", "constructor", "prototype"]);
const ID = /^[A-Za-z0-9-]+$/;
const CONTROL = /[\u0000-\u001f\u007f]/;
// Notes may run over lines: tabs and line ends are theirs, no other control character.
const CONTROL_IN_NOTES = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
// Loosely an address: something, one "@", a domain with a dot; no space, no markup.
const EMAIL = /^[^\s@<>"]+@[^\s@<>"]+\.[^\s@<>".]+$/;

/** isInstant reports whether s is an instant as toISOString writes it, as `updated` is. */
export const isInstant = (s) => {
  const m = typeof s === "string" && /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,3})?Z$/.exec(s);
  return !!m && isDate(m[1]) && +m[2] < 24 && +m[3] < 60 && +m[4] < 60;
};

// ---- Reading an untrusted value ----


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

// text reads a one-line string field: absent is "", unless required. Its path is made only
// for a problem: a log of thousands of changes is read at every page load.
function text(r, obj, key, path, { max = LIMITS.text, required = false, check, form, lines = false } = {}) {
  const v = Object.hasOwn(obj, key) ? obj[key] : undefined;
  if (v === undefined || v === null || v === "") {
    if (required) r.problem(at(path, key), "required");
    return "";
  }
  if (typeof v !== "string") {
    r.problem(at(path, key), "wrong-type", { want: "string", got: typeOf(v) });
    return "";
  }
  // A string's characters are at most its UTF-16 length: count them only when it may be long.
  const n = v.length > max ? Array.from(v).length : 0;
  if (n > max) r.problem(at(path, key), "too-long", { length: n, max });
  else if ((lines ? CONTROL_IN_NOTES : CONTROL).test(v)) r.problem(at(path, key), "control-character");
  else if (required && v.trim() === "") r.problem(at(path, key), "required");
  else if (check && !check(v)) r.problem(at(path, key), ...whyNot(v, form));
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
const idRequired = { ...idForm, required: true };
const instantForm = { check: isInstant, form: "YYYY-MM-DDTHH:MM:SS.sssZ" };

const emailForm = { max: LIMITS.email, check: (s) => EMAIL.test(s), form: "name@example.com" };
// An interviewer's topic, what was talked about with them, is theirs alone: it fills the
// thank-you to them. Absent in files written before version 3.
const readInterviewer = (r, v, path) => record(r, v, path, ["name", "email", "topic"], () => {
  const p = { name: text(r, v, "name", path, { max: LIMITS.name, required: true }), email: text(r, v, "email", path, emailForm) };
  const topic = text(r, v, "topic", path, { max: LIMITS.topic });
  return topic ? { ...p, topic } : p;
});

/** CONTACT_KINDS are who an application's contact is to the candidate. */
export const CONTACT_KINDS = Object.freeze(["recruiter", "hiring-manager", "other"]);
// A link to the job ad: http or https only, never a script's address.
const isLink = (s) => {
  try {
    return ["http:", "https:"].includes(new URL(s).protocol);
  } catch {
    return false;
  }
};
const readContact = (r, v, path) => record(r, v, path, ["name", "email", "kind"], () => ({
  name: text(r, v, "name", path, { max: LIMITS.name }),
  email: text(r, v, "email", path, emailForm),
  kind: text(r, v, "kind", path, { check: (s) => CONTACT_KINDS.includes(s), form: CONTACT_KINDS.join(" or ") }),
}));

/** APP_KEYS are an application's fields, each set by an `app` change on its own. */
export const APP_KEYS = Object.freeze(["company", "role", "link", "contact", "notes"]);
const APP_READERS = {
  company: (r, v, p) => text(r, v, "company", p, { max: LIMITS.company }),
  role: (r, v, p) => text(r, v, "role", p, { max: LIMITS.role }),
  link: (r, v, p) => text(r, v, "link", p, { max: LIMITS.link, check: isLink, form: "https://…" }),
  contact: (r, v, p) => (v.contact === null || v.contact === undefined ? { name: "", email: "", kind: "" } : readContact(r, v.contact, at(p, "contact")) ?? { name: "", email: "", kind: "" }),
  notes: (r, v, p) => text(r, v, "notes", p, { max: LIMITS.notes, lines: true }),
};
// readAppFields reads an `app` change's fields: those given, at least one.
function readAppFields(r, v, path) {
  if (!object(r, v, path)) return {};
  keys(r, v, path, APP_KEYS);
  const out = {};
  for (const k of APP_KEYS) if (Object.hasOwn(v, k)) out[k] = APP_READERS[k](r, v, path);
  if (!Object.keys(out).length) r.problem(path, "required");
  return out;
}

/**
 * checkApplication checks an application's fields as a reader of the log would: {ok,
 * application, problems}, paths relative to it ("contact.email"). The form marks them.
 */
export function checkApplication(fields) {
  const r = reader();
  const application = readAppFields(r, fields, "");
  return { ok: r.problems.length === 0, application, problems: r.problems };
}

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

/**
 * INTERVIEW_KEYS are an interview's fields, in the order a file writes them; `updated`, which
 * ordered version 1's edits, is read from such a file and dropped.
 */
export const INTERVIEW_KEYS = Object.freeze(["id", "app", "company", "role", "interview", "ends", "interviewers", "decisionBy", ...OUTCOMES, "facts", "updated"]);

// readInterview reads one interview into a fresh object with the fields in their order.
function readInterview(r, v, path, { needId = true } = {}) {
  const field = (key, form) => text(r, v, key, path, form);
  return record(r, v, path, INTERVIEW_KEYS, () => ({
    id: field("id", { ...idForm, required: needId }),
    app: field("app", idForm),
    company: field("company", { max: LIMITS.company }),
    role: field("role", { max: LIMITS.role }),
    interview: field("interview", { ...timeForm, required: true }),
    ends: field("ends", { check: isClock, form: "HH:MM" }),
    interviewers: list(r, v, "interviewers", path, LIMITS.interviewers, (x, p) => readInterviewer(r, x, p)),
    decisionBy: field("decisionBy", dateForm),
    rejected: field("rejected", outcomeForm),
    offer: field("offer", outcomeForm),
    withdrew: field("withdrew", outcomeForm),
    nextRound: field("nextRound", outcomeForm),
    facts: readFacts(r, Object.hasOwn(v, "facts") ? v.facts : undefined, at(path, "facts")),
    updated: field("updated", instantForm),
  }));
}

// ---- The log ----

// A stamp is a hybrid logical clock's reading, "MMMMMMMMMMMMM-CCCC-R": the wall clock's
// milliseconds (13 digits), a counter (4 digits) and the replica that made it (a tab: 1 to
// 12 lower-case letters and digits). Fixed widths make text order the clock's order, so
// stamps compare as strings. A stamp past MAX_STAMP_MS is refused: the clock moves past
// any stamp it has seen, and a crafted one must leave it room.
const STAMP = /^(\d{13})-(\d{4})-([a-z0-9]{1,12})$/;
/** MAX_STAMP_MS is the latest wall-clock time a stamp may carry, 1 January 2200 UTC. */
export const MAX_STAMP_MS = Date.UTC(2200, 0, 1);
/** isStamp reports whether s is a stamp of the log (see docs/companion.md). */
export const isStamp = (s) => {
  const m = typeof s === "string" && STAMP.exec(s);
  return !!m && +m[1] <= MAX_STAMP_MS;
};
/** stampParts splits a stamp into {ms, n, replica}. */
export function stampParts(s) {
  const m = STAMP.exec(s);
  return { ms: +m[1], n: +m[2], replica: m[3] };
}
const stampForm = { check: isStamp, form: "a stamp" };
const stampRequired = { ...stampForm, required: true };

/**
 * FIELD_KEYS are the fields of an interview that an add sets and an edit may change. app is
 * the application it is a round of; without it (every interview written before version 3)
 * an interview is an application of its own, of its company and role.
 */
export const FIELD_KEYS = Object.freeze(["app", "company", "role", "interview", "ends", "interviewers", "decisionBy"]);
/** EDIT_KEYS are what an edit may change: the fields, and the outcome as one value. */
export const EDIT_KEYS = Object.freeze([...FIELD_KEYS, "outcome"]);
/** KINDS are the kinds of change, as docs/companion.md lists them. */
export const KINDS = Object.freeze(["add", "edit", "mark", "reply", "delete", "import", "merge", "undo", "app"]);
const CHANGE_KEYS = {
  add: ["fields", "iv"], edit: ["fields", "iv"], mark: ["iv", "step", "to", "as", "at"], reply: ["iv", "on", "decisionBy", "removed"],
  delete: ["iv", "app"], import: ["interviews"], merge: ["ids"], undo: ["target", "undone"], app: ["app", "fields"],
};

const readOutcome = (r, v, path) => record(r, v, path, ["kind", "on"], () => {
  const kind = text(r, v, "kind", path, { check: (s) => OUTCOMES.includes(s), form: OUTCOMES.join(" or ") });
  const on = text(r, v, "on", path, { ...outcomeForm, required: kind !== "" });
  return kind && on ? { kind, on } : { kind: "", on: "" };
});

const FIELD_READERS = {
  app: (r, v, p) => text(r, v, "app", p, idForm),
  company: (r, v, p) => text(r, v, "company", p, { max: LIMITS.company }),
  role: (r, v, p) => text(r, v, "role", p, { max: LIMITS.role }),
  interview: (r, v, p) => text(r, v, "interview", p, { ...timeForm, required: true }),
  ends: (r, v, p) => text(r, v, "ends", p, { check: isClock, form: "HH:MM" }),
  interviewers: (r, v, p) => list(r, v, "interviewers", p, LIMITS.interviewers, (x, q) => readInterviewer(r, x, q)),
  decisionBy: (r, v, p) => text(r, v, "decisionBy", p, dateForm),
  outcome: (r, v, p) => (v.outcome !== null && v.outcome !== undefined ? readOutcome(r, v.outcome, at(p, "outcome")) ?? { kind: "", on: "" } : { kind: "", on: "" }),
};

// readFields reads a change's fields: every one of names when all (an add), else those given.
function readFields(r, v, path, names, all) {
  if (!object(r, v, path)) return {};
  keys(r, v, path, names);
  const out = {};
  for (const k of names) if (all || Object.hasOwn(v, k)) out[k] = FIELD_READERS[k](r, v, path);
  return out;
}

const flag = (r, v, key, path) => {
  if (!Object.hasOwn(v, key) || v[key] === false) return false;
  if (v[key] === true) return true;
  r.problem(at(path, key), "wrong-type", { want: "boolean", got: typeOf(v[key]) });
  return false;
};

// readChange reads one change of a log into a fresh object, by its kind's fields.
function readChange(r, v, path) {
  if (!object(r, v, path)) return null;
  if (typeof v.kind !== "string" || !KINDS.includes(v.kind)) {
    r.problem(at(path, "kind"), "bad-form", { want: KINDS.join(", ") });
    return null;
  }
  const kind = v.kind;
  keys(r, v, path, ["id", "kind", ...CHANGE_KEYS[kind]]);
  const c = { id: text(r, v, "id", path, stampRequired), kind };
  const iv = () => text(r, v, "iv", path, idRequired);
  switch (kind) {
    case "add":
    case "edit":
      c.iv = iv();
      if (Object.hasOwn(v, "fields")) c.fields = readFields(r, v.fields, at(path, "fields"), kind === "add" ? FIELD_KEYS : EDIT_KEYS, kind === "add");
      else r.problem(at(path, "fields"), "required");
      break;
    case "mark": {
      c.iv = iv();
      c.step = text(r, v, "step", path, { ...idForm, required: true });
      const to = text(r, v, "to", path, { max: LIMITS.name });
      if (to) c.to = to;
      const as = text(r, v, "as", path, { check: (s) => s === "sent" || s === "skipped", form: "sent or skipped" });
      if (as) c.as = as;
      if (as === "sent") c.at = text(r, v, "at", path, { ...timeForm, required: true });
      break;
    }
    case "reply": {
      c.iv = iv();
      c.on = text(r, v, "on", path, { ...dateForm, required: true });
      const d = text(r, v, "decisionBy", path, dateForm);
      if (d) c.decisionBy = d;
      if (flag(r, v, "removed", path)) c.removed = true;
      break;
    }
    case "delete":
      // An interview or a whole application, never both.
      if (Object.hasOwn(v, "app") && !Object.hasOwn(v, "iv")) c.app = text(r, v, "app", path, idRequired);
      else c.iv = iv();
      break;
    case "app":
      c.app = text(r, v, "app", path, idRequired);
      if (Object.hasOwn(v, "fields")) c.fields = readAppFields(r, v.fields, at(path, "fields"));
      else r.problem(at(path, "fields"), "required");
      break;
    case "import":
      c.interviews = list(r, v, "interviews", path, LIMITS.interviews, (x, p) => readInterview(r, x, p));
      c.interviews = c.interviews.map(({ updated, ...x }) => x);
      break;
    case "merge":
      c.ids = list(r, v, "ids", path, LIMITS.changes, (x, p) => (isStamp(x) ? x : (r.problem(p, "bad-form", { want: "a stamp" }), null)));
      break;
    case "undo":
      c.target = text(r, v, "target", path, { ...stampForm, required: true });
      c.undone = flag(r, v, "undone", path);
      break;
  }
  return c;
}

// isVersion0 reports whether a parsed value is of version 0 (the companion's first draft,
// before `format`), which companion-import.js's migrateV0 reads.
const isVersion0 = (v) => isObject(v) && !Object.hasOwn(v, "format") && (v.version === undefined || v.version === 0);

// readParsed reads a parsed value of any known version: {from, interviews, log} and the
// reader's problems; from is the version it was written in. A value of version 2 or 3 is a
// log (its `interviews` and `applications`, what the log gives, are there for other readers
// and not read; a version-2 log is a version-3 one without applications); one of version 0
// or 1 is a list of interviews, for the caller to make a change of. A version-0
// value is read through migrate (companion-import.js's migrateV0), which the caller passes.
// LOG_VERSION is the first version that is a log of changes.
const LOG_VERSION = 2;
function readParsed(r, v, { migrate, stored = false } = {}) {
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
    // Version 1's stored state kept `deleted`, tombstones that the log makes needless.
    keys(r, v, "", from === 1 ? ["format", "version", "interviews", "deleted"] : ["format", "version", "log", "interviews", "applications"]);
  }
  if (from >= LOG_VERSION) {
    if (!Object.hasOwn(v, "log")) r.problem("log", "required");
    // A stored log may hold up to twice the changes a file may: two tabs that each reached
    // the limit merge to more, and that must not make the list unreadable.
    return { from, interviews: [], log: list(r, v, "log", "", stored ? 2 * LIMITS.changes : LIMITS.changes, (x, p) => readChange(r, x, p)) };
  }
  if (!Object.hasOwn(v, "interviews")) r.problem("interviews", "required");
  const interviews = list(r, v, "interviews", "", LIMITS.interviews, (x, p) => readInterview(r, x, p));
  const seen = new Map();
  interviews.forEach((iv, i) => {
    if (!iv.id) return;
    if (seen.has(iv.id)) r.problem(`interviews.${i}.id`, "duplicate-id", { id: iv.id, first: seen.get(iv.id) });
    else seen.set(iv.id, i);
  });
  // `updated` ordered version 1's merge; the log orders changes by their stamps instead.
  return { from, interviews: interviews.map(({ updated, ...iv }) => iv), log: [] };
}

function parseText(r, text, max = LIMITS.bytes) {
  if (typeof text !== "string") {
    r.problem("", "wrong-type", { want: "string", got: typeOf(text) });
    return undefined;
  }
  // Every character is one to three bytes: only a text between max/3 and max characters
  // is worth encoding.
  const size = text.length > max || text.length * 3 <= max ? text.length : new TextEncoder().encode(text).length;
  if (size > max) {
    r.problem("", "too-large", { bytes: size, max });
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
 * readText reads the text of a stored state, an export file or a link's content, all
 * untrusted, as companion-import.js's validateImport describes: {value, problems,
 * warnings}, value {from, interviews, log} or null when there are problems. A version-2
 * value is a log (interviews empty); a version-1 or version-0 one a list of interviews
 * (log empty), without their `updated`. migrate reads a version-0 value (migrateV0);
 * without it such a value is refused with the problem {code: "bad-version"}.
 */
export function readText(text, { migrate } = {}) {
  const r = reader();
  const v = parseText(r, text);
  if (!r.problems.length && isVersion0(v) && !migrate) r.problem("version", "bad-version", {});
  const got = r.problems.length ? null : readParsed(r, v, { migrate });
  return { value: r.problems.length ? null : got, problems: r.problems, warnings: r.warnings };
}

/**
 * checkInterview checks one interview's fields as an import does, without the need for
 * `id` or `updated`: {ok, interview, problems}, with paths relative to the interview ("company",
 * "interviewers.0.email"). The page uses it to mark a form's mistakes before an edit.
 */
export function checkInterview(fields) {
  const r = reader();
  const interview = readInterview(r, fields, "", { needId: false });
  return { ok: r.problems.length === 0, interview, problems: r.problems };
}

/**
 * checkChange checks a change as a log read from storage or a file would: {ok, change,
 * problems}. The edits check each change they make with it, so nothing enters the log that
 * a reader would refuse.
 */
export function checkChange(change) {
  const r = reader();
  const c = readChange(r, change, "");
  return { ok: r.problems.length === 0, change: c, problems: r.problems };
}

// ---- Replay: the log, made the list ----

// The JSON of each change written once: a change never changes, and a save writes the
// same changes again and again.
const changeJSON = new WeakMap();
const jsonOf = (c) => changeJSON.get(c) ?? changeJSON.set(c, JSON.stringify(c)).get(c);

/**
 * uniqueLog is a log's changes once each, in stamp order: the union of any logs is
 * uniqueLog of their concatenation. Two changes with one stamp but different contents (a
 * crafted file) are resolved the same way everywhere: the one whose JSON sorts first.
 */
export function uniqueLog(log) {
  // A log read from storage or made by union is in order already: checked, not sorted again.
  if (log.every((c, i) => i === 0 || log[i - 1].id < c.id)) return log;
  const byId = new Map();
  for (const c of log) {
    const had = byId.get(c.id);
    if (!had || (had !== c && jsonOf(c) < jsonOf(had))) byId.set(c.id, c);
  }
  return [...byId.values()].sort((a, b) => cmp(a.id, b.id));
}

/**
 * mergeLogs is the union of two logs in stamp order (uniqueLog's), walking them side by
 * side: the union of a long log and a few changes costs one pass, not a sort.
 */
export function mergeLogs(a, b) {
  [a, b] = [uniqueLog(a), uniqueLog(b)];
  if (!b.length || a === b) return a;
  if (!a.length) return b;
  if (a.at(-1).id < b[0].id) return [...a, ...b];
  const out = [];
  let i = 0, j = 0;
  while (i < a.length && j < b.length) {
    const x = a[i], y = b[j];
    if (x.id < y.id) out.push(a[i++]);
    else if (y.id < x.id) out.push(b[j++]);
    else {
      out.push(x === y || jsonOf(x) <= jsonOf(y) ? x : y);
      i++;
      j++;
    }
  }
  return out.concat(a.slice(i), b.slice(j));
}

/**
 * undoneIds is the set of the ids of the changes a log's undos have taken back: of the
 * undos of one change, the latest says whether it is undone (a redo is an undo with
 * undone false). An undo of an undo, or of a later change, is no undo. A merge undone takes
 * back every change it brought. changes is uniqueLog's.
 */
export function undoneIds(changes) {
  const byId = new Map(changes.map((c) => [c.id, c]));
  const state = new Map();
  for (const c of changes) {
    const t = c.kind === "undo" && byId.get(c.target);
    if (t && t.kind !== "undo" && c.target < c.id) state.set(c.target, c.undone);
  }
  const off = new Set([...state].filter(([, u]) => u).map(([id]) => id));
  for (const c of changes) if (c.kind === "merge" && off.has(c.id)) for (const id of c.ids) if (id < c.id) off.add(id);
  return off;
}

const BLANK = Object.freeze({ app: "", company: "", role: "", interview: "", ends: "", interviewers: [], decisionBy: "", outcome: { kind: "", on: "" } });
const markKey = (step, to) => (to === undefined ? step : `${step}\u0000${to}`);
const replyKey = (on, d) => `${on}\u0000${d ?? ""}`;

// A record is one interview being replayed: its fields, facts and whether it is deleted.
const newRecord = (id, created) => ({ id, created, deleted: false, fields: { ...BLANK }, marks: new Map(), replies: new Map() });
const cloneRecord = (rec) => rec && { ...rec, fields: { ...rec.fields }, marks: new Map(rec.marks), replies: new Map(rec.replies) };

// apply is one step of an interview's replay: rec (null before its add) with the change c
// (entry: the interview of an import that c is). It changes rec, and returns it.
function apply(rec, id, { c, entry }) {
  if (c.kind === "add" || c.kind === "import") {
    rec = rec ?? newRecord(id, c.id);
    rec.deleted = false;
    if (c.kind === "add") Object.assign(rec.fields, c.fields);
    else {
      const kind = OUTCOMES.find((k) => entry[k]) ?? "";
      Object.assign(rec.fields, Object.fromEntries(FIELD_KEYS.map((k) => [k, entry[k]])), { outcome: kind ? { kind, on: entry[kind] } : { kind: "", on: "" } });
      for (const f of entry.facts.sent) rec.marks.set(markKey(f.step, f.to), { step: f.step, to: f.to, as: "sent", at: f.at });
      for (const f of entry.facts.skipped) rec.marks.set(markKey(f.step, f.to), { step: f.step, to: f.to, as: "skipped" });
      for (const f of entry.facts.replied) rec.replies.set(replyKey(f.on, f.decisionBy), f);
    }
    return rec;
  }
  if (!rec) return rec;
  if (c.kind === "edit") Object.assign(rec.fields, c.fields);
  else if (c.kind === "delete") rec.deleted = true;
  else if (c.kind === "mark") {
    if (c.as) rec.marks.set(markKey(c.step, c.to), { step: c.step, to: c.to, as: c.as, at: c.at });
    else rec.marks.delete(markKey(c.step, c.to));
  } else if (c.kind === "reply") {
    const k = replyKey(c.on, c.decisionBy);
    if (c.removed) rec.replies.delete(k);
    else rec.replies.set(k, c.decisionBy ? { on: c.on, decisionBy: c.decisionBy } : { on: c.on });
  }
  return rec;
}

const byKey = (m) => [...m.entries()].sort((a, b) => cmp(a[0], b[0])).map(([, v]) => v);

// interviewOf is a record as the interview of docs/companion.md, its facts in one order
// for every replica.
function interviewOf(rec) {
  const f = rec.fields, marks = byKey(rec.marks);
  const to = (m) => (m.to === undefined ? {} : { to: m.to });
  return {
    id: rec.id, app: f.app, company: f.company, role: f.role, interview: f.interview, ends: f.ends,
    interviewers: f.interviewers.map((p) => ({ ...p })), decisionBy: f.decisionBy,
    ...Object.fromEntries(OUTCOMES.map((k) => [k, f.outcome.kind === k ? f.outcome.on : ""])),
    facts: {
      sent: marks.filter((m) => m.as === "sent").map((m) => ({ step: m.step, ...to(m), at: m.at })),
      skipped: marks.filter((m) => m.as === "skipped").map((m) => ({ step: m.step, ...to(m) })),
      replied: byKey(rec.replies).map((x) => ({ ...x })),
    },
  };
}

// fold replays one interview's changes (steps, in stamp order): null when it was never
// added, else {created, note, iv}, iv null when it is deleted.
function fold(id, steps, check) {
  let rec = null;
  for (const s of steps) rec = apply(rec, id, s);
  if (!rec) return null;
  const note = { setAside: [], problem: null, last: steps.at(-1).c.id };
  if (rec.deleted) return { created: rec.created, note, iv: null };
  let iv = interviewOf(rec);
  if (check(iv)) {
    // Slow path, for this interview only: apply its changes one by one, setting aside
    // each that makes a planning interview stop planning.
    rec = null;
    let bad = false;
    for (const s of steps) {
      const next = apply(cloneRecord(rec), id, s);
      if (!next || next.deleted) {
        rec = next;
        continue;
      }
      const p = check(interviewOf(next));
      if (p && rec && !rec.deleted && !bad) note.setAside.push({ id: s.c.id, kind: s.c.kind, problem: p });
      else [rec, bad] = [next, !!p];
    }
    if (rec.deleted) return { created: rec.created, note, iv: null };
    iv = interviewOf(rec);
    note.problem = check(iv);
  }
  return { created: rec.created, note, iv };
}

// foldApp replays one application's changes (in stamp order; undone ones left out): its
// fields, each as the latest change that set it left it, and whether it is deleted. A
// delete hides it, with its rounds, whatever was changed before or after; undoing the
// delete brings it back whole.
function foldApp(changes) {
  const rec = { created: changes[0].id, deleted: false, made: false, fields: {} };
  for (const c of changes) {
    if (c.kind === "delete") rec.deleted = true;
    else {
      rec.made = true;
      Object.assign(rec.fields, c.fields);
    }
  }
  return rec;
}

// asRound is interview iv as a round of application app: its app, company and role the
// application's. The same object while they do not change, so that what the page keeps by
// interview (its plan) holds from one replay to the next.
const rounds = new WeakMap();
function asRound(iv, app, company, role) {
  if (iv.app === app && iv.company === company && iv.role === role) return iv;
  const d = rounds.get(iv);
  if (d && d.app === app && d.company === company && d.role === role) return d.out;
  const out = { ...iv, app, company, role };
  rounds.set(iv, { app, company, role, out });
  return out;
}

// applicationsOf groups the interviews kept into their applications: those of apps, the
// applications' own changes by id, and one for each interview without an `app` (every
// interview written before version 3: an application of its own, named by its id). An
// application's company and role are those its changes set, else its first round's. An
// application deleted takes its rounds out of the list. Returns {applications,
// interviews}, the interviews as rounds (asRound), both in the order they were made.
function applicationsOf(kept, apps) {
  const byApp = new Map();
  for (const [created, iv] of kept) {
    const id = iv.app || iv.id;
    if (!byApp.has(id)) byApp.set(id, { created, rounds: [] });
    byApp.get(id).rounds.push(iv);
  }
  for (const [id, changes] of apps) if (!byApp.has(id)) byApp.set(id, { created: changes[0].id, rounds: [] });
  const applications = [], interviews = [];
  for (const [id, g] of byApp) {
    const rec = apps.has(id) ? foldApp(apps.get(id)) : null;
    if (rec?.deleted || (!rec?.made && !g.rounds.length)) continue;
    const f = rec?.fields ?? {}, first = g.rounds[0];
    const pick = (k) => (Object.hasOwn(f, k) ? f[k] : first?.[k] ?? "");
    const a = {
      id, company: pick("company"), role: pick("role"), link: f.link ?? "", contact: f.contact ?? { name: "", email: "", kind: "" }, notes: f.notes ?? "",
      rounds: g.rounds.map((iv) => asRound(iv, id, pick("company"), pick("role"))),
    };
    a.rounds.sort((x, y) => cmp(x.interview, y.interview) || cmp(x.id, y.id));
    applications.push([rec && rec.created < g.created ? rec.created : g.created, a]);
    for (const iv of a.rounds) interviews.push(iv);
  }
  applications.sort((x, y) => cmp(x[0], y[0]));
  const order = new Map(kept.map(([, iv], i) => [iv.id, i]));
  interviews.sort((x, y) => order.get(x.id) - order.get(y.id));
  return {
    applications: applications.map(([, a]) => ({ ...a, rounds: a.rounds.map((iv) => iv.id) })),
    interviews,
  };
}

/**
 * replay is the list a log gives: {applications, interviews, notes, changes}. changes is
 * uniqueLog(log), interviews the interviews not deleted (nor their application), in the
 * order they were added, each as docs/companion.md's interview (without `updated`), its
 * `app`, company and role its application's; applications each {id, company, role, link,
 * contact {name, email, kind}, notes, rounds}, rounds the ids of its interviews by their
 * date. check(interview) is null when an
 * interview plans, else the engine's problem {field, code, args}: a change that would make
 * a planning interview stop planning is set aside rather than applied, so that the list
 * always plans whatever order changes arrive in; notes holds, by interview id, {setAside:
 * [{id, kind, problem}], problem, last} (problem: the interview does not plan even so, as
 * after the site's rules changed; last: the stamp of its latest change). The same log gives
 * the same list on every replica: replay depends on the set of changes only. memo, a Map
 * the caller keeps from one replay to the next with the same check, makes a replay after
 * one change cost little more than reading the log.
 */
export function replay(log, check = () => null, memo = null) {
  const changes = uniqueLog(log);
  const off = undoneIds(changes);
  const per = new Map(), apps = new Map();
  const push = (id, step) => (per.has(id) ? per.get(id).push(step) : per.set(id, [step]));
  for (const c of changes) {
    if (off.has(c.id) || c.kind === "undo" || c.kind === "merge") continue;
    if (c.kind === "import") c.interviews.forEach((entry) => push(entry.id, { c, entry }));
    else if (c.kind === "app" || (c.kind === "delete" && c.app)) apps.has(c.app) ? apps.get(c.app).push(c) : apps.set(c.app, [c]);
    else push(c.iv, { c });
  }
  const kept = [], notes = new Map();
  for (const [id, steps] of per) {
    // The same changes give the same interview: a memo kept by the caller (for the same
    // check) skips the interviews a change did not touch.
    const key = memo && steps.map((s) => s.c.id).join(" ");
    const hit = memo?.get(id);
    const got = hit && hit.key === key ? hit.got : fold(id, steps, check);
    memo?.set(id, { key, got });
    if (!got) continue;
    notes.set(id, got.note);
    if (got.iv) kept.push([got.created, got.iv]);
  }
  kept.sort((a, b) => cmp(a[0], b[0]));
  return { ...applicationsOf(kept, apps), notes, changes };
}

// ---- The state, stored and exported ----

/**
 * exportText is the export file's text: the log, with the applications and interviews it
 * gives (view, replay's) for readers that do not replay it (playbook plan --from), as
 * indented JSON ending in a newline.
 */
export function exportText(log, { interviews, applications = [] }) {
  // The interviews indented for a person to read; the log a change a line, compact, so that
  // a long one stays within what a file may hold.
  const head = JSON.stringify({ format: FORMAT, version: VERSION, applications, interviews }, null, 1).slice(0, -2);
  return `${head},\n "log": [${log.map((c) => "\n  " + JSON.stringify(c)).join(",")}${log.length ? "\n " : ""}]\n}\n`;
}

/** storedText is the stored state's text: the log alone, compact. */
export const storedText = (log) => `{"format":${JSON.stringify(FORMAT)},"version":${VERSION},"log":[${log.map(jsonOf).join(",")}]}`;

// ---- Storage ----

// readStored reads a stored text: {status, log, interviews, raw, problems}; migrate as
// readParsed's.
function readStored(raw, migrate) {
  const none = { log: [], interviews: [] };
  if (raw === null) return { status: "empty", ...none };
  const r = reader();
  // Stored, a log may be larger than a file: two tabs' merged, as readParsed allows.
  const v = parseText(r, raw, 4 * LIMITS.bytes);
  if (!r.problems.length && isVersion0(v) && !migrate) return { status: "old", ...none, raw, from: 0 };
  const got = r.problems.length ? null : readParsed(r, v, { migrate, stored: true });
  const newer = r.problems.find((p) => p.code === "newer-version");
  if (newer) return { status: "newer-version", ...none, raw, version: newer.args.version };
  if (r.problems.length || !got) return { status: "unreadable", ...none, raw, problems: r.problems };
  return got.from < LOG_VERSION ? { status: "migrated", log: [], interviews: got.interviews, raw, from: got.from } : { status: "ok", log: got.log, interviews: [] };
}

/**
 * loadCompanion reads the state kept in storage (localStorage, or anything with getItem;
 * null when the browser refused it) under key, which is untrusted: {log, interviews,
 * status} with status
 *   "ok" (log), "empty" (nothing stored), "migrated" (version 0 or 1, a list of
 *     interviews rather than a log: interviews, raw and from; the page records them as one
 *     import change and saves),
 *   "old" (version 0, stored by the companion's first draft, and no migrate given: raw
 *     and from too; the store's save refuses, as for "unreadable", until the page reads it
 *     again with {migrate: migrateV0} of companion-import.js, which it loads only then),
 *   "unreadable" (raw and problems too) or "newer-version" (raw and version too): the
 *     log is empty and the store's save refuses until the visitor downloads raw and the
 *     store's discard() removes it;
 *   "unavailable": storage threw; the page works in memory and says nothing is kept.
 * companion-edit.js's openCompanionStore, which writes the state, reads it with this.
 */
export function loadCompanion(storage, key = COMPANION_KEY, { migrate } = {}) {
  let raw, recent;
  try {
    [raw, recent] = [storage.getItem(key), storage.getItem(key + RECENT) ?? null];
  } catch {
    return { status: "unavailable", log: [], interviews: [] };
  }
  return readBoth(readStored(raw, migrate), recent);
}

// readBoth is the state of the main key (main, readStored's) and the latest changes'
// (recent, a text or null): the union of their logs, and when "ok" the main key's alone
// (main). Recent changes that cannot be read
// make the whole "unreadable", with their text as raw: nothing writes over them.
function readBoth(main, recent) {
  if (recent === null || main.status === "unavailable") return main.status === "ok" ? { ...main, main: main.log } : main;
  const r = readStored(recent);
  if (r.status === "empty") return main;
  if (r.status !== "ok") return { ...r, status: r.status === "newer-version" ? r.status : "unreadable", problems: r.problems ?? [], raw: recent, key: RECENT };
  if (main.status === "ok") return { ...main, log: mergeLogs(main.log, r.log), main: main.log };
  // Changes kept apart from an empty list are the list.
  return main.status === "empty" ? { ...main, status: "ok", log: r.log, main: [] } : main;
}

