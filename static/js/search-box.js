// The search box's own script, on every page (layouts/base.html): a few hundred bytes that
// wait for the visitor to reach for the box. Its first focus, touch or keystroke (typing
// into a window that has not the system's focus fires no focus event) loads search.js,
// which loads the stemmer and the index; until the search can answer, the form is
// aria-busy and the box says so as its placeholder, inside its own space, so nothing moves.

// busy shows the box loading (on) or ready; search.js is handed it.
function busy(form, input, on) {
  if (on) form.setAttribute("aria-busy", "true");
  else form.removeAttribute("aria-busy");
  input.placeholder = on ? "Loading the search…" : "";
}

// arm loads search.js (load) on the box's first focus, pointerdown or input and starts it; when
// it cannot be loaded (offline, before the service worker kept it), the box says so and
// the next focus tries again.
export function arm(doc, win, load) {
  const form = doc.querySelector("[data-search]");
  if (!form) return;
  const input = form.querySelector("input");
  let loading = false;
  const go = () => {
    if (loading) return;
    loading = true;
    busy(form, input, true);
    load().then(
      (search) => search.start(doc, win, (on) => busy(form, input, on)),
      () => {
        loading = false;
        busy(form, input, false);
        form.querySelector("[data-search-status]").textContent = "The search could not be loaded.";
        form.querySelector("[data-search-panel]").hidden = false;
      },
    );
  };
  input.addEventListener("focus", go);
  input.addEventListener("input", go);
  form.addEventListener("pointerdown", go);
  // Enter before search.js has come: the query is answered once it has, and the page is
  // not loaded again with ?q= (search.js answers each submit itself).
  form.addEventListener("submit", (e) => e.preventDefault());
}

if (typeof document !== "undefined") arm(document, window, () => import("./search.js"));
