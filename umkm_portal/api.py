"""The API's conventions, shared by every app's resources (docs/architecture.md §5): the error
answers the schema documents, refusing fields a serializer does not write, choices documented as
named enums, and true/false filters that refuse anything else. Below every domain app, so that
the notifications' API (which sits under the catalogue) follows them too."""

from collections.abc import Callable, Mapping, Sequence
from typing import Any

import django_filters
from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest
from django.http.response import HttpResponseBase
from django.utils import translation
from django.utils.translation import get_supported_language_variant
from django.utils.translation import gettext_lazy as _
from django.utils.translation.trans_real import parse_accept_lang_header
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import OpenApiResponse, extend_schema_field
from rest_framework import serializers
from rest_framework import serializers as drf
from rest_framework.exceptions import ParseError
from rest_framework.filters import BaseFilterBackend
from rest_framework.pagination import PageNumberPagination
from rest_framework.parsers import JSONParser
from rest_framework.settings import api_settings

# Documented answers -----------------------------------------------------------------------------


class ErrorSerializer(drf.Serializer):
    """Every error but a 400: one message."""

    detail = drf.CharField()


FIELD_ERRORS = {
    "type": "object",
    "description": _("Messages by field; `non_field_errors` for those of no single field."),
    "additionalProperties": {"type": "array", "items": {"type": "string"}},
}
ERRORS = {
    400: (FIELD_ERRORS, _("Invalid input, with a list of messages for each field at fault.")),
    401: (ErrorSerializer, _("No credentials: send `Authorization: Token <token>`.")),
    403: (ErrorSerializer, _("You may see this, but you may not do this.")),
    404: (ErrorSerializer, _("Unknown, or not visible to you.")),
    409: (ErrorSerializer, _("Not allowed in the object's current state.")),
    413: (ErrorSerializer, _("The file is larger than 8 MB.")),
    415: (ErrorSerializer, _("The body is not in a format this operation reads (`Content-Type`).")),
    422: (FIELD_ERRORS, _("This `Idempotency-Key` was used before with another body.")),
    429: (ErrorSerializer, _("Too many requests: try again after `Retry-After` seconds.")),
}


def answers(ok: dict[int, Any], *codes: int) -> dict[int, Any]:
    """`responses=` for `extend_schema`: the success answer `ok` ({status: serializer or None})
    and the errors `codes`."""
    documented = dict(ok)
    for code in codes:
        schema, description = ERRORS[code]
        documented[code] = OpenApiResponse(schema, description=description)
    return documented


# Writing ----------------------------------------------------------------------------------------


# A Serializer itself (with no field), so that what it reads of its subclass is typed; listed
# first, before the Serializer or ModelSerializer the subclass is. Its docstring is the schema's
# description of the serializers that have none.
class StrictFieldsMixin(serializers.Serializer):
    """Refuses, with a 400 naming it, every field the serializer does not write (`created_by`,
    `is_flagship`, `slug`...), instead of DRF's default of silently ignoring it: a client must
    never believe it set something it did not (docs/architecture.md §4)."""

    def to_internal_value(self, data: Any) -> Any:
        unknown: list[str] = []
        if isinstance(data, Mapping):
            writable = {name for name, field in self.fields.items() if not field.read_only}
            unknown = sorted(set(data) - writable)
        errors: dict[str, Any]
        try:
            value = super().to_internal_value(data)
        except serializers.ValidationError as error:
            if not unknown:
                raise
            detail = error.detail  # by field; a bare list would be errors of no field
            if isinstance(detail, dict):
                errors = dict(detail)
            else:
                errors = {api_settings.NON_FIELD_ERRORS_KEY: detail}
        else:
            if not unknown:
                return value
            errors = {}
        for name in unknown:
            errors[name] = [_("This field cannot be changed here.")]
        raise serializers.ValidationError(errors)


def named_choices(
    component: str, choices: Sequence[Any], **options: Any
) -> serializers.ChoiceField:
    """A choice field whose values the schema documents as the enum `component`: left to
    itself, drf-spectacular would name every set of choices of a field called `status` alike.
    One class per component, however many fields use it (two classes of one name would make
    drf-spectacular warn)."""
    if component not in _NAMED_CHOICES:
        values = [str(value) for value in serializers.ChoiceField(choices=choices).choices]
        schema = {"type": "string", "enum": values}
        field_class = type(f"{component}Field", (serializers.ChoiceField,), {})
        _NAMED_CHOICES[component] = extend_schema_field(schema, component_name=component)(
            field_class
        )
    return _NAMED_CHOICES[component](choices=choices, **options)


_NAMED_CHOICES: dict[str, type[serializers.ChoiceField]] = {}


# Filtering --------------------------------------------------------------------------------------


class StrictBooleanField(forms.NullBooleanField):
    """`true` / `false` (or `1` / `0`); any other value is an error instead of "no filter"."""

    widget = forms.TextInput
    default_error_messages = {"invalid": _("Enter true or false.")}
    VALUES = {"true": True, "1": True, "false": False, "0": False}

    # None is a value here, as in Django's NullBooleanField, whose stubs ignore this too.
    def to_python(self, value: Any) -> bool | None:  # type: ignore[override]
        if value in self.empty_values:
            return None
        try:
            return self.VALUES[str(value).lower()]
        except KeyError:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from None


class StrictBooleanFilter(django_filters.BooleanFilter):
    field_class = StrictBooleanField


# Reading a body ---------------------------------------------------------------------------------


class ObjectJSONParser(JSONParser):
    """A JSON body is an object or nothing: `null`, a list or a number answers 400 here, once,
    before any view reads the body as a mapping. An unparseable body says where, in the
    client's language (DRF's message carries Python's English text)."""

    def parse(
        self, stream: Any, media_type: str | None = None, parser_context: Mapping | None = None
    ) -> Any:
        try:
            data = super().parse(stream, media_type, parser_context)
        except ParseError as error:
            position = error.__context__
            raise ParseError(
                _("The body is not valid JSON (line %(line)s, column %(column)s).")
                % {
                    "line": getattr(position, "lineno", 1),
                    "column": getattr(position, "colno", 1),
                }
            ) from error
        if not isinstance(data, dict):
            raise ParseError(_("The body must be a JSON object."))
        return data


# Query parameters -------------------------------------------------------------------------------


def bad_parameter(name: str, message: Any) -> serializers.ValidationError:
    """A 400 naming the query parameter at fault, shaped as the field errors."""
    return serializers.ValidationError({name: [message]})


class StrictPageNumberPagination(PageNumberPagination):
    """`page` and `page_size` as the schema says: whole numbers from 1 (`page_size` at most
    `max_page_size`); anything else answers 400 naming the parameter, instead of DRF's silent
    default page size and its 404 for `page=0`. A page past the last is still a 404."""

    page_size_query_param = "page_size"
    max_page_size = 100

    def get_page_size(self, request: Any) -> int | None:
        raw = request.query_params.get(self.page_size_query_param)
        if raw is None:
            return self.page_size
        size = _whole_number(raw)
        if size is None or not 1 <= size <= (self.max_page_size or size):
            raise bad_parameter(
                self.page_size_query_param,
                _("Enter a whole number from 1 to %(largest)s.") % {"largest": self.max_page_size},
            )
        return size

    def get_page_number(self, request: Any, paginator: Any) -> Any:
        raw = request.query_params.get(self.page_query_param)
        if raw is None or raw in self.last_page_strings:
            return super().get_page_number(request, paginator)
        number = _whole_number(raw)
        if number is None or number < 1:
            raise bad_parameter(self.page_query_param, _("Enter a whole number from 1."))
        return number

    def paginate_queryset(self, queryset: Any, request: Any, view: Any = None) -> list | None:
        # A page of a sub-collection (an object's members, collaborations, timeline...) runs no
        # filter backend, so KnownParametersFilter never sees it: it takes the paging alone.
        if view is not None and _is_sub_list(view):
            names = {p["name"] for p in self.get_schema_operation_parameters(view)}
            refuse_unknown_parameters(
                request, names | {api_settings.URL_FORMAT_OVERRIDE or "format"}
            )
        return super().paginate_queryset(queryset, request, view)

    def get_schema_operation_parameters(self, view: Any) -> list[dict[str, Any]]:
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            parameter["schema"] = {"type": "integer", "minimum": 1}
            if parameter["name"] == self.page_size_query_param:
                parameter["schema"]["maximum"] = self.max_page_size
        return parameters


def _is_sub_list(view: Any) -> bool:
    """Whether `view` lists something under one object (its address names the object)."""
    lookup = getattr(view, "lookup_url_kwarg", None) or getattr(view, "lookup_field", "pk")
    return lookup in getattr(view, "kwargs", {})


def _whole_number(raw: str) -> int | None:
    return int(raw) if raw.isascii() and raw.isdigit() and len(raw) <= 9 else None


class KnownParametersFilter(BaseFilterBackend):
    """Refuses, with a 400 naming them, the query parameters a list does not document — so that
    a client's typo (`?q=lada` for `?search=lada`) never silently answers everything. What a list
    takes is read from the view itself: its filterset's filters, the other backends'
    parameters (`search`, `ordering`), its pagination's (`page`, `page_size`) and `format`.

    It runs where the filters run, on a list (a detail's `get_object()` filters too, and is left
    alone)."""

    def filter_queryset(self, request: Any, queryset: QuerySet, view: Any) -> QuerySet:
        if request.method not in ("GET", "HEAD") or _is_sub_list(view):
            return queryset
        refuse_unknown_parameters(request, known_parameters(view))
        return queryset


def refuse_unknown_parameters(request: Any, known: set[str]) -> None:
    """400, naming each of them, for the query parameters of `request` not in `known`."""
    unknown = sorted(set(request.query_params) - known)
    if unknown:
        message = _("Unknown parameter. This list takes: %(known)s.") % {
            "known": ", ".join(sorted(known))
        }
        raise serializers.ValidationError({name: [message] for name in unknown})


def known_parameters(view: Any) -> set[str]:
    known = {api_settings.URL_FORMAT_OVERRIDE or "format"}
    for backend_class in getattr(view, "filter_backends", ()):
        backend = backend_class()
        if isinstance(backend, DjangoFilterBackend):
            filterset = backend.get_filterset_class(view, view.get_queryset())
            known |= set(filterset.base_filters) if filterset else set()
        elif not isinstance(backend, KnownParametersFilter):
            known |= {p["name"] for p in backend.get_schema_operation_parameters(view)}
    paginator = getattr(view, "paginator", None)
    if paginator is not None:
        known |= {p["name"] for p in paginator.get_schema_operation_parameters(view)}
    return known


# Language ---------------------------------------------------------------------------------------


class ApiLanguageMiddleware:
    """The API speaks the language of `Accept-Language` (Indonesian by default, English on
    request); the pages take theirs from the address alone, which, for an address without a
    language prefix such as /api/, LocaleMiddleware takes to be Indonesian. Placed after it."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if request.path_info.startswith("/api/"):
            language = accepted_language(request.headers.get("Accept-Language", ""))
            translation.activate(language)
            request.LANGUAGE_CODE = language
        return self.get_response(request)


def accepted_language(header: str) -> str:
    """The first of the portal's languages the header accepts, else the portal's own."""
    for code, _quality in parse_accept_lang_header(header):
        if code == "*":
            break
        try:
            return get_supported_language_variant(code)
        except LookupError:
            continue
    return settings.LANGUAGE_CODE
