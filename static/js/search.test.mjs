// Tests of search.js's pure logic and of stem.js against the Go index: node --test static/js/
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { stem } from "./stem.js";
import { words, stemWord, queryStems, shardOf, postings, rank } from "./search.js";
import { arm } from "./search-box.js";

const { cases } = JSON.parse(readFileSync(new URL("./testdata/search-cases.json", import.meta.url), "utf8"));

test("the browser stems every word as the Go index does (search-cases.json)", () => {
  assert.ok(cases.length > 500, `only ${cases.length} cases`);
  for (const c of cases) {
    if (c.stem === "") continue; // a stop word: the index lists it, the query drops it
    assert.equal(stemWord(c.word, stem), c.stem, c.word);
  }
});

test("words splits a query as generator/search's Words does", () => {
  for (const [text, want] of [
    ["Thank-you notes", ["thank", "you", "notes"]],
    ["Don't chase; the candidate’s note", ["dont", "chase", "the", "candidates", "note"]],
    ["'quoted' words, 24 hours", ["quoted", "words", "24", "hours"]],
    ["Café ÉCOLE", ["café", "école"]],
    ["", []],
  ]) {
    assert.deepEqual(words(text), want, text);
  }
});

test("queryStems drops the index's stop words and repeats", () => {
  const stop = new Set(["the", "a"]);
  assert.deepEqual(queryStems("Chasing the chaser, a chase", stop, stem), ["chase", "chaser"]);
  assert.deepEqual(queryStems("the", stop, stem), []);
});

test("shardOf is the longest listed prefix, or -1", () => {
  const prefixes = ["a", "ab", "abc", "b"];
  assert.equal(shardOf("abcd", prefixes), 2);
  assert.equal(shardOf("abd", prefixes), 1);
  assert.equal(shardOf("b", prefixes), 3);
  assert.equal(shardOf("c", prefixes), -1);
  assert.equal(shardOf("x", [""]), 0);
});

test("postings reads gaps back into pages and title flags", () => {
  // pages 0 (title), 3, 4 (title): values 1, 6, 9
  assert.deepEqual(postings([1, 5, 3]), [
    { page: 0, title: true },
    { page: 3, title: false },
    { page: 4, title: true },
  ]);
});

test("rank keeps the pages with every stem, title hits first, then in order", () => {
  const a = [1, 5, 3, 3]; // 0t, 3, 4t, 6
  const b = [6, 3]; // 3, 4t
  assert.deepEqual(rank([a, b]), [4, 3]);
  assert.deepEqual(rank([a]), [0, 4, 3, 6]);
  assert.deepEqual(rank([a, []]), []);
  assert.deepEqual(rank([]), []);
});

// settled resolves once the promise callbacks queued so far have run (the import's then).
const settled = () => new Promise((r) => setImmediate(r));

// A form as layouts/partials/header.html writes it, with what arm and start touch.
function fakeBox() {
  const listeners = (el) => {
    el.on = {};
    el.addEventListener = (type, f) => (el.on[type] ||= []).push(f);
    el.fire = (type) => {
      const e = { prevented: false, preventDefault() { this.prevented = true; } };
      (el.on[type] || []).forEach((f) => f(e));
      return e;
    };
    return el;
  };
  const attrs = {};
  const input = listeners({ placeholder: "", value: "" });
  const status = { textContent: "" };
  const panel = { hidden: true };
  const form = listeners({
    setAttribute: (k, v) => (attrs[k] = v),
    removeAttribute: (k) => delete attrs[k],
    querySelector: (s) => ({ input, "[data-search-status]": status, "[data-search-panel]": panel })[s],
  });
  const doc = { querySelector: (s) => (s === "[data-search]" ? form : null) };
  return { doc, form, input, status, panel, attrs };
}

test("arm loads search.js on the first focus, touch or keystroke alone, busy until it starts", async () => {
  const box = fakeBox();
  let loads = 0;
  let started = null;
  let resolve;
  arm(box.doc, {}, () => {
    loads++;
    return new Promise((r) => (resolve = r));
  });
  assert.equal(loads, 0, "loaded before the box was reached for");
  assert.ok(box.form.fire("submit").prevented, "Enter before search.js came would load the page again");
  box.form.fire("pointerdown");
  box.input.fire("focus");
  box.input.fire("input");
  assert.equal(loads, 1);
  assert.equal(box.attrs["aria-busy"], "true");
  assert.match(box.input.placeholder, /Loading/);
  resolve({ start: (doc, win, busy) => (started = { doc, busy }) });
  await settled();
  assert.equal(started.doc, box.doc);
  started.busy(false);
  assert.equal(box.attrs["aria-busy"], undefined);
  assert.equal(box.input.placeholder, "");
});

test("arm says when search.js cannot be loaded, and tries again on the next focus", async () => {
  const box = fakeBox();
  let loads = 0;
  arm(box.doc, {}, () => (loads++, Promise.reject(new TypeError("Failed to fetch"))));
  box.input.fire("focus");
  await settled();
  assert.equal(box.status.textContent, "The search could not be loaded.");
  assert.equal(box.panel.hidden, false);
  assert.equal(box.attrs["aria-busy"], undefined);
  box.input.fire("focus");
  assert.equal(loads, 2);
});
