"""Each worker's memory of the answers it served lately, so that a page it has just sent costs it
only the (tiny) catalogue version from the shared cache, not the page's bytes again.

An entry is used only when the version read from the shared cache for this request is the one
it was made under, so a write seen by any server makes it stale here too; it is forgotten at the
next midnight in Asia/Jakarta, like the shared copy.

This assumes sync workers (gunicorn's default, as in production and `make bench`): one request
at a time per process, so nothing runs between a read of `_entries` and the writes after it.
With threads (gthread), or sync views run in a thread pool under ASGI, two requests could
interleave `remember` on the same dict (one trimming away the key the other is about to move:
a `KeyError`), so it would need a `threading.Lock` around both functions; the memory would stay
one per process, shared by its threads. A natively async view would need no lock as long as no
`await` falls between the read and the write."""

import time as clock
from collections import OrderedDict

from umkm_portal import caching

#: An answer as kept in the shared cache: (catalogue version, body, headers).
Entry = tuple[int, bytes, dict[str, str]]

#: How many answers a worker keeps (the most recently served ones).
KEPT = 256

#: key → (monotonic time it is forgotten at, entry as kept in the shared cache).
_entries: OrderedDict[str, tuple[float, Entry]] = OrderedDict()


def get(key: str) -> Entry | None:
    """The entry this worker served lately under `key`, or None (never seen, or past midnight)."""
    kept = _entries.get(key)
    if kept is None or kept[0] <= clock.monotonic():  # gone at midnight, like the shared copy
        return None
    return kept[1]


def remember(key: str, entry: Entry) -> None:
    """Keep `entry` as the most recently served, forgetting the oldest past `KEPT`."""
    _entries[key] = (clock.monotonic() + caching.seconds_until_midnight(), entry)
    _entries.move_to_end(key)
    while len(_entries) > KEPT:
        _entries.popitem(last=False)
