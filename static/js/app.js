/* Progressive enhancement only: every page works without this file. */
(function () {
  "use strict";
  if ("serviceWorker" in navigator) {
    window.addEventListener("load", function () {
      navigator.serviceWorker.register("/sw.js", { scope: "/" }).catch(function () {});
    });
  }
})();

/* On wide screens the filters stand beside the results: open them. */
(function () {
  "use strict";
  function openFilters() {
    if (window.matchMedia("(min-width: 48rem)").matches) {
      document.querySelectorAll("details.facets").forEach(function (d) { d.open = true; });
    }
  }
  document.addEventListener("DOMContentLoaded", openFilters);
  document.addEventListener("htmx:afterSettle", openFilters);
})();
