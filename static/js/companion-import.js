// companion-import.js: opening an export file in the follow-up companion, with no DOM,
// loaded by the page only when the visitor opens a file or when the stored state is of
// version 0 (the companion's first draft). docs/companion.md is the contract; reading a
// value is companion-state.js's readText, this module adds what only a file needs:
// validateImport, previewImport and applyImport, and migrateV0 for the oldest format.
// Pure functions of their arguments, tested with `node --test static/js/`.
import { FORMAT, LIMITS, OUTCOMES, StateError, emptyState, readText } from "./companion-state.js";
import { stamp } from "./companion-edit.js";

const isObject = (v) => v !== null && typeof v === "object" && !Array.isArray(v);
const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);
const instant = (s) => Date.parse(s);

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
 * validateImport reads an export file's text, which is untrusted: {ok: true, interviews,
 * warnings, from} or {ok: false, problems}, each problem {path, code, args}. A file over
 * 1 MiB, not JSON, of another format or a newer version, with a wrong type, a text over its
 * limit or with a control character, a date not on the calendar, a duplicate id or a
 * "__proto__", "constructor" or "prototype" key is refused whole. Unknown fields are
 * dropped, each with a warning {code: "unknown-field"}; a version-0 file is migrated, with
 * the warning {code: "migrated", args: {from: 0, to: 1}}. Markup in a text is kept as
 * text: the page must only ever show it with textContent. The interviews are fresh plain
 * objects built field by field, never the parsed ones.
 */
export function validateImport(text) {
  const { value, problems, warnings } = readText(text, { migrate: migrateV0 });
  if (!value) return { ok: false, problems };
  return { ok: true, interviews: value.interviews, warnings, from: value.from };
}

const summary = (iv) => ({ id: iv.id, company: iv.company, role: iv.role });

/**
 * previewImport says what applyImport(current, incoming) would do, changing nothing:
 * {added, replaced, unchanged, problems}, the first three lists of {id, company, role}
 * (replaced ones with `older: true` when the file's copy is older than this browser's),
 * in the file's order. Interviews of current that the file does not hold are kept, so they
 * are in none of the lists. problems is [{path: "interviews", code: "too-many", ...}] when
 * the result would hold more than LIMITS.interviews. incoming is validateImport's result
 * or its interviews.
 */
export function previewImport(current, incoming) {
  const list = Array.isArray(incoming) ? incoming : incoming.interviews;
  const byId = new Map(current.interviews.map((iv) => [iv.id, iv]));
  const out = { added: [], replaced: [], unchanged: [], problems: [] };
  for (const iv of list) {
    const had = byId.get(iv.id);
    if (!had) out.added.push(summary(iv));
    else if (same(had, iv)) out.unchanged.push(summary(iv));
    else out.replaced.push(instant(iv.updated) < instant(had.updated) ? { ...summary(iv), older: true } : summary(iv));
  }
  const count = current.interviews.length + out.added.length;
  if (count > LIMITS.interviews) out.problems.push({ path: "interviews", code: "too-many", args: { count, max: LIMITS.interviews } });
  return out;
}

/**
 * applyImport is current with the file's interviews: an added one after the others, a
 * replaced one in its place. It takes the visitor's choice to import over any other copy:
 * a replaced interview, and an added one whose id this browser deleted, is stamped `now`,
 * so that no other tab's copy or tombstone wins over it; an added one keeps its `updated`,
 * so an export imported into an empty browser is the same state. It throws a StateError
 * "too-many" past LIMITS.interviews, and "not-validated" for a refused validateImport.
 */
export function applyImport(current, incoming, now) {
  if (!Array.isArray(incoming) && !(incoming && incoming.ok && Array.isArray(incoming.interviews))) throw new StateError("not-validated");
  const list = Array.isArray(incoming) ? incoming : incoming.interviews;
  const p = previewImport(current, list);
  if (p.problems.length) throw new StateError(p.problems[0].code, p.problems[0].args);
  const t = stamp(now);
  const dead = new Set((current.deleted ?? []).map((d) => d.id));
  const interviews = current.interviews.slice();
  const index = new Map(interviews.map((iv, i) => [iv.id, i]));
  for (const iv of list) {
    const copy = structuredClone(iv);
    if (index.has(iv.id)) {
      if (!same(interviews[index.get(iv.id)], iv)) interviews[index.get(iv.id)] = { ...copy, updated: t };
    } else {
      interviews.push(dead.has(iv.id) ? { ...copy, updated: t } : copy);
    }
  }
  const ids = new Set(list.map((iv) => iv.id));
  return { ...emptyState(), interviews, deleted: (current.deleted ?? []).filter((d) => !ids.has(d.id)) };
}
