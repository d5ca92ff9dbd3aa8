"""E-mail to the people who must act next. Called from `transaction.on_commit`, so nobody is told
of a change that was rolled back. Plain text, in Indonesian (the portal's language)."""

from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mass_mail
from django.db.models import QuerySet
from django.utils import translation
from django.utils.translation import gettext as _

from agencies.models import Agency, Role
from catalog.models import Collaboration

if TYPE_CHECKING:  # the model AUTH_USER_MODEL names, as the Django plugin resolves it
    from django.contrib.auth.models import User


def _send(recipients: Iterable["User"], subject: str, body: str) -> None:
    # A name may hold line breaks; a subject must not (it would be a header injection).
    subject = " ".join(str(subject).split())[:200]
    addresses = sorted({user.email for user in recipients if user.email and user.is_active})
    if not addresses:
        return
    messages = [(subject, body, settings.DEFAULT_FROM_EMAIL, [address]) for address in addresses]
    send_mass_mail(messages, fail_silently=False)


def _managers_of(agency: Agency) -> "QuerySet[User]":
    return get_user_model().objects.filter(
        memberships__agency=agency, memberships__role=Role.MANAGER, is_active=True
    )


def collaboration_invited(collaboration: Collaboration) -> None:
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("Invitation to co-curate %(product)s") % {"product": collaboration.product}
        body = _(
            "%(owner)s invites %(agency)s to co-curate the product %(product)s.\n"
            "Contribution: %(note)s\n\nAnswer in the workspace: /ruang-kerja/kolaborasi/"
        ) % {
            "owner": collaboration.product.owner_agency,
            "agency": collaboration.agency,
            "product": collaboration.product,
            "note": collaboration.note or "-",
        }
    _send(_managers_of(collaboration.agency), subject, body)


def collaboration_answered(collaboration: Collaboration) -> None:
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("%(agency)s answered your invitation: %(status)s") % {
            "agency": collaboration.agency,
            "status": collaboration.get_status_display(),
        }
        body = _("Product: %(product)s\nAnswer: %(status)s") % {
            "product": collaboration.product,
            "status": collaboration.get_status_display(),
        }
    _send([collaboration.invited_by], subject, body)
