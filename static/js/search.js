// The search box in every page's header (layouts/partials/header.html): the index the build
// writes under search/ (generator/search) and the stemmer, loaded with this module on the
// box's first focus (search-box.js starts it), results as plain links under the box, over
// the page, so nothing moves.
//
// A query is split into words and stemmed as the index was (words, stemWord: checked
// against the Go stemmer on testdata/search-cases.json); the stop words the index lists
// are dropped; a page is found when it has every stem left, and the pages whose title has
// more of them come first, then in the site's order.

// words splits text as generator/search's Words does: runs of letters and digits, lower
// case, an apostrophe inside a word dropped ("don't" is "dont").
export function words(text) {
  return (text.toLowerCase().match(/[\p{L}\p{N}]+(?:['’]+[\p{L}\p{N}]+)*/gu) || []).map((w) => w.replace(/['’]/g, ""));
}

// Porter2 leaves these as they are; the vendored stemmer does not know this one.
const invariant = new Set(["howe"]);

// stemWord is generator/search's stem: a word with a digit is kept whole.
export function stemWord(word, stem) {
  if (/[0-9]/.test(word) || invariant.has(word)) return word;
  return stem(word);
}

// queryStems are the distinct stems of a query, its stop words (the index's list) left out.
export function queryStems(text, stop, stem) {
  const out = [];
  for (const w of words(text)) {
    if (stop.has(w)) continue;
    const s = stemWord(w, stem);
    if (!out.includes(s)) out.push(s);
  }
  return out;
}

// shardOf is the shard a stem's postings are in: the longest of prefixes that begins it,
// -1 when none does (no page has the stem).
export function shardOf(stem, prefixes) {
  let best = -1;
  prefixes.forEach((p, i) => {
    if (stem.startsWith(p) && (best < 0 || p.length > prefixes[best].length)) best = i;
  });
  return best;
}

// postings reads a stem's list of gaps back into page numbers, each with whether the page's
// title has the stem (the lowest bit).
export function postings(gaps) {
  const out = [];
  let v = 0;
  for (const g of gaps) {
    v += g;
    out.push({ page: v >> 1, title: (v & 1) === 1 });
  }
  return out;
}

// rank is the pages that have every stem, given each stem's gaps, best first: more stems
// in the title, then the site's order.
export function rank(lists) {
  if (lists.length === 0) return [];
  let found = null;
  for (const gaps of lists) {
    const here = new Map();
    for (const p of postings(gaps)) {
      if (!found || found.has(p.page)) here.set(p.page, (found ? found.get(p.page) : 0) + (p.title ? 1 : 0));
    }
    found = here;
  }
  return [...found].sort((a, b) => b[1] - a[1] || a[0] - b[0]).map(([page]) => page);
}

// LIMIT is how many results are shown: a careers site's visitor refines rather than scrolls.
export const LIMIT = 10;

// open loads the stemmer and index.json; the other files are fetched as a query needs them.
async function open(indexURL, win) {
  const [{ stem }, index] = await Promise.all([import("./stem.js"), fetchJSON(indexURL, win)]);
  const files = new Map();
  const file = (name) => {
    if (!files.has(name)) files.set(name, fetchJSON(new URL(name, indexURL), win));
    return files.get(name);
  };
  return {
    stem,
    stop: new Set(index.stop),
    // gaps of a stem: from the index itself on a small site, else from its shard.
    async gaps(s) {
      if (index.index) return index.index[s] || [];
      const i = shardOf(s, index.shards);
      return i < 0 ? [] : (await file(`s${i}.json`))[s] || [];
    },
    async page(n) {
      if (index.pages) return index.pages[n];
      return (await file(`p${Math.floor(n / index.perFile)}.json`))[n % index.perFile];
    },
  };
}

async function fetchJSON(url, win) {
  const res = await win.fetch(url);
  if (!res.ok) throw new Error(`${url}: ${res.status}`);
  return res.json();
}

// start runs the search box of doc, which has just been focused or touched: it loads the
// stemmer and the index at once, showing the box busy(true) meanwhile (search-box.js's),
// and answers what the visitor has typed by then and every keystroke after.
export function start(doc, win, busy) {
  const form = doc.querySelector("[data-search]");
  if (!form) return;
  const input = form.querySelector("input");
  const panel = form.querySelector("[data-search-panel]");
  const list = form.querySelector("[data-search-results]");
  const status = form.querySelector("[data-search-status]");
  const indexURL = new URL(form.dataset.search, doc.baseURI);
  const root = new URL("../", indexURL);
  let ready = null;
  let asked = 0;
  const load = () => {
    if (!ready) {
      busy(true);
      ready = open(indexURL, win).finally(() => busy(false));
    }
    return ready;
  };
  const show = async () => {
    const query = input.value;
    const mine = ++asked;
    const s = await load();
    const stems = queryStems(query, s.stop, s.stem);
    const pages = rank(await Promise.all(stems.map((st) => s.gaps(st))));
    const shown = await Promise.all(pages.slice(0, LIMIT).map((n) => s.page(n)));
    if (mine !== asked) return; // a later keystroke's answer is on its way
    list.replaceChildren(
      ...shown.map(([url, title]) => {
        const li = doc.createElement("li");
        const a = li.appendChild(doc.createElement("a"));
        a.href = new URL(url, root).href;
        a.textContent = title;
        return li;
      }),
    );
    list.hidden = shown.length === 0;
    panel.hidden = query.trim() === "";
    status.textContent = query.trim() === "" ? "" : pages.length === 0 ? "No page has these words." : pages.length > LIMIT ? `${pages.length} pages; the first ${LIMIT}:` : `${pages.length} ${pages.length === 1 ? "page" : "pages"}:`;
  };
  const fail = () => {
    ready = null; // offline with nothing kept yet: try again on the next keystroke
    status.textContent = "The search could not be loaded.";
    panel.hidden = false;
  };
  input.addEventListener("input", () => show().catch(fail));
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    show().catch(fail);
  });
  show().catch(fail); // loads, and answers what was typed while this module came
}
