/* The product gallery (templates/catalog/product_detail.html), enhanced: previous/next buttons,
   a live "2/3" counter, thumbnails that scroll the strip in place, arrow keys, and a larger view
   in a dialog. Without this file the strip still scrolls sideways (scroll snap), the thumbnails
   are links to each picture and every picture links to its largest rendition. */
(function () {
  "use strict";
  var reduceMotion = window.matchMedia("(prefers-reduced-motion: reduce)");

  function setupZoom(gallery) {
    if (typeof HTMLDialogElement !== "function") {
      return;  // the link opens the picture itself
    }
    var dialog = null;
    var picture = null;
    function build() {
      dialog = document.createElement("dialog");
      dialog.className = "gallery__dialog";
      dialog.setAttribute("aria-label", gallery.getAttribute("data-dialog-label") || "");
      var close = document.createElement("button");
      close.type = "button";
      close.className = "gallery__close";
      close.textContent = gallery.getAttribute("data-close-label") || "×";
      close.addEventListener("click", function () { dialog.close(); });
      picture = document.createElement("img");
      picture.className = "gallery__large";
      dialog.appendChild(close);
      dialog.appendChild(picture);
      dialog.addEventListener("click", function (event) {
        if (event.target === dialog) {
          dialog.close();  // a tap on the backdrop
        }
      });
      document.body.appendChild(dialog);
    }
    gallery.addEventListener("click", function (event) {
      var link = event.target.closest("[data-gallery-zoom]");
      if (!link || event.ctrlKey || event.metaKey || event.shiftKey) {
        return;
      }
      event.preventDefault();
      if (!dialog) {
        build();
      }
      var image = link.querySelector("img");
      picture.src = link.href;
      picture.alt = image ? image.alt : "";
      dialog.showModal();
    });
  }

  function setup(gallery) {
    setupZoom(gallery);
    var strip = gallery.querySelector(".gallery__strip");
    var items = Array.prototype.slice.call(gallery.querySelectorAll(".gallery__item"));
    var controls = gallery.querySelector("[data-gallery-controls]");
    var counter = gallery.querySelector("[data-gallery-counter]");
    var thumbs = Array.prototype.slice.call(gallery.querySelectorAll("[data-gallery-thumb]"));
    if (!strip || items.length < 2 || !controls || !counter) {
      return;
    }
    var current = 0;
    var target = null;  // the picture a button or key is scrolling to

    function show(index) {
      current = index;
      var caption = items[index].querySelector(".gallery__position");
      if (caption) {
        counter.replaceChildren.apply(counter, Array.prototype.map.call(
          caption.childNodes, function (node) { return node.cloneNode(true); }));
      }
      thumbs.forEach(function (thumb, i) {
        if (i === index) {
          thumb.setAttribute("aria-current", "true");
        } else {
          thumb.removeAttribute("aria-current");
        }
      });
    }

    function go(index) {
      index = (index + items.length) % items.length;
      target = index;
      show(index);
      strip.scrollTo({
        left: items[index].offsetLeft,
        behavior: reduceMotion.matches ? "auto" : "smooth"
      });
    }

    function nearest() {
      var best = 0;
      items.forEach(function (item, i) {
        if (Math.abs(item.offsetLeft - strip.scrollLeft) <
            Math.abs(items[best].offsetLeft - strip.scrollLeft)) {
          best = i;
        }
      });
      return best;
    }

    var pending = false;
    strip.addEventListener("scroll", function () {
      if (pending) {
        return;
      }
      pending = true;
      window.requestAnimationFrame(function () {
        pending = false;
        var index = nearest();
        if (target !== null) {
          if (index !== target) {
            return;  // still on the way
          }
          target = null;
        }
        if (index !== current) {
          show(index);
        }
      });
    }, { passive: true });
    strip.addEventListener("pointerdown", function () { target = null; });
    strip.addEventListener("touchstart", function () { target = null; }, { passive: true });

    controls.addEventListener("click", function (event) {
      var button = event.target.closest("[data-gallery-step]");
      if (button) {
        go(current + Number(button.getAttribute("data-gallery-step")));
      }
    });
    thumbs.forEach(function (thumb, i) {
      thumb.addEventListener("click", function (event) {
        event.preventDefault();
        go(i);
      });
    });
    gallery.addEventListener("keydown", function (event) {
      var moves = { ArrowLeft: current - 1, ArrowRight: current + 1, Home: 0, End: items.length - 1 };
      if (!(event.key in moves) || event.altKey || event.ctrlKey || event.metaKey) {
        return;
      }
      event.preventDefault();
      go(moves[event.key]);
    });

    gallery.classList.add("gallery--enhanced");
    controls.hidden = false;
    show(nearest());
  }

  document.querySelectorAll("[data-gallery]").forEach(setup);
})();
