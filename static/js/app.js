/* Progressive enhancement only: every page works without this file. */
(function () {
  "use strict";
  if ("serviceWorker" in navigator) {
    window.addEventListener("load", function () {
      navigator.serviceWorker.register("/sw.js", { scope: "/" }).catch(function () {});
    });
  }
})();

/* GET forms (search, filters) send only what says something: no empty field (`harga_min=`), no
   choice left at its default (a select's `data-default`), so that addresses stay short, shareable
   and cacheable. The list's links do the same on the server (catalog/templatetags/portal.py).
   Fields are disabled while the browser (or htmx, for boosted forms) reads the form, in the
   capture phase before either, and enabled again at once: Back shows the form as it was. */
(function () {
  "use strict";
  function says_nothing(field) {
    if (!field.name || field.disabled || field.type === "checkbox" || field.type === "radio") {
      return false;
    }
    if (field.tagName === "SELECT" && field.multiple) {
      return false;
    }
    var fallback = field.getAttribute("data-default");
    return field.value === "" || (fallback !== null && field.value === fallback);
  }
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!(form instanceof HTMLFormElement) || form.method.toLowerCase() !== "get") {
      return;
    }
    var quiet = Array.prototype.filter.call(form.elements, says_nothing);
    quiet.forEach(function (field) { field.disabled = true; });
    window.setTimeout(function () {
      quiet.forEach(function (field) { field.disabled = false; });
    }, 0);
  }, true);
})();
