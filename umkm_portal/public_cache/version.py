"""The catalogue version: one counter in the shared cache that names everything kept for
anonymous visitors. Every committed write to a watched model increments it, so all earlier
entries are stale at once on every app server, with no list of keys to delete, and no page shows
a flagship badge after its revocation.

Which models are watched is the catalogue's to say (`watch_models`, called from
`catalog/apps.py`): the infrastructure names none of them."""

import logging
import time as clock
from collections.abc import Iterable

from django.core.cache import cache
from django.db import models, transaction
from django.db.models.signals import post_delete, post_save

from .request import state

log = logging.getLogger(__name__)

KEY = "catalog:version"


def current(request, *, read: int | None = None) -> int:
    """The catalogue version for this request, read from the cache once per request (a page asks
    for it for each of its aggregates); 0 when the cache is down, and then nothing is kept.

    `read` is the version when the caller has just read it together with something else."""
    kept = state(request)
    if read is not None:
        kept.version = read
    if kept.version is None:
        kept.version = _read()
    return kept.version


def catalog_changed() -> None:
    """Make every cached public answer stale, on every app server, once the change is committed.

    Called by the signals of the watched models, and by writes that send none (`.update()`,
    raw SQL)."""
    transaction.on_commit(_bump, robust=True)


def watch_models(watched: Iterable[type[models.Model]]) -> None:
    """Call `catalog_changed` on every save and delete of these models (what public pages show)."""
    for model in watched:
        label = model._meta.label
        post_save.connect(_on_change, sender=model, dispatch_uid=f"public_cache:save:{label}")
        post_delete.connect(_on_change, sender=model, dispatch_uid=f"public_cache:delete:{label}")


def _read() -> int:
    try:
        return cache.get_or_set(KEY, _fresh_version, timeout=None) or 0
    except Exception:  # the cache is down: serve uncached rather than fail
        log.warning("cache unavailable: serving public pages uncached", exc_info=True)
        return 0


def _fresh_version() -> int:
    """A first version unlike any before it (milliseconds since the epoch), so that a cache
    flushed and started again never meets an entry a worker kept from before the flush."""
    return clock.time_ns() // 1_000_000


def _bump() -> None:
    try:
        cache.incr(KEY)
    except ValueError:  # no version (the cache was flushed): start a new one
        cache.add(KEY, _fresh_version(), timeout=None)
    except Exception:
        log.exception("cache unavailable: could not invalidate public pages")


def _on_change(sender, **kwargs) -> None:
    if not kwargs.get("raw"):  # fixtures being loaded
        catalog_changed()
