"""/ruang-kerja/umkm/<slug>/pembinaan/: a business's development record, and recording and
verifying its progress (snapshots: `data-usaha`, milestones: `capaian`)."""

from django.urls import path

from workspace.partner_staff import agency_work
from workspace.views import support_progress, support_record

R = "umkm/<slug:slug>/pembinaan/"

urlpatterns = [
    path(R, support_record.business_support, name="workspace-business-support"),
    path(
        R + "data-usaha/baru/", support_progress.snapshot_create, name="workspace-snapshot-create"
    ),
    path(
        R + "data-usaha/<int:pk>/verifikasi/",
        support_progress.snapshot_verify,
        name="workspace-snapshot-verify",
    ),
    path(R + "capaian/baru/", support_progress.milestone_create, name="workspace-milestone-create"),
    path(
        R + "capaian/<int:pk>/verifikasi/",
        support_progress.milestone_verify,
        name="workspace-milestone-verify",
    ),
]

#: Agency work: a partner's staff is refused (workspace/partner_staff.py).
urlpatterns = agency_work(urlpatterns)
