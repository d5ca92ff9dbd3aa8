"""The request as the public cache sees it: whether its answer is the same for everyone, and
what the parts of the cache learn about it, kept once on the request."""

from dataclasses import dataclass, field

from django.conf import settings


def is_anonymous_request(request) -> bool:
    """A GET or HEAD with neither a session cookie nor credentials: its answer is everyone's."""
    return (
        request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "HTTP_AUTHORIZATION" not in request.META
    )


@dataclass
class PublicCacheState:
    """What the cache has learnt about one request, so that it asks the cache once, not per part.

    Kept as `request.public_cache` (through `state()`); nothing else reads it."""

    #: The catalogue version, read once per request (None: not read yet; 0: nothing is kept).
    version: int | None = None
    #: The key this request's answer is kept under, once `pages.fetch` has looked it up.
    page_key: str = ""
    #: Aggregates read ahead in one round trip (`aggregates.preload`): key → value or None.
    aggregates: dict = field(default_factory=dict)


def state(request) -> PublicCacheState:
    """The request's `PublicCacheState`, made on first use."""
    try:
        return request.public_cache
    except AttributeError:
        request.public_cache = PublicCacheState()
        return request.public_cache
