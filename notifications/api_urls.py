"""Addresses of the notifications under /api/v1/ (docs/architecture.md §5).

Outside the catalogue's `api` namespace (Django resolves one set of URLs per namespace), as the
development record's are, so the names carry `api-`: `api-notification-list`,
`api-notification-read`, `api-notification-read-all`, `api-notification-preferences`."""

from django.urls import path
from rest_framework.routers import SimpleRouter

from . import api

# SimpleRouter, as the catalogue's: no root view, no format suffixes; with path converters, so that
# `notifications/<int:pk>/` leaves `notifications/preferences/` alone and the schema says integer.
router = SimpleRouter(use_regex_path=False)
router.register("notifications", api.NotificationViewSet, basename="api-notification")

urlpatterns = [
    path(
        "notifications/preferences/",
        api.PreferencesView.as_view(),
        name="api-notification-preferences",
    ),
    *router.urls,
]
