"""Referrals and monitoring reports tell the people who act next (support/notify.py): a sent
referral its receiving agency's managers, an answer its sender, a cancellation the receivers; a
submitted report the administrators, a decision the lead agency's editors and managers. Each as a
notification in the workspace and an e-mail sent after the commit."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from agencies.models import Role
from agencies.rules import administrator_group
from notifications.models import Kind, Notification
from support.services import referrals, reports
from tests.factories import (
    AgencyFactory,
    BusinessFactory,
    ObligationFactory,
    PartnerFactory,
    UserFactory,
    signed_between,
    stage,
)
from tests.helpers import member

pytestmark = pytest.mark.django_db


def told(kind):
    return sorted(
        Notification.objects.filter(kind=kind).values_list("recipient__username", flat=True)
    )


@pytest.fixture
def agencies():
    koperasi, pertanian = AgencyFactory(), AgencyFactory()
    return {
        "from": koperasi,
        "to": pertanian,
        "sender": member(koperasi, Role.MANAGER, username="koperasi.manager"),
        "receiver": member(pertanian, Role.MANAGER, username="pertanian.manager"),
        "receiver_editor": member(pertanian, username="pertanian.editor"),
        "bystander": member(AgencyFactory(), Role.MANAGER, username="lain.manager"),
    }


def test_a_referral_reaches_the_receivers_and_its_answer_the_sender(
    agencies, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        referral = referrals.send_referral(
            by=agencies["sender"], from_agency=agencies["from"], to_agency=agencies["to"],
            business=BusinessFactory(), stage=stage("pendampingan"), reason="Butuh NIB.",
        )  # fmt: skip
    assert told(Kind.REFERRAL_MOVED) == ["pertanian.manager"]
    [notice] = Notification.objects.all()
    assert notice.link == reverse("workspace-referral", args=[referral.pk])
    assert notice.mail == Notification.Mail.SENT
    assert [mail.to for mail in mailoutbox] == [[agencies["receiver"].email]]

    with django_capture_on_commit_callbacks(execute=True):
        referrals.answer_referral(referral=referral, by=agencies["receiver"], action="accept")

    assert told(Kind.REFERRAL_MOVED) == ["koperasi.manager", "pertanian.manager"]
    assert len(mailoutbox) == 2 and mailoutbox[1].to == [agencies["sender"].email]


def test_a_cancelled_referral_tells_the_receivers(agencies):
    referral = referrals.send_referral(
        by=agencies["sender"], from_agency=agencies["from"], to_agency=agencies["to"],
        business=BusinessFactory(), stage=stage("pendampingan"), reason="Butuh NIB.",
    )  # fmt: skip
    Notification.objects.all().delete()

    referrals.answer_referral(
        referral=referral, by=agencies["sender"], action="cancel", note="Sudah dibantu."
    )

    assert told(Kind.REFERRAL_MOVED) == ["pertanian.manager"]
    assert "Sudah dibantu." in Notification.objects.get().body


def test_a_refused_step_tells_nobody(agencies):
    referral = referrals.send_referral(
        by=agencies["sender"], from_agency=agencies["from"], to_agency=agencies["to"],
        business=BusinessFactory(), stage=stage("pendampingan"), reason="Butuh NIB.",
    )  # fmt: skip
    before = Notification.objects.count()

    with pytest.raises(PermissionDenied):
        referrals.answer_referral(referral=referral, by=agencies["bystander"], action="accept")

    assert Notification.objects.count() == before


def test_a_report_goes_to_the_administrators_and_comes_back_to_the_lead_agency():
    lead = AgencyFactory()
    agreement, _lead_party, partner_party = signed_between(
        lead, PartnerFactory(), valid_from=datetime.date(2025, 1, 1),
        valid_until=datetime.date(2027, 12, 31), signed_on=datetime.date(2024, 12, 20),
    )  # fmt: skip
    ObligationFactory(agreement=agreement, party=partner_party, target=10)
    editor = member(lead, username="lead.editor")
    member(lead, Role.MANAGER, username="lead.manager")
    admin = UserFactory(username="admin.provinsi")
    admin.groups.add(administrator_group())
    report = reports.open_report(
        agreement=agreement, period_start=datetime.date(2026, 1, 1),
        period_end=datetime.date(2026, 6, 30), by=editor,
    )  # fmt: skip

    reports.submit(report=report, by=editor)
    assert told(Kind.REPORT_MOVED) == ["admin.provinsi"]

    reports.return_report(report=report, by=admin, comment="Lampirkan daftar hadir.")
    assert told(Kind.REPORT_MOVED) == ["admin.provinsi", "lead.editor", "lead.manager"]
    returned = Notification.objects.filter(recipient=editor).get()
    assert "Lampirkan daftar hadir." in returned.body
    assert returned.link == reverse("workspace-report", args=[report.pk])
