"""Mail tasks. Each is safe to run twice: a notification's mail is sent while its row is locked
and marked sent in the same transaction, so a retry, the sweep and a second worker never send it
again. A failed attempt is written down; with a worker the task retries with a growing delay, and
`retry_mail` (every ten minutes by beat, or `manage.py send_reminders` from cron) sends whatever
is still waiting, failed digests included, so no mail is lost to a mail server that was down.

Without a worker the mail is sent in the process that committed the change, after the commit:
the request waits for the mail server, at most EMAIL_TIMEOUT. Once the server has failed, the
requests of the next minute do not wait for it again (MAIL_SERVER_RESTS): their mails wait for
the sweep."""

import logging
import smtplib
from datetime import timedelta

from celery import shared_task
from django.core.cache import cache
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from notifications import mail
from notifications.models import Notification

log = logging.getLogger(__name__)

#: What a mail server that is down, refusing or slow raises (smtplib's errors are OSErrors).
MAIL_ERRORS = (smtplib.SMTPException, OSError)
#: What the server says about one mail (a refused address or message), not about itself.
REFUSED_THIS_MAIL = (
    smtplib.SMTPRecipientsRefused,
    smtplib.SMTPSenderRefused,
    smtplib.SMTPDataError,
)
#: A waiting mail is swept up once its last attempt (or its creation) is this old.
SWEEP_AFTER = timedelta(minutes=10)
MAX_RETRIES = 8
#: Seconds during which requests, after a failure, leave their mails to the sweep.
MAIL_SERVER_RESTS = 60
_SERVER_DOWN_KEY = "notifications:mail-server-down"


def _backoff(retries: int) -> int:
    """Seconds before the next attempt: 1, 2, 4 … minutes, at most an hour."""
    return min(60 * 2**retries, 3600)


def _server_down(error: Exception) -> bool:
    return not isinstance(error, REFUSED_THIS_MAIL)


@shared_task(bind=True, max_retries=MAX_RETRIES)
def deliver_mail(self, notification_id: int) -> None:
    """Send one notification's mail, if it is still waiting."""
    if self.request.is_eager and cache.get(_SERVER_DOWN_KEY):
        return  # the server failed a moment ago: the request does not wait for it again
    outcome = _send(notification_id)
    if not isinstance(outcome, Exception):
        return
    if self.request.is_eager:
        if _server_down(outcome):
            cache.set(_SERVER_DOWN_KEY, True, MAIL_SERVER_RESTS)
        return  # no worker to wait in: the sweep (`retry_mail`) tries again
    if self.request.retries < MAX_RETRIES:
        raise self.retry(exc=outcome, countdown=_backoff(self.request.retries))


def _send(notification_id: int) -> bool | Exception:
    """Send the notification's mail if it is waiting: True when sent, False when there was
    nothing to send (sent already, no longer wanted, or gone), the error when the attempt failed
    (written down on the notification)."""
    with transaction.atomic():
        notification = (
            Notification.objects.select_for_update()
            .select_related("recipient")
            .filter(pk=notification_id, mail=Notification.Mail.PENDING)
            .first()
        )
        if notification is None:
            return False
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
    return True


@shared_task
def retry_mail() -> int:
    """Send every mail still waiting after its last attempt (a mail server that was down, a
    broker that was unreachable when the task was queued), and every digest whose sending
    failed. Stops at the first sign that the server is down: the rest wait for the next run.
    Returns how many mails were sent."""
    since = timezone.now() - SWEEP_AFTER
    waiting = Notification.objects.filter(mail=Notification.Mail.PENDING).filter(
        Q(mail_tried_at__lt=since) | Q(mail_tried_at__isnull=True, created_at__lt=since)
    )
    failed_digests = Notification.objects.filter(
        mail=Notification.Mail.DIGEST, mail_attempts__gt=0, mail_tried_at__lt=since
    )
    sent = 0
    for notification_id in list(waiting.order_by("pk").values_list("pk", flat=True)):
        outcome = _send(notification_id)
        if isinstance(outcome, Exception) and _server_down(outcome):
            return sent
        sent += outcome is True
    for recipient_id in list(failed_digests.values_list("recipient_id", flat=True).distinct()):
        outcome = _send_digest(recipient_id)
        if isinstance(outcome, Exception) and _server_down(outcome):
            return sent
        sent += outcome is True
    return sent


@shared_task
def send_digests() -> int:
    """One mail per person with the notifications they chose to receive as a daily digest.
    Returns how many mails were sent; a digest that fails waits for `retry_mail`."""
    recipients = (
        Notification.objects.filter(mail=Notification.Mail.DIGEST)
        .values_list("recipient_id", flat=True)
        .distinct()
    )
    sent = 0
    for recipient_id in list(recipients):
        outcome = _send_digest(recipient_id)
        if isinstance(outcome, Exception) and _server_down(outcome):
            break  # the rest wait for `retry_mail`, as this one does
        sent += outcome is True
    return sent


def _send_digest(recipient_id: int) -> bool | Exception:
    """Like `_send`, for all of a person's notifications that wait for the digest."""
    with transaction.atomic():
        waiting = list(
            Notification.objects.select_for_update(skip_locked=True)
            .select_related("recipient")
            .filter(recipient_id=recipient_id, mail=Notification.Mail.DIGEST)
            .order_by("created_at", "pk")
        )
        if not waiting:
            return False
        user = waiting[0].recipient
        now = timezone.now()
        tried = Notification.objects.filter(pk__in=[n.pk for n in waiting])
        try:
            mail.digest(user, waiting, waiting[-1].language).send()
        except MAIL_ERRORS as error:
            log.warning("digest for user %s failed: %s", recipient_id, error)
            tried.update(
                mail_attempts=F("mail_attempts") + 1, mail_tried_at=now, mail_error=str(error)[:300]
            )
            return error  # still waiting: `retry_mail` sends it
        tried.update(
            mail=Notification.Mail.SENT,
            mailed_at=now,
            mail_attempts=F("mail_attempts") + 1,
            mail_tried_at=now,
            mail_error="",
        )
    return True
