// Progressive enhancement only: every page works fully without this file.
(function () {
  "use strict";

  // "/" jumps to the search box (as on many sites), unless the user is typing somewhere.
  document.addEventListener("keydown", function (event) {
    if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey) { return; }
    var target = event.target;
    if (target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) { return; }
    var box = document.getElementById("q") || document.getElementById("header-q");
    if (box) {
      event.preventDefault();
      box.focus();
      box.select();
    }
  });

  // Facet values are links with role="checkbox", the Filters control a link with
  // role="button": Space activates them, as it would a real checkbox or button.
  document.addEventListener("keydown", function (event) {
    var target = event.target;
    var role = target && target.getAttribute ? target.getAttribute("role") : null;
    if (event.key === " " && (role === "checkbox" || role === "button") && target.href) {
      event.preventDefault();
      target.click();
    }
  });

  // Post page opened from a result without a #anchor: bring the first match into view.
  var post = document.querySelector("article.post[data-first-match]");
  if (post && !window.location.hash) {
    var anchor = post.getAttribute("data-first-match");
    var first = anchor ? document.getElementById(anchor) : null;
    if (first) {
      first.scrollIntoView({ block: "start" });
      first.focus({ preventScroll: true });
    }
  }

  var form = document.querySelector("form.search-form");
  var layout = document.getElementById("layout");
  if (!form) { return; }
  if (!layout || !window.fetch || !window.AbortController || !window.DOMParser) {
    // No results on this page (an error beside its field): sort and page size still
    // re-run the search, as a whole page.
    ["sort", "per_page"].forEach(function (id) {
      var select = document.getElementById(id);
      if (select) { select.addEventListener("change", function () { form.submit(); }); }
    });
    return;
  }

  // The rest: a change of filter, sort, page size or page fetches the new page and swaps
  // these parts in place (the search box is never replaced, so typing goes on).
  var REGIONS = ["search-options", "notes", "results", "timeline", "facets", "footer-links"];
  var box = document.getElementById("q");
  var pending = null; // the request in flight, cancelled by a newer one
  var liveOffUntil = 0; // search as you type pauses while the server says it is busy
  var liveEntry = false; // typing updates one history entry, not one per pause
  var liveDelay = 250; // grows with a slow server: fewer requests, never one per key
  var typingTimer = 0;
  var scrollTimer = 0;
  var shown = window.location.pathname + window.location.search; // the search on screen
  history.scrollRestoration = "manual";

  function formUrl() {
    var params = new URLSearchParams();
    new FormData(form).forEach(function (value, key) {
      if (String(value).trim()) { params.append(key, value); }
    });
    var query = params.toString();
    return "/" + (query ? "?" + query : "");
  }

  function refocus(how) {
    var target = null;
    if (how.key) { target = document.querySelector('[data-key="' + CSS.escape(how.key) + '"]'); }
    if (!target && how.id) { target = document.getElementById(how.id); }
    if (!target && how.fallback) { target = document.getElementById(how.fallback); }
    if (!target) { return null; }
    target.focus({ preventScroll: true });
    return target;
  }

  function swap(next, how) {
    var before = how.anchor && how.anchor.isConnected ? how.anchor.getBoundingClientRect().top : null;
    REGIONS.forEach(function (id) {
      var old = document.getElementById(id);
      var fresh = next.getElementById(id);
      if (old && fresh) { old.replaceWith(fresh); }
    });
    // Text changed in place, so screen readers announce the live region's new count.
    document.getElementById("result-count").textContent = next.getElementById("result-count").textContent;
    document.getElementById("filters-toggle").textContent = next.getElementById("filters-toggle").textContent;
    document.title = next.title;
    if (!how.live) { box.value = next.getElementById("q").value; }
    var focused = refocus(how);
    if (how.scrollY !== undefined) {
      window.scrollTo(0, how.scrollY);
    } else if (focused && before !== null) {
      window.scrollBy(0, focused.getBoundingClientRect().top - before); // the control stays put
    } else if (focused && focused.getBoundingClientRect().top < 0) {
      focused.scrollIntoView({ block: "start" });
    }
  }

  function load(url, how) {
    if (pending) { pending.abort(); }
    var controller = new AbortController();
    var started = Date.now();
    pending = controller;
    document.getElementById("results").setAttribute("aria-busy", "true");
    function giveUp() { if (!how.live) { window.location.assign(url); } }
    fetch(url, { signal: controller.signal, headers: { Accept: "text/html" } })
      .then(function (response) {
        if (response.status === 429 || response.status === 503) { liveOffUntil = Date.now() + 30000; }
        return response.ok ? response.text() : null;
      })
      .then(function (html) {
        if (pending !== controller) { return; } // answered after a newer request began
        if (how.live) { liveDelay = Math.min(2000, Math.max(250, Date.now() - started)); }
        var next = html === null ? null : new DOMParser().parseFromString(html, "text/html");
        if (!next || !next.getElementById("layout")) { giveUp(); return; }
        if (how.history === "push") {
          history.replaceState({ scrollY: window.scrollY }, "", window.location.href);
          history.pushState({}, "", url);
        } else if (how.history === "replace") {
          history.replaceState({}, "", url);
        }
        window.clearTimeout(scrollTimer);
        var address = new URL(url, window.location.href);
        shown = address.pathname + address.search;
        swap(next, how);
      })
      .catch(function (error) { if (error.name !== "AbortError") { giveUp(); } })
      .finally(function () {
        if (pending === controller) {
          pending = null;
          document.getElementById("results").removeAttribute("aria-busy");
        }
      });
  }

  // The address a link leads to when it is another page of this search, else null.
  // (getAttribute: a chart bar is an SVG link, whose href is not a string.)
  function searchLink(link) {
    var href = link.getAttribute("href") || "";
    if (href.charAt(0) === "#" || link.hasAttribute("download") || link.hasAttribute("target")) { return null; }
    var address = new URL(href, window.location.href);
    return address.origin === window.location.origin && address.pathname === "/" ? address.href : null;
  }

  document.addEventListener("click", function (event) {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) { return; }
    var link = event.target.closest ? event.target.closest("a[href]") : null;
    var inPage = link && (layout.contains(link) || document.getElementById("notes").contains(link));
    var url = inPage ? searchLink(link) : null;
    if (!url) { return; }
    event.preventDefault();
    liveEntry = false;
    if (link.closest(".paging, .past-last")) { // a new page: its top, not the pager
      load(url, { history: "push", fallback: "results" });
    } else {
      load(url, { history: "push", key: link.getAttribute("data-key"), anchor: link, fallback: "results" });
    }
  });

  form.addEventListener("change", function (event) {
    var select = event.target;
    if (select.tagName !== "SELECT") { return; }
    liveEntry = false;
    load(formUrl(), { history: "push", id: select.id, anchor: select });
  });

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    window.clearTimeout(typingTimer);
    liveEntry = false;
    load(formUrl(), { history: "push", id: "q" });
  });

  document.addEventListener("submit", function (event) {
    var range = event.target;
    if (!range.classList.contains("date-range")) { return; }
    event.preventDefault();
    var params = new URLSearchParams();
    new FormData(range).forEach(function (value, key) {
      if (String(value).trim()) { params.append(key, value); }
    });
    liveEntry = false;
    load("/?" + params.toString(), { history: "push", id: "apply-dates", anchor: event.submitter, fallback: "results" });
  });

  // Search as you type: after a pause, never a request per key; stale requests are
  // cancelled; off for a while when the server answers that it is busy (429, 503).
  box.addEventListener("input", function (event) {
    if (event.isComposing) { return; }
    window.clearTimeout(typingTimer);
    typingTimer = window.setTimeout(function () {
      if (Date.now() < liveOffUntil || formUrl() === window.location.pathname + window.location.search) { return; }
      load(formUrl(), { history: liveEntry ? "replace" : "push", live: true });
      liveEntry = true;
    }, liveDelay);
  });

  // Each history entry remembers its scroll position, for back and forward.
  window.addEventListener("scroll", function () {
    window.clearTimeout(scrollTimer);
    scrollTimer = window.setTimeout(function () {
      history.replaceState({ scrollY: window.scrollY }, "", window.location.href);
    }, 200);
  });

  window.addEventListener("popstate", function (event) {
    // A skip link (#results) fires popstate too: only another search is fetched.
    if (window.location.pathname + window.location.search === shown) { return; }
    window.clearTimeout(typingTimer);
    liveEntry = false;
    var saved = event.state && typeof event.state.scrollY === "number" ? event.state.scrollY : undefined;
    var active = document.activeElement;
    load(window.location.href, {
      history: "none",
      scrollY: saved,
      key: active && active.getAttribute ? active.getAttribute("data-key") : null,
      id: active && active.id,
    });
  });

  // On a phone the facets wait behind the Filters control: without this script it is
  // a link that opens them (CSS :target); with it, a button that shows and hides them.
  var toggle = document.getElementById("filters-toggle");
  toggle.setAttribute("role", "button");
  toggle.setAttribute("aria-expanded", "false");
  function showFilters(open) {
    layout.classList.toggle("filters-open", open);
    toggle.setAttribute("aria-expanded", open ? "true" : "false");
  }
  toggle.addEventListener("click", function (event) {
    event.preventDefault();
    var open = !layout.classList.contains("filters-open");
    showFilters(open);
    if (open) { document.getElementById("timeline").focus(); }
  });
  layout.addEventListener("click", function (event) {
    if (!event.target.closest || !event.target.closest("[data-close-filters]")) { return; }
    event.preventDefault();
    showFilters(false);
    toggle.focus();
  });
})();
