// companion-edit.js: the changes to the follow-up companion's log, with no DOM: the hybrid
// logical clock that stamps them, one maker for each kind of change the visitor's clicks
// make, propose (a change is checked against the list it would give before it is kept),
// the union of two logs and the store that keeps the log, reading what another tab kept and
// merging it in before it writes, and reading back what it wrote. companion.js loads it with
// the first change (the form, the dialog and the file part import it); reading the stored
// log and replaying it, which the first screen needs, are companion-state.js's. Pure
// functions of their arguments but the store, tested with `node --test static/js/`;
// docs/companion.md is the contract.
import {
  APP_KEYS, COMPANION_KEY, EDIT_KEYS, FIELD_KEYS, LIMITS, MAX_STAMP_MS, OUTCOMES, RECENT, RECENT_MAX, StateError, VIEW_KEY,
  checkApplication, checkChange, checkInterview, loadCompanion, mergeLogs, replay, stampParts, storedText, uniqueLog,
} from "./companion-state.js";

/**
 * newReplica is a tab's name in its stamps: 8 letters and digits from random(bytes) (the
 * page's crypto.getRandomValues). Each tab has its own, so two tabs' changes made in the
 * same millisecond still have different stamps.
 */
export function newReplica(random) {
  return [...random(new Uint8Array(8))].map((b) => (b % 36).toString(36)).join("");
}

/**
 * nextStamp is the stamp of a change made at wallMs (Date.now()) by replica, after last,
 * the highest stamp this replica has made or seen (or ""): the larger of the wall clock
 * and last, with a counter that tells apart changes of one millisecond. A clock set back,
 * or a stamp from a fast clock, never makes a new change sort before what it has seen.
 */
export function nextStamp(last, wallMs, replica) {
  if (!Number.isFinite(wallMs)) throw new StateError("bad-clock", { want: "milliseconds" });
  let ms = Math.min(Math.max(0, Math.floor(wallMs)), MAX_STAMP_MS), n = 0;
  if (last) {
    const p = stampParts(last);
    if (p.ms >= ms) [ms, n] = p.n >= 9999 ? [p.ms + 1, 0] : [p.ms, p.n + 1];
  }
  return `${String(ms).padStart(13, "0")}-${String(n).padStart(4, "0")}-${replica}`;
}

/** latest is the highest stamp of a log, or last if that is higher: what the clock has seen. */
export function latest(log, last = "") {
  let top = last;
  for (const c of log) if (c.id > top) top = c.id;
  return top;
}

/** newId is the id of an interview added by the change stamped stamp: unique as stamps are. */
export function newId(stamp) {
  const { ms, n, replica } = stampParts(stamp);
  return `iv-${ms.toString(36)}${n ? "-" + n : ""}-${replica}`;
}

// made checks a change as a reader of the log would, or throws a StateError with the
// problems, paths relative to the change.
function made(change) {
  const c = checkChange(change);
  if (!c.ok) throw new StateError("invalid-change", {}, c.problems);
  return c.change;
}

// fieldsOf are the known fields of an edit, copied (never its prototype or other keys).
function fieldsOf(fields, keys) {
  const out = {};
  for (const k of keys) if (Object.hasOwn(fields, k)) out[k] = structuredClone(fields[k]);
  return out;
}

/**
 * addChange adds an interview of fields (those left out are empty), as the form gives them.
 * Its mistakes throw a StateError "invalid-interview" with problems whose paths are the
 * interview's ("interviewers.0.email"), for the form to mark.
 */
export function addChange(fields, stamp) {
  const c = checkInterview({ ...fieldsOf(fields, FIELD_KEYS), id: "new" });
  if (!c.ok) throw new StateError("invalid-interview", {}, c.problems);
  return made({ id: stamp, kind: "add", iv: newId(stamp), fields: fieldsOf(c.interview, FIELD_KEYS) });
}

/**
 * editChange changes interview id from what the form showed (before) to what it holds now
 * (after): only the fields the visitor changed, so that an edit made meanwhile elsewhere
 * to another field is kept. null when nothing changed.
 */
export function editChange(id, before, after, stamp) {
  const c = checkInterview({ ...fieldsOf(after, FIELD_KEYS), id });
  if (!c.ok) throw new StateError("invalid-interview", {}, c.problems);
  const fields = {};
  for (const k of FIELD_KEYS) if (Object.hasOwn(after, k) && JSON.stringify(c.interview[k]) !== JSON.stringify(before[k])) fields[k] = c.interview[k];
  return Object.keys(fields).length ? made({ id: stamp, kind: "edit", iv: id, fields }) : null;
}

/**
 * outcomeChange records the interview's outcome: kind one of OUTCOMES on `on` (YYYY-MM-DD or
 * YYYY-MM-DDTHH:MM); kind "" clears it.
 */
export function outcomeChange(id, kind, on, stamp) {
  if (kind !== "" && !OUTCOMES.includes(kind)) throw new StateError("bad-outcome", { kind: String(kind) });
  return made({ id: stamp, kind: "edit", iv: id, fields: fieldsOf({ outcome: kind ? { kind, on } : { kind: "", on: "" } }, EDIT_KEYS) });
}

/**
 * whom is a fact's `to` for interview iv: the interviewer that to names (trimmed), or
 * undefined for a step to everyone (the plan's `to` is then a role such as "hiring manager").
 */
export function whom(iv, to) {
  const t = typeof to === "string" ? to.trim() : "";
  const hit = t && iv.interviewers.find((x) => x.name.trim() === t);
  return hit ? hit.name : undefined;
}

/**
 * markChange marks step (a plan step's id) of interview iv, to `to` (the plan step's; kept
 * only when it names an interviewer), as "sent" at `at` (YYYY-MM-DDTHH:MM), "skipped", or
 * "" (neither: back on the list). A later mark of the same step and person replaces it.
 */
export function markChange(iv, step, to, as, at, stamp) {
  const t = whom(iv, to);
  return made({ id: stamp, kind: "mark", iv: iv.id, step, ...(t ? { to: t } : {}), ...(as ? { as } : {}), ...(as === "sent" ? { at } : {}) });
}

/**
 * replyChange records their answer on `on` (YYYY-MM-DD) with the new decision date it gave,
 * or none (""); removed takes such a reply away.
 */
export function replyChange(id, on, decisionBy, stamp, removed = false) {
  return made({ id: stamp, kind: "reply", iv: id, on, ...(decisionBy ? { decisionBy } : {}), ...(removed ? { removed } : {}) });
}

/** deleteChange deletes interview id (undoing it brings the interview back, whole). */
export const deleteChange = (id, stamp) => made({ id: stamp, kind: "delete", iv: id });

/** newAppId is the id of an application made by the change stamped stamp. */
export const newAppId = (stamp) => newId(stamp).replace(/^iv-/, "ap-");

/**
 * appChange sets the fields of application id (new: newAppId's) from what the form showed
 * (before, {} for a new one) to what it holds now (after): only those the visitor changed,
 * each its own register. null when nothing changed. Its mistakes throw a StateError
 * "invalid-application" with problems whose paths are the application's ("contact.email").
 */
export function appChange(id, before, after, stamp) {
  const c = checkApplication(fieldsOf(after, APP_KEYS));
  if (!c.ok) throw new StateError("invalid-application", {}, c.problems);
  const fields = {};
  for (const k of APP_KEYS) if (Object.hasOwn(c.application, k) && JSON.stringify(c.application[k]) !== JSON.stringify(before[k])) fields[k] = c.application[k];
  return Object.keys(fields).length ? made({ id: stamp, kind: "app", app: id, fields }) : null;
}

/** deleteAppChange deletes application id and its rounds (undoing it brings them back). */
export const deleteAppChange = (id, stamp) => made({ id: stamp, kind: "delete", app: id });

/** importChange brings in the interviews of a version-1 (or 0) file, over any other copy. */
export const importChange = (interviews, stamp) => made({ id: stamp, kind: "import", interviews: structuredClone(interviews) });

/** mergeChange names the changes a file or a link brought, so that one undo takes them back. */
export const mergeChange = (ids, stamp) => made({ id: stamp, kind: "merge", ids: [...ids] });

/** undoChange undoes the change target (undone true) or redoes it (false). */
export const undoChange = (target, undone, stamp) => made({ id: stamp, kind: "undo", target, undone });

/** union is two logs (or more) made one: each change once, in stamp order. */
export const union = (...logs) => logs.reduce(mergeLogs, []);

// setAsideIds lists the changes a replay set aside, and the interviews that do not plan.
function troubles(view) {
  const out = new Set();
  for (const [id, n] of view.notes) {
    for (const s of n.setAside) out.add(s.id);
    if (n.problem && view.interviews.some((iv) => iv.id === id)) out.add("interview " + id);
  }
  return out;
}

/**
 * propose is the log with change added, if the list it gives is one the visitor can keep:
 * {log, view}, view being replay(log, check). It throws a StateError when the change would
 * set aside a change (itself or another: an undo that would unmake what a later fact
 * needs), make an interview stop planning, bring the list past LIMITS.interviews
 * ("too-many"), or the log past LIMITS.changes ("log-full"); "would-not-plan" carries the engine's problem {path: "", field, code, args}
 * in problems, for the page to word where the change was made (field: the input's). before is replay(log, check),
 * when the page has it.
 */
export function propose(log, change, check, before = replay(log, check), memo = null) {
  if (log.length >= LIMITS.changes) throw new StateError("log-full", { max: LIMITS.changes });
  const next = union(log, [change]);
  const view = replay(next, check, memo);
  if (view.interviews.length > Math.max(LIMITS.interviews, before.interviews.length)) {
    throw new StateError("too-many", { count: view.interviews.length, max: LIMITS.interviews });
  }
  if (view.applications.length > Math.max(LIMITS.applications, before.applications.length)) {
    throw new StateError("too-many-applications", { count: view.applications.length, max: LIMITS.applications });
  }
  const had = troubles(before);
  for (const [, n] of view.notes) {
    const s = n.setAside.find((x) => !had.has(x.id));
    if (s) throw new StateError("would-not-plan", {}, [{ path: "", field: s.problem.field, code: s.problem.code, args: s.problem.args }]);
  }
  for (const iv of view.interviews) {
    const p = view.notes.get(iv.id).problem;
    if (p && !had.has("interview " + iv.id)) throw new StateError("would-not-plan", {}, [{ path: "", field: p.field, code: p.code, args: p.args }]);
  }
  return { log: next, view };
}

// ---- Storage ----

const isQuota = (e) => !!e && (e.name === "QuotaExceededError" || e.name === "NS_ERROR_DOM_QUOTA_REACHED" || e.code === 22 || e.code === 1014);
const kept = (status) => status === "unreadable" || status === "newer-version" || status === "old";

/**
 * openCompanionStore keeps the log in storage (localStorage, or anything with getItem,
 * setItem and removeItem; null when the browser refused it) under key, and its latest
 * changes under key + RECENT: a change rewrites those, a short text, and once there are more
 * than RECENT_MAX the whole log is written under key and the recent ones let go. Unlike
 * fill.js's openStore it never overwrites what it cannot read.
 *
 * load() is companion-state.js's loadCompanion(storage, key, {migrate}); the page opens
 * the store again with {migrate: migrateV0} once it has read a list of version 0.
 * save(log, ids) reads what is stored, writes the union of it and log, and reads it back:
 *   {ok: true, log, texts} once the stored log holds every change of ids (the new ones: only
 *   then may the page say they are kept; log holds other tabs' changes too; texts are the
 *   two keys' texts, null for none, that hold log), or {ok: false, reason,
 *   log}: "kept" (an unread value is there: nothing written), "full" (quota),
 *   "unavailable", or "not-kept" (what was read back lacks them). log is then the page's
 *   to keep in memory.
 * discard() removes what cannot be read, or, when all can, both keys: true if it could.
 * The page listens for the window's "storage" event with event.key === store.key or
 * store.key + RECENT, loads, and takes the union with its own log.
 */
export function openCompanionStore(storage, key = COMPANION_KEY, { migrate } = {}) {
  const load = () => loadCompanion(storage, key, { migrate });
  // readTexts reads the two keys' texts, as load() would.
  const readTexts = (main, recent) => loadCompanion({ getItem: (k) => (k === key ? main : recent) }, key, { migrate });
  // The texts this store last wrote or read under both keys, with the log they hold and
  // the ids of the main key's changes: texts the same hold the same log, so a save need not
  // parse them again.
  let known = { main: null, recent: null, log: [], inMain: new Set() };
  const stored = () => {
    let main, recent;
    try {
      [main, recent] = [storage.getItem(key), storage.getItem(key + RECENT)];
    } catch {
      return { status: "unavailable" };
    }
    if (main === known.main && recent === known.recent) return { status: main === null && recent === null ? "empty" : "ok", ...known };
    const l = readTexts(main, recent);
    if (l.status === "ok") known = { main, recent, log: l.log, inMain: new Set(l.main.map((c) => c.id)) };
    return l.status === "ok" ? { status: "ok", ...known } : l;
  };
  return {
    key,
    load,
    save(log, ids = []) {
      // Two tabs may write between this tab's read and write: read back, and try again.
      for (let tries = 0; tries < 3; tries++) {
        const s = stored();
        if (s.status === "unavailable") return { ok: false, reason: "unavailable", log };
        if (kept(s.status)) return { ok: false, reason: "kept", log };
        const ok = s.status === "ok";
        const merged = ok ? union(s.log, log) : union(log);
        const apart = ok ? merged.filter((c) => !s.inMain.has(c.id)) : merged;
        try {
          if (apart.length <= RECENT_MAX && ok) {
            const recent = storedText(apart);
            storage.setItem(key + RECENT, recent);
            known = { ...s, recent, log: merged };
          } else {
            // Every change into the main key (a list migrated, too), then the recent ones let
            // go: but those another tab kept apart meanwhile, which stay apart.
            const main = storedText(merged), inMerged = new Set(merged.map((c) => c.id));
            storage.setItem(key, main);
            const now = storage.getItem(key + RECENT);
            const left = now === null ? [] : readTexts(null, now).log.filter((c) => !inMerged.has(c.id));
            const recent = left.length ? storedText(left) : null;
            if (recent === null) storage.removeItem(key + RECENT);
            else storage.setItem(key + RECENT, recent);
            known = { main, recent, log: union(merged, left), inMain: inMerged };
          }
        } catch (e) {
          return { ok: false, reason: isQuota(e) ? "full" : "unavailable", log: merged };
        }
        const back = stored();
        if (back.status === "ok" && ids.every((id) => back.log.some((c) => c.id === id))) return { ok: true, log: back.log, texts: [back.main, back.recent] };
        log = merged;
      }
      return { ok: false, reason: "not-kept", log };
    },
    discard() {
      known = { main: null, recent: null, log: [], inMain: new Set() };
      try {
        const [main, recent] = [storage.getItem(key), storage.getItem(key + RECENT)];
        // What cannot be read goes (the visitor was offered it); what can stays. With no such
        // part (Delete everything), both go.
        const unread = [[key, readTexts(main, null)], [key + RECENT, readTexts(null, recent)]].filter(([, l]) => kept(l.status)).map(([k]) => k);
        for (const k of unread.length ? unread : [key, key + RECENT]) storage.removeItem(k);
        // The list as last drawn goes with it.
        storage.removeItem(VIEW_KEY);
        return true;
      } catch {
        return false;
      }
    },
  };
}
