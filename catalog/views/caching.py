"""Public pages are cacheable (DESIGN §7): no session read, no cookie, and an expiry no later
than the next midnight in Asia/Jakarta, when designations start and end."""

import functools
from datetime import datetime, time, timedelta

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone
from django.utils.cache import patch_cache_control


def seconds_until_midnight(now=None) -> int:
    now = timezone.localtime(now)
    midnight = datetime.combine(now.date() + timedelta(days=1), time.min, tzinfo=now.tzinfo)
    return max(0, int((midnight - now).total_seconds()))


def viewer(request):
    """The person looking, without touching the session of someone who has none.

    Reading `request.user` loads the session, which marks the response `Vary: Cookie`; a visitor
    without a session cookie is anonymous, and we say so without asking."""
    if settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return AnonymousUser()
    return request.user


def public_page(view):
    """Mark a public GET page cacheable by browsers and shared caches, until midnight at most.

    A view that shows something not public (a draft to its editor) sets `response.private`."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        if getattr(response, "private", False) or response.status_code >= 500:
            patch_cache_control(response, private=True, no_store=True)
        elif not response.has_header("Cache-Control"):
            max_age = min(settings.PUBLIC_PAGE_MAX_AGE, seconds_until_midnight())
            patch_cache_control(response, public=True, max_age=max_age)
        return response

    return wrapper
