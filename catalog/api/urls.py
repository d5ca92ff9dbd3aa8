"""Addresses of the API under /api/v1/ (docs/architecture.md §5), in the namespace `api`:
`api:product-list`, `api:product-detail`, `api:schema`... (the pages already use the plain
names). Each resource's viewset, reads and writes together, is in a module of its own."""

from collections.abc import Callable
from typing import Any

from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import SimpleRouter

from . import (
    agencies,
    auth,
    businesses,
    collaborations,
    flagships,
    nominations,
    products,
    reference,
    root,
)

app_name = "api"

# SimpleRouter, not DefaultRouter: no root view and no format suffixes, only the addresses the
# design lists.
router = SimpleRouter()
router.register("agencies", agencies.AgencyViewSet, basename="agency")
router.register("businesses", businesses.BusinessViewSet, basename="business")
router.register("products", products.ProductViewSet, basename="product")
router.register("flagships", flagships.FlagshipViewSet, basename="flagship")
router.register("collaborations", collaborations.CollaborationViewSet, basename="collaboration")
router.register("nominations", nominations.NominationViewSet, basename="nomination")


def listed(viewset, basename: str) -> Callable[..., Any]:
    """A list without a detail address. Registered with the router, `PublicCacheMixin`'s
    `retrieve` would give the viewset one, answering 500 for want of an object to show."""
    return viewset.as_view({"get": "list"}, basename=basename, detail=False)


urlpatterns = [
    path("", root.ApiRootView.as_view(), name="root"),
    path("auth/token/", auth.TokenView.as_view(), name="token"),
    path("regions/", listed(reference.RegionViewSet, "region"), name="region-list"),
    path("categories/", listed(reference.CategoryViewSet, "category"), name="category-list"),
    path("criteria/", listed(reference.CriterionViewSet, "criterion"), name="criterion-list"),
    *router.urls,
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    # The split view loads its script from a URL instead of inlining it, so the
    # Content-Security-Policy `default-src 'self'` holds.
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema"), name="docs"),
]
