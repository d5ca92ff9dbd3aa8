"""The flagship workflow in the workspace: nominations, their assessment record, designations."""

from django.urls import path

from workspace.partner_staff import agency_work
from workspace.views import designations, nomination_record, nominations

urlpatterns = [
    path("usulan/", nominations.nomination_list, name="workspace-nominations"),
    path("usulan/baru/", nominations.nomination_create, name="workspace-nomination-create"),
    path("usulan/<int:pk>/", nominations.nomination_detail, name="workspace-nomination"),
    path(
        "usulan/<int:pk>/ubah/", nominations.nomination_update, name="workspace-nomination-update"
    ),
    path(
        "usulan/<int:pk>/nilai/", nominations.nomination_assess, name="workspace-nomination-assess"
    ),
    path(
        "usulan/<int:pk>/langkah/<slug:action>/",
        nominations.nomination_act,
        name="workspace-nomination-act",
    ),
    path(
        "usulan/<int:pk>/berita-acara/",
        nomination_record.nomination_record,
        name="workspace-nomination-record",
    ),
    path("unggulan/", designations.designation_list, name="workspace-designations"),
    path(
        "unggulan/<int:pk>/cabut/",
        designations.designation_revoke,
        name="workspace-designation-revoke",
    ),
]

#: Agency work: a partner's staff is refused (workspace/partner_staff.py).
urlpatterns = agency_work(urlpatterns)
