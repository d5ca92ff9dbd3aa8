"""What the API's resource modules share (docs/architecture.md §5): the documented error answers,
reading a payload, the agency a user acts for, the search and ordering backends, the public cache
and the shape of a sub-collection (`products/<slug>/collaborations/`, `agencies/<slug>/members/`).

The order in which a client learns what is wrong is the same everywhere: 401 (the permission
classes) → 404 (`get_object()` from `visible_to(user)`) → 403 (the rule, asked before the payload
is read) → 409 (is it allowed now) → 400 (is the payload valid). Reading is open to everyone;
the default permission, `IsAuthenticatedOrReadOnly`, runs before the method check, so an
anonymous write answers 401 (with `WWW-Authenticate: Token`) rather than 405.

The viewsets name their building blocks outright (`PublicCacheMixin`, DRF's list and retrieve
mixins, `GenericViewSet`) and define their writes themselves, so that a resource reads whole in
its own module.
"""

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Protocol, TypeVar, cast

from django.db.models import Model, QuerySet
from django.http.response import HttpResponseBase
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework import serializers as drf
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.filters import BaseFilterBackend, OrderingFilter
from rest_framework.generics import GenericAPIView
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from agencies.models import Agency
from catalog import rules
from catalog.search import clean_query
from umkm_portal.api import ERRORS as ERRORS
from umkm_portal.api import FIELD_ERRORS as FIELD_ERRORS
from umkm_portal.api import ErrorSerializer as ErrorSerializer
from umkm_portal.api import answers as answers
from umkm_portal.public_cache import pages as page_cache
from umkm_portal.services import require
from umkm_portal.signed_in import SignedInRequest

if TYPE_CHECKING:  # the model AUTH_USER_MODEL names, as the Django plugin resolves it
    from django.contrib.auth.models import User

M = TypeVar("M", bound=Model)
Row = TypeVar("Row")
#: A rule that says whether a user may create something for an agency (catalog.rules).
AgencyRule = Callable[["User", Agency], bool]

# Documented answers -----------------------------------------------------------------------------


# Reading a payload ------------------------------------------------------------------------------


def payload(request: Request) -> Mapping[str, Any]:
    """The request's body as a mapping (empty when it is something else, which the serializer
    then reports as a 400)."""
    return request.data if isinstance(request.data, Mapping) else {}


def validated(
    serializer_class: type[drf.BaseSerializer], request: Request, **kwargs: Any
) -> dict[str, Any]:
    serializer = serializer_class(data=request.data, context={"request": request}, **kwargs)
    serializer.is_valid(raise_exception=True)
    return dict(serializer.validated_data)


def find_agency(slug: object) -> Agency | None:
    """The agency with this slug, or None — also for values that cannot be a slug (a NUL byte
    would make PostgreSQL refuse the query)."""
    if not isinstance(slug, str) or not slug or "\x00" in slug or len(slug) > 80:
        return None
    return Agency.objects.filter(slug=slug).first()


def acting_agency(
    request: SignedInRequest,
    field: str,
    *,
    may_act: AgencyRule,
    may_act_at_all: Callable[["User"], bool] | None = None,
) -> Agency:
    """The agency a user creates something for: the one named in `field`, or the only agency
    where they edit. `may_act(user, agency)` is the rule; a user who may create nothing at all
    is refused before the payload is looked at: `may_act_at_all(user)` says who, by default
    whoever edits for an agency or administers (another app passes its own rule)."""
    user = request.user
    require(may_act_at_all(user) if may_act_at_all else rules.acting_agencies(user).exists())
    slug = payload(request).get(field)
    agency: Agency | None
    if slug in (None, ""):
        agencies = list(rules.editing_agencies(user)[:2])
        if len(agencies) != 1:
            raise ValidationError({field: [_("Choose the agency you act for.")]})
        agency = agencies[0]
    else:
        agency = find_agency(slug)
        if agency is None:
            raise ValidationError({field: [_("Unknown agency.")]})
    require(may_act(user, agency))
    return agency


def creation(
    request: SignedInRequest,
    serializer_class: type[drf.BaseSerializer],
    field: str,
    *,
    may_act: AgencyRule,
    may_act_at_all: Callable[["User"], bool] | None = None,
) -> tuple[Agency, dict[str, Any]]:
    """What a create asks for: the acting agency named in `field` (403 first) and the rest of the
    payload, validated by `serializer_class` (400)."""
    agency = acting_agency(request, field, may_act=may_act, may_act_at_all=may_act_at_all)
    fields = validated(serializer_class, request)
    fields.pop(field, None)
    return agency, fields


# Search and order -------------------------------------------------------------------------------


class Searchable(Protocol):
    """A view that `TextSearchFilter` serves."""

    def search(self, queryset: QuerySet[M, Row], text: str) -> QuerySet[M, Row]: ...


class Ordered(Protocol):
    """A view that `AllowListOrderingFilter` serves."""

    ordering_fields: Sequence[str]


class TextSearchFilter(BaseFilterBackend):
    """`?search=`: the view's `search(queryset, text)` decides what matches and in which order.

    The text is cleaned first (control characters, length), so no client input reaches the
    database as it came."""

    param = "search"

    def filter_queryset(
        self, request: Request, queryset: QuerySet[M, Row], view: APIView
    ) -> QuerySet[M, Row]:
        text = clean_query(request.query_params.get(self.param))
        # Only views with a `search` list this backend.
        return cast(Searchable, view).search(queryset, text) if text else queryset

    def get_schema_operation_parameters(self, view: APIView) -> list[dict[str, Any]]:
        return [
            {
                "name": self.param,
                "required": False,
                "in": "query",
                "description": str(_("Text to search for.")),
                "schema": {"type": "string"},
            }
        ]


class AllowListOrderingFilter(OrderingFilter):
    """`?ordering=` from the view's `ordering_fields`, each optionally with `-`.

    Anything else answers 400 instead of being silently dropped (a typo must not look like a
    working order, nor may a client order by a field it cannot see). The primary key breaks
    ties, so that consecutive pages neither overlap nor skip."""

    def remove_invalid_fields(
        self, queryset: QuerySet, fields: Iterable[str], view: APIView, request: Request
    ) -> list[str]:
        asked = list(fields)
        valid = super().remove_invalid_fields(queryset, asked, view, request)
        if len(valid) < len(asked):
            raise ValidationError({self.ordering_param: [self.choices_text(view)]})
        return valid

    def get_schema_operation_parameters(self, view: APIView) -> list[dict[str, Any]]:
        [parameter] = super().get_schema_operation_parameters(view)
        return [{**parameter, "description": str(self.choices_text(view))}]

    @staticmethod
    def choices_text(view: APIView) -> str:
        # Only views with `ordering_fields` list this backend.
        return _("Order by %(fields)s, each optionally preceded by “-” for descending order.") % {
            "fields": ", ".join(cast(Ordered, view).ordering_fields)
        }

    def filter_queryset(
        self, request: Request, queryset: QuerySet[M, Row], view: APIView
    ) -> QuerySet[M, Row]:
        ordering = self.get_ordering(request, queryset, view)
        return queryset.order_by(*ordering, "pk") if ordering else queryset


# The public cache -------------------------------------------------------------------------------


if TYPE_CHECKING:  # what the viewsets it is mixed into give it

    class _CachedViewSet(
        mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
    ): ...

else:
    _CachedViewSet = object


class PublicCacheMixin(_CachedViewSet):
    """An anonymous client's list and detail answers come from the public cache when it holds
    them (umkm_portal.public_cache.pages). Throttling, which runs before the action, still counts
    them.

    A cached answer is a plain HttpResponse, which DRF accepts wherever it takes a Response;
    its stubs do not, hence the ignores below."""

    def list(self, request: Request, *args: Any, **kwargs: Any) -> HttpResponseBase:  # type: ignore[override]
        cached = page_cache.fetch(request)
        return cached if cached is not None else super().list(request, *args, **kwargs)

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> HttpResponseBase:  # type: ignore[override]
        cached = page_cache.fetch(request)
        return cached if cached is not None else super().retrieve(request, *args, **kwargs)

    def finalize_response(  # type: ignore[override]
        self, request: Request, response: HttpResponseBase, *args: Any, **kwargs: Any
    ) -> HttpResponseBase:
        response = super().finalize_response(request, response, *args, **kwargs)  # type: ignore[arg-type]
        if self.action in ("list", "retrieve"):
            page_cache.store(request, response)
        return response


# Sub-collections --------------------------------------------------------------------------------


def sub_collection(
    url_path: str,
    *,
    item: type[drf.Serializer],
    listing: str | Promise,
    list_errors: tuple[int, ...],
    new: type[drf.Serializer],
    adding: str | Promise,
) -> Callable:
    """A detail action for signed-in users: GET `url_path` answers a page of `item`s (described
    by `listing`), POST adds one from a `new` payload and answers it, 201 (described by
    `adding`). A POST may also answer 400, 401, 403, 404 and 409."""

    def decorate(function: Callable) -> Callable:
        function = action(
            detail=True,
            methods=["get", "post"],
            url_path=url_path,
            permission_classes=[IsAuthenticated],
        )(function)
        function = extend_schema(
            methods=["POST"],
            request=new,
            responses=answers({201: item}, 400, 401, 403, 404, 409),
            description=adding,
        )(function)
        return extend_schema(
            methods=["GET"],
            responses=answers({200: item(many=True)}, *list_errors),
            description=listing,
        )(function)

    return decorate


def page_of(
    view: GenericAPIView[Any], queryset: QuerySet[Any], serializer_class: type[drf.Serializer]
) -> Response:
    """One page of `queryset` in the view's pagination, each row shown by `serializer_class`."""
    page = view.paginate_queryset(queryset)
    return view.get_paginated_response(serializer_class(page, many=True).data)


def added(instance: Any, serializer_class: type[drf.Serializer]) -> Response:
    """A new row of a sub-collection, as the answer to its POST."""
    return Response(serializer_class(instance).data, status=status.HTTP_201_CREATED)
