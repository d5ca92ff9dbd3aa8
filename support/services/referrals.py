"""Referrals between agencies: send; the receiver accepts, declines, completes; the sender
cancels. When two people answer at the same moment, exactly one wins (row lock, then state)."""

import datetime
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from agencies.models import Agency
from catalog.models import Business
from support import notify, rules
from support.models import Referral, Stage
from support.services import steps
from support.services.steps import Step
from umkm_portal.services import require, save_valid

if TYPE_CHECKING:
    from django.utils.functional import _StrPromise

    StrOrPromise = str | _StrPromise

R = Referral.Status
#: Days the receiving agency has to answer unless the sender says otherwise.
ANSWER_DAYS = 14


STEPS: dict[str, Step] = {
    "accept": Step((R.SENT,), R.ACCEPTED, rules.can_respond_to_referral, gettext_lazy("Accept")),
    "decline": Step(
        (R.SENT,), R.DECLINED, rules.can_respond_to_referral, gettext_lazy("Decline"), True
    ),
    "complete": Step(
        (R.ACCEPTED,), R.COMPLETED, rules.can_respond_to_referral, gettext_lazy("Complete")
    ),
    "cancel": Step(
        (R.SENT, R.ACCEPTED), R.CANCELLED, rules.can_cancel_referral, gettext_lazy("Cancel"), True
    ),
}


def allowed_steps(referral: Referral, user) -> list[str]:
    """The steps this user may take on this referral now (the buttons a page shows). `user` may
    be their `rules.Editor`, read once for a page of many referrals."""
    return steps.allowed_steps(STEPS, referral, user)


def check(referral: Referral, user, action: str) -> Step:
    """403 when the user may not take this step at all, then 409 when not from this state."""
    refused = _("This referral is %(status)s: it cannot be changed this way now.")
    return steps.check(STEPS, referral, user, action, refused)


@transaction.atomic
def send_referral(
    *,
    by,
    from_agency: Agency,
    to_agency: Agency,
    business: Business,
    stage: Stage,
    reason: str,
    due_on: datetime.date | None = None,
) -> Referral:
    require(rules.can_send_referral(by, from_agency))
    if to_agency.pk == from_agency.pk:
        raise ValidationError({"to_agency": _("Refer the business to another agency.")})
    if not business.is_active:
        raise ValidationError({"business": _("This business is inactive.")})
    referral = Referral(
        business=business,
        from_agency=from_agency,
        to_agency=to_agency,
        stage=stage,
        reason=reason,
        due_on=due_on or timezone.localdate() + datetime.timedelta(days=ANSWER_DAYS),
        sent_by=by,
    )
    if referral.due_on < timezone.localdate():
        raise ValidationError({"due_on": _("The answer cannot be due in the past.")})
    save_valid(referral, by)
    notify.referral_sent(referral)
    return referral


@transaction.atomic
def answer_referral(*, referral: Referral, by, action: str, note: str = "") -> Referral:
    """Take one step (`accept`, `decline`, `complete`, `cancel`) with an optional note (required
    to decline or cancel)."""
    if action not in STEPS:
        raise ValidationError({"action": _("Unknown step.")})
    referral = Referral.objects.select_for_update().get(pk=referral.pk)
    step = check(referral, by, action)
    if step.says_why and not note.strip():
        raise ValidationError({"note": _("Say why.")})
    now = timezone.now()
    if action in ("accept", "decline"):
        referral.answered_by, referral.answered_at, referral.answer_note = by, now, note
    elif action == "complete":
        referral.completed_by, referral.completed_at, referral.completion_note = by, now, note
    else:
        referral.cancelled_by, referral.cancelled_at, referral.cancel_note = by, now, note
    referral.status = step.target
    save_valid(referral, by)
    notify.referral_answered(referral, by)
    return referral
