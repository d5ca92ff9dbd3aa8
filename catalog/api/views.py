"""The API's viewsets (DESIGN §5): regions, categories, agencies, businesses, products,
flagships and the rubric, read by everyone; products, businesses and agencies' members written
through the mixins of `write`, `collaborations` and `members`.

Every queryset starts from the model's own visibility rule (`visible_to`, `published`,
`current`, `active`), so an object a client may not see answers 404 here exactly as on the
pages. Reading is open to everyone; the default permission, `IsAuthenticatedOrReadOnly`, runs
before the method check, so an anonymous write answers 401 (with `WWW-Authenticate: Token`)
rather than 405.
"""

import django_filters as filters
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework import mixins, viewsets
from rest_framework.exceptions import ValidationError
from rest_framework.filters import BaseFilterBackend, OrderingFilter

from agencies.models import Agency
from catalog.filters import ProductFilter
from catalog.models import Business, Category, Criterion, Designation, Product, Region
from catalog.search import clean_query, search_products
from umkm_portal import public_cache

from . import serializers
from .collaborations import ProductCollaborationsMixin
from .members import AgencyMembersMixin
from .write import BusinessWriteMixin, ProductWriteMixin

# Filters ----------------------------------------------------------------------------------------


class BusinessFilter(filters.FilterSet):
    region = filters.ModelChoiceFilter(
        queryset=Region.objects.all(), to_field_name="slug", label=_("region")
    )


class TextSearchFilter(BaseFilterBackend):
    """`?search=`: the view's `search(queryset, text)` decides what matches and in which order.

    The text is cleaned first (control characters, length), so no client input reaches the
    database as it came."""

    param = "search"

    def filter_queryset(self, request, queryset, view):
        text = clean_query(request.query_params.get(self.param))
        return view.search(queryset, text) if text else queryset

    def get_schema_operation_parameters(self, view):
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

    def remove_invalid_fields(self, queryset, fields, view, request):
        valid = super().remove_invalid_fields(queryset, fields, view, request)
        if len(valid) < len(fields):
            raise ValidationError({self.ordering_param: [self.choices_text(view)]})
        return valid

    def get_schema_operation_parameters(self, view):
        [parameter] = super().get_schema_operation_parameters(view)
        return [{**parameter, "description": str(self.choices_text(view))}]

    @staticmethod
    def choices_text(view) -> str:
        return _("Order by %(fields)s, each optionally preceded by “-” for descending order.") % {
            "fields": ", ".join(view.ordering_fields)
        }

    def filter_queryset(self, request, queryset, view):
        ordering = self.get_ordering(request, queryset, view)
        return queryset.order_by(*ordering, "pk") if ordering else queryset


# Views ------------------------------------------------------------------------------------------


class PublicCacheMixin:
    """An anonymous client's list and detail answers come from the public cache when it holds
    them (umkm_portal.public_cache). Throttling, which runs before the action, still counts them."""

    def list(self, request, *args, **kwargs):
        cached = public_cache.fetch(request)
        return cached if cached is not None else super().list(request, *args, **kwargs)

    def retrieve(self, request, *args, **kwargs):
        cached = public_cache.fetch(request)
        return cached if cached is not None else super().retrieve(request, *args, **kwargs)

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if self.action in ("list", "retrieve"):
            public_cache.store(request, response)
        return response


class ListViewSet(PublicCacheMixin, mixins.ListModelMixin, viewsets.GenericViewSet):
    """GET list. JSON only (settings), errors included: the API's HTML face is `docs/`."""


class ReadOnlyViewSet(ListViewSet, mixins.RetrieveModelMixin):
    """GET list and GET detail by slug. (The retrieve mixin comes last, so that the public
    cache sees the detail answers too.)"""

    lookup_field = "slug"


class RegionViewSet(ListViewSet):
    queryset = Region.objects.all()
    serializer_class = serializers.RegionSerializer


class CategoryViewSet(ListViewSet):
    queryset = Category.objects.all()
    serializer_class = serializers.CategorySerializer


class CriterionViewSet(ListViewSet):
    """The flagship rubric: active criteria, in their order."""

    queryset = Criterion.objects.active()
    serializer_class = serializers.CriterionSerializer


class AgencyViewSet(AgencyMembersMixin, ReadOnlyViewSet):
    queryset = Agency.objects.all()
    serializer_class = serializers.AgencySerializer


class BusinessViewSet(BusinessWriteMixin, ReadOnlyViewSet):
    """Active businesses; inactive ones too for their registering agency and administrators.
    Registered, changed and deactivated through `BusinessWriteMixin`."""

    serializer_class = serializers.BusinessSerializer
    filterset_class = BusinessFilter
    filter_backends = [DjangoFilterBackend, TextSearchFilter]

    def get_queryset(self):
        return (
            Business.objects.visible_to(self.request.user)
            .select_related("region", "registering_agency")
            .order_by("name", "pk")
        )

    def search(self, queryset: QuerySet[Business], text: str) -> QuerySet[Business]:
        return queryset.filter(name__icontains=text)


class ProductViewSet(ProductWriteMixin, ProductCollaborationsMixin, ReadOnlyViewSet):
    """Published products; drafts and archived ones too for their curating agencies and
    administrators. Newest first, or most relevant first when searching, unless `ordering`
    says otherwise. Written through `ProductWriteMixin`, opened to other agencies through
    `ProductCollaborationsMixin`."""

    serializer_class = serializers.ProductSerializer
    filterset_class = ProductFilter
    filter_backends = [DjangoFilterBackend, TextSearchFilter, AllowListOrderingFilter]
    ordering_fields = ["name", "price_min", "created_at"]

    def get_queryset(self):
        products = Product.objects.visible_to(self.request.user).order_by("-created_at", "pk")
        if self.action in ("list", "retrieve"):
            return serializers.ProductSerializer.with_related(products)
        return products.select_related("business")  # a write answers with the product re-read

    def search(self, queryset: QuerySet[Product], text: str) -> QuerySet[Product]:
        products, _fuzzy = search_products(queryset, text)
        return products


class FlagshipViewSet(ListViewSet, mixins.RetrieveModelMixin):
    """Designations in force today, of products the public can see; by id."""

    serializer_class = serializers.FlagshipSerializer

    def get_queryset(self):
        return (
            Designation.objects.current()
            .filter(product__in=Product.objects.published())
            .select_related("product")
        )
