"""The e-mails: one per notification, or one digest of several, in the language the notification
was written in, with absolute links (SITE_URL) and a line on how to change what arrives by mail."""

from collections.abc import Sequence

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import EmailMessage
from django.urls import reverse
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from notifications.models import Kind, Notification

#: Kinds whose mail carries a fresh link to set a password, for an invitee who has none yet.
INVITATIONS = {Kind.INVITED, Kind.INVITATION_WAITING}


def absolute(path: str) -> str:
    return f"{settings.SITE_URL}{path}" if path.startswith("/") else path


def subject(text: str) -> str:
    """One line: a line break in a subject is refused by Django (header injection), which would
    fail the mail at every attempt. Titles are made one line when written; this holds for any."""
    return " ".join(str(text).split())


def _footer() -> str:
    return _("Change which notifications reach you by e-mail: %(link)s") % {
        "link": absolute(reverse("workspace-notification-settings"))
    }


def _password_link(user) -> str:
    """A single-use, expiring link (Django's password-reset token) for an invited account."""
    path = reverse(
        "password_reset_confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )
    return absolute(path)


def single(notification: Notification) -> EmailMessage:
    user = notification.recipient
    with translation.override(notification.language):
        lines = [notification.body] if notification.body else []
        if notification.kind in INVITATIONS and not user.has_usable_password():
            lines.append(
                _("Set your password with this link (it works once and expires): %(link)s")
                % {"link": _password_link(user)}
            )
        elif notification.link:
            lines.append(
                _("Open it in the workspace: %(link)s") % {"link": absolute(notification.link)}
            )
        lines += ["", "-- ", _footer()]
    return EmailMessage(
        subject=subject(notification.title),
        body="\n".join(lines),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[user.email],
    )


def digest(user, notifications: Sequence[Notification], language: str) -> EmailMessage:
    with translation.override(language):
        title = _("Etalase UMKM Babel: %(count)s new notifications") % {"count": len(notifications)}
        lines = []
        for notification in notifications:
            lines.append(f"• {subject(notification.title)}")
            if notification.link:
                lines.append(f"  {absolute(notification.link)}")
        lines += [
            "",
            _("All your notifications: %(link)s")
            % {"link": absolute(reverse("workspace-notifications"))},
            "",
            "-- ",
            _footer(),
        ]
    return EmailMessage(
        subject=subject(title),
        body="\n".join(lines),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[user.email],
    )
