"""/ruang-kerja/: the staff workspace. Each area keeps its own addresses."""

from django.urls import include, path

urlpatterns = [
    path("", include("workspace.urls_dashboard")),
    path("", include("workspace.urls_catalogue")),
    path("", include("workspace.urls_data")),
    path("", include("workspace.urls_flagship")),
]
