/* The product list's filters (issue 16): on wide screens they stand beside the results, open;
   on phones they open as a sheet (static/css/catalogue.css) that Escape or a tap beside it
   closes. Progressive enhancement: the list works without this file. */
(function () {
  "use strict";
  var wide = window.matchMedia("(min-width: 48rem)");
  function openFilters() {
    if (wide.matches) {
      document.querySelectorAll("details.facets").forEach(function (d) { d.open = true; });
    }
  }
  function openSheet() {
    return wide.matches ? null : document.querySelector("details.facets[open]");
  }
  document.addEventListener("DOMContentLoaded", openFilters);
  document.addEventListener("htmx:afterSettle", openFilters);
  document.addEventListener("keydown", function (event) {
    var sheet = openSheet();
    if (sheet && event.key === "Escape") {
      sheet.open = false;
      sheet.firstElementChild.focus();
    }
  });
  document.addEventListener("click", function (event) {
    var sheet = openSheet();
    if (sheet && !sheet.contains(event.target)) {
      sheet.open = false;
      event.preventDefault();
      event.stopPropagation();
    }
  }, true);
})();
