"""Mail tasks. Each is safe to run twice: a notification's mail is sent while its row is locked
and marked sent in the same transaction, so a retry, the sweep and a second worker never send it
again. A failed attempt is written down; with a worker the task retries with a growing delay, and
`retry_mail` (every ten minutes by beat, or `manage.py send_reminders` from cron) sends whatever
is still waiting, so no mail is lost to a mail server that was down."""

import logging
import smtplib
from datetime import timedelta

from celery import shared_task
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from notifications import mail
from notifications.models import Notification

log = logging.getLogger(__name__)

#: What a mail server that is down, refusing or slow raises.
MAIL_ERRORS = (smtplib.SMTPException, OSError)
#: A waiting mail is swept up once its last attempt (or its creation) is this old.
SWEEP_AFTER = timedelta(minutes=10)
MAX_RETRIES = 8


def _backoff(retries: int) -> int:
    """Seconds before the next attempt: 1, 2, 4 … minutes, at most an hour."""
    return min(60 * 2**retries, 3600)


@shared_task(bind=True, max_retries=MAX_RETRIES)
def deliver_mail(self, notification_id: int) -> None:
    """Send one notification's mail, if it is still waiting."""
    error = _send(notification_id)
    if error is None:
        return
    if self.request.is_eager:
        return  # no worker to wait in: the sweep (`retry_mail`) tries again
    if self.request.retries < MAX_RETRIES:
        raise self.retry(exc=error, countdown=_backoff(self.request.retries))


def _send(notification_id: int) -> Exception | None:
    with transaction.atomic():
        notification = (
            Notification.objects.select_for_update()
            .select_related("recipient")
            .filter(pk=notification_id, mail=Notification.Mail.PENDING)
            .first()
        )
        if notification is None:
            return None  # sent already, no longer wanted, or gone
        now = timezone.now()
        notification.mail_attempts += 1
        notification.mail_tried_at = now
        try:
            mail.single(notification).send()
        except MAIL_ERRORS as error:
            log.warning("mail for notification %s failed: %s", notification_id, error)
            notification.mail_error = str(error)[:300]
            notification.save(update_fields=["mail_attempts", "mail_tried_at", "mail_error"])
            return error
        notification.mail = Notification.Mail.SENT
        notification.mailed_at = now
        notification.mail_error = ""
        notification.save(
            update_fields=["mail", "mailed_at", "mail_attempts", "mail_tried_at", "mail_error"]
        )
    return None


@shared_task
def retry_mail() -> int:
    """Send every mail still waiting after its last attempt (a mail server that was down, a
    broker that was unreachable when the task was queued). Returns how many were sent."""
    since = timezone.now() - SWEEP_AFTER
    waiting = Notification.objects.filter(mail=Notification.Mail.PENDING).filter(
        Q(mail_tried_at__lt=since) | Q(mail_tried_at__isnull=True, created_at__lt=since)
    )
    sent = 0
    for notification_id in waiting.values_list("pk", flat=True).iterator():
        if _send(notification_id) is None:
            sent += 1
    return sent


@shared_task
def send_digests() -> int:
    """One mail per person with the notifications they chose to receive as a daily digest.
    Returns how many mails were sent."""
    recipients = (
        Notification.objects.filter(mail=Notification.Mail.DIGEST)
        .values_list("recipient_id", flat=True)
        .distinct()
    )
    sent = 0
    for recipient_id in list(recipients):
        sent += _send_digest(recipient_id)
    return sent


def _send_digest(recipient_id: int) -> int:
    with transaction.atomic():
        waiting = list(
            Notification.objects.select_for_update(skip_locked=True)
            .select_related("recipient")
            .filter(recipient_id=recipient_id, mail=Notification.Mail.DIGEST)
            .order_by("created_at", "pk")
        )
        if not waiting:
            return 0
        user = waiting[0].recipient
        try:
            mail.digest(user, waiting, waiting[-1].language).send()
        except MAIL_ERRORS as error:
            log.warning("digest for user %s failed: %s", recipient_id, error)
            return 0  # still waiting: the next run sends it
        Notification.objects.filter(pk__in=[n.pk for n in waiting]).update(
            mail=Notification.Mail.SENT, mailed_at=timezone.now()
        )
    return 1
