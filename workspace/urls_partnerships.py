"""/ruang-kerja/kemitraan/: partners, agreements with their parties and obligations, and the
monitoring reports (DESIGN §8). `baru/` comes before `<id>/`, as elsewhere."""

from django.urls import path

from workspace.views import partnership_agreements as agreements
from workspace.views import partnership_partners as partners
from workspace.views import partnership_reports as reports
from workspace.views import partnership_steps as steps

K = "kemitraan/"
A = K + "<int:pk>/"
L = K + "laporan/<int:pk>/"
M = K + "mitra/<slug:slug>/"

urlpatterns = [
    path(K, agreements.agreement_list, name="workspace-agreements"),
    path(K + "baru/", agreements.agreement_create, name="workspace-agreement-create"),
    path(A, agreements.agreement_page, name="workspace-agreement"),
    path(A + "ubah/", agreements.agreement_edit, name="workspace-agreement-edit"),
    path(A + "pihak/", steps.party_add, name="workspace-party-add"),
    path(A + "tanda-tangan/", steps.agreement_sign, name="workspace-agreement-sign"),
    path(A + "akhiri/", steps.agreement_terminate, name="workspace-agreement-terminate"),
    path(A + "kewajiban/baru/", steps.obligation_create, name="workspace-obligation-create"),
    path(A + "laporan/baru/", reports.report_open, name="workspace-report-open"),
    path(K + "kewajiban/<int:pk>/ubah/", steps.obligation_edit, name="workspace-obligation-edit"),
    path(K + "laporan/", reports.report_list, name="workspace-reports"),
    path(L, reports.report_page, name="workspace-report"),
    path(L + "ubah/", reports.report_edit, name="workspace-report-edit"),
    path(L + "hitung-ulang/", reports.report_refresh, name="workspace-report-refresh"),
    path(L + "cetak/", reports.report_print, name="workspace-report-print"),
    *(
        path(L + f"{word}/", reports.report_step, {"step": step}, name=f"workspace-report-{word}")
        for word, step in reports.STEP_PATHS.items()
    ),
    path(K + "mitra/", partners.partner_list, name="workspace-partners"),
    path(K + "mitra/baru/", partners.partner_create, name="workspace-partner-create"),
    path(M, partners.partner_page, name="workspace-partner"),
    path(M + "ubah/", partners.partner_edit, name="workspace-partner-edit"),
]
