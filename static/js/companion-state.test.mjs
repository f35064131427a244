// Tests of companion-state.js, the companion's pure state: node --test static/js/
// The fixtures are in testdata/companion/; planFor is a fake engine returning plans of the
// shape of docs/companion.md, so these tests do not depend on timeline.js.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";

import {
  COMPANION_KEY, FORMAT, VERSION, LIMITS, GROUPS, StateError,
  isDate, isDateTime, isClock, civilTime,
  checkInterview, readText, loadCompanion,
  emptyState, exportState, exportText,
  planInput, agenda,
} from "./companion-state.js";
import { firstName, templateValues } from "./companion-words.js";
import {
  diff, merge,
  newId, addInterview, updateInterview, deleteInterview, deleteEverything,
  markSent, skip, unmark, replied, setOutcome,
  openCompanionStore,
} from "./companion-edit.js";
import { validateImport, migrateV0, previewImport, applyImport } from "./companion-import.js";

const fixture = (name) => readFileSync(new URL(`./testdata/companion/${name}`, import.meta.url), "utf8");
const good = () => validateImport(fixture("good.json"));
const state = (interviews, deleted = []) => ({ format: FORMAT, version: VERSION, interviews, deleted });
const NOW = "2026-03-20T10:00:00.000Z";
const LATER = "2026-03-20T11:00:00.000Z";
const LATEST = "2026-03-20T12:00:00.000Z";

// deepFreeze makes any change to an edit's input throw: the edits must be pure.
function deepFreeze(v) {
  if (v && typeof v === "object") {
    Object.values(v).forEach(deepFreeze);
    Object.freeze(v);
  }
  return v;
}

// iv is a minimal valid interview with overrides.
const iv = (id, over = {}) => ({
  id, company: "", role: "", interview: "2026-03-12T15:00", ends: "", interviewers: [], decisionBy: "",
  rejected: "", offer: "", withdrew: "", facts: { sent: [], skipped: [], replied: [] }, updated: "2026-03-12T18:00:00.000Z", ...over,
});
const file = (interviews, extra = {}) => JSON.stringify({ format: FORMAT, version: 1, interviews, ...extra });

test("the fixtures validate as they should: whole files refused with each problem's path and code", () => {
  const cases = [
    { file: "good.json", ok: true, warnings: [] },
    { file: "markup.json", ok: true, warnings: [] },
    { file: "v0.json", ok: true, warnings: [[" ", "migrated"]] },
    { file: "unknown-fields.json", ok: true, warnings: [["exportedBy", "unknown-field"], ["interviews.0.salary", "unknown-field"], ["interviews.0.interviewers.0.phone", "unknown-field"], ["interviews.0.facts.notes", "unknown-field"]] },
    { file: "truncated.txt", ok: false, problems: [["", "not-json"]] },
    { file: "future-version.json", ok: false, problems: [["version", "newer-version"]] },
    { file: "duplicate-ids.json", ok: false, problems: [["interviews.2.id", "duplicate-id"]] },
    {
      file: "proto.json", ok: false,
      problems: [["__proto__", "forbidden-key"], ["interviews.0.constructor", "forbidden-key"], ["interviews.0.interviewers.0.__proto__", "forbidden-key"], ["interviews.0.facts.sent.0.__proto__", "forbidden-key"]],
    },
    {
      file: "wrong-types.json", ok: false,
      problems: [
        ["interviews.0.id", "wrong-type"], ["interviews.0.company", "wrong-type"], ["interviews.0.role", "wrong-type"],
        ["interviews.0.interview", "wrong-type"], ["interviews.0.ends", "wrong-type"], ["interviews.0.interviewers", "wrong-type"],
        ["interviews.0.facts.sent", "wrong-type"], ["interviews.0.facts.replied.0", "wrong-type"], ["interviews.1", "wrong-type"],
      ],
    },
    {
      file: "bad-dates.json", ok: false,
      problems: [
        ["interviews.0.interview", "no-such-day"], ["interviews.0.ends", "no-such-time"], ["interviews.0.decisionBy", "no-such-day"],
        ["interviews.0.rejected", "bad-form"], ["interviews.0.facts.sent.0.at", "bad-form"], ["interviews.0.facts.replied.0.on", "no-such-day"],
        ["interviews.0.updated", "bad-form"], ["interviews.1.interview", "no-such-time"], ["interviews.1.interviewers.0.email", "bad-form"],
        ["interviews.1.offer", "no-such-day"],
      ],
    },
    {
      file: "bad-ids.json", ok: false,
      problems: [["interviews.0.id", "bad-form"], ["interviews.1.id", "bad-form"], ["interviews.2.id", "too-long"], ["interviews.3.id", "required"], ["interviews.4.company", "control-character"], ["interviews.4.role", "control-character"]],
    },
  ];
  for (const c of cases) {
    const r = validateImport(fixture(c.file));
    assert.equal(r.ok, c.ok, `${c.file}: ${JSON.stringify(r.problems)}`);
    if (c.ok) {
      assert.deepEqual(r.warnings.map((w) => [w.path || " ", w.code]), c.warnings, c.file);
      assert.equal(r.problems, undefined);
    } else {
      assert.deepEqual(r.problems.map((p) => [p.path, p.code]), c.problems, c.file);
      assert.equal(r.interviews, undefined, `${c.file}: a refused file gives no interviews`);
      for (const p of r.problems) assert.equal(typeof p.args, "object", `${c.file}: args are an object`);
    }
  }
});

test("problems carry arguments, not English", () => {
  const r = validateImport(fixture("duplicate-ids.json"));
  assert.deepEqual(r.problems[0].args, { id: "same", first: 0 });
  assert.deepEqual(validateImport(fixture("future-version.json")).problems[0].args, { version: 2, known: 1 });
  const t = validateImport(fixture("wrong-types.json")).problems[0];
  assert.deepEqual(t.args, { want: "string", got: "number" });
  const d = validateImport(fixture("bad-dates.json")).problems;
  assert.deepEqual(d[0].args, { want: "YYYY-MM-DDTHH:MM" });
  for (const p of [...r.problems, ...d]) for (const v of Object.values(p.args)) assert.ok(typeof v === "string" || typeof v === "number");
});

test("a good file is read field by field, in order, every field present", () => {
  const r = good();
  assert.equal(r.ok, true);
  assert.equal(r.from, 1);
  assert.equal(r.interviews.length, 3);
  assert.deepEqual(r.interviews[0], {
    id: "a1b2c3", company: "Northwind", role: "Data Analyst", interview: "2026-03-12T15:00", ends: "16:00",
    interviewers: [{ name: "Ana Ruiz", email: "ana@example.com" }, { name: "Dr. Tomás Ng", email: "" }],
    decisionBy: "2026-03-20", rejected: "", offer: "", withdrew: "",
    facts: {
      sent: [{ step: "thank-you", to: "Ana Ruiz", at: "2026-03-12T18:00" }],
      skipped: [{ step: "linkedin", to: "Dr. Tomás Ng" }],
      replied: [{ on: "2026-03-18", decisionBy: "2026-03-27" }],
    },
    updated: "2026-03-18T09:30:00.000Z",
  });
  assert.deepEqual(Object.keys(r.interviews[2]), ["id", "company", "role", "interview", "ends", "interviewers", "decisionBy", "rejected", "offer", "withdrew", "facts", "updated"]);
  assert.equal(r.interviews[2].interview, "2028-02-29T10:00", "a leap day is a day");
  assert.equal(r.interviews[2].ends, "24:00", "the engine's ends may be 24:00");
  assert.deepEqual(r.interviews[1].facts.sent, [{ step: "chaser", at: "2026-03-09T08:00" }], "a fact for everyone has no to");
  // Missing optional fields are empty, not absent.
  const m = validateImport(file([{ id: "m", interview: "2026-03-12T15:00", updated: NOW }]));
  assert.deepEqual(m.interviews[0], iv("m", { updated: NOW }));
});

test("markup and script in every string are kept as plain text, and nothing runs", () => {
  const r = validateImport(fixture("markup.json"));
  assert.equal(r.ok, true);
  const [x] = r.interviews;
  assert.equal(x.company, "<script>alert(document.cookie)</script>");
  assert.equal(x.role, "<img src=x onerror=alert(1)>");
  assert.equal(x.interviewers[0].name, '"><svg onload=alert(2)>');
  // And they reach the template values unchanged: the page sets them with textContent and
  // the fragment encodes them.
  assert.equal(templateValues(x, { id: "thank-you" }).company, "<script>alert(document.cookie)</script>");
  // An address with markup is no address.
  const bad = validateImport(file([iv("e", { interviewers: [{ name: "A", email: "<script>@x.com" }] })]));
  assert.deepEqual(bad.problems.map((p) => p.code), ["bad-form"]);
});

test("__proto__, constructor and prototype keys pollute nothing and are refused", () => {
  const r = validateImport(fixture("proto.json"));
  assert.equal(r.ok, false);
  assert.equal({}.polluted, undefined);
  assert.equal(Object.prototype.polluted, undefined);
  // Also inside a v0 file, which goes through the migration first.
  const v0 = validateImport('{"version":0,"interviews":[{"id":"a","interview":"2026-03-12T15:00","updated":"2026-03-12T18:00:00.000Z","__proto__":{"polluted":1},"interviewers":[]}]}');
  assert.deepEqual(v0.problems.map((p) => [p.path, p.code]), [["interviews.0.__proto__", "forbidden-key"]]);
  assert.equal({}.polluted, undefined);
  // A good file's objects are plain ones with Object's prototype, built fresh.
  for (const x of good().interviews) {
    assert.equal(Object.getPrototypeOf(x), Object.prototype);
    assert.equal(Object.getPrototypeOf(x.facts), Object.prototype);
  }
  const withProtoPrototype = validateImport(file([iv("a", { prototype: 1 })]));
  assert.deepEqual(withProtoPrototype.problems.map((p) => p.code), ["forbidden-key"]);
});

test("a file that is not an export is refused with the reason", () => {
  const cases = [
    ["", "not-json", ""],
    ["null", "wrong-type", ""],
    ["[]", "wrong-type", ""],
    ['"text"', "wrong-type", ""],
    ['{"format":"something-else","version":1,"interviews":[]}', "wrong-format", "format"],
    ['{"version":1,"interviews":[]}', "wrong-format", "format"],
    [`{"format":"${FORMAT}","version":"1","interviews":[]}`, "bad-version", "version"],
    [`{"format":"${FORMAT}","version":1.5,"interviews":[]}`, "bad-version", "version"],
    [`{"format":"${FORMAT}","version":1}`, "required", "interviews"],
    [`{"format":"${FORMAT}","version":1,"interviews":{}}`, "wrong-type", "interviews"],
  ];
  for (const [text, code, path] of cases) {
    const r = validateImport(text);
    assert.equal(r.ok, false, text);
    assert.deepEqual([r.problems[0].path, r.problems[0].code], [path, code], text);
  }
  assert.equal(validateImport(42).problems[0].code, "wrong-type");
  assert.equal(validateImport(`{"format":"${FORMAT}","version":1,"interviews":[]}`).ok, true, "an empty export is fine");
});

test("the limits: 1 MiB counted in UTF-8 bytes, 200 interviews, 20 interviewers, 500 facts, text lengths", () => {
  const base = file([]);
  const exactly = base.slice(0, -1) + " ".repeat(LIMITS.bytes - base.length) + "}";
  assert.equal(new TextEncoder().encode(exactly).length, LIMITS.bytes);
  assert.equal(validateImport(exactly).ok, true, "exactly 1 MiB is allowed");
  const over = base.slice(0, -1) + " ".repeat(LIMITS.bytes - base.length + 1) + "}";
  assert.deepEqual(validateImport(over).problems, [{ path: "", code: "too-large", args: { bytes: LIMITS.bytes + 1, max: LIMITS.bytes } }]);
  // 400,000 "€" are fewer characters than 1 MiB but 1.2 MB of UTF-8.
  const wide = file([iv("w", { company: "€".repeat(400000) })]);
  assert.ok(wide.length < LIMITS.bytes);
  assert.equal(validateImport(wide).problems[0].code, "too-large");
  const huge = "[" + "1,".repeat(LIMITS.bytes) + "1]";
  assert.equal(validateImport(huge).problems[0].code, "too-large");

  const many = (n) => Array.from({ length: n }, (_, i) => iv(`i${i}`));
  assert.equal(validateImport(file(many(200))).ok, true);
  assert.deepEqual(validateImport(file(many(201))).problems, [{ path: "interviews", code: "too-many", args: { count: 201, max: 200 } }]);
  const people = (n) => Array.from({ length: n }, (_, i) => ({ name: `P${i}`, email: "" }));
  assert.equal(validateImport(file([iv("a", { interviewers: people(20) })])).ok, true);
  assert.deepEqual(validateImport(file([iv("a", { interviewers: people(21) })])).problems.map((p) => [p.path, p.code]), [["interviews.0.interviewers", "too-many"]]);
  const sent = (n) => Array.from({ length: n }, () => ({ step: "chaser", at: "2026-03-13T09:00" }));
  const facts = (s, k) => ({ sent: sent(s), skipped: Array.from({ length: k }, () => ({ step: "linkedin" })), replied: [] });
  assert.equal(validateImport(file([iv("a", { facts: facts(250, 250) })])).ok, true, "500 facts in all");
  assert.deepEqual(validateImport(file([iv("a", { facts: facts(250, 251) })])).problems.map((p) => [p.path, p.code, p.args.count]), [["interviews.0.facts", "too-many", 501]]);

  const cases = [
    ["company", LIMITS.company], ["role", LIMITS.role],
  ];
  for (const [field, max] of cases) {
    assert.equal(validateImport(file([iv("a", { [field]: "😀".repeat(max) })])).ok, true, `${field}: ${max} characters, counted as code points`);
    const r = validateImport(file([iv("a", { [field]: "x".repeat(max + 1) })]));
    assert.deepEqual(r.problems, [{ path: `interviews.0.${field}`, code: "too-long", args: { length: max + 1, max } }]);
  }
  const long = (name, email = "") => validateImport(file([iv("a", { interviewers: [{ name, email }] })]));
  assert.equal(long("n".repeat(LIMITS.name)).ok, true);
  assert.equal(long("n".repeat(LIMITS.name + 1)).problems[0].code, "too-long");
  assert.equal(long("A", "a".repeat(LIMITS.email - 6) + "@x.com").ok, true);
  assert.equal(long("A", "a".repeat(LIMITS.email - 5) + "@x.com").problems[0].code, "too-long");
  assert.equal(long("   ").problems[0].code, "required", "a name of spaces is no name");
});

test("deep nesting in a field it does not know neither crashes the reader nor is kept", () => {
  const deep = file([]).slice(0, -1) + ',"x":' + "[".repeat(400000) + "]".repeat(400000) + "}";
  const r = validateImport(deep);
  assert.deepEqual([r.ok, r.interviews, r.warnings.map((w) => w.code)], [true, [], ["unknown-field"]]);
  const inside = validateImport(file([iv("a", { company: "@" })]).replace('"@"', "[".repeat(400000) + "]".repeat(400000)));
  assert.deepEqual(inside.problems.map((p) => [p.path, p.code]), [["interviews.0.company", "wrong-type"]]);
});

test("a flood of mistakes is cut at LIMITS.problems", () => {
  const bad = Array.from({ length: 150 }, (_, i) => iv(`b${i}`, { interview: "soon" }));
  const r = validateImport(file(bad));
  assert.equal(r.problems.length, LIMITS.problems + 1);
  assert.deepEqual(r.problems.at(-1), { path: "", code: "too-many-problems", args: { max: LIMITS.problems } });
});

test("dates, times and clocks are real ones", () => {
  const dates = [
    ["2026-03-12", true], ["2028-02-29", true], ["2000-02-29", true], ["2100-02-29", false], ["2026-02-29", false],
    ["2026-04-31", false], ["2026-12-31", true], ["2026-13-01", false], ["2026-00-10", false], ["2026-3-1", false],
    ["2026-03-12T15:00", false], ["", false], [20260312, false],
  ];
  for (const [s, ok] of dates) assert.equal(isDate(s), ok, String(s));
  const times = [
    ["2026-03-12T15:00", true], ["2026-03-12T00:00", true], ["2026-03-12T23:59", true], ["2026-03-12T24:00", false],
    ["2026-03-12T15:60", false], ["2026-03-12 15:00", false], ["2026-03-12T15:00:00", false], ["2026-02-30T10:00", false],
  ];
  for (const [s, ok] of times) assert.equal(isDateTime(s), ok, s);
  const clocks = [["00:00", true], ["16:30", true], ["23:59", true], ["24:00", true], ["24:01", false], ["25:00", false], ["9:00", false], ["09:60", false]];
  for (const [s, ok] of clocks) assert.equal(isClock(s), ok, s);
  // Outcomes take either form.
  assert.equal(validateImport(file([iv("a", { offer: "2026-03-14" })])).ok, true);
  assert.equal(validateImport(file([iv("a", { offer: "2026-03-14T09:15" })])).ok, true);
});

test("e-mail addresses are checked loosely", () => {
  const cases = [
    ["", true], ["ana@example.com", true], ["zoe+jobs@fabrikam.co.jp", true], ["o'brien@example.ie", true], ["ana@xn--bcher-kva.example", true],
    ["ana", false], ["ana@", false], ["@example.com", false], ["ana@example", false], ["ana @example.com", false],
    ["a@b@example.com", false], ["ana@example.com.", false], ["<ana@example.com>", false],
  ];
  for (const [email, ok] of cases) {
    assert.equal(validateImport(file([iv("a", { interviewers: [{ name: "Ana", email }] })])).ok, ok, email);
  }
});

test("a version-0 file is migrated: names become people, the outcome its field, sent a fact", () => {
  const r = validateImport(fixture("v0.json"));
  assert.equal(r.ok, true);
  assert.equal(r.from, 0);
  assert.deepEqual(r.interviews, [
    {
      id: "a1b2c3", company: "Northwind", role: "Data Analyst", interview: "2026-03-12T15:00", ends: "",
      interviewers: [{ name: "Ana Ruiz", email: "" }, { name: "Tomás Ng", email: "" }],
      decisionBy: "2026-03-20", rejected: "2026-03-25", offer: "", withdrew: "",
      facts: { sent: [{ step: "thank-you", to: "Ana Ruiz", at: "2026-03-12T18:00" }], skipped: [], replied: [] },
      updated: "2026-03-25T08:00:00.000Z",
    },
    iv("b2", { company: "Contoso", interview: "2026-04-01T09:00", updated: "2026-04-01T12:00:00.000Z" }),
  ]);
  // A version-0 file with mistakes is judged by the version-1 reader after migration.
  const bad = validateImport('{"interviews":[{"id":"a","interview":"2026-02-30T10:00","interviewers":[3],"updated":"2026-03-12T18:00:00.000Z","outcome":"maybe"}]}');
  assert.deepEqual(bad.problems.map((p) => [p.path, p.code]), [["interviews.0.interview", "no-such-day"], ["interviews.0.interviewers.0", "wrong-type"]]);
  assert.deepEqual(validateImport('{"interviews":[{"id":"a","interview":"2026-03-10T10:00","updated":"2026-03-12T18:00:00.000Z","outcome":"maybe"}]}').warnings.map((w) => w.code), ["migrated", "unknown-field"]);
  // migrateV0 leaves its input alone.
  const v = JSON.parse(fixture("v0.json"));
  const copy = structuredClone(v);
  migrateV0(v);
  assert.deepEqual(v, copy);
});

test("export then import gives the same state", () => {
  const s = state(good().interviews);
  const text = exportText(s);
  assert.ok(text.endsWith("\n"));
  assert.deepEqual(Object.keys(JSON.parse(text)), ["format", "version", "interviews"]);
  const back = validateImport(text);
  assert.equal(back.ok, true);
  assert.deepEqual(back.warnings, []);
  assert.deepEqual(back.interviews, s.interviews);
  const into = applyImport(emptyState(), back, NOW);
  assert.deepEqual(into.interviews, s.interviews, "importing into an empty browser keeps every updated");
  assert.equal(exportText(into), text);
  // Tombstones stay in the browser.
  const gone = deleteInterview(s, "a1b2c3", NOW);
  assert.equal(exportText(gone).includes("deleted"), false);
  assert.deepEqual(exportState(gone), { format: FORMAT, version: VERSION, interviews: gone.interviews });
  // A stored value (with its tombstones) imported as a file: the tombstones are dropped.
  const stored = validateImport(JSON.stringify(gone));
  assert.deepEqual([stored.ok, stored.warnings.map((w) => [w.path, w.code])], [true, [["deleted", "unknown-field"]]]);
  assert.deepEqual(stored.interviews, gone.interviews);
  // And a v0 file, once imported, exports as version 1 and reads back the same.
  const v0 = applyImport(emptyState(), validateImport(fixture("v0.json")), NOW);
  assert.deepEqual(validateImport(exportText(v0)).interviews, v0.interviews);
});

test("previewImport says what an import adds, replaces and leaves, before anything changes", () => {
  const [a, b, c] = good().interviews;
  const current = deepFreeze(state([a, b]));
  const newerB = { ...b, role: "Senior Analyst", updated: "2026-04-01T00:00:00.000Z" };
  const olderA = { ...a, company: "Northwind Ltd", updated: "2026-01-01T00:00:00.000Z" };
  deepFreeze([c, newerB, olderA]);
  const p = previewImport(current, { ok: true, interviews: [c, newerB, olderA] });
  assert.deepEqual(p, {
    added: [{ id: c.id, company: c.company, role: c.role }],
    replaced: [{ id: b.id, company: b.company, role: "Senior Analyst" }, { id: a.id, company: "Northwind Ltd", role: a.role, older: true }],
    unchanged: [],
    problems: [],
  });
  assert.deepEqual(previewImport(current, [a]).unchanged, [{ id: a.id, company: a.company, role: a.role }]);

  const after = applyImport(current, [c, newerB, olderA], NOW);
  assert.deepEqual(after.interviews.map((x) => x.id), [a.id, b.id, c.id], "replaced in place, added after");
  assert.equal(after.interviews[0].company, "Northwind Ltd");
  assert.equal(after.interviews[0].updated, NOW, "a replaced interview is stamped now, so no other tab's copy wins");
  assert.equal(after.interviews[1].updated, NOW);
  assert.equal(after.interviews[2].updated, c.updated, "an added one keeps its own");
  assert.deepEqual(applyImport(current, [a], NOW), current, "an unchanged interview is left as it is");
  const refused = validateImport(fixture("proto.json"));
  assert.throws(() => applyImport(current, refused, NOW), (e) => e instanceof StateError && e.code === "not-validated");

  // Past 200, nothing is imported.
  const full = state(Array.from({ length: 199 }, (_, i) => iv(`f${i}`)));
  assert.deepEqual(previewImport(full, [iv("x1")]).problems, []);
  assert.deepEqual(previewImport(full, [iv("x1"), iv("x2")]).problems, [{ path: "interviews", code: "too-many", args: { count: 201, max: 200 } }]);
  assert.throws(() => applyImport(full, [iv("x1"), iv("x2")], NOW), (e) => e instanceof StateError && e.code === "too-many");
});

test("importing an interview this browser deleted brings it back, in every tab", () => {
  const a = iv("a", { updated: "2026-03-12T18:00:00.000Z" });
  const deleted = deleteInterview(state([a]), "a", NOW); // the other tab still has the tombstone
  const back = applyImport(deleted, [a], LATER);
  assert.deepEqual(back.interviews, [{ ...a, updated: LATER }]);
  assert.deepEqual(back.deleted, []);
  assert.deepEqual(merge(deleted, back).interviews, [{ ...a, updated: LATER }], "the other tab's tombstone is older than the import");
});

test("the edits return a new state, stamp updated from the clock given, and leave the old one", () => {
  const s0 = deepFreeze(emptyState());
  const s1 = addInterview(s0, { company: "Northwind", role: "Data Analyst", interview: "2026-03-12T15:00", interviewers: [{ name: "Ana Ruiz", email: "ana@example.com" }, { name: "Tomás Ng", email: "" }] }, NOW);
  deepFreeze(s1);
  assert.equal(s0.interviews.length, 0);
  const [x] = s1.interviews;
  assert.equal(x.id, newId(s0, NOW));
  assert.match(x.id, /^iv-[0-9a-z]+$/);
  assert.equal(x.updated, NOW);
  assert.equal(x.ends, "");
  assert.deepEqual(x.facts, { sent: [], skipped: [], replied: [] });
  assert.notEqual(newId(s1, NOW), x.id, "a second interview at the same instant gets another id");
  assert.equal(addInterview(s1, { interview: "2026-03-13T10:00" }, new Date(NOW)).interviews[1].id, `${x.id}-2`, "a Date is a clock too");

  const s2 = updateInterview(s1, x.id, { role: "Senior Data Analyst", id: "ignored", updated: "1999-01-01T00:00:00.000Z" }, LATER);
  assert.equal(s2.interviews[0].role, "Senior Data Analyst");
  assert.equal(s2.interviews[0].id, x.id);
  assert.equal(s2.interviews[0].updated, LATER);

  const s3 = markSent(s2, x.id, "thank-you", "Ana Ruiz", "2026-03-12T18:00", LATER);
  assert.deepEqual(s3.interviews[0].facts.sent, [{ step: "thank-you", to: "Ana Ruiz", at: "2026-03-12T18:00" }]);
  const s4 = markSent(s3, x.id, "chaser", "hiring manager", "2026-03-26T09:00", LATER);
  assert.deepEqual(s4.interviews[0].facts.sent[1], { step: "chaser", at: "2026-03-26T09:00" }, "a to that names nobody is everyone");
  const s5 = markSent(s4, x.id, "thank-you", " Ana Ruiz ", "2026-03-12T19:00", LATEST);
  assert.deepEqual(s5.interviews[0].facts.sent.map((f) => f.at), ["2026-03-26T09:00", "2026-03-12T19:00"], "marking again replaces");
  assert.equal(s5.interviews[0].updated, LATEST);

  const s6 = skip(s5, x.id, "thank-you", "Ana Ruiz", LATEST);
  assert.deepEqual(s6.interviews[0].facts.skipped, [{ step: "thank-you", to: "Ana Ruiz" }]);
  assert.deepEqual(s6.interviews[0].facts.sent, [{ step: "chaser", at: "2026-03-26T09:00" }], "skipping undoes sending");
  const s7 = skip(s6, x.id, "linkedin", "Tomás Ng", LATEST);
  const s8 = unmark(s7, x.id, "thank-you", "Ana Ruiz", LATEST);
  assert.deepEqual(s8.interviews[0].facts.skipped, [{ step: "linkedin", to: "Tomás Ng" }]);

  const s9 = replied(replied(s8, x.id, "2026-03-18", "2026-03-27", LATEST), x.id, "2026-03-25", "", LATEST);
  assert.deepEqual(s9.interviews[0].facts.replied, [{ on: "2026-03-18", decisionBy: "2026-03-27" }, { on: "2026-03-25" }]);

  const s10 = setOutcome(s9, x.id, "offer", "2026-03-30", LATEST);
  assert.deepEqual([s10.interviews[0].rejected, s10.interviews[0].offer, s10.interviews[0].withdrew], ["", "2026-03-30", ""]);
  const s11 = setOutcome(s10, x.id, "rejected", "2026-03-31T09:00", LATEST);
  assert.deepEqual([s11.interviews[0].rejected, s11.interviews[0].offer], ["2026-03-31T09:00", ""], "one outcome at a time");
  assert.deepEqual([setOutcome(s11, x.id, "", "", LATEST).interviews[0].rejected], [""]);

  const s12 = deleteInterview(s11, x.id, LATEST);
  assert.deepEqual(s12.interviews, []);
  assert.deepEqual(s12.deleted, [{ id: x.id, at: LATEST }]);
  const two = addInterview(addInterview(s0, { id: "a", interview: "2026-03-12T15:00" }, NOW), { id: "b", interview: "2026-03-12T15:00" }, NOW);
  const none = deleteEverything(two, LATER);
  assert.deepEqual(none.interviews, []);
  assert.deepEqual(none.deleted, [{ id: "a", at: LATER }, { id: "b", at: LATER }]);
  // Every edit kept the format.
  for (const s of [s1, s5, s12, none]) assert.deepEqual([s.format, s.version], [FORMAT, VERSION]);
});

test("an edit the state cannot take throws a StateError with a code", () => {
  const s = deepFreeze(state([iv("a")]));
  const code = (f, want, args) => assert.throws(f, (e) => e instanceof StateError && e.code === want && (!args || JSON.stringify(e.args) === JSON.stringify(args)), want);
  code(() => updateInterview(s, "nope", { role: "x" }, NOW), "no-such-interview", { id: "nope" });
  code(() => deleteInterview(s, "nope", NOW), "no-such-interview");
  code(() => markSent(s, "nope", "thank-you", "", "2026-03-12T18:00", NOW), "no-such-interview");
  code(() => addInterview(s, { id: "a", interview: "2026-03-12T15:00" }, NOW), "duplicate-id", { id: "a" });
  code(() => setOutcome(s, "a", "hired", "2026-03-30", NOW), "bad-outcome");
  code(() => updateInterview(s, "a", { role: "x" }, Date.now()), "bad-clock");
  code(() => updateInterview(s, "a", { role: "x" }, "2026-03-20 10:00"), "bad-clock");
  code(() => addInterview(emptyState(), { interview: "2026-03-12T15:00" }, "now"), "bad-clock");
  assert.throws(() => updateInterview(s, "a", { interview: "2026-02-30T10:00", company: "x".repeat(81) }, NOW), (e) => {
    assert.equal(e.code, "invalid-interview");
    assert.deepEqual(e.problems.map((p) => [p.path, p.code]), [["company", "too-long"], ["interview", "no-such-day"]]);
    return true;
  });
  code(() => markSent(s, "a", "thank-you", "", "yesterday", NOW), "invalid-interview");
  code(() => replied(s, "a", "2026-02-30", "", NOW), "invalid-interview");
  code(() => addInterview(state(Array.from({ length: 200 }, (_, i) => iv(`f${i}`))), { interview: "2026-03-12T15:00" }, NOW), "too-many");
  // An edit's own __proto__ is never copied.
  const hostile = JSON.parse('{"interview":"2026-03-12T15:00","__proto__":{"polluted":1}}');
  const added = addInterview(emptyState(), hostile, NOW).interviews[0];
  assert.equal(added.polluted, undefined);
  assert.equal({}.polluted, undefined);
});

test("checkInterview marks a form's mistakes by field, without the need for updated", () => {
  assert.deepEqual(checkInterview({ interview: "2026-03-12T15:00" }).problems, []);
  const c = checkInterview({ interview: "", interviewers: [{ name: "", email: "x" }] });
  assert.deepEqual(c.problems.map((p) => [p.path, p.code]), [["interview", "required"], ["interviewers.0.name", "required"], ["interviewers.0.email", "bad-form"]]);
});

test("two tabs: the newer edit wins either way, and both tabs agree", () => {
  const mine = state([iv("a", { role: "mine", updated: LATER }), iv("b", { role: "mine", updated: NOW })]);
  const theirs = state([iv("a", { role: "theirs", updated: NOW }), iv("b", { role: "theirs", updated: LATER }), iv("c", { updated: NOW })]);
  const m = merge(mine, theirs);
  assert.deepEqual(m.interviews.map((x) => [x.id, x.role]), [["a", "mine"], ["b", "theirs"], ["c", ""]]);
  const t = merge(theirs, mine);
  assert.deepEqual(t.interviews.map((x) => [x.id, x.role]), [["a", "mine"], ["b", "theirs"], ["c", ""]]);
  // A tie is broken the same way in both tabs.
  const x = state([iv("a", { role: "x", updated: NOW })]), y = state([iv("a", { role: "y", updated: NOW })]);
  assert.deepEqual(merge(x, y).interviews, merge(y, x).interviews);
  // "updated" compares as instants, not text: ".5Z" is later than "Z".
  const ms = merge(state([iv("a", { role: "whole", updated: "2026-03-20T10:00:00Z" })]), state([iv("a", { role: "half", updated: "2026-03-20T10:00:00.5Z" })]));
  assert.equal(ms.interviews[0].role, "half");
  assert.deepEqual(merge(mine, null), mine);
  assert.deepEqual(diff(mine, m), { added: ["c"], changed: ["b"], removed: [] });
});

test("two tabs: a deletion is not resurrected by the other tab's stale copy", () => {
  const a = iv("a", { updated: NOW }), b = iv("b", { updated: NOW });
  const stale = state([a, b]);
  const deleted = deleteInterview(stale, "a", LATER);
  for (const [mine, theirs] of [[stale, deleted], [deleted, stale]]) {
    const m = merge(mine, theirs);
    assert.deepEqual(m.interviews.map((x) => x.id), ["b"]);
    assert.deepEqual(m.deleted, [{ id: "a", at: LATER }], "the tombstone travels on");
  }
  assert.deepEqual(diff(stale, merge(stale, deleted)), { added: [], changed: [], removed: ["a"] });
  // An edit made after the deletion (in a tab that had not heard of it) is newer, and stays.
  const edited = updateInterview(stale, "a", { role: "edited" }, LATEST);
  assert.deepEqual(merge(deleted, edited).interviews.map((x) => [x.id, x.role]), [["b", ""], ["a", "edited"]]);
  // Delete everything, then a stale tab: nothing comes back.
  const none = deleteEverything(stale, LATER);
  assert.deepEqual(merge(stale, none).interviews, []);
  // The tombstones are bounded; the oldest go first.
  const many = state([], Array.from({ length: LIMITS.tombstones }, (_, i) => ({ id: `t${i}`, at: new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString() })));
  const more = merge(many, deleteInterview(state([a]), "a", LATEST));
  assert.equal(more.deleted.length, LIMITS.tombstones);
  assert.equal(more.deleted[0].id, "a");
  assert.equal(more.deleted.some((d) => d.id === "t0"), false);
});

// A fake Storage: a Map, or one that throws as a private window or a full quota does.
function fakeStorage({ get, set, remove } = {}) {
  const m = new Map();
  return {
    map: m,
    getItem: (k) => { if (get) throw get(); return m.has(k) ? m.get(k) : null; },
    setItem: (k, v) => { if (set) throw set(); m.set(k, String(v)); },
    removeItem: (k) => { if (remove) throw remove(); m.delete(k); },
  };
}
const quota = () => Object.assign(new Error("quota"), { name: "QuotaExceededError", code: 22 });
const security = () => Object.assign(new Error("denied"), { name: "SecurityError", code: 18 });

test("the store: nothing stored, then saved and read back with its tombstones", () => {
  const st = fakeStorage();
  const store = openCompanionStore(st);
  assert.equal(store.key, COMPANION_KEY);
  assert.deepEqual(store.load(), { status: "empty", state: emptyState() });
  const s = deleteInterview(state(good().interviews), "contoso-2", NOW);
  const saved = store.save(s);
  assert.equal(saved.ok, true);
  assert.deepEqual(saved.state, s);
  assert.deepEqual(store.load(), { status: "ok", state: s });
  assert.equal(JSON.parse(st.map.get(COMPANION_KEY)).format, FORMAT);
  assert.equal(openCompanionStore(st, "other").load().status, "empty", "the key is the caller's");
  assert.equal(store.forget(), true);
  assert.equal(store.load().status, "empty");
});

test("the store reads two tabs' merge past the import limit rather than lock the visitor out", () => {
  const st = fakeStorage();
  const store = openCompanionStore(st);
  const many = (p) => state(Array.from({ length: LIMITS.interviews }, (_, i) => iv(`${p}${i}`)));
  assert.equal(store.save(many("a")).ok, true);
  const both = store.save(many("b"));
  assert.equal(both.state.interviews.length, 2 * LIMITS.interviews);
  assert.equal(store.load().status, "ok");
  assert.equal(validateImport(exportText(both.state)).problems[0].code, "too-many", "an import is still held to 200");
});

test("the store migrates a version-0 value, keeping its raw text until the next save", () => {
  const st = fakeStorage();
  st.map.set(COMPANION_KEY, fixture("v0.json"));
  // Without the migration (companion-import.js, which the page loads only then) the value
  // is kept unread, as an unreadable one is, and never written over.
  const unread = openCompanionStore(st).load();
  assert.deepEqual(unread, { status: "old", state: emptyState(), raw: fixture("v0.json"), from: 0 });
  const s = addInterview(emptyState(), { interview: "2026-03-12T15:00" }, NOW);
  assert.deepEqual(openCompanionStore(st).save(s), { ok: false, reason: "kept", state: s });
  assert.equal(st.map.get(COMPANION_KEY), fixture("v0.json"));
  assert.equal(readText(fixture("v0.json")).problems[0].code, "bad-version", "readText needs the migration for version 0");
  const store = openCompanionStore(st, COMPANION_KEY, { migrate: migrateV0 });
  const r = store.load();
  assert.equal(r.status, "migrated");
  assert.equal(r.from, 0);
  assert.equal(r.raw, fixture("v0.json"));
  assert.deepEqual(r.state.interviews, validateImport(fixture("v0.json")).interviews);
  assert.equal(store.save(r.state).ok, true);
  assert.equal(store.load().status, "ok");
});

test("the store keeps what it cannot read, and refuses to save over it until discarded", () => {
  const cases = [
    ["truncated.txt", "unreadable"],
    ["bad-dates.json", "unreadable"],
    ["proto.json", "unreadable"],
    ["future-version.json", "newer-version"],
  ];
  for (const [name, status] of cases) {
    const st = fakeStorage();
    const raw = fixture(name);
    st.map.set(COMPANION_KEY, raw);
    const store = openCompanionStore(st);
    const r = store.load();
    assert.equal(r.status, status, name);
    assert.equal(r.raw, raw, `${name}: the raw text is offered back`);
    assert.deepEqual(r.state, emptyState(), `${name}: the page still works`);
    if (status === "unreadable") assert.ok(r.problems.length > 0);
    else assert.equal(r.version, 2);
    const s = addInterview(r.state, { interview: "2026-03-12T15:00" }, NOW);
    assert.deepEqual(store.save(s), { ok: false, reason: "kept", state: s }, name);
    assert.equal(st.map.get(COMPANION_KEY), raw, `${name}: never overwritten unread`);
    assert.equal(store.discard(), true);
    assert.equal(store.save(s).ok, true, `${name}: saved once discarded`);
    assert.deepEqual(store.load().state, s);
  }
});

test("storage unavailable or full: the page keeps working in memory and is told nothing is kept", () => {
  const s = addInterview(emptyState(), { interview: "2026-03-12T15:00" }, NOW);
  assert.deepEqual(openCompanionStore(null).load(), { status: "unavailable", state: emptyState() });
  assert.deepEqual(openCompanionStore(null).save(s), { ok: false, reason: "unavailable", state: s });
  const denied = openCompanionStore(fakeStorage({ get: security, set: security, remove: security }));
  assert.equal(denied.load().status, "unavailable");
  assert.deepEqual(denied.save(s), { ok: false, reason: "unavailable", state: s });
  assert.equal(denied.discard(), false);
  const full = openCompanionStore(fakeStorage({ set: quota }));
  assert.equal(full.load().status, "empty");
  assert.deepEqual(full.save(s), { ok: false, reason: "full", state: s });
  const firefox = openCompanionStore(fakeStorage({ set: () => Object.assign(new Error("full"), { name: "NS_ERROR_DOM_QUOTA_REACHED", code: 1014 }) }));
  assert.equal(firefox.save(s).reason, "full");
  const odd = openCompanionStore(fakeStorage({ set: () => new TypeError("odd") }));
  assert.equal(odd.save(s).reason, "unavailable");
});

test("two tabs on one storage: each save reads, merges and writes, so no stale tab clobbers a newer edit", () => {
  const st = fakeStorage();
  const tabA = openCompanionStore(st), tabB = openCompanionStore(st);
  let a = tabA.save(addInterview(addInterview(emptyState(), { id: "x", interview: "2026-03-12T15:00" }, NOW), { id: "y", interview: "2026-03-13T15:00" }, NOW)).state;
  let b = tabB.load().state; // B opens now, then both go on editing
  a = tabA.save(updateInterview(a, "x", { role: "edited in A" }, LATER)).state;
  const saved = tabB.save(updateInterview(b, "y", { role: "edited in B" }, LATER));
  assert.equal(saved.ok, true);
  b = saved.state;
  assert.deepEqual(b.interviews.map((x) => x.role), ["edited in A", "edited in B"], "B's save keeps A's newer edit of x");
  assert.deepEqual(saved.changed, { added: [], changed: ["x"], removed: [] }, "and says B's copy of x was replaced");
  // A hears of it through the storage event: it loads and merges.
  a = merge(a, tabA.load().state);
  assert.deepEqual(a, b);
  // A deletes y; B, not yet told, saves its stale copy with y: y stays deleted.
  a = tabA.save(deleteInterview(a, "y", LATEST)).state;
  b = tabB.save(updateInterview(b, "x", { company: "B" }, LATEST)).state;
  assert.deepEqual(b.interviews.map((x) => [x.id, x.company, x.role]), [["x", "B", "edited in A"]]);
  assert.deepEqual(tabA.load().state.interviews.map((x) => x.id), ["x"]);
});

test("planInput is the engine's input of docs/companion.md, with the visitor's own choices", () => {
  const [x] = good().interviews;
  const input = planInput(x, { weekend: "same-day", linkedinLimit: 300, region: "IE", name: "Sam", phone: "555" }, "2026-03-19T09:00");
  assert.deepEqual(input, {
    interview: "2026-03-12T15:00", ends: "16:00", interviewers: ["Ana Ruiz", "Dr. Tomás Ng"], decisionBy: "2026-03-20",
    rejected: "", offer: "", withdrew: "", weekend: "same-day", linkedinLimit: 300, region: "IE", company: "Northwind", role: "Data Analyst",
    today: "2026-03-19T09:00",
    facts: {
      sent: [{ step: "thank-you", to: "Ana Ruiz", at: "2026-03-12T18:00" }],
      skipped: [{ step: "linkedin", to: "Dr. Tomás Ng" }],
      replied: [{ on: "2026-03-18", decisionBy: "2026-03-27" }],
    },
  });
  input.facts.sent[0].at = "changed";
  input.interviewers.push("changed");
  assert.equal(x.facts.sent[0].at, "2026-03-12T18:00", "the engine's input shares nothing with the state");
  assert.equal(x.interviewers.length, 2);
  const plain = planInput(x);
  assert.deepEqual([plain.weekend, plain.linkedinLimit, plain.region, plain.today], ["", 0, "", ""]);
  assert.equal(planInput(x, { region: 7 }).region, "", "a region that is not text is the site's");
  assert.deepEqual([planInput(x, { weekend: 3, linkedinLimit: -5 }).weekend, planInput(x, { linkedinLimit: -5 }).linkedinLimit], ["", 0]);
});

// step is a plan step of the contract's shape.
const step = (id, to, suggested, latest, over = {}) => ({ id, message: id, to, earliest: suggested, suggested, latest, note: "", ...over });

test("the agenda groups every interview's steps: overdue, today, this week, later, done", () => {
  const today = "2026-03-12T23:59";
  const interviews = [
    iv("n", { company: "Northwind", role: "Analyst", interviewers: [{ name: "Ana Ruiz", email: "" }] }),
    iv("c", { company: "Contoso", role: "Pricing" }),
  ];
  const plans = {
    n: {
      steps: [
        step("thank-you", "Ana Ruiz", "2026-03-11T09:00", "2026-03-12T09:00", { status: "overdue" }),
        step("linkedin", "Ana Ruiz", "2026-03-12T23:59", "2026-03-12T23:59", { status: "upcoming" }),
        step("chaser", "hiring manager", "2026-03-13T00:00", "2026-03-13T18:00", { status: "upcoming" }),
        step("second-chaser", "hiring manager", "2026-03-19T23:59", "2026-03-20T18:00", { status: "upcoming" }),
      ],
      end: "",
    },
    c: {
      steps: [
        step("thank-you", "your interviewer", "2026-03-10T09:00", "2026-03-10T18:00", { status: "done", sent: "2026-03-10T10:00" }),
        step("chaser", "hiring manager", "2026-03-11T08:00", "2026-03-13T18:00", { status: "due" }),
        step("second-chaser", "hiring manager", "2026-03-20T00:00", "2026-03-20T18:00", { status: "upcoming" }),
      ],
      end: "",
    },
  };
  const calls = [];
  const a = agenda(interviews, (x) => (calls.push(x.id), plans[x.id]), today);
  assert.deepEqual(calls, ["n", "c"]);
  assert.deepEqual(a.groups.map((g) => g.key), GROUPS);
  const got = Object.fromEntries(a.groups.map((g) => [g.key, g.items.map((i) => `${i.interviewId}:${i.step}`)]));
  assert.deepEqual(got, {
    overdue: ["n:thank-you"],
    today: ["c:chaser", "n:linkedin"], // due now, though suggested two days ago; then 23:59 today
    week: ["n:chaser", "n:second-chaser"], // 00:00 tomorrow; 23:59 of the seventh day after today
    later: ["c:second-chaser"], // 00:00 of the eighth day
    done: ["c:thank-you"],
  });
  assert.deepEqual(a.broken, []);
  assert.deepEqual(a.groups[0].items[0], {
    interviewId: "n", company: "Northwind", role: "Analyst", step: "thank-you", message: "thank-you", to: "Ana Ruiz",
    earliest: "2026-03-11T09:00", suggested: "2026-03-11T09:00", latest: "2026-03-12T09:00", note: "", status: "overdue",
  });
  assert.equal(a.groups[4].items[0].sent, "2026-03-10T10:00");

  // At midnight the day turns: tomorrow's 00:00 is today.
  const midnight = agenda(interviews, (x) => plans[x.id], "2026-03-13T00:00");
  const chaser = midnight.groups.find((g) => g.items.some((i) => i.interviewId === "n" && i.step === "chaser"));
  assert.equal(chaser.key, "today");
  assert.equal(midnight.groups.find((g) => g.items.some((i) => i.interviewId === "c" && i.step === "second-chaser")).key, "week", "the 20th is now the seventh day");
});

test("the agenda sorts by time, then company, and puts the latest sent first in done", () => {
  const interviews = [iv("z", { company: "Zeta" }), iv("a", { company: "Alpha" })];
  const plans = {
    z: { steps: [step("chaser", "hm", "2026-03-14T09:00", "2026-03-14T18:00", { status: "upcoming" }), step("thank-you", "i", "2026-03-10T09:00", "2026-03-10T18:00", { status: "done", sent: "2026-03-10T09:30" })] },
    a: { steps: [step("chaser", "hm", "2026-03-14T09:00", "2026-03-14T18:00", { status: "upcoming" }), step("thank-you", "i", "2026-03-09T09:00", "2026-03-09T18:00", { status: "done", sent: "2026-03-11T09:30" })] },
  };
  const a = agenda(interviews, (x) => plans[x.id], "2026-03-12T09:00");
  assert.deepEqual(a.groups[2].items.map((i) => i.company), ["Alpha", "Zeta"]);
  assert.deepEqual(a.groups[4].items.map((i) => i.sent), ["2026-03-11T09:30", "2026-03-10T09:30"]);
});

test("the agenda works without the engine's status, from the facts and the window", () => {
  const x = iv("n", {
    interviewers: [{ name: "Ana Ruiz", email: "" }, { name: "Tomás Ng", email: "" }],
    facts: { sent: [{ step: "thank-you", to: "Ana Ruiz", at: "2026-03-12T18:00" }], skipped: [{ step: "linkedin" }], replied: [] },
  });
  const p = {
    steps: [
      step("thank-you", "Ana Ruiz", "2026-03-13T09:00", "2026-03-13T15:00"),
      step("thank-you", "Tomás Ng", "2026-03-13T09:00", "2026-03-13T15:00"),
      step("linkedin", "Tomás Ng", "2026-03-16T09:00", "2026-03-16T18:00"),
      step("chaser", "hiring manager", "2026-03-20T09:00", "2026-03-20T18:00", { earliest: "2026-03-13T09:00" }),
      step("second-chaser", "hiring manager", "2026-04-01T09:00", "2026-04-01T18:00"),
    ],
  };
  const a = agenda([x], () => p, "2026-03-13T16:00");
  const got = Object.fromEntries(a.groups.map((g) => [g.key, g.items.map((i) => `${i.step}:${i.to}:${i.status}${i.skipped ? ":skipped" : ""}`)]));
  assert.deepEqual(got, {
    overdue: ["thank-you:Tomás Ng:overdue"],
    today: ["chaser:hiring manager:due"],
    week: [],
    later: ["second-chaser:hiring manager:upcoming"],
    done: ["linkedin:Tomás Ng:upcoming:skipped", "thank-you:Ana Ruiz:done"],
  });
  assert.equal(a.groups[4].items[1].sent, "2026-03-12T18:00");
});

test("a broken interview does not break the agenda: it is listed to be fixed, with a code", () => {
  const interviews = [iv("ok1", { company: "A" }), iv("thrown", { company: "B", role: "R" }), iv("returned", { company: "C" }), iv("plain", { company: "D" }), iv("nothing"), iv("ok2", { company: "E" })];
  const fine = { steps: [step("chaser", "hiring manager", "2026-03-20T09:00", "2026-03-20T18:00", { status: "upcoming" })] };
  const planFor = (x) => {
    if (x.id === "thrown") throw Object.assign(new Error("decisionBy: before"), { field: "decisionBy", code: "before-interview", args: { value: "2026-03-01" } });
    if (x.id === "returned") return { field: "interview", code: "missing", args: {} };
    if (x.id === "plain") throw Object.assign(new Error('interview: "x" is not a date'), { field: "interview", msg: '"x" is not a date' });
    if (x.id === "nothing") return undefined;
    return fine;
  };
  const a = agenda(interviews, planFor, "2026-03-12T09:00");
  assert.deepEqual(a.groups[3].items.map((i) => i.interviewId), ["ok1", "ok2"]);
  assert.deepEqual(a.broken, [
    { interviewId: "thrown", company: "B", role: "R", field: "decisionBy", code: "before-interview", args: { value: "2026-03-01" } },
    { interviewId: "returned", company: "C", role: "", field: "interview", code: "missing", args: {} },
    { interviewId: "plain", company: "D", role: "", field: "interview", code: "plan-failed", args: { message: '"x" is not a date' } },
    { interviewId: "nothing", company: "", role: "", field: "", code: "plan-failed", args: { message: "undefined" } },
  ]);
  const shapeless = agenda([iv("s"), iv("ok")], (x) => (x.id === "s" ? { steps: [{ id: "chaser", suggested: 7 }] } : fine), "2026-03-12T09:00");
  assert.deepEqual([shapeless.broken.map((b) => [b.interviewId, b.code]), shapeless.groups[3].items.length], [[["s", "bad-plan"]], 1]);
  assert.throws(() => agenda([], () => fine, "today"), (e) => e instanceof StateError && e.code === "bad-today");
  const errorField = agenda([iv("e")], () => ({ error: { field: "weekend", code: "unknown-weekend", args: { value: "sunday" } } }), "2026-03-12T09:00");
  assert.deepEqual(errorField.broken[0].code, "unknown-weekend");
});

test("civil time: the agenda counts calendar days, so a daylight-saving change moves nothing", () => {
  // 8 March 2026 is the US change, 29 March the EU's; a week is seven dates whatever the zone.
  const p = { steps: [step("a", "x", "2026-03-15T01:30", "2026-03-15T18:00", { status: "upcoming" }), step("b", "x", "2026-04-05T02:30", "2026-04-05T18:00", { status: "upcoming" })] };
  assert.deepEqual(agenda([iv("i")], () => p, "2026-03-08T02:30").groups[2].items.map((i) => i.step), ["a"]);
  assert.deepEqual(agenda([iv("i")], () => p, "2026-03-29T02:30").groups[2].items.map((i) => i.step), ["b"]);
  // Across a month and a year end.
  const q = { steps: [step("a", "x", "2027-01-07T09:00", "2027-01-07T18:00", { status: "upcoming" }), step("b", "x", "2027-01-08T09:00", "2027-01-08T18:00", { status: "upcoming" })] };
  const y = agenda([iv("i")], () => q, "2026-12-31T12:00").groups;
  assert.deepEqual([y[2].items.map((i) => i.step), y[3].items.map((i) => i.step)], [["a"], ["b"]]);
  // civilTime reads a Date's own wall clock.
  assert.equal(civilTime(new Date(2026, 2, 8, 1, 5)), "2026-03-08T01:05");
  assert.equal(civilTime(new Date(2026, 11, 31, 23, 59)), "2026-12-31T23:59");
});

test("firstName: the first word after a title; a title before a lone name keeps it", () => {
  const cases = [
    ["Ana Ruiz", "Ana"], ["Dr. Ana Ruiz", "Ana"], ["Dr Ana Ruiz", "Ana"], ["dr. ana ruiz", "ana"], ["Prof. Tomás Ng", "Tomás"],
    ["Dr. Ruiz", "Dr. Ruiz"], ["Ms Ruiz", "Ms Ruiz"], ["Ana", "Ana"], ["  Ana   Ruiz  ", "Ana"], ["Mary-Jane Smith", "Mary-Jane"],
    ["A. Ruiz", "A. Ruiz"], ["J Smith", "J Smith"], ["Ruiz, Ana", "Ruiz"], ["Drew Barrymore", "Drew"], ["Sirius Black", "Sirius"],
    ["李 小龙", "李 小龙"], ["Zoë O'Brien", "Zoë"], ["", ""], ["   ", ""],
  ];
  for (const [name, want] of cases) assert.equal(firstName(name), want, name);
});

test("templateValues pre-fill a template with that interview's values and the interviewer's address", () => {
  const [x] = good().interviews;
  assert.deepEqual(templateValues(x, { id: "thank-you", to: "Ana Ruiz" }), {
    interviewer_name: "Ana", role: "Data Analyst", company: "Northwind", interview_date: "12 March", to_email: "ana@example.com",
  });
  assert.deepEqual(templateValues(x, "linkedin", "Dr. Tomás Ng"), { interviewer_name: "Tomás", role: "Data Analyst", company: "Northwind", interview_date: "12 March" }, "no address, no to_email");
  assert.deepEqual(templateValues(x, { id: "chaser", to: "hiring manager" }), { role: "Data Analyst", company: "Northwind", interview_date: "12 March" }, "a step to a role names nobody");
  const v = templateValues(x, { id: "thank-you", to: "Ana Ruiz" });
  for (const k of ["your_name", "phone_number", "sign_off"]) assert.equal(Object.hasOwn(v, k), false, `never the candidate's own ${k}`);
  const bare = iv("b", { interview: "2028-02-29T10:00" });
  assert.deepEqual(templateValues(bare, { id: "chaser", to: "hiring manager" }), { interview_date: "29 February" });
});
