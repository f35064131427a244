// Tests of companion-link.js, "Send to another device": node --test static/js/
// They use Node's real WebCrypto and CompressionStream, with few PBKDF2 iterations (FAST)
// except in the one test of the real count. handSeal builds a link from the format's
// description with Node's own base64url, not the module's, so the format is checked as well
// as the round trip, and so links sealLink refuses to make (a zip bomb, bytes that are not
// UTF-8) can be opened.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";

import {
  CODE_ALPHABET, CODE_SYMBOLS, KDF, TEXT_MAX, LINK_MAX, LinkError,
  newCode, normalizeCode, isSendLink, sealLink, openLink,
} from "./companion-link.js";

const FAST = { iterations: 2 };
const CODE = "7K3QZ-9XW2M";
const SYMBOLS = "7K3QZ9XW2M";
const fixture = readFileSync(new URL("./testdata/companion/good.json", import.meta.url), "utf8");

// seeded is a random source (as crypto.getRandomValues) that repeats for a seed: xorshift32.
function seeded(seed) {
  let x = seed >>> 0 || 1;
  return (bytes) => {
    for (let i = 0; i < bytes.length; i++) {
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
      x >>>= 0;
      bytes[i] = x;
    }
    return bytes;
  };
}

// companionText is an export file of n made-up interviews, as exportText writes it.
function companionText(n, seed = 1) {
  const byte = seeded(seed);
  const pick = (list) => list[byte(new Uint8Array(1))[0] % list.length];
  const companies = ["Northwind", "Contoso", "Fabrikam — 東京", "Adatum", "Litware", "Tailspin Toys", "Wingtip", "Proseware"];
  const roles = ["Data Analyst", "Analyst, Pricing", "Product Manager", "Backend Engineer", "UX Researcher", ""];
  const names = ["Ana Ruiz", "Dr. Tomás Ng", "Zoë O'Brien", "Kwame Mensah", "Priya Natarajan", "Lars Øberg"];
  const day = (i) => `2026-${String(1 + (i % 12)).padStart(2, "0")}-${String(1 + (i % 28)).padStart(2, "0")}`;
  const interviews = Array.from({ length: n }, (_, i) => {
    const people = Array.from({ length: 1 + (i % 3) }, () => pick(names));
    return {
      id: `iv-${i}-${pick(["a", "b", "c"])}${i * 7919 % 1000}`,
      company: pick(companies), role: pick(roles),
      interview: `${day(i)}T${pick(["09:30", "11:00", "14:15", "16:00"])}`, ends: pick(["", "16:00", "17:30"]),
      interviewers: people.map((name) => ({ name, email: pick(["", `${name.split(" ")[0].toLowerCase()}@example.com`]) })),
      decisionBy: pick(["", day(i + 9)]), rejected: "", offer: "", withdrew: "",
      facts: {
        sent: people.map((to) => ({ step: "thank-you", to, at: `${day(i)}T18:00` })),
        skipped: [{ step: "linkedin", to: people[0] }],
        replied: [{ on: day(i + 6) }],
      },
      updated: `${day(i + 6)}T09:${String(i % 60).padStart(2, "0")}:00.000Z`,
    };
  });
  return JSON.stringify({ format: "followup-playbook/companion", version: 1, interviews, deleted: [] }, null, 2) + "\n";
}

const b64 = (bytes) => Buffer.from(bytes).toString("base64url");
const unb64 = (s) => new Uint8Array(Buffer.from(s, "base64url"));

async function deflateRaw(bytes) {
  return new Uint8Array(await new Response(new Blob([bytes]).stream().pipeThrough(new CompressionStream("deflate-raw"))).arrayBuffer());
}

// handSeal seals bytes as the file comment of companion-link.js describes a link.
async function handSeal(bytes, symbols, { aad = "followup-playbook/send/1", iterations = FAST.iterations, deflate = true } = {}) {
  const { subtle } = globalThis.crypto;
  const salt = globalThis.crypto.getRandomValues(new Uint8Array(16));
  const iv = globalThis.crypto.getRandomValues(new Uint8Array(12));
  const password = await subtle.importKey("raw", new TextEncoder().encode(symbols), "PBKDF2", false, ["deriveKey"]);
  const key = await subtle.deriveKey({ name: "PBKDF2", hash: "SHA-256", salt, iterations }, password, { name: "AES-GCM", length: 256 }, false, ["encrypt"]);
  const packed = deflate ? await deflateRaw(bytes) : bytes;
  const data = await subtle.encrypt({ name: "AES-GCM", iv, additionalData: new TextEncoder().encode(aad) }, key, packed);
  return `send=1.${b64(salt)}.${b64(iv)}.${b64(new Uint8Array(data))}`;
}

// refused asserts that p rejects with a LinkError of code (and of args, when given).
async function refused(p, code, args) {
  await assert.rejects(p, (e) => {
    assert.ok(e instanceof LinkError, `not a LinkError: ${e}`);
    assert.equal(e.code, code, `args ${JSON.stringify(e.args)}`);
    if (args) assert.deepEqual(e.args, args);
    return true;
  });
}

test("texts come back as they were sealed, with or without the '#'", async () => {
  const cases = [
    { name: "the good fixture", text: fixture },
    { name: "500 KB of interviews", text: companionText(700).slice(0, 500_000) },
    { name: "non-ASCII", text: "Zoë O'Brien — 東京, Łódź 🎉\u{1F469}\u200D\u{1F4BB} \u0000 \uFFFD" },
    { name: "a leading byte-order mark", text: "\uFEFF{\"format\":\"followup-playbook/companion\"}" },
    { name: "empty", text: "" },
    { name: "TEXT_MAX bytes exactly", text: "é".repeat(TEXT_MAX / 2) },
  ];
  for (const c of cases) {
    const fragment = await sealLink(c.text, CODE, FAST);
    assert.match(fragment, /^send=1\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]{22,}$/, c.name);
    assert.ok(isSendLink("#" + fragment), c.name);
    assert.equal(await openLink("#" + fragment, CODE, FAST), c.text, c.name);
    assert.equal(await openLink(fragment, SYMBOLS.toLowerCase(), FAST), c.text, c.name);
  }
});

test("a link is the documented format: one sealed by hand opens, and its additional data and iterations matter", async () => {
  const text = fixture;
  const bytes = new TextEncoder().encode(text);
  assert.equal(await openLink(await handSeal(bytes, SYMBOLS), CODE, FAST), text);
  const cases = [
    { name: "another program's additional data", aad: "followup-playbook/send/2" },
    { name: "no additional data", aad: "" },
    { name: "other iterations", iterations: FAST.iterations + 1 },
  ];
  for (const c of cases) {
    await refused(openLink(await handSeal(bytes, SYMBOLS, c), CODE, FAST), "wrong-code", {});
  }
});

test("the code as typed opens a link; another code is wrong-code", async () => {
  const fragment = await sealLink(fixture, CODE, FAST);
  const cases = [
    { typed: "7k3qz 9xw2m", ok: true },
    { typed: " 7K3-QZ9-XW2M ", ok: true },
    { typed: "7K3QZ9XW2N", ok: false },
    { typed: "7K3QZ-9XW2", code: "bad-code", args: { length: 9 } },
    { typed: "00000-00000", ok: false },
  ];
  for (const c of cases) {
    const opened = openLink(fragment, c.typed, FAST);
    if (c.ok) assert.equal(await opened, fixture, c.typed);
    else await refused(opened, c.code ?? "wrong-code", c.args ?? {});
  }
});

test("every single-byte change to the salt, IV or data is wrong-code", async (t) => {
  const fragment = await sealLink('{"format":"followup-playbook/companion","version":1,"interviews":[]}', CODE, FAST);
  const parts = fragment.split(".");
  let tried = 0;
  for (const [index, name] of [[1, "salt"], [2, "iv"], [3, "data"]]) {
    const bytes = unb64(parts[index]);
    for (let i = 0; i < bytes.length; i++) {
      for (const flip of [0x01, 0x80]) {
        const changed = bytes.slice();
        changed[i] ^= flip;
        const tampered = parts.with(index, b64(changed)).join(".");
        await refused(openLink(tampered, CODE, FAST), "wrong-code", {}).catch((e) => {
          throw new Error(`${name} byte ${i} ^ ${flip}: ${e.message}`);
        });
        tried++;
      }
    }
  }
  t.diagnostic(`${tried} changed links refused`);
  assert.equal(tried, 2 * (16 + 12 + unb64(parts[3]).length));
});

test("a malformed fragment is refused with its code, before the code typed is read", async () => {
  const good = (await sealLink("{}", CODE, FAST)).split(".");
  const [, salt, iv, data] = good;
  const link = (...parts) => parts.join(".");
  const cases = [
    { name: "not text", fragment: null, code: "not-a-link", args: {} },
    { name: "empty", fragment: "", code: "not-a-link", args: {} },
    { name: "an ordinary anchor", fragment: "#top", code: "not-a-link", args: {} },
    { name: "a plan to add", fragment: "#add&date=2026-03-12", code: "not-a-link", args: {} },
    { name: "two '#'", fragment: "##" + link("send=1", salt, iv, data), code: "not-a-link", args: {} },
    { name: "upper case", fragment: link("SEND=1", salt, iv, data), code: "not-a-link", args: {} },
    { name: "a newer version", fragment: link("send=2", salt, iv, data), code: "not-a-link", args: { version: "2" } },
    { name: "no version", fragment: "send=", code: "not-a-link", args: { version: "" } },
    { name: "no parts", fragment: "send=1", code: "bad-link", args: { part: "salt" } },
    { name: "an empty salt", fragment: link("send=1", "", iv, data), code: "bad-link", args: { part: "salt" } },
    { name: "a short salt", fragment: link("send=1", salt.slice(0, 21), iv, data), code: "bad-link", args: { part: "salt" } },
    { name: "a long salt", fragment: link("send=1", salt + "AA", iv, data), code: "bad-link", args: { part: "salt" } },
    { name: "a salt in base64", fragment: link("send=1", "+/" + salt.slice(2), iv, data), code: "bad-link", args: { part: "salt" } },
    { name: "a salt with unused bits set", fragment: link("send=1", salt.slice(0, 21) + "B", iv, data), code: "bad-link", args: { part: "salt" } },
    { name: "no IV", fragment: link("send=1", salt), code: "bad-link", args: { part: "iv" } },
    { name: "a padded IV", fragment: link("send=1", salt, iv.slice(0, 14) + "==", data), code: "bad-link", args: { part: "iv" } },
    { name: "a short IV", fragment: link("send=1", salt, iv.slice(0, 15), data), code: "bad-link", args: { part: "iv" } },
    { name: "an escaped IV", fragment: link("send=1", salt, "%41" + iv.slice(3), data), code: "bad-link", args: { part: "iv" } },
    { name: "no data", fragment: link("send=1", salt, iv), code: "bad-link", args: { part: "data" } },
    { name: "data shorter than a tag", fragment: link("send=1", salt, iv, "A".repeat(20)), code: "bad-link", args: { part: "data" } },
    { name: "data of no byte count", fragment: link("send=1", salt, iv, "A".repeat(25)), code: "bad-link", args: { part: "data" } },
    { name: "a fifth part", fragment: link("send=1", salt, iv, data, "AAAA"), code: "bad-link", args: { part: "data" } },
    { name: "a space in the data", fragment: link("send=1", salt, iv, data.slice(0, 4) + " " + data.slice(5)), code: "bad-link", args: { part: "data" } },
    { name: "a non-ASCII letter", fragment: link("send=1", salt, iv, "é" + data.slice(1)), code: "bad-link", args: { part: "data" } },
    { name: "too long", fragment: "#send=1." + "A".repeat(LINK_MAX), code: "too-large", args: { chars: LINK_MAX + 7, max: LINK_MAX } },
    { name: "too long, not even a link", fragment: "x".repeat(LINK_MAX + 1), code: "too-large", args: { chars: LINK_MAX + 1, max: LINK_MAX } },
    { name: "a good link, a mistyped code", fragment: good.join("."), typed: "7K3QZ-9XW2U", code: "bad-code", args: { length: 10, symbol: "U" } },
  ];
  for (const c of cases) {
    await refused(openLink(c.fragment, c.typed ?? "not a code", FAST), c.code, c.args).catch((e) => {
      throw new Error(`${c.name}: ${e.message}`);
    });
  }
});

test("what a link decompresses to is checked: past TEXT_MAX (a zip bomb), not deflate, not UTF-8", async () => {
  const cases = [
    { name: "2 MiB of zeros", bytes: new Uint8Array(2 * TEXT_MAX), code: "too-large", args: { max: TEXT_MAX } },
    { name: "one byte too many", bytes: new Uint8Array(TEXT_MAX + 1).fill(0x20), code: "too-large", args: { max: TEXT_MAX } },
    { name: "not deflate", bytes: new Uint8Array([0xff, 0xff, 0xff, 0xff]), deflate: false, code: "bad-link", args: { part: "data" } },
    { name: "deflate cut short", bytes: (await deflateRaw(new TextEncoder().encode(fixture))).slice(0, 100), deflate: false, code: "bad-link", args: { part: "data" } },
    { name: "Latin-1", bytes: new Uint8Array([0x7b, 0x22, 0xe9, 0x22, 0x7d]), code: "bad-link", args: { part: "data" } },
    { name: "an unpaired surrogate", bytes: new Uint8Array([0xed, 0xa0, 0x80]), code: "bad-link", args: { part: "data" } },
  ];
  for (const c of cases) {
    const fragment = await handSeal(c.bytes, SYMBOLS, { deflate: c.deflate ?? true });
    if (c.name === "2 MiB of zeros") assert.ok(fragment.length < 10_000, `a bomb is small: ${fragment.length}`);
    await refused(openLink(fragment, CODE, FAST), c.code, c.args).catch((e) => {
      throw new Error(`${c.name}: ${e.message}`);
    });
  }
});

test("sealLink refuses a text over TEXT_MAX bytes of UTF-8, and a code it cannot read", async () => {
  const cases = [
    { name: "one byte over", text: "a".repeat(TEXT_MAX + 1), code: "too-large", args: { bytes: TEXT_MAX + 1, max: TEXT_MAX } },
    { name: "over in UTF-8, not in characters", text: "é".repeat(TEXT_MAX / 2 + 1), code: "too-large", args: { bytes: TEXT_MAX + 2, max: TEXT_MAX } },
    { name: "a short code", text: "{}", typed: "ABCDE", code: "bad-code", args: { length: 5 } },
  ];
  for (const c of cases) {
    await refused(sealLink(c.text, c.typed ?? CODE, FAST), c.code, c.args);
  }
});

test("the worst case fits LINK_MAX: its bound holds, and a TEXT_MAX text of random characters seals under it", async (t) => {
  // zlib's deflateBound for raw deflate, GCM's tag, base64url, then "send=1.", salt, ".", IV, ".".
  const packed = TEXT_MAX + (TEXT_MAX >> 12) + (TEXT_MAX >> 14) + (TEXT_MAX >> 25) + 7 + 16;
  const worst = 7 + 22 + 1 + 16 + 1 + Math.ceil((packed * 4) / 3);
  assert.ok(worst <= LINK_MAX, `${worst} > ${LINK_MAX}`);
  assert.ok(LINK_MAX < 2 * 1024 * 1024 - "https://example.com/follow-ups/#".length);
  const bytes = seeded(7)(new Uint8Array(TEXT_MAX)).map((b) => 0x20 + (b % 95));
  const text = new TextDecoder().decode(bytes);
  const fragment = await sealLink(text, CODE, FAST);
  t.diagnostic(`1 MiB of random printable ASCII: ${fragment.length} characters (bound ${worst}, LINK_MAX ${LINK_MAX})`);
  assert.ok(fragment.length <= LINK_MAX);
  assert.equal(await openLink(fragment, CODE, FAST), text);
});

test("the code is never in the link, and the salt and IV come from the random source passed in", async () => {
  const text = companionText(3);
  for (let seed = 1; seed <= 20; seed++) {
    const code = newCode(seeded(seed));
    const fragment = await sealLink(text, code, { ...FAST, random: seeded(seed) });
    for (const form of [code, code.replace("-", ""), code.toLowerCase(), code.replace("-", "").toLowerCase(), code.slice(0, 5), code.slice(6)]) {
      assert.ok(!fragment.includes(form), `${form} in ${fragment}`);
    }
  }
  const fixed = () => sealLink(text, CODE, { ...FAST, random: seeded(42) });
  assert.equal(await fixed(), await fixed());
  const [, salt, iv] = (await fixed()).split(".");
  const drawn = seeded(42)(new Uint8Array(28));
  assert.deepEqual([salt, iv], [b64(drawn.slice(0, 16)), b64(drawn.slice(16))]);
  assert.notEqual(await sealLink(text, CODE, FAST), await sealLink(text, CODE, FAST));
});

test("CODE_ALPHABET is Crockford's base32: 32 symbols, none of I, L, O, U", () => {
  assert.equal(CODE_ALPHABET, "0123456789ABCDEFGHJKMNPQRSTVWXYZ");
  assert.equal(new Set(CODE_ALPHABET).size, 32);
  assert.doesNotMatch(CODE_ALPHABET, /[ILOU]/);
  assert.equal(CODE_SYMBOLS * Math.log2(CODE_ALPHABET.length), 50);
});

test("newCode draws from the random source passed in, in the alphabet, as XXXXX-XXXXX", () => {
  const fill = (values) => (bytes) => (bytes.set(values), bytes);
  const cases = [
    { bytes: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], code: "01234-56789" },
    { bytes: [10, 11, 12, 13, 14, 15, 16, 17, 18, 19], code: "ABCDE-FGHJK" },
    { bytes: [20, 21, 22, 23, 24, 25, 26, 27, 28, 29], code: "MNPQR-STVWX" },
    { bytes: [30, 31, 32, 63, 64, 95, 224, 255, 128, 33], code: "YZ0Z0-Z0Z01" },
  ];
  for (const c of cases) assert.equal(newCode(fill(c.bytes)), c.code);
  assert.equal(newCode(seeded(9)), newCode(seeded(9)));
  const seen = new Set();
  for (let i = 0; i < 1000; i++) {
    const code = newCode();
    assert.match(code, /^[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}$/);
    assert.equal(normalizeCode(code), code.replace("-", ""));
    for (const s of code.replace("-", "")) seen.add(s);
  }
  assert.equal(seen.size, 32, "all 32 symbols are drawn");
});

test("normalizeCode reads a code as typed, or says how many symbols it read", () => {
  const cases = [
    { typed: "7K3QZ-9XW2M", code: SYMBOLS },
    { typed: "7k3qz9xw2m", code: SYMBOLS },
    { typed: "  7k3 qz  9xw-2m\t", code: SYMBOLS },
    { typed: "7K3QZ--9XW2M", code: SYMBOLS },
    { typed: "iIlLo-OABCD", code: "111100ABCD" },
    { typed: "", error: { length: 0 } },
    { typed: "7K3QZ-9XW2", error: { length: 9 } },
    { typed: "7K3QZ-9XW2MM", error: { length: 11 } },
    { typed: "7K3QZ-9XW2U", error: { length: 10, symbol: "U" } },
    { typed: "7K3QZ_9XW2M", error: { length: 11, symbol: "_" } },
    { typed: "7K3QZ·9XW2M", error: { length: 11, symbol: "·" } },
    { typed: "７K3QZ9XW2M", error: { length: 10, symbol: "７" } },
  ];
  for (const c of cases) {
    if (c.code) assert.equal(normalizeCode(c.typed), c.code, c.typed);
    else assert.throws(() => normalizeCode(c.typed), (e) => e instanceof LinkError && e.code === "bad-code" && assert.deepEqual(e.args, c.error) === undefined, c.typed);
  }
});

test("isSendLink tells a sent list's fragment from the page's others", () => {
  const cases = [
    ["#send=1.AAAA", true],
    ["send=1.AAAA", true],
    ["#send=2.anything", true],
    ["#send=", true],
    ["", false],
    ["#", false],
    ["#top", false],
    ["#add&date=2026-03-12", false],
    ["#sender", false],
    ["#x&send=1.AAAA", false],
    [undefined, false],
    [null, false],
  ];
  for (const [hash, want] of cases) assert.equal(isSendLink(hash), want, String(hash));
});

test("the real key derivation: 600,000 iterations of PBKDF2-SHA256 to an AES-GCM-256 key", async (t) => {
  assert.deepEqual({ ...KDF }, {
    name: "PBKDF2", hash: "SHA-256", iterations: 600_000, saltBytes: 16, cipher: "AES-GCM", keyBits: 256, ivBytes: 12,
  });
  const started = performance.now();
  const fragment = await sealLink(fixture, CODE);
  const sealed = performance.now();
  assert.equal(await openLink(fragment, CODE), fixture);
  t.diagnostic(`seal ${Math.round(sealed - started)} ms, open ${Math.round(performance.now() - sealed)} ms`);
  await refused(openLink(fragment, CODE, FAST), "wrong-code", {});
});

test("a typical 40 KB list: the link's length", async (t) => {
  let n = 1;
  while (companionText(n).length < 40 * 1024) n++;
  const text = companionText(n);
  const fragment = await sealLink(text, CODE, FAST);
  const url = "https://example.com/follow-ups/#" + fragment;
  t.diagnostic(`${n} interviews, ${text.length} characters of JSON: a fragment of ${fragment.length} characters, a URL of ${url.length}`);
  assert.ok(fragment.length < text.length / 2, `${fragment.length} is not compressed`);
  assert.equal(await openLink(new URL(url).hash, CODE, FAST), text);
});
