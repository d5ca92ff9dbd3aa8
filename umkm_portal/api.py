"""The API's conventions, shared by every app's resources (docs/architecture.md §5): the error
answers the schema documents, refusing fields a serializer does not write, choices documented as
named enums, and true/false filters that refuse anything else. Below every domain app, so that
the notifications' API (which sits under the catalogue) follows them too."""

from collections.abc import Mapping, Sequence
from typing import Any

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiResponse, extend_schema_field
from rest_framework import serializers
from rest_framework import serializers as drf
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
