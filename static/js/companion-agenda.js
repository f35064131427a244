// companion-agenda.js: what the follow-up companion (/follow-ups/) needs to draw a list,
// with no DOM: the agenda across all interviews, each interview's plan input, the dates
// it reads, the keys it is stored under, and the list as last drawn (VIEW_KEY), which the
// page draws on a visit before it reads and replays the log. It is the part of the state
// core (companion-state.js, which exports it all again) that the first screen loads; the
// log's reading and replay come after. Pure functions of their arguments, tested with
// `node --test static/js/`; docs/companion.md is the contract.
//
// Times are civil (wall-clock) strings, "YYYY-MM-DDTHH:MM", compared as text and counted
// in calendar days, never as Date: a daylight-saving change cannot move an item from one
// group of the agenda to another.

import { dateOf, daysIn } from "./civil.js";

/** COMPANION_KEY is the localStorage key of the companion's state. */
export const COMPANION_KEY = "followup-playbook:companion";
/**
 * RECENT is the suffix of the key that holds the latest changes apart from the rest of the
 * log (COMPANION_KEY + RECENT): a change rewrites that short text, not the whole log, and
 * the log is the union of the two. companion-edit.js's store moves them into the main key
 * once there are more than RECENT_MAX.
 */
export const RECENT = ":recent";
export const RECENT_MAX = 100;
/** FORMAT is the `format` of the state and of an export file. */
export const FORMAT = "followup-playbook/companion";
/**
 * VERSION is the schema version this module writes; older ones are migrated on reading.
 * Version 3 added applications (the change kind `app`, an interview's `app`, an
 * interviewer's `topic`) and the outcome nextRound: a page that knows only version 2 keeps
 * such a list unread instead of dropping what it does not know.
 */
export const VERSION = 3;

/** GROUPS are the agenda's groups, in the order it lists them. */
export const GROUPS = Object.freeze(["overdue", "today", "week", "later", "done"]);
/**
 * OUTCOMES are the interview fields that hold an outcome; at most one is set. nextRound is
 * "invited to another round": that round's chasers end, and the application goes on.
 */
export const OUTCOMES = Object.freeze(["rejected", "offer", "withdrew", "nextRound"]);
/** CLOSING are the outcomes that close an application. */
export const CLOSING = Object.freeze(["rejected", "offer", "withdrew"]);

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

const pad = (n, w = 2) => String(n).padStart(w, "0");
// dayNumber is days since 1970-01-01 of a real "YYYY-MM-DD" (civil.js's, as the engine
// counts), or NaN.
export function dayNumber(s) {
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
/**
 * civilTime is a Date's local wall-clock time as the engine's "YYYY-MM-DDTHH:MM": the
 * page's `today` is civilTime(new Date()).
 */
export function civilTime(date) {
  return `${pad(date.getFullYear(), 4)}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

export const typeOf = (v) => (v === null ? "null" : Array.isArray(v) ? "array" : typeof v);
export const isObject = (v) => typeOf(v) === "object";

// ---- The list as last drawn ----

/** VIEW_KEY is the localStorage key of the list as last drawn (viewText), never the truth. */
export const VIEW_KEY = "followup-playbook:companion-view";

/**
 * textHash is a 53-bit hash of a text (cyrb53), as 14 hex digits: what names the stored
 * log and the rules a drawn list was made from. Not for secrets.
 */
export function textHash(text) {
  let h1 = 0xdeadbeef, h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(16).padStart(14, "0");
}

/**
 * viewKey names what a drawn list depends on: the stored texts of the log (both keys'; null
 * when absent), the rules' text, the visitor's choices me and the engine (the address of
 * the page's script, named after its content when published, so that a new version of the
 * page plans again). The texts are named by textHash: a cache's name, not a secret, and
 * faster than encoding a long log for crypto.subtle's SHA-256 (0.6 ms against 10.6 ms for
 * 248 KB, in Node).
 */
export function viewKey(texts, rulesText, me, engine = "") {
  const hash = (t) => (t === null ? "-" : textHash(t));
  return [...[...texts, rulesText].map(hash), JSON.stringify(me), encodeURI(engine)].join(" ");
}

/**
 * viewText is what VIEW_KEY keeps so that the next visit draws the list before it reads
 * and replays the log: key (viewKey's), the list and its notes as replay gave them, and the
 * plans (by cachedPlan's key, the JSON of the plan's input: {plan} or {error}).
 */
export const viewText = (key, view, plans) =>
  JSON.stringify({ format: FORMAT + "-view", version: VERSION, key, applications: view.applications, interviews: view.interviews, notes: [...view.notes], plans });

/**
 * viewFits tells how a list kept under the viewKey made serves a page whose viewKey is key:
 * "same" (it is the list: drawn at once); "plans" (another log, the same rules, choices and
 * script, as after another tab or device changed the log: only its plans hold, by their
 * inputs); "stale" (the same log and choices, other rules or script, as after the site
 * changed: drawn, marked as out of date, only until the log is replayed); "" (nothing).
 */
export function viewFits(made, key) {
  if (made === key) return "same";
  // The parts: the log's two hashes, the rules' hash, the choices, the script.
  const [a, b] = [made.split(" "), key.split(" ")];
  if (a.length !== 5 || b.length !== 5) return "";
  if (a.slice(2).join(" ") === b.slice(2).join(" ")) return "plans";
  return a[0] === b[0] && a[1] === b[1] && a[3] === b[3] ? "stale" : "";
}

/**
 * readView reads VIEW_KEY's text for a page whose viewKey is key: {applications, interviews, notes, plans,
 * fits} (fits: viewFits's answer), or null (absent, made under other choices, or not of the
 * shape viewText writes: it is only ever a cache, and the page replays the log instead).
 */
export function readView(text, key) {
  let v;
  try {
    v = JSON.parse(text);
  } catch {
    return null;
  }
  const arrays = (x) => Array.isArray(x) && x.every((e) => Array.isArray(e) && e.length === 2 && typeof e[0] === "string" && isObject(e[1]));
  if (!isObject(v) || v.format !== FORMAT + "-view" || v.version !== VERSION || typeof v.key !== "string") return null;
  const fits = viewFits(v.key, key);
  const objects = (x) => Array.isArray(x) && x.every(isObject);
  if (!fits || !objects(v.applications) || !objects(v.interviews) || !arrays(v.notes) || !arrays(v.plans)) return null;
  return { applications: v.applications, interviews: v.interviews, notes: new Map(v.notes), plans: v.plans, fits };
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
    nextRound: iv.nextRound ?? "",
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

/** planProblem is what an engine's failure says: {field, code, args}. */
export function planProblem(e) {
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
 * A step without a status (an engine given no today, as the page's plans, which it keeps
 * while today moves) gets one from the contract's rules, and an overdue one the note
 * overdueNote (the rules' policy.overdueNote), as the engine would give it.
 * The groups but done are sorted by suggested time, then company, interview and the plan's
 * order. An interview whose plan fails (planFor throws, or returns {field, code, args} or
 * {error}) is in broken, {interviewId, company, role, field, code, args}, and the others
 * still plan; so is one whose plan has a step of the wrong shape, with code "bad-plan".
 * A today not of the form YYYY-MM-DDTHH:MM throws a StateError "bad-today".
 */
// wellShaped reports whether every step of plan p has the times and id the agenda reads;
// a plan kept by the page is checked once.
const shaped = new WeakSet();
function wellShaped(p) {
  if (shaped.has(p)) return true;
  if (p.steps.some((s) => !s || typeof s !== "object" || ![s.earliest, s.suggested, s.latest].every(isDateTime) || typeof s.id !== "string")) return false;
  shaped.add(p);
  return true;
}

export function agenda(interviews, planFor, today, { overdueNote = "" } = {}) {
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
    const failed = !p || !Array.isArray(p.steps) ? planProblem(p && (p.error ?? p))
      : !wellShaped(p) ? { field: "", code: "bad-plan", args: {} } : null;
    if (failed) {
      broken.push({ interviewId: iv.id, company: iv.company, role: iv.role, ...failed });
      continue;
    }
    for (const s of p.steps) {
      const sentFact = factFor(iv.facts.sent, s), skipFact = factFor(iv.facts.skipped, s);
      let status = s.status;
      if (!status) {
        status = s.sent || sentFact ? "done" : today > s.latest ? "overdue" : s.earliest <= today ? "due" : "upcoming";
      }
      const item = {
        interviewId: iv.id, company: iv.company, role: iv.role, step: s.id, message: s.message, to: s.to,
        earliest: s.earliest, suggested: s.suggested, latest: s.latest, note: status === "overdue" && overdueNote ? overdueNote : s.note, status,
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
export const cmp = (a, b) => (a < b ? -1 : a > b ? 1 : 0);
