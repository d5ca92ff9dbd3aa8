"""`support/dashboard/` under /api/v1/ (DESIGN §8): the development dashboard's numbers.
Outside the catalogue's `api` namespace, so the name carries `api-`."""

from django.urls import path

from . import dashboard

urlpatterns = [
    path(
        "support/dashboard/",
        dashboard.SupportDashboardView.as_view(),
        name="api-support-dashboard",
    ),
]
