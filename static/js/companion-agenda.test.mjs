// companion-agenda.test.mjs: the list as last drawn (VIEW_KEY) is drawn only under the
// names of what it was made from, and only when it has the shape viewText writes.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readView, textHash, viewKey, viewText } from "./companion-agenda.js";

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
  const view = { interviews: [{ id: "a", company: "Initech" }], notes: new Map([["a", { setAside: [], problem: null, last: "x" }]]) };
  const plans = [['{"interview":"2026-12-08T14:00"}', { input: {}, plan: { steps: [] } }]];
  const text = viewText(key, view, plans);
  const got = readView(text, key);
  assert.equal(got.current, true);
  assert.deepEqual(got.interviews, view.interviews);
  assert.deepEqual([...got.notes], [...view.notes]);
  assert.deepEqual(got.plans, plans);
  for (const other of [viewKey(texts, "rules ", me), viewKey(texts, "rules", { ...me, region: "DE" }), viewKey(texts, "rules", me, "js/companion.N3W.js")]) {
    assert.equal(readView(text, other), null, "other rules, choices or engine: " + other);
  }
  for (const bad of ["{not json", "null", "[]", text.replace('"interviews":[', '"interviews":[1,'), text.replace('"plans":[[', '"plans":[["k",1],['),
    text.replace('"notes":[[', '"notes":{"a":[')]) {
    assert.equal(readView(bad, key), null, bad.slice(0, 60));
  }
});

test("readView keeps the plans, but not the list, of a view made from another log under the same rules and choices", () => {
  const key = viewKey(texts, "rules", me);
  const plans = [['{"interview":"2026-12-08T14:00"}', { plan: { steps: [] } }]];
  const text = viewText(key, { interviews: [{ id: "a" }], notes: new Map() }, plans);
  for (const log of [[texts[0].replace("[]", '[{"id":"x"}]'), null], [texts[0], "[]"], [null, null]]) {
    const got = readView(text, viewKey(log, "rules", me));
    assert.equal(got.current, false, String(log));
    assert.deepEqual(got.plans, plans);
  }
});
