// Tests of search.js's pure logic and of stem.js against the Go index: node --test static/js/
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { stem } from "./stem.js";
import { words, stemWord, queryStems, shardOf, postings, rank } from "./search.js";

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
