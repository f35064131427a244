// Tests of the companion's log: the clock's stamps, the changes, replay, propose, the store,
// and a model-based test of the merge: node --test static/js/
// The model runs many random histories of two or three replicas (tabs or devices) whose
// clocks are skewed by up to two days either way, exchanging parts of their logs in random
// order, duplicated and late, with undos and redos, applications made, changed, given
// rounds and deleted, and checks what docs/companion.md
// promises: every replica converges to the same list, no change that was kept is lost
// unless a later change to the same thing or an undo replaced it, and the list always
// plans (the real engine, timeline.js, with the test rules).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";

import { LIMITS, MAX_STAMP_MS, RECENT, RECENT_MAX, StateError, checkChange, exportText, isStamp, loadCompanion, planInput, readText, replay, storedText, undoneIds, uniqueLog } from "./companion-state.js";
import {
  addChange, appChange, deleteAppChange, deleteChange, editChange, importChange, latest, markChange, mergeChange, newAppId, newId, newReplica, nextStamp,
  openCompanionStore, outcomeChange, propose, replyChange, undoChange, union,
} from "./companion-edit.js";
import { importChanges, previewImport, validateImport } from "./companion-import.js";
import { changeText } from "./companion-words.js";
import { plan } from "./timeline.js";

const rules = JSON.parse(readFileSync(new URL("../../generator/load/rules/testdata/rules.json", import.meta.url), "utf8"));

// check is the page's: the engine's problem for an interview that does not plan, or null.
// Plans are kept by input, as the page keeps them.
const plans = new Map();
function check(iv) {
  const key = JSON.stringify(planInput(iv));
  if (!plans.has(key)) {
    try {
      plan(rules, planInput(iv));
      plans.set(key, null);
    } catch (e) {
      plans.set(key, { field: e.field, code: e.code, args: e.args });
    }
  }
  return plans.get(key);
}

const T0 = Date.UTC(2026, 11, 8, 10, 0);
const fields = (over = {}) => ({ company: "Initech", role: "Ops Lead", interview: "2026-12-08T14:00", ends: "15:30", interviewers: [{ name: "Ana Gómez", email: "" }], decisionBy: "2026-12-11", ...over });

test("stamps: the larger of the wall clock and the last stamp, a counter, the replica; text order is clock order", () => {
  const a = nextStamp("", T0, "aa");
  assert.equal(a, `${T0}-0000-aa`);
  assert.ok(isStamp(a));
  assert.equal(nextStamp(a, T0, "aa"), `${T0}-0001-aa`, "the same millisecond counts up");
  assert.equal(nextStamp(a, T0 - 300000, "bb"), `${T0}-0001-bb`, "a clock set back five minutes still stamps after what it saw");
  assert.equal(nextStamp(a, T0 + 5, "bb"), `${T0 + 5}-0000-bb`);
  assert.equal(nextStamp(`${T0}-9999-aa`, T0, "aa"), `${T0 + 1}-0000-aa`, "a full counter moves the clock on");
  const far = `${Date.UTC(2099, 0, 1)}-0000-evil`;
  assert.ok(nextStamp(far, T0, "aa") > far, "a stamp from 2099 is passed, never lost to");
  assert.ok(!isStamp(`${MAX_STAMP_MS + 1}-0000-aa`), "past 2200 is refused");
  for (const bad of ["", "1-2-3", `${T0}-0000-AA`, `${T0}-0000-`, `${T0}-00000-aa`, `${T0}-0000-abcdefghijklm`, 42]) assert.ok(!isStamp(bad), String(bad));
  const r = newReplica((b) => b.fill(7));
  assert.equal(r, "77777777");
  assert.throws(() => nextStamp("", NaN, "aa"), StateError);
  assert.equal(newId(a), `iv-${T0.toString(36)}-aa`);
  assert.equal(latest([{ id: a }, { id: far }], ""), far);
});

test("changes are checked as a reader of the log checks them", () => {
  const s = nextStamp("", T0, "aa");
  const add = addChange(fields(), s);
  assert.deepEqual(Object.keys(add), ["id", "kind", "iv", "fields"]);
  assert.deepEqual(Object.keys(add.fields), ["app", "company", "role", "interview", "ends", "interviewers", "decisionBy"]);
  assert.throws(() => addChange(fields({ interview: "2026-02-30T10:00" }), s), (e) => e.code === "invalid-interview" && e.problems[0].path === "interview");
  assert.throws(() => addChange(fields({ interviewers: [{ name: "A", email: "<x>@y.z" }] }), s), (e) => e.problems[0].path === "interviewers.0.email");
  assert.equal(editChange(add.iv, add.fields, fields(), s), null, "an edit that changes nothing is no change");
  assert.deepEqual(editChange(add.iv, add.fields, fields({ role: "Lead" }), s).fields, { role: "Lead" }, "only what changed");
  const iv = { id: add.iv, interviewers: [{ name: "Ana Gómez", email: "" }] };
  assert.deepEqual(markChange(iv, "thank-you", " Ana Gómez ", "sent", "2026-12-08T16:00", s), { id: s, kind: "mark", iv: add.iv, step: "thank-you", to: "Ana Gómez", as: "sent", at: "2026-12-08T16:00" });
  assert.deepEqual(markChange(iv, "chaser", "the hiring manager", "", "", s), { id: s, kind: "mark", iv: add.iv, step: "chaser" }, "a step to everyone has no to; no as puts it back");
  assert.throws(() => markChange(iv, "thank-you", "", "sent", "yesterday", s), (e) => e.code === "invalid-change" && e.problems[0].path === "at");
  assert.throws(() => outcomeChange(add.iv, "hired", "2026-12-09", s), (e) => e.code === "bad-outcome");
  assert.throws(() => undoChange("nope", true, s), (e) => e.problems[0].path === "target");
  for (const c of [deleteChange(add.iv, s), replyChange(add.iv, "2026-12-10", "", s), importChange([], s), mergeChange([s], s), undoChange(s, false, s)]) assert.ok(checkChange(c).ok);
});

test("a hostile log is refused at its path: kinds, stamps, forbidden keys, sizes", () => {
  const s = `${T0}-0000-aa`;
  const file = (log) => JSON.stringify({ format: "followup-playbook/companion", version: 2, log });
  const cases = [
    [[{ id: s, kind: "shout" }], "log.0.kind", "bad-form"],
    [[{ id: "2099", kind: "delete", iv: "a" }], "log.0.id", "bad-form"],
    [[{ id: s, kind: "delete", iv: "<a>" }], "log.0.iv", "bad-form"],
    [[{ id: s, kind: "add", iv: "a", fields: { interview: "2026-12-08T14:00", __proto__x: 1, constructor: 1 } }], "log.0.fields.constructor", "forbidden-key"],
    [[{ id: s, kind: "add", iv: "a" }], "log.0.fields", "required"],
    [[{ id: s, kind: "add", iv: "a", fields: { company: "x" } }], "log.0.fields.interview", "required"],
    [[{ id: s, kind: "undo", target: s, undone: "yes" }], "log.0.undone", "wrong-type"],
    [[{ id: s, kind: "mark", iv: "a", step: "thank-you", as: "sent" }], "log.0.at", "required"],
    [[{ id: s, kind: "edit", iv: "a", fields: { outcome: { kind: "rejected" } } }], "log.0.fields.outcome.on", "required"],
    [{}, "log", "wrong-type"],
  ];
  for (const [log, path, code] of cases) {
    const r = validateImport(file(log));
    assert.equal(r.ok, false, JSON.stringify(log));
    assert.deepEqual([r.problems[0].path, r.problems[0].code], [path, code], JSON.stringify(log));
  }
  const many = Array.from({ length: LIMITS.changes + 1 }, (_, i) => ({ id: `${T0 + i}-0000-aa`, kind: "delete", iv: "a" }));
  assert.equal(validateImport(file(many)).problems[0].code, "too-many");
  assert.equal({}.polluted, undefined);
});

test("replay: fields merge one by one, the later stamp winning; facts by step and person; replies a set", () => {
  const [a, b] = ["aa", "bb"];
  let t = "";
  const st = (r, ms = T0) => (t = nextStamp(t, ms, r));
  const add = addChange(fields(), st(a));
  const id = add.iv;
  const iv = { id, interviewers: [{ name: "Ana Gómez", email: "" }] };
  // Two tabs change different fields of one interview: both are kept.
  const roleEdit = editChange(id, add.fields, fields({ role: "Senior Ops Lead" }), st(a));
  const dateEdit = editChange(id, add.fields, fields({ decisionBy: "2026-12-18" }), st(b));
  const log = [add, dateEdit, roleEdit];
  for (const order of [log, [...log].reverse(), [roleEdit, add, dateEdit, roleEdit]]) {
    const [x] = replay(order, check).interviews;
    assert.equal(x.role, "Senior Ops Lead");
    assert.equal(x.decisionBy, "2026-12-18", "the second tab's edit does not put back the first's field");
  }
  const sent = markChange(iv, "thank-you", "Ana Gómez", "sent", "2026-12-08T16:00", st(a));
  const unmark = markChange(iv, "thank-you", "Ana Gómez", "", "", st(b));
  const r1 = replyChange(id, "2026-12-10", "2026-12-18", st(a));
  const r2 = replyChange(id, "2026-12-10", "2026-12-18", st(b));
  const v = replay([add, sent, r1, r2], check).interviews[0];
  assert.deepEqual(v.facts.sent, [{ step: "thank-you", to: "Ana Gómez", at: "2026-12-08T16:00" }]);
  assert.deepEqual(v.facts.replied, [{ on: "2026-12-10", decisionBy: "2026-12-18" }], "the same reply twice is one reply");
  assert.deepEqual(replay([add, sent, unmark], check).interviews[0].facts.sent, [], "the later mark wins");
  // Delete wins against any edit, before or after; its undo brings everything back.
  const del = deleteChange(id, st(b));
  const late = editChange(id, add.fields, fields({ company: "Initrode" }), st(a, T0 + 1000));
  assert.deepEqual(replay([add, del, late], check).interviews, []);
  const undel = undoChange(del.id, true, st(a, T0 + 2000));
  assert.equal(replay([add, del, late, undel], check).interviews[0].company, "Initrode");
  const redel = undoChange(del.id, false, st(b, T0 + 3000));
  assert.deepEqual(replay([add, del, late, undel, redel], check).interviews, [], "a redo is a later undo of the same change");
  // An undo of an undo, or of a later change, is none.
  assert.equal(replay([add, del, undoChange(undel.id, true, st(a, T0 + 4000)), undel], check).interviews.length, 1);
  assert.deepEqual([...undoneIds(uniqueLog([add, { ...undoChange(add.id, true, st(a)), id: "0000000000001-0000-aa" }]))], []);
  // An import brings back what was deleted here: the visitor chose to open the file.
  const imp = importChange([{ ...replay([add], check).interviews[0], company: "From the file" }], st(a, T0 + 5000));
  assert.equal(replay([add, del, imp], check).interviews[0].company, "From the file");
});

test("replay sets aside a change that would stop an interview planning, and shows it", () => {
  let t = "";
  const st = (r) => (t = nextStamp(t, T0, r));
  const add = addChange(fields(), st("aa"));
  const iv = { id: add.iv, interviewers: add.fields.interviewers };
  // Tab a marks the thank-you sent at 16:00; tab b, meanwhile, moves the interview to the
  // next day. Each is fine alone; together the fact is before the interview.
  const sent = markChange(iv, "thank-you", "Ana Gómez", "sent", "2026-12-08T16:00", st("aa"));
  const moved = editChange(add.iv, add.fields, fields({ interview: "2026-12-09T14:00", decisionBy: "2026-12-12" }), st("bb"));
  const view = replay([add, sent, moved], check);
  assert.equal(view.interviews[0].interview, "2026-12-08T14:00", "the later change, which would not plan, is set aside");
  assert.deepEqual(view.interviews[0].facts.sent, [{ step: "thank-you", to: "Ana Gómez", at: "2026-12-08T16:00" }]);
  assert.deepEqual(view.notes.get(add.iv).setAside.map((s) => [s.id, s.problem.code]), [[moved.id, "fact-before-interview"]], "set aside, not lost");
  assert.equal(check(view.interviews[0]), null, "the list plans");
  // The page refuses the second where it is made.
  assert.throws(() => propose([add, sent], moved, check), (e) => e.code === "would-not-plan" && e.problems[0].code === "fact-before-interview");
  assert.throws(() => propose([add], markChange(iv, "thank-you", "Ana Gómez", "sent", "2026-12-08T10:00", st("aa")), check),
    (e) => e.problems[0].code === "fact-before-interview" && e.problems[0].field === "facts.sent.0.at", "the one tap before the interview ended");
  // An undo that would unmake what a later fact needs is refused too.
  const early = markChange(iv, "thank-you", "Ana Gómez", "sent", "2026-12-08T16:00", st("aa"));
  const moveBack = editChange(add.iv, add.fields, fields({ interview: "2026-12-08T09:00", ends: "10:00" }), st("aa"));
  const earlier = markChange(iv, "thank-you", "Ana Gómez", "sent", "2026-12-08T11:00", st("aa"));
  assert.throws(() => propose([add, early, moveBack, earlier], undoChange(moveBack.id, true, st("aa")), check), (e) => e.code === "would-not-plan");
});

test("propose keeps a change that plans, and the list under the limit of interviews", () => {
  let log = [], t = "";
  for (let i = 0; i < LIMITS.interviews; i++) log.push(addChange(fields(), (t = nextStamp(t, T0, "aa"))));
  assert.equal(replay(log, check).interviews.length, LIMITS.interviews);
  assert.throws(() => propose(log, addChange(fields(), nextStamp(t, T0, "aa")), check), (e) => e.code === "too-many");
  const full = Array.from({ length: LIMITS.changes }, (_, i) => ({ ...log[0], id: nextStamp(t, T0 + i, "aa") }));
  assert.throws(() => propose(full, deleteChange(log[0].iv, nextStamp(full.at(-1).id, T0, "aa")), check), (e) => e.code === "log-full");
  // Stored, a log twice as long as a file may hold is still read: two tabs at the limit.
  const mem = new Map([["k", storedText(full.concat(full.map((c) => ({ ...c, id: c.id.replace("-aa", "-bb") }))))]]);
  assert.equal(loadCompanion({ getItem: (k) => mem.get(k) }, "k").status, "ok");
  // A full log exports within what a file (and a link) may hold, and opens again.
  const text = exportText(full, []);
  assert.ok(new TextEncoder().encode(text).length < LIMITS.bytes, `a full log exports as ${text.length} bytes`);
  assert.equal(validateImport(text).log.length, LIMITS.changes);
  const { log: next, view } = propose(log.slice(0, 1), addChange(fields({ company: "Globex" }), nextStamp(t, T0, "aa")), check);
  assert.equal(next.length, 2);
  assert.equal(view.interviews[1].company, "Globex");
});

test("version 1 files and stored lists become one import change; version 2 files merge as logs, undone whole", () => {
  const v1 = readFileSync(new URL("./testdata/companion/good.json", import.meta.url), "utf8");
  const v = validateImport(v1);
  assert.equal(v.ok, true);
  assert.equal(v.from, 1);
  let clock = "";
  const after = (seen) => (clock = nextStamp(latest(seen, clock), T0, "aa"));
  const [imp] = importChanges([], v, after);
  assert.equal(imp.kind, "import");
  const view = replay([imp]);
  assert.deepEqual(view.interviews.map((x) => x.id), v.interviews.map((x) => x.id));
  assert.deepEqual(view.interviews[0].facts, v.interviews[0].facts);
  // Stored version 1 loads as a list of interviews for the page to record.
  const mem = new Map([["k", v1]]);
  const storage = { getItem: (k) => mem.get(k) ?? null, setItem: (k, x) => mem.set(k, x), removeItem: (k) => mem.delete(k) };
  const l = loadCompanion(storage, "k");
  assert.equal(l.status, "migrated");
  assert.equal(l.interviews.length, 3);
  // A version-2 file: its new changes, and a merge that names them.
  const other = [addChange(fields({ company: "Globex" }), `${T0 + 9}-0000-bb`)];
  const file = JSON.stringify({ format: "followup-playbook/companion", version: 2, interviews: [], log: other });
  const w = validateImport(file);
  const p = previewImport([imp], w, after, check);
  assert.deepEqual(p.added.map((x) => x.company), ["Globex"]);
  assert.deepEqual([p.changed, p.removed, p.problems], [[], [], []]);
  const merged = union([imp], p.changes);
  assert.equal(replay(merged, check).interviews.length, 4);
  const undo = undoChange(p.changes.at(-1).id, true, nextStamp(latest(merged), T0, "aa"));
  assert.equal(replay([...merged, undo], check).interviews.length, 3, "undoing the merge takes the file back");
  assert.deepEqual(importChanges(merged, w, after), [], "the same file again brings nothing new");
});

test("the store writes the union with what another tab kept, and reads it back", () => {
  const mem = new Map();
  const storage = { getItem: (k) => (mem.has(k) ? mem.get(k) : null), setItem: (k, x) => mem.set(k, x), removeItem: (k) => mem.delete(k) };
  const one = openCompanionStore(storage, "k"), two = openCompanionStore(storage, "k");
  const a = addChange(fields(), `${T0}-0000-aa`), b = addChange(fields({ company: "Globex" }), `${T0}-0000-bb`);
  assert.deepEqual(one.save([a], [a.id]).ok, true);
  const r = two.save([b], [b.id]);
  assert.equal(r.ok, true);
  assert.deepEqual(r.log.map((c) => c.id), [a.id, b.id], "the second tab's save keeps the first's change");
  // The first change is the whole list; the second is kept apart, a short write.
  assert.equal(mem.get("k"), storedText([a]));
  assert.equal(mem.get("k" + RECENT), storedText([b]));
  assert.deepEqual(loadCompanion(storage, "k").log, [a, b]);
  // Past RECENT_MAX changes apart, they all go to the main key, and none is apart.
  let t = `${T0}-0000-bb`;
  const many = Array.from({ length: RECENT_MAX }, () => markChange({ id: a.iv, interviewers: a.fields.interviewers }, "thank-you", "Ana Gómez", "skipped", "", (t = nextStamp(t, T0, "bb"))));
  for (const c of many.slice(0, -1)) assert.equal(two.save([c], [c.id]).ok, true);
  assert.ok(mem.get("k") === storedText([a]), "RECENT_MAX changes apart leave the main key as it was");
  assert.equal(one.save([many.at(-1)], [many.at(-1).id]).ok, true);
  assert.ok(mem.get("k") === storedText([a, b, ...many]) && !mem.has("k" + RECENT), "one more, and all are in the main key");
  // What cannot be read is all that discard removes; with nothing unreadable, both keys go.
  mem.set("k" + RECENT, "{not json");
  assert.equal(loadCompanion(storage, "k").status, "unreadable");
  assert.equal(one.save([a], [a.id]).reason, "kept", "never over recent changes it cannot read");
  one.discard();
  assert.ok(mem.get("k") === storedText([a, b, ...many]) && !mem.has("k" + RECENT), "discard removes only what cannot be read");
  assert.equal(two.save([b], [b.id]).ok, true);
  one.discard();
  assert.deepEqual([mem.has("k"), mem.has("k" + RECENT)], [false, false]);
  // A storage that loses what it is given: the save says so.
  const lossy = { getItem: () => storedText([]), setItem: () => {}, removeItem: () => {} };
  assert.deepEqual(openCompanionStore(lossy, "k").save([a], [a.id]).reason, "not-kept");
  const full = { getItem: () => null, setItem: () => { throw Object.assign(new Error("full"), { name: "QuotaExceededError" }); }, removeItem: () => {} };
  assert.equal(openCompanionStore(full, "k").save([a], [a.id]).reason, "full");
  mem.set("k", "{not json");
  assert.equal(one.save([a], [a.id]).reason, "kept", "never over what it cannot read");
  assert.equal(mem.get("k"), "{not json");
  assert.equal(readText(storedText([a, b])).value.log.length, 2);
});

// ---- The model ----

// A small random source, seeded, so that a failure names its seed and can be run again.
function mulberry32(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DAY = 86400000;
const NAMES = ["Ana Gómez", "Bo Chen"];

// history runs one random history and returns what went wrong, or "". merge is how a
// replica takes in changes it receives (the real one is union).
export function history(seed, { merge = union, steps = 30 } = {}) {
  const rnd = mulberry32(seed), pick = (xs) => xs[Math.floor(rnd() * xs.length)];
  const n = 2 + Math.floor(rnd() * 2);
  const reps = Array.from({ length: n }, (_, i) => ({ name: "r" + i, skew: Math.round((rnd() * 4 - 2) * DAY), log: [], last: "" }));
  const kept = [], net = [];
  let wall = T0;
  const day = (d) => new Date(T0 + d * DAY).toISOString().slice(0, 10);
  for (let k = 0; k < steps; k++) {
    wall += Math.floor(rnd() * 3600000);
    const r = pick(reps), roll = rnd();
    if (roll < 0.3) {
      // Send part of r's log, in random order, to another replica, later.
      const part = r.log.filter(() => rnd() < 0.7).sort(() => rnd() - 0.5);
      net.push({ to: pick(reps.filter((x) => x !== r)), changes: part });
      continue;
    }
    if (roll < 0.5 && net.length) {
      const i = Math.floor(rnd() * net.length), m = net[i];
      if (rnd() < 0.7) net.splice(i, 1); // else delivered again later: a duplicate
      m.to.log = merge(m.to.log, m.changes);
      m.to.last = latest(m.changes, m.to.last);
      continue;
    }
    const view = replay(r.log, check);
    const stamp = (r.last = nextStamp(r.last, wall + r.skew, r.name));
    const iv = view.interviews.length ? pick(view.interviews) : null;
    const app = view.applications.length ? pick(view.applications) : null;
    let c;
    const what = iv ? Math.floor(rnd() * 13) : rnd() < 0.5 ? 0 : 9;
    try {
      if (what === 0) c = addChange({ interview: `${day(Math.floor(rnd() * 4))}T${pick(["09:00", "14:00"])}`, company: pick(["Initech", "Globex"]), interviewers: NAMES.slice(0, 1 + Math.floor(rnd() * 2)).map((name) => ({ name, email: "" })), decisionBy: rnd() < 0.5 ? day(5 + Math.floor(rnd() * 3)) : "" }, stamp);
      else if (what === 1) c = editChange(iv.id, iv, { ...iv, role: pick(["Lead", "Analyst", "Designer"]) }, stamp);
      else if (what === 2) c = editChange(iv.id, iv, { ...iv, interview: `${day(Math.floor(rnd() * 4))}T${pick(["09:00", "14:00"])}`, decisionBy: "" }, stamp);
      else if (what === 3) c = markChange(iv, "thank-you", pick(iv.interviewers).name, "sent", `${day(Math.floor(rnd() * 5))}T${pick(["08:00", "16:00", "18:00"])}`, stamp);
      else if (what === 4) c = markChange(iv, pick(["linkedin", "thank-you"]), pick(iv.interviewers).name, pick(["skipped", ""]), "", stamp);
      else if (what === 5) c = replyChange(iv.id, day(3 + Math.floor(rnd() * 3)), rnd() < 0.5 ? day(9) : "", stamp);
      else if (what === 6) c = outcomeChange(iv.id, pick(["rejected", "offer", ""]), day(4 + Math.floor(rnd() * 3)), stamp);
      else if (what === 7) c = deleteChange(iv.id, stamp);
      else if (what === 9 && (!app || rnd() < 0.3)) c = appChange(newAppId(stamp), {}, { company: pick(["Umbrella", "Hooli"]), role: "Lead" }, stamp);
      else if (what === 9) c = appChange(app.id, app, { ...app, company: pick(["Initech", "Hooli", "Vandelay"]), contact: { name: pick(NAMES), email: "", kind: pick(["recruiter", "other"]) } }, stamp);
      else if (what === 10) c = addChange({ app: app.id, interview: `${day(Math.floor(rnd() * 4))}T14:00`, interviewers: [{ name: pick(NAMES), email: "", topic: pick(["", "the roadmap"]) }] }, stamp);
      else if (what === 11) c = deleteAppChange(app.id, stamp);
      else {
        const mine = r.log.filter((x) => x.kind !== "undo");
        if (!mine.length) continue;
        const target = pick(mine.slice(-5));
        c = undoChange(target.id, !undoneIds(uniqueLog(r.log)).has(target.id), stamp);
      }
      if (!c) continue;
      const next = propose(r.log, c, check, view);
      r.log = next.log;
      kept.push(c);
    } catch (e) {
      if (!(e instanceof StateError)) throw e;
      // Refused where it was made: never kept, never announced.
    }
    const bad = replay(r.log, check).interviews.find((x) => check(x));
    if (bad) return `seed ${seed}: ${r.name}'s list holds ${bad.id}, which does not plan`;
  }
  // Everything delivered everywhere, in every order.
  for (const m of net) m.to.log = merge(m.to.log, m.changes);
  for (const a of reps) for (const b of reps) if (a !== b) b.log = merge(b.log, a.log);
  const views = reps.map((r) => replay(r.log, check));
  const lists = views.map((v) => JSON.stringify([v.applications, v.interviews]));
  if (new Set(lists).size !== 1) return `seed ${seed}: the replicas differ:\n${lists.join("\n")}`;
  const final = views[0], all = uniqueLog(reps[0].log), off = undoneIds(all);
  for (const c of kept) if (!all.some((x) => x.id === c.id)) return `seed ${seed}: change ${c.id} (${c.kind}) was kept, then lost`;
  const setAside = new Set([...final.notes.values()].flatMap((n) => n.setAside.map((s) => s.id)));
  for (const c of kept) {
    if (off.has(c.id) || setAside.has(c.id) || c.kind === "undo") continue;
    // Replaced by a later live change to the same thing, or deleted: then not lost.
    const later = (same) => all.some((x) => x.id > c.id && !off.has(x.id) && same(x));
    const ivOf = (x) => x.iv ?? null;
    if (c.kind === "app" || c.kind === "delete" && c.app) {
      const a = final.applications.find((x) => x.id === c.app);
      if (!a) {
        if (all.some((x) => x.kind === "delete" && x.app === c.app && !off.has(x.id))) continue;
        return `seed ${seed}: application ${c.app} is gone, with no delete or undo (${c.kind} ${c.id})`;
      }
      if (c.kind === "delete") return `seed ${seed}: application ${c.app} shows, though deleted by ${c.id}`;
      for (const [k, v] of Object.entries(c.fields)) {
        if (JSON.stringify(a[k]) !== JSON.stringify(v) && !later((x) => x.kind === "app" && x.app === c.app && Object.hasOwn(x.fields, k))) return `seed ${seed}: ${c.app}'s ${k} is ${JSON.stringify(a[k])}, the kept change ${c.id} made it ${JSON.stringify(v)}`;
      }
      for (const r of a.rounds) if (final.interviews.find((x) => x.id === r).company !== a.company) return `seed ${seed}: round ${r} is not named as its application ${c.app}`;
      continue;
    }
    const id = c.iv;
    const shown = final.interviews.find((x) => x.id === id);
    // The application an interview is a round of: its latest live add's or edit's.
    const appOf = (ivId) => all.filter((x) => !off.has(x.id) && x.iv === ivId && x.fields && Object.hasOwn(x.fields, "app")).map((x) => x.fields.app).at(-1) || ivId;
    if (!shown) {
      if (all.some((x) => x.kind === "delete" && x.app === appOf(id) && !off.has(x.id))) continue;
      if (all.some((x) => x.kind === "delete" && x.iv === id && !off.has(x.id))) continue;
      if (c.kind === "add" || !all.some((x) => x.kind === "add" && x.iv === id && off.has(x.id))) return `seed ${seed}: interview ${id} is gone, with no delete or undo (${c.kind} ${c.id})`;
      continue;
    }
    if (c.kind === "edit") {
      for (const [k, v] of Object.entries(c.fields)) {
        // An application's company and role name its rounds: an edit of a round's own is
        // what a legacy application, never changed as a whole, shows.
        if ((k === "company" || k === "role") && all.some((x) => x.kind === "app" && x.app === shown.app && !off.has(x.id) && Object.hasOwn(x.fields, k))) continue;
        // Else its first round's, the first made (final.interviews is in the order made).
        if ((k === "company" || k === "role") && final.interviews.find((x) => x.app === shown.app).id !== id) continue;
        if (k === "app") continue;
        const got = k === "outcome" ? ["rejected", "offer", "withdrew", "nextRound"].find((o) => shown[o]) ?? "" : JSON.stringify(shown[k]);
        const want = k === "outcome" ? v.kind : JSON.stringify(v);
        if (got !== want && !later((x) => ivOf(x) === id && x.kind === "edit" && Object.hasOwn(x.fields, k))) return `seed ${seed}: ${id}'s ${k} is ${got}, the kept edit ${c.id} made it ${want}`;
      }
    }
    if (c.kind === "mark") {
      const sent = shown.facts.sent.find((f) => f.step === c.step && f.to === c.to), skipped = shown.facts.skipped.find((f) => f.step === c.step && f.to === c.to);
      const ok = c.as === "sent" ? sent && sent.at === c.at : c.as === "skipped" ? !!skipped : !sent && !skipped;
      if (!ok && !later((x) => ivOf(x) === id && x.kind === "mark" && x.step === c.step && x.to === c.to)) return `seed ${seed}: ${id}'s ${c.step} to ${c.to} does not show the kept mark ${c.id}`;
    }
    if (c.kind === "reply" && !shown.facts.replied.some((f) => f.on === c.on && f.decisionBy === c.decisionBy)) {
      if (!later((x) => ivOf(x) === id && x.kind === "reply" && x.removed && x.on === c.on)) return `seed ${seed}: ${id}'s reply ${c.id} is lost`;
    }
  }
  return "";
}

test("model: 10,000 random histories of skewed replicas converge, lose nothing kept, and always plan", () => {
  const base = Number(process.env.COMPANION_SEED ?? Date.now() % 1e9);
  let failures = [];
  for (let i = 0; i < 10000 && failures.length < 3; i++) {
    const f = history(base + i);
    if (f) failures.push(f);
  }
  assert.deepEqual(failures, [], `first seed ${base}`);
});

test("model: a merge that takes the other copy whole (version 1's design) is caught", () => {
  // The newest whole copy wins: what the old companion did with `updated`.
  const wholeCopy = (mine, theirs) => (theirs.length >= mine.length ? uniqueLog(theirs) : mine);
  let caught = 0;
  for (let i = 0; i < 300; i++) if (history(i, { merge: wholeCopy })) caught++;
  assert.ok(caught > 0, "the model finds no history that the broken merge loses");
});

test("applications: rounds grouped, named by their application, legacy interviews their own, deleted whole and undone", () => {
  let t = "";
  const st = () => (t = nextStamp(t, T0, "aa"));
  const legacy = addChange(fields({ company: "Initech" }), st());
  const s1 = st(), app = appChange(newAppId(s1), {}, { company: "Globex", role: "Analyst", contact: { name: "Dana Fox", email: "dana@globex.example", kind: "recruiter" } }, s1);
  const r2 = addChange(fields({ app: app.app, company: "", interview: "2026-12-15T10:00", interviewers: [{ name: "Li Wei", email: "", topic: "the data platform" }] }), st());
  const r1 = addChange(fields({ app: app.app, company: "", interview: "2026-12-08T10:00" }), st());
  let log = union([legacy, app, r2, r1]);
  let v = replay(log, check);
  assert.deepEqual(v.applications.map((a) => [a.id, a.company, a.role, a.rounds]), [[legacy.iv, "Initech", "Ops Lead", [legacy.iv]], [app.app, "Globex", "Analyst", [r1.iv, r2.iv]]], "rounds by their date");
  assert.deepEqual(v.applications[1].contact, { name: "Dana Fox", email: "dana@globex.example", kind: "recruiter" });
  assert.deepEqual(v.interviews.map((x) => [x.id, x.app, x.company]), [[legacy.iv, legacy.iv, "Initech"], [r2.iv, app.app, "Globex"], [r1.iv, app.app, "Globex"]], "rounds are named by their application, in the order made");
  assert.equal(v.interviews[1].interviewers[0].topic, "the data platform");
  // A round added to a legacy application, and that application renamed as a whole.
  const more = addChange(fields({ app: legacy.iv, interview: "2026-12-20T09:00", company: "" }), st());
  const renamed = appChange(legacy.iv, v.applications[0], { ...v.applications[0], company: "Initech EU" }, st());
  log = union(log, [more, renamed]);
  v = replay(log, check);
  assert.deepEqual(v.applications[0].rounds, [legacy.iv, more.iv]);
  assert.deepEqual(v.interviews.filter((x) => x.app === legacy.iv).map((x) => x.company), ["Initech EU", "Initech EU"]);
  // Deleting the application hides it and its rounds; undoing the delete brings all back.
  const del = deleteAppChange(app.app, st());
  const gone = replay(union(log, [del]), check);
  assert.deepEqual(gone.applications.map((a) => a.id), [legacy.iv]);
  assert.equal(gone.interviews.some((x) => x.app === app.app), false);
  const back = replay(union(log, [del, undoChange(del.id, true, st())]), check);
  assert.deepEqual(JSON.stringify(back.applications), JSON.stringify(v.applications));
  // An unchanged round is the same object from one replay to the next: the page keeps its plan by it.
  const memo = new Map(), a1 = replay(log, check, memo), a2 = replay(union(log, [markChange(a1.interviews[0], "thank-you", "Ana Gómez", "skipped", "", st())]), check, memo);
  assert.equal(a1.interviews[1], a2.interviews[1]);
  // Mistakes are positioned in the application.
  assert.throws(() => appChange("ap-x", {}, { contact: { name: "A", email: "nope", kind: "boss" } }, st()), (e) => e.code === "invalid-application" && e.problems.map((p) => p.path).join() === "contact.email,contact.kind");
  assert.throws(() => appChange("ap-x", {}, { link: "javascript:alert(1)" }, st()), (e) => e.problems[0].path === "link");
  assert.equal(appChange(app.app, v.applications[1], { ...v.applications[1] }, st()), null, "nothing changed, no change");
  assert.equal(checkChange({ id: st(), kind: "app", app: "ap-x", fields: {} }).problems[0].code, "required");
  assert.equal(checkChange({ id: st(), kind: "delete", app: "ap-x", iv: "y" }).change.iv, "y", "a delete names one thing");
  // A version-2 log is read as it is; the export carries the applications.
  assert.equal(readText(JSON.stringify({ format: "followup-playbook/companion", version: 2, log: [legacy] })).value.log.length, 1);
  const ex = JSON.parse(exportText(log, v));
  assert.deepEqual([ex.version, ex.applications.length, ex.interviews.length], [3, 2, 4]);
});

test("the recent changes name applications: made, changed, given a round, deleted", () => {
  let t = "";
  const st = () => (t = nextStamp(t, T0, "aa"));
  const s0 = st(), app = appChange(newAppId(s0), {}, { company: "Globex", role: "Analyst" }, s0);
  const round = addChange(fields({ app: app.app, company: "Globex", role: "Analyst", interview: "2026-12-15T10:00" }), st());
  const rename = appChange(app.app, app.fields, { company: "Globex EU" }, st());
  const del = deleteAppChange(app.app, st());
  const log = [app, round, rename, del];
  const title = (id) => id;
  assert.deepEqual([app, round, rename, del].map((c) => changeText(c, log, title)), [
    "Added Globex EU, Analyst", "Added a round of Globex EU, Analyst on Tuesday 15 December 2026", "Changed the company of Globex EU, Analyst", "Deleted Globex EU, Analyst and its rounds",
  ]);
});
