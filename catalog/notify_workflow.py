"""Who hears of a nomination's step: the people who act next, told in the same transaction as the
step (notifications.services.notify), mailed after it commits."""

from typing import TYPE_CHECKING

from django.contrib.auth import get_user_model
from django.db.models import QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _

from agencies.models import EDITING_ROLES, Role
from catalog import rules
from catalog.models import Nomination, NominationEvent
from notifications.models import Kind
from notifications.services import notify

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

    def message() -> tuple[str, str]:
        title = _("Flagship nomination of %(product)s: %(state)s") % {
            "product": nomination.product.name,
            "state": nomination.get_state_display(),
        }
        body = _(
            "%(actor)s took the step “%(action)s” on the nomination of %(product)s.\n"
            "Comment: %(comment)s"
        ) % {
            "actor": event.actor.get_full_name() or event.actor.username,
            "action": event.get_action_display(),
            "product": nomination.product.name,
            "comment": event.comment or "-",
        }
        return title, body

    notify(
        recipients,
        Kind.NOMINATION_MOVED,
        message,
        link=reverse("workspace-nomination", args=[nomination.pk]),
        actor_id=event.actor_id,
    )
