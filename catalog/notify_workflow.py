"""Who hears of a nomination's step (after the transaction commits): the people who act next."""

from typing import TYPE_CHECKING

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import QuerySet
from django.utils import translation
from django.utils.translation import gettext as _

from agencies.models import EDITING_ROLES, Role
from catalog import rules
from catalog.models import Nomination, NominationEvent
from catalog.notify import _send

if TYPE_CHECKING:  # the model AUTH_USER_MODEL names, as the Django plugin resolves it
    from django.contrib.auth.models import User
else:
    User = get_user_model()

State = Nomination.State


def _nominators(nomination: Nomination) -> "QuerySet[User]":
    return User.objects.filter(
        memberships__agency=nomination.agency_id,
        memberships__role__in=EDITING_ROLES,
        is_active=True,
    )


def _reviewers(nomination: Nomination) -> "QuerySet[User]":
    reviewers = User.objects.filter(
        memberships__agency__is_leading_sector=True,
        memberships__role=Role.REVIEWER,
        is_active=True,
    )
    if nomination.submitted_by_id is None:
        return reviewers
    return reviewers.exclude(pk=nomination.submitted_by_id)


def _administrators() -> "QuerySet[User]":
    """Whoever holds the administrators' permission, through the group, directly or as a
    superuser: the same test as rules.is_administrator."""
    return User.objects.with_perm(
        rules.ADMINISTRATOR_PERMISSION,
        is_active=True,
        backend="django.contrib.auth.backends.ModelBackend",
    )


def moved(nomination: Nomination, event: NominationEvent) -> None:
    """E-mail the next actors of `event`: reviewers after a submission, administrators after a
    recommendation, the nominating agency after a review or a decision."""
    to_state = event.to_state
    if event.action == NominationEvent.Action.REVOKE or to_state in {
        State.CHANGES_REQUESTED,
        State.REJECTED,
        State.APPROVED,
    }:
        recipients = list(_nominators(nomination))
    elif to_state == State.SUBMITTED:
        recipients = list(_reviewers(nomination))
    elif to_state == State.RECOMMENDED:
        recipients = list(_administrators())
    else:
        return
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("Flagship nomination of %(product)s: %(state)s") % {
            "product": nomination.product.name,
            "state": nomination.get_state_display(),
        }
        body = _(
            "%(actor)s took the step “%(action)s” on the nomination of %(product)s.\n"
            "Comment: %(comment)s\n\nWorkspace: /ruang-kerja/usulan/%(id)s/"
        ) % {
            "actor": event.actor.get_full_name() or event.actor.username,
            "action": event.get_action_display(),
            "product": nomination.product.name,
            "comment": event.comment or "-",
            "id": nomination.pk,
        }
    _send([user for user in recipients if user.pk != event.actor_id], subject, body)
