"""The server-side cache of anonymous public pages and API answers (DESIGN §7, issue 6).

An anonymous visitor's page is the same for every anonymous visitor, so its bytes are kept in the
configured cache (Redis in production, shared by every app server) and served again without
touching the database. Each entry carries the *catalogue version* it was made under, a counter
in the same cache read together with the entry: every committed write to something a public page
shows (a product, business, agency, designation, collaboration, image, certificate, link or
reference datum) increments it, so all earlier entries are stale at once on every server, and no
page shows a flagship badge after its revocation. (Counts and facets, below, are named with the
version instead.) Entries also expire at the next midnight in Asia/Jakarta, when
designations start and end.

Only what is the same for everyone is cached: GET and HEAD without a session cookie or an
`Authorization` header, answered 200 and not marked private. Switched by `PUBLIC_CACHE`
(settings): on by default only with a shared cache (`REDIS_URL`), because a per-process cache
cannot be invalidated across processes.
"""

import hashlib
import logging
import time as clock
from collections import OrderedDict
from datetime import datetime, time, timedelta

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.http import HttpResponse
from django.urls import Resolver404, resolve
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.translation import get_language, get_language_from_path, override

log = logging.getLogger(__name__)

VERSION_KEY = "catalog:version"
#: Headers kept with a cached answer; the rest is added again by the middleware on the way out.
KEPT_HEADERS = ("Content-Type", "Content-Language", "Vary", "Last-Modified")
#: Models whose changes public pages and API answers show.
PUBLIC_MODELS = (
    "catalog.Product",
    "catalog.ProductImage",
    "catalog.ProductLink",
    "catalog.Certificate",
    "catalog.Collaboration",
    "catalog.Business",
    "catalog.Designation",
    "catalog.Region",
    "catalog.Category",
    "catalog.Criterion",
    "agencies.Agency",
)


def seconds_until_midnight(now=None) -> int:
    """Seconds until the next midnight in the portal's time zone (Asia/Jakarta)."""
    now = timezone.localtime(now)
    midnight = datetime.combine(now.date() + timedelta(days=1), time.min, tzinfo=now.tzinfo)
    return max(0, int((midnight - now).total_seconds()))


def enabled() -> bool:
    return settings.PUBLIC_CACHE


def version(request=None) -> int:
    """The current catalogue version (a new one when the cache holds none). Read once
    per request: a page asks for it for each of its aggregates."""
    if request is not None:
        if not hasattr(request, "_catalog_version"):
            request._catalog_version = version()
        return request._catalog_version
    try:
        return cache.get_or_set(VERSION_KEY, _fresh_version, timeout=None)
    except Exception:  # the cache is down: serve uncached rather than fail
        log.warning("cache unavailable: serving public pages uncached", exc_info=True)
        return 0


def catalog_changed() -> None:
    """Make every cached public answer stale, on every app server, once the change is committed."""
    transaction.on_commit(_bump, robust=True)


def _fresh_version() -> int:
    """A first version unlike any before it (milliseconds since the epoch), so that a cache
    flushed and started again never meets an entry a worker kept from before the flush."""
    return clock.time_ns() // 1_000_000


def _bump() -> None:
    try:
        cache.incr(VERSION_KEY)
    except ValueError:  # no version (the cache was flushed): start a new one
        cache.add(VERSION_KEY, _fresh_version(), timeout=None)
    except Exception:
        log.exception("cache unavailable: could not invalidate public pages")


def _on_change(sender, **kwargs) -> None:
    if not kwargs.get("raw"):  # fixtures being loaded
        catalog_changed()


def connect_signals() -> None:
    for label in PUBLIC_MODELS:
        model = apps.get_model(label)
        post_save.connect(_on_change, sender=model, dispatch_uid=f"public_cache:save:{label}")
        post_delete.connect(_on_change, sender=model, dispatch_uid=f"public_cache:delete:{label}")


def is_anonymous_request(request) -> bool:
    return (
        request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "HTTP_AUTHORIZATION" not in request.META
    )


def _key(request, language: str) -> str:
    htmx = "1" if request.headers.get("HX-Request") == "true" else "0"
    # The host too: answers hold absolute addresses (the API's `next`, a page's canonical link).
    address = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    digest = hashlib.md5(address.encode(), usedforsecurity=False).hexdigest()
    return f"public:{language}:{htmx}:{digest}"


def fetch(request, language: str | None = None) -> HttpResponse | None:
    """The cached answer to this anonymous request, or None. One round trip to the cache: the
    catalogue version is read with the entry, and an entry made under an older version is stale.
    A worker keeps the entries it served recently in its own memory too, so that a page it has
    just sent costs it only the (tiny) version from the cache, not the page's bytes again.

    `language` is the page's language when it is known before the view runs (from the path, in
    the middleware); otherwise the one activated for the request."""
    if not (enabled() and is_anonymous_request(request)):
        return None
    key = request._public_cache_key = _key(request, language or get_language())
    entry = _recent_entry(key)
    try:
        found = cache.get_many([VERSION_KEY] if entry else [VERSION_KEY, key])
    except Exception:
        log.warning("cache unavailable: serving public pages uncached", exc_info=True)
        found = {}
    if VERSION_KEY in found:
        request._catalog_version = found[VERSION_KEY]
    current = request._public_cache_version = version(request)
    if entry is None or entry[0] != current:
        entry = found.get(key)
    if not current or entry is None or entry[0] != current:
        return None
    _remember(key, entry)
    _version, content, headers = entry
    response = HttpResponse(content)
    for name, value in headers.items():
        response[name] = value
    if "max-age" in headers.get("Cache-Control", ""):  # never past the coming midnight
        max_age = min(settings.PUBLIC_PAGE_MAX_AGE, seconds_until_midnight())
        del response["Cache-Control"]
        patch_cache_control(response, public=True, max_age=max_age)
    response["X-Cache"] = "hit"
    return response


#: This worker's most recently served entries: key → (until, (version, content, headers)).
_recent: OrderedDict = OrderedDict()
RECENT_KEPT = 256


def _remember(key, entry) -> None:
    _recent[key] = (clock.monotonic() + seconds_until_midnight(), entry)
    _recent.move_to_end(key)
    while len(_recent) > RECENT_KEPT:
        _recent.popitem(last=False)


def _recent_entry(key):
    kept = _recent.get(key)
    if kept is None or kept[0] <= clock.monotonic():  # gone at midnight, like the shared copy
        return None
    return kept[1]


def store(request, response, headers=KEPT_HEADERS) -> None:
    """Keep the answer for the next anonymous visitor, until the catalogue changes or midnight,
    with the `headers` named (all of them when None)."""
    current = getattr(request, "_public_cache_version", 0)
    if not current or response.status_code != 200 or getattr(response, "private", False):
        return
    if response.has_header("X-Cache"):  # served from the cache already
        return
    if response.streaming or response.cookies:
        return
    if hasattr(response, "render") and not response.is_rendered:
        response.render()
    if headers is None:
        kept = {name: value for name, value in response.items() if name != "X-Cache"}
    else:
        kept = {name: response[name] for name in headers if response.has_header(name)}
    key = request._public_cache_key
    try:
        entry = (current, response.content, kept)
        cache.set(key, entry, seconds_until_midnight())
        _remember(key, entry)
    except Exception:
        log.warning("cache unavailable: public page not stored", exc_info=True)
    response["X-Cache"] = "miss"


class PublicPageCacheMiddleware:
    """Serve an anonymous visitor's public page from the cache before the rest of the stack runs
    (sessions, language, CSRF, authentication, messages and the view): a hit costs resolving
    the address, one round trip to the cache and the middleware above this one, which still add
    the security headers, the CSP, the ETag and the log line.

    Only the addresses of public pages (views marked by `umkm_portal.caching.public_page`) are
    looked up, so that other pages pay no round trip; a page is kept on the way out only when
    its view said it is public to this visitor, with every header the middleware below added.
    The page's language is read from its address, which alone decides it (DESIGN §5). The API
    keeps its own lookup in the view (`PublicCacheMixin`), after the throttles, which must count
    every anonymous request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not (enabled() and is_anonymous_request(request)):
            return self.get_response(request)
        language = get_language_from_path(request.path_info) or settings.LANGUAGE_CODE
        if not _is_public_page(request, language):
            return self.get_response(request)
        cached = fetch(request, language)
        if cached is not None:
            return cached
        response = self.get_response(request)
        if getattr(response, "public_page", False) and hasattr(request, "_public_cache_key"):
            store(request, response, headers=None)
        return response


def _is_public_page(request, language: str) -> bool:
    """Whether the address is one of a view marked `public_page` (resolved in the page's
    language, as the language prefix of the address is matched in the active one)."""
    with override(language):
        try:
            match = resolve(request.path_info, getattr(request, "urlconf", None))
        except Resolver404:
            return False
    return getattr(match.func, "public_page", False)


#: Query parameters that choose a page or an order, not what is counted.
NOT_COUNTED = frozenset({"page", "per_page", "page_size", "urut", "ordering"})


def aggregate(request, name: str, compute):
    """A count or facet for an anonymous visitor: computed once per catalogue version, address
    and query (less the parameters that only page or order it), then read from the cache
    (issue 6 allows "a cache of aggregates that writes invalidate"). Anonymous visitors all see
    the same catalogue, so the address says what is counted; signed-in staff always get a fresh
    figure."""
    current = _aggregate_version(request)
    if not current:
        return compute()
    key = _aggregate_key(request, name)
    preloaded = getattr(request, "_aggregates", {})
    if key in preloaded:
        value = preloaded[key]
    else:
        try:
            value = cache.get(key, version=current)
        except Exception:
            return compute()
    if value is None:
        value = compute()
        try:
            cache.set(key, value, seconds_until_midnight(), version=current)
        except Exception:
            log.warning("cache unavailable: aggregate not stored", exc_info=True)
    return value


def preload_aggregates(request, names) -> None:
    """Read the aggregates `names` that a page is about to ask for in one round trip to the
    cache instead of one each (a list page shows a count and five facets)."""
    current = _aggregate_version(request)
    if not current:
        return
    keys = [_aggregate_key(request, name) for name in names]
    try:
        found = cache.get_many(keys, version=current)
    except Exception:
        return
    request._aggregates = {key: found.get(key) for key in keys}


def _aggregate_version(request) -> int:
    """The catalogue version aggregates are kept under, or 0 when they are not kept."""
    if not (settings.AGGREGATE_CACHE and is_anonymous_request(request)):
        return 0
    return version(request)


def _aggregate_key(request, name: str) -> str:
    query = sorted(
        (key, value)
        for key, values in request.GET.lists()
        if key not in NOT_COUNTED
        for value in values
    )
    text = f"{name}|{get_language()}|{request.path}|{query!r}"
    return "aggregate:" + hashlib.md5(text.encode(), usedforsecurity=False).hexdigest()
