"""/ruang-kerja/: the development dashboard, the lists behind its figures, and the export of
services and participations."""

from django.urls import path

from workspace.partner_staff import agency_work
from workspace.views import support_dashboard, support_exports

urlpatterns = [
    path("pembinaan/", support_dashboard.dashboard, name="workspace-support-dashboard"),
    path(
        "pembinaan/unduh/",
        support_dashboard.dashboard_csv,
        name="workspace-support-dashboard-csv",
    ),
    path(
        "pembinaan/daftar/<slug:figure>/",
        support_dashboard.dashboard_list,
        name="workspace-support-dashboard-list",
    ),
    path(
        "pembinaan/daftar/<slug:figure>/unduh/",
        support_dashboard.dashboard_list_csv,
        name="workspace-support-dashboard-list-csv",
    ),
    path("ekspor/pembinaan/", support_exports.export_support, name="workspace-export-support"),
]

#: Agency work: a partner's staff is refused (workspace/partner_staff.py).
urlpatterns = agency_work(urlpatterns)
