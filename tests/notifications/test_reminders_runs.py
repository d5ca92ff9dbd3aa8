"""How the reminders run: the database constraint, not luck, makes two runs at once send each
reminder once; `manage.py send_reminders` does the morning's work for cron hosts; beat runs the
reminders before the digest."""

import threading
from datetime import timedelta
from io import StringIO

import pytest
from celery.schedules import crontab
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, connections
from django.db.models import Count
from django.utils import timezone

import reminders.catalogue
import reminders.invitations
import reminders.partnerships
from notifications.models import Delivery, Kind, Notification, Preference, Reminder
from reminders.daily import send_all
from tests.factories import CertificateFactory, ReferralFactory
from tests.notifications.reminder_world import DAY, build, days, usernames

CURATORS = ("owner_editor", "owner_manager", "collab_editor", "collab_manager")


def due_today(scene):
    """A certificate 7 days from expiry and a referral a day late."""
    CertificateFactory(product=scene.product, expires_on=days(7))
    ReferralFactory(
        from_agency=scene.owner,
        to_agency=scene.invited,
        due_on=days(-1),
        sent_by=scene.people["owner_editor"],
    )


def assert_each_told_once():
    per_person = Notification.objects.values("recipient", "kind").annotate(n=Count("pk"))
    assert {row["n"] for row in per_person} == {1}


@pytest.mark.django_db
def test_when_the_check_misses_a_sent_reminder_the_constraint_still_refuses_it(monkeypatch):
    scene = build()
    due_today(scene)
    assert send_all(DAY)[Kind.CERTIFICATE_EXPIRING] == 1
    # A second run that looked before the first one wrote its rows: it sees nothing sent.
    for module in (reminders.catalogue, reminders.partnerships, reminders.invitations):
        monkeypatch.setattr(module, "unsent", lambda kind, pairs: list(pairs))

    again = send_all(DAY)

    assert set(again.values()) == {0}
    assert Reminder.objects.count() == 2
    assert_each_told_once()


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite lets one writer in at a time, so two runs never overlap; the race to "
    "guard against is PostgreSQL's",
)
def test_two_runs_at_the_same_moment_send_each_reminder_once(transactional_db):
    scene = build()
    due_today(scene)
    start = threading.Barrier(2)
    results, errors = [], []

    def run():
        try:
            start.wait(timeout=30)
            results.append(send_all(DAY))
        except Exception as error:
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert errors == []
    assert len(results) == 2
    assert [
        sum(r[kind] for r in results) for kind in (Kind.CERTIFICATE_EXPIRING, Kind.REFERRAL_OVERDUE)
    ] == [1, 1]
    assert Reminder.objects.count() == 2
    assert_each_told_once()
    told = Notification.objects.filter(kind=Kind.CERTIFICATE_EXPIRING)
    assert sorted(told.values_list("recipient__username", flat=True)) == usernames(scene, *CURATORS)


@pytest.mark.django_db
def test_the_command_prints_the_counts_by_kind_and_sends_the_digests(mailoutbox):
    scene = build()
    due_today(scene)
    Preference.objects.create(
        user=scene.people["owner_manager"],
        kind=Kind.CERTIFICATE_EXPIRING,
        delivery=Delivery.DIGEST,
    )
    out = StringIO()

    call_command("send_reminders", "--date", DAY.isoformat(), stdout=out)

    lines = out.getvalue().splitlines()
    assert "certificate_expiring: 1" in lines
    assert "referral_overdue: 1" in lines
    assert "designation_ending: 0" in lines
    assert "reminders: 2" in lines
    assert "digests sent: 1" in lines
    assert [mail.to for mail in mailoutbox] == [[scene.people["owner_manager"].email]]

    again = StringIO()
    call_command("send_reminders", "--date", DAY.isoformat(), stdout=again)
    assert "reminders: 0" in again.getvalue().splitlines()
    assert Reminder.objects.count() == 2


@pytest.mark.django_db
def test_the_command_sends_only_the_waiting_mail_when_asked(mailoutbox):
    """`--mail-only`, the every-ten-minutes cron line: waiting mail goes, no reminder is made."""
    scene = build()
    due_today(scene)
    waiting = Notification.objects.create(
        recipient=scene.people["owner_manager"],
        kind=Kind.CERTIFICATE_EXPIRING,
        title="Sertifikat berakhir",
        mail=Notification.Mail.PENDING,
        created_at=timezone.now() - timedelta(hours=1),
    )
    out = StringIO()

    call_command("send_reminders", "--mail-only", stdout=out)

    assert out.getvalue().splitlines() == ["waiting mails sent: 1"]
    waiting.refresh_from_db()
    assert waiting.mail == Notification.Mail.SENT
    assert [mail.subject for mail in mailoutbox] == ["Sertifikat berakhir"]
    assert not Reminder.objects.exists()


@pytest.mark.django_db
def test_the_command_refuses_a_date_it_cannot_read():
    with pytest.raises(CommandError):
        call_command("send_reminders", "--date", "20-05-2031", stdout=StringIO())
    assert not Reminder.objects.exists()


def test_beat_sends_the_reminders_at_seven_and_the_digest_five_minutes_later():
    schedule = settings.CELERY_BEAT_SCHEDULE
    assert schedule["send-reminders"]["task"] == "reminders.tasks.send_reminders"
    assert schedule["send-reminders"]["schedule"] == crontab(hour=7, minute=0)
    assert schedule["send-digests"]["schedule"] == crontab(hour=7, minute=5)
    assert settings.CELERY_TIMEZONE == "Asia/Jakarta"
