"""The development record's workflow functions. Pages and the API call these and nothing else
to write: each checks the right (403), then the state (409), then the data (400), in one
transaction (umkm_portal.services).

Where a page or the API must answer 403 or 409 before it reads a form or a body, it asks the
same check the write asks (`activities.check_editable`, `help.check_changeable`,
`referrals.check`...), and `passes` turns a check into the yes or no of a button."""

from collections.abc import Callable
from typing import Any

from django.core.exceptions import PermissionDenied

from umkm_portal.services import NotAllowedNow


def passes(check: Callable[..., object], *args: Any) -> bool:
    """Whether `check(*args)` lets its caller through (neither 403 nor 409): whether a page
    offers the action at all."""
    try:
        check(*args)
    except (PermissionDenied, NotAllowedNow):
        return False
    return True
