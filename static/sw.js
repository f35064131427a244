// The service worker: after one visit, the follow-up companion opens and works with no
// network. It is at the site's root, so its scope is the site's base path, and every URL
// here is relative to it.
//
// The build writes ASSETS (the companion's published CSS and JavaScript, under their
// fingerprinted names with --minify: the files listed after the marker, each script with
// every chunk it may load on demand; and the icons and manifest) and BUILD (a hash of that
// list) in place of the two markers below (generator/publish/sw.go), so a build with new
// files is a new service worker: it caches them, then removes the old build's cache. Fingerprinted files are
// served from the cache; everything else (pages, rules.json, files that keep their name)
// from the network first, and from the cache only when the network fails, so nothing is
// served stale while the site can be reached; a page never kept is then answered with the
// site's offline page. Nothing typed on a page passes through here.
const BUILD = "__PLAYBOOK_BUILD__";
// css/brand.css is made from site.toml's [brand]; a site without one has none, and the build leaves it out.
const ASSETS = ["__PLAYBOOK_PRECACHE__", "css/site.css", "css/brand.css", "css/companion.css", "js/companion.js", "js/offline.js", "js/search-box.js"];
// offline.html is served in place of a page that was never kept, while there is no network.
// search/index.json is a small site's whole search index (generator/search); a large
// site's lists its shards, which are kept as queries fetch them.
const PAGES = ["follow-ups/", "rules.json", "offline.html", "search/index.json"];
const CACHE = "playbook-" + BUILD;
const scope = new URL("./", self.location.href).href;
// A fingerprinted file never changes under its name: a stylesheet by 10 hex digits
// (css/site.0123456789.css), a bundle or chunk by esbuild's hash (js/chunk.S2XNP6CE.js).
const immutable = /\.(?:[0-9a-f]{10}\.css|[A-Z0-9]{8}\.m?js)$/;

self.addEventListener("install", (e) => {
  const urls = [...PAGES, ...ASSETS].filter((u) => !u.startsWith("__")).map((u) => new URL(u, scope).href);
  e.waitUntil(
    caches
      .open(CACHE)
      .then((c) => c.addAll(urls.map((u) => new Request(u, { cache: "reload" }))))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener("activate", (e) => {
  e.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith("playbook-") && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener("fetch", (e) => {
  const req = e.request;
  if (req.method !== "GET" || !req.url.startsWith(scope)) return;
  e.respondWith(immutable.test(new URL(req.url).pathname) ? cacheFirst(req, e) : networkFirst(req, e));
});

async function cacheFirst(req, e) {
  const cache = await caches.open(CACHE);
  const hit = await cache.match(req);
  if (hit) return hit;
  const res = await fetch(req);
  if (res.ok) e.waitUntil(cache.put(req, res.clone()));
  return res;
}

async function networkFirst(req, e) {
  const cache = await caches.open(CACHE);
  try {
    const res = await fetch(req);
    if (res.ok) e.waitUntil(cache.put(req, res.clone()));
    return res;
  } catch (err) {
    const hit = await cache.match(req, { ignoreSearch: true });
    if (hit) return hit;
    // A page never kept: say so in the site's words, not the browser's "Load failed".
    const offline = req.mode === "navigate" && (await cache.match(new URL("offline.html", scope).href));
    if (offline) return offline;
    throw err;
  }
}
