"""/api/v1/ for the development record (DESIGN §8 addresses). Each part keeps its own routes."""

from django.urls import include, path

urlpatterns = [
    path("", include("support.api.urls_work")),
    path("", include("support.api.urls_record")),
    path("", include("support.api.urls_dashboard")),
    path("", include("support.api.partnerships_urls")),
]
