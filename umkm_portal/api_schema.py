"""The schema says every answer an operation can give (docs/architecture.md §5), including
those that come from the conventions rather than from the operation itself, and shows public
reads as public.

- every operation: 401 (a wrong token is refused even where reading is open) and 429 (throttles);
- a list, or a page of a sub-collection: 400 (an unknown or malformed query parameter) and
  404 (a page past the last);
- an operation with an object in its address: 404;
- an operation with a body: 400 (a body that is no JSON object), 413 (larger than allowed);
  a POST also 422 (an `Idempotency-Key` reused with another body).

Operations that anonymous clients may call carry `security: []`, which Swagger UI shows without
a lock; signing in still shows more (drafts of one's agencies), as their descriptions say."""

from typing import Any

from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import OpenApiResponse
from rest_framework import permissions

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

    def _conventional_codes(self, operation: dict[str, Any]) -> set[int]:
        codes = {401, 429}
        parameters = operation.get("parameters", ())
        paged = any(p["in"] == "query" and p["name"] == "page" for p in parameters)
        if self.method == "GET" and (paged or self._is_list_view()):
            codes |= {400, 404}
        if any(parameter["in"] == "path" for parameter in parameters):
            codes.add(404)
        if "requestBody" in operation:
            codes |= {400, 413}
        if self.method == "POST":
            codes.add(422)
        return codes

    def _is_public(self) -> bool:
        """Whether an anonymous client may call it (drf-spectacular lists `{}` among the
        security requirements then)."""
        return self.method in permissions.SAFE_METHODS and {} in self.get_auth()
