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

test("viewKey changes with either stored text, the rules and the visitor's choices, with or without crypto.subtle", async () => {
  for (const subtle of [undefined, globalThis.crypto.subtle]) {
    const key = await viewKey(texts, "rules", me, subtle);
    assert.equal(await viewKey(texts, "rules", me, subtle), key);
    for (const other of [
      await viewKey([texts[0] + " ", null], "rules", me, subtle),
      await viewKey([texts[0], "[]"], "rules", me, subtle),
      await viewKey(texts, "rules ", me, subtle),
      await viewKey(texts, "rules", { ...me, region: "DE" }, subtle),
    ]) assert.notEqual(other, key);
  }
});

test("readView reads what viewText wrote under the same key, and nothing else", async () => {
  const key = await viewKey(texts, "rules", me);
  const view = { interviews: [{ id: "a", company: "Initech" }], notes: new Map([["a", { setAside: [], problem: null, last: "x" }]]) };
  const plans = [['{"interview":"2026-12-08T14:00"}', { input: {}, plan: { steps: [] } }]];
  const text = viewText(key, view, plans);
  const got = readView(text, key);
  assert.deepEqual(got.interviews, view.interviews);
  assert.deepEqual([...got.notes], [...view.notes]);
  assert.deepEqual(got.plans, plans);
  assert.equal(readView(text, key + "x"), null, "another key");
  for (const bad of ["{not json", "null", "[]", text.replace('"interviews":[', '"interviews":[1,'), text.replace('"plans":[[', '"plans":[["k",1],['),
    text.replace('"notes":[[', '"notes":{"a":[')]) {
    assert.equal(readView(bad, key), null, bad.slice(0, 60));
  }
});
