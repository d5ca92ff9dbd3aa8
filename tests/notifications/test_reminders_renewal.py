"""A date moved is a new date to remind of (reminders.renewals): a certificate renewed by editing
its expiry in place is reminded again before its new expiry; a save that leaves the date alone
keeps what was sent. The leftover of issue 15's note."""

import datetime

import pytest

from catalog.models import Certificate
from notifications.models import Kind, Reminder
from reminders.daily import send_all
from tests.factories import CertificateFactory, ReferralFactory
from tests.notifications.reminder_world import DAY, build, days, thresholds

pytestmark = pytest.mark.django_db

EXPIRING = Kind.CERTIFICATE_EXPIRING


@pytest.fixture
def scene(db):
    return build()


def test_a_certificate_renewed_in_place_is_reminded_before_its_new_expiry(scene):
    certificate = CertificateFactory(product=scene.product, expires_on=DAY)
    assert send_all(days(-7))[EXPIRING] == 1
    assert thresholds(EXPIRING, certificate.pk) == [7]

    certificate.expires_on = DAY + datetime.timedelta(days=365)  # renewed for a year
    certificate.save()

    assert thresholds(EXPIRING, certificate.pk) == []
    assert send_all(days(365 - 60))[EXPIRING] == 1
    assert thresholds(EXPIRING, certificate.pk) == [60]


def test_a_save_that_keeps_the_date_keeps_what_was_sent(scene):
    certificate = CertificateFactory(product=scene.product, expires_on=DAY)
    send_all(days(-7))

    certificate.number = "ID-2031-0001"
    certificate.save()

    assert thresholds(EXPIRING, certificate.pk) == [7]
    assert send_all(days(-6))[EXPIRING] == 0


def test_an_update_through_the_queryset_is_not_seen(scene):
    """QuerySet.update bypasses the models' signals: the portal moves dates through models only
    (forms, services, the API, imports); this says what a raw update does."""
    certificate = CertificateFactory(product=scene.product, expires_on=DAY)
    send_all(days(-7))

    Certificate.objects.filter(pk=certificate.pk).update(expires_on=days(365))

    assert thresholds(EXPIRING, certificate.pk) == [7]


def test_another_kinds_rows_of_the_same_id_stay(scene):
    certificate = CertificateFactory(product=scene.product, expires_on=DAY)
    referral = ReferralFactory(pk=certificate.pk, due_on=DAY)
    Reminder.objects.create(kind=Kind.REFERRAL_OVERDUE, object_id=referral.pk, threshold=0)

    certificate.expires_on = days(30)
    certificate.save()

    assert thresholds(Kind.REFERRAL_OVERDUE, referral.pk) == [0]
