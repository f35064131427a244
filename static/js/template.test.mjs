// Tests of template.js, the browser's one placeholder filler: node --test static/js/
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";

import { parse, fill, names, hasValue, validName, TemplateSyntaxError } from "./template.js";

const { cases } = JSON.parse(readFileSync(new URL("./testdata/fill-cases.json", import.meta.url), "utf8"));

test("the shared cases parse and fill as Go's messages.Parse and Fill do", async (t) => {
  assert.ok(cases.length >= 20, "the cases file lost its cases");
  for (const c of cases) {
    await t.test(c.name, () => {
      if (c.error) {
        assert.throws(() => parse(c.template), TemplateSyntaxError);
        return;
      }
      const parts = parse(c.template);
      assert.deepEqual(parts, c.parts);
      assert.equal(fill(parts, c.values), c.filled);
    });
  }
});

test("parse reports where the bad brace is", () => {
  for (const [text, offset] of [["Dear {Name}", 5], ["ok {{ then {", 11], ["{1}", 0], ["a {{x}} {y", 8]]) {
    assert.throws(() => parse(text), (err) => err instanceof TemplateSyntaxError && err.offset === offset, text);
  }
});

test("validName follows messages.ValidName", () => {
  for (const [s, want] of [["a", true], ["role", true], ["x_1", true], ["", false], ["A", false], ["1a", false], ["_a", false], ["a-b", false], ["é", false], [undefined, false]]) {
    assert.equal(validName(s), want, String(s));
  }
});

test("hasValue: only a non-empty string is a value, and only an own key", () => {
  assert.equal(hasValue({ a: "x" }, "a"), true);
  for (const [values, name] of [[{ a: "" }, "a"], [{ a: 1 }, "a"], [{}, "a"], [{}, "constructor"], [{}, "__proto__"]]) {
    assert.equal(hasValue(values, name), false, name);
  }
  assert.equal(fill(parse("{constructor} {x}"), {}), "{constructor} {x}");
});

test("names lists each placeholder once, in order", () => {
  assert.deepEqual(names(parse("{b} {a} {b} {c}")), ["b", "a", "c"]);
});
