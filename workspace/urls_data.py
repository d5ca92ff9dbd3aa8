"""/ruang-kerja/: spreadsheet exports and imports, their background jobs, and statistics."""

from django.urls import path

from workspace.partner_staff import agency_work
from workspace.views import exports, imports, jobs, statistics

urlpatterns = [
    path("ekspor/produk/", exports.export_products, name="workspace-export-products"),
    path("ekspor/umkm/", exports.export_businesses, name="workspace-export-businesses"),
    path("impor/produk/", imports.import_products, name="workspace-import-products"),
    path("impor/umkm/", imports.import_businesses, name="workspace-import-businesses"),
    path(
        "impor/produk/templat/",
        exports.import_template,
        {"kind": "products"},
        name="workspace-import-template-products",
    ),
    path(
        "impor/umkm/templat/",
        exports.import_template,
        {"kind": "businesses"},
        name="workspace-import-template-businesses",
    ),
    path("tugas-latar/", jobs.job_list, name="workspace-jobs"),
    path("tugas-latar/<int:pk>/", jobs.job_detail, name="workspace-job"),
    path("tugas-latar/<int:pk>/status/", jobs.job_status, name="workspace-job-status"),
    path("tugas-latar/<int:pk>/unduh/", jobs.job_download, name="workspace-job-download"),
    path("statistik/", statistics.statistics, name="workspace-statistics"),
    path("statistik/unduh/", statistics.statistics_csv, name="workspace-statistics-csv"),
]

#: Agency work: a partner's staff is refused (workspace/partner_staff.py).
urlpatterns = agency_work(urlpatterns)
