// Tests of companion-state.js, the companion's pure state: node --test static/js/
// The fixtures are in testdata/companion/; planFor is a fake engine returning plans of the
// shape of docs/companion.md, so these tests do not depend on timeline.js.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";

import {
  COMPANION_KEY, FORMAT, LIMITS, GROUPS, StateError,
  isDate, isDateTime, isClock, civilTime,
  checkInterview, readText, loadCompanion,
  planInput, agenda,
} from "./companion-state.js";
import { contactText, firstName, label, shortDay, shortWhen, templateValues } from "./companion-words.js";
import { addChange, openCompanionStore } from "./companion-edit.js";
import { validateImport, migrateV0 } from "./companion-import.js";

const fixture = (name) => readFileSync(new URL(`./testdata/companion/${name}`, import.meta.url), "utf8");
const good = () => validateImport(fixture("good.json"));
const NOW = "2026-03-20T10:00:00.000Z";


// iv is a minimal valid interview with overrides.
const iv = (id, over = {}) => ({
  id, app: "", company: "", role: "", interview: "2026-03-12T15:00", ends: "", interviewers: [], decisionBy: "",
  rejected: "", offer: "", withdrew: "", nextRound: "", facts: { sent: [], skipped: [], replied: [] }, updated: "2026-03-12T18:00:00.000Z", ...over,
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
  assert.deepEqual(validateImport(fixture("future-version.json")).problems[0].args, { version: 4, known: 3 });
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
    id: "a1b2c3", app: "", company: "Northwind", role: "Data Analyst", interview: "2026-03-12T15:00", ends: "16:00",
    interviewers: [{ name: "Ana Ruiz", email: "ana@example.com" }, { name: "Dr. Tomás Ng", email: "" }],
    decisionBy: "2026-03-20", rejected: "", offer: "", withdrew: "", nextRound: "",
    facts: {
      sent: [{ step: "thank-you", to: "Ana Ruiz", at: "2026-03-12T18:00" }],
      skipped: [{ step: "linkedin", to: "Dr. Tomás Ng" }],
      replied: [{ on: "2026-03-18", decisionBy: "2026-03-27" }],
    },
  });
  assert.deepEqual(Object.keys(r.interviews[2]), ["id", "app", "company", "role", "interview", "ends", "interviewers", "decisionBy", "rejected", "offer", "withdrew", "nextRound", "facts"], "updated is read and dropped: the log orders changes");
  assert.equal(r.interviews[2].interview, "2028-02-29T10:00", "a leap day is a day");
  assert.equal(r.interviews[2].ends, "24:00", "the engine's ends may be 24:00");
  assert.deepEqual(r.interviews[1].facts.sent, [{ step: "chaser", at: "2026-03-09T08:00" }], "a fact for everyone has no to");
  // Missing optional fields are empty, not absent.
  const m = validateImport(file([{ id: "m", interview: "2026-03-12T15:00", updated: NOW }]));
  const { updated, ...plain } = iv("m");
  assert.deepEqual(m.interviews[0], plain);
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
      id: "a1b2c3", app: "", company: "Northwind", role: "Data Analyst", interview: "2026-03-12T15:00", ends: "",
      interviewers: [{ name: "Ana Ruiz", email: "" }, { name: "Tomás Ng", email: "" }],
      decisionBy: "2026-03-20", rejected: "2026-03-25", offer: "", withdrew: "", nextRound: "",
      facts: { sent: [{ step: "thank-you", to: "Ana Ruiz", at: "2026-03-12T18:00" }], skipped: [], replied: [] },
    },
    (({ updated, ...x }) => x)(iv("b2", { company: "Contoso", interview: "2026-04-01T09:00" })),
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

test("checkInterview marks a form's mistakes by field, without the need for updated", () => {
  assert.deepEqual(checkInterview({ interview: "2026-03-12T15:00" }).problems, []);
  const c = checkInterview({ interview: "", interviewers: [{ name: "", email: "x" }] });
  assert.deepEqual(c.problems.map((p) => [p.path, p.code]), [["interview", "required"], ["interviewers.0.name", "required"], ["interviewers.0.email", "bad-form"]]);
});

// fakeStorage is localStorage in memory.
function fakeStorage() {
  const m = new Map();
  return { map: m, getItem: (k) => (m.has(k) ? m.get(k) : null), setItem: (k, v) => m.set(k, String(v)), removeItem: (k) => m.delete(k) };
}

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
    assert.deepEqual(r.log, [], `${name}: the page still works`);
    if (status === "unreadable") assert.ok(r.problems.length > 0);
    else assert.equal(r.version, 4);
    const s = [addChange({ interview: "2026-03-12T15:00" }, "1773900000000-0000-aa")];
    assert.deepEqual(store.save(s, [s[0].id]), { ok: false, reason: "kept", log: s }, name);
    assert.equal(st.map.get(COMPANION_KEY), raw, `${name}: never overwritten unread`);
    assert.equal(store.discard(), true);
    assert.equal(store.save(s, [s[0].id]).ok, true, `${name}: saved once discarded`);
    assert.deepEqual(store.load().log, s);
  }
});

test("planInput is the engine's input of docs/companion.md, with the visitor's own choices", () => {
  const [x] = good().interviews;
  const input = planInput(x, { weekend: "same-day", linkedinLimit: 300, region: "IE", name: "Sam", phone: "555" }, "2026-03-19T09:00");
  assert.deepEqual(input, {
    interview: "2026-03-12T15:00", ends: "16:00", interviewers: ["Ana Ruiz", "Dr. Tomás Ng"], decisionBy: "2026-03-20",
    rejected: "", offer: "", withdrew: "", nextRound: "", weekend: "same-day", linkedinLimit: 300, region: "IE", company: "Northwind", role: "Data Analyst",
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

test("a step to no interviewer goes to the application's contact; an interviewer's topic fills the thank-you", () => {
  const x = { ...good().interviews[0], interviewers: [{ name: "Ana Ruiz", email: "ana@example.com", topic: "the reporting backlog" }] };
  const dana = { name: "Dr Dana Fox", email: "dana@example.org", kind: "recruiter" };
  assert.deepEqual(templateValues(x, { id: "thank-you", to: "Ana Ruiz" }, "Ana Ruiz", dana), {
    interviewer_name: "Ana", topic: "the reporting backlog", role: "Data Analyst", company: "Northwind", interview_date: "12 March", to_email: "ana@example.com",
  }, "a step to an interviewer is theirs, whoever the contact is");
  const chaser = templateValues(x, { id: "chaser", to: "the hiring manager" }, "the hiring manager", dana);
  assert.deepEqual([chaser.hiring_manager_name, chaser.recipient_name, chaser.sender_name, chaser.to_email], ["Dana", "Dana", "Dana", "dana@example.org"]);
  assert.equal(templateValues(x, { id: "chaser", to: "the hiring manager" }, "the hiring manager").hiring_manager_name, undefined, "without a contact, nobody's name");
  assert.equal(contactText(dana), "Dr Dana Fox, recruiter");
  assert.equal(contactText({ name: "Li", email: "", kind: "other" }), "Li");
  assert.equal(contactText({ name: "", email: "x@y.z", kind: "recruiter" }), "");
  assert.equal(shortWhen("2026-12-08T09:05", "2026"), "Tue 8 Dec, 09:05");
  assert.equal(shortDay("2027-01-04", "2026"), "Mon 4 Jan 2027", "another year is said");
});

test("an application is named by its company and role, else its first round's date, else as one", () => {
  assert.equal(label({ company: "Globex", role: "", interview: "" }), "Globex");
  assert.equal(label({ company: "", role: "", interview: "2026-12-08T10:00" }), "the interview of Tuesday 8 December 2026");
  assert.equal(label({ company: " ", role: "", interview: "" }), "an application");
});
