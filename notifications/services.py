"""Telling people: `notify` writes each recipient's Notification in their language and queues the
e-mail their preference asks for. Every notice the portal gives goes through here."""

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from django.conf import settings
from django.utils import translation

from notifications.models import Delivery, Kind, Notification, Preference, Reader
from notifications.tasks import deliver_mail
from umkm_portal.tasks import after_commit

if TYPE_CHECKING:  # the model AUTH_USER_MODEL names, as the Django plugin resolves it
    from django.contrib.auth.models import User

#: Writes (title, text) in the active language; called once per language among the recipients.
Message = Callable[[], tuple[str, str]]


def one_line(text: str, limit: int = 300) -> str:
    """A title or subject: no line breaks (a subject with one would be a header injection)."""
    return " ".join(str(text).split())[:limit]


def notify(
    recipients: Iterable["User"],
    kind: Kind | str,
    message: Message,
    *,
    link: str = "",
    actor_id: int | None = None,
) -> list[Notification]:
    """Every active recipient (once, whatever the iterable repeats) gets the notification in the
    workspace; those who want it by e-mail at once get a mail sent by a task after the commit,
    those who chose the digest get it in the next one. Whoever took the step (`actor_id`) is not
    told of it."""
    users = list(
        {
            user.pk: user
            for user in recipients
            if user.is_active and (actor_id is None or user.pk != actor_id)
        }.values()
    )
    if not users:
        return []
    languages = dict(Reader.objects.filter(user__in=users).values_list("user_id", "language"))
    deliveries = dict(
        Preference.objects.filter(user__in=users, kind=kind).values_list("user_id", "delivery")
    )
    texts: dict[str, tuple[str, str]] = {}
    notifications = []
    for user in users:
        language = languages.get(user.pk, settings.LANGUAGE_CODE)
        if language not in texts:
            with translation.override(language):
                title, body = message()
            texts[language] = (one_line(title), str(body))
        title, body = texts[language]
        notifications.append(
            Notification(
                recipient=user,
                kind=kind,
                title=title,
                body=body,
                link=link,
                language=language,
                mail=_mail_for(user, deliveries.get(user.pk, Delivery.IMMEDIATE)),
            )
        )
    Notification.objects.bulk_create(notifications)
    for notification in notifications:
        if notification.mail == Notification.Mail.PENDING:
            after_commit(deliver_mail, notification.pk)
    return notifications


def _mail_for(user: "User", delivery: str) -> str:
    if not user.email or delivery == Delivery.NONE:
        return Notification.Mail.NOT_SENT
    if delivery == Delivery.DIGEST:
        return Notification.Mail.DIGEST
    return Notification.Mail.PENDING
