"""Reminders about the catalogue: certificates (60, 30, 7 days before and on expiry),
designations (90 and 30 days before they end), co-curation and member invitations waiting a
week — each once per object and threshold, to the right people only, on both databases."""

import datetime

import pytest
from django.utils import timezone
from django.utils.translation import gettext

from agencies.models import Membership, Role
from catalog.models import Collaboration, Product
from notifications.models import Kind, Notification, Reminder
from reminders.daily import send_all
from support.models import PartnerMembership
from tests.factories import (
    CertificateFactory,
    DesignationFactory,
    NominationFactory,
    PartnerMembershipFactory,
    ProductFactory,
)
from tests.helpers import member
from tests.notifications.reminder_world import (
    DAY,
    build,
    days,
    invitee,
    last_notification,
    moment,
    thresholds,
    told,
    usernames,
    walk,
)

pytestmark = pytest.mark.django_db

CURATORS = ("owner_editor", "owner_manager", "collab_editor", "collab_manager")


@pytest.fixture
def scene(db):
    return build()


# Certificates ---------------------------------------------------------------------------------


def test_a_certificate_is_reminded_60_30_7_days_before_and_on_expiry_to_its_curators(scene):
    certificate = CertificateFactory(product=scene.product, expires_on=DAY)

    walk(
        Kind.CERTIFICATE_EXPIRING,
        certificate.pk,
        {60: days(-60), 30: days(-30), 7: days(-7), 0: DAY},
        usernames(scene, *CURATORS),
    )


def test_the_curators_are_told_of_the_certificate_in_their_words(scene):
    certificate = CertificateFactory(product=scene.product, expires_on=days(7), number="P-IRT 12")

    send_all(DAY)

    notification = Notification.objects.filter(kind=Kind.CERTIFICATE_EXPIRING).first()
    assert "Lada Putih Muntok" in notification.title
    assert "P-IRT 12" in notification.body
    assert notification.link == f"/ruang-kerja/produk/{scene.product.slug}/"
    assert thresholds(Kind.CERTIFICATE_EXPIRING, certificate.pk) == [7]


def test_a_certificate_first_seen_five_days_before_expiry_gets_only_the_tightest_reminder(scene):
    certificate = CertificateFactory(product=scene.product, expires_on=days(5))

    assert send_all(DAY)[Kind.CERTIFICATE_EXPIRING] == 1

    assert thresholds(Kind.CERTIFICATE_EXPIRING, certificate.pk) == [7]
    assert told(Kind.CERTIFICATE_EXPIRING) == usernames(scene, *CURATORS)
    assert send_all(days(4))[Kind.CERTIFICATE_EXPIRING] == 0
    assert send_all(days(5))[Kind.CERTIFICATE_EXPIRING] == 1
    assert thresholds(Kind.CERTIFICATE_EXPIRING, certificate.pk) == [0, 7]


def test_an_expired_certificate_is_reminded_only_within_thirty_days(scene):
    old = CertificateFactory(product=scene.product, expires_on=days(-31))
    recent = CertificateFactory(product=scene.product, expires_on=days(-30))

    assert send_all(DAY)[Kind.CERTIFICATE_EXPIRING] == 1

    assert thresholds(Kind.CERTIFICATE_EXPIRING, old.pk) == []
    assert thresholds(Kind.CERTIFICATE_EXPIRING, recent.pk) == [0]


def test_no_reminder_for_a_certificate_of_an_archived_product_or_one_that_never_expires(scene):
    archived = ProductFactory(owner_agency=scene.owner, status=Product.Status.ARCHIVED)
    CertificateFactory(product=archived, expires_on=days(7))
    CertificateFactory(product=scene.product, expires_on=None)

    assert send_all(DAY)[Kind.CERTIFICATE_EXPIRING] == 0
    assert not Notification.objects.exists()


def test_a_certificate_with_nobody_to_tell_waits_until_someone_can_hear_it(scene):
    product = ProductFactory(owner_agency=scene.leading)  # Disperindag: a reviewer only
    certificate = CertificateFactory(product=product, expires_on=days(20))

    assert send_all(DAY)[Kind.CERTIFICATE_EXPIRING] == 0
    assert not Reminder.objects.exists()

    newcomer = member(scene.leading, username="disperindag.editor")
    assert send_all(days(1))[Kind.CERTIFICATE_EXPIRING] == 1
    assert thresholds(Kind.CERTIFICATE_EXPIRING, certificate.pk) == [30]
    assert told(Kind.CERTIFICATE_EXPIRING) == [newcomer.username]


# Designations ---------------------------------------------------------------------------------


def designation(scene, valid_until, **fields):
    nomination = NominationFactory(product=scene.product, agency=scene.owner, state="approved")
    fields.setdefault("year", valid_until.year)
    return DesignationFactory(
        nomination=nomination,
        valid_from=valid_until - datetime.timedelta(days=364),
        valid_until=valid_until,
        **fields,
    )


def test_a_designation_is_reminded_90_and_30_days_before_it_ends_for_re_evaluation(scene):
    ending = designation(scene, DAY)

    walk(
        Kind.DESIGNATION_ENDING,
        ending.pk,
        {90: days(-90), 30: days(-30)},
        usernames(scene, "owner_editor", "owner_manager", "collab_reviewer", "reviewer"),
    )
    notification = Notification.objects.filter(kind=Kind.DESIGNATION_ENDING).last()
    assert notification.link == f"/ruang-kerja/usulan/{ending.nomination_id}/"


def test_after_a_designation_ended_no_more_reminders(scene):
    ended = designation(scene, days(-1))

    assert send_all(DAY)[Kind.DESIGNATION_ENDING] == 0
    assert thresholds(Kind.DESIGNATION_ENDING, ended.pk) == []


def test_no_reminder_for_a_revoked_designation_or_one_already_followed_by_the_next(scene):
    designation(
        scene,
        days(20),
        revoked_at=timezone.now(),
        revocation_reason="Produksi berhenti.",
        year=2030,
    )
    renewed_product = ProductFactory(owner_agency=scene.owner)
    first = DesignationFactory(
        nomination=NominationFactory(product=renewed_product, state="approved"),
        year=2031,
        valid_from=days(-340),
        valid_until=days(25),
    )
    DesignationFactory(
        nomination=NominationFactory(product=renewed_product, state="approved"),
        year=2032,
        valid_from=days(26),
        valid_until=days(390),
    )

    assert send_all(DAY)[Kind.DESIGNATION_ENDING] == 0
    assert thresholds(Kind.DESIGNATION_ENDING, first.pk) == []


# Invitations ----------------------------------------------------------------------------------


def invite(collaboration, on):
    Collaboration.objects.filter(pk=collaboration.pk).update(invited_at=moment(on, 15))


def test_a_co_curation_invitation_waiting_a_week_reminds_the_invited_agencys_managers(scene):
    invite(scene.invitation, days(-7))

    walk(
        Kind.COLLABORATION_INVITED,
        scene.invitation.pk,
        {0: DAY},
        usernames(scene, "invited_manager"),
        notification_kind=Kind.INVITATION_WAITING,
    )


def test_an_answered_invitation_or_one_older_than_the_window_is_not_reminded(scene):
    invite(scene.invitation, days(-38))
    answered = scene.product.collaborations.get(agency=scene.collaborator)
    invite(answered, days(-7))

    assert send_all(DAY)[Kind.COLLABORATION_INVITED] == 0
    invite(scene.invitation, days(-37))
    assert send_all(DAY)[Kind.COLLABORATION_INVITED] == 1


def added(user, agency, on):
    membership = Membership.objects.create(user=user, agency=agency, role=Role.EDITOR)
    Membership.objects.filter(pk=membership.pk).update(created_at=moment(on))


def test_an_invitee_without_a_password_after_a_week_is_reminded_with_a_fresh_link(
    scene, mailoutbox, django_capture_on_commit_callbacks
):
    newcomer = invitee("ratna@pertanian.example.org")
    added(newcomer, scene.owner, days(-7))

    assert send_all(days(-1))[Kind.INVITATION_WAITING] == 0
    with django_capture_on_commit_callbacks(execute=True):
        assert send_all(DAY)[Kind.INVITATION_WAITING] == 1

    assert thresholds(Kind.INVITATION_WAITING, newcomer.pk) == [0]
    assert told(Kind.INVITATION_WAITING) == [newcomer.username]
    assert "Dinas Pertanian" in Notification.objects.get(recipient=newcomer).body
    [mail] = mailoutbox
    assert mail.to == [newcomer.email]
    set_password = gettext("Set your password with this link (it works once and expires): %(link)s")
    assert set_password.split("%(link)s")[0] in mail.body


def test_partner_staff_invited_a_week_ago_are_reminded_once_whatever_their_memberships(scene):
    mentor = invitee("mentor@okeoce.example.org")
    PartnerMembershipFactory(user=mentor)
    PartnerMembership.objects.filter(user=mentor).update(created_at=moment(days(-9)))
    added(mentor, scene.owner, days(-2))

    assert send_all(DAY)[Kind.INVITATION_WAITING] == 1
    assert send_all(days(1))[Kind.INVITATION_WAITING] == 0
    assert told(Kind.INVITATION_WAITING) == [mentor.username]


def test_someone_who_set_a_password_or_was_invited_too_long_ago_is_not_reminded(scene):
    added(scene.people["foreign_editor"], scene.owner, days(-7))  # has a password
    forgotten = invitee("lama@pertanian.example.org")
    added(forgotten, scene.owner, days(-38))

    assert send_all(DAY)[Kind.INVITATION_WAITING] == 0


# Once -----------------------------------------------------------------------------------------


def test_a_second_run_on_the_same_day_sends_nothing(scene):
    CertificateFactory(product=scene.product, expires_on=days(7))
    designation(scene, days(30))
    invite(scene.invitation, days(-7))
    first = send_all(DAY)
    notifications = Notification.objects.count()
    since = last_notification()

    second = send_all(DAY)

    assert first[Kind.CERTIFICATE_EXPIRING] == first[Kind.DESIGNATION_ENDING] == 1
    assert first[Kind.COLLABORATION_INVITED] == 1
    assert set(second.values()) == {0}
    assert Notification.objects.count() == notifications and last_notification() == since
