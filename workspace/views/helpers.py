"""Small pieces every catalogue page of the workspace shares: the decorator that makes a page
private, and the translation of the services' errors into what a person sees.

The services decide every right; the pages only turn their answers into HTTP: PermissionDenied
propagates (Django answers 403), NotAllowedNow becomes an error message and a redirect back, and
a ValidationError goes back onto the form it came from."""

import datetime
from collections.abc import Callable, Sequence
from typing import Any, TypeVar, cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Field, Model
from django.http import (
    HttpRequest,
    HttpResponse,
    HttpResponseBase,
    HttpResponseRedirect,
    QueryDict,
)
from django.shortcuts import redirect
from django.utils import formats, timezone
from django.utils.functional import Promise
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from umkm_portal.services import NotAllowedNow

#: A view; a streamed export is no HttpResponse, only an HttpResponseBase.
View = TypeVar("View", bound=Callable[..., HttpResponseBase])


#: A workspace page that shows a form (GET, HEAD) and takes it (POST).
GET_OR_POST = require_http_methods(["GET", "HEAD", "POST"])


def posted(request: HttpRequest) -> QueryDict | None:
    """The submitted form data, or None when the page is only being looked at."""
    return request.POST if request.method == "POST" else None


def workspace_page(view: View) -> View:
    """Signed-in staff only, and never cached anywhere (the login redirect included)."""
    return never_cache(login_required(view))


def first_message(error) -> str:
    if isinstance(error, NotAllowedNow):
        return str(error.message)
    if isinstance(error, ValidationError):
        return " ".join(str(message) for message in error.messages)
    return str(error)


def add_errors(form, error: ValidationError) -> None:
    """Put a service's ValidationError on the form: on the field it names when the form has one,
    above the form otherwise."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def redirect_back(request: HttpRequest, fallback: str) -> HttpResponseRedirect:
    """To the page the form came from (`next`, same host only), else `fallback`."""
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(target)
    return redirect(fallback)


def run_action(
    request: HttpRequest, action: Callable[[], object], *, success: str, back: str
) -> HttpResponseRedirect:
    """A one-button POST (publish, accept, remove...): the success message, or the reason why not
    as an error message; either way back to `back`. PermissionDenied is left to Django (403)."""
    try:
        action()
    except (NotAllowedNow, ValidationError) as error:
        messages.error(request, first_message(error))
    else:
        messages.success(request, success)
    return redirect_back(request, back)


def refuse_unless(allowed: bool) -> None:
    """403 unless `allowed`: the answer of a predicate of catalog.rules, asked before a form is
    validated so that the checks run in the API's order (404, 403, 409, 400)."""
    if not allowed:
        raise PermissionDenied


def workspace_action(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """A POST-only action (405 otherwise) behind the workspace decorator."""
    return workspace_page(require_POST(view))


#: Not shown in a change history: `updated_by` is the record's author already; a slug never
#: changes once made.
HIDDEN_HISTORY_FIELDS = ["updated_by", "slug"]


def history_entries(
    records: Sequence[Any], model: type[Model]
) -> list[tuple[Any, list[tuple[str | Promise, str, str]] | None]]:
    """[(record, changes)] for django-simple-history `records`, newest first, each compared with
    the next (older) one in the list. `changes` is [(label, old, new)] in words a person reads,
    or None for a record without an older one to compare with (the creation, or the last of a
    page's window). Related rows are named in one query per kind, whatever the page size."""
    raw: list[tuple[Any, list[tuple[str, Any, Any]] | None]] = []
    for record, older in zip(records, [*records[1:], None], strict=True):
        if older is None:
            raw.append((record, None))
            continue
        delta = record.diff_against(older, excluded_fields=HIDDEN_HISTORY_FIELDS)
        raw.append((record, [(change.field, change.old, change.new) for change in delta.changes]))
    related = _related_objects(model, [c for _record, changes in raw for c in changes or []])

    def shown(name, value):
        field = _field(model, name)
        if value in (None, ""):
            return ""
        if field.is_relation:
            return str(related[name].get(value, f"#{value}"))
        if field.choices:
            return str(dict(field.flatchoices).get(value, value))
        if isinstance(value, bool):
            return _("yes") if value else _("no")
        if isinstance(value, datetime.datetime):
            return formats.date_format(timezone.localtime(value), "DATETIME_FORMAT")
        if isinstance(value, datetime.date):
            return formats.date_format(value, "DATE_FORMAT")
        if isinstance(value, int | float):
            return formats.number_format(value, force_grouping=True)
        return str(value)

    return [
        (
            record,
            None
            if changes is None
            else [
                (_field(model, name).verbose_name, shown(name, old), shown(name, new))
                for name, old, new in changes
            ],
        )
        for record, changes in raw
    ]


def _field(model: type[Model], name: str) -> Field:
    """The field `name` of `model`: a concrete one, as every change a history record lists is."""
    return cast(Field, model._meta.get_field(name))


def _related_objects(model, changes):
    """{field name: {pk: object}} for the foreign keys that appear in `changes`."""
    wanted: dict[str, set] = {}
    for name, old, new in changes:
        if model._meta.get_field(name).is_relation:
            wanted.setdefault(name, set()).update(v for v in (old, new) if v is not None)
    return {
        name: model._meta.get_field(name).related_model._default_manager.in_bulk(ids)
        for name, ids in wanted.items()
    }
