// companion-import.js: opening an export file or a link from another device in the
// follow-up companion, with no DOM, loaded by the page only when the visitor opens one or
// when the stored state is of version 0 (the companion's first draft). docs/companion.md
// is the contract; reading a value is companion-state.js's readText, this module adds what
// only a file needs: validateImport, previewImport and importChanges (a file of version 2
// is a log, merged as another tab's is; an older one becomes one import change), and
// migrateV0 for the oldest format.
// Pure functions of their arguments, tested with `node --test static/js/`.
import { FORMAT, LIMITS, OUTCOMES, readText, replay, uniqueLog } from "./companion-state.js";
import { importChange, mergeChange, union } from "./companion-edit.js";

const isObject = (v) => v !== null && typeof v === "object" && !Array.isArray(v);

/**
 * migrateV0 turns a version-0 value (the companion's first draft, before `format`) into a
 * version-1 one. Version 0 had no `format`, `version` 0 or none; each interview had its
 * interviewers as plain names, `outcome: {kind, date}` instead of three fields, its sent
 * messages as `sent` beside the other fields, and no `ends`, skipped or replied facts
 * (testdata/companion/v0.json). Anything it does not recognise is passed on as it is, for
 * the version-1 reader to judge; v is never changed.
 */
export function migrateV0(v) {
  const interviews = Array.isArray(v.interviews)
    ? v.interviews.map((iv) => {
        if (!isObject(iv)) return iv;
        const out = {};
        // Every other key goes on as it is (defineProperty: "__proto__" stays a plain key),
        // for the version-1 reader to refuse or drop.
        for (const k of Object.keys(iv)) if (!["interviewers", "outcome", "sent"].includes(k)) define(out, k, iv[k]);
        out.ends = Object.hasOwn(iv, "ends") ? iv.ends : "";
        out.interviewers = Array.isArray(iv.interviewers) ? iv.interviewers.map((n) => (typeof n === "string" ? { name: n, email: "" } : n)) : iv.interviewers;
        for (const k of OUTCOMES) if (!Object.hasOwn(out, k)) out[k] = "";
        if (isObject(iv.outcome) && OUTCOMES.includes(iv.outcome.kind)) out[iv.outcome.kind] = iv.outcome.date;
        else if (iv.outcome !== undefined && iv.outcome !== null && iv.outcome !== "") define(out, "outcome", iv.outcome);
        out.facts = { sent: Object.hasOwn(iv, "sent") ? iv.sent : [], skipped: [], replied: [] };
        return out;
      })
    : v.interviews;
  return { format: FORMAT, version: 1, interviews };
}
const define = (o, k, value) => Object.defineProperty(o, k, { value, enumerable: true, writable: true, configurable: true });


/**
 * validateImport reads an export file's text (or a link's), which is untrusted: {ok: true,
 * from, interviews, log, warnings} or {ok: false, problems}, each problem {path, code,
 * args}. A file of version 2 is a log (log; interviews empty), one of version 1 or 0 a list
 * of interviews (interviews; log empty). A file over 1 MiB, not JSON, of another format or
 * a newer version, with a wrong type, a text over its limit or with a control character, a
 * date not on the calendar, a malformed stamp, a duplicate id or a "__proto__",
 * "constructor" or "prototype" key is refused whole. Unknown fields are dropped, each with
 * a warning {code: "unknown-field"}; a version-0 file is migrated, with the warning {code:
 * "migrated", args: {from: 0, to: 2}}. Markup in a text is kept as text: the page must only
 * ever show it with textContent. Everything is built fresh, field by field, never the
 * parsed objects.
 */
export function validateImport(text) {
  const { value, problems, warnings } = readText(text, { migrate: migrateV0 });
  if (!value) return { ok: false, problems };
  return { ok: true, interviews: value.interviews, log: value.log, warnings, from: value.from };
}

const summary = (iv) => ({ id: iv.id, company: iv.company, role: iv.role, interview: iv.interview });
const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);

/**
 * importChanges are the changes opening a validated file (or link) v adds to a log: a
 * log's changes this one lacks with a merge change naming them (so one undo takes the whole
 * file back), or, for a list of version 1 or 0, one import change. [] when the file brings
 * nothing new. stampAfter(changes) is the page's clock: a new stamp after those it is given
 * (the file's own may be later than any this page has seen).
 */
export function importChanges(log, v, stampAfter) {
  if (v.from < 2) return v.interviews.length ? [importChange(v.interviews, stampAfter([]))] : [];
  const have = new Set(log.map((c) => c.id));
  const fresh = uniqueLog(v.log).filter((c) => !have.has(c.id));
  return fresh.length ? [...fresh, mergeChange(fresh.map((c) => c.id), stampAfter(fresh))] : [];
}

/**
 * previewImport says what opening v (validateImport's) would do to log, changing nothing
 * (stampAfter as importChanges'):
 * {added, changed, removed, unchanged, problems, changes, had}: the first four lists of
 * {id, company, role, interview} as replay(…, check) gives them after; changes are
 * importChanges', to apply once the visitor chooses; had is how many interviews the list
 * held before. Interviews the file does not touch are
 * in none of the lists. problems is [{path: "interviews", code: "too-many", ...}] when the
 * result would hold more than LIMITS.interviews.
 */
export function previewImport(log, v, stampAfter, check) {
  const before = replay(log, check).interviews;
  const changes = importChanges(log, v, stampAfter);
  const after = replay(union(log, changes), check).interviews;
  const old = new Map(before.map((iv) => [iv.id, iv])), now = new Set(after.map((iv) => iv.id));
  const touched = new Set(v.from < 2 ? v.interviews.map((iv) => iv.id) : v.log.flatMap((c) => (c.iv ? [c.iv] : c.interviews ? c.interviews.map((x) => x.id) : [])));
  const out = { added: [], changed: [], removed: [], unchanged: [], problems: [], changes, had: before.length };
  for (const iv of after) {
    if (!old.has(iv.id)) out.added.push(summary(iv));
    else if (!same(old.get(iv.id), iv)) out.changed.push(summary(iv));
    else if (touched.has(iv.id)) out.unchanged.push(summary(iv));
  }
  out.removed = before.filter((iv) => !now.has(iv.id)).map(summary);
  if (after.length > LIMITS.interviews) out.problems.push({ path: "interviews", code: "too-many", args: { count: after.length, max: LIMITS.interviews } });
  return out;
}
