"""Addresses of the API under /api/v1/ (DESIGN §5), in the namespace `api`: `api:product-list`,
`api:product-detail`, `api:schema`... (the pages already use the plain names)."""

from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import SimpleRouter

from . import auth, collaborations, nominations, views

app_name = "api"

# SimpleRouter, not DefaultRouter: no root view and no format suffixes, only the addresses the
# design lists.
router = SimpleRouter()
router.register("regions", views.RegionViewSet, basename="region")
router.register("categories", views.CategoryViewSet, basename="category")
router.register("agencies", views.AgencyViewSet, basename="agency")
router.register("businesses", views.BusinessViewSet, basename="business")
router.register("products", views.ProductViewSet, basename="product")
router.register("flagships", views.FlagshipViewSet, basename="flagship")
router.register("criteria", views.CriterionViewSet, basename="criterion")
router.register("collaborations", collaborations.CollaborationViewSet, basename="collaboration")
router.register("nominations", nominations.NominationViewSet, basename="nomination")

urlpatterns = [
    path("auth/token/", auth.TokenView.as_view(), name="token"),
    *router.urls,
    path(
        "flagships/<int:pk>/revoke/",
        nominations.RevokeDesignation.as_view(),
        name="flagship-revoke",
    ),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    # The split view loads its script from a URL instead of inlining it, so the
    # Content-Security-Policy `default-src 'self'` holds.
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema"), name="docs"),
]
