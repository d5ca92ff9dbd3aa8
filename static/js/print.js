/* The assessment record's print button (templates/workspace/flagship/nomination_record.html):
   hidden until this file shows it, since without JavaScript it could do nothing; the browser's
   own print command works either way, with the print stylesheet (static/css/review.css). */
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-print]").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () { window.print(); });
    });
  });
})();
