"""Public pages are cacheable (docs/architecture.md §7): no session read, no cookie, and an
expiry no later than the next midnight in Asia/Jakarta, when designations start and end."""

import functools
from collections.abc import Callable
from datetime import datetime, time, timedelta

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import patch_cache_control


def seconds_until_midnight(now: datetime | None = None) -> int:
    """Seconds until the next midnight in the portal's time zone (Asia/Jakarta): nothing public
    is kept past it, by browsers or by the server's cache."""
    now = timezone.localtime(now)
    midnight = datetime.combine(now.date() + timedelta(days=1), time.min, tzinfo=now.tzinfo)
    return max(0, int((midnight - now).total_seconds()))


def viewer(request) -> AbstractBaseUser | AnonymousUser:
    """The person looking, without touching the session of someone who has none.

    Reading `request.user` loads the session, which marks the response `Vary: Cookie`; a visitor
    without a session cookie is anonymous, and we say so without asking."""
    if settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return AnonymousUser()
    return request.user


def public_page(view: Callable) -> Callable:
    """Mark a public GET page cacheable by browsers and shared caches, until midnight at most;
    an anonymous visitor's copy is kept in the server's cache too, by
    `umkm_portal.public_cache.pages.PublicPageCacheMiddleware`, which serves it before this view
    runs.

    A view that shows something not public (a draft to its editor) says so with `mark_private`."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        if getattr(response, "private", False) or response.status_code >= 500:
            patch_cache_control(response, private=True, no_store=True)
        else:
            if not response.has_header("Cache-Control"):
                max_age = min(settings.PUBLIC_PAGE_MAX_AGE, seconds_until_midnight())
                patch_cache_control(response, public=True, max_age=max_age)
            response.public_page = True
        return response

    # Its address is looked up in the page cache (middleware).
    wrapper.public_page = True  # type: ignore[attr-defined]
    return wrapper


def mark_private(response: HttpResponse, private: bool = True) -> None:
    """Say that this answer shows what is not public (a draft to its editor): `public_page`
    then forbids caching it, and the page cache does not keep it."""
    response.private = private  # type: ignore[attr-defined]  # read back with getattr
