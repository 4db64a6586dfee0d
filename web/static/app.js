// Progressive enhancement only: every page works fully without this file.
(function () {
  "use strict";

  // Changing the sort order re-runs the search (without JS, the Search button does).
  var sort = document.getElementById("sort");
  if (sort && sort.form) {
    sort.addEventListener("change", function () { sort.form.submit(); });
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
