"""Who hears of a nomination's step (after the transaction commits): the people who act next."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils import translation
from django.utils.translation import gettext as _

from agencies.models import EDITING_ROLES, Role
from catalog import rules
from catalog.notify import _send

User = get_user_model()


def _nominators(nomination):
    return User.objects.filter(
        memberships__agency=nomination.agency_id, memberships__role__in=EDITING_ROLES
    )


def _reviewers(nomination):
    return User.objects.filter(
        memberships__agency__is_leading_sector=True, memberships__role=Role.REVIEWER
    ).exclude(pk=nomination.submitted_by_id)


def _administrators():
    group = User.objects.filter(groups__name=rules.ADMINISTRATOR_GROUP)
    return (group | User.objects.filter(is_superuser=True)).distinct()


def moved(nomination, event):
    """E-mail the next actors of `event`: reviewers after a submission, administrators after a
    recommendation, the nominating agency after a review or a decision."""
    to_state = event.to_state
    if event.action == "revoke" or to_state in {"changes_requested", "rejected", "approved"}:
        recipients = list(_nominators(nomination))
    elif to_state == "submitted":
        recipients = list(_reviewers(nomination))
    elif to_state == "recommended":
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
            "action": event.action,
            "product": nomination.product.name,
            "comment": event.comment or "-",
            "id": nomination.pk,
        }
    _send([user for user in recipients if user.pk != event.actor_id], subject, body)
