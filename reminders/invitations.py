"""Reminders to people invited to the portal who have not set their password a week later."""

import datetime
from collections.abc import Iterator

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
from django.db.models import Min, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from notifications.models import Kind

from .base import INVITATION_DAYS, WINDOW, Due, Notice, day, unsent


def members(today: datetime.date) -> Iterator[Due]:
    """Active accounts without a usable password (invited, `agencies.services.invited_account`)
    whose first membership, of an agency or of a partner, is 7 days old (and at most the window
    older) → the invitee, whose mail carries a fresh link to set the password
    (notifications.mail). One reminder per account, whatever the number of memberships."""
    last_day = today - datetime.timedelta(days=INVITATION_DAYS)
    first_day = last_day - datetime.timedelta(days=WINDOW)
    found = (
        get_user_model()
        .objects.filter(is_active=True, password__startswith=UNUSABLE_PASSWORD_PREFIX)
        .annotate(
            agency_since=Min("memberships__created_at"),
            partner_since=Min("partner_memberships__created_at"),
        )
        .filter(Q(agency_since__isnull=False) | Q(partner_since__isnull=False))
        .order_by("pk")
    )
    waiting = {}
    for user in found:
        since = min(m for m in (user.agency_since, user.partner_since) if m is not None)
        invited_on = timezone.localtime(since).date()
        if first_day <= invited_on <= last_day:
            waiting[user.pk] = (user, invited_on)
    pairs = ((user, 0) for user, _day in waiting.values())
    for user, _zero in unsent(Kind.INVITATION_WAITING, pairs):
        invited_on = waiting[user.pk][1]
        places = sorted(
            {m.agency.name for m in user.memberships.select_related("agency")}
            | {m.partner.name for m in user.partner_memberships.select_related("partner")}
        )

        def message(invited_on=invited_on, places=places) -> tuple[str, str]:
            words = {"where": ", ".join(places), "date": day(invited_on)}
            title = _("Your invitation to Etalase UMKM Babel is waiting")
            body = (
                _(
                    "You were added to %(where)s on %(date)s and have not set your password yet. "
                    "Set it to sign in and start working in the workspace."
                )
                % words
            )
            return title, body

        yield Due(
            Kind.INVITATION_WAITING,
            user.pk,
            0,
            [Notice([user], Kind.INVITATION_WAITING, message, reverse("workspace"))],
        )
