"""What the development record's work pages share: the month filter, the choices of the
filter forms, and the course of a form page — the service's check before the form is read
(403, then 409), then the form handed to the service, whose refusals come back as messages or
onto the form's fields."""

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from agencies.models import Agency
from support import filters
from support.models import Stage
from umkm_portal.services import NotAllowedNow

from .helpers import add_errors, first_message

T = TypeVar("T")

if TYPE_CHECKING:
    from django.utils.functional import _StrPromise

    StrOrPromise = str | _StrPromise


def month_input() -> forms.TextInput:
    """The phone's own month picker (it sends `YYYY-MM`; older browsers show the placeholder)."""
    return forms.TextInput(attrs={"type": "month", "placeholder": "2025-01"})


class MonthField(filters.MonthField):
    """An optional month (`support.filters.MonthField`, which the calendar and the API read
    too), cleaned to its first day."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(required=False, widget=month_input(), **kwargs)


def stage_choices(empty: str) -> list[tuple[str, str]]:
    return [("", empty), *((stage.code, stage.display_name) for stage in Stage.objects.active())]


def agency_choices(empty: str) -> list[tuple[str, str]]:
    return [("", empty), *Agency.objects.values_list("slug", "name")]


def checked(request: HttpRequest, check: Callable[[], object], back: str) -> HttpResponse | None:
    """A service's check (`check_editable`, `check_changeable`...) asked before a form is read,
    in the API's order: PermissionDenied goes on (403); NotAllowedNow, the object's state
    allowing no change, is an error message and a redirect to `back`. None: go on."""
    try:
        check()
    except NotAllowedNow as error:
        messages.error(request, first_message(error))
        return redirect(back)
    return None


def written(
    request: HttpRequest,
    form: forms.BaseForm,
    write: Callable[[dict[str, Any]], T],
    *,
    success: "StrOrPromise | Callable[[T], StrOrPromise]",
    then: str | Callable[[T], str],
    changes_only: bool = False,
) -> HttpResponse | None:
    """A valid form handed to its service, `write(cleaned_data)` (with `changes_only`, only the
    fields the person changed; none is a note and a redirect, not a write). Written: the
    `success` message and a redirect to `then` (either a function of what `write` returned).
    Refused for the data (ValidationError): its messages go onto the form's fields and None is
    returned, for the page to show the form again. Refused for the state, which changed since
    the page was checked (NotAllowedNow): an error message and a redirect to `then`, or back to
    the form when `then` needs the result."""
    if not form.is_valid():
        return None
    data = form.cleaned_data
    if changes_only:
        data = {name: data[name] for name in form.changed_data}
        if not data:
            messages.info(request, _("Nothing changed."))
            return redirect(request.get_full_path() if callable(then) else then)
    try:
        result = write(data)
    except NotAllowedNow as error:
        messages.error(request, first_message(error))
        return redirect(request.get_full_path() if callable(then) else then)
    except ValidationError as error:
        add_errors(form, error)
        return None
    messages.success(request, success(result) if callable(success) else success)
    return redirect(then(result) if callable(then) else then)
