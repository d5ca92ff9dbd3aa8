"""The monitoring report workflow (issue 14 items 1, 2 and 6): `draft` → `submitted` →
`accepted` | `returned` (→ `submitted` again); lines pre-filled from the records, corrected with
a note keeping both numbers; every step in an append-only log; 403 before 409 before 400; and
exactly one winner when two administrators decide one report at the same moment."""

import datetime
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, connections

from agencies.models import Role
from support.models import MonitoringReport, ReportLine, ReportStep
from support.services import reports
from tests.factories import (
    AgencyFactory,
    ObligationFactory,
    PartnerFactory,
    ServiceFactory,
    UserFactory,
    signed_between,
    stage,
)
from tests.helpers import member
from umkm_portal.services import NotAllowedNow

R = MonitoringReport.Status
START, END = datetime.date(2026, 1, 1), datetime.date(2026, 6, 30)


def administrator():
    from agencies.rules import administrator_group

    user = UserFactory()
    user.groups.add(administrator_group())
    return user


@pytest.fixture
def setting(db):
    """Diskop leads an agreement with OKE OCE (2025–2027) under which OKE OCE promised 10
    mentoring services and gave 3 in the first half of 2026 (and 1 in July)."""
    lead = AgencyFactory(slug="dinas-koperasi-ukm", name="Dinas Koperasi dan UKM")
    oke = PartnerFactory(slug="oke-oce", name="OKE OCE Indonesia")
    agreement, _lead_party, oke_party = signed_between(
        lead, oke, valid_from=datetime.date(2025, 1, 1), valid_until=datetime.date(2027, 12, 31),
        signed_on=datetime.date(2024, 12, 20),
    )  # fmt: skip
    obligation = ObligationFactory(agreement=agreement, party=oke_party, unit="layanan",
                                   target=10, stage=stage("pendampingan"))  # fmt: skip
    for day in (datetime.date(2026, 2, 1), datetime.date(2026, 3, 1), END,
                datetime.date(2026, 7, 1)):  # fmt: skip
        ServiceFactory(agency=None, partner=oke, agreement=agreement, provided_on=day)
    return {
        "agreement": agreement,
        "obligation": obligation,
        "editor": member(lead, username="koperasi.editor"),
        "manager": member(lead, Role.MANAGER, username="koperasi.manager"),
        "admin": administrator(),
        "outsider_editor": member(AgencyFactory(), username="lain.editor"),
    }


def opened(setting, by=None):
    return reports.open_report(agreement=setting["agreement"], period_start=START,
                               period_end=END, by=by or setting["editor"])  # fmt: skip


def log(report):
    return [(s.from_state, s.to_state, s.actor.username, s.comment)
            for s in ReportStep.objects.filter(report=report).order_by("pk")]  # fmt: skip


def test_a_report_opens_as_a_draft_pre_filled_from_the_records(setting):
    report = opened(setting)
    [line] = report.lines.all()
    assert (report.status, line.obligation, line.computed_figure) == (R.DRAFT, setting[
        "obligation"], 3)  # fmt: skip
    assert (line.corrected_figure, line.figure) == (None, 3)
    assert log(report) == [("", "draft", "koperasi.editor", "")]
    records = reports.line_records(line)
    assert [service.provided_on for service in records.records] == [
        datetime.date(2026, 2, 1), datetime.date(2026, 3, 1), END,
    ]  # fmt: skip


def test_the_whole_way_draft_submitted_returned_submitted_accepted(setting):
    editor, manager, admin = setting["editor"], setting["manager"], setting["admin"]
    report = opened(setting)
    [line] = report.lines.all()
    reports.correct_line(line=line, figure=4, note="Satu sesi belum dicatat", by=editor)
    report = reports.submit(report=report, by=manager)
    report = reports.return_report(report=report, by=admin, comment="Lampirkan daftar hadir")
    assert report.status == R.RETURNED
    reports.update_report(report=report, by=editor, obstacles="Cuaca", follow_up="Jadwal ulang")
    report = reports.submit(report=report, by=editor, comment="Sudah dilampirkan")
    report = reports.accept(report=report, by=admin)

    report.refresh_from_db()
    assert (report.status, report.obstacles, report.follow_up) == (R.ACCEPTED, "Cuaca",
                                                                   "Jadwal ulang")  # fmt: skip
    assert log(report) == [
        ("", "draft", "koperasi.editor", ""),
        ("draft", "submitted", "koperasi.manager", ""),
        ("submitted", "returned", admin.username, "Lampirkan daftar hadir"),
        ("returned", "submitted", "koperasi.editor", "Sudah dilampirkan"),
        ("submitted", "accepted", admin.username, ""),
    ]
    line = ReportLine.objects.get(pk=line.pk)
    assert (line.computed_figure, line.corrected_figure, line.note, line.corrected_by) == (
        3, 4, "Satu sesi belum dicatat", editor,
    )  # fmt: skip


@pytest.mark.parametrize(
    ("state", "action", "outcome"),
    [
        (R.DRAFT, "accept", NotAllowedNow),
        (R.DRAFT, "return", NotAllowedNow),
        (R.SUBMITTED, "submit", NotAllowedNow),
        (R.ACCEPTED, "submit", NotAllowedNow),
        (R.ACCEPTED, "accept", NotAllowedNow),
        (R.ACCEPTED, "return", NotAllowedNow),
        (R.RETURNED, "accept", NotAllowedNow),
        (R.RETURNED, "return", NotAllowedNow),
    ],
)
def test_a_step_from_the_wrong_state_is_409_and_writes_nothing(setting, state, action, outcome):
    report = opened(setting)
    MonitoringReport.objects.filter(pk=report.pk).update(status=state)
    report.refresh_from_db()
    by = setting["editor"] if action == "submit" else setting["admin"]
    call = {"submit": reports.submit, "accept": reports.accept,
            "return": reports.return_report}[action]  # fmt: skip
    with pytest.raises(outcome):
        call(report=report, by=by, comment="x")
    assert MonitoringReport.objects.get(pk=report.pk).status == state
    assert len(log(report)) == 1


def test_rights_come_before_state_and_state_before_data(setting):
    report = opened(setting)
    [line] = report.lines.all()
    with pytest.raises(PermissionDenied):  # an editor never accepts, whatever the state
        reports.accept(report=report, by=setting["editor"])
    with pytest.raises(PermissionDenied):  # an administrator does not draft
        reports.submit(report=report, by=setting["admin"])
    with pytest.raises(PermissionDenied):  # another agency's editor
        reports.correct_line(line=line, figure=9, note="", by=setting["outsider_editor"])
    reports.submit(report=report, by=setting["editor"])
    with pytest.raises(NotAllowedNow):  # submitted: no more corrections, even without a note
        reports.correct_line(line=line, figure=9, note="", by=setting["editor"])
    with pytest.raises(ValidationError) as error:  # returning says why
        reports.return_report(report=report, by=setting["admin"], comment="  ")
    assert "comment" in error.value.message_dict
    assert MonitoringReport.objects.get(pk=report.pk).status == R.SUBMITTED
    assert ReportLine.objects.get(pk=line.pk).corrected_figure is None


def test_a_correction_says_why_and_keeps_the_counted_figure(setting):
    report = opened(setting)
    [line] = report.lines.all()
    with pytest.raises(ValidationError) as error:
        reports.correct_line(line=line, figure=5, note=" ", by=setting["editor"])
    assert "note" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        reports.correct_line(line=line, figure=-1, note="Minus", by=setting["editor"])
    assert "figure" in error.value.message_dict
    assert ReportLine.objects.get(pk=line.pk).corrected_figure is None


def test_refreshing_recounts_and_keeps_corrections(setting):
    report = opened(setting)
    [line] = report.lines.all()
    reports.correct_line(line=line, figure=7, note="Data mitra", by=setting["editor"])
    ServiceFactory(agency=None, partner=setting["agreement"].parties.get(
        partner__isnull=False).partner, agreement=setting["agreement"],
        provided_on=datetime.date(2026, 5, 5))  # fmt: skip
    reports.refresh_figures(report=report, by=setting["editor"])
    line.refresh_from_db()
    assert (line.computed_figure, line.corrected_figure, line.note) == (4, 7, "Data mitra")


def test_a_period_outside_the_term_is_a_field_error_and_leaves_nothing(setting):
    with pytest.raises(ValidationError) as error:
        reports.open_report(
            agreement=setting["agreement"],
            period_start=datetime.date(2024, 7, 1),
            period_end=datetime.date(2025, 6, 30),
            by=setting["editor"],
        )
    assert "period_start" in error.value.message_dict
    assert not MonitoringReport.objects.exists() and not ReportStep.objects.exists()


def test_one_report_per_period_and_none_for_a_draft_agreement(setting):
    opened(setting)
    with pytest.raises(ValidationError) as error:
        opened(setting)
    assert "period_start" in error.value.message_dict
    draft, *_ = signed_between(setting["agreement"].lead_agency, PartnerFactory(),
                               status="draft", signed_on=None)  # fmt: skip
    with pytest.raises(NotAllowedNow):
        reports.open_report(agreement=draft, period_start=draft.valid_from,
                            period_end=draft.valid_until, by=setting["editor"])  # fmt: skip
    assert MonitoringReport.objects.count() == 1


def test_steps_offered_follow_the_table(setting):
    report = opened(setting)
    assert reports.allowed_steps(report, setting["editor"]) == ["submit"]
    assert reports.allowed_steps(report, setting["admin"]) == []
    report = reports.submit(report=report, by=setting["editor"])
    assert reports.allowed_steps(report, setting["admin"]) == ["accept", "return"]
    assert reports.allowed_steps(report, setting["editor"]) == []


def test_the_log_cannot_be_rewritten(setting):
    report = opened(setting)
    step = ReportStep.objects.get(report=report)
    step.comment = "ditulis ulang"
    with pytest.raises(ValidationError):
        step.save()
    with pytest.raises(ValidationError):
        step.delete()
    assert log(report) == [("", "draft", "koperasi.editor", "")]


# Two administrators at the same moment ----------------------------------------------------------

#: Row locks make one decision win; SQLite has none (it locks the whole database), so the race
#: runs on PostgreSQL, in real transactions, as the referral races do.
needs_row_locks = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="row locks need PostgreSQL"
)


@pytest.mark.django_db(transaction=True)
@needs_row_locks
def test_twenty_simultaneous_decisions_leave_one(setting):
    report = opened(setting)
    reports.submit(report=report, by=setting["editor"])
    admins = [setting["admin"], administrator()]

    def decide(n):
        try:
            if n % 2:
                reports.accept(report=report, by=admins[0])
                return "accept"
            reports.return_report(report=report, by=admins[1], comment=f"kembali {n}")
            return "return"
        except NotAllowedNow:
            return "conflict"
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=20) as pool:
        results = list(pool.map(decide, range(20)))

    winners = [result for result in results if result != "conflict"]
    assert len(winners) == 1
    report.refresh_from_db()
    assert report.status == {"accept": R.ACCEPTED, "return": R.RETURNED}[winners[0]]
    assert [to for _from, to, *_ in log(report)] == ["draft", "submitted", report.status]
