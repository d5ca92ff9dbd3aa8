"""What every app's service functions share: the order of their checks and how they write.

A service function checks the permission layer first (`require`: PermissionDenied, 403), then
the object's state (`NotAllowedNow`: 409), then the data (ValidationError: 400), and writes with
`assign` and `save_valid`. Finding the object (404 for what a user may not see) is the caller's
job, with the apps' `visible_to` querysets.
"""

from typing import TypeVar

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, models
from django.utils.translation import gettext as _

from umkm_portal.constraints import constraint_error

M = TypeVar("M", bound=models.Model)


class NotAllowedNow(Exception):
    """The action exists and the person may do it, but not in the object's current state
    (publishing what is published, answering an invitation twice). The API answers 409."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return str(self.message)


def require(allowed: bool, message: str | None = None) -> None:
    """PermissionDenied unless `allowed`."""
    if not allowed:
        raise PermissionDenied(message or _("You may not do this."))


def assign(instance: models.Model, fields: dict, allowed: set[str]) -> None:
    """Set the given fields; a field outside `allowed` is refused, never applied."""
    refused = sorted(set(fields) - allowed)
    if refused:
        raise ValidationError({name: _("This field cannot be changed here.") for name in refused})
    for name, value in fields.items():
        setattr(instance, name, value)


def save_valid(instance: M, by, *, exclude=None) -> M:
    """Validate like a form would (field and model constraints), record who, then save.

    A row the database still refuses (someone saved a clashing one since the validation) is
    reported like the validation would have; the caller's transaction is rolled back by it."""
    instance.full_clean(exclude=exclude)
    # django-simple-history's author, also outside a request (API tokens)
    instance._history_user = by  # type: ignore[attr-defined]
    try:
        instance.save()
    except IntegrityError as error:
        refused = constraint_error(error)
        if refused is None:
            raise
        raise refused from error
    return instance
