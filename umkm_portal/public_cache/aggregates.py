"""Counts and facets of anonymous lists, computed once per catalogue version and kept in the
cache (a cache of aggregates that writes invalidate). Anonymous visitors all see the same
catalogue, so the address and its query say what is counted; signed-in staff always get a fresh
figure. Switched by `AGGREGATE_CACHE`, independently of the page cache: with pages off, a list
still costs its page of rows, not its aggregates."""

import hashlib
import logging
from collections.abc import Callable, Iterable
from typing import TypeVar

from django.conf import settings
from django.core.cache import cache
from django.utils.translation import get_language

from umkm_portal import caching

from . import version
from .request import is_anonymous_request, state

log = logging.getLogger(__name__)

T = TypeVar("T")

#: Query parameters that choose a page or an order, not what is counted.
NOT_COUNTED = frozenset({"page", "per_page", "page_size", "urut", "ordering"})


def get(request, name: str, compute: Callable[[], T]) -> T:
    """The aggregate `name` of this request's list: from the cache when it holds it for this
    catalogue version, address and query (less the parameters that only page or order it),
    else `compute()`d and kept."""
    current = _version(request)
    if not current:
        return compute()
    key = _key(request, name)
    preloaded = state(request).aggregates
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
            cache.set(key, value, caching.seconds_until_midnight(), version=current)
        except Exception:
            log.warning("cache unavailable: aggregate not stored", exc_info=True)
    return value


def preload(request, names: Iterable[str]) -> None:
    """Read the aggregates `names` that a page is about to ask for in one round trip to the
    cache instead of one each (a list page shows a count and five facets)."""
    current = _version(request)
    if not current:
        return
    keys = [_key(request, name) for name in names]
    try:
        found = cache.get_many(keys, version=current)
    except Exception:
        return
    state(request).aggregates = {key: found.get(key) for key in keys}


def _version(request) -> int:
    """The catalogue version aggregates are kept under, or 0 when they are not kept."""
    if not (settings.AGGREGATE_CACHE and is_anonymous_request(request)):
        return 0
    return version.current(request)


def _key(request, name: str) -> str:
    query = sorted(
        (key, value)
        for key, values in request.GET.lists()
        if key not in NOT_COUNTED
        for value in values
    )
    text = f"{name}|{get_language()}|{request.path}|{query!r}"
    return "aggregate:" + hashlib.md5(text.encode(), usedforsecurity=False).hexdigest()
