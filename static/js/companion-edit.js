// companion-edit.js: the changes to the follow-up companion's state, with no DOM: the edits
// the visitor's clicks make (each stamps `updated` from a clock passed in, never
// Date.now()), the merge of two tabs' copies and the store that saves the state, reading
// what another tab kept and merging it in before it writes. companion.js loads it with the
// first change (the form, the dialog and the file part import it); reading the stored
// state, which the first screen needs, is companion-state.js's. Pure functions of their
// arguments but the store, tested with `node --test static/js/`; docs/companion.md is the
// contract.
import { COMPANION_KEY, INTERVIEW_KEYS, LIMITS, OUTCOMES, StateError, checkInterview, emptyState, isInstant, loadCompanion } from "./companion-state.js";

const instant = (s) => Date.parse(s);
const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);
const withState = (state, interviews, deleted = state.deleted ?? []) => ({ ...emptyState(), interviews, deleted });

/**
 * stamp is the `updated` of an edit made at now, a Date or its toISOString; a StateError
 * "bad-clock" for anything else.
 */
export function stamp(now) {
  const s = now instanceof Date ? now.toISOString() : now;
  if (!isInstant(s)) throw new StateError("bad-clock", { want: "toISOString" });
  return s;
}

/**
 * diff lists what changed from before to after, by interview id: {added, changed, removed}.
 * After a merge, the page can say which interviews another tab changed.
 */
export function diff(before, after) {
  const old = new Map(before.interviews.map((iv) => [iv.id, iv]));
  const now = new Set(after.interviews.map((iv) => iv.id));
  return {
    added: after.interviews.filter((iv) => !old.has(iv.id)).map((iv) => iv.id),
    changed: after.interviews.filter((iv) => old.has(iv.id) && !same(old.get(iv.id), iv)).map((iv) => iv.id),
    removed: before.interviews.filter((iv) => !now.has(iv.id)).map((iv) => iv.id),
  };
}

/**
 * merge is two tabs' copies made one, interview by interview: of two copies of one id the
 * newer `updated` wins (on a tie, the one whose JSON sorts last, so both tabs agree). A
 * deletion leaves a tombstone {id, at} in `deleted`; a copy no newer than its tombstone is
 * dropped, so a tab that still holds a deleted interview cannot bring it back, while one
 * edited after the deletion (an import) stays. mine's order is kept, then theirs' new
 * interviews in their order. theirs may be null.
 */
export function merge(mine, theirs) {
  if (!theirs) return withState(mine, mine.interviews.slice(), (mine.deleted ?? []).slice());
  const tomb = new Map();
  for (const d of [...(mine.deleted ?? []), ...(theirs.deleted ?? [])]) {
    if (!tomb.has(d.id) || instant(d.at) > instant(tomb.get(d.id).at)) tomb.set(d.id, d);
  }
  const best = new Map();
  for (const iv of [...mine.interviews, ...theirs.interviews]) {
    const had = best.get(iv.id);
    if (!had) best.set(iv.id, iv);
    else {
      const d = instant(iv.updated) - instant(had.updated);
      if (d > 0 || (d === 0 && JSON.stringify(iv) > JSON.stringify(had))) best.set(iv.id, iv);
    }
  }
  const interviews = [];
  for (const iv of best.values()) {
    const d = tomb.get(iv.id);
    if (!d || instant(iv.updated) > instant(d.at)) interviews.push(iv);
  }
  const deleted = [...tomb.values()].sort((a, b) => instant(b.at) - instant(a.at)).slice(0, LIMITS.tombstones);
  return withState(mine, interviews, deleted);
}

// ---- Edits: each returns a new state ----

const find = (state, id) => {
  const i = state.interviews.findIndex((iv) => iv.id === id);
  if (i < 0) throw new StateError("no-such-interview", { id });
  return i;
};
const replace = (state, i, iv) => withState(state, state.interviews.map((x, j) => (j === i ? iv : x)));

// checked is fields as a whole interview, or a StateError with the problems.
function checked(fields, updated) {
  const c = checkInterview(fields);
  if (!c.ok) throw new StateError("invalid-interview", {}, c.problems);
  return { ...c.interview, updated };
}

/**
 * newId is an id for a new interview made at now: "iv-" and the time in base 36, with a
 * suffix if the state already has (or deleted) that id. Deterministic: no randomness.
 */
export function newId(state, now) {
  const base = "iv-" + instant(stamp(now)).toString(36);
  const taken = new Set([...state.interviews, ...(state.deleted ?? [])].map((x) => x.id));
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
  return id;
}

/**
 * addInterview is state with a new interview of fields (as in the file; those left out are
 * empty, the id is newId's unless given), stamped now, after the others. It throws a
 * StateError: "invalid-interview" with problems, "duplicate-id", "too-many".
 */
export function addInterview(state, fields, now) {
  const updated = stamp(now);
  const iv = checked({ ...plainFields(fields), id: fields.id || newId(state, now) }, updated);
  if (state.interviews.some((x) => x.id === iv.id)) throw new StateError("duplicate-id", { id: iv.id });
  if (state.interviews.length >= LIMITS.interviews) throw new StateError("too-many", { count: state.interviews.length + 1, max: LIMITS.interviews });
  return withState(state, [...state.interviews, iv], (state.deleted ?? []).filter((d) => d.id !== iv.id));
}

// plainFields copies the known fields of an edit (never its prototype or other keys).
function plainFields(fields) {
  const out = {};
  for (const k of INTERVIEW_KEYS) if (k !== "updated" && Object.hasOwn(fields, k)) out[k] = fields[k];
  return out;
}

/**
 * updateInterview is state with interview id's fields changed by changes (any field but id
 * and updated), stamped now. Throws a StateError: "no-such-interview", "invalid-interview".
 */
export function updateInterview(state, id, changes, now) {
  const i = find(state, id);
  const fields = { ...state.interviews[i], ...plainFields(changes), id };
  return replace(state, i, checked(fields, stamp(now)));
}

/**
 * deleteInterview is state without interview id, with its tombstone {id, at: now} so that
 * other tabs drop it too (tombstones past LIMITS.tombstones, the oldest, are forgotten).
 */
export function deleteInterview(state, id, now) {
  const i = find(state, id);
  const t = stamp(now);
  const deleted = [{ id, at: t }, ...(state.deleted ?? []).filter((d) => d.id !== id)].slice(0, LIMITS.tombstones);
  return withState(state, state.interviews.filter((_, j) => j !== i), deleted);
}

/**
 * deleteEverything is a state with no interviews, each with its tombstone. The tombstones
 * hold only ids and times, nothing the visitor typed; the store's forget() removes even
 * those (other tabs must then be closed, or their copies come back).
 */
export function deleteEverything(state, now) {
  const t = stamp(now);
  const ids = new Set(state.interviews.map((iv) => iv.id));
  const deleted = [...state.interviews.map((iv) => ({ id: iv.id, at: t })), ...(state.deleted ?? []).filter((d) => !ids.has(d.id))];
  return withState(state, [], deleted.slice(0, LIMITS.tombstones));
}

// whom is a fact's `to`: the interviewer of the interview that to names (trimmed), or
// undefined for a step to everyone (the plan's `to` is then a role such as "hiring manager").
function whom(iv, to) {
  const t = typeof to === "string" ? to.trim() : "";
  const hit = t && iv.interviewers.find((x) => x.name.trim() === t);
  return hit ? hit.name : undefined;
}
const sameFact = (f, step, to) => f.step === step && (f.to === undefined ? to === undefined : to !== undefined && f.to.trim() === to.trim());

function editFacts(state, id, now, edit) {
  const i = find(state, id);
  const iv = state.interviews[i];
  const facts = edit(iv, { sent: iv.facts.sent.slice(), skipped: iv.facts.skipped.slice(), replied: iv.facts.replied.slice() });
  return replace(state, i, checked({ ...iv, facts }, stamp(now)));
}

/**
 * markSent is state with step (a plan step's id) sent to `to` at `at` (YYYY-MM-DDTHH:MM):
 * to is the plan step's `to`; it is kept only when it names one of the interviewers, else
 * the fact is for everyone. It replaces an earlier sent or skipped fact of the same step
 * and person.
 */
export function markSent(state, id, step, to, at, now) {
  return editFacts(state, id, now, (iv, f) => {
    const t = whom(iv, to);
    f.sent = [...f.sent.filter((x) => !sameFact(x, step, t)), t ? { step, to: t, at } : { step, at }];
    f.skipped = f.skipped.filter((x) => !sameFact(x, step, t));
    return f;
  });
}

/** skip is state with step to `to` skipped (not to be sent), as markSent names the person. */
export function skip(state, id, step, to, now) {
  return editFacts(state, id, now, (iv, f) => {
    const t = whom(iv, to);
    f.skipped = [...f.skipped.filter((x) => !sameFact(x, step, t)), t ? { step, to: t } : { step }];
    f.sent = f.sent.filter((x) => !sameFact(x, step, t));
    return f;
  });
}

/** unmark is state without the sent or skipped fact of step to `to`: the visitor's undo. */
export function unmark(state, id, step, to, now) {
  return editFacts(state, id, now, (iv, f) => {
    const t = whom(iv, to);
    f.sent = f.sent.filter((x) => !sameFact(x, step, t));
    f.skipped = f.skipped.filter((x) => !sameFact(x, step, t));
    return f;
  });
}

/**
 * replied is state with their answer on `on` (YYYY-MM-DD) and the new decision date it
 * gave, or none (""): the engine counts the latest.
 */
export function replied(state, id, on, decisionBy, now) {
  return editFacts(state, id, now, (iv, f) => {
    f.replied = [...f.replied, decisionBy ? { on, decisionBy } : { on }];
    return f;
  });
}

/**
 * setOutcome is state with the interview's outcome: kind one of OUTCOMES on date
 * (YYYY-MM-DD or YYYY-MM-DDTHH:MM), the other two cleared; kind "" clears all three.
 */
export function setOutcome(state, id, kind, date, now) {
  if (kind !== "" && !OUTCOMES.includes(kind)) throw new StateError("bad-outcome", { kind: String(kind) });
  const i = find(state, id);
  const fields = { ...state.interviews[i] };
  for (const k of OUTCOMES) fields[k] = k === kind ? date : "";
  return replace(state, i, checked(fields, stamp(now)));
}

// ---- Storage ----

const isQuota = (e) => !!e && (e.name === "QuotaExceededError" || e.name === "NS_ERROR_DOM_QUOTA_REACHED" || e.code === 22 || e.code === 1014);

/**
 * openCompanionStore keeps the state in storage (localStorage, or anything with getItem,
 * setItem and removeItem; null when the browser refused it) under key. Unlike fill.js's
 * openStore it never overwrites what it cannot read.
 *
 * load() is companion-state.js's loadCompanion(storage, key, {migrate}); the page opens
 * the store again with {migrate: migrateV0} once it has read a list of version 0.
 * save(state) reads what is stored, merges state into it (see merge) and writes the result:
 *   {ok: true, state, changed} (the page continues with this state, which holds other
 *   tabs' edits; changed is diff(state, it), so the page can say which of its interviews
 *   another tab's newer edit replaced or deleted, rather than lose them silently) or
 *   {ok: false, reason, state}: "kept" (an unread value is there: nothing written),
 *   "full" (quota) or "unavailable"; state is then the page's to keep in memory.
 * discard() removes the stored value, read or not: true if it could.
 * forget() is discard(): deleting everything from this browser.
 * The page listens for the window's "storage" event with event.key === store.key, reads
 * the stored state and merges its own state with the loaded one.
 */
export function openCompanionStore(storage, key = COMPANION_KEY, { migrate } = {}) {
  const load = () => loadCompanion(storage, key, { migrate });
  const discard = () => {
    try {
      storage.removeItem(key);
      return true;
    } catch {
      return false;
    }
  };
  return {
    key,
    load,
    save(state) {
      const stored = load();
      if (stored.status === "unavailable") return { ok: false, reason: "unavailable", state };
      if (stored.status === "unreadable" || stored.status === "newer-version" || stored.status === "old") return { ok: false, reason: "kept", state };
      const merged = merge(state, stored.state);
      try {
        storage.setItem(key, JSON.stringify(merged));
        return { ok: true, state: merged, changed: diff(state, merged) };
      } catch (e) {
        return { ok: false, reason: isQuota(e) ? "full" : "unavailable", state: merged };
      }
    },
    discard,
    forget: discard,
  };
}
