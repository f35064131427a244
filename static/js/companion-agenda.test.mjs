// companion-agenda.test.mjs: the list as last drawn (VIEW_KEY) is drawn only under the
// names of what it was made from, and only when it has the shape viewText writes.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readView, textHash, viewFits, viewKey, viewText } from "./companion-agenda.js";

const texts = ['{"format":"followup-playbook/companion","version":2,"log":[]}', null];
const me = { weekend: "", linkedinLimit: 0, region: "GB" };

test("textHash names a text: the same for the same text, another for another", () => {
  assert.equal(textHash("abc"), textHash("abc"));
  assert.match(textHash(""), /^[0-9a-f]{14}$/);
  const seen = new Set(Array.from({ length: 2000 }, (_, i) => textHash(`{"id":"${i}"}`)));
  assert.equal(seen.size, 2000);
});

test("viewKey changes with either stored text, the rules, the visitor's choices and the engine", () => {
  const key = viewKey(texts, "rules", me);
  assert.equal(viewKey(texts, "rules", me), key);
  for (const other of [
    viewKey([texts[0] + " ", null], "rules", me),
    viewKey([texts[0], "[]"], "rules", me),
    viewKey(texts, "rules ", me),
    viewKey(texts, "rules", { ...me, region: "DE" }),
    viewKey(texts, "rules", me, "https://example.org/js/companion.N3W.js"),
  ]) assert.notEqual(other, key);
});

test("readView reads what viewText wrote under the same key, and nothing else", () => {
  const key = viewKey(texts, "rules", me);
  const view = { applications: [{ id: "a", company: "Initech", rounds: ["a"] }], interviews: [{ id: "a", company: "Initech" }], notes: new Map([["a", { setAside: [], problem: null, last: "x" }]]) };
  const plans = [['{"interview":"2026-12-08T14:00"}', { input: {}, plan: { steps: [] } }]];
  const text = viewText(key, view, plans);
  const got = readView(text, key);
  assert.equal(got.fits, "same");
  assert.deepEqual(got.interviews, view.interviews);
  assert.deepEqual(got.applications, view.applications);
  assert.deepEqual([...got.notes], [...view.notes]);
  assert.deepEqual(got.plans, plans);
  assert.equal(readView(text, viewKey(texts, "rules", { ...me, region: "DE" })), null, "other choices");
  assert.equal(readView(text, viewKey([texts[0], "[]"], "rules ", me)), null, "another log and other rules");
  for (const bad of ["{not json", "null", "[]", text.replace('"interviews":[', '"interviews":[1,'), text.replace('"plans":[[', '"plans":[["k",1],['),
    text.replace('"notes":[[', '"notes":{"a":[')]) {
    assert.equal(readView(bad, key), null, bad.slice(0, 60));
  }
});

test("viewFits: the same list; its plans under another log; drawn until replayed under other rules or another script; else nothing", () => {
  const key = viewKey(texts, "rules", me);
  assert.equal(viewFits(key, key), "same");
  for (const log of [[texts[0].replace("[]", '[{"id":"x"}]'), null], [texts[0], "[]"], [null, null]]) {
    assert.equal(viewFits(key, viewKey(log, "rules", me)), "plans", String(log));
    assert.equal(viewFits(key, viewKey(log, "rules v5", me)), "", "another log and other rules: " + String(log));
  }
  assert.equal(viewFits(key, viewKey(texts, "rules v5", me)), "stale");
  assert.equal(viewFits(key, viewKey(texts, "rules", me, "js/companion.N3W.js")), "stale");
  assert.equal(viewFits(key, viewKey(texts, "rules v5", { ...me, region: "DE" })), "", "other choices");
  assert.equal(viewFits(key, viewKey(texts, "rules", { ...me, region: "DE" })), "", "other choices");
  for (const bad of ["", "a b c", key + " x"]) assert.equal(viewFits(bad, key), "", bad);
});

test("readView tells how the list kept fits", () => {
  const key = viewKey(texts, "rules", me);
  const plans = [['{"interview":"2026-12-08T14:00"}', { plan: { steps: [] } }]];
  const text = viewText(key, { applications: [], interviews: [{ id: "a" }], notes: new Map() }, plans);
  assert.equal(readView(text, viewKey([texts[0], "[]"], "rules", me)).fits, "plans");
  assert.deepEqual(readView(text, viewKey([texts[0], "[]"], "rules", me)).plans, plans);
  assert.equal(readView(text, viewKey(texts, "rules v5", me)).fits, "stale");
});
