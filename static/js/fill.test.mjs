// Tests of fill.js's pure logic (template.test.mjs tests the templates): node --test static/js/
import { test } from "node:test";
import assert from "node:assert/strict";
import { parse, names } from "./template.js";
import {
  blanks,
  messageText,
  cleanValues,
  encodeFragment,
  decodeFragment,
  mailtoHref,
  charCount,
  countStatus,
  openStore,
  STORAGE_KEY,
  OLD_STORAGE_KEY,
  isAddress,
  clip,
  mailLinkFits,
  MAIL_LINK_LIMIT,
  countAnnouncement,
  limitFor,
  PREMIUM,
} from "./fill.js";

test("names and blanks list each placeholder once, in order", () => {
  const parts = parse("{b} {a} {b} {c}");
  assert.deepEqual(names(parts), ["b", "a", "c"]);
  assert.deepEqual(blanks(parts, { a: "x", c: "" }), ["b", "c"]);
  assert.deepEqual(blanks(parts, { a: "x", b: "y", c: "z" }), []);
});

test("messageText: what is copied and mailed", () => {
  const body = "Dear {n},\n\nThanks.\n\n{extra}\n\nBest,\n{me}\n";
  const label = (n) => `[${n.toUpperCase()}]`;
  const table = [
    { name: "all filled, trimmed", text: body, values: { n: "Ana", extra: "One more thing.", me: "Sam" }, want: "Dear Ana,\n\nThanks.\n\nOne more thing.\n\nBest,\nSam" },
    { name: "an empty optional paragraph goes", text: body, values: { n: "Ana", me: "Sam" }, want: "Dear Ana,\n\nThanks.\n\nBest,\nSam" },
    { name: "required blanks show their label", text: body, values: { extra: "P.S." }, want: "Dear [N],\n\nThanks.\n\nP.S.\n\nBest,\n[ME]" },
    { name: "an optional line inside a paragraph goes", text: "A\n{extra}\nB", values: {}, want: "A\nB" },
    { name: "an optional first paragraph goes", text: "{extra}\n\nB {n}", values: { n: "x" }, want: "B x" },
    { name: "an optional last line goes", text: "A\n\n{extra}", values: {}, want: "A" },
    { name: "an optional blank inside a line leaves the line", text: "A {extra}, B\nC", values: {}, want: "A , B\nC" },
    { name: "an optional blank next to another blank", text: "A\n{extra}{n}\nB", values: { n: "x" }, want: "A\nx\nB" },
    { name: "without optional fields every blank shows", text: "A\n\n{extra}\n\nB", values: {}, optional: [], want: "A\n\n[EXTRA]\n\nB" },
  ];
  for (const c of table) {
    assert.equal(messageText(parse(c.text), c.values, { optional: c.optional ?? ["extra"], blank: label }), c.want, c.name);
  }
  assert.equal(messageText(parse("Hi {n}"), {}), "Hi [n]", "the default blank");
});

test("cleanValues blanks white space and trims", () => {
  assert.deepEqual(cleanValues({ a: "  Ana ", b: " \n\t ", c: "x\ny\n" }), { a: "Ana", b: "", c: "x\ny" });
});

test("the URL fragment round-trips every value", () => {
  const fieldNames = ["interviewer_name", "role", "topic", "extra_point"];
  const table = [
    { interviewer_name: "Ana" },
    { interviewer_name: "Zoë O'Brien-Łukasz 🎉", role: "R&D lead = boss?", topic: "50% #growth + more / less" },
    { extra_point: "line one\nline two\r\n\ttabbed", role: "a+b" },
    { interviewer_name: "<script>alert(1)</script>", role: "%41 %zz %" },
  ];
  for (const values of table) {
    const frag = encodeFragment(values, fieldNames);
    assert.doesNotMatch(frag, /[#\s?]/, `a fragment must be one URL token: ${frag}`);
    assert.deepEqual(decodeFragment("#" + frag, fieldNames), values);
    assert.deepEqual(decodeFragment(frag, fieldNames), values, "the # is optional");
  }
});

test("encodeFragment: field order, no empty values", () => {
  assert.equal(encodeFragment({ b: "2", a: "1 1", c: "" }, ["a", "b", "c"]), "a=1%201&b=2");
  assert.equal(encodeFragment({ a: "", b: "" }, ["a", "b"]), "");
  assert.equal(encodeFragment({ z: "not a field" }, ["a"]), "");
});

test("decodeFragment is lenient with fragments written elsewhere", () => {
  const f = ["a", "b"];
  const table = [
    ["", null],
    ["#", null],
    ["#main", null],
    ["#details", null],
    ["#a=1", { a: "1" }],
    ["#a=one+two&b=x%2By", { a: "one two", b: "x+y" }],
    ["#a=1&a=2", { a: "2" }],
    ["#a=x=y", { a: "x=y" }],
    ["#a=&b=2", { a: "", b: "2" }],
    ["#zzz=1&b=2&constructor=3", { b: "2" }],
    ["#a=%E0%A4%A&b=ok", { b: "ok" }],
    ["#a=ok&junk&b", { a: "ok" }],
    ["#%61=encoded-key", { a: "encoded-key" }],
  ];
  for (const [hash, want] of table) assert.deepEqual(decodeFragment(hash, f), want, hash);
});

test("mailtoHref encodes the subject and body and keeps line breaks as CRLF", () => {
  const href = mailtoHref("Thank you: R&D role?", "Dear Ana,\n\nThanks & bye = 100%\r\nSam #1");
  assert.equal(
    href,
    "mailto:?subject=Thank%20you%3A%20R%26D%20role%3F&body=Dear%20Ana%2C%0D%0A%0D%0AThanks%20%26%20bye%20%3D%20100%25%0D%0ASam%20%231",
  );
  const u = new URL(href);
  assert.equal(u.protocol, "mailto:");
  const q = Object.fromEntries(u.search.slice(1).split("&").map((p) => p.split("=").map(decodeURIComponent)));
  assert.deepEqual(q, { subject: "Thank you: R&D role?", body: "Dear Ana,\r\n\r\nThanks & bye = 100%\r\nSam #1" });
  assert.equal(mailtoHref("one\ntwo", ""), "mailto:?subject=one%20two&body=", "a subject stays on one line");
  assert.doesNotThrow(() => mailtoHref("\ud800", "x\udfff"), "a lone surrogate must not throw URIError");
});

test("mailtoHref writes to the recipient only when it is one address", () => {
  assert.equal(mailtoHref("S", "B", "ana.ruiz+jobs@example.co.uk"), "mailto:ana.ruiz%2Bjobs@example.co.uk?subject=S&body=B");
  for (const bad of ["", "ana", "ana@example", "a@b.c,evil@x.org", "a@b.c?cc=evil@x.org", "a b@c.d", "<a@b.c>", "a@b.c\nBcc: x@y.z"]) {
    assert.equal(isAddress(bad), false, bad);
    assert.ok(mailtoHref("S", "B", bad).startsWith("mailto:?"), `${JSON.stringify(bad)} is not written as a recipient`);
  }
});

test("mailLinkFits holds a mail link to 1,800 characters of the encoded URL", () => {
  assert.equal(MAIL_LINK_LIMIT, 1800);
  const head = "mailto:?subject=S&body=";
  const of = (n) => head + "x".repeat(n - head.length);
  assert.equal(of(1800).length, 1800);
  assert.equal(mailLinkFits(of(1800)), true, "exactly at the limit");
  assert.equal(mailLinkFits(of(1801)), false, "one over");
  assert.equal(mailLinkFits(head, head.length), true, "a limit can be given");
  assert.equal(mailLinkFits(head + "x", head.length), false);
  // It is the encoded link that counts: "é" is 6 characters in it ("%C3%A9"), a line break
  // 6 ("%0D%0A"), an emoji 12.
  const body = "é".repeat(290);
  assert.equal(charCount(body), 290);
  assert.equal(mailLinkFits(mailtoHref("S", body)), true, `${mailtoHref("S", body).length}`);
  assert.equal(mailLinkFits(mailtoHref("S", "é".repeat(297))), false, "297 × é is 1,782 + 23 encoded");
  assert.equal(mailtoHref("", "\n".repeat(10)).length, "mailto:?subject=&body=".length + 60);
  assert.equal(mailtoHref("", "👋".repeat(10)).length, "mailto:?subject=&body=".length + 120);
  // The recipient counts too.
  const to = "a".repeat(40) + "@example.org";
  const fill = "x".repeat(1800 - mailtoHref("S", "", to).length);
  assert.equal(mailLinkFits(mailtoHref("S", fill, to)), true);
  assert.equal(mailLinkFits(mailtoHref("S", fill + "x", to)), false);
  assert.equal(mailLinkFits(mailtoHref("S", fill + "x")), true, "without the recipient it fits");
});

test("clip cuts to max code points and never splits a character", () => {
  const table = [
    ["", 3, ""],
    ["abc", 3, "abc"],
    ["abcd", 3, "abc"],
    ["Zoë Ørsted", 3, "Zoë"],
    ["e\u0301", 1, "e"], // a combining accent is its own code point, as Go counts it
    ["👋🏽👋🏽", 3, "👋🏽👋"],
    ["𝒜𝒜𝒜𝒜", 2, "𝒜𝒜"],
    ["日本語テキスト", 3, "日本語"],
    ["abc", 0, "abc"],
    ["abc", undefined, "abc"],
  ];
  for (const [s, max, want] of table) {
    const got = clip(s, max);
    assert.equal(got, want, `clip(${JSON.stringify(s)}, ${max})`);
    assert.equal(got.isWellFormed(), true, "no lone surrogate");
    if (max > 0) assert.ok(charCount(got) <= max);
  }
});

test("decodeFragment holds each value to its field's max_length", () => {
  const f = ["name", "topic", "free", "to_email"];
  const max = { name: 5, topic: 3 };
  const frag = encodeFragment({ name: "Zoë Ørsted", topic: "𝒜😀𝒜😀", free: "x".repeat(500), to_email: "a@b.co" }, f);
  assert.deepEqual(decodeFragment(frag, f, max), { name: "Zoë Ø", topic: "𝒜😀𝒜", free: "x".repeat(500), to_email: "a@b.co" });
  assert.deepEqual(decodeFragment(frag, f), decodeFragment(frag, f, {}), "without max lengths nothing is cut");
  assert.equal(decodeFragment(frag, f).name, "Zoë Ørsted");
  // A crafted fragment: 23,000 characters in one field, repeated keys, "+" for spaces.
  const crafted = "#name=" + "%C3%A9".repeat(3000) + "&topic=a+b+c+d&name=" + "é".repeat(4000) + "&topic=" + "x".repeat(9000);
  assert.ok(crafted.length > 23000);
  const got = decodeFragment(crafted, f, { name: 60, topic: 120 });
  assert.deepEqual(got, { name: "é".repeat(60), topic: "x".repeat(120) });
  // A field named like an Object property is still just a field.
  assert.deepEqual(decodeFragment("constructor=abc&toString=x", ["constructor"], { constructor: 2 }), { constructor: "ab" });
});

test("charCount counts code points, as utf8.RuneCountInString does", () => {
  for (const [s, n] of [["", 0], ["abc", 3], ["Zoë", 3], ["👋🏽", 2], ["日本語", 3], ["a\r\nb", 4]]) {
    assert.equal(charCount(s), n, s);
  }
});

test("countStatus flags a text over the limit", () => {
  const table = [
    [120, 200, 0, false, "120 of 200 characters."],
    [120, 200, 2, false, "120 of 200 characters, with 2 blanks still to fill."],
    [199, 200, 1, false, "199 of 200 characters, with 1 blank still to fill."],
    [200, 200, 0, false, "200 of 200 characters."],
    [201, 200, 0, true, "201 of 200 characters: 1 too many. Shorten it, or it will be cut off."],
    [260, 200, 3, true, "260 of 200 characters: 60 too many. Shorten it, or it will be cut off."],
  ];
  for (const [n, limit, b, over, text] of table) assert.deepEqual(countStatus(n, limit, b), { over, text });
});

test("countAnnouncement speaks only when the limit is crossed, either way", () => {
  const under = countStatus(150, 200), over = countStatus(201, 200);
  const table = [
    [false, under, ""], // typing within the limit: silent
    [true, over, ""], // typing while over: silent
    [false, over, over.text],
    [true, under, `Back within the limit: ${under.text}`],
  ];
  for (const [wasOver, status, want] of table) assert.equal(countAnnouncement(wasOver, status), want);
});

test("the LinkedIn note counts to the Premium limit when the fragment says premium=1", () => {
  const linkedin = { limit: 200, limitPremium: 300 };
  assert.equal(limitFor(linkedin, false), 200);
  assert.equal(limitFor(linkedin, true), 300);
  assert.equal(limitFor({ limit: 0 }, true), 0, "a page with no Premium limit keeps its own");
  const values = decodeFragment("#interviewer_name=Priya&premium=1", ["interviewer_name", PREMIUM]);
  assert.equal(values[PREMIUM], "1", "the calculator's premium=1 is read from the fragment");
});

function fakeStorage(init = {}) {
  const m = new Map(Object.entries(init));
  return {
    map: m,
    getItem: (k) => (m.has(k) ? m.get(k) : null),
    setItem: (k, v) => m.set(k, String(v)),
    removeItem: (k) => m.delete(k),
  };
}

test("the store remembers only the candidate's own details, across templates, and forgets them all", () => {
  const s = fakeStorage();
  const yours = ["phone_number", "your_name"];
  const store = openStore(s, yours);
  assert.equal(store.load(), null, "nothing stored: remembering is off");
  assert.ok(store.save({ interviewer_name: "Ana", role: "Analyst", your_name: "Sam" }, ["interviewer_name", "role", "your_name"]));
  assert.deepEqual(store.load(), { your_name: "Sam" }, "an interview's values are never remembered");
  // Another template with other fields: it keeps what it does not own, and an emptied
  // field of its own is removed.
  store.save({ phone_number: "07700 900123", your_name: "" }, ["phone_number", "your_name", "hiring_manager_name"]);
  assert.deepEqual(store.load(), { phone_number: "07700 900123" });
  assert.deepEqual([...s.map.keys()], [STORAGE_KEY]);
  store.forget();
  assert.equal(store.load(), null);
  assert.equal(s.map.size, 0);
  // Saving nothing still records the choice to be remembered.
  store.save({}, ["your_name"]);
  assert.deepEqual(store.load(), {});
});

test("the store moves the candidate's details out of the old key and drops the interview's", () => {
  const s = fakeStorage({ [OLD_STORAGE_KEY]: JSON.stringify({ company: "Northwind", interviewer_name: "Ana", role: "Analyst", your_name: "Sam" }) });
  const store = openStore(s, ["your_name"]);
  assert.deepEqual(store.load(), { your_name: "Sam" });
  assert.deepEqual([...s.map.keys()], [STORAGE_KEY], "the old key is gone once moved");
  assert.equal(s.map.get(STORAGE_KEY), JSON.stringify({ your_name: "Sam" }));
  // Forget clears an old key that could not be moved as well.
  const stuck = fakeStorage({ [OLD_STORAGE_KEY]: "{}" });
  openStore(stuck, []).forget();
  assert.equal(stuck.map.size, 0);
});

test("the store survives bad data and a storage that throws", () => {
  assert.deepEqual(openStore(fakeStorage({ [STORAGE_KEY]: "{not json" }), []).load(), {});
  assert.deepEqual(openStore(fakeStorage({ [STORAGE_KEY]: "[1,2]" }), []).load(), {});
  assert.deepEqual(
    openStore(fakeStorage({ [STORAGE_KEY]: JSON.stringify({ your_name: "ok", Bad: "x", n: 3, __proto__x: "y" }) }), ["your_name", "Bad", "n", "__proto__x"]).load(),
    { your_name: "ok" },
  );
  const broken = {
    getItem() {
      throw new Error("SecurityError");
    },
    setItem() {
      throw new Error("QuotaExceededError");
    },
    removeItem() {
      throw new Error("SecurityError");
    },
  };
  const store = openStore(broken, ["a"]);
  assert.equal(store.load(), null);
  assert.equal(store.save({ a: "1" }, ["a"]), false);
  assert.doesNotThrow(() => store.forget());
});
