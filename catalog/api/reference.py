"""What the API only reads (docs/architecture.md §5): regions, categories, the flagship rubric and
the flagships in force. Every queryset starts from the model's own visibility rule (`current`,
`active`, `published`), so what the pages do not show answers 404 here too."""

from django.db.models import QuerySet
from rest_framework import mixins, viewsets

from catalog.models import Category, Criterion, Designation, Product, Region

from . import serializers
from .base import PublicCacheMixin


class ListViewSet(PublicCacheMixin, mixins.ListModelMixin, viewsets.GenericViewSet):
    """GET list. JSON only (settings), errors included: the API's HTML face is `docs/`."""


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


class FlagshipViewSet(
    PublicCacheMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """Designations in force today, of products the public can see; by id."""

    serializer_class = serializers.FlagshipSerializer

    def get_queryset(self) -> QuerySet[Designation]:
        return (
            Designation.objects.current()
            .filter(product__in=Product.objects.published())
            .select_related("product")
        )
