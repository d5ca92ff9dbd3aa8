"""The task queue's wiring: beat's schedule names tasks a worker knows, a broker that is down
does not fail the request that queues a task (the sweep sends its mail later), and the
deployment checks say when mails would link to the development address."""

from datetime import timedelta

import pytest
from celery.schedules import crontab
from django.conf import settings
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from notifications.models import Notification
from notifications.tasks import SWEEP_AFTER, retry_mail
from tests.celery_worker import through_broker
from tests.factories import AgencyFactory, MembershipFactory
from tests.processes import free_port
from umkm_portal import checks
from umkm_portal.celery import app


def test_every_task_in_beats_schedule_is_one_a_worker_runs():
    app.loader.import_default_modules()  # what a worker does on start: autodiscovery

    scheduled = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}

    assert scheduled
    assert scheduled - set(app.tasks) == set()
    assert {"notifications.tasks.retry_mail", "notifications.tasks.send_digests"} <= scheduled


def test_the_schedule_runs_in_jakarta_time_and_sweeps_more_often_than_the_sweep_waits():
    assert app.conf.timezone == settings.TIME_ZONE == "Asia/Jakarta"
    schedule = {
        entry["task"]: entry["schedule"] for entry in settings.CELERY_BEAT_SCHEDULE.values()
    }
    assert schedule["reminders.tasks.send_reminders"] == crontab(hour=7, minute=0)
    assert timedelta(seconds=schedule["notifications.tasks.retry_mail"]) <= SWEEP_AFTER


@pytest.mark.django_db
def test_a_broker_that_is_down_fails_no_request_and_the_sweep_sends_the_mail(
    client, world, django_capture_on_commit_callbacks
):
    agency = AgencyFactory(slug="dinas-perindustrian")
    manager = MembershipFactory(agency=agency, role="manager").user
    client.force_login(world.people["owner_editor"])

    nowhere = f"redis://127.0.0.1:{free_port()}/0"  # nothing listens there
    with through_broker(nowhere), django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("workspace-product-invite", args=[world.draft.slug]), {"agency": agency.pk}
        )

    assert response.status_code == 302
    notification = Notification.objects.get(recipient=manager)
    assert (notification.mail, notification.mail_attempts) == (Notification.Mail.PENDING, 0)
    assert mail.outbox == []
    Notification.objects.filter(pk=notification.pk).update(
        created_at=timezone.now() - SWEEP_AFTER - timedelta(minutes=1)
    )
    assert retry_mail() == 1
    [sent] = mail.outbox
    assert sent.to == [manager.email]
    notification.refresh_from_db()
    assert notification.mail == Notification.Mail.SENT


@pytest.mark.parametrize(
    ("debug", "site_url", "broker", "expected"),
    [
        (True, settings.DEVELOPMENT_SITE_URL, "", []),
        (False, settings.DEVELOPMENT_SITE_URL, "redis://redis:6379/0", ["umkm_portal.W001"]),
        (False, "https://umkm.babelprov.go.id", "", ["umkm_portal.I001"]),
        (False, "https://umkm.babelprov.go.id", "redis://redis:6379/0", []),
    ],
)
def test_deployment_checks_name_a_development_site_url_and_a_missing_broker(
    settings, debug, site_url, broker, expected
):
    settings.DEBUG, settings.SITE_URL, settings.CELERY_BROKER_URL = debug, site_url, broker

    assert [message.id for message in checks.background_work()] == expected
