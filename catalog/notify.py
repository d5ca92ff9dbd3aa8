"""Who hears of a co-curation invitation and its answer: a notification in the workspace and the
e-mail each person chose (notifications.services.notify), written in the same transaction as the
change, so nobody is told of a change that was rolled back."""

from typing import TYPE_CHECKING

from django.contrib.auth import get_user_model
from django.db.models import QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _

from agencies.models import Agency, Role
from catalog.models import Collaboration
from notifications.models import Kind
from notifications.services import notify

if TYPE_CHECKING:  # the model AUTH_USER_MODEL names, as the Django plugin resolves it
    from django.contrib.auth.models import User


def managers_of(agency: Agency | int) -> "QuerySet[User]":
    return get_user_model().objects.filter(
        memberships__agency=agency, memberships__role=Role.MANAGER, is_active=True
    )


def collaboration_invited(collaboration: Collaboration) -> None:
    def message() -> tuple[str, str]:
        title = _("Invitation to co-curate %(product)s") % {"product": collaboration.product}
        body = _(
            "%(owner)s invites %(agency)s to co-curate the product %(product)s.\n"
            "Contribution: %(note)s"
        ) % {
            "owner": collaboration.product.owner_agency,
            "agency": collaboration.agency,
            "product": collaboration.product,
            "note": collaboration.note or "-",
        }
        return title, body

    notify(
        managers_of(collaboration.agency),
        Kind.COLLABORATION_INVITED,
        message,
        link=reverse("workspace-collaborations"),
    )


def collaboration_answered(collaboration: Collaboration) -> None:
    def message() -> tuple[str, str]:
        title = _("%(agency)s answered your invitation: %(status)s") % {
            "agency": collaboration.agency,
            "status": collaboration.get_status_display(),
        }
        body = _("Product: %(product)s\nAnswer: %(status)s") % {
            "product": collaboration.product,
            "status": collaboration.get_status_display(),
        }
        return title, body

    if collaboration.invited_by is None:
        return
    notify(
        [collaboration.invited_by],
        Kind.COLLABORATION_ANSWERED,
        message,
        link=reverse("workspace-collaborations"),
    )
