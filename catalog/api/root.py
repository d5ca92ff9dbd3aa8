"""`/api/v1/`: where a client starts — every collection's address, the schema and its
documentation. Read from the address configuration, so that a new resource is listed without
anyone remembering to."""

from collections.abc import Iterator

from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from umkm_portal.api import answers

PREFIX = "api/v1/"

ROOT_SCHEMA = {
    "type": "object",
    "properties": {
        "resources": {
            "type": "object",
            "description": _("The address of each collection, by name."),
            "additionalProperties": {"type": "string", "format": "uri"},
        },
        "schema": {"type": "string", "format": "uri"},
        "docs": {"type": "string", "format": "uri"},
        "portal": {"type": "string", "format": "uri"},
    },
    "required": ["resources", "schema", "docs", "portal"],
}


class ApiRootView(APIView):
    permission_classes = [AllowAny]

    @extend_schema(
        tags=["root"],
        responses=answers(
            {200: OpenApiResponse(ROOT_SCHEMA, description=_("The API's collections."))}
        ),
        description=_("The collections of the API, its OpenAPI schema and its documentation."),
    )
    def get(self, request: Request) -> Response:
        absolute = request.build_absolute_uri
        return Response(
            {
                "resources": {
                    route.removesuffix("/"): absolute(f"/{PREFIX}{route}")
                    for route in sorted(collections())
                },
                "schema": absolute(reverse("api:schema")),
                "docs": absolute(reverse("api:docs")),
                "portal": absolute("/"),
            }
        )


def collections() -> set[str]:
    """The routes under /api/v1/ of every list (`…-list`) that takes no argument."""
    return {
        route.removeprefix(PREFIX)
        for route, name in _routes(get_resolver().url_patterns, "")
        if route.startswith(PREFIX) and name.endswith("-list") and "<" not in route
    }


def _routes(patterns: list, prefix: str) -> Iterator[tuple[str, str]]:
    for pattern in patterns:
        route = prefix + str(pattern.pattern).removeprefix("^").removesuffix("$")
        if isinstance(pattern, URLResolver):
            yield from _routes(pattern.url_patterns, route)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield route, pattern.name
