"""The API's one exception handler: every error of every resource is shaped here.

Services and models raise Django's exceptions and know nothing of HTTP; this turns them into
the API's answers. DRF's own handler already maps Django's `Http404` to 404 and
`PermissionDenied` to 403, and puts `WWW-Authenticate` on a 401; what it lacks is Django's
`ValidationError` (400), the workflow's `NotAllowedNow` (409) and `UploadTooLarge` (413), and
a database constraint that refused a write after validation passed (a race): 400 in the words of
umkm_portal.constraints, never the constraint's name.
"""

from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError
from django.http import Http404
from rest_framework import exceptions
from rest_framework.response import Response
from rest_framework.serializers import as_serializer_error
from rest_framework.settings import api_settings
from rest_framework.views import exception_handler as drf_exception_handler

from catalog.exceptions import UploadTooLarge
from umkm_portal.constraints import constraint_error
from umkm_portal.services import NotAllowedNow


class Conflict(exceptions.APIException):
    status_code = 409
    default_code = "conflict"


class PayloadTooLarge(exceptions.APIException):
    status_code = 413
    default_code = "too_large"


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    if isinstance(exc, NotAllowedNow):
        exc = Conflict(exc.message)
    elif isinstance(exc, UploadTooLarge):
        exc = PayloadTooLarge(exc.messages[0])
    elif isinstance(exc, IntegrityError) and (refused := constraint_error(exc)) is not None:
        exc = exceptions.ValidationError(field_errors(refused))
    elif isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(field_errors(exc))
    exc = documented_shape(exc)
    return drf_exception_handler(exc, context)


def documented_shape(exc: Exception) -> Exception:
    """The answers the schema documents: an unreadable body is a 400 like any other, with its
    message under `non_field_errors`; a 404 says "Not found." in the client's language, not
    Django's English "No Product matches the given query."."""
    if isinstance(exc, exceptions.ParseError):
        return exceptions.ValidationError({api_settings.NON_FIELD_ERRORS_KEY: [exc.detail]})
    if isinstance(exc, Http404):
        return exceptions.NotFound()
    if isinstance(exc, exceptions.ValidationError) and isinstance(exc.detail, dict):
        flat = flattened(exc.detail)
        if flat != exc.detail:
            exc.detail = flat
    return exc


def flattened(errors: Any, prefix: str = "") -> Any:
    """A nested serializer's (or a dict field's) errors as the documented 400 has them, field →
    list of messages: `{"deliveries": {"invited": [...]}}` becomes
    `{"deliveries.invited": [...]}`, a list of nested errors `items.0.name`."""
    if isinstance(errors, dict):
        flat: dict[str, Any] = {}
        for key, value in errors.items():
            name = f"{prefix}.{key}" if prefix else str(key)
            if isinstance(value, dict) or (
                isinstance(value, list) and any(isinstance(item, dict) for item in value)
            ):
                flat.update(flattened(value, name))
            else:
                flat[name] = value
        return flat
    if isinstance(errors, list):
        flat = {}
        for index, item in enumerate(errors):
            if item:  # an item without errors is an empty dict
                flat.update(flattened(item, f"{prefix}.{index}"))
        return flat
    return {prefix: [errors]}


def field_errors(error: DjangoValidationError) -> dict[str, list[exceptions.ErrorDetail]]:
    """`{field: [messages]}` as a serializer reports them: errors that belong to no field
    (a model's `clean()`, a plain `ValidationError("...")`) under `non_field_errors`."""
    errors = as_serializer_error(error)
    if NON_FIELD_ERRORS in errors:
        errors[api_settings.NON_FIELD_ERRORS_KEY] = errors.pop(NON_FIELD_ERRORS)
    return errors
