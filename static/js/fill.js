// fill.js: the fill-in-the-blanks message template pages (layouts/message.html).
//
// The top half is pure logic, exported and tested with `node --test static/js/`: parsing a
// template with the rules of Go's messages.Parse, filling it, the URL fragment, the mailto:
// link, the character count and the "remember on this device" store. The bottom half is the
// DOM glue, and only runs when there is a document.
//
// The visitor's values live in the URL fragment, never in the query, so nothing typed is
// ever sent to a server: "#interviewer_name=Priya&role=Data%20Analyst", each key a field's
// name and each value encoded with encodeURIComponent ("+" is read as a space too, so
// URLSearchParams output works). Other pages, such as the timeline calculator, link to a
// pre-filled template this way. Text typed by the visitor only ever reaches the page as
// text nodes (textContent), never as HTML.

import { parse, names, hasValue as has, validName } from "./template.js";

/** STORAGE_KEY is the localStorage key of the remembered details (only when asked). */
export const STORAGE_KEY = "followup-playbook:yours";

/**
 * OLD_STORAGE_KEY held every field a template page was given, the interview's role,
 * company and people too, which then went into the next interview's messages. openStore
 * moves the candidate's own details from it and removes it.
 */
export const OLD_STORAGE_KEY = "followup-playbook:fields";

/**
 * RECIPIENT is the fragment key of the address the message goes to, such as the
 * companion's interviewer's e-mail: the "Open in mail app" link writes to it.
 */
export const RECIPIENT = "to_email";

/**
 * PREMIUM is the fragment key that says the candidate has LinkedIn Premium ("premium=1",
 * as the calculator's own fragment writes it): the LinkedIn note's page then counts to the
 * Premium limit.
 */
export const PREMIUM = "premium";

/** limitFor is the character limit a page counts to: data's Premium one when premium and it has one. */
export function limitFor(data, premium) {
  return premium && data.limitPremium > 0 ? data.limitPremium : data.limit;
}

/**
 * messageText is the text to send: what Copy copies and the mail app receives. Each
 * placeholder takes its value; an empty one becomes blank(name) ("[name]" unless given),
 * except a field named in optional, which is left out, and with it its line, or its whole
 * paragraph when it stands alone between blank lines. The result is trimmed.
 */
export function messageText(parts, values, { optional = [], blank = (n) => `[${n}]` } = {}) {
  const opt = new Set(optional);
  let out = "";
  let skip = 0; // line breaks to drop from the start of the next literal part
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i];
    if (p.name === undefined) {
      out += p.text.slice(skip);
      skip = 0;
      continue;
    }
    skip = 0;
    if (has(values, p.name)) {
      out += values[p.name];
    } else if (!opt.has(p.name)) {
      out += blank(p.name);
    } else {
      const next = parts[i + 1];
      const after = next && next.name === undefined ? next.text : null;
      const atLineStart = out === "" || out.endsWith("\n");
      if (atLineStart && after !== null && after.startsWith("\n")) {
        const paragraph = (out === "" || out.endsWith("\n\n")) && after.startsWith("\n\n");
        skip = paragraph ? 2 : 1;
      }
    }
  }
  return out.trim();
}

/** blanks returns the names of the placeholders of parts whose value is empty, each once. */
export function blanks(parts, values) {
  return names(parts).filter((n) => !has(values, n));
}

/** cleanValues trims each value; one of only white space becomes "" (a blank). */
export function cleanValues(values) {
  const out = {};
  for (const [k, v] of Object.entries(values)) out[k] = typeof v === "string" ? v.trim() : "";
  return out;
}

const wellFormed = (s) => (typeof s.toWellFormed === "function" ? s.toWellFormed() : s);
const enc = (s) => encodeURIComponent(wellFormed(s));

/**
 * encodeFragment writes values as a URL fragment without the "#": "name=value&...", in the
 * order of fieldNames, leaving out empty values. It is "" when every value is empty.
 */
export function encodeFragment(values, fieldNames) {
  return fieldNames
    .filter((n) => has(values, n))
    .map((n) => `${enc(n)}=${enc(values[n])}`)
    .join("&");
}

/**
 * decodeFragment reads values back from a fragment (with or without its "#"). It returns
 * null when the fragment holds no "name=value" pair at all (it is an ordinary anchor such
 * as "#main"); otherwise the values of the known fieldNames, ignoring any other key and any
 * pair that does not decode. A later pair wins over an earlier one. maxLengths maps a
 * field's name to its max_length: a longer value is cut to it (clip), since a fragment is
 * anyone's to write and the form's maxlength only holds back what is typed.
 */
export function decodeFragment(hash, fieldNames, maxLengths = {}) {
  const s = (hash || "").replace(/^#/, "");
  if (!s.includes("=")) return null;
  const known = new Set(fieldNames);
  const values = {};
  for (const pair of s.split("&")) {
    const eq = pair.indexOf("=");
    if (eq < 0) continue;
    try {
      const key = decodeURIComponent(pair.slice(0, eq).replace(/\+/g, " "));
      const value = decodeURIComponent(pair.slice(eq + 1).replace(/\+/g, " "));
      if (known.has(key)) values[key] = clip(value, Object.hasOwn(maxLengths, key) ? maxLengths[key] : 0);
    } catch {
      // A malformed escape such as "%E0%A4%A": that pair is skipped, the rest still count.
    }
  }
  return values;
}

/**
 * mailtoHref is a mailto: link that opens a new message to the address to (none when it
 * is "" or not an address) with the subject and body, encoded with encodeURIComponent;
 * line breaks in the body become CRLF ("%0D%0A", as RFC 6068 asks), the subject is kept
 * on one line.
 */
export function mailtoHref(subject, body, to = "") {
  const s = subject.replace(/\s*(\r\n|\r|\n)\s*/g, " ");
  const b = body.replace(/\r\n|\r|\n/g, "\r\n");
  const addr = isAddress(to) ? enc(to).replace("%40", "@") : "";
  return `mailto:${addr}?subject=${enc(s)}&body=${enc(b)}`;
}

/** isAddress reports whether s looks like one e-mail address: local@domain, nothing more. */
export function isAddress(s) {
  return typeof s === "string" && s.length <= 254 && /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:".]+$/.test(s);
}

/** charCount counts characters as Go's utf8.RuneCountInString does: code points. */
export function charCount(s) {
  return Array.from(s).length;
}

/**
 * clip cuts s to its first max characters, counted as charCount counts them (code points,
 * so an emoji is never split into half a surrogate pair). A max of 0 (or less, or not a
 * number) is no limit.
 */
export function clip(s, max) {
  if (!(max > 0) || s.length <= max) return s; // s.length >= charCount(s): no cut needed
  return Array.from(s).slice(0, max).join("");
}

/**
 * MAIL_LINK_LIMIT is the longest mailto: link the page offers, in characters of the whole
 * URL as encoded ("mailto:", the address, subject and body, every escape counted as its
 * three characters; all ASCII, so characters and bytes agree). Longer links fail without a
 * word: Chrome on Windows hands a mailto: link to the mail app through the shell, which
 * drops one over about 2,000 characters, and several mail clients cut or refuse a long
 * one. 1,800 leaves room below that.
 */
export const MAIL_LINK_LIMIT = 1800;

/** mailLinkFits reports whether the mailto: link href is short enough to open: at most limit characters. */
export function mailLinkFits(href, limit = MAIL_LINK_LIMIT) {
  return href.length <= limit;
}

/**
 * countStatus describes n characters against limit: {text, over}. blankCount is how many
 * blanks are still empty (they are not counted).
 */
export function countStatus(n, limit, blankCount = 0) {
  if (n > limit) {
    return { over: true, text: `${n} of ${limit} characters: ${n - limit} too many. Shorten it, or it will be cut off.` };
  }
  let text = `${n} of ${limit} characters`;
  if (blankCount > 0) text += `, with ${blankCount} ${blankCount === 1 ? "blank" : "blanks"} still to fill`;
  return { over: false, text: text + "." };
}

/**
 * countAnnouncement is what a screen reader is told as the count changes from wasOver (the
 * text was over the limit) to status (countStatus's): the count itself only when the limit
 * is crossed, either way, and "" otherwise, so typing is not interrupted at every key.
 */
export function countAnnouncement(wasOver, status) {
  if (status.over === wasOver) return "";
  return status.over ? status.text : `Back within the limit: ${status.text}`;
}

/**
 * openStore keeps the candidate's own remembered details in storage (localStorage, or
 * anything with getItem, setItem and removeItem) under key: only the fields named in
 * yours, whatever a page hands it. Their presence is the visitor's choice to be
 * remembered: load returns null when nothing is stored. A value under OLD_STORAGE_KEY is
 * moved: its own details kept, the rest (an interview's) dropped. Storage errors (full,
 * disabled, private mode) are swallowed: remembering is a convenience, never a reason to
 * fail.
 */
export function openStore(storage, yours, key = STORAGE_KEY) {
  const own = new Set(yours);
  const read = (k) => {
    let raw = null;
    try {
      raw = storage.getItem(k);
    } catch {
      return null;
    }
    if (raw === null) return null;
    let parsed;
    try {
      parsed = JSON.parse(raw);
    } catch {
      return {};
    }
    const values = {};
    if (parsed && typeof parsed === "object" && !Array.isArray(parsed)) {
      for (const [k, v] of Object.entries(parsed)) if (own.has(k) && validName(k) && typeof v === "string") values[k] = v;
    }
    return values;
  };
  const write = (values) => {
    const sorted = Object.fromEntries(Object.keys(values).sort().map((k) => [k, values[k]]));
    try {
      storage.setItem(key, JSON.stringify(sorted));
      return true;
    } catch {
      return false;
    }
  };
  const remove = (k) => {
    try {
      storage.removeItem(k);
    } catch {
      // Nothing we can do: the storage is gone already.
    }
  };
  const load = () => {
    const values = read(key);
    if (values !== null || key !== STORAGE_KEY) return values;
    const old = read(OLD_STORAGE_KEY);
    if (old === null) return null;
    if (write(old)) remove(OLD_STORAGE_KEY);
    return old;
  };
  return {
    load,
    /** save stores the visitor's own values among fieldNames, keeping what other templates stored. */
    save(values, fieldNames) {
      const all = load() || {};
      for (const n of fieldNames) {
        if (!own.has(n)) continue;
        if (has(values, n)) all[n] = values[n];
        else delete all[n];
      }
      return write(all);
    },
    /** forget removes everything stored, the old key's too. */
    forget() {
      remove(key);
      remove(OLD_STORAGE_KEY);
    },
  };
}

// ---- DOM glue: only in a browser. ----

/**
 * start turns the server-rendered template page into the live form. It does nothing on a
 * page without [data-fill].
 */
export function start(doc, win) {
  const root = doc.querySelector("[data-fill]");
  const dataEl = doc.getElementById("fill-data");
  if (!root || !dataEl) return;
  const data = JSON.parse(dataEl.textContent);
  const subjectParts = parse(data.subject || "");
  const bodyParts = parse(data.body || "");
  const fields = data.fields || [];
  const fieldNames = fields.map((f) => f.name);
  const labels = Object.fromEntries(fields.map((f) => [f.name, f.label || f.name]));
  const optional = fields.filter((f) => !f.required).map((f) => f.name);
  const blank = (n) => `[${labels[n] || n}]`;

  const form = root.querySelector("[data-fill-form]");
  const inputs = [...root.querySelectorAll("[data-field]")];
  const subjectEl = root.querySelector('[data-preview="subject"]');
  const bodyEl = root.querySelector('[data-preview="body"]');
  const status = root.querySelector("[data-fill-status]");
  const count = root.querySelector("[data-fill-count]");
  const mail = root.querySelector('[data-action="mail"]');
  const mailTo = root.querySelector("[data-mail-to]");
  const mailTooLong = root.querySelector("[data-mail-too-long]");
  const maxLengths = Object.fromEntries(fields.map((f) => [f.name, f.maxLength || 0]));
  const rememberBox = root.querySelector("[data-remember-box]");
  const remember = root.querySelector("[data-remember]");

  let storage = null;
  try {
    storage = win.localStorage;
  } catch {
    storage = null; // blocked by the browser's settings: no remembering
  }
  const store = storage ? openStore(storage, data.yours || []) : null;
  // The recipient comes with the values in the fragment, from the companion; it is never
  // typed here or remembered.
  let recipient = "";
  // Premium, like the recipient, comes with the fragment (from the calculator).
  let premium = false;
  let wasOver = false;
  const limitEl = root.querySelector("[data-fill-limit]");

  const raw = () => Object.fromEntries(inputs.map((el) => [el.dataset.field, el.value]));
  const say = (text, warn = false) => {
    // Emptying first makes a screen reader announce the same message twice in a row.
    status.textContent = "";
    status.classList.toggle("warn", warn);
    win.setTimeout(() => (status.textContent = text), 50);
  };

  function renderParts(el, parts, values) {
    const frag = doc.createDocumentFragment();
    for (const p of parts) {
      if (p.name === undefined) {
        frag.append(doc.createTextNode(p.text));
      } else if (has(values, p.name)) {
        const span = doc.createElement("span");
        span.className = "filled";
        span.textContent = values[p.name];
        frag.append(span);
      } else {
        const mark = doc.createElement("mark");
        mark.className = optional.includes(p.name) ? "blank optional" : "blank";
        mark.dataset.name = p.name;
        mark.textContent = blank(p.name);
        frag.append(mark);
      }
    }
    el.replaceChildren(frag);
  }

  const texts = (values) => ({
    subject: messageText(subjectParts, values, { optional, blank }).replace(/\s+/g, " "),
    body: messageText(bodyParts, values, { optional, blank }),
  });

  let urlTimer = 0;
  function writeFragment() {
    const frag = encodeFragment({ ...raw(), [RECIPIENT]: recipient, [PREMIUM]: premium ? "1" : "" }, [...fieldNames, RECIPIENT, PREMIUM]);
    const url = frag ? `#${frag}` : win.location.pathname + win.location.search;
    win.history.replaceState(win.history.state, "", url);
  }

  function update({ writeURL = true } = {}) {
    const values = cleanValues(raw());
    if (subjectEl) renderParts(subjectEl, subjectParts, values);
    renderParts(bodyEl, bodyParts, values);
    const t = texts(values);
    if (mail) {
      // A link too long to open would do nothing when clicked: hide it and say to copy.
      const href = mailtoHref(t.subject, t.body, recipient);
      const fits = mailLinkFits(href);
      if (fits) mail.href = href;
      else mail.removeAttribute("href");
      mail.hidden = !fits;
      if (mailTooLong) mailTooLong.hidden = fits;
    }
    const limit = limitFor(data, premium);
    if (count && limit > 0) {
      const counted = messageText(bodyParts, values, { optional, blank: () => "" });
      const c = countStatus(charCount(counted), limit, blanks(bodyParts, values).filter((n) => !optional.includes(n)).length);
      count.textContent = c.text;
      count.classList.toggle("over", c.over);
      const news = countAnnouncement(wasOver, c);
      if (news) say(news, c.over);
      wasOver = c.over;
      if (limitEl) limitEl.textContent = String(limit);
    }
    if (writeURL) {
      // At most one history entry update per pause in typing: browsers throttle a page
      // that calls replaceState hundreds of times in a few seconds.
      win.clearTimeout(urlTimer);
      urlTimer = win.setTimeout(writeFragment, 250);
    }
    if (store && remember && remember.checked) store.save(raw(), fieldNames);
  }

  // Values: the remembered ones, then the fragment's on top of them.
  function load(hash) {
    const fromHash = decodeFragment(hash, [...fieldNames, RECIPIENT, PREMIUM], maxLengths);
    recipient = fromHash && isAddress(fromHash[RECIPIENT]) ? fromHash[RECIPIENT] : "";
    if (fromHash) premium = fromHash[PREMIUM] === "1";
    if (mailTo) {
      mailTo.textContent = recipient ? `To: ${recipient}` : "";
      mailTo.hidden = !recipient;
    }
    const remembered = store ? store.load() : null;
    if (remember) remember.checked = remembered !== null;
    const values = { ...(remembered || {}), ...(fromHash || {}) };
    for (const el of inputs) el.value = values[el.dataset.field] || "";
    return fromHash !== null;
  }

  async function copy(text, what) {
    const left = blanks(what === "subject" ? subjectParts : bodyParts, cleanValues(raw())).filter((n) => !optional.includes(n));
    const note = left.length ? ` Still blank: ${left.map((n) => labels[n] || n).join(", ")}.` : "";
    try {
      await win.navigator.clipboard.writeText(text);
      say(`Copied the ${what}.${note}`);
    } catch {
      // No clipboard (an insecure page, a denied permission): select the text instead.
      const el = what === "subject" ? subjectEl : bodyEl;
      const range = doc.createRange();
      range.selectNodeContents(el);
      const sel = win.getSelection();
      sel.removeAllRanges();
      sel.addRange(range);
      say(`Copy failed: the ${what} is selected, so use your phone's Copy (on a computer, Ctrl+C or ⌘C).`, true);
    }
  }

  form.addEventListener("submit", (e) => e.preventDefault());
  form.addEventListener("input", (e) => {
    if (e.target.dataset && e.target.dataset.field) update();
  });
  if (remember && rememberBox && store) {
    rememberBox.hidden = false;
    remember.addEventListener("change", () => {
      if (remember.checked) {
        say(store.save(raw(), fieldNames)
          ? "Your details will be remembered on this device and filled in on the other templates."
          : "This browser would not store your details.");
      } else {
        store.forget();
        say("Forgotten: nothing is stored on this device.");
      }
    });
    root.querySelector('[data-action="forget"]').addEventListener("click", () => {
      store.forget();
      remember.checked = false;
      say("Forgotten: nothing is stored on this device.");
    });
  }
  root.querySelector('[data-action="copy"]').addEventListener("click", () => copy(texts(cleanValues(raw())).body, "message"));
  const copySubject = root.querySelector('[data-action="copy-subject"]');
  if (copySubject) copySubject.addEventListener("click", () => copy(texts(cleanValues(raw())).subject, "subject"));
  // On a phone the form and the message are a screen apart: these buttons go from one to
  // the other. Not links to "#text": the address's fragment holds the values.
  for (const b of root.querySelectorAll("[data-jump]")) {
    b.addEventListener("click", () => {
      const to = doc.getElementById(b.dataset.jump);
      to.scrollIntoView({ block: "start" });
      to.focus({ preventScroll: true });
    });
  }
  win.addEventListener("hashchange", () => {
    if (load(win.location.hash)) update({ writeURL: false });
  });

  // A fragment that is not ours (#main from the skip link) is left alone until the first
  // keystroke.
  load(win.location.hash);
  update({ writeURL: false });
  for (const el of root.querySelectorAll("[data-nojs]")) el.hidden = true;
  for (const el of root.querySelectorAll("[data-fill-form], [data-fill-actions]")) el.hidden = false;
  root.classList.add("fill-ready");
}

if (typeof document !== "undefined" && typeof window !== "undefined") {
  start(document, window);
}
