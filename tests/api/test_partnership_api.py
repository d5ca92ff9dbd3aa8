"""The partnership API (DESIGN §8, issue 14 item 6): partners, agreements with `terminate/`,
`sign/` and `document/`, obligations with their realisation, monitoring reports and their steps
— in the §5 order 401 → 404 → 403 → 409 → 400, every write leaving the database as the answer
says, and exactly one winner when two people decide one report at once."""

import json
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from drf_spectacular.drainage import GENERATOR_STATS
from drf_spectacular.generators import SchemaGenerator
from rest_framework.test import APIClient

from support.models import Agreement, MonitoringReport, Obligation, Partner, ReportStep
from support.models.agreements import MAX_DOCUMENT_BYTES
from support.services import reports
from tests.api.partnership_helpers import MENTOR, make_deal
from tests.api.support_helpers import queries_for, url
from tests.factories import (
    AgreementFactory,
    AgreementPartyFactory,
    MonitoringReportFactory,
    PartnerFactory,
    UserFactory,
    signed_between,
)

S = Agreement.Status
R = MonitoringReport.Status


@pytest.fixture
def deal(world):
    return make_deal(world)


def reread(instance):
    return type(instance).objects.get(pk=instance.pk)


# Partners ---------------------------------------------------------------------------------------


def test_everyone_reads_the_active_partners_by_name(client_of, deal):
    PartnerFactory(name="Mitra Lama", slug="mitra-lama", is_active=False)

    public = client_of("anonymous").get(url("partner-list")).json()
    staff = client_of("owner_editor").get(url("partner-list")).json()

    assert [p["slug"] for p in public["results"]] == ["bank-sumsel-babel", "oke-oce"]
    assert "mitra-lama" in [p["slug"] for p in staff["results"]]
    detail = client_of("anonymous").get(url("partner-detail", "oke-oce")).json()
    assert (detail["name"], detail["kind"]) == ("OKE OCE Indonesia", "community")
    assert client_of("anonymous").get(url("partner-detail", "mitra-lama")).status_code == 404


def test_a_leading_sector_manager_creates_a_partner_its_slug_from_its_name(client_of, deal, world):
    response = client_of("collab_manager").post(
        url("partner-list"),
        {"name": "Universitas Bangka Belitung", "kind": "university"},
        format="json",
    )

    assert response.status_code == 201, response.content
    partner = Partner.objects.get(slug="universitas-bangka-belitung")
    assert partner.kind == "university"
    assert partner.history.get().history_user == world.people["collab_manager"]


@pytest.mark.parametrize(
    ("person", "code"),
    [("anonymous", 401), ("owner_manager", 403), ("collab_editor", 403), (MENTOR, 403)],
)
def test_only_leading_sector_managers_create_partners(client_of, deal, person, code):
    response = client_of(person).post(
        url("partner-list"), {"name": "Dekranasda", "kind": "association"}, format="json"
    )

    assert response.status_code == code
    assert not Partner.objects.filter(name="Dekranasda").exists()


@pytest.mark.parametrize(
    ("body", "field"),
    [({"name": "X", "kind": "alien"}, "kind"), ({"kind": "bank"}, "name"),
     ({"name": "OKE OCE Indonesia", "kind": "bank", "slug": "lain"}, "name"),
     ({"name": "Y", "kind": "bank", "created_by": 1}, "created_by")],
)  # fmt: skip
def test_bad_input_to_a_new_partner_is_a_400_naming_the_field(client_of, deal, body, field):
    response = client_of("administrator").post(url("partner-list"), body, format="json")

    assert response.status_code == 400
    assert field in response.json()


def test_a_partner_is_changed_by_a_leading_sector_manager_only(client_of, deal):
    path = url("partner-detail", "oke-oce")

    refused = client_of("owner_manager").patch(path, {"contact": "x"}, format="json")
    changed = client_of("collab_manager").patch(path, {"contact": "0812 000"}, format="json")

    assert refused.status_code == 403
    assert changed.status_code == 200, changed.content
    assert reread(deal.partner).contact == "0812 000"
    assert client_of("collab_manager").patch(path, {"slug": "x"}, format="json").status_code == 400


# Reading agreements -----------------------------------------------------------------------------


def titles(response):
    assert response.status_code == 200, response.content
    return sorted(a["title"] for a in response.json()["results"])


def test_the_public_reads_signed_agreements_never_drafts(client_of, deal):
    assert titles(client_of("anonymous").get(url("agreement-list"))) == [
        "PKS Diskop – OKE OCE", "PKS Distan – Bank", "PKS lama",
    ]  # fmt: skip
    assert client_of("anonymous").get(url("agreement-detail", deal.draft.pk)).status_code == 404


def test_partner_staff_also_read_their_partner_s_drafts_and_staff_read_all(client_of, deal):
    assert "Draf PKS baru" in titles(client_of(MENTOR).get(url("agreement-list")))
    assert "Draf Distan – Bank" not in titles(client_of(MENTOR).get(url("agreement-list")))
    assert len(titles(client_of("reviewer").get(url("agreement-list")))) == 5


@pytest.mark.parametrize(
    ("params", "expected"),
    [({"phase": "expired"}, ["PKS lama"]),
     ({"phase": ["active", "not_started"]}, ["Draf Distan – Bank", "Draf PKS baru",
                                             "PKS Diskop – OKE OCE", "PKS Distan – Bank"]),
     ({"partner": "bank-sumsel-babel"}, ["Draf Distan – Bank", "PKS Distan – Bank"]),
     ({"lead_agency": "dinas-pertanian", "status": "signed"}, ["PKS Distan – Bank"]),
     ({"stage": "pendampingan"}, ["PKS Diskop – OKE OCE"])],
)  # fmt: skip
def test_agreements_filter_by_phase_partner_lead_agency_and_stage(
    client_of, deal, params, expected
):
    assert titles(client_of("reviewer").get(url("agreement-list"), params)) == expected


@pytest.mark.parametrize("params", [{"phase": "soon"}, {"partner": "nobody"}, {"stage": "x"}])
def test_an_unknown_agreement_filter_is_a_400(client_of, deal, params):
    assert client_of("reviewer").get(url("agreement-list"), params).status_code == 400


def test_an_agreement_shows_parties_phase_and_obligations_with_their_realisation(client_of, deal):
    response = client_of("anonymous").get(url("agreement-detail", deal.agreement.pk))

    assert response.status_code == 200
    body = response.json()
    assert (body["status"], body["phase"]) == ("signed", "active")
    assert body["lead_agency"] == "dinas-koperasi-ukm"
    assert [(p["agency"], p["partner"]) for p in body["parties"]] == [
        ("dinas-koperasi-ukm", None), (None, "oke-oce"),
    ]  # fmt: skip
    [obligation] = body["obligations"]
    assert obligation["party_name"] == "OKE OCE Indonesia"
    assert (obligation["target"], obligation["unit"]) == (10, "layanan")
    assert obligation["realisation"]["figure"] == 2
    assert obligation["realisation"]["percent"] == 20
    assert body["stages"] == ["pendampingan"]


def test_a_document_is_shown_to_the_public_only_when_marked_public(client_of, deal):
    agreement = deal.agreement
    agreement.document = SimpleUploadedFile("pks.pdf", b"%PDF-1.7\n%%EOF\n")
    agreement.save()

    hidden = client_of("anonymous").get(url("agreement-detail", agreement.pk)).json()
    for_party = client_of(MENTOR).get(url("agreement-detail", agreement.pk)).json()
    listed = client_of("owner_editor").get(url("agreement-list")).json()["results"]
    Agreement.objects.filter(pk=agreement.pk).update(document_is_public=True)
    shown = client_of("anonymous").get(url("agreement-detail", agreement.pk)).json()

    assert hidden["document"] is None
    assert for_party["document"].endswith(".pdf")
    assert next(a["document"] for a in listed if a["id"] == agreement.pk).endswith(".pdf")
    assert shown["document"].endswith(".pdf")


def test_the_agreement_list_costs_the_same_for_one_page_of_few_or_many(client_of, deal, world):
    client = client_of("reviewer")
    shown_few, few = queries_for(client, url("agreement-list"))
    for n in range(10):
        signed_between(world.owner, PartnerFactory(), title=f"PKS {n}")
    shown_many, many = queries_for(client, url("agreement-list"))

    assert (shown_few, shown_many) == (5, 15)
    assert many == few
    assert many <= 8


def test_an_agreement_costs_a_query_per_obligation_beyond_a_fixed_few(client_of, deal):
    """The realisation is one query per obligation (support.services.agreements)."""
    client = client_of("reviewer")
    path = url("agreement-detail", deal.agreement.pk)
    client.get(path)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200

    assert len(queries) <= 9


# Writing agreements -----------------------------------------------------------------------------


def new_agreement(**changes):
    today = timezone.localdate()
    return {
        "kind": "pks", "title": "PKS Pemasaran Digital", "scope": "Pelatihan pemasaran",
        "stages": ["pemasaran", "pelatihan"], "valid_from": str(today),
        "valid_until": str(today + timedelta(days=365)),
        "parties": [{"agency": "dinas-koperasi-ukm", "document_number": "500/1/DKUKM"},
                    {"partner": "oke-oce", "document_number": "OKE/7/2026",
                     "signatory_name": "Ketua", "signatory_title": "Ketua Umum"}],
        **changes,
    }  # fmt: skip


def test_a_manager_of_the_lead_agency_drafts_an_agreement_with_its_parties(client_of, deal):
    response = client_of("collab_manager").post(
        url("agreement-list"), new_agreement(parent=None), format="json"
    )

    assert response.status_code == 201, response.content
    agreement = Agreement.objects.get(pk=response.json()["id"])
    assert (agreement.status, agreement.lead_agency.slug) == (S.DRAFT, "dinas-koperasi-ukm")
    assert sorted(agreement.stages.values_list("code", flat=True)) == ["pelatihan", "pemasaran"]
    assert [p.name for p in agreement.parties.order_by("pk")] == [
        "Dinas Koperasi dan UKM", "OKE OCE Indonesia",
    ]  # fmt: skip
    assert response.json()["phase"] == "not_started"


@pytest.mark.parametrize(
    ("person", "code"),
    [("anonymous", 401), ("collab_editor", 403), ("owner_manager", 403), (MENTOR, 403)],
)
def test_only_a_manager_of_the_lead_agency_drafts_one(client_of, deal, person, code):
    before = Agreement.objects.count()
    body = new_agreement(lead_agency="dinas-koperasi-ukm")

    response = client_of(person).post(url("agreement-list"), body, format="json")

    assert response.status_code == code
    assert Agreement.objects.count() == before


def test_bad_input_to_a_new_agreement_is_a_400_naming_the_field(client_of, deal):
    client = client_of("collab_manager")
    mou = deal.expired.pk  # an MoU
    today = timezone.localdate()

    addendum_under_mou = client.post(
        url("agreement-list"), new_agreement(kind="addendum", parent=mou), format="json"
    )
    backwards = client.post(
        url("agreement-list"),
        new_agreement(valid_until=str(today - timedelta(days=1))),
        format="json",
    )
    pks_under_mou = client.post(url("agreement-list"), new_agreement(parent=mou), format="json")

    assert addendum_under_mou.status_code == 400 and "parent" in addendum_under_mou.json()
    assert backwards.status_code == 400 and "valid_until" in backwards.json()
    assert pks_under_mou.status_code == 201, pks_under_mou.content
    assert Agreement.objects.filter(parent=mou).count() == 1


def test_signing_needs_two_parties_and_a_draft(client_of, deal, world):
    client = client_of("collab_manager")
    lonely = AgreementFactory(lead_agency=world.collaborator, status="draft", signed_on=None)
    AgreementPartyFactory(agreement=lonely, agency=world.collaborator)

    signed = client.post(url("agreement-sign", deal.draft.pk), {}, format="json")
    again = client.post(url("agreement-sign", deal.draft.pk), {}, format="json")
    one_party = client.post(url("agreement-sign", lonely.pk), {}, format="json")

    assert signed.status_code == 200, signed.content
    assert reread(deal.draft).signed_on == timezone.localdate()
    assert again.status_code == 409
    assert one_party.status_code == 400 and "parties" in one_party.json()
    assert reread(lonely).status == S.DRAFT


def test_a_manager_terminates_a_signed_agreement_saying_why(client_of, deal, world):
    response = client_of("collab_manager").post(
        url("agreement-terminate", deal.agreement.pk),
        {"reason": "Mitra tidak melaksanakan kewajiban"},
        format="json",
    )

    assert response.status_code == 200, response.content
    assert (response.json()["status"], response.json()["phase"]) == ("terminated", "terminated")
    agreement = reread(deal.agreement)
    assert agreement.termination_reason == "Mitra tidak melaksanakan kewajiban"
    assert agreement.terminated_by == world.people["collab_manager"]


@pytest.mark.parametrize(
    ("person", "target", "body", "code"),
    [("anonymous", "agreement", {"reason": "x"}, 401),
     ("anonymous", "foreign_draft", {"reason": "x"}, 401),
     ("outsider", "foreign_draft", {}, 404),
     ("owner_manager", "agreement", {}, 403),
     (MENTOR, "agreement", {"reason": "x"}, 403),
     ("collab_editor", "agreement", {}, 403),
     ("collab_manager", "draft", {}, 409),  # the state before the body
     ("collab_manager", "agreement", {}, 400),
     ("collab_manager", "agreement", {"reason": ""}, 400)],
)  # fmt: skip
def test_terminating_answers_in_order(client_of, deal, person, target, body, code):
    if person == "outsider":
        client = APIClient()
        client.force_authenticate(UserFactory(username="warga"))
    else:
        client = client_of(person)
    agreement = getattr(deal, target)

    response = client.post(url("agreement-terminate", agreement.pk), body, format="json")

    assert response.status_code == code
    assert reread(agreement).status == agreement.status


def test_a_terminated_agreement_is_changed_no_more(client_of, deal):
    client = client_of("collab_manager")
    client.post(url("agreement-terminate", deal.agreement.pk), {"reason": "Selesai"}, format="json")

    patched = client.patch(
        url("agreement-detail", deal.agreement.pk), {"title": "x"}, format="json"
    )
    obligation = client.post(url("agreement-obligations", deal.agreement.pk), {}, format="json")

    assert (patched.status_code, obligation.status_code) == (409, 409)
    assert reread(deal.agreement).title == "PKS Diskop – OKE OCE"


def test_a_manager_changes_an_agreement_and_its_stages(client_of, deal):
    response = client_of("collab_manager").patch(
        url("agreement-detail", deal.agreement.pk),
        {"scope": "Pendampingan dan perizinan", "stages": ["pendampingan", "perizinan"]},
        format="json",
    )

    assert response.status_code == 200, response.content
    assert reread(deal.agreement).scope == "Pendampingan dan perizinan"
    assert response.json()["stages"] == ["pendampingan", "perizinan"]
    assert client_of("collab_manager").patch(
        url("agreement-detail", deal.agreement.pk), {"status": "draft"}, format="json"
    ).status_code == 400  # fmt: skip


# The document -----------------------------------------------------------------------------------


def put_document(client, agreement, content, **fields):
    upload = SimpleUploadedFile("pks.pdf", content, content_type="application/pdf")
    return client.put(
        url("agreement-document", agreement.pk), {"document": upload, **fields}, format="multipart"
    )


def test_the_lead_agency_puts_the_signed_pdf_under_a_name_of_our_own(client_of, deal):
    response = put_document(
        client_of("collab_manager"), deal.agreement, b"%PDF-1.7\n%%EOF\n", document_is_public=True
    )

    assert response.status_code == 200, response.content
    agreement = reread(deal.agreement)
    assert agreement.document.name.startswith("agreements/")
    assert "pks" not in agreement.document.name.rsplit("/", 1)[-1]
    assert agreement.document_is_public
    assert client_of("anonymous").get(url("agreement-detail", agreement.pk)).json()["document"]


def test_a_document_that_is_no_pdf_is_a_400_and_a_larger_one_a_413(client_of, deal, settings):
    client = client_of("collab_manager")

    not_pdf = put_document(client, deal.agreement, b"GIF89a bukan pdf")
    too_large = put_document(client, deal.agreement, b"%PDF-" + b"0" * MAX_DOCUMENT_BYTES)

    assert not_pdf.status_code == 400 and "document" in not_pdf.json()
    assert too_large.status_code == 413
    assert not reread(deal.agreement).document
    media = settings.MEDIA_ROOT / "agreements"
    assert not media.exists() or not any(media.iterdir())


def test_only_the_lead_agency_puts_a_document(client_of, deal):
    assert put_document(client_of("owner_manager"), deal.agreement, b"%PDF-").status_code == 403
    assert put_document(client_of(MENTOR), deal.agreement, b"%PDF-").status_code == 403
    assert put_document(client_of("anonymous"), deal.agreement, b"%PDF-").status_code == 401


# Obligations ------------------------------------------------------------------------------------


def new_obligation(deal, **changes):
    return {"party": deal.lead_party.pk, "stage": "pelatihan", "activity_kind": "pelatihan",
            "target": 30, "unit": "peserta", "due_on": str(deal.agreement.valid_until),
            **changes}  # fmt: skip


def test_everyone_reads_a_signed_agreement_s_obligations(client_of, deal):
    response = client_of("anonymous").get(url("agreement-obligations", deal.agreement.pk))

    assert response.status_code == 200
    [obligation] = response.json()["results"]
    assert obligation["realisation"]["figure"] == 2
    one = client_of("anonymous").get(url("obligation-detail", deal.obligation.pk)).json()
    assert one["realisation"]["figure"] == 2


def test_a_manager_of_the_lead_agency_adds_and_changes_an_obligation(client_of, deal):
    client = client_of("collab_manager")

    added = client.post(
        url("agreement-obligations", deal.agreement.pk), new_obligation(deal), format="json"
    )
    assert added.status_code == 201, added.content
    assert added.json()["realisation"]["figure"] == 0
    obligation = Obligation.objects.get(pk=added.json()["id"])
    changed = client.patch(url("obligation-detail", obligation.pk), {"target": 40}, format="json")

    assert changed.status_code == 200, changed.content
    assert reread(obligation).target == 40


@pytest.mark.parametrize(
    ("changes", "field"),
    [({"target": 0}, "target"), ({"target": -3}, "target"), ({"unit": "layanan"}, "unit"),
     ({"stage": "tidak-ada"}, "stage"), ({"activity_kind": ""}, "activity_kind")],
)  # fmt: skip
def test_bad_input_to_an_obligation_is_a_400_naming_the_field(client_of, deal, changes, field):
    response = client_of("collab_manager").post(
        url("agreement-obligations", deal.agreement.pk),
        new_obligation(deal, **changes),
        format="json",
    )

    assert response.status_code == 400
    assert field in response.json()
    assert deal.agreement.obligations.count() == 1


def test_a_party_of_another_agreement_is_not_responsible_here(client_of, deal):
    foreign_party = deal.foreign.parties.first()
    response = client_of("collab_manager").post(
        url("agreement-obligations", deal.agreement.pk),
        new_obligation(deal, party=foreign_party.pk),
        format="json",
    )

    assert response.status_code == 400 and "party" in response.json()


def test_only_the_lead_agency_s_managers_add_obligations(client_of, deal):
    for person, code in (("collab_editor", 403), ("owner_manager", 403), (MENTOR, 403)):
        response = client_of(person).post(
            url("agreement-obligations", deal.agreement.pk), new_obligation(deal), format="json"
        )
        assert response.status_code == code
        patched = client_of(person).patch(
            url("obligation-detail", deal.obligation.pk), {"target": 1}, format="json"
        )
        assert patched.status_code == code
    assert reread(deal.obligation).target == 10


# Monitoring reports -----------------------------------------------------------------------------


def open_body(deal, **changes):
    agreement = deal.agreement
    return {"period_start": str(agreement.valid_from), "period_end": str(timezone.localdate()),
            **changes}  # fmt: skip


def test_the_lead_agency_opens_a_report_pre_filled_from_the_records(client_of, deal, world):
    response = client_of("collab_editor").post(
        url("agreement-reports", deal.agreement.pk), open_body(deal), format="json"
    )

    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["status"], body["actions"]) == ("draft", ["submit"])
    [line] = body["lines"]
    assert (line["obligation"], line["computed_figure"], line["figure"]) == (
        deal.obligation.pk, 2, 2,
    )  # fmt: skip
    assert [step["to_state"] for step in body["steps"]] == ["draft"]
    report = MonitoringReport.objects.get(pk=body["id"])
    assert report.created_by == world.people["collab_editor"]


@pytest.mark.parametrize(
    ("person", "target", "changes", "code"),
    [("anonymous", "agreement", {}, 401),
     ("owner_editor", "agreement", {}, 403),
     ("administrator", "agreement", {}, 403),  # administrators decide, they do not draft
     (MENTOR, "agreement", {}, 403),
     ("collab_editor", "draft", {}, 409),
     ("collab_editor", "agreement", {"period_start": "2001-01-01"}, 400),
     ("collab_editor", "agreement", {"period_end": "tomorrow"}, 400)],
)  # fmt: skip
def test_opening_a_report_answers_in_order(client_of, deal, person, target, changes, code):
    agreement = getattr(deal, target)
    body = {**open_body(deal), **changes}

    response = client_of(person).post(url("agreement-reports", agreement.pk), body, format="json")

    assert response.status_code == code
    assert not MonitoringReport.objects.exists()


def test_one_report_per_period(client_of, deal):
    client = client_of("collab_editor")
    client.post(url("agreement-reports", deal.agreement.pk), open_body(deal), format="json")

    again = client.post(url("agreement-reports", deal.agreement.pk), open_body(deal), format="json")

    assert again.status_code == 400 and "period_start" in again.json()
    assert MonitoringReport.objects.count() == 1


def test_reports_are_read_by_agency_staff_only(client_of, deal):
    MonitoringReportFactory(agreement=deal.agreement)
    report = MonitoringReport.objects.get()

    listed = client_of("owner_editor").get(url("agreement-reports", deal.agreement.pk))

    assert [r["id"] for r in listed.json()["results"]] == [report.pk]
    assert client_of(MENTOR).get(url("agreement-reports", deal.agreement.pk)).status_code == 403
    assert client_of(MENTOR).get(url("report-detail", report.pk)).status_code == 404
    assert client_of("anonymous").get(url("report-detail", report.pk)).status_code == 401


@pytest.fixture
def report(deal, world):
    return reports.open_report(
        agreement=deal.agreement,
        period_start=deal.agreement.valid_from,
        period_end=timezone.localdate(),
        by=world.people["collab_editor"],
    )


def test_the_lead_agency_corrects_a_figure_with_a_note_keeping_both(client_of, report, world):
    line = report.lines.get()

    response = client_of("collab_manager").patch(
        url("report-detail", report.pk),
        {"obstacles": "Sinyal lemah", "corrections": [
            {"line": line.pk, "figure": 3, "note": "Satu layanan dicatat di kertas"}]},
        format="json",
    )  # fmt: skip

    assert response.status_code == 200, response.content
    line.refresh_from_db()
    assert (line.computed_figure, line.corrected_figure, line.figure) == (2, 3, 3)
    assert line.corrected_by == world.people["collab_manager"]
    assert reread(report).obstacles == "Sinyal lemah"
    assert response.json()["lines"][0]["figure"] == 3


@pytest.mark.parametrize(
    ("correction", "field"),
    [({"figure": 3, "note": ""}, "corrections"), ({"figure": -1, "note": "x"}, "corrections"),
     ({"figure": 3, "note": "x", "line": 999999}, "corrections")],
)  # fmt: skip
def test_a_bad_correction_is_a_400_and_changes_nothing(client_of, report, correction, field):
    line = report.lines.get()
    body = {"obstacles": "x", "corrections": [{"line": line.pk, **correction}]}

    response = client_of("collab_editor").patch(
        url("report-detail", report.pk), body, format="json"
    )

    assert response.status_code == 400
    # A nested field's errors are named by their path (`corrections.0.note`), as documented.
    assert any(key.split(".")[0] == field for key in response.json()), response.json()
    line.refresh_from_db()
    assert line.corrected_figure is None
    assert reread(report).obstacles == ""


def test_refresh_counts_the_records_made_since_the_report_was_opened(client_of, report, deal):
    from tests.factories import ServiceFactory

    ServiceFactory(business=deal.services[0].business, agency=None, partner=deal.partner,
                   agreement=deal.agreement)  # fmt: skip

    response = client_of("collab_editor").patch(
        url("report-detail", report.pk), {"refresh": True}, format="json"
    )

    assert response.status_code == 200
    assert report.lines.get().computed_figure == 3


def test_the_report_goes_submit_return_submit_accept(client_of, report, world):
    editor, admin = client_of("collab_editor"), client_of("administrator")

    submitted = editor.post(url("report-submit", report.pk), {}, format="json")
    returned = admin.post(url("report-return", report.pk), {"comment": "Lampirkan daftar hadir"},
                          format="json")  # fmt: skip
    corrected = editor.patch(url("report-detail", report.pk), {"follow_up": "Ok"}, format="json")
    again = editor.post(url("report-submit", report.pk), {}, format="json")
    accepted = admin.post(url("report-accept", report.pk), {}, format="json")

    assert [r.status_code for r in (submitted, returned, corrected, again, accepted)] == [200] * 5
    assert accepted.json()["status"] == "accepted"
    steps = list(report.steps.values_list("from_state", "to_state", "actor__username", "comment"))
    assert steps == [
        ("", "draft", "koperasi.editor", ""),
        ("draft", "submitted", "koperasi.editor", ""),
        ("submitted", "returned", "admin-provinsi", "Lampirkan daftar hadir"),
        ("returned", "submitted", "koperasi.editor", ""),
        ("submitted", "accepted", "admin-provinsi", ""),
    ]
    assert editor.patch(url("report-detail", report.pk), {"obstacles": "x"},
                        format="json").status_code == 409  # fmt: skip


@pytest.mark.parametrize(
    ("person", "step", "state", "body", "code"),
    [("anonymous", "submit", "draft", {}, 401),
     ("administrator", "submit", "draft", {}, 403),
     ("owner_editor", "submit", "draft", {}, 403),
     ("collab_editor", "accept", "submitted", {}, 403),
     ("collab_manager", "return", "submitted", {"comment": "x"}, 403),
     (MENTOR, "submit", "draft", {}, 404),
     ("administrator", "accept", "draft", {}, 409),
     ("administrator", "return", "accepted", {}, 409),  # the state before the body
     ("collab_editor", "submit", "submitted", {}, 409),
     ("administrator", "return", "submitted", {}, 400),
     ("administrator", "return", "submitted", {"comment": ""}, 400)],
)  # fmt: skip
def test_report_steps_answer_in_order(client_of, report, person, step, state, body, code):
    MonitoringReport.objects.filter(pk=report.pk).update(status=state)
    steps = ReportStep.objects.count()

    response = client_of(person).post(url(f"report-{step}", report.pk), body, format="json")

    assert response.status_code == code
    assert reread(report).status == state
    assert ReportStep.objects.count() == steps


def test_an_unknown_report_step_is_a_404(client_of, report):
    response = client_of("administrator").post(f"/api/v1/reports/{report.pk}/approve/", {})

    assert response.status_code == 404


def test_a_report_costs_a_fixed_number_of_queries(client_of, report):
    client = client_of("collab_editor")
    path = url("report-detail", report.pk)
    client.get(path)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200

    assert len(queries) <= 8


# Two people deciding one report at once ---------------------------------------------------------

needs_row_locks = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="row locks need PostgreSQL"
)


@pytest.mark.django_db(transaction=True)
@needs_row_locks
def test_two_administrators_deciding_through_the_api_at_once_get_one_200_and_409s(
    world, live_server
):
    """Ten accepts and ten returns of one submitted report at once, through HTTP against a
    running server: the row lock lets exactly one win."""
    from rest_framework.authtoken.models import Token

    from catalog import rules as catalog_rules

    deal = make_deal(world)
    report = MonitoringReportFactory(agreement=deal.agreement, status=R.SUBMITTED)
    second = UserFactory(username="admin-kedua")
    second.groups.add(catalog_rules.administrator_group())
    tokens = {
        "accept": Token.objects.create(user=world.people["administrator"]).key,
        "return": Token.objects.create(user=second).key,
    }

    def decide(n):
        step = "accept" if n % 2 else "return"
        request = urllib.request.Request(
            f"{live_server.url}/api/v1/reports/{report.pk}/{step}/",
            data=json.dumps({"comment": f"keputusan {n}"}).encode(),
            method="POST",
            headers={"Authorization": f"Token {tokens[step]}", "Content-Type": "application/json"},
        )
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                return step, response.status
        except urllib.error.HTTPError as error:
            return step, error.code

    with ThreadPoolExecutor(max_workers=20) as pool:
        answers = list(pool.map(decide, range(20)))

    assert sorted(code for _step, code in answers) == [200] + [409] * 19
    [winner] = [step for step, code in answers if code == 200]
    assert reread(report).status == {"accept": R.ACCEPTED, "return": R.RETURNED}[winner]
    assert ReportStep.objects.filter(report=report).count() == 1


# The schema -------------------------------------------------------------------------------------

OPERATIONS = {
    ("GET", "/api/v1/partners/"): "200 400 401 404 429",
    ("POST", "/api/v1/partners/"): "201 400 401 403 413 415 422 429",
    ("GET", "/api/v1/partners/{slug}/"): "200 401 404 429",
    ("PATCH", "/api/v1/partners/{slug}/"): "200 400 401 403 404 413 415 429",
    ("GET", "/api/v1/agreements/"): "200 400 401 404 429",
    ("POST", "/api/v1/agreements/"): "201 400 401 403 413 415 422 429",
    ("GET", "/api/v1/agreements/{id}/"): "200 401 404 429",
    ("PATCH", "/api/v1/agreements/{id}/"): "200 400 401 403 404 409 413 415 429",
    ("POST", "/api/v1/agreements/{id}/sign/"): "200 400 401 403 404 409 413 415 422 429",
    ("POST", "/api/v1/agreements/{id}/terminate/"): "200 400 401 403 404 409 413 415 422 429",
    ("PUT", "/api/v1/agreements/{id}/document/"): "200 400 401 403 404 409 413 415 429",
    ("GET", "/api/v1/agreements/{id}/obligations/"): "200 400 401 404 429",
    ("POST", "/api/v1/agreements/{id}/obligations/"): "201 400 401 403 404 409 413 415 422 429",
    ("GET", "/api/v1/agreements/{id}/reports/"): "200 400 401 403 404 429",
    ("POST", "/api/v1/agreements/{id}/reports/"): "201 400 401 403 404 409 413 415 422 429",
    ("GET", "/api/v1/obligations/{id}/"): "200 401 404 429",
    ("PATCH", "/api/v1/obligations/{id}/"): "200 400 401 403 404 409 413 415 429",
    ("GET", "/api/v1/reports/{id}/"): "200 401 404 429",
    ("PATCH", "/api/v1/reports/{id}/"): "200 400 401 403 404 409 413 415 429",
    **{
        ("POST", f"/api/v1/reports/{{id}}/{step}/"): "200 400 401 403 404 409 413 415 422 429"
        for step in ("submit", "accept", "return")
    },
}
PREFIXES = ("/api/v1/partners/", "/api/v1/agreements/", "/api/v1/obligations/",
            "/api/v1/reports/")  # fmt: skip
NAMES = ("PartnerViewSet", "AgreementViewSet", "ObligationViewSet", "ReportViewSet",
         "PartnerKindEnum", "AgreementKindEnum", "AgreementStatusEnum", "AgreementPhaseEnum",
         "ObligationUnitEnum", "ReportStatusEnum", "ReportStepEnum")  # fmt: skip


def test_the_schema_documents_every_partnership_operation_with_its_answers(db):
    response = APIClient().get(url_of_schema(), HTTP_ACCEPT="application/vnd.oai.openapi+json")
    schema = json.loads(response.content)

    documented = {
        (method.upper(), path): " ".join(sorted(operation["responses"]))
        for path, operations in schema["paths"].items()
        if path.startswith(PREFIXES)
        for method, operation in operations.items()
    }

    assert documented == OPERATIONS
    enums = schema["components"]["schemas"]
    assert enums["AgreementPhaseEnum"]["enum"] == [
        "not_started", "active", "expiring", "expired", "terminated",
    ]  # fmt: skip
    assert enums["ReportStepEnum"]["enum"] == ["submit", "accept", "return"]


def url_of_schema():
    from django.urls import reverse

    return reverse("api:schema")


def test_drf_spectacular_warns_of_nothing_in_the_partnership_resources(db):
    GENERATOR_STATS.reset()
    try:
        SchemaGenerator().get_schema(request=None, public=True)
        warnings = [
            message
            for message in [*GENERATOR_STATS._warn_cache, *GENERATOR_STATS._error_cache]
            if any(name in message for name in NAMES)
        ]
    finally:
        GENERATOR_STATS.reset()

    assert warnings == []


def test_a_correction_is_taken_back_with_a_null_figure(client_of, report):
    line = report.lines.get()
    lead = client_of("collab_manager")
    patch = {"corrections": [{"line": line.pk, "figure": 3, "note": "Dicatat di kertas"}]}
    assert lead.patch(url("report-detail", report.pk), patch, format="json").status_code == 200

    response = lead.patch(
        url("report-detail", report.pk),
        {"corrections": [{"line": line.pk, "figure": None}]},
        format="json",
    )

    assert response.status_code == 200, response.content
    line.refresh_from_db()
    assert (line.corrected_figure, line.corrected_by, line.figure) == (None, None, 2)
    assert response.json()["lines"][0]["figure"] == 2
