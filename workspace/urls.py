"""/ruang-kerja/: the staff workspace. Each area keeps its own addresses."""

from django.urls import include, path

from workspace.views import audit

urlpatterns = [
    path("", include("workspace.urls_dashboard")),
    path("", include("workspace.urls_catalogue")),
    path("", include("workspace.urls_data")),
    path("", include("workspace.urls_flagship")),
    path("", include("workspace.urls_support")),
    path("", include("workspace.urls_support_record")),
    path("", include("workspace.urls_support_dashboard")),
    path("", include("workspace.urls_partnerships")),
    path("", include("workspace.urls_notifications")),
    path("", include("workspace.urls_profile")),
    path("audit/", audit.audit_log, name="workspace-audit"),
]
