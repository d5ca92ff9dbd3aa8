"""Whole answers for anonymous visitors: looked up and kept under the catalogue version, and the
middleware that serves public pages from them.

Each entry carries the catalogue version it was made under and is read in the same round trip
as the version, so an entry made under an older version is stale. A worker also keeps the
entries it served lately in its own memory (`recent`)."""

import hashlib
import logging

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.template.response import SimpleTemplateResponse
from django.urls import Resolver404, resolve
from django.utils.cache import patch_cache_control
from django.utils.translation import get_language, get_language_from_path, override

from umkm_portal import caching

from . import recent, version
from .request import is_anonymous_request, state

log = logging.getLogger(__name__)

#: Headers kept with a cached API answer; the rest is added again by the middleware on the way out.
KEPT_HEADERS = ("Content-Type", "Content-Language", "Vary", "Last-Modified")


def enabled() -> bool:
    return settings.PUBLIC_CACHE


def fetch(request, language: str | None = None) -> HttpResponse | None:
    """The cached answer to this anonymous request, or None. One round trip to the cache: the
    catalogue version is read with the entry (or alone, when this worker served the entry
    lately), and an entry made under an older version is stale.

    `language` is the page's language when it is known before the view runs (from the path, in
    the middleware); otherwise the one activated for the request."""
    if not (enabled() and is_anonymous_request(request)):
        return None
    key = state(request).page_key = _key(request, language or get_language())
    entry = recent.get(key)
    try:
        found = cache.get_many([version.KEY] if entry else [version.KEY, key])
    except Exception:
        log.warning("cache unavailable: serving public pages uncached", exc_info=True)
        found = {}
    current = version.current(request, read=found.get(version.KEY))
    if entry is None or entry[0] != current:
        entry = found.get(key)
    if not current or entry is None or entry[0] != current:
        return None
    recent.remember(key, entry)
    _version, content, headers = entry
    response = HttpResponse(content)
    for name, value in headers.items():
        response[name] = value
    if "max-age" in headers.get("Cache-Control", ""):  # never past the coming midnight
        max_age = min(settings.PUBLIC_PAGE_MAX_AGE, caching.seconds_until_midnight())
        del response["Cache-Control"]
        patch_cache_control(response, public=True, max_age=max_age)
    response["X-Cache"] = "hit"
    return response


def store(
    request, response: HttpResponseBase, headers: tuple[str, ...] | None = KEPT_HEADERS
) -> None:
    """Keep the answer to a request `fetch` looked up for the next anonymous visitor, until the
    catalogue changes or midnight, with the `headers` named (all of them when None)."""
    kept_state = state(request)
    key, current = kept_state.page_key, kept_state.version
    if not (key and current) or response.status_code != 200 or getattr(response, "private", False):
        return
    if response.has_header("X-Cache"):  # served from the cache already
        return
    if not isinstance(response, HttpResponse) or response.cookies:  # streaming, or a cookie set
        return
    if isinstance(response, SimpleTemplateResponse) and not response.is_rendered:
        response.render()
    if headers is None:
        kept = {name: value for name, value in response.items() if name != "X-Cache"}
    else:
        kept = {name: response[name] for name in headers if response.has_header(name)}
    try:
        entry: recent.Entry = (current, response.content, kept)
        cache.set(key, entry, caching.seconds_until_midnight())
        recent.remember(key, entry)
    except Exception:
        log.warning("cache unavailable: public page not stored", exc_info=True)
    response["X-Cache"] = "miss"


def _key(request, language: str) -> str:
    htmx = "1" if request.headers.get("HX-Request") == "true" else "0"
    # The host too: answers hold absolute addresses (the API's `next`, a page's canonical link).
    address = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    digest = hashlib.md5(address.encode(), usedforsecurity=False).hexdigest()
    return f"public:{language}:{htmx}:{digest}"


class PublicPageCacheMiddleware:
    """Serve an anonymous visitor's public page from the cache before the rest of the stack runs
    (sessions, language, CSRF, authentication, messages and the view): a hit costs resolving
    the address, one round trip to the cache and the middleware above this one, which still add
    the security headers, the CSP, the ETag and the log line.

    Only the addresses of public pages (views marked by `umkm_portal.caching.public_page`) are
    looked up, so that other pages pay no round trip; a page is kept on the way out only when
    its view said it is public to this visitor, with every header the middleware below added.
    The page's language is read from its address, which alone decides it (docs/architecture.md
    §5). The API keeps its own lookup in the view (`PublicCacheMixin`), after the throttles,
    which must count every anonymous request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if not (enabled() and is_anonymous_request(request)):
            return self.get_response(request)
        language = get_language_from_path(request.path_info) or settings.LANGUAGE_CODE
        if not _is_public_page(request, language):
            return self.get_response(request)
        cached = fetch(request, language)
        if cached is not None:
            return cached
        response = self.get_response(request)
        if getattr(response, "public_page", False):
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
