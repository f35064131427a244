// Live reload for `playbook serve`. The dev server adds this script to the HTML pages it
// serves, never to what `playbook build` writes. It listens to the server's events:
//   hello  {build}         on every (re)connection: a page from another build, or from a
//                          server that restarted, is stale and reloads;
//   reload {build, path}   the new build is in place: reload, or go to path (--navigate);
//   css    {build, hrefs}  only stylesheets changed: swap them without reloading.
// EventSource reconnects by itself when the server goes away and comes back.
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || !window.EventSource) {
    return;
  }
  var build = new URL(script.src).searchParams.get("v");
  var events = new EventSource(new URL("/__playbook/events", script.src).href);

  function payload(e) {
    try {
      return JSON.parse(e.data) || {};
    } catch (err) {
      return {};
    }
  }

  function reload(path) {
    events.close();
    if (path && path !== location.pathname) {
      location.assign(path);
    } else {
      location.reload();
    }
  }

  // swap replaces each changed stylesheet by a copy with a cache-busting query, removing
  // the old one only once the new one has loaded, so the page never shows unstyled. It
  // returns false when a changed stylesheet is not linked from this page (an @import):
  // then only a reload picks it up.
  function swap(hrefs, version) {
    var links = Array.prototype.slice.call(document.querySelectorAll('link[rel~="stylesheet"]'));
    var matched = [];
    for (var i = 0; i < hrefs.length; i++) {
      var found = false;
      for (var j = 0; j < links.length; j++) {
        var u = new URL(links[j].href, location.href);
        if (u.origin === location.origin && u.pathname === hrefs[i]) {
          matched.push(links[j]);
          found = true;
        }
      }
      if (!found) {
        return false;
      }
    }
    matched.forEach(function (old) {
      var u = new URL(old.href, location.href);
      u.searchParams.set("playbook", version);
      var next = old.cloneNode(false);
      next.href = u.pathname + u.search;
      next.addEventListener("load", function () { old.remove(); });
      next.addEventListener("error", function () { old.remove(); });
      old.after(next);
    });
    return true;
  }

  events.addEventListener("hello", function (e) {
    if (payload(e).build !== build) {
      reload("");
    }
  });
  events.addEventListener("reload", function (e) {
    reload(payload(e).path);
  });
  events.addEventListener("css", function (e) {
    var d = payload(e);
    if (swap(d.hrefs || [], d.build)) {
      build = d.build;
    } else {
      reload("");
    }
  });
})();
