"""The schema says every answer an operation can give (docs/architecture.md §5), including
those that come from the conventions rather than from the operation itself, and shows public
reads as public.

- every operation: 401 (a wrong token is refused even where reading is open) and 429 (throttles);
- a list, or a page of a sub-collection: 400 (an unknown or malformed query parameter) and
  404 (a page past the last);
- an operation with an object in its address: 404;
- an operation with a body: 400 (a body that is no JSON object), 413 (larger than allowed),
  415 (a `Content-Type` it does not read, or a form body it cannot parse as one);
  a POST also 422 (an `Idempotency-Key` reused with another body).

Operations that anonymous clients may call carry `security: []`, which Swagger UI shows without
a lock; signing in still shows more (drafts of one's agencies), as their descriptions say.

An answer's field is shown as it can be: nullable where its model's column may be null (or, for
a file, empty: DRF shows an empty file as null), even when the serializer declares the field
itself (`PrimaryKeyRelatedField(read_only=True)`, a slug), and a web address that may be left
empty ("") is a string without `format: uri`. Schemathesis found each of these (tests/fuzz)."""

from typing import Any, get_args, get_type_hints

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import OpenApiResponse
from rest_framework import permissions
from rest_framework import serializers as drf

from umkm_portal.api import ERRORS


class PortalAutoSchema(AutoSchema):
    def get_operation(self, *args: Any, **kwargs: Any) -> dict[str, Any] | None:
        operation = super().get_operation(*args, **kwargs)
        if operation is None:
            return None
        for code in sorted(self._conventional_codes(operation)):
            if str(code) not in operation["responses"]:
                schema, description = ERRORS[code]
                operation["responses"][str(code)] = self._get_response_for_code(
                    OpenApiResponse(schema, description=description), str(code)
                )
        operation["responses"] = dict(sorted(operation["responses"].items()))
        if self._is_public():
            operation["security"] = []
        return operation

    def _map_serializer_field(
        self, field: Any, direction: str, bypass_extensions: bool = False
    ) -> dict[str, Any]:
        schema = super()._map_serializer_field(field, direction, bypass_extensions)
        if direction != "response":
            return schema
        column = _model_field(field)
        if not getattr(field, "allow_null", False) and (
            (column is not None and _may_be_null(column)) or _method_may_give_none(field)
        ):
            schema = {**schema, "nullable": True}
        return schema

    def _insert_field_validators(self, field: Any, schema: dict[str, Any]) -> None:
        super()._insert_field_validators(field, schema)
        column = _model_field(field)
        blank = getattr(field, "allow_blank", False) or (column is not None and column.blank)
        if schema.get("format") == "uri" and blank:
            del schema["format"]  # "" is a valid answer (and input) too

    def _conventional_codes(self, operation: dict[str, Any]) -> set[int]:
        codes = {401, 429}
        parameters = operation.get("parameters", ())
        paged = any(p["in"] == "query" and p["name"] == "page" for p in parameters)
        if self.method == "GET" and (paged or self._is_list_view()):
            codes |= {400, 404}
        if any(parameter["in"] == "path" for parameter in parameters):
            codes.add(404)
        if "requestBody" in operation:
            codes |= {400, 413, 415}
        if self.method == "POST":
            codes.add(422)
        return codes

    def _is_public(self) -> bool:
        """Whether an anonymous client may call it (drf-spectacular lists `{}` among the
        security requirements then)."""
        return self.method in permissions.SAFE_METHODS and {} in self.get_auth()


def _model_field(field: Any) -> models.Field | None:
    """The model column a serializer's field shows, when it shows one of its model's own."""
    meta = getattr(getattr(field, "parent", None), "Meta", None)
    model = getattr(meta, "model", None)
    source = getattr(field, "source", None)
    if model is None or not source or "." in source or source == "*":
        return None
    try:
        column = model._meta.get_field(source)
    except FieldDoesNotExist:
        return None
    return column if isinstance(column, models.Field) else None


def _may_be_null(column: models.Field) -> bool:
    return bool(column.null) or (isinstance(column, models.FileField) and column.blank)


def _method_may_give_none(field: Any) -> bool:
    """Whether a `SerializerMethodField`'s method says it may answer None (`-> str | None`)."""
    if not isinstance(field, drf.SerializerMethodField) or field.parent is None:
        return False
    method = getattr(field.parent, field.method_name, None)
    try:
        answer = get_type_hints(method).get("return") if method is not None else None
    except Exception:  # a hint that cannot be resolved says nothing
        return False
    return answer is not None and type(None) in get_args(answer)
