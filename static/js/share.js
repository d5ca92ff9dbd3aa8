/* Sharing a product (templates/catalog/product_detail.html): the phone's own share sheet where
   the browser has one (Web Share API) instead of the WhatsApp link, "copy link" where the
   clipboard can be written, and a print button on the QR sheet. Without this file the WhatsApp
   link and the browser's own print command remain. */
(function () {
  "use strict";
  var status = document.querySelector("[data-share-status]");

  function say(text) {
    if (!status) {
      return;
    }
    status.textContent = "";
    window.setTimeout(function () { status.textContent = text; }, 50);
  }

  var native = document.querySelector("[data-share-native]");
  if (native && typeof navigator.share === "function") {
    var shareButton = native.querySelector("button");
    native.hidden = false;
    var whatsapp = document.querySelector("[data-share-whatsapp]");
    if (whatsapp) {
      whatsapp.hidden = true;  // the share sheet offers WhatsApp and every other app
    }
    shareButton.addEventListener("click", function () {
      navigator.share({
        title: shareButton.getAttribute("data-share-title"),
        url: shareButton.getAttribute("data-share-url")
      }).catch(function () {});  // closed without sharing
    });
  }

  var copy = document.querySelector("[data-share-copy]");
  if (copy && navigator.clipboard && window.isSecureContext) {
    var copyButton = copy.querySelector("button");
    copy.hidden = false;
    copyButton.addEventListener("click", function () {
      navigator.clipboard.writeText(copyButton.getAttribute("data-copy-url")).then(function () {
        say(copyButton.getAttribute("data-copied"));
      }, function () {
        say(copyButton.getAttribute("data-copy-failed"));
      });
    });
  }

  var print = document.querySelector("[data-print-item]");
  if (print) {
    print.hidden = false;
    print.querySelector("button").addEventListener("click", function () { window.print(); });
  }
})();
