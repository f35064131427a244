// offline.js: registers the service worker (static/sw.js) so that the follow-up companion
// opens with no network after one visit. Its address and scope come from the page, which
// writes them under the site's base path. A browser without service workers, or a page
// opened from a file, simply does without.

/** canRegister reports whether win can run a service worker for this page. */
export function canRegister(win) {
  return Boolean(win.navigator && "serviceWorker" in win.navigator && win.isSecureContext);
}

/** start registers the service worker named by the page's [data-sw], in [data-scope]. */
export function start(doc, win) {
  const el = doc.querySelector("[data-sw]");
  if (!el || !canRegister(win)) return null;
  return win.navigator.serviceWorker
    .register(el.dataset.sw, { scope: el.dataset.scope, updateViaCache: "none" })
    .catch(() => null); // offline use is a convenience: the page works without it
}

if (typeof document !== "undefined") start(document, window);
