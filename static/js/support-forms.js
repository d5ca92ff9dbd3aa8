/* The development record's work forms (templates/workspace/support/). Progressive enhancement
   only: every form works without this file.

   Record a service: the stage list's first option says which stage the chosen kind serves
   ("Perizinan (as the kind suggests)"); the server picks that same stage when the option is
   left (support.services.help.default_stage). The business picker needs no code of its own:
   htmx, on every page already, swaps in the matches while the person types. */
(function () {
  "use strict";
  function nameTheKindsStage(stage) {
    var form = stage.form;
    var kind = form && form.elements.namedItem("kind");
    var empty = stage.querySelector('option[value=""]');
    if (!kind || !empty) { return; }
    var stages = JSON.parse(stage.getAttribute("data-kind-stages") || "{}");
    var label = empty.textContent;
    function show() {
      var name = stages[kind.value];
      // The stage first: a phone's closed list shows only the start of the option.
      empty.textContent = name ? name + " (" + label + ")" : label;
    }
    kind.addEventListener("change", show);
    show();
  }
  function init() {
    document.querySelectorAll("select[data-kind-stages]").forEach(nameTheKindsStage);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
