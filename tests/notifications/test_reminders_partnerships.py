"""Reminders about the development record: agreements ending (90 and 30 days), obligations due
in 14 days and overdue, monitoring reports due, referrals unanswered past their due date — each
once per object and threshold, to the right people only, on both databases."""

import pytest
from django.utils.translation import gettext

from notifications.models import Kind, Notification
from reminders.daily import send_all
from support.models import Referral
from tests.factories import (
    AgreementFactory,
    MonitoringReportFactory,
    ObligationFactory,
    ReferralFactory,
    ServiceFactory,
    stage,
)
from tests.notifications.reminder_world import (
    DAY,
    build,
    days,
    moment,
    thresholds,
    told,
    usernames,
    walk,
)

pytestmark = pytest.mark.django_db

LEAD_STAFF = ("owner_editor", "owner_manager")


@pytest.fixture
def scene(db):
    return build()


def agreement(scene, valid_until=DAY, **fields):
    fields.setdefault("status", "signed")
    return AgreementFactory(
        lead_agency=scene.owner,
        signed_on=days(-410),
        valid_from=days(-400),
        valid_until=valid_until,
        **fields,
    )


# Agreements -----------------------------------------------------------------------------------


def test_an_agreement_is_reminded_90_and_30_days_before_it_ends_to_the_lead_agencys_staff(scene):
    ending = agreement(scene)

    walk(
        Kind.AGREEMENT_ENDING,
        ending.pk,
        {90: days(-90), 30: days(-30)},
        usernames(scene, *LEAD_STAFF),
    )
    assert Notification.objects.filter(link=f"/ruang-kerja/kemitraan/{ending.pk}/").count() == 4


def test_no_reminder_for_a_draft_or_terminated_agreement(scene):
    agreement(scene, days(20), status="draft")
    agreement(scene, days(20), status="terminated")

    assert send_all(DAY)[Kind.AGREEMENT_ENDING] == 0


# Obligations ----------------------------------------------------------------------------------


def test_an_obligation_is_reminded_14_days_before_it_is_due_and_the_day_after_it_is_missed(scene):
    obligation = ObligationFactory(agreement=agreement(scene, days(200)), due_on=DAY)

    walk(
        Kind.OBLIGATION_DUE,
        obligation.pk,
        {14: days(-14), 0: days(1)},
        usernames(scene, *LEAD_STAFF),
    )


def test_an_obligation_already_met_is_neither_due_nor_overdue(scene):
    signed = agreement(scene, days(200))
    obligation = ObligationFactory(agreement=signed, due_on=DAY, target=1, unit="umkm")
    ServiceFactory(
        agency=scene.owner,
        agreement=signed,
        stage=stage("pendampingan"),
        kind="pendampingan",
        provided_on=days(-50),
    )

    assert send_all(days(-10))[Kind.OBLIGATION_DUE] == 0
    assert send_all(days(1))[Kind.OBLIGATION_DUE] == 0
    assert thresholds(Kind.OBLIGATION_DUE, obligation.pk) == []


def test_an_obligation_first_seen_overdue_gets_only_the_overdue_reminder_within_the_window(scene):
    signed = agreement(scene, days(200))
    old = ObligationFactory(agreement=signed, due_on=days(-31))
    recent = ObligationFactory(agreement=signed, party=old.party, due_on=days(-30))

    assert send_all(DAY)[Kind.OBLIGATION_DUE] == 1

    assert thresholds(Kind.OBLIGATION_DUE, old.pk) == []
    assert thresholds(Kind.OBLIGATION_DUE, recent.pk) == [0]


# Monitoring reports ---------------------------------------------------------------------------


def test_a_report_still_in_draft_after_its_period_is_due_to_the_lead_agencys_staff(scene):
    report = MonitoringReportFactory(
        agreement=agreement(scene, days(200)), period_start=days(-91), period_end=days(-1)
    )

    walk(Kind.REPORT_DUE, report.pk, {0: DAY}, usernames(scene, *LEAD_STAFF))
    assert Notification.objects.filter(link=f"/ruang-kerja/kemitraan/laporan/{report.pk}/").exists()


def test_a_returned_report_is_due_a_submitted_one_is_not(scene):
    signed = agreement(scene, days(200))
    returned = MonitoringReportFactory(
        agreement=signed, period_start=days(-91), period_end=days(-1), status="returned"
    )
    MonitoringReportFactory(
        agreement=signed, period_start=days(-181), period_end=days(-92), status="submitted"
    )

    assert send_all(DAY)[Kind.REPORT_DUE] == 1
    assert thresholds(Kind.REPORT_DUE, returned.pk) == [0]


# Referrals ------------------------------------------------------------------------------------


def referral(scene, **fields):
    fields.setdefault("due_on", days(-1))
    fields.setdefault("sent_by", scene.people["owner_editor"])
    found = ReferralFactory(from_agency=scene.owner, to_agency=scene.invited, **fields)
    Referral.objects.filter(pk=found.pk).update(sent_at=moment(days(-15)))
    return found


def test_an_unanswered_referral_past_its_due_date_reminds_the_receiving_managers_and_the_sender(
    scene,
):
    late = referral(scene)
    receivers = usernames(scene, "invited_manager")

    walk(Kind.REFERRAL_OVERDUE, late.pk, {0: DAY}, sorted([*receivers, "pertanian.editor"]))

    copy = Notification.objects.get(recipient=scene.people["owner_editor"])
    to_manager = Notification.objects.get(recipient=scene.people["invited_manager"])
    assert copy.title == gettext("Your referral of %(business)s is still unanswered") % {
        "business": late.business.name
    }
    assert to_manager.title != copy.title
    assert copy.link == to_manager.link == f"/ruang-kerja/rujukan/{late.pk}/"


def test_a_referral_whose_sender_account_is_gone_copies_the_sending_agencys_managers(scene):
    referral(scene, sent_by=None)

    assert send_all(DAY)[Kind.REFERRAL_OVERDUE] == 1
    assert told(Kind.REFERRAL_OVERDUE) == usernames(scene, "invited_manager", "owner_manager")


def test_an_answered_referral_or_one_late_for_longer_than_the_window_is_not_reminded(scene):
    referral(scene, status="accepted", answered_at=moment(days(-3)))
    referral(scene, due_on=days(-31), reason="Sudah lama")

    assert send_all(DAY)[Kind.REFERRAL_OVERDUE] == 0


def test_a_second_run_on_the_same_day_sends_nothing(scene):
    signed = agreement(scene, days(30))
    ObligationFactory(agreement=signed, due_on=days(10))
    MonitoringReportFactory(agreement=signed, period_start=days(-91), period_end=days(-1))
    referral(scene)
    first = send_all(DAY)
    notifications = Notification.objects.count()

    second = send_all(DAY)

    assert [first[kind] for kind in (Kind.AGREEMENT_ENDING, Kind.OBLIGATION_DUE)] == [1, 1]
    assert [first[kind] for kind in (Kind.REPORT_DUE, Kind.REFERRAL_OVERDUE)] == [1, 1]
    assert set(second.values()) == {0}
    assert Notification.objects.count() == notifications
