/* A refused form's error summary (templates/includes/_form_errors.html): when the page loads,
   focus moves to the first summary, so that a person sees it, and a screen reader reads it,
   wherever on the page the form was; each of its links moves focus to the field it names,
   with the field's label in view. Without this file the summary still shows, and its links
   still lead to the fields. */
(function () {
  "use strict";

  function reveal(element) {
    var details = element.closest("details");
    while (details) {
      details.open = true;
      details = details.parentElement && details.parentElement.closest("details");
    }
  }

  function focusSummary() {
    var summary = document.querySelector("[data-error-summary]");
    if (!summary || summary.contains(document.activeElement)) { return; }
    reveal(summary);
    summary.focus();
  }

  function followLink(event) {
    var link = event.target.closest && event.target.closest("[data-error-summary] a[href^='#']");
    if (!link) { return; }
    var field = document.getElementById(decodeURIComponent(link.hash.slice(1)));
    if (!field) { return; }
    event.preventDefault();
    reveal(field);
    // The whole field (its label or legend, its help) in view, then the input focused.
    (field.closest(".form-field") || field).scrollIntoView({ block: "start" });
    field.focus({ preventScroll: true });
    if (window.history && history.replaceState) { history.replaceState(null, "", link.hash); }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", focusSummary);
  } else {
    focusSummary();
  }
  document.addEventListener("click", followLink);
})();
