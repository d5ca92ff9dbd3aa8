/* Etalase UMKM Babel service worker (version {{ version }}).
 * Static assets: cache first. Public pages: network first, the copy kept for offline use.
 * Never cached: the workspace, sign-in, admin, the API and anything not a plain GET. */
const VERSION = "{{ version|escapejs }}";
const STATIC_CACHE = "static-" + VERSION;
const PAGE_CACHE = "pages-" + VERSION;
const MAX_PAGES = 60;
const PRECACHE = [{% for url in precache %}"{{ url|escapejs }}"{% if not forloop.last %}, {% endif %}{% endfor %}];
const PRIVATE = /^\/(en\/)?(ruang-kerja|accounts|admin|api)(\/|$)/;

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(STATIC_CACHE).then((cache) => cache.addAll(PRECACHE)));
  self.skipWaiting();
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys().then((keys) => Promise.all(
      keys.filter((key) => key !== STATIC_CACHE && key !== PAGE_CACHE).map((key) => caches.delete(key))
    )).then(() => self.clients.claim())
  );
});

function cacheable(response) {
  const control = response.headers.get("Cache-Control") || "";
  return response.ok && response.type === "basic" && !/private|no-store/.test(control);
}

async function trim(cache) {
  const keys = await cache.keys();
  for (const key of keys.slice(0, Math.max(0, keys.length - MAX_PAGES))) await cache.delete(key);
}

async function networkFirst(request) {
  const cache = await caches.open(PAGE_CACHE);
  try {
    const response = await fetch(request);
    if (cacheable(response)) {
      await cache.put(request, response.clone());
      trim(cache);
    }
    return response;
  } catch (error) {
    // Any cache: the favourites page is precached with the static assets.
    const cached = await caches.match(request);
    if (cached) return cached;
    const offline = new URL(request.url).pathname.startsWith("/en/") ? "/en/offline/" : "/offline/";
    return (await caches.match(offline)) || Response.error();
  }
}

async function cacheFirst(request) {
  const cached = await caches.match(request);
  if (cached) return cached;
  const response = await fetch(request);
  if (cacheable(response)) (await caches.open(STATIC_CACHE)).put(request, response.clone());
  return response;
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin || PRIVATE.test(url.pathname)) {
    return;
  }
  if (request.headers.get("HX-Request")) return;  // partial answers are not pages
  if (url.pathname.startsWith("/static/") || url.pathname.startsWith("/media/")) {
    event.respondWith(cacheFirst(request));
  } else if (request.mode === "navigate") {
    event.respondWith(networkFirst(request));
  }
});
