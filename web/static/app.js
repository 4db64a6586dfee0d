// Progressive enhancement only: every page works fully without this file.
(function () {
  "use strict";

  // Changing the sort order re-runs the search (without JS, the Search button does).
  var sort = document.getElementById("sort");
  if (sort && sort.form) {
    sort.addEventListener("change", function () { sort.form.submit(); });
  }

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

  // Facet values are links with role="checkbox": Space toggles them, as on a checkbox.
  document.addEventListener("keydown", function (event) {
    var target = event.target;
    if (event.key === " " && target && target.getAttribute && target.getAttribute("role") === "checkbox" && target.href) {
      event.preventDefault();
      target.click();
    }
  });

  // The per-page choice re-runs the search too.
  var perPage = document.getElementById("per_page");
  if (perPage && perPage.form) {
    perPage.addEventListener("change", function () { perPage.form.submit(); });
  }

  // Post page opened from a result without a #anchor: bring the first match into view.
  var post = document.querySelector("article.post[data-first-match]");
  if (post && !window.location.hash) {
    var anchor = post.getAttribute("data-first-match");
    var target = anchor ? document.getElementById(anchor) : null;
    if (target) {
      target.scrollIntoView({ block: "start" });
      target.focus({ preventScroll: true });
    }
  }
})();
