"""The partnership pages of the workspace (/ruang-kerja/kemitraan/, issue 14 item 3): who may open
each page, what each POST writes, and how bad input is answered.

The world is the rights-matrix one. Diskop (`collaborator`, a leading sector) leads an active
agreement with OKE OCE (its mentor is `partner_staff`), with one obligation of OKE OCE (20
businesses mentored) and one service OKE OCE recorded under it; a draft agreement with OKE OCE;
and an agreement with the regional bank, which OKE OCE's mentor must never find."""

import datetime

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from agencies.models import Role
from support.models import (
    Agreement,
    AgreementParty,
    MonitoringReport,
    Obligation,
    Partner,
    ReportStep,
)
from tests.factories import (
    AgreementFactory,
    MonitoringReportFactory,
    ObligationFactory,
    PartnerFactory,
    PartnerMembershipFactory,
    ServiceFactory,
    UserFactory,
    signed_between,
    stage,
)
from tests.helpers import member
from tests.workspace.helpers import assert_sent_to_login, messages_of, url

CE, CM, OE, AD, PS = "collab_editor", "collab_manager", "owner_editor", "administrator", "partner"
PDF = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"
MB = 1024 * 1024


@pytest.fixture
def deal(world):
    world.people[CM] = member(world.collaborator, Role.MANAGER, username="koperasi.manajer")
    oke = PartnerFactory(name="OKE OCE Indonesia", slug="oke-oce")
    bank = PartnerFactory(name="Bank Daerah", slug="bank-daerah", kind="bank")
    world.people[PS] = PartnerMembershipFactory(
        partner=oke, user=UserFactory(username="okeoce.mentor")
    ).user
    active, agency_party, partner_party = signed_between(
        world.collaborator, oke, title="PKS Pendampingan OKE OCE"
    )
    active.stages.set([stage("pendampingan")])
    draft, *_ = signed_between(
        world.collaborator, oke, status="draft", signed_on=None, title="Draf Kerja Sama"
    )
    foreign, *_ = signed_between(world.collaborator, bank, title="Kerja Sama Bank Daerah")
    obligation = ObligationFactory(agreement=active, party=partner_party)
    service = ServiceFactory(
        business=world.business,
        agency=None,
        partner=oke,
        agreement=active,
        stage=stage("pendampingan"),
    )
    report = MonitoringReportFactory(agreement=active)
    report.lines.create(obligation=obligation, computed_figure=1)
    ReportStep.objects.create(report=report, actor=world.people[CE], to_state="draft")
    world.deal = type("Deal", (), {})()
    d = world.deal
    d.oke, d.bank, d.active, d.draft, d.foreign = oke, bank, active, draft, foreign
    d.agency_party, d.partner_party, d.obligation = agency_party, partner_party, obligation
    d.service, d.report = service, report
    return world


def client_as(client, world, who):
    if who != "anonymous":
        client.force_login(world.people[who])
    return client


def pages(w):
    d = w.deal
    return {
        "agreements": url("workspace-agreements"),
        "agreement": url("workspace-agreement", d.active.pk),
        "foreign agreement": url("workspace-agreement", d.foreign.pk),
        "new agreement": url("workspace-agreement-create"),
        "edit agreement": url("workspace-agreement-edit", d.active.pk),
        "add party": url("workspace-party-add", d.draft.pk),
        "sign": url("workspace-agreement-sign", d.draft.pk),
        "terminate": url("workspace-agreement-terminate", d.active.pk),
        "new obligation": url("workspace-obligation-create", d.active.pk),
        "edit obligation": url("workspace-obligation-edit", d.obligation.pk),
        "open report": url("workspace-report-open", d.active.pk),
        "reports": url("workspace-reports"),
        "report": url("workspace-report", d.report.pk),
        "edit report": url("workspace-report-edit", d.report.pk),
        "print report": url("workspace-report-print", d.report.pk),
        "partners": url("workspace-partners"),
        "partner": url("workspace-partner", d.oke.slug),
        "new partner": url("workspace-partner-create"),
        "edit partner": url("workspace-partner-edit", d.oke.slug),
    }


# Who opens what ---------------------------------------------------------------------------------

#: page: {person: status}. CE: editor of the lead agency; OE: editor of another agency; CM: manager
#: of the lead agency (a leading sector); AD: administrator; PS: OKE OCE's mentor.
EXPECTED = {
    "agreements": {CE: 200, OE: 200, CM: 200, AD: 200, PS: 200},
    "agreement": {CE: 200, OE: 200, CM: 200, AD: 200, PS: 200},
    "foreign agreement": {CE: 200, OE: 200, CM: 200, AD: 200, PS: 404},
    "new agreement": {CE: 403, OE: 403, CM: 200, AD: 200, PS: 403},
    "edit agreement": {CE: 403, OE: 403, CM: 200, AD: 200, PS: 403},
    "add party": {CE: 403, OE: 403, CM: 200, AD: 200, PS: 403},
    "sign": {CE: 403, OE: 403, CM: 200, AD: 200, PS: 403},
    "terminate": {CE: 403, OE: 403, CM: 200, AD: 200, PS: 403},
    "new obligation": {CE: 403, OE: 403, CM: 200, AD: 200, PS: 403},
    "edit obligation": {CE: 403, OE: 403, CM: 200, AD: 200, PS: 403},
    "open report": {CE: 200, OE: 403, CM: 200, AD: 403, PS: 403},
    "reports": {CE: 200, OE: 200, CM: 200, AD: 200, PS: 403},
    "report": {CE: 200, OE: 200, CM: 200, AD: 200, PS: 404},
    "edit report": {CE: 200, OE: 403, CM: 200, AD: 403, PS: 404},
    "print report": {CE: 200, OE: 200, CM: 200, AD: 200, PS: 404},
    "partners": {CE: 200, OE: 200, CM: 200, AD: 200, PS: 200},
    "partner": {CE: 200, OE: 200, CM: 200, AD: 200, PS: 200},
    "new partner": {CE: 403, OE: 403, CM: 200, AD: 200, PS: 403},
    "edit partner": {CE: 403, OE: 403, CM: 200, AD: 200, PS: 403},
}


@pytest.mark.parametrize("page", EXPECTED)
def test_anonymous_visitors_are_sent_to_sign_in(client, deal, page):
    assert_sent_to_login(client.get(pages(deal)[page]))


@pytest.mark.parametrize("page", EXPECTED)
@pytest.mark.parametrize("who", [CE, OE, CM, AD, PS])
def test_each_page_answers_each_person_as_the_rights_say(client, deal, page, who):
    response = client_as(client, deal, who).get(pages(deal)[page])
    assert response.status_code == EXPECTED[page][who]


def test_partner_staff_list_only_their_partners_agreements(client, deal):
    response = client_as(client, deal, PS).get(url("workspace-agreements"))
    shown = {agreement.pk for agreement in response.context["page"].object_list}
    assert shown == {deal.deal.active.pk, deal.deal.draft.pk}
    assert b"Kerja Sama Bank Daerah" not in response.content
    assert url("workspace-reports").encode() not in response.content


def test_partner_staff_open_only_their_partners_obligations(client, deal):
    foreign = deal.deal.foreign
    foreign_obligation = ObligationFactory(agreement=foreign, party=foreign.parties.first())
    client_as(client, deal, PS)
    assert client.get(url("workspace-obligation-edit", foreign_obligation.pk)).status_code == 404


def test_a_post_without_the_right_writes_nothing(client, deal):
    client_as(client, deal, CE)
    response = client.post(
        url("workspace-agreement-terminate", deal.deal.active.pk), {"reason": "x"}
    )
    assert response.status_code == 403
    deal.deal.active.refresh_from_db()
    assert deal.deal.active.status == "signed"


# The agreement page ----------------------------------------------------------------------------


def test_the_agreement_page_shows_parties_progress_records_and_reports(client, deal):
    d = deal.deal
    response = client_as(client, deal, CM).get(url("workspace-agreement", d.active.pk))
    html = response.content.decode()
    assert d.agency_party.document_number in html and d.partner_party.document_number in html
    assert '<progress max="100" value="5"' in html  # 1 of 20 businesses
    row = response.context["obligations"][0]
    assert (row["figure"], row["percent"], row["overdue"]) == (1, 5, False)
    assert url("workspace-service", d.service.pk) in html
    assert url("workspace-report", d.report.pk) in html
    assert url("workspace-obligation-edit", d.obligation.pk) in html


def test_an_overdue_obligation_below_target_is_marked(client, deal):
    d = deal.deal
    Obligation.objects.filter(pk=d.obligation.pk).update(
        due_on=timezone.localdate() - datetime.timedelta(days=1)
    )
    response = client_as(client, deal, CE).get(url("workspace-agreement", d.active.pk))
    assert response.context["obligations"][0]["overdue"] is True
    assert b"status--overdue" in response.content


# Agreements: create and edit --------------------------------------------------------------------


def agreement_data(world, **changes):
    today = timezone.localdate()
    data = {
        "lead_agency": world.collaborator.pk,
        "kind": "mou",
        "title": "Kesepakatan Bersama Kampus",
        "scope": "Pendampingan UMKM",
        "stages": [stage("pelatihan").pk],
        "valid_from": today.isoformat(),
        "valid_until": (today + datetime.timedelta(days=365)).isoformat(),
        "legal_basis": "Pergub Kep. Babel No. 48 Tahun 2018",
    }
    data.update(changes)
    return data


def test_a_manager_creates_a_draft_agreement_with_its_pdf(client, deal):
    client_as(client, deal, CM)
    data = agreement_data(
        deal, document=SimpleUploadedFile("mou.pdf", PDF), document_is_public="on"
    )
    response = client.post(url("workspace-agreement-create"), data)
    agreement = Agreement.objects.get(title="Kesepakatan Bersama Kampus")
    assert response.status_code == 302 and response.url == url("workspace-agreement", agreement.pk)
    assert agreement.status == "draft" and agreement.lead_agency == deal.collaborator
    assert agreement.created_by == deal.people[CM] and agreement.document_is_public
    assert agreement.document.read().startswith(b"%PDF-")
    assert list(agreement.stages.values_list("code", flat=True)) == ["pelatihan"]


def test_a_manager_cannot_lead_with_an_agency_they_do_not_manage(client, deal):
    client_as(client, deal, CM)
    response = client.post(
        url("workspace-agreement-create"), agreement_data(deal, lead_agency=deal.owner.pk)
    )
    assert response.status_code == 200 and "lead_agency" in response.context["form"].errors
    assert not Agreement.objects.filter(title="Kesepakatan Bersama Kampus").exists()


def test_dates_in_the_wrong_order_are_a_field_error(client, deal):
    client_as(client, deal, CM)
    today = timezone.localdate()
    data = agreement_data(deal, valid_until=(today - datetime.timedelta(days=1)).isoformat())
    response = client.post(url("workspace-agreement-create"), data)
    assert response.status_code == 200
    assert "valid_until" in response.context["form"].errors
    assert not Agreement.objects.filter(title="Kesepakatan Bersama Kampus").exists()


def test_a_pks_under_something_other_than_an_mou_is_a_field_error(client, deal):
    client_as(client, deal, CM)
    pks = AgreementFactory(kind="pks", lead_agency=deal.collaborator, title="PKS Induk")
    data = agreement_data(deal, kind="pks", parent=pks.pk)
    response = client.post(url("workspace-agreement-create"), data)
    assert response.status_code == 200
    assert "parent" in response.context["form"].errors
    assert not Agreement.objects.filter(title="Kesepakatan Bersama Kampus").exists()


def test_a_pks_under_an_mou_is_accepted(client, deal):
    client_as(client, deal, CM)
    mou = AgreementFactory(kind="mou", lead_agency=deal.collaborator)
    client.post(url("workspace-agreement-create"), agreement_data(deal, kind="pks", parent=mou.pk))
    assert Agreement.objects.get(title="Kesepakatan Bersama Kampus").parent == mou


def media_files(settings):
    root = settings.MEDIA_ROOT
    return [path for path in root.rglob("*") if path.is_file()] if root.exists() else []


def test_a_document_that_is_no_pdf_is_a_field_error_and_nothing_is_stored(client, deal, settings):
    client_as(client, deal, CM)
    data = agreement_data(deal, document=SimpleUploadedFile("mou.pdf", b"GIF89a not a pdf"))
    response = client.post(url("workspace-agreement-create"), data)
    assert response.status_code == 200
    assert response.context["form"].has_error("document", code="not_pdf")
    assert not Agreement.objects.filter(title="Kesepakatan Bersama Kampus").exists()
    assert media_files(settings) == []


def test_a_document_over_10_mb_is_a_413_with_the_field_error_and_nothing_stored(
    client, deal, settings
):
    client_as(client, deal, CM)
    big = SimpleUploadedFile("mou.pdf", b"%PDF-" + b"0" * (10 * MB))
    response = client.post(url("workspace-agreement-create"), agreement_data(deal, document=big))
    assert response.status_code == 413
    assert response.context["form"].has_error("document", code="too_large")
    assert not Agreement.objects.filter(title="Kesepakatan Bersama Kampus").exists()
    assert media_files(settings) == []


def test_replacing_the_document_with_one_over_10_mb_keeps_the_old_one(client, deal, settings):
    client_as(client, deal, CM)
    active = deal.deal.active
    big = SimpleUploadedFile("mou.pdf", b"%PDF-" + b"0" * (10 * MB))
    response = client.post(
        url("workspace-agreement-edit", active.pk),
        {**agreement_data(deal, title=active.title), "document": big},
    )
    assert response.status_code == 413
    active.refresh_from_db()
    assert not active.document and media_files(settings) == []


def test_a_manager_edits_the_agreement(client, deal):
    client_as(client, deal, CM)
    active = deal.deal.active
    data = agreement_data(
        deal,
        title="PKS Pendampingan OKE OCE 2026",
        valid_from=active.valid_from.isoformat(),
        valid_until=active.valid_until.isoformat(),
        stages=[stage("pendampingan").pk, stage("pemasaran").pk],
    )
    response = client.post(url("workspace-agreement-edit", active.pk), data)
    assert response.status_code == 302
    active.refresh_from_db()
    assert active.title == "PKS Pendampingan OKE OCE 2026"
    assert set(active.stages.values_list("code", flat=True)) == {"pendampingan", "pemasaran"}


# Parties, signing, termination -----------------------------------------------------------------


def test_a_party_is_added_to_a_draft_with_its_own_number(client, deal):
    client_as(client, deal, CM)
    draft = deal.deal.draft
    data = {
        "agency": deal.leading.pk,
        "document_number": "500/12/DISPERINDAG/2026",
        "signatory_name": "Ir. Budi",
        "signatory_title": "Kepala Dinas",
    }
    response = client.post(url("workspace-party-add", draft.pk), data)
    assert response.status_code == 302
    party = AgreementParty.objects.get(agreement=draft, agency=deal.leading)
    assert party.document_number == "500/12/DISPERINDAG/2026"
    assert party.signatory_title == "Kepala Dinas"


def test_a_party_is_an_agency_or_a_partner_not_both(client, deal):
    client_as(client, deal, CM)
    draft = deal.deal.draft
    response = client.post(
        url("workspace-party-add", draft.pk),
        {"agency": deal.leading.pk, "partner": deal.deal.bank.pk},
    )
    assert response.status_code == 200 and "agency" in response.context["form"].errors
    assert draft.parties.count() == 2


def test_parties_of_a_signed_agreement_do_not_change(client, deal):
    client_as(client, deal, CM)
    active = deal.deal.active
    response = client.post(url("workspace-party-add", active.pk), {"agency": deal.leading.pk})
    assert response.status_code == 302
    assert messages_of(response)
    assert active.parties.count() == 2


def test_signing_a_draft_with_two_parties(client, deal):
    client_as(client, deal, CM)
    draft = deal.deal.draft
    today = timezone.localdate()
    response = client.post(
        url("workspace-agreement-sign", draft.pk), {"signed_on": today.isoformat()}
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == "signed" and draft.signed_on == today


def test_signing_with_one_party_is_refused(client, deal):
    client_as(client, deal, CM)
    lonely = AgreementFactory(lead_agency=deal.collaborator, status="draft", signed_on=None)
    AgreementParty.objects.create(agreement=lonely, agency=deal.collaborator)
    response = client.post(
        url("workspace-agreement-sign", lonely.pk), {"signed_on": timezone.localdate().isoformat()}
    )
    assert response.status_code == 200 and response.context["form"].errors
    lonely.refresh_from_db()
    assert lonely.status == "draft"


def test_terminating_needs_a_reason_and_keeps_it(client, deal):
    client_as(client, deal, CM)
    active = deal.deal.active
    refused = client.post(url("workspace-agreement-terminate", active.pk), {"reason": "  "})
    assert refused.status_code == 200 and "reason" in refused.context["form"].errors
    active.refresh_from_db()
    assert active.status == "signed"
    done = client.post(url("workspace-agreement-terminate", active.pk), {"reason": "Mitra mundur"})
    assert done.status_code == 302
    active.refresh_from_db()
    assert active.status == "terminated" and active.termination_reason == "Mitra mundur"
    assert active.terminated_by == deal.people[CM]


def test_terminating_a_draft_is_a_message_not_a_change(client, deal):
    client_as(client, deal, CM)
    draft = deal.deal.draft
    response = client.post(url("workspace-agreement-terminate", draft.pk), {"reason": "x"})
    assert response.status_code == 302 and messages_of(response)
    draft.refresh_from_db()
    assert draft.status == "draft"


# Obligations ------------------------------------------------------------------------------------


def obligation_data(deal, **changes):
    data = {
        "party": deal.deal.agency_party.pk,
        "stage": stage("pelatihan").pk,
        "activity_kind": "pelatihan",
        "service_kind": "",
        "target": 30,
        "unit": "peserta",
        "due_on": deal.deal.active.valid_until.isoformat(),
        "description": "Pelatihan pengemasan",
    }
    data.update(changes)
    return data


def test_an_obligation_is_added(client, deal):
    client_as(client, deal, CM)
    response = client.post(
        url("workspace-obligation-create", deal.deal.active.pk), obligation_data(deal)
    )
    assert response.status_code == 302
    obligation = Obligation.objects.get(description="Pelatihan pengemasan")
    assert obligation.agreement == deal.deal.active and obligation.target == 30


@pytest.mark.parametrize("target", ["0", "-5"])
def test_an_obligation_target_of_zero_or_less_is_a_field_error(client, deal, target):
    client_as(client, deal, CM)
    response = client.post(
        url("workspace-obligation-create", deal.deal.active.pk),
        obligation_data(deal, target=target),
    )
    assert response.status_code == 200 and "target" in response.context["form"].errors
    assert not Obligation.objects.filter(description="Pelatihan pengemasan").exists()


def test_an_obligation_counting_both_kinds_is_a_field_error(client, deal):
    client_as(client, deal, CM)
    response = client.post(
        url("workspace-obligation-create", deal.deal.active.pk),
        obligation_data(deal, service_kind="pendampingan"),
    )
    assert response.status_code == 200 and response.context["form"].errors
    assert not Obligation.objects.filter(description="Pelatihan pengemasan").exists()


def test_an_obligation_is_edited(client, deal):
    client_as(client, deal, AD)
    obligation = deal.deal.obligation
    data = {
        "party": obligation.party_id,
        "stage": obligation.stage_id,
        "activity_kind": "",
        "service_kind": "pendampingan",
        "target": 25,
        "unit": "umkm",
        "due_on": obligation.due_on.isoformat(),
    }
    assert client.post(url("workspace-obligation-edit", obligation.pk), data).status_code == 302
    obligation.refresh_from_db()
    assert obligation.target == 25


# Monitoring reports ----------------------------------------------------------------------------


def test_a_report_is_opened_pre_filled_for_a_period(client, deal):
    client_as(client, deal, CE)
    active = deal.deal.active
    start = active.valid_from
    end = timezone.localdate()
    response = client.post(
        url("workspace-report-open", active.pk),
        {"period_start": start.isoformat(), "period_end": end.isoformat()},
    )
    report = MonitoringReport.objects.get(agreement=active, period_end=end)
    assert response.status_code == 302 and response.url == url("workspace-report", report.pk)
    assert [line.computed_figure for line in report.lines.all()] == [1]
    assert report.steps.get().to_state == "draft"


def test_a_report_period_outside_the_agreement_is_a_field_error(client, deal):
    client_as(client, deal, CE)
    active = deal.deal.active
    before = active.valid_from - datetime.timedelta(days=10)
    response = client.post(
        url("workspace-report-open", active.pk),
        {"period_start": before.isoformat(), "period_end": active.valid_from.isoformat()},
    )
    assert response.status_code == 200 and "period_start" in response.context["form"].errors
    assert active.reports.count() == 1


def test_a_draft_agreement_has_no_report(client, deal):
    client_as(client, deal, CE)
    response = client.get(url("workspace-report-open", deal.deal.draft.pk))
    assert response.status_code == 302 and messages_of(response)


def test_the_report_page_lists_the_records_behind_each_line(client, deal):
    response = client_as(client, deal, CE).get(url("workspace-report", deal.deal.report.pk))
    (_line, records, kind), *_ = response.context["lines"]
    assert kind == "service" and records == [deal.deal.service]
    assert url("workspace-service", deal.deal.service.pk).encode() in response.content
    assert [step for step, *_ in response.context["steps"]] == ["submit"]


def edit_data(report, **changes):
    line = report.lines.get()
    data = {
        "obstacles": "Cuaca buruk",
        "follow_up": "Jadwal ulang",
        f"figure_{line.pk}": "",
        f"note_{line.pk}": "",
    }
    data.update({key.format(line=line.pk): value for key, value in changes.items()})
    return data


def test_editing_a_report_keeps_both_figures_and_the_note(client, deal):
    client_as(client, deal, CE)
    report = deal.deal.report
    data = edit_data(report, **{"figure_{line}": "3", "note_{line}": "Dua layanan belum dicatat"})
    response = client.post(url("workspace-report-edit", report.pk), data)
    assert response.status_code == 302
    report.refresh_from_db()
    line = report.lines.get()
    assert (line.computed_figure, line.corrected_figure) == (1, 3)
    assert line.note == "Dua layanan belum dicatat" and line.corrected_by == deal.people[CE]
    assert report.obstacles == "Cuaca buruk" and report.follow_up == "Jadwal ulang"


def test_emptying_the_figure_takes_the_correction_back(client, deal):
    client_as(client, deal, CE)
    report = deal.deal.report
    corrected = edit_data(report, **{"figure_{line}": "3", "note_{line}": "Belum dicatat"})
    assert client.post(url("workspace-report-edit", report.pk), corrected).status_code == 302

    emptied = edit_data(report, **{"note_{line}": "Sudah dicatat semua"})
    response = client.post(url("workspace-report-edit", report.pk), emptied)

    assert response.status_code == 302
    line = report.lines.get()
    assert (line.corrected_figure, line.corrected_by, line.figure) == (None, None, 1)
    assert line.note == "Sudah dicatat semua"


def test_a_correction_without_a_note_is_refused_and_nothing_is_kept(client, deal):
    client_as(client, deal, CE)
    report = deal.deal.report
    data = edit_data(report, **{"figure_{line}": "3"})
    response = client.post(url("workspace-report-edit", report.pk), data)
    line = report.lines.get()
    assert response.status_code == 200
    assert response.context["form"].errors[f"note_{line.pk}"]
    report.refresh_from_db()
    assert report.obstacles == "" and line.corrected_figure is None


def test_submit_then_accept(client, deal):
    report = deal.deal.report
    client_as(client, deal, CE)
    response = client.post(url("workspace-report-kirim", report.pk), {"comment": ""})
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == "submitted"
    client.force_login(deal.people[AD])
    page = client.get(url("workspace-report", report.pk))
    assert [step for step, *_ in page.context["steps"]] == ["accept", "return"]
    assert client.post(url("workspace-report-terima", report.pk), {}).status_code == 302
    report.refresh_from_db()
    assert report.status == "accepted"
    assert list(report.steps.values_list("to_state", flat=True)) == [
        "draft",
        "submitted",
        "accepted",
    ]


def test_returning_needs_a_comment(client, deal):
    report = deal.deal.report
    MonitoringReport.objects.filter(pk=report.pk).update(status="submitted")
    client_as(client, deal, AD)
    response = client.post(url("workspace-report-kembalikan", report.pk), {"comment": ""})
    assert response.status_code == 400
    report.refresh_from_db()
    assert report.status == "submitted" and report.steps.count() == 1
    done = client.post(url("workspace-report-kembalikan", report.pk), {"comment": "Lengkapi data"})
    assert done.status_code == 302
    report.refresh_from_db()
    assert report.status == "returned"
    assert report.steps.last().comment == "Lengkapi data"


def test_a_step_from_the_wrong_state_is_a_409_with_its_message(client, deal):
    report = deal.deal.report  # a draft: nothing to accept yet
    client_as(client, deal, AD)
    response = client.post(url("workspace-report-terima", report.pk), {})
    assert response.status_code == 409
    assert messages_of(response)
    assert "draf" in response.content.decode().lower()
    report.refresh_from_db()
    assert report.status == "draft" and report.steps.count() == 1


def test_an_editor_cannot_accept(client, deal):
    report = deal.deal.report
    MonitoringReport.objects.filter(pk=report.pk).update(status="submitted")
    response = client_as(client, deal, CE).post(url("workspace-report-terima", report.pk), {})
    assert response.status_code == 403
    report.refresh_from_db()
    assert report.status == "submitted"


def test_a_submitted_report_is_not_edited(client, deal):
    report = deal.deal.report
    MonitoringReport.objects.filter(pk=report.pk).update(status="submitted")
    response = client_as(client, deal, CE).post(
        url("workspace-report-edit", report.pk), edit_data(report)
    )
    assert response.status_code == 302 and messages_of(response)
    report.refresh_from_db()
    assert report.obstacles == ""


def test_the_printable_report_has_parties_figures_and_signatures(client, deal):
    d = deal.deal
    response = client_as(client, deal, CE).get(url("workspace-report-print", d.report.pk))
    html = response.content.decode()
    assert d.agency_party.document_number in html and d.partner_party.document_number in html
    assert "record__signatures" in html
    assert [party.pk for party in response.context["signers"]] == [
        d.agency_party.pk,
        d.partner_party.pk,
    ]


def test_refreshing_counts_again(client, deal):
    d = deal.deal
    ServiceFactory(
        business=deal.foreign_business, agency=None, partner=d.oke, agreement=d.active,
        stage=stage("pendampingan"),
    )  # fmt: skip
    client_as(client, deal, CE).post(url("workspace-report-refresh", d.report.pk))
    assert d.report.lines.get().computed_figure == 2


# Partners ---------------------------------------------------------------------------------------


def test_a_leading_sector_manager_adds_a_partner(client, deal):
    client_as(client, deal, CM)
    data = {"kind": "university", "name": "Universitas Bangka Belitung", "contact": "0717-1"}
    response = client.post(url("workspace-partner-create"), data)
    partner = Partner.objects.get(name="Universitas Bangka Belitung")
    assert response.status_code == 302 and response.url == url("workspace-partner", partner.slug)
    assert partner.slug == "universitas-bangka-belitung" and partner.is_active


def test_a_partner_name_is_unique(client, deal):
    client_as(client, deal, AD)
    response = client.post(url("workspace-partner-create"), {"kind": "bank", "name": "Bank Daerah"})
    assert response.status_code == 200 and "name" in response.context["form"].errors
    assert Partner.objects.filter(name="Bank Daerah").count() == 1


def test_a_partner_is_edited(client, deal):
    client_as(client, deal, CM)
    oke = deal.deal.oke
    data = {"kind": "community", "name": oke.name, "contact": "Ibu Sari", "is_active": "on"}
    assert client.post(url("workspace-partner-edit", oke.slug), data).status_code == 302
    oke.refresh_from_db()
    assert oke.contact == "Ibu Sari"


# Filters ----------------------------------------------------------------------------------------


def listed(client, query):
    response = client.get(url("workspace-agreements") + query)
    return response, {agreement.title for agreement in response.context["page"].object_list}


def test_the_agreement_list_filters_by_phase_partner_agency_and_stage(client, deal):
    today = timezone.localdate()
    d = deal.deal
    signed_between(
        deal.leading, d.oke, title="Hampir Habis",
        valid_until=today + datetime.timedelta(days=30),
    )  # fmt: skip
    client_as(client, deal, AD)
    assert listed(client, "?fase=expiring")[1] == {"Hampir Habis"}
    assert listed(client, "?fase=active")[1] == {d.active.title, d.foreign.title}
    assert listed(client, "?mitra=bank-daerah")[1] == {d.foreign.title}
    assert listed(client, "?dinas=disperindag")[1] == {"Hampir Habis"}
    assert listed(client, "?tahap=pendampingan")[1] == {d.active.title}


def test_an_unknown_filter_value_is_a_field_error_and_the_others_apply(client, deal):
    client_as(client, deal, AD)
    response, titles = listed(client, "?fase=selamanya&mitra=bank-daerah")
    assert response.status_code == 200 and "fase" in response.context["form"].errors
    assert titles == {deal.deal.foreign.title}


# Refused writes leave everything as it was -----------------------------------------------

PARTNERSHIP_TABLES = ("Partner", "Agreement", "AgreementParty", "Obligation", "MonitoringReport",
                      "ReportLine", "ReportStep", "Service", "Activity")  # fmt: skip
#: Every field any of the forms takes, filled as the allowed would fill it.
FULL_BODY = {
    "title": "Diubah", "name": "Mitra baru", "kind": "community", "reason": "Selesai",
    "signed_on": "2026-01-01", "target": "99", "unit": "layanan", "due_on": "2027-01-01",
    "period_start": "2026-01-01", "period_end": "2026-06-30", "obstacles": "x",
    "follow_up": "y", "partner": "oke-oce", "document_number": "1/2026",
}  # fmt: skip


def partnership_rows():
    return {
        name: sorted(map(repr, apps.get_model("support", name).objects.values_list()))
        for name in PARTNERSHIP_TABLES
    }


@pytest.mark.parametrize(
    ("page", "who"),
    [(page, who) for page, answers in EXPECTED.items()
     for who, status in answers.items() if status in (403, 404)],
)  # fmt: skip
def test_a_refused_post_writes_nothing(client, deal, page, who):
    client_as(client, deal, who)
    before = partnership_rows()
    response = client.post(pages(deal)[page], FULL_BODY)
    assert response.status_code in (403, 404, 405)
    assert partnership_rows() == before
