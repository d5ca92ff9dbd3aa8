"""/ruang-kerja/: the work records of the development record — activities and their
participants, services, referrals. `baru/` comes before `<id>/`, as elsewhere."""

from django.urls import path

from workspace.partner_staff import agency_work
from workspace.views import support_activities as activities
from workspace.views import support_referrals as referrals
from workspace.views import support_services as services

A = "kegiatan/<int:pk>/"
S = "layanan/<int:pk>/"
R = "rujukan/<int:pk>/"

urlpatterns = [
    path("kegiatan/", activities.activity_list, name="workspace-activities"),
    path("kegiatan/baru/", activities.activity_create, name="workspace-activity-create"),
    path(A, activities.activity_page, name="workspace-activity"),
    path(A + "ubah/", activities.activity_edit, name="workspace-activity-edit"),
    path(A + "batal/", activities.activity_cancel, name="workspace-activity-cancel"),
    path(A + "peserta/", activities.participants_add, name="workspace-participants-add"),
    path(A + "kehadiran/", activities.attendance, name="workspace-attendance"),
    path(
        A + "peserta/<int:participation>/hapus/",
        activities.participation_remove,
        name="workspace-participation-remove",
    ),
    path("layanan/", services.service_list, name="workspace-services"),
    path("layanan/baru/", services.service_create, name="workspace-service-create"),
    path(S, services.service_page, name="workspace-service"),
    path(S + "ubah/", services.service_edit, name="workspace-service-edit"),
    path(S + "batal/", services.service_void, name="workspace-service-void"),
    path("rujukan/", referrals.referral_list, name="workspace-referrals"),
    path("rujukan/baru/", referrals.referral_create, name="workspace-referral-create"),
    path(R, referrals.referral_page, name="workspace-referral"),
    *(
        path(
            R + f"{address}/",
            referrals.referral_step,
            {"step": step},
            name=f"workspace-referral-{address}",
        )
        for address, step in referrals.STEP_PATHS.items()
    ),
]

#: Referrals are agency work: a partner's staff is refused (workspace/partner_staff.py).
urlpatterns = [
    *(pattern for pattern in urlpatterns if not str(pattern.pattern).startswith("rujukan/")),
    *agency_work(p for p in urlpatterns if str(p.pattern).startswith("rujukan/")),
]
