"""What the API only reads (docs/architecture.md §5): regions, categories and the flagship
rubric, as lists."""

from rest_framework import mixins, viewsets

from catalog.models import Category, Criterion, Region

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
