// companion-link.js: "Send to another device". The companion's list (its export text, at
// most TEXT_MAX bytes) goes to the candidate's other device in a link whose fragment, which
// no browser sends to a server, holds the text compressed and encrypted, with a key derived
// from a short code that this device shows and the other device asks the person to type.
// The code is never in the link: a link that leaks (a synced history, a chat preview, a
// screenshot) reveals nothing without it, and the site never sees either.
//
// The fragment is "send=1.<salt>.<iv>.<data>", each part base64url without padding: data is
// AES-GCM-256(deflate-raw(UTF-8 text)) with the additional data "followup-playbook/send/1",
// so a blob sealed by another program with the same primitives cannot pass for one of these. The
// key is PBKDF2-HMAC-SHA256 of the code's 10 canonical symbols with a salt of its own per
// link, so no table of the codes' keys computed once serves for every link.
//
// How strong: a code is 10 symbols of 32, 2^50 ≈ 1.13e15 codes, and each guess costs
// 600,000 PBKDF2 iterations. Trying them all is 2^50 × 600,000 ≈ 6.8e20 iterations; an
// attacker computing 10^10 SHA-256 a second (about one high-end GPU today) and counting
// one SHA-256 per iteration needs 6.8e10 s, about 2,100 years, to try every code, 1,070
// years on average to find it (an iteration is an HMAC, two SHA-256 compressions, so
// twice that counted strictly). A thousand such GPUs find it in about a year on average.
// That is enough for what it guards (a job search's list, for the days it matters), and it
// needs the link too; the code must not be shortened to save typing.
//
// Everything here is a pure function of its arguments: WebCrypto and the random source
// are passed in (defaulting to the browser's), so tests can fix them; compression is the
// platform's CompressionStream, which has no state to fix. Errors are LinkError
// values with a code and args, never English: the page words them.

/** CODE_ALPHABET is Crockford's base32: no I, L, O or U, which are read or typed as others. */
export const CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
/** CODE_SYMBOLS is a code's length in symbols: 50 bits, shown as two groups of five. */
export const CODE_SYMBOLS = 10;

/**
 * KDF is the key derivation and cipher of a version-1 link: PBKDF2-HMAC-SHA256 with
 * OWASP's 600,000 iterations and a 16-byte random salt, giving an AES-GCM key of 256 bits
 * used with a 12-byte random IV (GCM's native size). The link's version fixes them all.
 */
export const KDF = Object.freeze({
  name: "PBKDF2",
  hash: "SHA-256",
  iterations: 600_000,
  saltBytes: 16,
  cipher: "AES-GCM",
  keyBits: 256,
  ivBytes: 12,
});

/** TEXT_MAX is the largest text sent, in UTF-8 bytes: the companion's import limit, 1 MiB. */
export const TEXT_MAX = 1 << 20;

/**
 * LINK_MAX is the longest fragment openLink reads, in characters: the longest a TEXT_MAX
 * text can seal to. Deflate never grows its input by more than zlib's deflateBound
 * (n + n/4096 + n/16384 + 7 for raw deflate: 1,048,903 bytes), GCM adds its 16-byte tag,
 * and base64url makes 4 characters of 3 bytes: 1,398,559 characters, with the prefix, salt
 * and IV 1,398,606; rounded up, so openLink refuses nothing sealLink makes. That is under
 * Chrome's 2 MiB limit on a URL, though not under Firefox's default 1 MiB; but a real list
 * compresses about elevenfold (41 KB of JSON seals to 3,721 characters in the tests), so a
 * full TEXT_MAX list is a link of about 100 KB, which every browser opens.
 */
export const LINK_MAX = 1_400_000;

const PREFIX = "send=";
const VERSION = "1";
const AAD = new TextEncoder().encode("followup-playbook/send/1");
const TAG_BYTES = 16;
const B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
const B64_VALUE = new Int8Array(128).fill(-1);
for (let i = 0; i < B64.length; i++) B64_VALUE[B64.charCodeAt(i)] = i;

/**
 * LinkError is a refusal: code is one of "bad-code" {length, symbol?}, "too-large" ({bytes,
 * max} for a text, {chars, max} for a fragment, {max} for what a fragment decompresses to),
 * "not-a-link" ({version} when it is a newer one), "bad-link" {part: "salt", "iv" or
 * "data"}, "wrong-code" {}.
 */
export class LinkError extends Error {
  constructor(code, args = {}) {
    super(code);
    this.name = "LinkError";
    this.code = code;
    this.args = args;
  }
}

/**
 * newCode draws a code of CODE_SYMBOLS symbols, shown "XXXXX-XXXXX". random fills a
 * Uint8Array with random bytes, as crypto.getRandomValues does.
 */
export function newCode(random = (bytes) => globalThis.crypto.getRandomValues(bytes)) {
  const bytes = random(new Uint8Array(CODE_SYMBOLS));
  // 256 is a multiple of 32, so the low five bits of a uniform byte are uniform.
  const s = Array.from(bytes, (b) => CODE_ALPHABET[b & 31]).join("");
  return s.slice(0, 5) + "-" + s.slice(5);
}

/**
 * normalizeCode reads a code as typed (any case, with spaces or hyphens, I and L for 1, O
 * for 0) into its CODE_SYMBOLS canonical symbols, or throws LinkError "bad-code" with the
 * number of symbols read and, when one is not in the alphabet (a U, a punctuation mark),
 * that symbol.
 */
export function normalizeCode(s) {
  const symbols = String(s).toUpperCase().replace(/[\s-]+/g, "").replace(/[IL]/g, "1").replace(/O/g, "0");
  const stray = [...symbols].find((c) => !CODE_ALPHABET.includes(c));
  if (stray !== undefined) throw new LinkError("bad-code", { length: symbols.length, symbol: stray });
  if (symbols.length !== CODE_SYMBOLS) throw new LinkError("bad-code", { length: symbols.length });
  return symbols;
}

/**
 * isSendLink reports whether a location.hash (with or without "#") is a sent list, so the
 * page asks for the code. Any version counts: openLink then says a newer one is not read,
 * rather than the page passing over it in silence.
 */
export function isSendLink(hash) {
  return typeof hash === "string" && hash.replace(/^#/, "").startsWith(PREFIX);
}

/**
 * sealLink resolves to the fragment (without "#") that sends text, encrypted under code
 * (as newCode shows it or as typed), or rejects with LinkError "too-large" or "bad-code".
 * crypto is a WebCrypto object; random fills a Uint8Array for the salt and IV. iterations
 * is for tests only, to run fast: a version-1 link is always opened with KDF.iterations.
 */
export async function sealLink(text, code, {
  crypto = globalThis.crypto,
  random = (bytes) => crypto.getRandomValues(bytes),
  iterations = KDF.iterations,
} = {}) {
  const symbols = normalizeCode(code);
  const plain = new TextEncoder().encode(text);
  if (plain.length > TEXT_MAX) throw new LinkError("too-large", { bytes: plain.length, max: TEXT_MAX });
  const salt = random(new Uint8Array(KDF.saltBytes));
  const iv = random(new Uint8Array(KDF.ivBytes));
  const packed = await collect(streamOf(plain).pipeThrough(new CompressionStream("deflate-raw")), Infinity);
  const key = await deriveKey(crypto, symbols, salt, iterations, "encrypt");
  const data = new Uint8Array(await crypto.subtle.encrypt({ name: KDF.cipher, iv, additionalData: AAD }, key, packed));
  return [PREFIX + VERSION, toBase64url(salt), toBase64url(iv), toBase64url(data)].join(".");
}

/**
 * openLink resolves to the text a fragment (with or without "#") holds, decrypted with
 * code as typed. The fragment is untrusted and is checked before the code, so a damaged
 * link is reported as such whatever is typed. It rejects with LinkError "too-large",
 * "not-a-link", "bad-link", "bad-code" or "wrong-code". A wrong code and a link changed
 * on the way are one and the same to AES-GCM (the tag does not match), so both are
 * "wrong-code": the page says to check the code and, failing that, send again.
 * iterations is as sealLink's.
 */
export async function openLink(fragment, code, { crypto = globalThis.crypto, iterations = KDF.iterations } = {}) {
  const { salt, iv, data } = parseFragment(fragment);
  const symbols = normalizeCode(code);
  const key = await deriveKey(crypto, symbols, salt, iterations, "decrypt");
  let packed;
  try {
    packed = new Uint8Array(await crypto.subtle.decrypt({ name: KDF.cipher, iv, additionalData: AAD }, key, data));
  } catch {
    throw new LinkError("wrong-code");
  }
  // Authenticated is not harmless: whoever has the code can seal a zip bomb, so the output
  // is read a chunk at a time and abandoned past TEXT_MAX.
  let plain;
  try {
    plain = await collect(streamOf(packed).pipeThrough(new DecompressionStream("deflate-raw")), TEXT_MAX);
  } catch (e) {
    if (e instanceof LinkError) throw e;
    throw new LinkError("bad-link", { part: "data" });
  }
  try {
    // ignoreBOM keeps a leading U+FEFF, as TextEncoder wrote it: the text comes back whole.
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(plain);
  } catch {
    throw new LinkError("bad-link", { part: "data" });
  }
}

// parseFragment checks a fragment's length, prefix, version and parts, in that order, the
// cheapest first, and returns the parts' bytes.
function parseFragment(fragment) {
  if (typeof fragment !== "string") throw new LinkError("not-a-link");
  const s = fragment.startsWith("#") ? fragment.slice(1) : fragment;
  if (s.length > LINK_MAX) throw new LinkError("too-large", { chars: s.length, max: LINK_MAX });
  if (!s.startsWith(PREFIX)) throw new LinkError("not-a-link");
  const [version, ...parts] = s.slice(PREFIX.length).split(".");
  if (version !== VERSION) throw new LinkError("not-a-link", { version });
  // A fifth part is a dot inside the data, which base64url never has.
  const [salt, iv, data] = [parts[0], parts[1], parts.slice(2).join(".")].map((p) => p === undefined ? null : fromBase64url(p));
  if (salt === null || salt.length !== KDF.saltBytes) throw new LinkError("bad-link", { part: "salt" });
  if (iv === null || iv.length !== KDF.ivBytes) throw new LinkError("bad-link", { part: "iv" });
  if (data === null || data.length < TAG_BYTES) throw new LinkError("bad-link", { part: "data" });
  return { salt, iv, data };
}

async function deriveKey(crypto, symbols, salt, iterations, use) {
  const password = await crypto.subtle.importKey("raw", new TextEncoder().encode(symbols), KDF.name, false, ["deriveKey"]);
  return crypto.subtle.deriveKey(
    { name: KDF.name, hash: KDF.hash, salt, iterations },
    password,
    { name: KDF.cipher, length: KDF.keyBits },
    false,
    [use],
  );
}

function streamOf(bytes) {
  return new Blob([bytes]).stream();
}

// collect reads a stream of byte chunks into one array, cancelling it once past max bytes.
async function collect(stream, max) {
  const reader = stream.getReader();
  const chunks = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    if (total > max) {
      await reader.cancel();
      throw new LinkError("too-large", { max });
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

function toBase64url(bytes) {
  const out = [];
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    const quad = B64[n >> 18] + B64[(n >> 12) & 63] + B64[(n >> 6) & 63] + B64[n & 63];
    out.push(quad.slice(0, 1 + Math.min(3, bytes.length - i)));
  }
  return out.join("");
}

// fromBase64url reads unpadded base64url, or null when s is not exactly what toBase64url
// writes: another alphabet, padding, a length no byte count has, or unused bits set (so
// that one link has one spelling).
function fromBase64url(s) {
  if (s.length % 4 === 1) return null;
  const out = new Uint8Array(Math.floor((s.length * 3) / 4));
  let acc = 0;
  let bits = 0;
  let j = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const v = c < 128 ? B64_VALUE[c] : -1;
    if (v < 0) return null;
    acc = ((acc << 6) | v) & 0xffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[j++] = (acc >> bits) & 0xff;
    }
  }
  return (acc & ((1 << bits) - 1)) === 0 ? out : null;
}
