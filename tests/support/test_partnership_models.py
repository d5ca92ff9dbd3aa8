"""Partnerships' invariants (issue 14 item 1 and "Bad input"), each twice: the database refuses a
broken row whatever code writes it (IntegrityError, Python validation bypassed), and `full_clean`
says what is wrong next to the field it concerns. Then the computed phase, on its boundaries, in
Python and in SQL alike, and the migration going back and forward again."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from catalog.exceptions import UploadTooLarge
from support.models import (
    Agreement,
    AgreementParty,
    MonitoringReport,
    Obligation,
    PartnerMembership,
    ReportLine,
    ReportStep,
    Service,
)
from support.models.agreements import MAX_DOCUMENT_BYTES, Phase
from tests.factories import (
    AgencyFactory,
    AgreementFactory,
    AgreementPartyFactory,
    BusinessFactory,
    MonitoringReportFactory,
    ObligationFactory,
    PartnerFactory,
    PartnerMembershipFactory,
    ServiceFactory,
    UserFactory,
    stage,
)

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)


def today():
    return timezone.localdate()


def refused(model, **lookup):
    """Assert that the block raised IntegrityError and left no such row behind."""

    class Refused:
        def __enter__(self):
            self.atomic = transaction.atomic()
            self.atomic.__enter__()

        def __exit__(self, kind, error, traceback):
            self.atomic.__exit__(kind, error, traceback)
            assert kind is IntegrityError, "the database accepted the row"
            assert not model.objects.filter(**lookup).exists()
            return True

    return Refused()


def errors_of(instance) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as error:
        instance.full_clean()
    return error.value.message_dict


def mou(**fields):
    return AgreementFactory(kind="mou", **fields)


# Agreements ------------------------------------------------------------------------------------


def test_an_agreement_cannot_end_before_it_starts():
    lead = AgencyFactory()
    with refused(Agreement, title="Terbalik"):
        Agreement.objects.create(kind="mou", title="Terbalik", lead_agency=lead,
                                 valid_from=today(), valid_until=today() - DAY)  # fmt: skip
    agreement = Agreement(kind="mou", title="Terbalik", lead_agency=lead, valid_from=today(),
                          valid_until=today() - DAY)  # fmt: skip
    assert "valid_until" in errors_of(agreement)


def test_a_terminated_agreement_carries_its_reason_and_time():
    agreement = AgreementFactory()
    with refused(Agreement, pk=agreement.pk, status="terminated"):
        Agreement.objects.filter(pk=agreement.pk).update(
            status="terminated", terminated_at=timezone.now(), termination_reason=""
        )
    with refused(Agreement, pk=agreement.pk, status="terminated"):
        Agreement.objects.filter(pk=agreement.pk).update(
            status="terminated", termination_reason="Mitra bubar"
        )


def test_a_signed_agreement_has_its_signing_date():
    agreement = AgreementFactory(status="draft", signed_on=None)
    with refused(Agreement, pk=agreement.pk, status="signed"):
        Agreement.objects.filter(pk=agreement.pk).update(status="signed")


def test_an_mou_stands_alone_and_an_addendum_is_always_under_something():
    parent = mou()
    with refused(Agreement, title="MoU di bawah MoU"):
        AgreementFactory(kind="mou", parent=parent, title="MoU di bawah MoU")
    with refused(Agreement, title="Adendum yatim"):
        AgreementFactory(kind="addendum", parent=None, title="Adendum yatim")
    lead = parent.lead_agency
    assert "parent" in errors_of(
        AgreementFactory.build(kind="mou", parent=parent, lead_agency=lead)
    )
    assert "parent" in errors_of(AgreementFactory.build(kind="addendum", lead_agency=lead))


@pytest.mark.parametrize(
    ("kind", "parent_kind", "allowed"),
    [("pks", "mou", True), ("pks", "pks", False), ("pks", "addendum", False),
     ("addendum", "pks", True), ("addendum", "mou", False)],
)  # fmt: skip
def test_a_pks_is_under_an_mou_and_an_addendum_under_a_pks(kind, parent_kind, allowed):
    grandparent = mou()
    parent = AgreementFactory(
        kind=parent_kind, parent=None if parent_kind == "mou" else grandparent
    )
    if parent_kind == "addendum":  # an addendum needs a PKS above it to exist at all
        pks = AgreementFactory(kind="pks", parent=grandparent)
        Agreement.objects.filter(pk=parent.pk).update(parent=pks)
        parent.refresh_from_db()
    child = AgreementFactory.build(kind=kind, parent=parent, lead_agency=parent.lead_agency)
    if allowed:
        child.full_clean()
    else:
        assert "parent" in errors_of(child)


def test_a_pks_may_stand_without_an_mou():
    AgreementFactory.build(kind="pks", parent=None, lead_agency=AgencyFactory()).full_clean()


def test_the_document_is_a_pdf_of_at_most_ten_megabytes():
    agreement = AgreementFactory()
    agreement.document = SimpleUploadedFile("mou.pdf", b"GIF89a not a pdf at all")
    with pytest.raises(ValidationError) as error:
        agreement.full_clean()
    assert [e.code for e in error.value.error_dict["document"]] == ["not_pdf"]

    agreement.document = SimpleUploadedFile("mou.pdf", b"%PDF-" + b"0" * MAX_DOCUMENT_BYTES)
    with pytest.raises(ValidationError) as error:
        agreement.full_clean()
    [too_large] = error.value.error_dict["document"]
    assert too_large.code == "too_large"

    agreement.document = SimpleUploadedFile("mou.exe", b"%PDF-1.7\n%%EOF\n")
    agreement.full_clean()  # read from the bytes, not the name


def test_the_pdf_check_raises_upload_too_large_for_the_api_413():
    from support.models.agreements import validate_agreement_pdf

    with pytest.raises(UploadTooLarge):
        validate_agreement_pdf(SimpleUploadedFile("big.pdf", b"%PDF-" + b"0" * MAX_DOCUMENT_BYTES))


# Parties ---------------------------------------------------------------------------------------


def test_a_party_is_an_agency_or_a_partner_never_both_never_neither():
    agreement = AgreementFactory()
    agency, partner = AgencyFactory(), PartnerFactory()
    with refused(AgreementParty, agreement=agreement):
        AgreementParty.objects.create(agreement=agreement, agency=agency, partner=partner)
    with refused(AgreementParty, agreement=agreement):
        AgreementParty.objects.create(agreement=agreement)
    assert "agency" in errors_of(AgreementParty(agreement=agreement))
    assert "agency" in errors_of(AgreementParty(agreement=agreement, agency=agency,
                                                partner=partner))  # fmt: skip


def test_an_organisation_is_a_party_once():
    agreement = AgreementFactory()
    party = AgreementPartyFactory(agreement=agreement, partner=PartnerFactory())
    with refused(AgreementParty, pk__gt=party.pk):
        AgreementParty.objects.create(agreement=agreement, partner=party.partner)
    agency_party = AgreementPartyFactory(agreement=agreement, agency=agreement.lead_agency)
    with refused(AgreementParty, pk__gt=agency_party.pk):
        AgreementParty.objects.create(agreement=agreement, agency=agreement.lead_agency)


# Obligations -----------------------------------------------------------------------------------


@pytest.mark.parametrize("target", [0, -5])
def test_an_obligation_target_is_above_zero(target):
    obligation = ObligationFactory()
    with refused(Obligation, pk=obligation.pk, target=target):
        Obligation.objects.filter(pk=obligation.pk).update(target=target)
    obligation.target = target
    assert "target" in errors_of(obligation)


@pytest.mark.parametrize(
    ("activity_kind", "service_kind"), [("", ""), ("pelatihan", "pendampingan")]
)
def test_an_obligation_counts_one_kind_of_record(activity_kind, service_kind):
    obligation = ObligationFactory()
    with refused(Obligation, activity_kind=activity_kind, service_kind=service_kind):
        Obligation.objects.filter(pk=obligation.pk).update(
            activity_kind=activity_kind, service_kind=service_kind, unit="umkm"
        )
    obligation.activity_kind, obligation.service_kind = activity_kind, service_kind
    assert "activity_kind" in errors_of(obligation)


@pytest.mark.parametrize(
    ("activity_kind", "service_kind", "unit"),
    [("", "pendampingan", "peserta"), ("", "pendampingan", "kegiatan"),
     ("pelatihan", "", "layanan")],
)  # fmt: skip
def test_the_unit_fits_what_is_counted(activity_kind, service_kind, unit):
    obligation = ObligationFactory()
    with refused(Obligation, pk=obligation.pk, unit=unit):
        Obligation.objects.filter(pk=obligation.pk).update(
            activity_kind=activity_kind, service_kind=service_kind, unit=unit
        )
    obligation.activity_kind, obligation.service_kind, obligation.unit = (
        activity_kind, service_kind, unit,
    )  # fmt: skip
    assert "unit" in errors_of(obligation)


def test_the_responsible_party_belongs_to_the_agreement():
    obligation = ObligationFactory()
    stranger = AgreementPartyFactory(partner=PartnerFactory())  # of another agreement
    obligation.party = stranger
    assert "party" in errors_of(obligation)


# Reports ---------------------------------------------------------------------------------------


def test_one_report_per_agreement_and_period():
    report = MonitoringReportFactory()
    with refused(MonitoringReport, pk__gt=report.pk):
        MonitoringReport.objects.create(agreement=report.agreement,
                                        period_start=report.period_start,
                                        period_end=report.period_end)  # fmt: skip
    twin = MonitoringReport(agreement=report.agreement, period_start=report.period_start,
                            period_end=report.period_end)  # fmt: skip
    assert errors_of(twin)  # said by the unique constraint
    # another period of the same agreement is another report
    MonitoringReportFactory(agreement=report.agreement, period_end=report.period_start + DAY)


def test_a_report_period_is_in_order_and_within_the_agreement():
    agreement = AgreementFactory()
    with refused(MonitoringReport, agreement=agreement):
        MonitoringReport.objects.create(agreement=agreement, period_start=today(),
                                        period_end=today() - DAY)  # fmt: skip
    backwards = MonitoringReport(agreement=agreement, period_start=today(),
                                 period_end=today() - DAY)  # fmt: skip
    assert "period_end" in errors_of(backwards)
    outside = MonitoringReport(agreement=agreement, period_start=agreement.valid_from - DAY,
                               period_end=agreement.valid_from + DAY)  # fmt: skip
    assert "period_start" in errors_of(outside)


def test_a_corrected_figure_carries_its_note():
    report = MonitoringReportFactory()
    obligation = ObligationFactory(agreement=report.agreement)
    with refused(ReportLine, report=report):
        ReportLine.objects.create(report=report, obligation=obligation, computed_figure=3,
                                  corrected_figure=5)  # fmt: skip
    line = ReportLine.objects.create(report=report, obligation=obligation, computed_figure=3)
    assert line.figure == 3 and not line.is_corrected
    with refused(ReportLine, pk__gt=line.pk):
        ReportLine.objects.create(report=report, obligation=obligation, computed_figure=4)


def test_the_report_log_is_append_only_and_a_return_says_why():
    report = MonitoringReportFactory()
    user = UserFactory()
    with refused(ReportStep, report=report):
        ReportStep.objects.create(report=report, actor=user, from_state="submitted",
                                  to_state="returned")  # fmt: skip
    step = ReportStep.objects.create(report=report, actor=user, to_state="draft")
    step.comment = "diubah"
    with pytest.raises(ValidationError):
        step.save()
    with pytest.raises(ValidationError):
        step.delete()
    assert ReportStep.objects.get(pk=step.pk).comment == ""


# Services by a partner, partner staff ------------------------------------------------------------


def test_a_service_is_given_by_an_agency_or_a_partner_never_both_never_neither():
    business = BusinessFactory()
    agency, partner = AgencyFactory(), PartnerFactory()
    common = {"business": business, "stage": stage("pendampingan"), "kind": "pendampingan",
              "provided_on": today()}  # fmt: skip
    with refused(Service, business=business):
        Service.objects.create(agency=agency, partner=partner, **common)
    with refused(Service, business=business):
        Service.objects.create(**common)
    assert "agency" in errors_of(Service(**common))
    assert "agency" in errors_of(Service(agency=agency, partner=partner, **common))
    Service(partner=partner, **common).full_clean()
    assert ServiceFactory(partner=partner, agency=None).provider == partner


def test_a_partner_membership_is_once_per_user_and_partner():
    membership = PartnerMembershipFactory()
    with refused(PartnerMembership, pk__gt=membership.pk):
        PartnerMembership.objects.create(user=membership.user, partner=membership.partner)


def test_agreements_keep_their_history_with_the_author():
    agreement = AgreementFactory(status="draft", signed_on=None)
    agreement.title = "Judul baru"
    agreement.save()
    assert [row.history_type for row in agreement.history.order_by("history_id")] == ["+", "~"]


# Phase ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "starts", "ends", "phase"),
    [
        ("draft", -30, 365, Phase.NOT_STARTED),  # not in force until signed
        ("signed", 1, 365, Phase.NOT_STARTED),
        ("signed", 0, 91, Phase.ACTIVE),
        ("signed", -30, 91, Phase.ACTIVE),
        ("signed", -30, 90, Phase.EXPIRING),  # 90 days left
        ("signed", -30, 0, Phase.EXPIRING),  # its last day
        ("signed", -30, -1, Phase.EXPIRED),
        ("terminated", -30, 365, Phase.TERMINATED),
    ],
)
def test_the_phase_follows_status_and_dates_in_python_and_in_sql(status, starts, ends, phase):
    agreement = AgreementFactory(
        status=status,
        signed_on=None if status == "draft" else today() - datetime.timedelta(days=40),
        valid_from=today() + datetime.timedelta(days=starts),
        valid_until=today() + datetime.timedelta(days=ends),
    )
    AgreementFactory(status="signed")  # an active one beside it, not to be found in other phases
    assert agreement.phase == phase
    assert list(Agreement.objects.in_phase(phase).filter(pk=agreement.pk)) == [agreement]
    others = [p for p in Phase.values if p != phase]
    assert not Agreement.objects.in_phase(*others).filter(pk=agreement.pk).exists()
    assert Agreement.objects.with_phase().get(pk=agreement.pk).current_phase == phase
    open_now = phase in (Phase.ACTIVE, Phase.EXPIRING)
    assert agreement.is_open_for_records is open_now
    assert Agreement.objects.open_for_records().filter(pk=agreement.pk).exists() is open_now


def test_the_phase_is_read_on_a_given_day():
    agreement = AgreementFactory(valid_from=datetime.date(2026, 1, 1),
                                 valid_until=datetime.date(2026, 12, 31))  # fmt: skip
    on = datetime.date(2026, 10, 2)  # 90 days before the last day
    assert agreement.phase_on(on) == Phase.EXPIRING
    assert agreement.phase_on(on - DAY) == Phase.ACTIVE
    assert Agreement.objects.in_phase("expiring", on=on).filter(pk=agreement.pk).exists()


# The migration -------------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_the_partnership_migration_goes_back_and_forward_again_keeping_catalog_triggers():
    def triggers():
        if connection.vendor != "sqlite":
            return None
        with connection.cursor() as cursor:
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' ORDER BY name")
            return [row[0] for row in cursor.fetchall()]

    before = triggers()
    call_command("migrate", "support", "0003", verbosity=0)
    tables = connection.introspection.table_names()
    assert "support_agreement" not in tables and "support_partner" not in tables
    call_command("migrate", verbosity=0)
    tables = connection.introspection.table_names()
    assert {"support_agreement", "support_partner", "support_reportstep"} <= set(tables)
    assert triggers() == before
    with connection.cursor() as cursor:
        columns = connection.introspection.get_table_description(cursor, "support_service")
    assert "partner_id" in [column.name for column in columns]
