"""E-mail off the request path, against a real SMTP server on 127.0.0.1 (tests/smtp_server.py):
with the server refusing or not there, a request that notifies answers at once and its mail
waits, written down as a failed attempt; once the server accepts again the sweep (`retry_mail`)
sends it, exactly once however often it runs. The same for the daily digest. And what the mail
says: human words, absolute links from SITE_URL, a one-line subject."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext

from agencies.models import Role
from catalog.models import Collaboration
from notifications.models import Delivery, Kind, Notification, Preference
from notifications.tasks import SWEEP_AFTER, deliver_mail, retry_mail, send_digests
from tests.factories import AgencyFactory, MembershipFactory
from tests.processes import free_port
from tests.smtp_server import ACCEPT, REFUSE, SMTPServer

SITE_URL = "https://umkm.babelprov.go.id"


@pytest.fixture
def smtp(settings):
    """A mail server that refuses service (421) until the test switches it to ACCEPT, and the
    portal's SMTP settings pointing at it."""
    with SMTPServer(mode=REFUSE) as server:
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST = "127.0.0.1"
        settings.EMAIL_PORT = server.port
        settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
        settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
        settings.EMAIL_TIMEOUT = 5
        settings.SITE_URL = SITE_URL
        yield server


@pytest.fixture
def newcomer(db):
    """An agency to invite, whose manager hears of it."""
    agency = AgencyFactory(slug="dinas-perindustrian", name="Dinas Perindustrian")
    manager = MembershipFactory(
        agency=agency, role=Role.MANAGER, user__email="perindustrian.manager@example.org"
    ).user
    return agency, manager


def invite(client, world, agency, product, django_capture_on_commit_callbacks):
    client.force_login(world.people["owner_editor"])
    with django_capture_on_commit_callbacks(execute=True):
        return client.post(
            reverse("workspace-product-invite", args=[product.slug]), {"agency": agency.pk}
        )


def as_if_tried_long_ago(*notifications: Notification) -> None:
    """Time passes: the last attempt is older than the sweep waits for."""
    long_ago = timezone.now() - SWEEP_AFTER - timedelta(minutes=1)
    Notification.objects.filter(pk__in=[n.pk for n in notifications]).update(
        mail_tried_at=long_ago, created_at=long_ago
    )


@pytest.mark.parametrize("down", ["refuses", "not there"])
def test_a_notice_waits_for_the_mail_server_and_is_sent_once_when_it_is_back(
    client, world, newcomer, smtp, settings, django_capture_on_commit_callbacks, down
):
    agency, manager = newcomer
    if down == "not there":
        settings.EMAIL_PORT = free_port()  # nothing listens there

    response = invite(client, world, agency, world.draft, django_capture_on_commit_callbacks)

    assert response.status_code == 302
    assert Collaboration.objects.filter(product=world.draft, agency=agency).exists()
    notification = Notification.objects.get(recipient=manager)
    assert (notification.kind, notification.mail) == (
        Kind.COLLABORATION_INVITED,
        Notification.Mail.PENDING,
    )
    assert notification.mail_attempts == 1
    assert notification.mail_error
    assert smtp.received == []

    smtp.mode = ACCEPT
    settings.EMAIL_PORT = smtp.port  # the server is back where the settings say
    assert retry_mail() == 0  # the sweep leaves a mail alone until SWEEP_AFTER has passed
    as_if_tried_long_ago(notification)
    assert retry_mail() == 1

    notification.refresh_from_db()
    assert notification.mail == Notification.Mail.SENT
    assert notification.mailed_at is not None
    assert (notification.mail_attempts, notification.mail_error) == (2, "")
    [received] = smtp.received
    assert received.recipients == [manager.email]
    assert received.message["Subject"] == notification.title

    as_if_tried_long_ago(notification)
    assert retry_mail() == 0
    deliver_mail.delay(notification.pk)  # a worker's late retry, or the task queued twice
    assert len(smtp.received) == 1
    notification.refresh_from_db()
    assert notification.mail_attempts == 2


def test_after_a_failure_the_next_requests_do_not_wait_for_the_mail_server(
    client, world, newcomer, smtp, django_capture_on_commit_callbacks
):
    """Without a worker, the request that finds the server down waits for it (EMAIL_TIMEOUT at
    most); the requests of the next minute leave their mails to the sweep at once."""
    agency, manager = newcomer
    invite(client, world, agency, world.draft, django_capture_on_commit_callbacks)
    response = invite(client, world, agency, world.archived, django_capture_on_commit_callbacks)

    assert response.status_code == 302
    first, second = Notification.objects.filter(recipient=manager).order_by("pk")
    assert (first.mail, first.mail_attempts) == (Notification.Mail.PENDING, 1)
    assert (second.mail, second.mail_attempts) == (Notification.Mail.PENDING, 0)

    smtp.mode = ACCEPT
    as_if_tried_long_ago(first, second)
    assert retry_mail() == 2
    assert sorted(r.message["Subject"] for r in smtp.received) == sorted(
        [first.title, second.title]
    )
    assert retry_mail() == 0
    assert len(smtp.received) == 2


def test_the_sweep_waits_for_one_failed_attempt_only_not_one_per_waiting_mail(
    client, world, newcomer, smtp, django_capture_on_commit_callbacks
):
    """A sweep stops at the first sign that the server is down: with a server that hangs, a
    hundred waiting mails would otherwise hold it a hundred times EMAIL_TIMEOUT."""
    agency, manager = newcomer
    invite(client, world, agency, world.draft, django_capture_on_commit_callbacks)
    invite(client, world, agency, world.archived, django_capture_on_commit_callbacks)
    first, second = Notification.objects.filter(recipient=manager).order_by("pk")
    as_if_tried_long_ago(first, second)

    assert retry_mail() == 0

    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.mail_attempts, second.mail_attempts) == (2, 0)
    assert (first.mail, second.mail) == (Notification.Mail.PENDING, Notification.Mail.PENDING)
    assert smtp.received == []


def test_a_digest_that_fails_is_sent_once_when_the_server_is_back(
    client, world, newcomer, smtp, django_capture_on_commit_callbacks
):
    agency, manager = newcomer
    Preference.objects.create(
        user=manager, kind=Kind.COLLABORATION_INVITED, delivery=Delivery.DIGEST
    )
    invite(client, world, agency, world.draft, django_capture_on_commit_callbacks)
    notification = Notification.objects.get(recipient=manager)
    assert (notification.mail, notification.mail_attempts) == (Notification.Mail.DIGEST, 0)

    assert send_digests() == 0

    notification.refresh_from_db()
    assert (notification.mail, notification.mail_attempts) == (Notification.Mail.DIGEST, 1)
    assert notification.mail_error
    smtp.mode = ACCEPT
    assert retry_mail() == 0  # not yet: the sweep waits SWEEP_AFTER after a failed attempt
    as_if_tried_long_ago(notification)
    assert retry_mail() == 1

    notification.refresh_from_db()
    assert (notification.mail, notification.mail_error) == (Notification.Mail.SENT, "")
    [received] = smtp.received
    assert received.recipients == [manager.email]
    assert notification.title in received.body
    assert f"{SITE_URL}{reverse('workspace-collaborations')}" in received.body
    as_if_tried_long_ago(notification)
    assert (retry_mail(), send_digests()) == (0, 0)
    assert len(smtp.received) == 1


def test_a_step_is_mailed_in_words_with_links_to_the_portal_and_a_one_line_subject(
    client, world, smtp, django_capture_on_commit_callbacks
):
    smtp.mode = ACCEPT
    nominator = world.people["owner_editor"]
    client.force_login(world.people["reviewer"])

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("workspace-nomination-act", args=[world.nomination.pk, "request-changes"]),
            {"comment": "Lengkapi bukti\nsertifikat halal."},
        )

    assert response.status_code == 302
    world.nomination.refresh_from_db()
    assert world.nomination.state == "changes_requested"
    [received] = [r for r in smtp.received if r.recipients == [nominator.email]]
    subject, body = received.message["Subject"], received.body
    step = gettext("Changes requested")  # the step and the state, as the timeline says them
    assert step in subject and step in body
    for code in ("request_changes", "request-changes", "changes_requested"):
        assert code not in subject and code not in body
    assert "\n" not in subject and "\r" not in subject
    nomination_page = reverse("workspace-nomination", args=[world.nomination.pk])
    assert f"{SITE_URL}{nomination_page}" in body
    assert f"{SITE_URL}{reverse('workspace-notification-settings')}" in body
    assert Notification.objects.get(recipient=nominator).mail == Notification.Mail.SENT


def test_a_title_with_line_breaks_still_makes_a_one_line_subject(world, smtp):
    """Titles are written on one line (services.notify); a notification written some other way
    must not fail at every attempt as a header injection."""
    smtp.mode = ACCEPT
    manager = world.people["invited_manager"]
    notification = Notification.objects.create(
        recipient=manager,
        kind=Kind.INVITED,
        title="Sertifikat halal\nberakhir",
        link="/ruang-kerja/",
        mail=Notification.Mail.PENDING,
    )

    deliver_mail.delay(notification.pk)

    notification.refresh_from_db()
    assert notification.mail == Notification.Mail.SENT
    [received] = smtp.received
    assert received.message["Subject"] == "Sertifikat halal berakhir"
