/* Favourites kept in this browser (localStorage), never sent to the portal: the "Save" toggle on
   a product's page, and the list on the favourites page and the offline page
   (templates/catalog/_favourites.html). Each entry holds what the list shows, so that it renders
   without the server: {url, name, image, price}. */
(function () {
  "use strict";
  var KEY = "etalase-umkm-babel.favourites";

  function local(value) {
    // Only our own addresses ("/produk/…"), never "//elsewhere" or "javascript:".
    return typeof value === "string" && /^\/(?!\/)/.test(value);
  }

  function read() {
    try {
      var list = JSON.parse(window.localStorage.getItem(KEY) || "[]");
      return Array.isArray(list) ? list.filter(function (item) {
        return item && local(item.url) && typeof item.name === "string";
      }) : [];
    } catch (error) {
      return [];
    }
  }

  function write(list) {
    try {
      window.localStorage.setItem(KEY, JSON.stringify(list));
      return true;
    } catch (error) {
      return false;  // storage full or refused (private mode)
    }
  }

  function find(list, url) {
    for (var i = 0; i < list.length; i += 1) {
      if (list[i].url === url) {
        return i;
      }
    }
    return -1;
  }

  function announce(region, text) {
    if (!region) {
      return;
    }
    region.textContent = "";
    window.setTimeout(function () { region.textContent = text; }, 50);
  }

  /* The toggle on a product's page. */
  function setupToggle(button) {
    var item = button.closest("[data-favourite-item]");
    var status = document.querySelector("[data-share-status]");
    var url = button.getAttribute("data-url");
    function paint() {
      var saved = find(read(), url) !== -1;
      button.setAttribute("aria-pressed", saved ? "true" : "false");
      button.textContent = button.getAttribute(saved ? "data-label-saved" : "data-label-save");
    }
    button.addEventListener("click", function () {
      var list = read();
      var index = find(list, url);
      var message;
      if (index === -1) {
        list.unshift({
          url: url,
          name: button.getAttribute("data-name"),
          image: button.getAttribute("data-image") || "",
          price: button.getAttribute("data-price") || ""
        });
        message = button.getAttribute("data-saved-message");
      } else {
        list.splice(index, 1);
        message = button.getAttribute("data-removed-message");
      }
      if (write(list)) {
        paint();
        announce(status, message);
      }
    });
    window.addEventListener("storage", function (event) {
      if (event.key === KEY) {
        paint();
      }
    });
    paint();
    if (item) {
      item.hidden = false;
    }
  }

  /* The list on the favourites page and the offline page. */
  function setupList(box) {
    var list = box.querySelector("[data-favourites-list]");
    var empty = box.querySelector("[data-favourites-empty]");
    var status = box.querySelector("[data-favourites-status]");
    function render() {
      var favourites = read();
      list.replaceChildren();
      favourites.forEach(function (favourite) {
        var entry = document.createElement("li");
        entry.className = "favourite";
        var link = document.createElement("a");
        link.className = "favourite__link";
        link.href = favourite.url;
        if (local(favourite.image)) {
          var image = document.createElement("img");
          image.className = "favourite__image";
          image.src = favourite.image;
          image.alt = "";
          image.width = 80;
          image.height = 60;
          link.appendChild(image);
        } else {
          var blank = document.createElement("span");
          blank.className = "favourite__image favourite__image--empty";
          link.appendChild(blank);
        }
        var text = document.createElement("span");
        text.className = "favourite__text";
        var name = document.createElement("span");
        name.className = "favourite__name";
        name.textContent = favourite.name;
        text.appendChild(name);
        if (favourite.price) {
          var price = document.createElement("span");
          price.className = "favourite__price";
          price.textContent = favourite.price;
          text.appendChild(price);
        }
        link.appendChild(text);
        var remove = document.createElement("button");
        remove.type = "button";
        remove.className = "button button--secondary favourite__remove";
        remove.textContent = box.getAttribute("data-remove-label");
        var who = document.createElement("span");
        who.className = "visually-hidden";
        who.textContent = " " + favourite.name;
        remove.appendChild(who);
        remove.addEventListener("click", function () {
          var current = read();
          var index = find(current, favourite.url);
          if (index !== -1) {
            current.splice(index, 1);
            write(current);
          }
          render();
          announce(status, box.getAttribute("data-removed-message"));
          var heading = document.querySelector("h1");
          if (heading) {
            heading.setAttribute("tabindex", "-1");
            heading.focus();  // the button is gone: keep the keyboard in the page
          }
        });
        entry.appendChild(link);
        entry.appendChild(remove);
        list.appendChild(entry);
      });
      list.hidden = favourites.length === 0;
      empty.hidden = favourites.length !== 0;
    }
    window.addEventListener("storage", function (event) {
      if (event.key === KEY) {
        render();
      }
    });
    render();
  }

  document.querySelectorAll("[data-favourite]").forEach(setupToggle);
  document.querySelectorAll("[data-favourites]").forEach(setupList);
})();
